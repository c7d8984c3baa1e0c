// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IGovernorCriticalQuorum
/// @notice A governor extension that makes every proposal pass a higher quorum unless all of its calls
/// are *routine*. Critical is the default: an action the DAO has not explicitly listed as routine — a new
/// contract, a new function, a value transfer, a sibling of a routine function — needs the critical quorum.
/// @dev A routine action is a call target plus a calldata prefix: either a 4-byte selector (every call of
/// that function is routine) or a selector followed by its first 32-byte argument (only calls with that
/// first argument are routine, e.g. `publishPolicy(SLA, ...)` but not `publishPolicy(SecurityScript, ...)`).
/// A proposal is critical when any of its calls is not routine or carries value. The quorum a proposal
/// needs is fixed when it is proposed. The critical quorum is never below the normal quorum: both setters
/// check the order.
interface IGovernorCriticalQuorum {
    /// @notice The critical-quorum numerator is not within `[quorumNumerator, quorumDenominator]`.
    /// @param numerator The numerator refused.
    /// @param minimum The normal quorum numerator it may not go below.
    /// @param denominator The quorum denominator it may not exceed.
    error GovernorInvalidCriticalQuorum(uint256 numerator, uint256 minimum, uint256 denominator);

    /// @notice The normal quorum numerator may not exceed the critical one (else a critical proposal
    /// would need less support than a routine one).
    /// @param quorumNumerator The normal quorum numerator refused.
    /// @param criticalQuorumNumerator The critical quorum numerator in force.
    error GovernorQuorumAboveCritical(uint256 quorumNumerator, uint256 criticalQuorumNumerator);

    /// @notice A routine-action prefix must be 4 bytes (selector) or 36 bytes (selector + first argument).
    /// @param length The length given.
    error GovernorInvalidActionPrefix(uint256 length);

    /// @notice Emitted when the numerator of the critical-action quorum changes.
    /// @param oldNumerator The previous numerator.
    /// @param newNumerator The new numerator (over {quorumDenominator}).
    event CriticalQuorumNumeratorUpdated(uint256 oldNumerator, uint256 newNumerator);

    /// @notice Emitted when an action is added to or removed from the routine list.
    /// @param target The contract the action is called on.
    /// @param prefix The calldata prefix (selector, or selector + first argument).
    /// @param routine Whether the action is now routine (normal quorum) rather than critical.
    event RoutineActionSet(address indexed target, bytes prefix, bool routine);

    /// @notice Emitted at `propose` time for every proposal that needs the critical quorum.
    /// @param proposalId The proposal.
    /// @param quorumNumerator The quorum numerator fixed for it.
    event ProposalMarkedCritical(uint256 indexed proposalId, uint256 quorumNumerator);

    /// @notice The numerator of the quorum a critical proposal needs (over {quorumDenominator}).
    /// @return The critical quorum numerator.
    function criticalQuorumNumerator() external view returns (uint256);

    /// @notice Whether calling `target` with `value` and `data` needs the critical quorum.
    /// @param target The contract called.
    /// @param value The native value sent (any value makes the call critical).
    /// @param data The calldata.
    /// @return True unless the call is routine and sends no value.
    function isCriticalCall(address target, uint256 value, bytes calldata data) external view returns (bool);

    /// @notice Whether `prefix` on `target` is on the routine list.
    /// @param target The contract.
    /// @param prefix A 4-byte selector or a 36-byte selector + first argument.
    /// @return Whether it is listed as routine.
    function isRoutineAction(address target, bytes calldata prefix) external view returns (bool);

    /// @notice Whether the proposal needs the critical quorum.
    /// @param proposalId The proposal.
    /// @return Whether it was marked critical at `propose` time.
    function proposalIsCritical(uint256 proposalId) external view returns (bool);

    /// @notice The quorum numerator fixed for the proposal when it was proposed.
    /// @param proposalId The proposal.
    /// @return The numerator (over {quorumDenominator}).
    function proposalQuorumNumerator(uint256 proposalId) external view returns (uint256);

    /// @notice The votes (For + Abstain) the proposal needs; reverts until its snapshot has passed.
    /// @param proposalId The proposal.
    /// @return The quorum in votes.
    function proposalQuorum(uint256 proposalId) external view returns (uint256);

    /// @notice Adds or removes a routine action. Only through governance (and, being a governor call,
    /// itself always critical).
    /// @param target The contract.
    /// @param prefix A 4-byte selector or a 36-byte selector + first argument.
    /// @param routine Whether the action is routine.
    function setRoutineAction(address target, bytes calldata prefix, bool routine) external;

    /// @notice Sets the critical-quorum numerator. Only through governance.
    /// @param newNumerator The new numerator, within `[quorumNumerator, quorumDenominator]`.
    function setCriticalQuorumNumerator(uint256 newNumerator) external;
}
