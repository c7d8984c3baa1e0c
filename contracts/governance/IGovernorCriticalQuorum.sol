// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IGovernorCriticalQuorum
/// @notice A governor extension that makes proposals touching "critical" actions pass a higher quorum.
/// @dev A critical action is a call target plus a calldata prefix: either a 4-byte selector (every call
/// of that function is critical) or a selector followed by its first 32-byte argument (only calls with
/// that first argument are critical, e.g. `publishPolicy(SecurityScript, ...)`). A proposal is critical
/// when any of its calls matches. The quorum a proposal needs is fixed when it is proposed.
interface IGovernorCriticalQuorum {
    /// @notice The critical-quorum numerator is not within `[quorumNumerator, quorumDenominator]`.
    error GovernorInvalidCriticalQuorum(uint256 numerator, uint256 minimum, uint256 denominator);

    /// @notice A critical-action prefix must be 4 bytes (selector) or 36 bytes (selector + first argument).
    error GovernorInvalidCriticalPrefix(uint256 length);

    /// @notice Emitted when the numerator of the critical-action quorum changes.
    /// @param oldNumerator The previous numerator.
    /// @param newNumerator The new numerator (over {quorumDenominator}).
    event CriticalQuorumNumeratorUpdated(uint256 oldNumerator, uint256 newNumerator);

    /// @notice Emitted when an action is added to or removed from the critical list.
    /// @param target The contract the action is called on.
    /// @param prefix The calldata prefix (selector, or selector + first argument).
    /// @param critical Whether the action is now critical.
    event CriticalActionSet(address indexed target, bytes prefix, bool critical);

    /// @notice Emitted at `propose` time for every proposal that needs the critical quorum.
    /// @param proposalId The proposal.
    /// @param quorumNumerator The quorum numerator fixed for it.
    event ProposalMarkedCritical(uint256 indexed proposalId, uint256 quorumNumerator);

    /// @notice The numerator of the quorum a critical proposal needs (over {quorumDenominator}).
    function criticalQuorumNumerator() external view returns (uint256);

    /// @notice Whether calling `target` with `data` is a critical action.
    function isCriticalCall(address target, bytes calldata data) external view returns (bool);

    /// @notice Whether `prefix` on `target` is on the critical list.
    function isCriticalAction(address target, bytes calldata prefix) external view returns (bool);

    /// @notice Whether the proposal needs the critical quorum.
    function proposalIsCritical(uint256 proposalId) external view returns (bool);

    /// @notice The quorum numerator fixed for the proposal when it was proposed.
    function proposalQuorumNumerator(uint256 proposalId) external view returns (uint256);

    /// @notice The votes (For + Abstain) the proposal needs; reverts until its snapshot has passed.
    function proposalQuorum(uint256 proposalId) external view returns (uint256);

    /// @notice Adds or removes a critical action. Only through governance.
    function setCriticalAction(address target, bytes calldata prefix, bool critical) external;

    /// @notice Sets the critical-quorum numerator. Only through governance.
    function setCriticalQuorumNumerator(uint256 newNumerator) external;
}
