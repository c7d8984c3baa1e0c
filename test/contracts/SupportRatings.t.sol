// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IPolicyRegistry} from "../../contracts/policy/IPolicyRegistry.sol";
import {ISupportRatings} from "../../contracts/ratings/ISupportRatings.sol";
import {Fixture} from "./utils/Fixture.sol";
import {SmartWallet} from "./utils/SmartWallet.sol";
import {vm} from "./utils/Vm.sol";

/// @dev Rules in force: 7-day window, scores 1..5, 4 tags. SLA for Normal: 60 min first response, 1440 min resolution.
contract SupportRatingsTest is Fixture {
    uint256 internal constant STRANGER_KEY = 0xBEEF;
    address internal relayer = address(0x7E1A7);

    function _expectRateRevert(ISupportRatings.Receipt memory r, uint8 score, uint32 tags, bytes memory err) internal {
        bytes memory signature = _signReceipt(ISSUER_KEY, r);
        vm.prank(r.requester);
        vm.expectRevert(err);
        ratings.rate(r, signature, issuer, score, tags, "ok");
    }

    function _intent(ISupportRatings.Receipt memory r, uint8 score, uint32 tags, string memory comment, uint48 deadline)
        internal
        view
        returns (bytes32)
    {
        return ratings.ratingIntentDigest(_receiptHash(r), score, tags, comment, ratings.nonces(r.requester), deadline);
    }

    function _assertStats(ISupportRatings.Stats memory s, uint256 count, uint256 sum, uint256 met, uint256 breached, uint256 voided)
        internal
        pure
    {
        assertEq(s.count, count, "count");
        assertEq(s.sum, sum, "sum");
        assertEq(s.slaMet, met, "slaMet");
        assertEq(s.slaBreached, breached, "slaBreached");
        assertEq(s.voided, voided, "voided");
    }

    // ------------------------------------------------------------------ digests

    function test_receiptDigest_isEip712OfTheReceipt() public view {
        ISupportRatings.Receipt memory r = _receipt(1);
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("SupportRatings"),
                keccak256("1"),
                block.chainid,
                address(ratings)
            )
        );
        assertEq(ratings.receiptDigest(r), keccak256(abi.encodePacked("\x19\x01", domain, _receiptHash(r))), "receipt digest");
        bytes32 intentHash = keccak256(
            abi.encode(
                keccak256("RatingIntent(bytes32 receiptHash,uint8 score,uint32 tags,bytes32 commentHash,uint256 nonce,uint48 deadline)"),
                _receiptHash(r),
                uint8(4),
                uint32(1),
                keccak256("hi"),
                uint256(0),
                uint48(99)
            )
        );
        assertEq(
            ratings.ratingIntentDigest(_receiptHash(r), 4, 1, "hi", 0, 99),
            keccak256(abi.encodePacked("\x19\x01", domain, intentHash)),
            "intent digest"
        );
        assertEq(ratings.ratingIdOf(deskId, 1), bytes32((uint256(deskId) << 64) | 1), "rating id: desk and ticket");
        assertEq(address(ratings.policyRegistry()), address(policies), "policy registry");
        assertEq(address(ratings.agentRegistry()), address(agents), "agent registry");
    }

    // ------------------------------------------------------------------ rate

    function test_rate_storesRatingAndEmits() public {
        ISupportRatings.Receipt memory r = _receipt(1);
        bytes memory signature = _signReceipt(ISSUER_KEY, r);
        bytes32 expectedId = ratings.ratingIdOf(deskId, 1);
        vm.expectEmit(address(ratings));
        emit ISupportRatings.Rated(expectedId, deskId, agent, requester, 5, 3, 2, IPolicyRegistry.Priority.Normal, uint8(ISupportRatings.SlaVerdict.Met), 1, 1, "great");
        vm.prank(requester);
        bytes32 id = ratings.rate(r, signature, issuer, 5, 3, "great");

        assertEq(id, expectedId, "rating id");
        ISupportRatings.Rating memory stored = ratings.rating(id);
        assertEq(stored.agent, agent, "agent");
        assertEq(stored.deskId, deskId, "desk");
        assertEq(stored.score, 5, "score");
        assertEq(uint8(stored.verdict), uint8(ISupportRatings.SlaVerdict.Met), "verdict");
        assertFalse(stored.voided, "voided");
        assertFalse(stored.replied, "replied");
        ISupportRatings.Stats memory s = ratings.agentStats(agent);
        _assertStats(s, 1, 5, 1, 0, 0);
        assertEq(s.histogram[4], 1, "histogram of 5");
        _assertStats(ratings.deskStats(deskId), 1, 5, 1, 0, 0);
    }

    function test_rate_aggregatesPerAgentAndDesk() public {
        _rate(_receipt(1), 5, 0);
        _rate(_receipt(2), 2, 0);
        ISupportRatings.Receipt memory r = _receipt(3);
        r.agent = agent2;
        _rate(r, 4, 0);
        ISupportRatings.Stats memory a = ratings.agentStats(agent);
        _assertStats(a, 2, 7, 2, 0, 0);
        assertEq(a.histogram[1], 1, "one 2");
        assertEq(a.histogram[4], 1, "one 5");
        ISupportRatings.Stats memory d = ratings.deskStats(deskId);
        _assertStats(d, 3, 11, 3, 0, 0);
        assertEq(d.histogram[3], 1, "one 4");
    }

    function test_rate_slaBreachedOnLateFirstResponse() public {
        ISupportRatings.Receipt memory r = _receipt(1);
        (r.firstResponseAt, r.resolvedAt) = (r.openedAt + 61 minutes, r.openedAt + 90 minutes);
        _rate(r, 3, 0);
        assertEq(uint8(ratings.rating(ratings.ratingIdOf(deskId, 1)).verdict), uint8(ISupportRatings.SlaVerdict.Breached), "breached");
        _assertStats(ratings.agentStats(agent), 1, 3, 0, 1, 0);
    }

    function test_rate_slaBreachedWhenUnresolved() public {
        ISupportRatings.Receipt memory r = _receipt(1);
        r.resolvedAt = 0;
        _rate(r, 3, 0);
        assertEq(uint8(ratings.rating(ratings.ratingIdOf(deskId, 1)).verdict), uint8(ISupportRatings.SlaVerdict.Breached), "breached");
    }

    function test_rate_noVerdictWithoutSla() public {
        vm.prank(address(timelock));
        policies.retirePolicy(slaPolicyId);
        _skip(3 hours);
        ISupportRatings.Receipt memory r = _receipt(1);
        vm.expectEmit(address(ratings));
        emit ISupportRatings.Rated(ratings.ratingIdOf(deskId, 1), deskId, agent, requester, 4, 0, 2, IPolicyRegistry.Priority.Normal, uint8(ISupportRatings.SlaVerdict.None), 0, 1, "thanks");
        _rate(r, 4, 0);
        _assertStats(ratings.agentStats(agent), 1, 4, 0, 0, 0);
    }

    function test_rate_acceptsSelfSignedReceipt() public {
        ISupportRatings.Receipt memory r = _receipt(1);
        bytes memory signature = _signReceipt(AGENT_KEY, r);
        vm.prank(requester);
        bytes32 id = ratings.rate(r, signature, agent, 4, 0, "");
        assertEq(id, ratings.selfSignedRatingIdOf(deskId, agent, 1), "the agent's own ticket namespace");
        assertTrue(ratings.rating(id).selfSigned, "flagged self-signed");
        assertEq(ratings.agentSelfSignedStats(agent).count, 1, "counted apart");
        assertEq(ratings.agentStats(agent).count, 0, "not in the desk-verified score");
        assertEq(ratings.deskStats(deskId).count, 0, "nor in the desk's");
    }

    function test_rate_acceptsErc1271IssuerSignature() public {
        SmartWallet wallet = new SmartWallet(vm.addr(WALLET_OWNER_KEY));
        vm.prank(operator);
        agents.setIssuer(deskId, address(wallet), true);
        ISupportRatings.Receipt memory r = _receipt(1);
        bytes memory signature = _signReceipt(WALLET_OWNER_KEY, r);
        vm.prank(requester);
        ratings.rate(r, signature, address(wallet), 5, 0, "");
        assertEq(ratings.agentStats(agent).count, 1, "rated through the smart wallet");
    }

    function test_rate_revertsOnErc1271SignatureOfAnotherKey() public {
        SmartWallet wallet = new SmartWallet(vm.addr(WALLET_OWNER_KEY));
        vm.prank(operator);
        agents.setIssuer(deskId, address(wallet), true);
        ISupportRatings.Receipt memory r = _receipt(1);
        bytes memory signature = _signReceipt(STRANGER_KEY, r);
        vm.prank(requester);
        vm.expectRevert(abi.encodeWithSelector(ISupportRatings.RatingsInvalidSignature.selector, address(wallet)));
        ratings.rate(r, signature, address(wallet), 5, 0, "");
    }

    function test_rate_revertsWhenNotRequester() public {
        ISupportRatings.Receipt memory r = _receipt(1);
        bytes memory signature = _signReceipt(ISSUER_KEY, r);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ISupportRatings.RatingsNotRequester.selector, stranger, requester));
        ratings.rate(r, signature, issuer, 5, 0, "");
    }

    function test_rate_revertsWhenAlreadyRated() public {
        _rate(_receipt(1), 5, 0);
        // Same desk and ticket, even with other data, is the same interaction.
        ISupportRatings.Receipt memory r = _receipt(1);
        r.priority = IPolicyRegistry.Priority.High;
        _expectRateRevert(r, 1, 0, abi.encodeWithSelector(ISupportRatings.RatingsAlreadyRated.selector, deskId, 1));
    }

    function test_rate_revertsOnTamperedReceipt() public {
        ISupportRatings.Receipt memory r = _receipt(1);
        bytes memory signature = _signReceipt(ISSUER_KEY, r);
        r.priority = IPolicyRegistry.Priority.Low;
        vm.prank(requester);
        vm.expectRevert(abi.encodeWithSelector(ISupportRatings.RatingsInvalidSignature.selector, issuer));
        ratings.rate(r, signature, issuer, 5, 0, "");
    }

    function test_rate_revertsOnUnauthorizedSigner() public {
        ISupportRatings.Receipt memory r = _receipt(1);
        address signer = vm.addr(STRANGER_KEY);
        bytes memory signature = _signReceipt(STRANGER_KEY, r);
        vm.prank(requester);
        vm.expectRevert(abi.encodeWithSelector(ISupportRatings.RatingsUnauthorizedSigner.selector, deskId, signer));
        ratings.rate(r, signature, signer, 5, 0, "");
    }

    function test_rate_revertsWhenAgentNotActiveAtOpening() public {
        ISupportRatings.Receipt memory r = _receipt(1);
        r.agent = stranger;
        _expectRateRevert(r, 5, 0, abi.encodeWithSelector(ISupportRatings.RatingsAgentNotActive.selector, deskId, stranger, r.openedAt));
    }

    function test_rate_revertsWhenRequesterIsAgent() public {
        ISupportRatings.Receipt memory r = _receipt(1);
        r.requester = agent;
        _expectRateRevert(r, 5, 0, abi.encodeWithSelector(ISupportRatings.RatingsSelfRating.selector, agent));
    }

    function test_rate_revertsWhenRequesterIsSigner() public {
        ISupportRatings.Receipt memory r = _receipt(1);
        r.requester = issuer;
        _expectRateRevert(r, 5, 0, abi.encodeWithSelector(ISupportRatings.RatingsSelfRating.selector, issuer));
    }

    function test_rate_revertsOnExpiredReceipt() public {
        ISupportRatings.Receipt memory r = _receipt(1);
        r.deadline = _now() - 1;
        _expectRateRevert(r, 5, 0, abi.encodeWithSelector(ISupportRatings.RatingsReceiptExpired.selector, _now() - 1, _now()));
    }

    function test_rate_revertsOnInvalidTimes() public {
        uint48 t = _now();
        uint48[3][5] memory cases = [
            [uint48(0), 0, 0], // never opened
            [t + 1, 0, 0], // opened in the future
            [t - 100, t - 101, 0], // answered before opening
            [t - 100, t - 50, t - 60], // resolved before the first response
            [t - 100, 0, t + 1] // resolved in the future
        ];
        for (uint256 i = 0; i < cases.length; ++i) {
            ISupportRatings.Receipt memory r = _receipt(uint64(i + 1));
            (r.openedAt, r.firstResponseAt, r.resolvedAt) = (cases[i][0], cases[i][1], cases[i][2]);
            _expectRateRevert(r, 5, 0, abi.encodeWithSelector(ISupportRatings.RatingsInvalidTimes.selector, cases[i][0], cases[i][1], cases[i][2]));
        }
    }

    function test_rate_revertsWithoutRatingRules() public {
        vm.prank(address(timelock));
        policies.retirePolicy(rulesPolicyId);
        _skip(3 hours);
        ISupportRatings.Receipt memory r = _receipt(1);
        _expectRateRevert(r, 5, 0, abi.encodeWithSelector(ISupportRatings.RatingsNoRatingRules.selector, r.openedAt));
    }

    function test_rate_revertsWhenWindowClosed() public {
        ISupportRatings.Receipt memory r = _receipt(1);
        uint48 closedAt = r.resolvedAt + RATING_WINDOW;
        vm.warp(closedAt + 1);
        _expectRateRevert(r, 5, 0, abi.encodeWithSelector(ISupportRatings.RatingsWindowClosed.selector, closedAt, closedAt + 1));
    }

    function test_rate_revertsOnScoreOutOfRange() public {
        _expectRateRevert(_receipt(1), 0, 0, abi.encodeWithSelector(ISupportRatings.RatingsScoreOutOfRange.selector, 0, SCALE));
        _expectRateRevert(_receipt(1), 6, 0, abi.encodeWithSelector(ISupportRatings.RatingsScoreOutOfRange.selector, 6, SCALE));
    }

    function test_rate_revertsOnUnknownTags() public {
        _expectRateRevert(_receipt(1), 5, 16, abi.encodeWithSelector(ISupportRatings.RatingsUnknownTags.selector, 16, TAG_COUNT));
    }

    function test_rate_revertsOnTooLongComment() public {
        ISupportRatings.Receipt memory r = _receipt(1);
        bytes memory signature = _signReceipt(ISSUER_KEY, r);
        vm.prank(requester);
        vm.expectRevert(abi.encodeWithSelector(ISupportRatings.RatingsCommentTooLong.selector, 1001, 1000));
        ratings.rate(r, signature, issuer, 5, 0, string(new bytes(1001)));
    }

    // ------------------------------------------------------------------ rateBySig

    function test_rateBySig_relayedRatingConsumesNonce() public {
        ISupportRatings.Receipt memory r = _receipt(1);
        bytes memory receiptSig = _signReceipt(ISSUER_KEY, r);
        uint48 deadline = _now() + 1 hours;
        bytes memory intentSig = _sign(REQUESTER_KEY, _intent(r, 4, 1, "relayed", deadline));
        vm.expectEmit(address(ratings));
        emit ISupportRatings.Rated(ratings.ratingIdOf(deskId, 1), deskId, agent, requester, 4, 1, 2, IPolicyRegistry.Priority.Normal, uint8(ISupportRatings.SlaVerdict.Met), 1, 1, "relayed");
        vm.prank(relayer);
        ratings.rateBySig(r, receiptSig, issuer, 4, 1, "relayed", deadline, intentSig);
        assertEq(ratings.nonces(requester), 1, "nonce consumed");

        // Replayed, the intent is checked against the next nonce and no longer verifies.
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ISupportRatings.RatingsInvalidRequesterSignature.selector, requester));
        ratings.rateBySig(r, receiptSig, issuer, 4, 1, "relayed", deadline, intentSig);
    }

    function test_rateBySig_revertsWhenIntentAltered() public {
        ISupportRatings.Receipt memory r = _receipt(1);
        bytes memory receiptSig = _signReceipt(ISSUER_KEY, r);
        uint48 deadline = _now() + 1 hours;
        bytes memory intentSig = _sign(REQUESTER_KEY, _intent(r, 5, 0, "", deadline));
        vm.expectRevert(abi.encodeWithSelector(ISupportRatings.RatingsInvalidRequesterSignature.selector, requester));
        ratings.rateBySig(r, receiptSig, issuer, 1, 0, "", deadline, intentSig);
    }

    function test_rateBySig_revertsWhenIntentExpired() public {
        ISupportRatings.Receipt memory r = _receipt(1);
        bytes memory receiptSig = _signReceipt(ISSUER_KEY, r);
        uint48 deadline = _now() - 1;
        bytes memory intentSig = _sign(REQUESTER_KEY, _intent(r, 5, 0, "", deadline));
        vm.expectRevert(abi.encodeWithSelector(ISupportRatings.RatingsRatingSignatureExpired.selector, deadline, _now()));
        ratings.rateBySig(r, receiptSig, issuer, 5, 0, "", deadline, intentSig);
    }

    function test_rateBySig_acceptsErc1271Requester() public {
        SmartWallet wallet = new SmartWallet(vm.addr(WALLET_OWNER_KEY));
        ISupportRatings.Receipt memory r = _receipt(1);
        r.requester = address(wallet);
        bytes memory receiptSig = _signReceipt(ISSUER_KEY, r);
        uint48 deadline = _now() + 1 hours;
        bytes memory intentSig = _sign(WALLET_OWNER_KEY, _intent(r, 5, 0, "from my safe", deadline));
        vm.prank(relayer);
        ratings.rateBySig(r, receiptSig, issuer, 5, 0, "from my safe", deadline, intentSig);
        assertEq(ratings.nonces(address(wallet)), 1, "wallet nonce consumed");
        assertEq(ratings.agentStats(agent).count, 1, "rated");
    }

    function test_rateBySig_revertsOnErc1271RequesterWithAnotherKey() public {
        SmartWallet wallet = new SmartWallet(vm.addr(WALLET_OWNER_KEY));
        ISupportRatings.Receipt memory r = _receipt(1);
        r.requester = address(wallet);
        bytes memory receiptSig = _signReceipt(ISSUER_KEY, r);
        uint48 deadline = _now() + 1 hours;
        bytes memory intentSig = _sign(STRANGER_KEY, _intent(r, 5, 0, "", deadline));
        vm.expectRevert(abi.encodeWithSelector(ISupportRatings.RatingsInvalidRequesterSignature.selector, address(wallet)));
        ratings.rateBySig(r, receiptSig, issuer, 5, 0, "", deadline, intentSig);
    }

    // ------------------------------------------------------------------ reply

    function test_reply_onceByTheAgent() public {
        bytes32 id = _rate(_receipt(1), 2, 0);
        vm.expectEmit(address(ratings));
        emit ISupportRatings.RatingReplied(id, deskId, agent, "Sorry, fixed now.");
        vm.prank(agent);
        ratings.reply(id, "Sorry, fixed now.");
        assertTrue(ratings.rating(id).replied, "replied");

        vm.prank(agent);
        vm.expectRevert(abi.encodeWithSelector(ISupportRatings.RatingsAlreadyReplied.selector, id));
        ratings.reply(id, "again");
    }

    function test_reply_revertsWhenNotAgent() public {
        bytes32 id = _rate(_receipt(1), 2, 0);
        vm.prank(agent2);
        vm.expectRevert(abi.encodeWithSelector(ISupportRatings.RatingsNotAgent.selector, agent2, agent));
        ratings.reply(id, "x");
    }

    function test_reply_revertsOnEmptyOrLongText() public {
        bytes32 id = _rate(_receipt(1), 2, 0);
        vm.startPrank(agent);
        vm.expectRevert(abi.encodeWithSelector(ISupportRatings.RatingsEmptyText.selector));
        ratings.reply(id, "");
        vm.expectRevert(abi.encodeWithSelector(ISupportRatings.RatingsCommentTooLong.selector, 1001, 1000));
        ratings.reply(id, string(new bytes(1001)));
        vm.stopPrank();
    }

    function test_reply_revertsOnUnknownRating() public {
        vm.prank(agent);
        vm.expectRevert(abi.encodeWithSelector(ISupportRatings.RatingsUnknownRating.selector, bytes32(uint256(1))));
        ratings.reply(bytes32(uint256(1)), "x");
    }

    // ------------------------------------------------------------------ voidRating

    function test_voidRating_flagsAndLeavesAggregates() public {
        bytes32 kept = _rate(_receipt(1), 4, 0);
        ISupportRatings.Receipt memory r = _receipt(2);
        (r.firstResponseAt, r.resolvedAt) = (r.openedAt + 2 hours, 0); // breached
        bytes32 abusive = _rate(r, 1, 0);
        vm.expectEmit(address(ratings));
        emit ISupportRatings.RatingVoided(abusive, deskId, agent, "abusive language");
        vm.prank(address(timelock));
        ratings.voidRating(abusive, "abusive language");

        assertTrue(ratings.rating(abusive).voided, "flagged, still in history");
        assertFalse(ratings.rating(kept).voided, "other rating untouched");
        ISupportRatings.Stats memory s = ratings.agentStats(agent);
        _assertStats(s, 1, 4, 1, 0, 1);
        assertEq(s.histogram[0], 0, "score 1 left the histogram");
        _assertStats(ratings.deskStats(deskId), 1, 4, 1, 0, 1);
    }

    function test_voidRating_revertsWhenNotOwner() public {
        bytes32 id = _rate(_receipt(1), 1, 0);
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, operator));
        ratings.voidRating(id, "x");
    }

    function test_voidRating_revertsWhenAlreadyVoided() public {
        bytes32 id = _rate(_receipt(1), 1, 0);
        vm.startPrank(address(timelock));
        ratings.voidRating(id, "x");
        vm.expectRevert(abi.encodeWithSelector(ISupportRatings.RatingsAlreadyVoided.selector, id));
        ratings.voidRating(id, "x");
        vm.stopPrank();
    }

    function test_voidRating_revertsOnUnknownRatingOrEmptyReason() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(ISupportRatings.RatingsUnknownRating.selector, bytes32(0)));
        ratings.voidRating(bytes32(0), "x");
        vm.stopPrank();
        bytes32 id = _rate(_receipt(1), 1, 0);
        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(ISupportRatings.RatingsEmptyText.selector));
        ratings.voidRating(id, "");
    }

    function test_rating_revertsOnUnknownRating() public {
        vm.expectRevert(abi.encodeWithSelector(ISupportRatings.RatingsUnknownRating.selector, bytes32(uint256(7))));
        ratings.rating(bytes32(uint256(7)));
    }

    // ------------------------------------------------------------------ fuzz

    function testFuzz_rate_countsScoreInItsBucket(uint8 score, uint32 tags) public {
        score = uint8(bound(score, 1, SCALE));
        tags = uint32(bound(tags, 0, (1 << TAG_COUNT) - 1));
        _rate(_receipt(1), score, tags);
        ISupportRatings.Stats memory s = ratings.agentStats(agent);
        _assertStats(s, 1, score, 1, 0, 0);
        assertEq(s.histogram[score - 1], 1, "bucket");
    }

    function testFuzz_rate_revertsOnScoreOutOfRange(uint256 seed) public {
        uint256 x = bound(seed, 0, 250); // 0 or 6..255
        uint8 score = uint8(x == 0 ? 0 : x + 5);
        _expectRateRevert(_receipt(1), score, 0, abi.encodeWithSelector(ISupportRatings.RatingsScoreOutOfRange.selector, score, SCALE));
    }

    function testFuzz_rate_revertsOnUnknownTags(uint32 tags) public {
        tags = uint32(bound(tags, 1 << TAG_COUNT, type(uint32).max));
        _expectRateRevert(_receipt(1), 3, tags, abi.encodeWithSelector(ISupportRatings.RatingsUnknownTags.selector, tags, TAG_COUNT));
    }

    function testFuzz_rate_ratingWindow(uint256 delay) public {
        ISupportRatings.Receipt memory r = _receipt(1);
        uint48 closedAt = r.resolvedAt + RATING_WINDOW;
        uint48 at = uint48(bound(delay, _now(), closedAt + 30 days));
        r.deadline = at; // the receipt itself stays valid: only the window decides
        vm.warp(at);
        if (at <= closedAt) {
            _rate(r, 3, 0);
            assertEq(ratings.agentStats(agent).count, 1, "rated within the window");
        } else {
            _expectRateRevert(r, 3, 0, abi.encodeWithSelector(ISupportRatings.RatingsWindowClosed.selector, closedAt, at));
        }
    }

    /// @dev The verdict is Met iff both targets of the priority hold; the expected targets are the fixture's SLA.
    function testFuzz_rate_slaVerdict(uint256 priority, uint256 responseDelay, uint256 resolutionDelay, bool responded, bool resolved)
        public
    {
        IPolicyRegistry.SlaParams memory sla = _sla();
        priority = bound(priority, 0, 3);
        uint256 frTarget = uint256(sla.firstResponseMinutes[priority]) * 60;
        uint256 resTarget = uint256(sla.resolutionMinutes[priority]) * 60;
        vm.warp(START + 10 days);
        ISupportRatings.Receipt memory r = _receipt(1);
        r.priority = IPolicyRegistry.Priority(priority);
        r.openedAt = _now() - 5 days;
        uint256 response = bound(responseDelay, 0, 2 * frTarget);
        uint256 resolution = bound(resolutionDelay, response, 2 * resTarget);
        r.firstResponseAt = responded ? uint48(r.openedAt + response) : 0;
        r.resolvedAt = resolved ? uint48(r.openedAt + resolution) : 0;
        bytes32 id = _rate(r, 3, 0);

        bool met = responded && resolved && response <= frTarget && resolution <= resTarget;
        ISupportRatings.SlaVerdict expected = met ? ISupportRatings.SlaVerdict.Met : ISupportRatings.SlaVerdict.Breached;
        assertEq(uint8(ratings.rating(id).verdict), uint8(expected), "verdict");
        ISupportRatings.Stats memory s = ratings.agentStats(agent);
        assertEq(s.slaMet, met ? 1 : 0, "met count");
        assertEq(s.slaBreached, met ? 0 : 1, "breached count");
    }

    /// @dev Random receipt times: either the rating goes through or it fails with exactly RatingsInvalidTimes.
    function testFuzz_rate_receiptTimes(uint256 opened, uint256 responded, uint256 resolved) public {
        vm.warp(START + 10 days);
        uint48 t = _now();
        ISupportRatings.Receipt memory r = _receipt(1);
        r.openedAt = uint48(bound(opened, t - 5 days, t + 1 hours));
        r.firstResponseAt = responded % 4 == 0 ? 0 : uint48(bound(responded, r.openedAt - 1 hours, t + 1 hours));
        r.resolvedAt = resolved % 4 == 0 ? 0 : uint48(bound(resolved, r.openedAt - 1 hours, t + 1 hours));
        (uint48 o, uint48 f, uint48 s) = (r.openedAt, r.firstResponseAt, r.resolvedAt);
        bool valid = o <= t && (f == 0 || (f >= o && f <= t)) && (s == 0 || (s >= o && s >= f && s <= t));
        if (valid) {
            _rate(r, 3, 0);
            assertEq(ratings.agentStats(agent).count, 1, "rated");
        } else {
            _expectRateRevert(r, 3, 0, abi.encodeWithSelector(ISupportRatings.RatingsInvalidTimes.selector, o, f, s));
        }
    }
}
