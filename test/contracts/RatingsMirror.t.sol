// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AgentRegistry} from "../../contracts/agents/AgentRegistry.sol";
import {IAgentRegistry} from "../../contracts/agents/IAgentRegistry.sol";
import {PolicyRegistry} from "../../contracts/policy/PolicyRegistry.sol";
import {IPolicyRegistry} from "../../contracts/policy/IPolicyRegistry.sol";
import {SupportRatings} from "../../contracts/ratings/SupportRatings.sol";
import {ISupportRatings} from "../../contracts/ratings/ISupportRatings.sol";
import {Fixture} from "./utils/Fixture.sol";
import {vm} from "./utils/Vm.sol";

/// @dev The ratings contract's mirror of registry state: written only by the registries, always equal to
/// what the registries hold, and the source of `rate`'s checks.
contract RatingsMirrorTest is Fixture {
    // ------------------------------------------------------------------ who may write it

    function test_syncAgent_revertsUnlessAgentRegistry() public {
        vm.expectRevert(abi.encodeWithSelector(ISupportRatings.RatingsNotRegistry.selector, stranger, address(agents)));
        vm.prank(stranger);
        ratings.syncAgent(stranger, deskId, _now());
    }

    function test_syncIssuer_revertsUnlessAgentRegistry() public {
        // Not even the timelock, which owns the registry: only the registry itself.
        vm.expectRevert(
            abi.encodeWithSelector(ISupportRatings.RatingsNotRegistry.selector, address(timelock), address(agents))
        );
        vm.prank(address(timelock));
        ratings.syncIssuer(deskId, stranger, true);
    }

    function test_syncSelfSigning_revertsUnlessAgentRegistry() public {
        vm.expectRevert(abi.encodeWithSelector(ISupportRatings.RatingsNotRegistry.selector, stranger, address(agents)));
        vm.prank(stranger);
        ratings.syncSelfSigning(deskId, true);
    }

    function test_syncRatingTerms_revertsUnlessPolicyRegistry() public {
        IPolicyRegistry.RatingTerms memory terms = ratings.latestRatingTerms();
        // The agent registry may not write the policy registry's part.
        vm.expectRevert(
            abi.encodeWithSelector(ISupportRatings.RatingsNotRegistry.selector, address(agents), address(policies))
        );
        vm.prank(address(agents));
        ratings.syncRatingTerms(terms);
    }

    function test_constructor_revertsWhenARegistryMirrorsAnotherRatingsContract() public {
        address elsewhere = address(0xE15E);
        AgentRegistry otherAgents = new AgentRegistry(address(timelock), ISupportRatings(elsewhere));
        vm.expectRevert(
            abi.encodeWithSelector(ISupportRatings.RatingsRegistryMismatch.selector, address(otherAgents), elsewhere)
        );
        new SupportRatings(address(timelock), otherAgents, policies);

        PolicyRegistry otherPolicies = new PolicyRegistry(address(timelock), ISupportRatings(elsewhere));
        vm.expectRevert(
            abi.encodeWithSelector(ISupportRatings.RatingsRegistryMismatch.selector, address(agents), address(ratings))
        );
        // The agent registry of the fixture points at the fixture's ratings contract, not a new one.
        new SupportRatings(address(timelock), agents, otherPolicies);

        // A right agent registry does not excuse a wrong policy registry.
        address next = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
        AgentRegistry rightAgents = new AgentRegistry(address(timelock), ISupportRatings(next));
        vm.expectRevert(
            abi.encodeWithSelector(ISupportRatings.RatingsRegistryMismatch.selector, address(otherPolicies), elsewhere)
        );
        new SupportRatings(address(timelock), rightAgents, otherPolicies);
    }

    function test_registries_nameTheirRatingsContract() public view {
        assertEq(address(agents.ratings()), address(ratings), "agent registry");
        assertEq(address(policies.ratings()), address(ratings), "policy registry");
        assertEq(address(ratings.agentRegistry()), address(agents), "ratings -> agents");
        assertEq(address(ratings.policyRegistry()), address(policies), "ratings -> policies");
    }

    // ------------------------------------------------------------------ it follows the registries

    function test_latestRatingTerms_followsEveryTermsEntry() public {
        _assertTermsMirrored();
        vm.startPrank(address(timelock));
        policies.publishPolicy(
            IPolicyRegistry.PolicyKind.RatingRules, rulesPolicyId, _now() + 2 days, _content("", "Longer window.", _rulesParams(14 days, 8, 6))
        );
        _assertTermsMirrored();
        vm.warp(_now() + 3 days);
        policies.retirePolicy(slaPolicyId);
        vm.stopPrank();
        _assertTermsMirrored();
        assertEq(ratings.latestRatingTerms().slaVersion, 0, "SLA retired");
    }

    /// @dev A ticket opened before the newest terms took effect is judged by the registry's history: the
    /// stricter SLA published later does not apply to it, and the verdict names the SLA version it met.
    function test_rate_judgesTicketOpenedBeforeNewestTermsByTheirHistory() public {
        ISupportRatings.Receipt memory r = _receipt(1); // Normal priority, first response after 10 minutes
        IPolicyRegistry.SlaParams memory strict = _sla();
        strict.firstResponseMinutes[uint256(IPolicyRegistry.Priority.Normal)] = 5;
        vm.prank(address(timelock));
        policies.publishPolicy(IPolicyRegistry.PolicyKind.SLA, slaPolicyId, 0, _content("", "Faster.", abi.encode(strict)));
        assertTrue(ratings.latestRatingTerms().effectiveFrom > r.openedAt, "newest terms are younger than the ticket");

        _rate(r, 4, 0);
        ISupportRatings.Rating memory stored = ratings.rating(ratings.ratingIdOf(deskId, 1));
        assertEq(uint8(stored.verdict), uint8(ISupportRatings.SlaVerdict.Met), "met under SLA v1");

        // The same times on a ticket opened under the strict SLA breach it.
        ISupportRatings.Receipt memory later = _receipt(2);
        later.openedAt = _now();
        later.firstResponseAt = _now() + 10 minutes;
        later.resolvedAt = _now() + 1 hours;
        vm.warp(_now() + 2 hours);
        vm.expectEmit(address(ratings));
        emit ISupportRatings.Rated(
            ratings.ratingIdOf(deskId, 2), deskId, agent, requester, 4, 0, 2, IPolicyRegistry.Priority.Normal, uint8(ISupportRatings.SlaVerdict.Breached), 2, 1, "thanks"
        );
        _rate(later, 4, 0);
    }

    /// @dev Any sequence of suspensions, reinstatements and a removal: for every probed time, `rate`'s checks
    /// answer what an independent model of the agent's whole history says (every suspension window stays
    /// unratable, however many follow), and self-signing follows the desk's flag and the current status.
    function testFuzz_receiptParties_matchWholeHistory(uint256[8] memory steps, uint256[4] memory probes) public {
        Model memory m;
        m.activeFrom = agents.agent(agent).activeFrom;
        for (uint256 i = 0; i < steps.length; ++i) {
            vm.warp(_now() + bound(steps[i], 1, 30 days));
            IAgentRegistry.AgentStatus status = agents.agent(agent).status;
            vm.startPrank(operator);
            uint256 action = steps[i] % 4;
            if (action == 0 && status == IAgentRegistry.AgentStatus.Active) {
                agents.suspendAgent(agent, "check");
                m.suspendedAt = _now();
            } else if (action == 1 && status == IAgentRegistry.AgentStatus.Suspended) {
                agents.reinstateAgent(agent, "ok");
                (m.from[m.count], m.until[m.count]) = (m.suspendedAt, _now());
                (m.count, m.suspendedAt) = (m.count + 1, 0);
            } else if (action == 2 && status != IAgentRegistry.AgentStatus.Removed && steps[i] % 7 == 0) {
                agents.removeAgent(agent, "left");
                m.removedAt = m.suspendedAt != 0 ? m.suspendedAt : _now();
            }
            vm.stopPrank();
            if (action == 3) {
                vm.prank(address(timelock));
                agents.setSelfSigning(deskId, steps[i] % 2 == 0);
            }
            _assertMatchesModel(m, probes);
        }
    }

    function test_issuerMirror_followsKeysAndDeskRemoval() public {
        (, bool byIssuer) = ratings.receiptParties(deskId, agent, issuer, _now());
        assertTrue(byIssuer, "issuer key");
        vm.prank(operator);
        agents.setIssuer(deskId, issuer, false);
        (, byIssuer) = ratings.receiptParties(deskId, agent, issuer, _now());
        assertFalse(byIssuer, "revoked key");
        vm.prank(operator);
        agents.setIssuer(deskId, issuer, true);
        vm.prank(address(timelock));
        agents.removeDesk(deskId);
        (, bool stillIssuer) = ratings.receiptParties(deskId, agent, issuer, _now());
        assertFalse(stillIssuer, "desk removal revokes every key");
        (, bool bySelf) = ratings.receiptParties(deskId, agent, agent, START + 1 hours);
        assertFalse(bySelf, "and self-signing");
        assertFalse(agents.wasActiveAt(agent, deskId, _now()), "every agent reads removed from the removal");
        assertTrue(agents.wasActiveAt(agent, deskId, START + 1 hours), "history before the removal is kept");
    }

    // ------------------------------------------------------------------ helpers

    function _assertTermsMirrored() internal view {
        IPolicyRegistry.RatingTerms memory mirrored = ratings.latestRatingTerms();
        IPolicyRegistry.RatingTerms memory newest = policies.ratingTermsEntry(policies.ratingTermsCount() - 1);
        assertEq(keccak256(abi.encode(mirrored)), keccak256(abi.encode(newest)), "newest terms mirrored");
    }

    /// @dev An independent model of one agent's history: lifted suspensions, the current one, a removal.
    struct Model {
        uint48 activeFrom;
        uint48 suspendedAt;
        uint48 removedAt;
        uint256 count;
        uint48[8] from;
        uint48[8] until;
    }

    function _modelActive(Model memory m, uint48 t) internal pure returns (bool) {
        if (t < m.activeFrom) return false;
        if (m.removedAt != 0 && t >= m.removedAt) return false;
        if (m.suspendedAt != 0 && t >= m.suspendedAt) return false;
        for (uint256 i = 0; i < m.count; ++i) {
            if (t >= m.from[i] && t < m.until[i]) return false;
        }
        return true;
    }

    function _assertMatchesModel(Model memory m, uint256[4] memory probes) internal view {
        bool deskSelfSigning = agents.desk(deskId).selfSigning;
        bool activeNow = m.removedAt == 0 && m.suspendedAt == 0;
        for (uint256 p = 0; p < probes.length; ++p) {
            uint48 t = uint48(bound(probes[p], START, _now()));
            bool expectedActive = _modelActive(m, t);
            (bool active, bool bySelf) = ratings.receiptParties(deskId, agent, agent, t);
            assertEq(active, expectedActive, "agent active at t");
            assertEq(agents.wasActiveAt(agent, deskId, t), expectedActive, "registry history at t");
            assertEq(bySelf, expectedActive && activeNow && deskSelfSigning, "self-signing at t");
            (bool otherDesk,) = ratings.receiptParties(deskId + 1, agent, issuer, t);
            assertFalse(otherDesk, "never active at another desk");
        }
    }
}
