// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IAgentRegistry} from "../../contracts/agents/IAgentRegistry.sol";
import {IGovernorCriticalQuorum} from "../../contracts/governance/IGovernorCriticalQuorum.sol";
import {SupportGovernor} from "../../contracts/governance/SupportGovernor.sol";
import {IPolicyRegistry} from "../../contracts/policy/IPolicyRegistry.sol";
import {Fixture} from "./utils/Fixture.sol";
import {vm} from "./utils/Vm.sol";

/// @dev Covers SupportGovernor and its GovernorCriticalQuorum extension through real proposals.
contract SupportGovernorTest is Fixture {
    address internal voter = address(0x707E5);

    function _generalPolicyCall(string memory text) internal pure returns (bytes memory) {
        return abi.encodeCall(
            IPolicyRegistry.publishPolicy, (IPolicyRegistry.PolicyKind.General, 0, 0, _content("Conduct", text, ""))
        );
    }

    function _securityScriptCall() internal pure returns (bytes memory) {
        return abi.encodeCall(
            IPolicyRegistry.publishPolicy,
            (IPolicyRegistry.PolicyKind.SecurityScript, 0, 0, _content("Script", "Never share your seed phrase.", ""))
        );
    }

    function _proposeOne(address target, bytes memory data, string memory description) internal returns (uint256) {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _single(target, data);
        return governor.propose(targets, values, calldatas, description);
    }

    /// @dev Gives `voter` a share of the supply, delegated to itself.
    function _fundVoter(address account, uint256 amount) internal {
        token.transfer(account, amount);
        vm.prank(account);
        token.delegate(account);
        _skip(1);
    }

    // ------------------------------------------------------------------ deployment

    function test_constructor_wiresSettingsAndClock() public view {
        assertEq(governor.name(), "Support Quality Governor", "name");
        assertEq(governor.votingDelay(), VOTING_DELAY, "voting delay");
        assertEq(governor.votingPeriod(), VOTING_PERIOD, "voting period");
        assertEq(governor.proposalThreshold(), PROPOSAL_THRESHOLD, "threshold");
        assertEq(governor.lateQuorumVoteExtension(), LATE_QUORUM_EXTENSION, "late quorum extension");
        assertEq(governor.quorumNumerator(), QUORUM_PERCENT, "quorum numerator");
        assertEq(governor.criticalQuorumNumerator(), CRITICAL_QUORUM_PERCENT, "critical quorum numerator");
        assertEq(governor.proposalGuardian(), guardian, "guardian");
        assertEq(governor.timelock(), address(timelock), "timelock");
        assertEq(address(governor.token()), address(token), "token");
        assertEq(governor.CLOCK_MODE(), token.CLOCK_MODE(), "clock mode");
        assertEq(governor.clock(), token.clock(), "clock");
        assertFalse(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), address(this)), "deployer admin renounced");
        assertTrue(timelock.hasRole(timelock.PROPOSER_ROLE(), address(governor)), "governor proposes");
        assertTrue(timelock.hasRole(timelock.CANCELLER_ROLE(), address(governor)), "governor cancels");
        assertTrue(timelock.hasRole(timelock.EXECUTOR_ROLE(), address(0)), "anyone executes");
    }

    function test_constructor_listsDefaultRoutineActions() public view {
        (address[] memory targets, bytes[] memory prefixes) = _routineActions();
        for (uint256 i = 0; i < targets.length; ++i) {
            assertTrue(governor.isRoutineAction(targets[i], prefixes[i]), "default routine action");
        }
        assertFalse(governor.isRoutineAction(address(policies), _publishPrefix(IPolicyRegistry.PolicyKind.SecurityScript)), "security script");
        assertFalse(governor.isRoutineAction(address(agents), abi.encodePacked(IAgentRegistry.registerDesk.selector)), "registerDesk");
    }

    function test_constructor_revertsOnCriticalQuorumBelowQuorum() public {
        SupportGovernor.Settings memory settings = _settings();
        settings.criticalQuorumPercent = 3;
        vm.expectRevert(abi.encodeWithSelector(IGovernorCriticalQuorum.GovernorInvalidCriticalQuorum.selector, 3, 4, 100));
        new SupportGovernor(IVotes(address(token)), timelock, guardian, settings, new address[](0), new bytes[](0));
    }

    function test_constructor_revertsOnCriticalQuorumAboveDenominator() public {
        SupportGovernor.Settings memory settings = _settings();
        settings.criticalQuorumPercent = 101;
        vm.expectRevert(abi.encodeWithSelector(IGovernorCriticalQuorum.GovernorInvalidCriticalQuorum.selector, 101, 4, 100));
        new SupportGovernor(IVotes(address(token)), timelock, guardian, settings, new address[](0), new bytes[](0));
    }

    function test_constructor_revertsOnInvalidPrefix() public {
        address[] memory targets = new address[](1);
        bytes[] memory prefixes = new bytes[](1);
        (targets[0], prefixes[0]) = (address(agents), hex"0102030405");
        vm.expectRevert(abi.encodeWithSelector(IGovernorCriticalQuorum.GovernorInvalidActionPrefix.selector, 5));
        new SupportGovernor(IVotes(address(token)), timelock, guardian, _settings(), targets, prefixes);
    }

    // ------------------------------------------------------------------ critical actions

    function test_isRoutineAction_revertsOnInvalidPrefix() public {
        vm.expectRevert(abi.encodeWithSelector(IGovernorCriticalQuorum.GovernorInvalidActionPrefix.selector, 35));
        governor.isRoutineAction(address(policies), new bytes(35));
    }

    function test_isCriticalCall_criticalUnlessRoutine() public view {
        assertTrue(governor.isCriticalCall(address(policies), 0, _securityScriptCall()), "security script (selector + kind)");
        assertFalse(governor.isCriticalCall(address(policies), 0, _generalPolicyCall("x")), "general policy");
        assertTrue(governor.isCriticalCall(address(policies), 0, abi.encodeCall(IPolicyRegistry.retirePolicy, (1))), "retire");
        assertTrue(governor.isCriticalCall(address(agents), 0, abi.encodeCall(IAgentRegistry.removeDesk, (1))), "removeDesk");
        assertTrue(governor.isCriticalCall(address(agents), 0, abi.encodeCall(IAgentRegistry.registerDesk, ("x", true))), "registerDesk");
        assertFalse(governor.isCriticalCall(address(agents), 0, abi.encodeCall(IAgentRegistry.suspendAgent, (agent, "x"))), "suspend");
        // The same selector on another target is not routine.
        assertTrue(governor.isCriticalCall(address(ratings), 0, abi.encodeCall(IAgentRegistry.suspendAgent, (agent, "x"))), "other target");
        assertTrue(governor.isCriticalCall(address(agents), 0, hex"a1b2c3"), "shorter than a selector");
        assertTrue(governor.isCriticalCall(address(agents), 0, ""), "plain transfer");
        assertTrue(governor.isCriticalCall(address(policies), 1, _generalPolicyCall("x")), "value makes a routine call critical");
        // A bare selector matches a selector-wide entry, never an argument-specific one.
        assertFalse(governor.isCriticalCall(address(agents), 0, abi.encodePacked(IAgentRegistry.suspendAgent.selector)), "bare selector");
        assertTrue(
            governor.isCriticalCall(address(policies), 0, abi.encodePacked(IPolicyRegistry.publishPolicy.selector)),
            "argument-specific entry needs the argument"
        );
    }

    function test_propose_marksCriticalProposal() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) =
            _single(address(policies), _securityScriptCall());
        uint256 expectedId = governor.hashProposal(targets, values, calldatas, keccak256("script"));
        vm.expectEmit(address(governor));
        emit IGovernorCriticalQuorum.ProposalMarkedCritical(expectedId, CRITICAL_QUORUM_PERCENT);
        uint256 id = governor.propose(targets, values, calldatas, "script");
        assertTrue(governor.proposalIsCritical(id), "critical");
        assertEq(governor.proposalQuorumNumerator(id), CRITICAL_QUORUM_PERCENT, "numerator");

        vm.expectRevert(
            abi.encodeWithSignature("ERC5805FutureLookup(uint256,uint48)", governor.proposalSnapshot(id), _now())
        );
        governor.proposalQuorum(id);
        _skip(VOTING_DELAY + 1);
        assertEq(governor.proposalQuorum(id), SUPPLY * CRITICAL_QUORUM_PERCENT / 100, "critical quorum");
    }

    function test_propose_normalProposalUsesQuorumFraction() public {
        uint256 id = _proposeOne(address(policies), _generalPolicyCall("x"), "general");
        assertFalse(governor.proposalIsCritical(id), "not critical");
        assertEq(governor.proposalQuorumNumerator(id), QUORUM_PERCENT, "numerator");
        _skip(VOTING_DELAY + 1);
        assertEq(governor.proposalQuorum(id), SUPPLY * QUORUM_PERCENT / 100, "quorum");
    }

    function test_propose_revertsBelowThreshold() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) =
            _single(address(policies), _generalPolicyCall("x"));
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, stranger, 0, PROPOSAL_THRESHOLD)
        );
        governor.propose(targets, values, calldatas, "x");
    }

    function test_castVote_criticalProposalNeedsCriticalQuorum() public {
        _fundVoter(voter, SUPPLY / 10); // 10 %: above the 4 % quorum, below the 20 % critical quorum
        uint256 normal = _proposeOne(address(policies), _generalPolicyCall("x"), "normal");
        uint256 critical = _proposeOne(address(policies), _securityScriptCall(), "critical");
        _skip(VOTING_DELAY + 1);
        vm.startPrank(voter);
        governor.castVote(normal, 1);
        governor.castVote(critical, 1);
        vm.stopPrank();
        _skip(VOTING_PERIOD + 1);
        assertEq(uint8(governor.state(normal)), uint8(IGovernor.ProposalState.Succeeded), "normal passes at 10 %");
        assertEq(uint8(governor.state(critical)), uint8(IGovernor.ProposalState.Defeated), "critical fails at 10 %");
    }

    function test_castVote_tokensMovedAfterSnapshotWeighNothing() public {
        uint256 id = _proposeOne(address(policies), _generalPolicyCall("x"), "late tokens");
        _skip(VOTING_DELAY + 1);
        _fundVoter(voter, SUPPLY / 2);
        vm.expectEmit(address(governor));
        emit IGovernor.VoteCast(voter, id, 1, 0, "");
        vm.prank(voter);
        governor.castVote(id, 1);
        (, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(forVotes, 0, "no weight");
    }

    function testFuzz_castVote_countsVotesAtSnapshot(uint256 amount, uint256 moveDelay) public {
        amount = bound(amount, 1, SUPPLY / 2);
        moveDelay = bound(moveDelay, 0, VOTING_DELAY + VOTING_PERIOD - 2);
        uint256 id = _proposeOne(address(policies), _generalPolicyCall("x"), "snapshot");
        uint256 snapshot = governor.proposalSnapshot(id);
        vm.warp(_now() + moveDelay);
        token.transfer(voter, amount);
        vm.prank(voter);
        token.delegate(voter);
        uint256 moveTime = _now();
        if (_now() <= snapshot) vm.warp(snapshot + 1);
        uint256 expected = moveTime <= snapshot ? amount : 0;
        vm.expectEmit(address(governor));
        emit IGovernor.VoteCast(voter, id, 0, expected, "");
        vm.prank(voter);
        governor.castVote(id, 0);
        (uint256 against,,) = governor.proposalVotes(id);
        assertEq(against, expected, "votes counted at the snapshot");
    }

    // ------------------------------------------------------------------ setters through governance

    function test_setCriticalQuorumNumerator_throughGovernance() public {
        (, address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash) =
            _passAndQueue(address(governor), abi.encodeCall(IGovernorCriticalQuorum.setCriticalQuorumNumerator, (30)), "30 %");
        vm.expectEmit(address(governor));
        emit IGovernorCriticalQuorum.CriticalQuorumNumeratorUpdated(20, 30);
        governor.execute(targets, values, calldatas, descriptionHash);
        assertEq(governor.criticalQuorumNumerator(), 30, "numerator");
    }

    function test_setCriticalQuorumNumerator_revertsOutsideRange() public {
        (, address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash) =
            _passAndQueue(address(governor), abi.encodeCall(IGovernorCriticalQuorum.setCriticalQuorumNumerator, (3)), "3 %");
        vm.expectRevert(abi.encodeWithSelector(IGovernorCriticalQuorum.GovernorInvalidCriticalQuorum.selector, 3, 4, 100));
        governor.execute(targets, values, calldatas, descriptionHash);
    }

    function test_setCriticalQuorumNumerator_revertsWhenCalledDirectly() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, stranger));
        governor.setCriticalQuorumNumerator(30);
    }

    function test_setRoutineAction_throughGovernanceMakesProposalsCritical() public {
        bytes memory prefix = abi.encodePacked(IAgentRegistry.suspendAgent.selector);
        (, address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash) = _passAndQueue(
            address(governor), abi.encodeCall(IGovernorCriticalQuorum.setRoutineAction, (address(agents), prefix, false)), "suspensions"
        );
        vm.expectEmit(address(governor));
        emit IGovernorCriticalQuorum.RoutineActionSet(address(agents), prefix, false);
        governor.execute(targets, values, calldatas, descriptionHash);
        assertFalse(governor.isRoutineAction(address(agents), prefix), "delisted");

        uint256 id = _proposeOne(address(agents), abi.encodeCall(IAgentRegistry.suspendAgent, (agent, "x")), "suspend");
        assertTrue(governor.proposalIsCritical(id), "suspendAgent is now critical");
    }

    function test_setRoutineAction_revertsOnInvalidPrefix() public {
        (, address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash) = _passAndQueue(
            address(governor),
            abi.encodeCall(IGovernorCriticalQuorum.setRoutineAction, (address(agents), hex"0102", true)),
            "bad prefix"
        );
        vm.expectRevert(abi.encodeWithSelector(IGovernorCriticalQuorum.GovernorInvalidActionPrefix.selector, 2));
        governor.execute(targets, values, calldatas, descriptionHash);
    }

    function test_setRoutineAction_revertsWhenCalledDirectly() public {
        vm.prank(address(timelock));
        // The timelock is the executor, but only a call queued by an executed proposal passes onlyGovernance.
        vm.expectRevert();
        governor.setRoutineAction(address(agents), hex"01020304", true);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, stranger));
        governor.setRoutineAction(address(agents), hex"01020304", true);
    }

    function test_updateQuorumNumerator_revertsAboveCriticalQuorum() public {
        (, address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash) = _passAndQueue(
            address(governor), abi.encodeWithSignature("updateQuorumNumerator(uint256)", 30), "quorum above critical"
        );
        vm.expectRevert(abi.encodeWithSelector(IGovernorCriticalQuorum.GovernorQuorumAboveCritical.selector, 30, 20));
        governor.execute(targets, values, calldatas, descriptionHash);
    }

    function test_cancel_guardianCannotCancelItsOwnReplacement() public {
        bytes memory replace = abi.encodeWithSignature("setProposalGuardian(address)", stranger);
        uint256 id = _proposeOne(address(governor), replace, "new guardian");
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _single(address(governor), replace);
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, id, guardian));
        governor.cancel(targets, values, calldatas, keccak256("new guardian"));

        // Bundled with anything else, the proposal stays cancellable: the guardian change buys no immunity.
        address[] memory bundleTargets = new address[](2);
        uint256[] memory bundleValues = new uint256[](2);
        bytes[] memory bundleCalls = new bytes[](2);
        (bundleTargets[0], bundleCalls[0]) = (address(governor), replace);
        (bundleTargets[1], bundleCalls[1]) = (address(policies), _generalPolicyCall("x"));
        uint256 bundle = governor.propose(bundleTargets, bundleValues, bundleCalls, "bundle");
        vm.prank(guardian);
        governor.cancel(bundleTargets, bundleValues, bundleCalls, keccak256("bundle"));
        assertEq(uint8(governor.state(bundle)), uint8(IGovernor.ProposalState.Canceled), "bundle canceled");
    }

    function test_proposalQuorumNumerator_fixedAtProposeTime() public {
        // Raise the critical quorum while a critical proposal is pending: it keeps the numerator of its propose time.
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _single(
            address(governor), abi.encodeCall(IGovernorCriticalQuorum.setCriticalQuorumNumerator, (30))
        );
        uint256 raise = governor.propose(targets, values, calldatas, "raise");
        _skip(VOTING_DELAY + 1);
        governor.castVote(raise, 1);
        _skip(VOTING_PERIOD + 1);
        governor.queue(targets, values, calldatas, keccak256("raise"));
        uint256 pending = _proposeOne(address(policies), _securityScriptCall(), "pending");
        _skip(TIMELOCK_DELAY + 1);
        governor.execute(targets, values, calldatas, keccak256("raise"));

        uint256 later = _proposeOne(address(agents), abi.encodeCall(IAgentRegistry.removeDesk, (deskId)), "later");
        assertEq(governor.proposalQuorumNumerator(pending), 20, "pending proposal keeps 20 %");
        assertEq(governor.proposalQuorumNumerator(later), 30, "new proposal needs 30 %");
    }

    function test_execute_publishesPolicyThroughTimelock() public {
        uint256 id = _govern(address(policies), _generalPolicyCall("Be kind."), "conduct");
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Executed), "executed");
        assertEq(policies.policyCount(), 3, "policy published");
        assertEq(policies.version(3, 1).contentHash, _generalContentHash("Be kind."), "content hash");
        assertEq(governor.proposalCount(), 1, "enumerable proposals");
    }

    function test_cancel_byGuardianOnly() public {
        uint256 id = _proposeOne(address(policies), _generalPolicyCall("x"), "malicious");
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) =
            _single(address(policies), _generalPolicyCall("x"));
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, id, stranger));
        governor.cancel(targets, values, calldatas, keccak256("malicious"));

        _skip(VOTING_DELAY + 1); // past the proposer's own window: only the guardian may cancel now
        vm.prank(guardian);
        governor.cancel(targets, values, calldatas, keccak256("malicious"));
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Canceled), "canceled");
    }

    function test_castVote_lateQuorumExtendsDeadline() public {
        uint256 id = _proposeOne(address(policies), _generalPolicyCall("x"), "late");
        uint256 deadline = governor.proposalDeadline(id);
        vm.warp(deadline - 10);
        governor.castVote(id, 1);
        assertEq(governor.proposalDeadline(id), deadline - 10 + LATE_QUORUM_EXTENSION, "extended");
        assertTrue(governor.proposalNeedsQueuing(id), "needs queuing");
    }

    // ------------------------------------------------------------------ fuzz

    function testFuzz_setCriticalQuorumNumerator_acceptsOnlyValidRange(uint256 numerator) public {
        numerator = bound(numerator, 0, 200);
        (, address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash) = _passAndQueue(
            address(governor), abi.encodeCall(IGovernorCriticalQuorum.setCriticalQuorumNumerator, (numerator)), "fuzz"
        );
        if (numerator < QUORUM_PERCENT || numerator > 100) {
            vm.expectRevert(
                abi.encodeWithSelector(IGovernorCriticalQuorum.GovernorInvalidCriticalQuorum.selector, numerator, 4, 100)
            );
            governor.execute(targets, values, calldatas, descriptionHash);
        } else {
            governor.execute(targets, values, calldatas, descriptionHash);
            assertEq(governor.criticalQuorumNumerator(), numerator, "numerator");
            uint256 id = _proposeOne(address(policies), _securityScriptCall(), "after");
            _skip(VOTING_DELAY + 1);
            assertEq(governor.proposalQuorum(id), token.getPastTotalSupply(governor.proposalSnapshot(id)) * numerator / 100, "quorum");
        }
    }

    function testFuzz_isCriticalCall_argumentPrefix(uint8 kind, bytes memory rest) public view {
        kind = uint8(bound(kind, 0, 5));
        bytes memory data = abi.encodePacked(IPolicyRegistry.publishPolicy.selector, uint256(kind), rest);
        bool expected = kind == uint8(IPolicyRegistry.PolicyKind.SecurityScript) || kind == uint8(IPolicyRegistry.PolicyKind.OfficialChannels);
        assertEq(governor.isCriticalCall(address(policies), 0, data), expected, "critical by kind");
    }

    /// @dev Any selector nobody listed as routine is critical, on any of the protocol's contracts.
    function testFuzz_isCriticalCall_unlistedSelectorIsCritical(bytes4 selector, bytes32 argument, uint8 which) public view {
        address[5] memory targets = [address(governor), address(timelock), address(policies), address(agents), address(ratings)];
        address target = targets[bound(which, 0, 4)];
        bytes memory data = abi.encodePacked(selector, argument);
        bool listed = governor.isRoutineAction(target, abi.encodePacked(selector))
            || governor.isRoutineAction(target, abi.encodePacked(selector, argument));
        assertEq(governor.isCriticalCall(target, 0, data), !listed, "critical unless listed");
    }

    /// @dev The EIP-712 struct hash of a General version with `text`, no URI and no parameters.
    function _generalContentHash(string memory text) private pure returns (bytes32) {
        bytes32 typeHash = keccak256("PolicyVersionContent(uint8 kind,string text,string uri,bytes params)");
        return keccak256(abi.encode(typeHash, uint8(0), keccak256(bytes(text)), keccak256(""), keccak256("")));
    }
}
