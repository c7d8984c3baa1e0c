// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IAgentRegistry} from "../../contracts/agents/IAgentRegistry.sol";
import {AgentCredentials} from "../../contracts/credentials/AgentCredentials.sol";
import {IAgentCredentials} from "../../contracts/credentials/IAgentCredentials.sol";
import {Fixture} from "./utils/Fixture.sol";
import {vm} from "./utils/Vm.sol";

contract AgentCredentialsTest is Fixture {
    AgentCredentials internal credentials;
    address internal examiner = address(0xE8A);
    uint32 internal basics;
    uint32 internal security;

    function setUp() public override {
        super.setUp();
        credentials = new AgentCredentials(address(timelock), agents);
        vm.startPrank(address(timelock));
        basics = credentials.defineLevel("Wallet basics", "Backups, fees, failed transactions.", 365 days);
        security = credentials.defineLevel("Security specialist", "Phishing, drainers, fake support.", 180 days);
        credentials.setExaminer(basics, examiner, true);
        vm.stopPrank();
    }

    function test_grant_mintsALockedTokenValidUntilExpiry() public {
        uint48 expiresAt = _now() + 365 days;
        vm.expectEmit(address(credentials));
        emit IAgentCredentials.Locked(1);
        vm.expectEmit(address(credentials));
        emit IAgentCredentials.CredentialGranted(1, basics, agent, examiner, expiresAt, "exam #12");
        vm.prank(examiner);
        uint256 id = credentials.grant(basics, agent, "exam #12");
        assertEq(id, 1, "token id");
        assertEq(credentials.ownerOf(id), agent, "held by the agent");
        assertTrue(credentials.locked(id), "ERC-5192 locked");
        assertTrue(credentials.isValid(id), "valid");
        IAgentCredentials.Credential memory c = credentials.credential(id);
        assertEq(c.expiresAt, expiresAt, "expiry");
        assertEq(c.examiner, examiner, "examiner");
        vm.warp(expiresAt);
        assertFalse(credentials.isValid(id), "expired");
        assertEq(credentials.credentialsOf(agent).length, 1, "history kept");
    }

    function test_supportsErc721AndErc5192() public view {
        assertTrue(credentials.supportsInterface(0xb45a3c0e), "ERC-5192");
        assertTrue(credentials.supportsInterface(0x80ac58cd), "ERC-721");
        assertTrue(credentials.supportsInterface(0x01ffc9a7), "ERC-165");
        assertFalse(credentials.supportsInterface(0xffffffff), "not anything");
    }

    function test_aCredentialCannotMoveOrBeApproved() public {
        vm.prank(examiner);
        uint256 id = credentials.grant(basics, agent, "exam");
        vm.startPrank(agent);
        vm.expectRevert(abi.encodeWithSelector(IAgentCredentials.CredentialsLocked.selector, id));
        credentials.transferFrom(agent, stranger, id);
        vm.expectRevert(abi.encodeWithSelector(IAgentCredentials.CredentialsLocked.selector, id));
        credentials.safeTransferFrom(agent, stranger, id);
        vm.expectRevert(abi.encodeWithSelector(IAgentCredentials.CredentialsLocked.selector, id));
        credentials.approve(stranger, id);
        vm.expectRevert(abi.encodeWithSelector(IAgentCredentials.CredentialsLocked.selector, 0));
        credentials.setApprovalForAll(stranger, true);
        vm.stopPrank();
        assertEq(credentials.ownerOf(id), agent, "still the agent's");
    }

    function test_grant_revertsOutsideTheExaminersLevelForNonAgentsAndRetiredLevels() public {
        vm.startPrank(examiner);
        vm.expectRevert(abi.encodeWithSelector(IAgentCredentials.CredentialsNotExaminer.selector, examiner, security));
        credentials.grant(security, agent, "exam");
        vm.expectRevert(abi.encodeWithSelector(IAgentCredentials.CredentialsUnknownLevel.selector, 9));
        credentials.grant(9, agent, "exam");
        vm.expectRevert(
            abi.encodeWithSelector(IAgentCredentials.CredentialsNotAnAgent.selector, stranger, IAgentRegistry.AgentStatus.None)
        );
        credentials.grant(basics, stranger, "exam");
        vm.expectRevert(abi.encodeWithSelector(IAgentCredentials.CredentialsFieldLength.selector, "evidence", 0, 1, 280));
        credentials.grant(basics, agent, "");
        vm.stopPrank();

        vm.prank(operator);
        agents.suspendAgent(agent2, "review");
        vm.prank(examiner);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentCredentials.CredentialsNotAnAgent.selector, agent2, IAgentRegistry.AgentStatus.Suspended)
        );
        credentials.grant(basics, agent2, "exam");

        vm.prank(address(timelock));
        credentials.retireLevel(basics);
        vm.prank(examiner);
        vm.expectRevert(abi.encodeWithSelector(IAgentCredentials.CredentialsLevelRetired.selector, basics, _now()));
        credentials.grant(basics, agent, "exam");
    }

    function test_anExaminerWhoIsAnAgentCannotCertifyThemselves() public {
        vm.prank(address(timelock));
        credentials.setExaminer(basics, agent, true);
        vm.prank(agent);
        vm.expectRevert(abi.encodeWithSelector(IAgentCredentials.CredentialsSelfGrant.selector, agent));
        credentials.grant(basics, agent, "exam");
    }

    function test_revoke_byTheLevelsExaminerOrTheDaoOnly_historyKept() public {
        vm.prank(examiner);
        uint256 id = credentials.grant(basics, agent, "exam");
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAgentCredentials.CredentialsNotExaminer.selector, stranger, basics));
        credentials.revoke(id, "cheated");
        vm.expectEmit(address(credentials));
        emit IAgentCredentials.CredentialRevoked(id, basics, agent, address(timelock), "cheated");
        vm.prank(address(timelock));
        credentials.revoke(id, "cheated");
        assertFalse(credentials.isValid(id), "revoked");
        assertEq(credentials.credential(id).revokedAt, _now(), "revokedAt");
        assertEq(credentials.ownerOf(id), agent, "kept in history");
        vm.prank(examiner);
        vm.expectRevert(abi.encodeWithSelector(IAgentCredentials.CredentialsAlreadyRevoked.selector, id, _now()));
        credentials.revoke(id, "again");
    }

    function test_levelsAndExaminersAreTheOwnersAlone() public {
        vm.startPrank(examiner);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, examiner));
        credentials.defineLevel("Fake", "", 30 days);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, examiner));
        credentials.setExaminer(security, examiner, true);
        vm.stopPrank();
        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IAgentCredentials.CredentialsInvalidValidity.selector, 1 hours, 1 days, 5 * 365 days));
        credentials.defineLevel("Short", "", 1 hours);
    }

    // ------------------------------------------------------------------ agent kinds (AgentRegistry)

    function test_agentKinds_communityDesksTakeHelpersOnly_andTheKindIsKept() public {
        vm.startPrank(address(timelock));
        uint32 community = agents.registerCommunityDesk("Helpers");
        assertTrue(agents.desk(community).community, "community desk");
        assertTrue(agents.desk(community).selfSigning, "helpers sign their own receipts");
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.AgentRegistryKindNotAllowed.selector, community, IAgentRegistry.AgentKind.Human)
        );
        agents.addAgent(community, stranger, "helper", IAgentRegistry.AgentKind.Human);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAgentRegistry.AgentRegistryKindNotAllowed.selector, deskId, IAgentRegistry.AgentKind.CommunityHelper
            )
        );
        agents.addAgent(deskId, stranger, "helper", IAgentRegistry.AgentKind.CommunityHelper);
        agents.addAgent(community, stranger, "helper", IAgentRegistry.AgentKind.CommunityHelper);
        agents.addAgent(deskId, examiner, "acme.bot", IAgentRegistry.AgentKind.AIAssistant);
        vm.stopPrank();
        assertEq(uint8(agents.agent(stranger).kind), uint8(IAgentRegistry.AgentKind.CommunityHelper), "helper");
        assertEq(uint8(agents.agent(examiner).kind), uint8(IAgentRegistry.AgentKind.AIAssistant), "AI assistant");
        assertEq(uint8(agents.agent(agent).kind), uint8(IAgentRegistry.AgentKind.Human), "human");
    }
}
