// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IPolicyRegistry} from "../../contracts/policy/IPolicyRegistry.sol";
import {ISupportRatings} from "../../contracts/ratings/ISupportRatings.sol";
import {SupportRatings} from "../../contracts/ratings/SupportRatings.sol";
import {Fixture} from "./utils/Fixture.sol";
import {vm} from "./utils/Vm.sol";

/// @notice Rates with valid receipts, tries duplicates and forged receipts, voids ratings and moves time,
/// keeping ghost aggregates computed independently of the contract (the SLA verdict from the fixture's table).
contract RatingsHandler {
    struct Ghost {
        uint256 count;
        uint256 sum;
        uint256[8] histogram;
        uint256 met;
        uint256 breached;
        uint256 voided;
    }

    struct Issued {
        ISupportRatings.Receipt receipt;
        bytes32 ratingId;
        uint8 score;
        ISupportRatings.SlaVerdict verdict;
        bool voided;
    }

    SupportRatings internal immutable ratings;
    address internal immutable timelock;
    address internal immutable issuer;
    uint256 internal immutable issuerKey;
    uint32 internal immutable deskId;
    address[2] internal agents;
    uint16[4] internal firstResponseMinutes;
    uint16[4] internal resolutionMinutes;

    uint64 internal nextTicket = 1;
    Issued[] internal issued;
    mapping(address agent => Ghost) internal ghosts;

    bool public duplicateAccepted;
    bool public forgedAccepted;
    bool public validRejected;
    uint256 public forgedAttempts;
    uint256 public duplicateAttempts;

    constructor(
        SupportRatings ratings_,
        address timelock_,
        uint256 issuerKey_,
        uint32 deskId_,
        address[2] memory agents_,
        IPolicyRegistry.SlaParams memory sla
    ) {
        ratings = ratings_;
        timelock = timelock_;
        issuerKey = issuerKey_;
        issuer = vm.addr(issuerKey_);
        deskId = deskId_;
        agents = agents_;
        firstResponseMinutes = sla.firstResponseMinutes;
        resolutionMinutes = sla.resolutionMinutes;
    }

    // ------------------------------------------------------------------ actions

    function rate(uint256 agentSeed, uint256 requesterSeed, uint8 score, uint8 priority, uint32 response, uint32 resolution)
        external
    {
        ISupportRatings.Receipt memory r = _newReceipt(agentSeed, requesterSeed, priority, response, resolution);
        score = uint8(1 + score % 5);
        bytes memory signature = _sign(issuerKey, ratings.receiptDigest(r));
        vm.prank(r.requester);
        try ratings.rate(r, signature, issuer, score, uint32(score % 16), "") returns (bytes32 id) {
            ISupportRatings.SlaVerdict verdict = _expectedVerdict(r);
            issued.push(Issued(r, id, score, verdict, false));
            Ghost storage g = ghosts[r.agent];
            ++g.count;
            g.sum += score;
            ++g.histogram[score - 1];
            if (verdict == ISupportRatings.SlaVerdict.Met) ++g.met;
            else ++g.breached;
        } catch {
            validRejected = true;
        }
    }

    function rateAgain(uint256 index, uint8 score) external {
        if (issued.length == 0) return;
        ISupportRatings.Receipt memory r = issued[index % issued.length].receipt;
        // A fresh, validly signed receipt for the same ticket: only the ticket id repeats.
        r.resolvedAt = 0;
        r.deadline = _now() + 1 days;
        bytes memory signature = _sign(issuerKey, ratings.receiptDigest(r));
        ++duplicateAttempts;
        vm.prank(r.requester);
        try ratings.rate(r, signature, issuer, uint8(1 + score % 5), 0, "") {
            duplicateAccepted = true;
        } catch {}
    }

    function rateForged(uint256 seed, uint256 mode) external {
        ISupportRatings.Receipt memory r = _newReceipt(seed, seed >> 8, uint8(seed >> 16), 60, 3600);
        address signer = issuer;
        bytes memory signature;
        mode = mode % 4;
        if (mode == 0) {
            // Signed by a key that is no issuer of the desk, named as the signer.
            uint256 key = 1e12 + (seed % 1e9); // never a key of the fixture
            signer = vm.addr(key);
            signature = _sign(key, ratings.receiptDigest(r));
        } else if (mode == 1) {
            // Signed by the issuer, then altered.
            signature = _sign(issuerKey, ratings.receiptDigest(r));
            r.priority = IPolicyRegistry.Priority((uint8(r.priority) + 1) % 4);
        } else if (mode == 2) {
            // Someone else's key claiming to be the issuer.
            signature = _sign(issuerKey + 1, ratings.receiptDigest(r));
        } else {
            signature = abi.encodePacked(bytes32(seed), bytes32(seed >> 1), uint8(27));
        }
        ++forgedAttempts;
        vm.prank(r.requester);
        try ratings.rate(r, signature, signer, 3, 0, "") {
            forgedAccepted = true;
        } catch {}
    }

    function voidRating(uint256 index) external {
        if (issued.length == 0) return;
        Issued storage item = issued[index % issued.length];
        if (item.voided) return;
        vm.prank(timelock);
        ratings.voidRating(item.ratingId, "abusive");
        item.voided = true;
        Ghost storage g = ghosts[item.receipt.agent];
        --g.count;
        g.sum -= item.score;
        --g.histogram[item.score - 1];
        if (item.verdict == ISupportRatings.SlaVerdict.Met) --g.met;
        else --g.breached;
        ++g.voided;
    }

    function warp(uint256 seconds_) external {
        vm.warp(_now() + (seconds_ % 1 days));
    }

    // ------------------------------------------------------------------ ghost reads

    function ghost(address agent)
        external
        view
        returns (uint256 count, uint256 sum, uint256[8] memory histogram, uint256 met, uint256 breached, uint256 voided)
    {
        Ghost storage g = ghosts[agent];
        return (g.count, g.sum, g.histogram, g.met, g.breached, g.voided);
    }

    function issuedCount() external view returns (uint256) {
        return issued.length;
    }

    function issuedAt(uint256 i) external view returns (bytes32 ratingId, address agent, uint8 score, bool voided) {
        Issued storage item = issued[i];
        return (item.ratingId, item.receipt.agent, item.score, item.voided);
    }

    // ------------------------------------------------------------------ helpers

    function _newReceipt(uint256 agentSeed, uint256 requesterSeed, uint8 priority, uint32 response, uint32 resolution)
        internal
        returns (ISupportRatings.Receipt memory r)
    {
        uint48 now_ = _now();
        uint48 opened = now_ - 1 days;
        uint48 responded = opened + uint48(response % 2 hours);
        uint48 resolved = resolution % 5 == 0 ? 0 : responded + uint48(resolution % 22 hours);
        r = ISupportRatings.Receipt({
            ticketId: nextTicket++,
            deskId: deskId,
            agent: agents[agentSeed % 2],
            requester: address(uint160(0x1000 + requesterSeed % 50)),
            priority: IPolicyRegistry.Priority(priority % 4),
            category: uint8(requesterSeed % 4),
            openedAt: opened,
            firstResponseAt: responded,
            resolvedAt: resolved,
            pausedSeconds: 0,
            deadline: now_ + 1 days
        });
    }

    function _expectedVerdict(ISupportRatings.Receipt memory r) internal view returns (ISupportRatings.SlaVerdict) {
        uint256 p = uint256(r.priority);
        bool met = r.firstResponseAt != 0 && r.firstResponseAt - r.openedAt <= uint256(firstResponseMinutes[p]) * 60
            && r.resolvedAt != 0 && r.resolvedAt - r.openedAt <= uint256(resolutionMinutes[p]) * 60;
        return met ? ISupportRatings.SlaVerdict.Met : ISupportRatings.SlaVerdict.Breached;
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    function _now() internal view returns (uint48) {
        return uint48(vm.getBlockTimestamp());
    }
}

contract RatingsInvariantTest is Fixture {
    RatingsHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new RatingsHandler(ratings, address(timelock), ISSUER_KEY, deskId, [agent, agent2], _sla());
        targetContract(address(handler));
    }

    function invariant_aggregatesEqualSumOfNonVoidedRatings() public view {
        ISupportRatings.Stats memory desk;
        address[2] memory deskAgents = [agent, agent2];
        for (uint256 i = 0; i < 2; ++i) {
            ISupportRatings.Stats memory s = ratings.agentStats(deskAgents[i]);
            (uint256 count, uint256 sum, uint256[8] memory histogram, uint256 met, uint256 breached, uint256 voided) =
                handler.ghost(deskAgents[i]);
            assertEq(s.count, count, "agent count");
            assertEq(s.sum, sum, "agent sum");
            for (uint256 b = 0; b < 8; ++b) {
                assertEq(s.histogram[b], histogram[b], "agent histogram");
                desk.histogram[b] += histogram[b];
            }
            assertEq(s.slaMet, met, "agent SLA met");
            assertEq(s.slaBreached, breached, "agent SLA breached");
            assertEq(s.voided, voided, "agent voided");
            (desk.count, desk.sum, desk.slaMet, desk.slaBreached, desk.voided) =
                (desk.count + count, desk.sum + sum, desk.slaMet + met, desk.slaBreached + breached, desk.voided + voided);
        }
        ISupportRatings.Stats memory d = ratings.deskStats(deskId);
        assertEq(d.count, desk.count, "desk count");
        assertEq(d.sum, desk.sum, "desk sum");
        assertEq(d.slaMet, desk.slaMet, "desk SLA met");
        assertEq(d.slaBreached, desk.slaBreached, "desk SLA breached");
        assertEq(d.voided, desk.voided, "desk voided");
        for (uint256 b = 0; b < 8; ++b) assertEq(d.histogram[b], desk.histogram[b], "desk histogram");
        assertFalse(handler.validRejected(), "a valid receipt was rejected");
    }

    function invariant_noTicketRatedTwice() public view {
        assertFalse(handler.duplicateAccepted(), "a ticket was rated twice");
        // Every stored rating is the one first recorded for its ticket, voided or not.
        for (uint256 i = 0; i < handler.issuedCount(); ++i) {
            (bytes32 id, address a, uint8 score, bool voided) = handler.issuedAt(i);
            ISupportRatings.Rating memory r = ratings.rating(id);
            assertEq(r.agent, a, "agent");
            assertEq(r.score, score, "score");
            assertEq(r.voided, voided, "voided flag");
        }
    }

    function invariant_noRatingWithoutValidReceipt() public view {
        assertFalse(handler.forgedAccepted(), "a forged receipt was accepted");
        // Aggregates (including voided) count exactly the ratings made with valid receipts.
        ISupportRatings.Stats memory d = ratings.deskStats(deskId);
        assertEq(d.count + d.voided, handler.issuedCount(), "ratings equal valid receipts");
    }
}
