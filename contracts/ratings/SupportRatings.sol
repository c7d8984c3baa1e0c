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
import {Tally, TallyLib} from "./Tally.sol";

/// @title SupportRatings
/// @notice See {ISupportRatings}. Owned by the DAO's timelock (which alone may void a rating).
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

    mapping(bytes32 ratingId => Rating) private _ratings;
    mapping(address agent => Tally) private _tallies;
    mapping(address agent => uint256) private _voidedCount;

    constructor(address timelock, IAgentRegistry agentRegistry_, IPolicyRegistry policyRegistry_)
        EIP712("SupportRatings", "1")
        Ownable(timelock)
    {
        _agentRegistry = agentRegistry_;
        _policyRegistry = policyRegistry_;
    }

    /// @inheritdoc ISupportRatings
    function rate(
        Receipt calldata receipt,
        address signer,
        bytes calldata signature,
        uint8 score,
        uint32 tags,
        string calldata comment
    ) external returns (bytes32) {
        if (msg.sender != receipt.requester) revert RatingsNotRequester(msg.sender, receipt.requester);
        return _rate(receipt, signer, signature, score, tags, comment);
    }

    /// @inheritdoc ISupportRatings
    function rateBySig(
        Receipt calldata receipt,
        address signer,
        bytes calldata signature,
        uint8 score,
        uint32 tags,
        string calldata comment,
        uint48 intentDeadline,
        bytes calldata requesterSignature
    ) external returns (bytes32) {
        _checkIntent(receipt, score, tags, comment, intentDeadline, requesterSignature);
        return _rate(receipt, signer, signature, score, tags, comment);
    }

    /// @inheritdoc ISupportRatings
    function reply(bytes32 ratingId, string calldata text) external {
        Rating storage r = _existingRating(ratingId);
        if (msg.sender != r.agent) revert RatingsNotAgent(msg.sender, r.agent);
        if (r.replied) revert RatingsAlreadyReplied(ratingId);
        _checkText(text);
        r.replied = true;
        emit RatingReplied(ratingId, r.deskId, r.agent, text);
    }

    /// @inheritdoc ISupportRatings
    function voidRating(bytes32 ratingId, string calldata reason) external onlyOwner {
        Rating storage r = _existingRating(ratingId);
        if (r.voided) revert RatingsAlreadyVoided(ratingId);
        _checkText(reason);
        r.voided = true;
        _tallies[r.agent] = _tallies[r.agent].remove(r.score, uint8(r.verdict));
        ++_voidedCount[r.agent];
        emit RatingVoided(ratingId, r.deskId, r.agent, reason);
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
        return keccak256(abi.encode(deskId, ticketId));
    }

    /// @inheritdoc ISupportRatings
    function rating(bytes32 ratingId) external view returns (Rating memory) {
        Rating memory r = _ratings[ratingId];
        if (r.agent == address(0)) revert RatingsUnknownRating(ratingId);
        return r;
    }

    /// @inheritdoc ISupportRatings
    function agentStats(address agent) public view returns (Stats memory stats) {
        _accumulate(stats, agent);
    }

    /// @inheritdoc ISupportRatings
    /// @dev Sums the desk's agents (an address is an agent of one desk only), so a rating writes one
    /// aggregate, not two. Gas grows with the desk's size; it is a view.
    function deskStats(uint32 deskId) external view returns (Stats memory stats) {
        address[] memory agents = _agentRegistry.deskAgents(deskId);
        for (uint256 i = 0; i < agents.length; ++i) {
            _accumulate(stats, agents[i]);
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

    /// @notice The agent registry receipts are checked against.
    function agentRegistry() external view returns (IAgentRegistry) {
        return _agentRegistry;
    }

    function _rate(
        Receipt calldata receipt,
        address signer,
        bytes calldata signature,
        uint8 score,
        uint32 tags,
        string calldata comment
    ) private returns (bytes32 ratingId) {
        ratingId = ratingIdOf(receipt.deskId, receipt.ticketId);
        if (_ratings[ratingId].agent != address(0)) revert RatingsAlreadyRated(receipt.deskId, receipt.ticketId);
        if (bytes(comment).length > _MAX_TEXT_LENGTH) {
            revert RatingsCommentTooLong(bytes(comment).length, _MAX_TEXT_LENGTH);
        }
        _checkReceipt(receipt, signer, signature);
        (SlaVerdict verdict, uint16 slaVersion, uint16 rulesVersion) = _judge(receipt, score, tags);

        address agent = receipt.agent;
        _ratings[ratingId] = Rating({
            agent: agent,
            deskId: receipt.deskId,
            score: score,
            verdict: verdict,
            voided: false,
            replied: false
        });
        _tallies[agent] = _tallies[agent].add(score, uint8(verdict));
        emit Rated(
            ratingId,
            receipt.deskId,
            agent,
            receipt.requester,
            receipt.ticketId,
            score,
            tags,
            verdict,
            slaVersion,
            rulesVersion,
            comment
        );
    }

    /// @dev Validity of the receipt itself: unexpired, ordered times, a valid signature by an authorised
    /// signer, an agent active at `openedAt`, and nobody rating their own ticket.
    function _checkReceipt(Receipt calldata receipt, address signer, bytes calldata signature) private view {
        uint48 now_ = Time.timestamp();
        if (now_ > receipt.deadline) revert RatingsReceiptExpired(receipt.deadline, now_);
        (uint48 opened, uint48 responded, uint48 resolved) =
            (receipt.openedAt, receipt.firstResponseAt, receipt.resolvedAt);
        if (
            opened == 0 || opened > now_ || (responded != 0 && (responded < opened || responded > now_))
                || (resolved != 0 && (resolved < opened || resolved < responded || resolved > now_))
        ) revert RatingsInvalidTimes(opened, responded, resolved);
        address requester = receipt.requester;
        if (requester == receipt.agent || requester == signer) revert RatingsSelfRating(requester);

        if (!_isValidSignature(signer, _hashTypedDataV4(_hashReceipt(receipt)), signature)) {
            revert RatingsInvalidSignature(signer);
        }
        (bool agentWasActive, bool signerAuthorized) =
            _agentRegistry.receiptParties(receipt.deskId, receipt.agent, signer, opened);
        if (!agentWasActive) revert RatingsAgentNotActive(receipt.deskId, receipt.agent, opened);
        if (!signerAuthorized) revert RatingsUnauthorizedSigner(receipt.deskId, signer);
    }

    /// @dev The requester's signature of a relayed rating; consumes the requester's nonce.
    function _checkIntent(
        Receipt calldata receipt,
        uint8 score,
        uint32 tags,
        string calldata comment,
        uint48 intentDeadline,
        bytes calldata requesterSignature
    ) private {
        uint48 now_ = Time.timestamp();
        if (now_ > intentDeadline) revert RatingsRatingSignatureExpired(intentDeadline, now_);
        address requester = receipt.requester;
        bytes32 digest = _ratingIntentDigest(
            _hashReceipt(receipt), score, tags, keccak256(bytes(comment)), _useNonce(requester), intentDeadline
        );
        if (!_isValidSignature(requester, digest, requesterSignature)) {
            revert RatingsInvalidRequesterSignature(requester);
        }
    }

    /// @dev Applies the rating terms in force at `openedAt`: window, score scale, tags and the SLA verdict.
    function _judge(Receipt calldata receipt, uint8 score, uint32 tags)
        private
        view
        returns (SlaVerdict verdict, uint16 slaVersion, uint16 rulesVersion)
    {
        uint48 opened = receipt.openedAt;
        IPolicyRegistry.RatingTerms memory terms = _policyRegistry.ratingTermsAt(opened);
        if (terms.rulesVersion == 0) revert RatingsNoRatingRules(opened);

        uint48 lastEvent = receipt.resolvedAt != 0 ? receipt.resolvedAt : receipt.firstResponseAt;
        if (lastEvent == 0) lastEvent = opened;
        uint48 closedAt = lastEvent + terms.ratingWindow;
        uint48 now_ = Time.timestamp();
        if (now_ > closedAt) revert RatingsWindowClosed(closedAt, now_);
        if (score == 0 || score > terms.scale) revert RatingsScoreOutOfRange(score, terms.scale);
        if (uint256(tags) >> terms.tagCount != 0) revert RatingsUnknownTags(tags, terms.tagCount);

        if (terms.slaVersion == 0) return (SlaVerdict.None, 0, terms.rulesVersion);
        uint256 shift = 16 * uint256(receipt.priority);
        uint256 firstResponseTarget = uint256(uint16(terms.firstResponseMinutes >> shift)) * 1 minutes;
        uint256 resolutionTarget = uint256(uint16(terms.resolutionMinutes >> shift)) * 1 minutes;
        bool met = receipt.firstResponseAt != 0 && receipt.firstResponseAt - opened <= firstResponseTarget
            && receipt.resolvedAt != 0 && receipt.resolvedAt - opened <= resolutionTarget;
        verdict = met ? SlaVerdict.Met : SlaVerdict.Breached;
        return (verdict, terms.slaVersion, terms.rulesVersion);
    }

    /// @dev ECDSA first, then ERC-1271: unlike `SignatureChecker.isValidSignatureNow`, an EOA signer costs
    /// no `EXTCODESIZE` of a cold account (2,600 gas on every rating).
    function _isValidSignature(address signer, bytes32 digest, bytes calldata signature) private view returns (bool) {
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signature);
        if (err == ECDSA.RecoverError.NoError && recovered == signer) return true;
        return SignatureChecker.isValidERC1271SignatureNow(signer, digest, signature);
    }

    function _hashReceipt(Receipt calldata receipt) private pure returns (bytes32) {
        return keccak256(
            abi.encode(
                _RECEIPT_TYPEHASH,
                receipt.ticketId,
                receipt.deskId,
                receipt.agent,
                receipt.requester,
                receipt.priority,
                receipt.openedAt,
                receipt.firstResponseAt,
                receipt.resolvedAt,
                receipt.deadline
            )
        );
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

    function _accumulate(Stats memory stats, address agent) private view {
        Tally tally = _tallies[agent];
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

    function _existingRating(bytes32 ratingId) private view returns (Rating storage r) {
        r = _ratings[ratingId];
        if (r.agent == address(0)) revert RatingsUnknownRating(ratingId);
    }

    function _checkText(string calldata text) private pure {
        uint256 length = bytes(text).length;
        if (length == 0) revert RatingsEmptyText();
        if (length > _MAX_TEXT_LENGTH) revert RatingsCommentTooLong(length, _MAX_TEXT_LENGTH);
    }
}
