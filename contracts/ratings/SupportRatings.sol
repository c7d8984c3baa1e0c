// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {DaoOwned} from "../access/DaoOwned.sol";
import {IAgentRegistry} from "../agents/IAgentRegistry.sol";
import {BusinessCalendar} from "../policy/BusinessTime.sol";
import {IPolicyRegistry} from "../policy/IPolicyRegistry.sol";
import {ISupportRatings} from "./ISupportRatings.sol";
import {StoredRating, StoredRatingLib} from "./StoredRating.sol";
import {Tally, TallyLib} from "./Tally.sol";

/// @title SupportRatings
/// @notice See {ISupportRatings}. Owned by the DAO's timelock (which alone may void a rating).
/// @dev `rate` is the hot path (SPEC §6: ≤ 72,000 gas in steady state). Besides the rating's own fresh
/// slot and the agent's aggregate slot it reads three slots, all local: the agent's mirrored record, the
/// signer's mirrored issuer flag and the newest rating terms.
contract SupportRatings is ISupportRatings, EIP712, Nonces, DaoOwned {
    bytes32 private constant _RECEIPT_TYPEHASH = keccak256(
        "ReceiptV2(uint64 ticketId,uint32 deskId,address agent,address requester,uint48 openedAt,"
        "uint48 firstResponseAt,uint48 resolvedAt,uint48 pausedSeconds,uint48 deadline,uint8 priority,uint8 category)"
    );
    bytes32 private constant _ESCALATED_RECEIPT_TYPEHASH = keccak256(
        "EscalatedReceipt(ReceiptV2 receipt,uint64 escalatedFrom)ReceiptV2(uint64 ticketId,uint32 deskId,address agent,"
        "address requester,uint48 openedAt,uint48 firstResponseAt,uint48 resolvedAt,uint48 pausedSeconds,uint48 deadline,"
        "uint8 priority,uint8 category)"
    );
    bytes32 private constant _RATING_INTENT_TYPEHASH = keccak256(
        "RatingIntent(bytes32 receiptHash,uint8 score,uint32 tags,bytes32 commentHash,uint256 nonce,uint48 deadline)"
    );
    uint256 private constant _MAX_TEXT_LENGTH = 1000;

    IAgentRegistry private immutable _agentRegistry;
    IPolicyRegistry private immutable _policyRegistry;

    mapping(bytes32 ratingId => StoredRating) private _ratings;
    /// @dev Keyed by {_deskMember}(desk, agent): an agent's slot under another desk reads "not active",
    /// so the hot path checks desk and active period with the same read that updates the aggregate.
    mapping(uint256 deskMember => Tally) private _tallies;
    /// @dev Ratings of self-signed receipts, kept apart from the desk-verified aggregates (activeSince unused).
    mapping(uint256 deskMember => Tally) private _selfSignedTallies;
    mapping(address agent => uint256) private _voidedCount;
    /// @dev Kept per desk too (voids are rare) so that {deskStats} reads one slot per agent, not two.
    mapping(uint32 deskId => uint256) private _deskVoidedCount;
    mapping(address agent => uint256) private _selfSignedVoidedCount;

    // The mirror of registry state `rate` checks, written only by the registries (see {ISupportRatings}).
    mapping(address agent => uint32 deskId) private _agentDesk;
    mapping(uint256 deskMember => bool) private _issuers; // keyed by {_deskMember}(desk, issuer key)
    mapping(uint32 deskId => bool) private _selfSigning;
    IPolicyRegistry.RatingTerms private _latestTerms;
    /// @dev Keyed by {_calendarKey}(SLA version, desk); desk 0 is the protocol-wide calendar.
    mapping(uint256 calendarKey => BusinessCalendar) private _calendars;
    mapping(uint256 calendarKey => uint256) private _holidays;

    /// @dev Both registries must have been deployed for this contract's address (predicted from the
    /// deployer's nonce), so that every change they make reaches the mirror.
    constructor(address timelock, IAgentRegistry agentRegistry_, IPolicyRegistry policyRegistry_)
        EIP712("SupportRatings", "1")
        DaoOwned(timelock)
    {
        if (address(agentRegistry_.ratings()) != address(this)) {
            revert RatingsRegistryMismatch(address(agentRegistry_), address(agentRegistry_.ratings()));
        }
        if (address(policyRegistry_.ratings()) != address(this)) {
            revert RatingsRegistryMismatch(address(policyRegistry_), address(policyRegistry_.ratings()));
        }
        _agentRegistry = agentRegistry_;
        _policyRegistry = policyRegistry_;
    }

    modifier onlyRegistry(address registry) {
        if (msg.sender != registry) revert RatingsNotRegistry(msg.sender, registry);
        _;
    }

    /// @inheritdoc ISupportRatings
    /// @dev `receipt` is decoded (and validated) once, straight into memory: cheaper than calldata reads
    /// on a path that reads every field (so is {rateBySig}'s).
    // Decoding the receipt once into memory is cheaper than calldata reads: every field is read.
    // solhint-disable-next-line gas-calldata-parameters
    function rate(
        Receipt memory receipt,
        bytes calldata signature,
        address signer,
        uint8 score,
        uint32 tags,
        string calldata comment
    ) external returns (bytes32) {
        if (msg.sender != receipt.requester) revert RatingsNotRequester(msg.sender, receipt.requester);
        return _rate(receipt, _hashReceipt(receipt), signer, signature, score, tags, comment);
    }

    /// @inheritdoc ISupportRatings
    // solhint-disable-next-line gas-calldata-parameters
    function rateBySig(
        Receipt memory receipt,
        bytes calldata signature,
        address signer,
        uint8 score,
        uint32 tags,
        string calldata comment,
        uint48 intentDeadline,
        bytes calldata requesterSignature
    ) external returns (bytes32) {
        bytes32 receiptHash = _hashReceipt(receipt);
        _checkIntent(receipt.requester, receiptHash, score, tags, keccak256(bytes(comment)), intentDeadline, requesterSignature);
        return _rate(receipt, receiptHash, signer, signature, score, tags, comment);
    }

    /// @inheritdoc ISupportRatings
    function rateEscalated(
        Receipt calldata receipt,
        uint64 escalatedFrom,
        bytes calldata signature,
        address signer,
        uint8 score,
        uint32 tags,
        string calldata comment,
        uint48 intentDeadline,
        bytes calldata requesterSignature
    ) external returns (bytes32) {
        // Copied from calldata rather than ABI-decoded into memory: `rate`'s decoder keeps its two callers.
        Receipt memory copy = receipt;
        return _rateEscalated(
            copy, escalatedFrom, signature, signer, score, tags, comment, intentDeadline, requesterSignature
        );
    }

    /// @inheritdoc ISupportRatings
    function syncAgent(address account, uint32 deskId, uint48 activeSince)
        external
        onlyRegistry(address(_agentRegistry))
    {
        _agentDesk[account] = deskId;
        uint256 member = _deskMember(deskId, account);
        _tallies[member] = _tallies[member].withActiveSince(SafeCast.toUint40(activeSince));
    }

    /// @inheritdoc ISupportRatings
    function syncIssuer(uint32 deskId, address issuer, bool enabled) external onlyRegistry(address(_agentRegistry)) {
        _issuers[_deskMember(deskId, issuer)] = enabled;
    }

    /// @inheritdoc ISupportRatings
    function syncSelfSigning(uint32 deskId, bool enabled) external onlyRegistry(address(_agentRegistry)) {
        _selfSigning[deskId] = enabled;
    }

    /// @inheritdoc ISupportRatings
    function syncRatingTerms(IPolicyRegistry.RatingTerms calldata terms)
        external
        onlyRegistry(address(_policyRegistry))
    {
        _latestTerms = terms;
    }

    /// @inheritdoc ISupportRatings
    function syncCalendar(uint16 slaVersion, uint32 deskId, BusinessCalendar calendar, uint256 holidays)
        external
        onlyRegistry(address(_policyRegistry))
    {
        uint256 key = _calendarKey(slaVersion, deskId);
        _calendars[key] = calendar;
        _holidays[key] = holidays;
    }

    /// @inheritdoc ISupportRatings
    function calendarOf(uint16 slaVersion, uint32 deskId)
        external
        view
        returns (BusinessCalendar calendar, uint256 holidays)
    {
        return _calendarFor(slaVersion, deskId, true);
    }

    /// @inheritdoc ISupportRatings
    function businessSeconds(BusinessCalendar calendar, uint256 holidays, uint48 from, uint48 to)
        external
        pure
        returns (uint256)
    {
        if (from > to) revert RatingsInvalidTimes(from, to, to);
        return calendar.elapsed(holidays, from, to);
    }

    /// @inheritdoc ISupportRatings
    function reply(bytes32 ratingId, string calldata text) external {
        StoredRating r = _existingRating(ratingId);
        if (msg.sender != r.agent()) revert RatingsNotAgent(msg.sender, r.agent());
        if (r.replied()) revert RatingsAlreadyReplied(ratingId);
        _checkText(text);
        _ratings[ratingId] = r.markReplied();
        emit RatingReplied(ratingId, r.deskId(), r.agent(), text);
    }

    /// @inheritdoc ISupportRatings
    function voidRating(bytes32 ratingId, string calldata reason) external onlyOwner {
        StoredRating r = _existingRating(ratingId);
        if (r.voided()) revert RatingsAlreadyVoided(ratingId);
        _checkText(reason);
        _ratings[ratingId] = r.markVoided();
        (uint32 deskId, address agent) = (r.deskId(), r.agent());
        uint256 member = _deskMember(deskId, agent);
        if (r.selfSigned()) {
            _selfSignedTallies[member] = _selfSignedTallies[member].remove(r.score(), uint8(r.verdict()));
            ++_selfSignedVoidedCount[agent];
        } else {
            _tallies[member] = _tallies[member].remove(r.score(), uint8(r.verdict()));
            ++_voidedCount[agent];
            ++_deskVoidedCount[deskId];
        }
        emit RatingVoided(ratingId, deskId, agent, reason);
    }

    /// @inheritdoc ISupportRatings
    function receiptDigest(Receipt calldata receipt) external view returns (bytes32) {
        return _hashTypedDataV4(_hashReceipt(receipt));
    }

    /// @inheritdoc ISupportRatings
    function ratingIntentDigest(
        bytes32 receiptHash,
        uint8 score,
        uint32 tags,
        string calldata comment,
        uint256 nonce,
        uint48 intentDeadline
    ) external view returns (bytes32) {
        return _ratingIntentDigest(receiptHash, score, tags, keccak256(bytes(comment)), nonce, intentDeadline);
    }

    /// @inheritdoc ISupportRatings
    function ratingIdOf(uint32 deskId, uint64 ticketId) public pure returns (bytes32) {
        return bytes32((uint256(deskId) << 64) | ticketId);
    }

    /// @inheritdoc ISupportRatings
    function selfSignedRatingIdOf(uint32 deskId, address agent, uint64 ticketId) public pure returns (bytes32) {
        return bytes32((uint256(uint160(agent)) << 96) | (uint256(deskId) << 64) | ticketId);
    }

    /// @inheritdoc ISupportRatings
    function rating(bytes32 ratingId) external view returns (Rating memory) {
        return _existingRating(ratingId).unpack();
    }

    /// @inheritdoc ISupportRatings
    function agentStats(address agent) public view returns (Stats memory) {
        return _statsOf(_tallies[_deskMember(_agentDesk[agent], agent)], _voidedCount[agent]);
    }

    /// @inheritdoc ISupportRatings
    function agentSelfSignedStats(address agent) external view returns (Stats memory) {
        return _statsOf(_selfSignedTallies[_deskMember(_agentDesk[agent], agent)], _selfSignedVoidedCount[agent]);
    }

    /// @inheritdoc ISupportRatings
    /// @dev Sums the desk's agents (an address is an agent of one desk only), so a rating writes one
    /// aggregate, not two. A view whose gas grows with the desk: one cold read per agent here and one in the
    /// registry's list, the histogram added lane-wise ({TallyLib-lanes}); `npm run bench` reports it at
    /// 1,000 agents.
    function deskStats(uint32 deskId) external view returns (Stats memory) {
        address[] memory agents = _agentRegistry.deskAgents(deskId);
        (uint256 oddScores, uint256 evenScores, uint256 met, uint256 breached) = (0, 0, 0, 0);
        for (uint256 i = 0; i < agents.length; ++i) {
            Tally tally = _tallies[_deskMember(deskId, agents[i])];
            (uint256 odd, uint256 even) = tally.lanes();
            (oddScores, evenScores) = (oddScores + odd, evenScores + even);
            (met, breached) = (met + tally.slaMet(), breached + tally.slaBreached());
        }
        return _stats(oddScores, evenScores, met, breached, _deskVoidedCount[deskId]);
    }

    /// @inheritdoc ISupportRatings
    function nonces(address owner) public view override(ISupportRatings, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    /// @inheritdoc ISupportRatings
    function policyRegistry() external view returns (IPolicyRegistry) {
        return _policyRegistry;
    }

    /// @inheritdoc ISupportRatings
    function agentRegistry() external view returns (IAgentRegistry) {
        return _agentRegistry;
    }

    /// @inheritdoc ISupportRatings
    function receiptParties(uint32 deskId, address agent, address signer, uint48 openedAt)
        public
        view
        returns (bool agentWasActive, bool signerAuthorized)
    {
        return _receiptParties(deskId, agent, signer, openedAt, _tallies[_deskMember(deskId, agent)].activeSince());
    }

    /// @dev {receiptParties} with the agent's active-period start already read (from the slot `rate` updates).
    function _receiptParties(uint32 deskId, address agent, address signer, uint48 openedAt, uint256 activeSince)
        private
        view
        returns (bool agentWasActive, bool signerAuthorized)
    {
        // Steady state: active without a break since before the ticket opened. Otherwise, the history.
        agentWasActive = activeSince != 0 && openedAt >= activeSince;
        // Otherwise (an older ticket, or an agent no longer active) the registry's whole history decides.
        if (!agentWasActive) agentWasActive = _agentRegistry.wasActiveAt(agent, deskId, openedAt);
        signerAuthorized = signer == agent
            ? agentWasActive && activeSince != 0 && _selfSigning[deskId]
            : _issuers[_deskMember(deskId, signer)];
    }

    /// @inheritdoc ISupportRatings
    function latestRatingTerms() external view returns (IPolicyRegistry.RatingTerms memory) {
        return _latestTerms;
    }

    /// @dev {rateEscalated}: sent by the requester (no requester signature) or relayed with their `RatingIntent`
    /// over the `EscalatedReceipt`'s hash.
    function _rateEscalated(
        Receipt memory receipt,
        uint64 escalatedFrom,
        bytes calldata signature,
        address signer,
        uint8 score,
        uint32 tags,
        string calldata comment,
        uint48 intentDeadline,
        bytes calldata requesterSignature
    ) private returns (bytes32 ratingId) {
        (bytes32 receiptHash, bytes32 earlierId) = _checkEscalation(receipt, escalatedFrom, _hashReceipt(receipt));
        if (requesterSignature.length == 0) {
            if (msg.sender != receipt.requester) revert RatingsNotRequester(msg.sender, receipt.requester);
        } else {
            _checkIntent(
                receipt.requester, receiptHash, score, tags, keccak256(bytes(comment)), intentDeadline, requesterSignature
            );
        }
        ratingId = _rate(receipt, receiptHash, signer, signature, score, tags, comment);
        emit RatingEscalated(ratingId, earlierId, receipt.deskId, escalatedFrom);
    }

    function _rate(
        Receipt memory r,
        bytes32 receiptHash,
        address signer,
        bytes calldata signature,
        uint8 score,
        uint32 tags,
        string calldata comment
    ) private returns (bytes32 ratingId) {
        bool selfSigned = signer == r.agent;
        ratingId = selfSigned ? selfSignedRatingIdOf(r.deskId, r.agent, r.ticketId) : ratingIdOf(r.deskId, r.ticketId);
        if (_ratings[ratingId].exists()) revert RatingsAlreadyRated(r.deskId, r.ticketId);
        if (bytes(comment).length > _MAX_TEXT_LENGTH) {
            revert RatingsCommentTooLong(bytes(comment).length, _MAX_TEXT_LENGTH);
        }
        // The agent's slot: read once, for its active period here and its aggregate below.
        uint256 member = _deskMember(r.deskId, r.agent);
        Tally tally = _tallies[member];
        uint256 lastEvent = _checkReceipt(r, receiptHash, signer, signature, tally.activeSince());
        (uint8 verdict, uint16 slaVersion, uint16 rulesVersion) = _judge(r, lastEvent, score, tags);

        _ratings[ratingId] = StoredRatingLib.pack(r.agent, r.deskId, score, verdict, selfSigned);
        if (selfSigned) _selfSignedTallies[member] = _selfSignedTallies[member].add(score, verdict);
        else _tallies[member] = tally.add(score, verdict);
        emit Rated(
            ratingId,
            r.deskId,
            r.agent,
            r.requester,
            score,
            tags,
            r.category,
            r.priority,
            verdict,
            slaVersion,
            rulesVersion,
            comment
        );
    }

    /// @dev Validity of the receipt itself: unexpired, ordered times, a valid signature by an authorised
    /// signer, an agent active at `openedAt`, and nobody rating their own ticket. Returns the time of the
    /// ticket's last event (resolved, else first response, else opened).
    function _checkReceipt(
        Receipt memory r,
        bytes32 receiptHash,
        address signer,
        bytes calldata signature,
        uint256 activeSince
    ) private view returns (uint48 lastEvent) {
        uint256 now_ = block.timestamp;
        if (now_ > r.deadline) revert RatingsReceiptExpired(r.deadline, Time.timestamp());
        (uint48 opened, uint48 responded, uint48 resolved) = (r.openedAt, r.firstResponseAt, r.resolvedAt);
        // Times that did not happen (0) take the one before them; what remains must be a chain
        // 0 < opened ≤ first response ≤ resolution ≤ now.
        uint48 respondedOrOpened = responded != 0 ? responded : opened;
        lastEvent = resolved != 0 ? resolved : respondedOrOpened;
        if (opened == 0 || opened > respondedOrOpened || respondedOrOpened > lastEvent || lastEvent > now_) {
            revert RatingsInvalidTimes(opened, responded, resolved);
        }
        if (r.requester == r.agent || r.requester == signer) revert RatingsSelfRating(r.requester);

        if (!_isValidSignature(signer, _hashTypedDataV4(receiptHash), signature)) {
            revert RatingsInvalidSignature(signer);
        }
        (bool agentWasActive, bool signerAuthorized) = _receiptParties(r.deskId, r.agent, signer, opened, activeSince);
        if (!agentWasActive) revert RatingsAgentNotActive(r.deskId, r.agent, opened);
        if (!signerAuthorized) revert RatingsUnauthorizedSigner(r.deskId, signer);
    }

    /// @dev The requester's signature of a relayed rating; consumes the requester's nonce.
    function _checkIntent(
        address requester,
        bytes32 receiptHash,
        uint8 score,
        uint32 tags,
        bytes32 commentHash,
        uint48 intentDeadline,
        bytes calldata requesterSignature
    ) private {
        if (block.timestamp > intentDeadline) revert RatingsRatingSignatureExpired(intentDeadline, Time.timestamp());
        bytes32 digest =
            _ratingIntentDigest(receiptHash, score, tags, commentHash, _useNonce(requester), intentDeadline);
        if (!_isValidSignature(requester, digest, requesterSignature)) {
            revert RatingsInvalidRequesterSignature(requester);
        }
    }

    /// @dev Applies the rating terms in force at `openedAt`: window, score scale, tags and the SLA verdict.
    /// Times are ordered and in the past (checked by {_checkReceipt}, which found `lastEvent`), so the
    /// arithmetic cannot wrap.
    function _judge(Receipt memory r, uint256 lastEvent, uint8 score, uint32 tags)
        private
        view
        returns (uint8 verdict, uint16 slaVersion, uint16 rulesVersion)
    {
        uint48 opened = r.openedAt;
        IPolicyRegistry.RatingTerms memory terms = _latestTerms;
        // Steady state: the newest terms were already in force. Older tickets read the registry's history.
        if (opened < terms.effectiveFrom) terms = _policyRegistry.ratingTermsAt(opened);
        if (terms.rulesVersion == 0) revert RatingsNoRatingRules(opened);

        (uint256 responded, uint256 resolved) = (r.firstResponseAt, r.resolvedAt);
        unchecked {
            uint256 closedAt = lastEvent + terms.ratingWindow;
            if (block.timestamp > closedAt) revert RatingsWindowClosed(uint48(closedAt), Time.timestamp());
            if (score == 0 || score > terms.scale) revert RatingsScoreOutOfRange(score, terms.scale);
            if (uint256(tags) >> terms.tagCount != 0) revert RatingsUnknownTags(tags, terms.tagCount);
            if (r.category > terms.categoryCount) revert RatingsUnknownCategory(r.category, terms.categoryCount);
            if (r.pausedSeconds > lastEvent - opened) revert RatingsPausedTooLong(r.pausedSeconds, lastEvent - opened);

            if (terms.slaVersion == 0) return (uint8(SlaVerdict.None), 0, terms.rulesVersion);
            if (responded == 0 || resolved == 0) return (uint8(SlaVerdict.Breached), terms.slaVersion, terms.rulesVersion);
            uint256 priority = uint256(r.priority);
            uint256 shift = 16 * priority;
            uint256 firstResponseTarget = uint256(uint16(terms.firstResponseMinutes >> shift)) * 1 minutes;
            uint256 resolutionTarget = uint256(uint16(terms.resolutionMinutes >> shift)) * 1 minutes;
            uint256 toResponse;
            uint256 toResolution;
            if ((terms.businessHours >> priority) & 1 == 0) {
                (toResponse, toResolution) = (responded - opened, resolved - opened);
            } else {
                (BusinessCalendar calendar, uint256 holidays) =
                    _calendarFor(terms.slaVersion, r.deskId, terms.businessHours & 0x10 != 0);
                (toResponse, toResolution) = calendar.elapsedTo(holidays, opened, responded, resolved);
            }
            // Time waiting on the requester is not the desk's: it leaves the resolution time.
            toResolution = toResolution > r.pausedSeconds ? toResolution - r.pausedSeconds : 0;
            bool met = toResponse <= firstResponseTarget && toResolution <= resolutionTarget;
            verdict = met ? uint8(SlaVerdict.Met) : uint8(SlaVerdict.Breached);
        }
        return (verdict, terms.slaVersion, terms.rulesVersion);
    }

    /// @dev The parties of an escalation (from an AI assistant's ticket to a person's); returns the EIP-712
    /// `hashStruct(EscalatedReceipt)` the signer signed and the earlier ticket's rating id. Off the hot path:
    /// it reads the agent registry.
    function _checkEscalation(Receipt memory r, uint64 escalatedFrom, bytes32 receiptHash)
        private
        view
        returns (bytes32 escalatedHash, bytes32 earlierId)
    {
        if (escalatedFrom == 0 || escalatedFrom == r.ticketId) {
            revert RatingsInvalidEscalation(r.deskId, r.ticketId, escalatedFrom);
        }
        if (_agentRegistry.agent(r.agent).kind == IAgentRegistry.AgentKind.AIAssistant) {
            revert RatingsEscalationToAssistant(r.deskId, r.agent);
        }
        earlierId = ratingIdOf(r.deskId, escalatedFrom);
        StoredRating earlier = _ratings[earlierId];
        if (earlier.exists()) {
            address assistant = earlier.agent();
            if (_agentRegistry.agent(assistant).kind != IAgentRegistry.AgentKind.AIAssistant) {
                revert RatingsEscalationNotFromAssistant(r.deskId, escalatedFrom, assistant);
            }
        }
        escalatedHash = keccak256(abi.encode(_ESCALATED_RECEIPT_TYPEHASH, receiptHash, escalatedFrom));
    }

    /// @dev ECDSA first, then ERC-1271: unlike `SignatureChecker.isValidSignatureNow`, an EOA signer costs
    /// no `EXTCODESIZE` of a cold account (2,600 gas on every rating).
    function _isValidSignature(address signer, bytes32 digest, bytes calldata signature) private view returns (bool) {
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signature);
        if (err == ECDSA.RecoverError.NoError && recovered == signer) return true;
        return SignatureChecker.isValidERC1271SignatureNow(signer, digest, signature);
    }

    /// @dev EIP-712 `hashStruct(receipt)`. The struct is static and ABI-decoded (so every field is clean), and
    /// a memory struct of static fields is its eleven words in order — exactly EIP-712's encoding. It is
    /// hashed in place with the type hash written over the word before it (then restored), instead of being
    /// copied by `abi.encode` field by field (the hot path: ~350 gas).
    function _hashReceipt(Receipt memory receipt) private pure returns (bytes32 hash) {
        bytes32 typeHash = _RECEIPT_TYPEHASH;
        // No Solidity expression hashes a memory struct in place (SOLHINT-FINDINGS.md, no-inline-assembly).
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let before := sub(receipt, 0x20)
            let saved := mload(before)
            mstore(before, typeHash)
            hash := keccak256(before, 0x180)
            mstore(before, saved)
        }
    }

    function _ratingIntentDigest(
        bytes32 receiptHash,
        uint8 score,
        uint32 tags,
        bytes32 commentHash,
        uint256 nonce,
        uint48 intentDeadline
    ) private view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(abi.encode(_RATING_INTENT_TYPEHASH, receiptHash, score, tags, commentHash, nonce, intentDeadline))
        );
    }

    function _statsOf(Tally tally, uint256 voided) private pure returns (Stats memory) {
        (uint256 odd, uint256 even) = tally.lanes();
        return _stats(odd, even, tally.slaMet(), tally.slaBreached(), voided);
    }

    /// @dev Unpacks summed {TallyLib-lanes} into the histogram, count and sum.
    function _stats(uint256 oddScores, uint256 evenScores, uint256 met, uint256 breached, uint256 voided)
        private
        pure
        returns (Stats memory stats)
    {
        for (uint256 i = 0; i < 4; ++i) {
            uint256 odd = (oddScores >> (TallyLib.LANE_BITS * i)) & TallyLib.LANE_MASK; // score 2i + 1
            uint256 even = (evenScores >> (TallyLib.LANE_BITS * i)) & TallyLib.LANE_MASK; // score 2i + 2
            (stats.histogram[2 * i], stats.histogram[2 * i + 1]) = (odd, even);
            stats.count += odd + even;
            stats.sum += (2 * i + 1) * odd + (2 * i + 2) * even;
        }
        (stats.slaMet, stats.slaBreached, stats.voided) = (met, breached, voided);
    }

    /// @dev The desk's own calendar when the SLA version has desk calendars and one for this desk, else the
    /// protocol-wide one; the holiday word is read only when the calendar has holidays.
    function _calendarFor(uint16 slaVersion, uint32 deskId, bool deskCalendars)
        private
        view
        returns (BusinessCalendar calendar, uint256 holidays)
    {
        uint256 key = _calendarKey(slaVersion, 0);
        if (deskCalendars) {
            uint256 deskKey = _calendarKey(slaVersion, deskId);
            BusinessCalendar own = _calendars[deskKey];
            if (BusinessCalendar.unwrap(own) != 0) (key, calendar) = (deskKey, own);
        }
        if (BusinessCalendar.unwrap(calendar) == 0) calendar = _calendars[key];
        if (calendar.holidayCount() != 0) holidays = _holidays[key];
    }

    function _calendarKey(uint16 slaVersion, uint32 deskId) private pure returns (uint256) {
        return (uint256(slaVersion) << 32) | deskId;
    }

    /// @dev One word for a (desk, address) pair: a single-hash mapping key.
    function _deskMember(uint32 deskId, address account) private pure returns (uint256) {
        return (uint256(deskId) << 160) | uint160(account);
    }

    function _existingRating(bytes32 ratingId) private view returns (StoredRating r) {
        r = _ratings[ratingId];
        if (!r.exists()) revert RatingsUnknownRating(ratingId);
    }

    function _checkText(string calldata text) private pure {
        uint256 length = bytes(text).length;
        if (length == 0) revert RatingsEmptyText();
        if (length > _MAX_TEXT_LENGTH) revert RatingsCommentTooLong(length, _MAX_TEXT_LENGTH);
    }
}
