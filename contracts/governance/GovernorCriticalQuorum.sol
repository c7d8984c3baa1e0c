// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {GovernorVotesQuorumFraction} from
    "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {IGovernorCriticalQuorum} from "./IGovernorCriticalQuorum.sol";

/// @title GovernorCriticalQuorum
/// @notice See {IGovernorCriticalQuorum}.
/// @dev An allow-list, not a deny-list: a deny-list of critical selectors misses siblings
/// (`renounceOwnership` next to `transferOwnership`) and effects reached in parts, while an action nobody
/// classified here is critical by default. Only critical proposals store their numerator (routine ones
/// keep OZ's checkpointed quorum).
abstract contract GovernorCriticalQuorum is GovernorVotesQuorumFraction, IGovernorCriticalQuorum {
    uint256 private _criticalQuorumNumerator;
    mapping(bytes32 actionKey => bool) private _routineActions;
    mapping(uint256 proposalId => uint256) private _criticalProposalNumerator;

    /// @param routineTargets With `routinePrefixes`, the actions that need only the normal quorum.
    constructor(uint256 criticalNumerator, address[] memory routineTargets, bytes[] memory routinePrefixes) {
        _setCriticalQuorumNumerator(criticalNumerator);
        for (uint256 i = 0; i < routineTargets.length; ++i) {
            _setRoutineAction(routineTargets[i], routinePrefixes[i], true);
        }
    }

    /// @inheritdoc IGovernorCriticalQuorum
    function criticalQuorumNumerator() public view virtual returns (uint256) {
        return _criticalQuorumNumerator;
    }

    /// @inheritdoc IGovernorCriticalQuorum
    function isRoutineAction(address target, bytes calldata prefix) public view virtual returns (bool) {
        return _routineActions[_prefixKey(target, prefix)];
    }

    /// @inheritdoc IGovernorCriticalQuorum
    function isCriticalCall(address target, uint256 value, bytes calldata data) public view virtual returns (bool) {
        return _isCriticalCall(target, value, data);
    }

    /// @inheritdoc IGovernorCriticalQuorum
    function proposalIsCritical(uint256 proposalId) public view virtual returns (bool) {
        return _criticalProposalNumerator[proposalId] != 0;
    }

    /// @inheritdoc IGovernorCriticalQuorum
    function proposalQuorumNumerator(uint256 proposalId) public view virtual returns (uint256) {
        uint256 critical = _criticalProposalNumerator[proposalId];
        return critical != 0 ? critical : quorumNumerator(proposalSnapshot(proposalId));
    }

    /// @inheritdoc IGovernorCriticalQuorum
    function proposalQuorum(uint256 proposalId) public view virtual returns (uint256) {
        uint256 snapshot = proposalSnapshot(proposalId);
        uint256 critical = _criticalProposalNumerator[proposalId];
        if (critical == 0) return quorum(snapshot);
        return (token().getPastTotalSupply(snapshot) * critical) / quorumDenominator();
    }

    /// @inheritdoc IGovernorCriticalQuorum
    function setRoutineAction(address target, bytes calldata prefix, bool routine) public virtual onlyGovernance {
        _setRoutineAction(target, prefix, routine);
    }

    /// @inheritdoc IGovernorCriticalQuorum
    function setCriticalQuorumNumerator(uint256 newNumerator) public virtual onlyGovernance {
        _setCriticalQuorumNumerator(newNumerator);
    }

    function _setRoutineAction(address target, bytes memory prefix, bool routine) internal virtual {
        bytes32 key = _prefixKey(target, prefix);
        emit RoutineActionSet(target, prefix, routine);
        _routineActions[key] = routine;
    }

    function _setCriticalQuorumNumerator(uint256 newNumerator) internal virtual {
        uint256 minimum = quorumNumerator();
        uint256 denominator = quorumDenominator();
        if (newNumerator < minimum || newNumerator > denominator) {
            revert GovernorInvalidCriticalQuorum(newNumerator, minimum, denominator);
        }
        emit CriticalQuorumNumeratorUpdated(_criticalQuorumNumerator, newNumerator);
        _criticalQuorumNumerator = newNumerator;
    }

    /// @dev The other side of the order: the normal quorum may not rise above the critical one. The check is
    /// skipped only while the critical numerator is unset, i.e. during construction (the normal quorum is
    /// set first; {_setCriticalQuorumNumerator} then checks the order).
    function _updateQuorumNumerator(uint256 newQuorumNumerator) internal virtual override {
        uint256 critical = _criticalQuorumNumerator;
        if (critical != 0 && newQuorumNumerator > critical) {
            revert GovernorQuorumAboveCritical(newQuorumNumerator, critical);
        }
        super._updateQuorumNumerator(newQuorumNumerator);
    }

    /// @dev Fixes the critical quorum on the proposal when any of its calls is critical.
    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal virtual override returns (uint256 proposalId) {
        proposalId = super._propose(targets, values, calldatas, description, proposer);
        for (uint256 i = 0; i < targets.length; ++i) {
            if (_isCriticalCall(targets[i], values[i], calldatas[i])) {
                uint256 numerator = _criticalQuorumNumerator;
                _criticalProposalNumerator[proposalId] = numerator;
                emit ProposalMarkedCritical(proposalId, numerator);
                break;
            }
        }
    }

    function _isCriticalCall(address target, uint256 value, bytes memory data) private view returns (bool) {
        if (value != 0 || data.length < 4) return true;
        bytes4 selector = bytes4(data);
        if (_routineActions[_actionKey(target, selector, false, 0)]) return false;
        return data.length < 36 || !_routineActions[_actionKey(target, selector, true, _firstArgument(data))];
    }

    /// @dev The key of a 4-byte (selector) or 36-byte (selector + first argument) prefix.
    function _prefixKey(address target, bytes memory prefix) private pure returns (bytes32) {
        if (prefix.length == 4) return _actionKey(target, bytes4(prefix), false, 0);
        if (prefix.length == 36) return _actionKey(target, bytes4(prefix), true, _firstArgument(prefix));
        revert GovernorInvalidActionPrefix(prefix.length);
    }

    function _actionKey(address target, bytes4 selector, bool withArgument, bytes32 argument)
        private
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(target, selector, withArgument, argument));
    }

    /// @dev The 32-byte word after the selector; callers check the length is at least 36. One reviewed
    /// read: proposal calldata is in memory here, where slicing (`data[4:36]`) is not available.
    function _firstArgument(bytes memory data) private pure returns (bytes32 argument) {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            argument := mload(add(data, 36))
        }
    }
}
