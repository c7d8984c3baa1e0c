// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IAgentRegistry} from "../../contracts/agents/IAgentRegistry.sol";
import {Fixture} from "./utils/Fixture.sol";
import {vm} from "./utils/Vm.sol";

/// @dev The fixture has desk 1 (self-signing) with `issuer`, `operator`, and agents `alice` and `bob`.
contract AgentRegistryTest is Fixture {
    address internal newcomer = address(0xC0FFEE);
    address internal scammer = address(0xBAD);

    function _subject(address account) internal pure returns (bytes32) {
        return bytes32(uint256(uint160(account)));
    }

    function _report(address reporter, bytes32 subject) internal returns (uint256 id) {
        vm.prank(reporter);
        return agents.reportImpersonator(subject, deskId, "DM asked for my seed phrase");
    }

    // ------------------------------------------------------------------ desks

    function test_registerDesk_storesDeskAndEmits() public {
        vm.expectEmit(address(agents));
        emit IAgentRegistry.DeskRegistered(2, "Beta Help", false);
        vm.prank(address(timelock));
        uint32 id = agents.registerDesk("Beta Help", false);
        assertEq(id, 2, "desk id");
        assertEq(agents.deskCount(), 2, "desk count");
        IAgentRegistry.Desk memory d = agents.desk(2);
        assertEq(d.name, "Beta Help", "name");
        assertEq(d.createdAt, _now(), "createdAt");
        assertEq(d.removedAt, 0, "removedAt");
        assertFalse(d.selfSigning, "selfSigning");
    }

    function test_registerDesk_revertsWhenNotOwner() public {
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, operator));
        agents.registerDesk("x", false);
    }

    function test_registerDesk_revertsOnEmptyName() public {
        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryEmptyName.selector));
        agents.registerDesk("", false);
    }

    function test_removeDesk_removesAgentsAndIssuers() public {
        vm.prank(operator);
        agents.suspendAgent(agent2, "holiday");
        uint48 suspendedAt = _now();
        _skip(1 hours);
        vm.expectEmit(address(agents));
        emit IAgentRegistry.IssuerSet(deskId, issuer, false, address(timelock));
        vm.expectEmit(address(agents));
        emit IAgentRegistry.DeskRemoved(deskId, _now());
        vm.prank(address(timelock));
        agents.removeDesk(deskId);

        assertEq(agents.desk(deskId).removedAt, _now(), "removedAt");
        assertEq(agents.deskIssuers(deskId).length, 0, "issuers revoked");
        assertEq(uint8(agents.statusOf(agent)), uint8(IAgentRegistry.Standing.FormerAgent), "agent is former");
        assertEq(uint8(agents.statusOfHandle("alice")), uint8(IAgentRegistry.Standing.FormerAgent), "handle is former");
        IAgentRegistry.Agent memory a = agents.agent(agent);
        assertEq(uint8(a.status), uint8(IAgentRegistry.AgentStatus.Removed), "active agent reads removed");
        assertEq(a.inactiveFrom, _now(), "from the removal");
        IAgentRegistry.Agent memory b = agents.agent(agent2);
        assertEq(uint8(b.status), uint8(IAgentRegistry.AgentStatus.Removed), "suspended agent reads removed");
        assertEq(b.inactiveFrom, suspendedAt, "inactive since its suspension");
        assertFalse(agents.isOperator(deskId, operator), "operator lost its powers");
    }

    function test_removeDesk_keepsEarlierRemovals() public {
        vm.prank(operator);
        agents.removeAgent(agent2, "left");
        uint48 removedAt = _now();
        _skip(1 hours);
        vm.prank(address(timelock));
        agents.removeDesk(deskId);
        assertEq(agents.agent(agent2).inactiveFrom, removedAt, "inactiveFrom kept from the first removal");
    }

    function test_removeDesk_revertsWhenNotOwner() public {
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, operator));
        agents.removeDesk(deskId);
    }

    function test_removeDesk_revertsOnUnknownDesk() public {
        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryUnknownDesk.selector, 9));
        agents.removeDesk(9);
    }

    function test_removeDesk_revertsWhenAlreadyRemoved() public {
        vm.startPrank(address(timelock));
        agents.removeDesk(deskId);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryDeskRemoved.selector, deskId, _now()));
        agents.removeDesk(deskId);
        vm.stopPrank();
    }

    function test_setSelfSigning_updatesAndEmits() public {
        vm.expectEmit(address(agents));
        emit IAgentRegistry.DeskSelfSigningSet(deskId, true, false);
        vm.prank(address(timelock));
        agents.setSelfSigning(deskId, false);
        assertFalse(agents.desk(deskId).selfSigning, "selfSigning");
    }

    function test_setSelfSigning_revertsWhenNotOwner() public {
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, operator));
        agents.setSelfSigning(deskId, false);
    }

    function test_setOperator_appointsAndDismisses() public {
        vm.expectEmit(address(agents));
        emit IAgentRegistry.OperatorSet(deskId, newcomer, true, address(timelock));
        vm.prank(address(timelock));
        agents.setOperator(deskId, newcomer, true);
        assertTrue(agents.isOperator(deskId, newcomer), "appointed");
        vm.prank(address(timelock));
        agents.setOperator(deskId, newcomer, false);
        assertFalse(agents.isOperator(deskId, newcomer), "dismissed");
    }

    function test_setOperator_revertsWhenNotOwner() public {
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, operator));
        agents.setOperator(deskId, newcomer, true);
    }

    function test_setOperator_revertsOnZeroAddress() public {
        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryZeroAddress.selector));
        agents.setOperator(deskId, address(0), true);
    }

    // ------------------------------------------------------------------ issuers and agents

    function test_setIssuer_byOperatorAddsAndRemoves() public {
        vm.expectEmit(address(agents));
        emit IAgentRegistry.IssuerSet(deskId, newcomer, true, operator);
        vm.prank(operator);
        agents.setIssuer(deskId, newcomer, true);
        address[] memory expected = new address[](2);
        (expected[0], expected[1]) = (issuer, newcomer);
        assertEq(agents.deskIssuers(deskId), expected, "issuers");
        vm.prank(operator);
        agents.setIssuer(deskId, newcomer, false);
        assertFalse(agents.isIssuer(deskId, newcomer), "revoked");
        assertTrue(agents.isIssuer(deskId, issuer), "others kept");
    }

    function test_setIssuer_revertsWhenUnauthorized() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryUnauthorized.selector, stranger, deskId));
        agents.setIssuer(deskId, stranger, true);
    }

    function test_setIssuer_revertsOnZeroAddress() public {
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryZeroAddress.selector));
        agents.setIssuer(deskId, address(0), true);
    }

    function test_addAgent_storesAgentAndEmits() public {
        vm.expectEmit(address(agents));
        emit IAgentRegistry.AgentAdded(deskId, newcomer, "carol", operator, IAgentRegistry.AgentKind.Human);
        vm.prank(operator);
        agents.addAgent(deskId, newcomer, "carol", IAgentRegistry.AgentKind.Human);
        IAgentRegistry.Agent memory a = agents.agent(newcomer);
        assertEq(a.deskId, deskId, "desk");
        assertEq(uint8(a.status), uint8(IAgentRegistry.AgentStatus.Active), "status");
        assertEq(a.activeFrom, _now(), "activeFrom");
        assertEq(agents.agentOfHandle("cAROL"), newcomer, "handle is case-insensitive");
        assertEq(agents.deskAgents(deskId).length, 3, "desk agents");
        assertEq(uint8(agents.statusOfHandle("CAROL")), uint8(IAgentRegistry.Standing.OfficialAgent), "handle standing");
    }

    function test_addAgent_revertsWhenUnauthorized() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryUnauthorized.selector, stranger, deskId));
        agents.addAgent(deskId, newcomer, "carol", IAgentRegistry.AgentKind.Human);
    }

    function test_addAgent_revertsOnRemovedDesk() public {
        vm.startPrank(address(timelock));
        agents.removeDesk(deskId);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryDeskRemoved.selector, deskId, _now()));
        agents.addAgent(deskId, newcomer, "carol", IAgentRegistry.AgentKind.Human);
        vm.stopPrank();
    }

    function test_addAgent_revertsOnZeroAddress() public {
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryZeroAddress.selector));
        agents.addAgent(deskId, address(0), "carol", IAgentRegistry.AgentKind.Human);
    }

    function test_addAgent_revertsOnEmptyHandle() public {
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryHandleLength.selector, 0, 3, 31));
        agents.addAgent(deskId, newcomer, "", IAgentRegistry.AgentKind.Human);
    }

    function test_addAgent_revertsOnUpperCase() public {
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryHandleCharacter.selector, 0, bytes1("C")));
        agents.addAgent(deskId, newcomer, "Carol", IAgentRegistry.AgentKind.Human);
    }

    function test_addAgent_revertsOnLookAlike() public {
        vm.prank(operator);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAgentRegistry.AgentRegistryHandleLookAlike.selector, keccak256("a1ice"), keccak256("alice"), agent
            )
        );
        agents.addAgent(deskId, newcomer, "a1ice", IAgentRegistry.AgentKind.Human);
    }

    function test_addAgent_revertsWhenAlreadyAnAgent() public {
        vm.prank(address(timelock));
        uint32 other = agents.registerDesk("Other", false);
        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryAgentExists.selector, agent, deskId));
        agents.addAgent(other, agent, "alice2", IAgentRegistry.AgentKind.Human);
    }

    function test_addAgent_revertsWhenHandleTaken() public {
        bytes32 hash = agents.handleHash("alice");
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryHandleTaken.selector, hash, agent));
        agents.addAgent(deskId, newcomer, "alice", IAgentRegistry.AgentKind.Human);
    }

    function test_addAgent_revertsOnConfirmedImpersonatorAddress() public {
        uint256 id = _report(requester, _subject(scammer));
        vm.prank(operator);
        agents.resolveReport(id, true);
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryConfirmedImpersonator.selector, _subject(scammer)));
        agents.addAgent(deskId, scammer, "scam", IAgentRegistry.AgentKind.Human);
    }

    function test_addAgent_revertsOnConfirmedImpersonatorHandle() public {
        bytes32 handle = agents.handleHash("acme_support");
        uint256 id = _report(requester, handle);
        vm.prank(operator);
        agents.resolveReport(id, true);
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryConfirmedImpersonator.selector, handle));
        agents.addAgent(deskId, newcomer, "acme_support", IAgentRegistry.AgentKind.Human);
    }

    function test_suspendAgent_emergencyByOperatorThenReinstate() public {
        uint48 t0 = _now();
        vm.expectEmit(address(agents));
        emit IAgentRegistry.AgentStatusChanged(deskId, agent, IAgentRegistry.AgentStatus.Active, IAgentRegistry.AgentStatus.Suspended, operator, "phishing");
        vm.prank(operator);
        agents.suspendAgent(agent, "phishing");
        assertEq(uint8(agents.statusOf(agent)), uint8(IAgentRegistry.Standing.SuspendedAgent), "suspended standing");
        assertEq(agents.agent(agent).inactiveFrom, t0, "inactiveFrom");

        vm.warp(t0 + 1 days);
        vm.expectEmit(address(agents));
        emit IAgentRegistry.AgentStatusChanged(deskId, agent, IAgentRegistry.AgentStatus.Suspended, IAgentRegistry.AgentStatus.Active, address(timelock), "cleared");
        vm.prank(address(timelock));
        agents.reinstateAgent(agent, "cleared");
        IAgentRegistry.Agent memory a = agents.agent(agent);
        assertEq(a.inactiveFrom, 0, "active again");
        IAgentRegistry.Suspension[] memory past = agents.suspensions(agent);
        assertEq(past.length, 1, "one lifted suspension");
        assertEq(past[0].from, t0, "suspension from");
        assertEq(past[0].until, t0 + 1 days, "suspension until");
        assertEq(a.suspensionCount, 1, "suspensionCount");

        (bool during,) = ratings.receiptParties(deskId, agent, issuer, t0 + 1 hours);
        (bool before,) = ratings.receiptParties(deskId, agent, issuer, t0 - 1);
        (bool afterwards,) = ratings.receiptParties(deskId, agent, issuer, t0 + 1 days);
        assertFalse(during, "tickets opened during the suspension do not count");
        assertTrue(before, "tickets before the suspension count");
        assertTrue(afterwards, "tickets after reinstatement count");
    }

    function test_suspendAgent_revertsOnUnknownAgent() public {
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryUnknownAgent.selector, newcomer));
        agents.suspendAgent(newcomer, "x");
    }

    function test_suspendAgent_revertsWhenUnauthorized() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryUnauthorized.selector, stranger, deskId));
        agents.suspendAgent(agent, "x");
    }

    function test_suspendAgent_revertsWhenAlreadySuspended() public {
        vm.startPrank(operator);
        agents.suspendAgent(agent, "x");
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryInvalidAgentStatus.selector, agent, IAgentRegistry.AgentStatus.Suspended));
        agents.suspendAgent(agent, "again");
        vm.stopPrank();
    }

    function test_reinstateAgent_revertsWhenActive() public {
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryInvalidAgentStatus.selector, agent, IAgentRegistry.AgentStatus.Active));
        agents.reinstateAgent(agent, "x");
    }

    function test_removeAgent_makesFormerAgent() public {
        vm.expectEmit(address(agents));
        emit IAgentRegistry.AgentStatusChanged(deskId, agent, IAgentRegistry.AgentStatus.Active, IAgentRegistry.AgentStatus.Removed, operator, "left");
        vm.prank(operator);
        agents.removeAgent(agent, "left");
        assertEq(uint8(agents.statusOf(agent)), uint8(IAgentRegistry.Standing.FormerAgent), "former");
        assertEq(uint8(agents.statusOfHandle("alice")), uint8(IAgentRegistry.Standing.FormerAgent), "handle former");
    }

    function test_removeAgent_revertsWhenAlreadyRemoved() public {
        vm.startPrank(operator);
        agents.removeAgent(agent, "left");
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryInvalidAgentStatus.selector, agent, IAgentRegistry.AgentStatus.Removed));
        agents.removeAgent(agent, "again");
        vm.stopPrank();
    }

    function test_removeAgent_revertsOnUnknownAgent() public {
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryUnknownAgent.selector, newcomer));
        agents.removeAgent(newcomer, "x");
    }

    // ------------------------------------------------------------------ impersonator reports

    function test_reportImpersonator_opensReportAndEmits() public {
        vm.expectEmit(address(agents));
        emit IAgentRegistry.ImpersonatorReported(1, _subject(scammer), deskId, requester, "DM asked for my seed phrase");
        uint256 id = _report(requester, _subject(scammer));
        assertEq(id, 1, "report id");
        assertEq(agents.reportCount(), 1, "report count");
        assertEq(agents.openReports(_subject(scammer)), 1, "open reports");
        assertEq(uint8(agents.statusOf(scammer)), uint8(IAgentRegistry.Standing.ReportedImpersonator), "reported");
        IAgentRegistry.Report memory r = agents.report(1);
        assertEq(r.subject, _subject(scammer), "subject");
        assertEq(r.reporter, requester, "reporter");
        assertEq(r.deskId, deskId, "desk");
        assertEq(uint8(r.status), uint8(IAgentRegistry.ReportStatus.Open), "status");
        assertEq(r.createdAt, _now(), "createdAt");
    }

    function test_reportImpersonator_revertsOnEmptyEvidence() public {
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryEmptyEvidence.selector));
        agents.reportImpersonator(_subject(scammer), deskId, "");
    }

    function test_reportImpersonator_revertsOnUnknownDesk() public {
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryUnknownDesk.selector, 5));
        agents.reportImpersonator(_subject(scammer), 5, "x");
    }

    function test_reportImpersonator_revertsWhenSubjectIsAgentAddress() public {
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistrySubjectIsAgent.selector, _subject(agent), agent));
        agents.reportImpersonator(_subject(agent), deskId, "x");
    }

    function test_reportImpersonator_revertsWhenSubjectIsAgentHandle() public {
        bytes32 handle = agents.handleHash("Bob");
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistrySubjectIsAgent.selector, handle, agent2));
        agents.reportImpersonator(handle, deskId, "x");
    }

    function test_reportImpersonator_revertsOnDuplicateOpenReport() public {
        _report(requester, _subject(scammer));
        vm.prank(requester);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryDuplicateReport.selector, _subject(scammer), requester, 1));
        agents.reportImpersonator(_subject(scammer), deskId, "again");
    }

    function test_resolveReport_confirmsAndAllowsNewReport() public {
        uint256 first = _report(requester, _subject(scammer));
        _report(stranger, _subject(scammer));
        vm.expectEmit(address(agents));
        emit IAgentRegistry.ReportResolved(first, _subject(scammer), deskId, IAgentRegistry.ReportStatus.Confirmed, operator);
        vm.prank(operator);
        agents.resolveReport(first, true);
        assertEq(uint8(agents.statusOf(scammer)), uint8(IAgentRegistry.Standing.ConfirmedImpersonator), "confirmed");
        assertEq(agents.openReports(_subject(scammer)), 1, "the other report stays open");
        // The reporter's report is closed, so the spam limit lets them report again.
        assertEq(_report(requester, _subject(scammer)), 3, "new report");
    }

    function test_resolveReport_dismissesHandleReport() public {
        bytes32 handle = agents.handleHash("acme_help");
        uint256 id = _report(requester, handle);
        assertEq(uint8(agents.statusOfHandle("ACME_help")), uint8(IAgentRegistry.Standing.ReportedImpersonator), "reported");
        vm.expectEmit(address(agents));
        emit IAgentRegistry.ReportResolved(id, handle, deskId, IAgentRegistry.ReportStatus.Dismissed, address(timelock));
        vm.prank(address(timelock));
        agents.resolveReport(id, false);
        assertEq(uint8(agents.statusOfHandle("acme_help")), uint8(IAgentRegistry.Standing.Unknown), "unknown again");
        assertEq(uint8(agents.report(id).status), uint8(IAgentRegistry.ReportStatus.Dismissed), "dismissed");
    }

    function test_resolveReport_revertsOnUnknownReport() public {
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryUnknownReport.selector, 4));
        agents.resolveReport(4, true);
    }

    function test_resolveReport_revertsWhenUnauthorized() public {
        uint256 id = _report(requester, _subject(scammer));
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryUnauthorized.selector, stranger, deskId));
        agents.resolveReport(id, true);
    }

    function test_resolveReport_revertsWhenClosed() public {
        uint256 id = _report(requester, _subject(scammer));
        vm.startPrank(operator);
        agents.resolveReport(id, false);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryReportClosed.selector, id, IAgentRegistry.ReportStatus.Dismissed));
        agents.resolveReport(id, true);
        vm.stopPrank();
    }

    function test_report_revertsOnUnknownReport() public {
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryUnknownReport.selector, 1));
        agents.report(1);
    }

    function test_desk_revertsOnUnknownDesk() public {
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryUnknownDesk.selector, 0));
        agents.desk(0);
    }

    function test_statusOf_unknownAddress() public view {
        assertEq(uint8(agents.statusOf(stranger)), uint8(IAgentRegistry.Standing.Unknown), "unknown");
    }

    // ------------------------------------------------------------------ receiptParties

    function test_receiptParties_signerRules() public {
        (bool active, bool byIssuer) = ratings.receiptParties(deskId, agent, issuer, _now());
        assertTrue(active && byIssuer, "issuer signs for an active agent");
        (, bool bySelf) = ratings.receiptParties(deskId, agent, agent, _now());
        assertTrue(bySelf, "agent self-signs on a self-signing desk");
        (, bool byOther) = ratings.receiptParties(deskId, agent, agent2, _now());
        assertFalse(byOther, "another agent may not sign");
        (bool wrongDesk,) = ratings.receiptParties(deskId + 1, agent, issuer, _now());
        assertFalse(wrongDesk, "agent of another desk");
        (bool beforeJoining,) = ratings.receiptParties(deskId, agent, issuer, START - 1);
        assertFalse(beforeJoining, "ticket before the agent joined");

        vm.prank(address(timelock));
        agents.setSelfSigning(deskId, false);
        (, bool selfOff) = ratings.receiptParties(deskId, agent, agent, _now());
        assertFalse(selfOff, "self-signing switched off");
    }

    function test_receiptParties_removedAgentMaySignNothing() public {
        uint48 t0 = _now();
        vm.warp(t0 + 1 hours);
        vm.prank(operator);
        agents.removeAgent(agent, "left");
        (bool active, bool bySelf) = ratings.receiptParties(deskId, agent, agent, t0);
        assertTrue(active, "earlier tickets still count");
        assertFalse(bySelf, "a former agent no longer signs its own receipts");
    }

    // ------------------------------------------------------------------ fuzz

    function testFuzz_handleHash_isCaseInsensitive(uint256 seed) public view {
        bytes memory lower = new bytes(bound(seed, 1, 24));
        bytes memory mixed = new bytes(lower.length);
        for (uint256 i = 0; i < lower.length; ++i) {
            uint8 c = uint8(97 + (uint256(keccak256(abi.encode(seed, i))) % 26));
            lower[i] = bytes1(c);
            mixed[i] = (seed >> i) & 1 == 1 ? bytes1(c - 32) : bytes1(c);
        }
        assertEq(agents.handleHash(string(mixed)), keccak256(lower), "hash of the lower-cased handle");
    }

    function testFuzz_receiptParties_followsSuspensionWindow(uint256 suspendAfter, uint256 suspendedFor, uint256 probe) public {
        uint48 t0 = _now();
        uint48 suspendedAt = uint48(t0 + bound(suspendAfter, 0, 30 days));
        uint48 reinstatedAt = uint48(suspendedAt + bound(suspendedFor, 0, 30 days));
        vm.warp(suspendedAt);
        vm.prank(operator);
        agents.suspendAgent(agent, "investigation");
        vm.warp(reinstatedAt);
        vm.prank(operator);
        agents.reinstateAgent(agent, "cleared");
        uint48 openedAt = uint48(bound(probe, START - 1 days, reinstatedAt + 1 days));
        (bool active,) = ratings.receiptParties(deskId, agent, issuer, openedAt);
        bool expected = openedAt >= START && (openedAt < suspendedAt || openedAt >= reinstatedAt);
        assertEq(active, expected, "active at openedAt");
    }

    // ------------------------------------------------------------------ bounded powers

    function test_overturnReport_undoesConfirmationAndEmits() public {
        uint256 id = _report(stranger, _subject(scammer));
        vm.prank(operator);
        agents.resolveReport(id, true);
        assertEq(uint8(agents.statusOf(scammer)), uint8(IAgentRegistry.Standing.ConfirmedImpersonator), "confirmed");
        vm.expectEmit(address(agents));
        emit IAgentRegistry.ReportOverturned(id, _subject(scammer), deskId, "wrong person");
        vm.prank(address(timelock));
        agents.overturnReport(id, "wrong person");
        assertEq(uint8(agents.statusOf(scammer)), uint8(IAgentRegistry.Standing.Unknown), "cleared");
        assertEq(uint8(agents.report(id).status), uint8(IAgentRegistry.ReportStatus.Overturned), "overturned");
        vm.prank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.AgentRegistryReportClosed.selector, id, IAgentRegistry.ReportStatus.Overturned)
        );
        agents.overturnReport(id, "again");
    }

    function test_reportImpersonator_revertsOnProtectedSubjects() public {
        address[4] memory protectedAccounts = [address(timelock), issuer, operator, address(ratings)];
        for (uint256 i = 0; i < protectedAccounts.length; ++i) {
            bytes32 subject = _subject(protectedAccounts[i]);
            vm.prank(stranger);
            vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryProtectedSubject.selector, subject));
            agents.reportImpersonator(subject, deskId, "looks fake");
        }
    }

    function test_reportImpersonator_revertsBeyondOpenReportsPerReporter() public {
        for (uint160 i = 1; i <= 3; ++i) _report(stranger, _subject(address(0xBAD0 + i)));
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryTooManyOpenReports.selector, stranger, 3));
        agents.reportImpersonator(_subject(scammer), deskId, "one more");
    }

    function test_setIssuer_revertsBeyondSixteenKeys() public {
        vm.startPrank(operator);
        for (uint160 i = 1; i <= 15; ++i) agents.setIssuer(deskId, address(0x1550 + i), true);
        agents.setIssuer(deskId, issuer, true); // already a key: no new slot
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryTooManyIssuers.selector, deskId, 16));
        agents.setIssuer(deskId, address(0x1600), true);
        vm.stopPrank();
    }

    function test_reinstateAgent_revertsForOperatorAfterDaoSuspension() public {
        vm.prank(address(timelock));
        agents.suspendAgent(agent, "investigation");
        assertTrue(agents.agent(agent).suspendedByOwner, "suspended by the DAO");
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistrySuspendedByOwner.selector, agent));
        agents.reinstateAgent(agent, "mine");
        vm.prank(address(timelock));
        agents.reinstateAgent(agent, "cleared");
        assertEq(uint8(agents.statusOf(agent)), uint8(IAgentRegistry.Standing.OfficialAgent), "reinstated by the DAO");
    }

    function test_addAgent_revertsForOperatorOnReportedSubject() public {
        _report(stranger, _subject(newcomer));
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistrySubjectReported.selector, _subject(newcomer), 1));
        agents.addAgent(deskId, newcomer, "carol", IAgentRegistry.AgentKind.Human);
        vm.prank(address(timelock));
        agents.addAgent(deskId, newcomer, "carol", IAgentRegistry.AgentKind.Human);
        assertEq(uint8(agents.statusOf(newcomer)), uint8(IAgentRegistry.Standing.OfficialAgent), "the DAO may, knowingly");
    }

    function test_removedDesk_operatorLosesPowers() public {
        uint256 id = _report(stranger, _subject(scammer));
        vm.prank(address(timelock));
        agents.removeDesk(deskId);
        vm.startPrank(operator);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryUnauthorized.selector, operator, deskId));
        agents.resolveReport(id, true);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.AgentRegistryUnauthorized.selector, operator, deskId));
        agents.suspendAgent(agent, "x");
        vm.stopPrank();
    }

    function test_renounceOwnership_alwaysReverts() public {
        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSignature("DaoOwnedRenounceRefused(address)", address(timelock)));
        agents.renounceOwnership();
    }

    /// @dev Any number of suspend/reinstate cycles: every window stays closed, the gaps stay open.
    function testFuzz_wasActiveAt_keepsEverySuspension(uint8 cycles, uint256 probe) public {
        cycles = uint8(bound(cycles, 1, 12));
        uint48 joined = agents.agent(agent).activeFrom;
        for (uint256 i = 0; i < cycles; ++i) {
            _skip(1 hours);
            vm.prank(operator);
            agents.suspendAgent(agent, "s");
            _skip(2 hours);
            vm.prank(operator);
            agents.reinstateAgent(agent, "r");
        }
        IAgentRegistry.Suspension[] memory past = agents.suspensions(agent);
        assertEq(past.length, cycles, "every suspension kept");
        uint48 t = uint48(bound(probe, joined, _now()));
        bool expected = true;
        for (uint256 i = 0; i < past.length; ++i) {
            if (t >= past[i].from && t < past[i].until) expected = false;
        }
        assertEq(agents.wasActiveAt(agent, deskId, t), expected, "active at t");
        assertFalse(agents.wasActiveAt(agent, deskId + 1, t), "never at another desk");
    }
}
