// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {IAgentRegistry} from "../agents/IAgentRegistry.sol";
import {IPolicyRegistry} from "../policy/IPolicyRegistry.sol";
import {ISupportRatings} from "./ISupportRatings.sol";
import {StoredRating, StoredRatingLib} from "./StoredRating.sol";
import {Tally, TallyLib} from "./Tally.sol";

/// @title SupportRatings
/// @notice See {ISupportRatings}. Owned by the DAO's timelock (which alone may void a rating).
/// @dev `rate` is the hot path (SPEC §6: ≤ 72,000 gas in steady state). Besides the rating's own fresh
/// slot and the agent's aggregate slot it reads three slots, all local: the agent's mirrored record, the
/// signer's mirrored issuer flag and the newest rating terms.
contract SupportRatings is ISupportRatings, EIP712, Nonces, Ownable {
    bytes32 private constant _RECEIPT_TYPEHASH = keccak256(
        "Receipt(uint64 ticketId,uint32 deskId,address agent,address requester,uint8 priority,"
        "uint48 openedAt,uint48 firstResponseAt,uint48 resolvedAt,uint48 deadline)"
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
    mapping(address agent => uint256) private _voidedCount;

    // The mirror of registry state `rate` checks, written only by the registries (see {ISupportRatings}).
    mapping(address agent => IAgentRegistry.Agent) private _agents;
    mapping(uint256 deskMember => bool) private _issuers; // keyed by {_deskMember}(desk, issuer key)
    mapping(uint32 deskId => bool) private _selfSigning;
    IPolicyRegistry.RatingTerms private _latestTerms;

    /// @dev Both registries must have been deployed for this contract's address (predicted from the
    /// deployer's nonce), so that every change they make reaches the mirror.
    constructor(address timelock, IAgentRegistry agentRegistry_, IPolicyRegistry policyRegistry_)
        EIP712("SupportRatings", "1")
        Ownable(timelock)
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
    function rate(
        Receipt memory receipt,
        address signer,
        bytes calldata signature,
        uint8 score,
        uint32 tags,
        string calldata comment
    ) external returns (bytes32) {
        if (msg.sender != receipt.requester) revert RatingsNotRequester(msg.sender, receipt.requester);
        return _rate(receipt, _hashReceipt(receipt), signer, signature, score, tags, comment);
    }

    /// @inheritdoc ISupportRatings
    function rateBySig(
        Receipt memory receipt,
        address signer,
        bytes calldata signature,
        uint8 score,
        uint32 tags,
        string calldata comment,
        uint48 intentDeadline,
        bytes calldata requesterSignature
    ) external returns (bytes32) {
        bytes32 receiptHash = _hashReceipt(receipt);
        _checkIntent(receipt.requester, receiptHash, score, tags, comment, intentDeadline, requesterSignature);
        return _rate(receipt, receiptHash, signer, signature, score, tags, comment);
    }

    /// @inheritdoc ISupportRatings
    function syncAgent(address account, IAgentRegistry.Agent calldata record)
        external
        onlyRegistry(address(_agentRegistry))
    {
        _agents[account] = record;
        // The start of the current active period: joining, or the end of the last suspension.
        uint48 activeSince = record.status != IAgentRegistry.AgentStatus.Active
            ? 0
            : record.suspendedUntil > record.activeFrom ? record.suspendedUntil : record.activeFrom;
        uint256 member = _deskMember(record.deskId, account);
        _tallies[member] = _tallies[member].withActiveSince(uint40(activeSince));
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
        _tallies[member] = _tallies[member].remove(r.score(), uint8(r.verdict()));
        ++_voidedCount[agent];
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
    function rating(bytes32 ratingId) external view returns (Rating memory) {
        return _existingRating(ratingId).unpack();
    }

    /// @inheritdoc ISupportRatings
    function agentStats(address agent) public view returns (Stats memory stats) {
        _accumulate(stats, _agents[agent].deskId, agent);
    }

    /// @inheritdoc ISupportRatings
    /// @dev Sums the desk's agents (an address is an agent of one desk only), so a rating writes one
    /// aggregate, not two. Gas grows with the desk's size; it is a view.
    function deskStats(uint32 deskId) external view returns (Stats memory stats) {
        address[] memory agents = _agentRegistry.deskAgents(deskId);
        for (uint256 i = 0; i < agents.length; ++i) {
            _accumulate(stats, deskId, agents[i]);
        }
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
        uint256 activeSince = _tallies[_deskMember(deskId, agent)].activeSince();
        // Steady state: active without a break since before the ticket opened. Otherwise, the history.
        agentWasActive = activeSince != 0 && openedAt >= activeSince;
        if (!agentWasActive) {
            IAgentRegistry.Agent storage a = _agents[agent];
            (uint32 agentDesk, uint48 activeFrom, uint48 inactiveFrom, uint48 suspendedFrom, uint48 suspendedUntil) =
                (a.deskId, a.activeFrom, a.inactiveFrom, a.suspendedFrom, a.suspendedUntil);
            // `activeFrom` is 0 only for an address that never was an agent.
            agentWasActive = agentDesk == deskId && activeFrom != 0 && activeFrom <= openedAt
                && (inactiveFrom == 0 || openedAt < inactiveFrom)
                && (openedAt < suspendedFrom || openedAt >= suspendedUntil);
        }
        signerAuthorized = signer == agent
            ? agentWasActive && activeSince != 0 && _selfSigning[deskId]
            : _issuers[_deskMember(deskId, signer)];
    }

    /// @inheritdoc ISupportRatings
    function latestRatingTerms() external view returns (IPolicyRegistry.RatingTerms memory) {
        return _latestTerms;
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
        ratingId = ratingIdOf(r.deskId, r.ticketId);
        if (_ratings[ratingId].exists()) revert RatingsAlreadyRated(r.deskId, r.ticketId);
        if (bytes(comment).length > _MAX_TEXT_LENGTH) {
            revert RatingsCommentTooLong(bytes(comment).length, _MAX_TEXT_LENGTH);
        }
        _checkReceipt(r, receiptHash, signer, signature);
        (SlaVerdict verdict, uint16 slaVersion, uint16 rulesVersion) = _judge(r, score, tags);

        _ratings[ratingId] = StoredRatingLib.pack(r.agent, r.deskId, score, verdict);
        uint256 member = _deskMember(r.deskId, r.agent);
        _tallies[member] = _tallies[member].add(score, uint8(verdict));
        emit Rated(
            ratingId, r.deskId, r.agent, r.requester, r.ticketId, score, tags, verdict, slaVersion, rulesVersion, comment
        );
    }

    /// @dev Validity of the receipt itself: unexpired, ordered times, a valid signature by an authorised
    /// signer, an agent active at `openedAt`, and nobody rating their own ticket.
    function _checkReceipt(Receipt memory r, bytes32 receiptHash, address signer, bytes calldata signature)
        private
        view
    {
        uint48 now_ = Time.timestamp();
        if (now_ > r.deadline) revert RatingsReceiptExpired(r.deadline, now_);
        (uint48 opened, uint48 responded, uint48 resolved) = (r.openedAt, r.firstResponseAt, r.resolvedAt);
        if (
            opened == 0 || opened > now_ || (responded != 0 && (responded < opened || responded > now_))
                || (resolved != 0 && (resolved < opened || resolved < responded || resolved > now_))
        ) revert RatingsInvalidTimes(opened, responded, resolved);
        if (r.requester == r.agent || r.requester == signer) revert RatingsSelfRating(r.requester);

        if (!_isValidSignature(signer, _hashTypedDataV4(receiptHash), signature)) {
            revert RatingsInvalidSignature(signer);
        }
        (bool agentWasActive, bool signerAuthorized) = receiptParties(r.deskId, r.agent, signer, opened);
        if (!agentWasActive) revert RatingsAgentNotActive(r.deskId, r.agent, opened);
        if (!signerAuthorized) revert RatingsUnauthorizedSigner(r.deskId, signer);
    }

    /// @dev The requester's signature of a relayed rating; consumes the requester's nonce.
    function _checkIntent(
        address requester,
        bytes32 receiptHash,
        uint8 score,
        uint32 tags,
        string calldata comment,
        uint48 intentDeadline,
        bytes calldata requesterSignature
    ) private {
        uint48 now_ = Time.timestamp();
        if (now_ > intentDeadline) revert RatingsRatingSignatureExpired(intentDeadline, now_);
        bytes32 digest = _ratingIntentDigest(
            receiptHash, score, tags, keccak256(bytes(comment)), _useNonce(requester), intentDeadline
        );
        if (!_isValidSignature(requester, digest, requesterSignature)) {
            revert RatingsInvalidRequesterSignature(requester);
        }
    }

    /// @dev Applies the rating terms in force at `openedAt`: window, score scale, tags and the SLA verdict.
    /// Times are ordered and in the past (checked by {_checkReceipt}), so the arithmetic cannot wrap.
    function _judge(Receipt memory r, uint8 score, uint32 tags)
        private
        view
        returns (SlaVerdict verdict, uint16 slaVersion, uint16 rulesVersion)
    {
        uint48 opened = r.openedAt;
        IPolicyRegistry.RatingTerms memory terms = _latestTerms;
        // Steady state: the newest terms were already in force. Older tickets read the registry's history.
        if (opened < terms.effectiveFrom) terms = _policyRegistry.ratingTermsAt(opened);
        if (terms.rulesVersion == 0) revert RatingsNoRatingRules(opened);

        (uint256 responded, uint256 resolved) = (r.firstResponseAt, r.resolvedAt);
        unchecked {
            uint256 lastEvent = resolved != 0 ? resolved : responded != 0 ? responded : opened;
            uint256 closedAt = lastEvent + terms.ratingWindow;
            if (block.timestamp > closedAt) revert RatingsWindowClosed(uint48(closedAt), Time.timestamp());
            if (score == 0 || score > terms.scale) revert RatingsScoreOutOfRange(score, terms.scale);
            if (uint256(tags) >> terms.tagCount != 0) revert RatingsUnknownTags(tags, terms.tagCount);

            if (terms.slaVersion == 0) return (SlaVerdict.None, 0, terms.rulesVersion);
            uint256 shift = 16 * uint256(r.priority);
            uint256 firstResponseTarget = uint256(uint16(terms.firstResponseMinutes >> shift)) * 1 minutes;
            uint256 resolutionTarget = uint256(uint16(terms.resolutionMinutes >> shift)) * 1 minutes;
            bool met = responded != 0 && responded - opened <= firstResponseTarget && resolved != 0
                && resolved - opened <= resolutionTarget;
            verdict = met ? SlaVerdict.Met : SlaVerdict.Breached;
        }
        return (verdict, terms.slaVersion, terms.rulesVersion);
    }

    /// @dev ECDSA first, then ERC-1271: unlike `SignatureChecker.isValidSignatureNow`, an EOA signer costs
    /// no `EXTCODESIZE` of a cold account (2,600 gas on every rating).
    function _isValidSignature(address signer, bytes32 digest, bytes calldata signature) private view returns (bool) {
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signature);
        if (err == ECDSA.RecoverError.NoError && recovered == signer) return true;
        return SignatureChecker.isValidERC1271SignatureNow(signer, digest, signature);
    }

    /// @dev EIP-712 `hashStruct(receipt)`: the struct is static, so `abi.encode` lays out its nine fields
    /// exactly as EIP-712 encodes them.
    function _hashReceipt(Receipt memory receipt) private pure returns (bytes32) {
        return keccak256(abi.encode(_RECEIPT_TYPEHASH, receipt));
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

    function _accumulate(Stats memory stats, uint32 deskId, address agent) private view {
        Tally tally = _tallies[_deskMember(deskId, agent)];
        for (uint256 s = 1; s <= TallyLib.MAX_SCORE; ++s) {
            uint256 n = tally.bucket(s);
            stats.histogram[s - 1] += n;
            stats.count += n;
            stats.sum += s * n;
        }
        stats.slaMet += tally.slaMet();
        stats.slaBreached += tally.slaBreached();
        stats.voided += _voidedCount[agent];
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
