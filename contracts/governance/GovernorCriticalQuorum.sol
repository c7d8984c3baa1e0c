// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorVotesQuorumFraction} from
    "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {IGovernorCriticalQuorum} from "./IGovernorCriticalQuorum.sol";

/// @title GovernorCriticalQuorum
/// @notice See {IGovernorCriticalQuorum}.
/// @dev Only critical proposals store their numerator (normal ones keep OZ's checkpointed quorum), so
/// a normal `propose` pays one extra cold read per call and nothing else.
abstract contract GovernorCriticalQuorum is GovernorVotesQuorumFraction, IGovernorCriticalQuorum {
    uint256 private _criticalQuorumNumerator;
    mapping(bytes32 actionKey => bool) private _criticalActions;
    mapping(uint256 proposalId => uint256) private _criticalProposalNumerator;

    constructor(uint256 criticalNumerator, address[] memory targets, bytes[] memory prefixes) {
        _setCriticalQuorumNumerator(criticalNumerator);
        for (uint256 i = 0; i < targets.length; ++i) {
            _setCriticalAction(targets[i], prefixes[i], true);
        }
    }

    /// @inheritdoc IGovernorCriticalQuorum
    function criticalQuorumNumerator() public view virtual returns (uint256) {
        return _criticalQuorumNumerator;
    }

    /// @inheritdoc IGovernorCriticalQuorum
    function isCriticalAction(address target, bytes calldata prefix) public view virtual returns (bool) {
        return _criticalActions[_prefixKey(target, prefix)];
    }

    /// @inheritdoc IGovernorCriticalQuorum
    function isCriticalCall(address target, bytes calldata data) public view virtual returns (bool) {
        return _isCriticalCall(target, data);
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
    function setCriticalAction(address target, bytes calldata prefix, bool critical) public virtual onlyGovernance {
        _setCriticalAction(target, prefix, critical);
    }

    /// @inheritdoc IGovernorCriticalQuorum
    function setCriticalQuorumNumerator(uint256 newNumerator) public virtual onlyGovernance {
        _setCriticalQuorumNumerator(newNumerator);
    }

    function _setCriticalAction(address target, bytes memory prefix, bool critical) internal virtual {
        emit CriticalActionSet(target, prefix, critical);
        _criticalActions[_prefixKey(target, prefix)] = critical;
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
            if (_isCriticalCall(targets[i], calldatas[i])) {
                uint256 numerator = _criticalQuorumNumerator;
                _criticalProposalNumerator[proposalId] = numerator;
                emit ProposalMarkedCritical(proposalId, numerator);
                break;
            }
        }
    }

    function _isCriticalCall(address target, bytes memory data) private view returns (bool) {
        if (data.length < 4) return false;
        bytes4 selector = bytes4(data);
        if (_criticalActions[_actionKey(target, selector, false, 0)]) return true;
        return data.length >= 36 && _criticalActions[_actionKey(target, selector, true, _firstArgument(data))];
    }

    /// @dev The key of a 4-byte (selector) or 36-byte (selector + first argument) prefix.
    function _prefixKey(address target, bytes memory prefix) private pure returns (bytes32) {
        if (prefix.length == 4) return _actionKey(target, bytes4(prefix), false, 0);
        if (prefix.length == 36) return _actionKey(target, bytes4(prefix), true, _firstArgument(prefix));
        revert GovernorInvalidCriticalPrefix(prefix.length);
    }

    function _actionKey(address target, bytes4 selector, bool withArgument, bytes32 argument)
        private
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(target, selector, withArgument, argument));
    }

    /// @dev The 32-byte word after the selector; callers check `data.length >= 36`.
    function _firstArgument(bytes memory data) private pure returns (bytes32 argument) {
        assembly ("memory-safe") {
            argument := mload(add(data, 36))
        }
    }
}
