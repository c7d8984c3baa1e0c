// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorPreventLateQuorum} from
    "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";
import {GovernorProposalGuardian} from
    "@openzeppelin/contracts/governance/extensions/GovernorProposalGuardian.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorStorage} from "@openzeppelin/contracts/governance/extensions/GovernorStorage.sol";
import {GovernorTimelockControl} from
    "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from
    "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {GovernorCriticalQuorum} from "./GovernorCriticalQuorum.sol";

/// @title SupportGovernor
/// @notice The DAO of the Support Quality Protocol: OZ Governor with the SPEC's extensions plus a
/// critical-action quorum. Executes through the timelock, which owns every protocol contract.
/// @dev Only the composition and the overrides the compiler demands.
contract SupportGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorStorage,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorCriticalQuorum,
    GovernorPreventLateQuorum,
    GovernorProposalGuardian,
    GovernorTimelockControl
{
    /// @param settings Voting delay and period (seconds), proposal threshold, late-quorum extension
    /// (seconds), quorum and critical-quorum numerators (percent).
    struct Settings {
        uint48 votingDelay;
        uint32 votingPeriod;
        uint256 proposalThreshold;
        uint48 lateQuorumExtension;
        uint256 quorumPercent;
        uint256 criticalQuorumPercent;
    }

    constructor(
        IVotes token,
        TimelockController timelock,
        address guardian,
        Settings memory settings,
        address[] memory routineTargets,
        bytes[] memory routinePrefixes
    )
        Governor("Support Quality Governor")
        GovernorSettings(settings.votingDelay, settings.votingPeriod, settings.proposalThreshold)
        GovernorVotes(token)
        GovernorVotesQuorumFraction(settings.quorumPercent)
        GovernorCriticalQuorum(settings.criticalQuorumPercent, routineTargets, routinePrefixes)
        GovernorPreventLateQuorum(settings.lateQuorumExtension)
        GovernorTimelockControl(timelock)
    {
        _setProposalGuardian(guardian);
    }

    /// @dev For + Abstain must reach the quorum fixed for the proposal at `propose` time.
    function _quorumReached(uint256 proposalId) internal view override(Governor, GovernorCountingSimple) returns (bool) {
        (, uint256 forVotes, uint256 abstainVotes) = proposalVotes(proposalId);
        return proposalQuorum(proposalId) <= forVotes + abstainVotes;
    }

    // The overrides below are required by Solidity.

    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function proposalDeadline(uint256 proposalId)
        public
        view
        override(Governor, GovernorPreventLateQuorum)
        returns (uint256)
    {
        return super.proposalDeadline(proposalId);
    }

    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    function proposalNeedsQueuing(uint256 proposalId)
        public
        view
        override(Governor, GovernorTimelockControl)
        returns (bool)
    {
        return super.proposalNeedsQueuing(proposalId);
    }

    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override(Governor, GovernorStorage, GovernorCriticalQuorum) returns (uint256) {
        return super._propose(targets, values, calldatas, description, proposer);
    }

    function _updateQuorumNumerator(uint256 newQuorumNumerator)
        internal
        override(GovernorVotesQuorumFraction, GovernorCriticalQuorum)
    {
        super._updateQuorumNumerator(newQuorumNumerator);
    }

    function _tallyUpdated(uint256 proposalId) internal override(Governor, GovernorPreventLateQuorum) {
        super._tallyUpdated(proposalId);
    }

    /// @dev The guardian cannot entrench itself: it may not cancel a proposal whose every call replaces the
    /// guardian (a proposal that also does anything else stays cancellable, so bundling a malicious call
    /// with a guardian change buys no immunity).
    function _validateCancel(uint256 proposalId, address caller)
        internal
        view
        override(Governor, GovernorProposalGuardian)
        returns (bool)
    {
        if (caller == proposalGuardian() && caller != proposalProposer(proposalId) && _onlyReplacesGuardian(proposalId)) {
            return false;
        }
        return super._validateCancel(proposalId, caller);
    }

    function _onlyReplacesGuardian(uint256 proposalId) private view returns (bool) {
        (address[] memory targets,, bytes[] memory calldatas,) = proposalDetails(proposalId);
        for (uint256 i = 0; i < targets.length; ++i) {
            bytes memory data = calldatas[i];
            if (targets[i] != address(this) || data.length < 4 || bytes4(data) != this.setProposalGuardian.selector) {
                return false;
            }
        }
        return true;
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
