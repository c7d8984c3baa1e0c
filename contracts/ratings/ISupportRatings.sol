// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAgentRegistry} from "../agents/IAgentRegistry.sol";
import {BusinessCalendar} from "../policy/BusinessTime.sol";
import {IPolicyRegistry} from "../policy/IPolicyRegistry.sol";

/// @title ISupportRatings
/// @notice Ratings of real support interactions. A desk's issuer key (or the agent, where the desk allows
/// it) signs an EIP-712 {Receipt} when a ticket closes; the requester rates it once, within the rating
/// window of the rules in force when the ticket was opened. The SLA verdict is computed on-chain against
/// the SLA in force at `openedAt` and kept with the rating; per-agent aggregates are kept on-chain, per-desk
/// aggregates are their sum.
/// @dev A rating is stored in one slot (what `reply` and `voidRating` need); everything else is in
/// {Rated}. Ratings are never deleted: a voided rating stays, flagged, and leaves the aggregates.
///
/// `rate` reads no other contract in steady state: the registries push the little state it checks (an
/// agent's record, a desk's issuer keys and self-signing flag, the newest rating terms) into a mirror
/// here as it changes, through the `sync*` functions only they may call. The registries stay the source
/// of truth and emit the events; the mirror is a copy of their storage, kept equal on every change (tests
/// hold it, including a fuzz over any sequence of agent status changes). Tickets opened before the newest rating terms took effect are judged by
/// reading the policy registry's history.
interface ISupportRatings {
    enum SlaVerdict {
        None, // no SLA was in force when the ticket was opened
        Met,
        Breached
    }

    /// @notice What a help desk signs when a ticket closes (EIP-712 type `ReceiptV2`).
    /// @dev A time that did not happen (no first response, not resolved) is 0. `deadline` bounds the
    /// receipt's validity; rating must also fall within the rules' rating window.
    /// The ticket, its parties, its times, then its classification: with `rate(receipt, signature, signer, …)`
    /// this layout sorts `rate`'s selector 2nd of 28 in the dispatcher instead of 23rd — every selector
    /// compared before it costs 22 gas on every rating (README, "Design decisions").
    /// @param category 1 + the index of the ticket's category in the rating rules in force, or 0 (none).
    /// @param pausedSeconds Time the ticket waited on the requester ("pending"), in the SLA's clock for its
    /// priority (business or calendar seconds): left out of the resolution time, as help desks do. At most
    /// the ticket's life (opened to its last event).
    struct Receipt {
        uint64 ticketId;
        uint32 deskId;
        address agent;
        address requester;
        uint48 openedAt;
        uint48 firstResponseAt;
        uint48 resolvedAt;
        uint48 pausedSeconds;
        uint48 deadline;
        IPolicyRegistry.Priority priority;
        uint8 category;
    }

    /// @notice The stored part of a rating: one slot.
    /// @param selfSigned Whether the agent signed its own receipt (self-signing desk): such ratings count in
    /// {agentSelfSignedStats}, never in the desk-verified {agentStats}/{deskStats}.
    struct Rating {
        address agent;
        uint32 deskId;
        uint8 score;
        SlaVerdict verdict;
        bool voided;
        bool replied;
        bool selfSigned;
    }

    /// @notice The aggregates of an agent or a desk over non-voided ratings.
    /// @param histogram `histogram[s - 1]` ratings of score `s`, for `s` in `1..8`.
    struct Stats {
        uint256 count;
        uint256 sum;
        uint256[8] histogram;
        uint256 slaMet;
        uint256 slaBreached;
        uint256 voided;
    }

    error RatingsAlreadyRated(uint32 deskId, uint64 ticketId);
    error RatingsNotRequester(address caller, address requester);
    /// @notice The receipt signature does not verify for `signer` (ECDSA or ERC-1271).
    error RatingsInvalidSignature(address signer);
    /// @notice `signer` is not an issuer key of the desk, nor the agent of a self-signing desk.
    error RatingsUnauthorizedSigner(uint32 deskId, address signer);
    /// @notice The agent was not an active agent of the desk when the ticket was opened.
    error RatingsAgentNotActive(uint32 deskId, address agent, uint48 openedAt);
    /// @notice The requester is the agent or the signer of its own receipt.
    error RatingsSelfRating(address requester);
    error RatingsReceiptExpired(uint48 deadline, uint48 currentTime);
    /// @notice Receipt times must be ordered (opened ≤ first response ≤ resolved) and not in the future.
    error RatingsInvalidTimes(uint48 openedAt, uint48 firstResponseAt, uint48 resolvedAt);
    /// @notice No rating rules were in force when the ticket was opened.
    error RatingsNoRatingRules(uint48 openedAt);
    error RatingsWindowClosed(uint48 closedAt, uint48 currentTime);
    error RatingsScoreOutOfRange(uint8 score, uint8 scale);
    /// @notice `tags` sets a bit beyond the rules' tag list.
    error RatingsUnknownTags(uint32 tags, uint8 tagCount);
    /// @notice The receipt's category is not 0 (none) nor one of the rules' `categoryCount` categories.
    error RatingsUnknownCategory(uint8 category, uint8 categoryCount);
    /// @notice The ticket cannot have waited on its requester longer than it lived (opened to its last event).
    error RatingsPausedTooLong(uint48 pausedSeconds, uint256 ticketSeconds);
    error RatingsCommentTooLong(uint256 length, uint256 maxLength);
    error RatingsUnknownRating(bytes32 ratingId);
    error RatingsNotAgent(address caller, address agent);
    error RatingsAlreadyReplied(bytes32 ratingId);
    error RatingsAlreadyVoided(bytes32 ratingId);
    error RatingsEmptyText();
    /// @notice The requester's signature for a relayed rating has expired.
    error RatingsRatingSignatureExpired(uint48 deadline, uint48 currentTime);
    error RatingsInvalidRequesterSignature(address requester);
    /// @notice Only `registry` may write this part of the mirror.
    error RatingsNotRegistry(address caller, address registry);
    /// @notice `registry` was deployed for another ratings contract (`ratings`), so it would not keep the
    /// mirror of this one.
    error RatingsRegistryMismatch(address registry, address ratings);
    /// @notice An escalated receipt names no earlier ticket (0) or names its own ticket.
    error RatingsInvalidEscalation(uint32 deskId, uint64 ticketId, uint64 escalatedFrom);
    /// @notice An escalation goes from an AI assistant to a person: `agent` of the receipt is an AI assistant.
    error RatingsEscalationToAssistant(uint32 deskId, address agent);
    /// @notice The earlier ticket `escalatedFrom` was already rated, and its agent `agent` is not an AI assistant.
    error RatingsEscalationNotFromAssistant(uint32 deskId, uint64 escalatedFrom, address agent);

    /// @notice A support interaction was rated.
    /// @param ratingId {ratingIdOf} for a desk-issued receipt, {selfSignedRatingIdOf} for a self-signed one
    /// (bits 96..255 hold the agent exactly when the receipt was self-signed). The ticket id is its low 64
    /// bits and is not repeated in the event (256 gas of log data on the hot path).
    /// @param deskId The desk.
    /// @param agent The agent who helped.
    /// @param requester The user who rated.
    /// @param score The score, `1..scale`.
    /// @param tags Bitmask over the tag list of the rules version `rulesVersion`.
    /// @param category The ticket's category (1-based index into that version's categories; 0 = none).
    /// @param priority The ticket's priority, as the desk signed it (what the SLA targets were read for).
    /// @param verdict The {SlaVerdict} against SLA version `slaVersion`, as its `uint8` (an enum's ABI type: the
    /// event's signature is the same either way; a plain integer keeps enum range checks off `rate`'s path).
    /// @param slaVersion The SLA version in force at `openedAt` (0 = none).
    /// @param rulesVersion The rating-rules version in force at `openedAt`.
    /// @param comment The requester's comment.
    event Rated(
        bytes32 ratingId,
        uint32 indexed deskId,
        address indexed agent,
        address indexed requester,
        uint8 score,
        uint32 tags,
        uint8 category,
        IPolicyRegistry.Priority priority,
        uint8 verdict,
        uint16 slaVersion,
        uint16 rulesVersion,
        string comment
    );

    /// @notice The rated ticket was escalated to its agent from the desk's AI assistant's ticket
    /// `escalatedFrom`, as the desk signed on the receipt (EIP-712 `EscalatedReceipt`). Both tickets are rated,
    /// each on its own receipt; `escalatedFromRatingId` is the earlier ticket's {ratingIdOf}.
    event RatingEscalated(
        bytes32 indexed ratingId, bytes32 indexed escalatedFromRatingId, uint32 indexed deskId, uint64 escalatedFrom
    );

    /// @notice The agent replied publicly to a rating.
    event RatingReplied(bytes32 indexed ratingId, uint32 indexed deskId, address indexed agent, string reply);

    /// @notice The DAO voided an abusive rating: it stays in history and leaves the aggregates.
    event RatingVoided(bytes32 indexed ratingId, uint32 indexed deskId, address indexed agent, string reason);

    /// @notice Rates the interaction named in `receipt`. Only its requester.
    /// @param signature The signer's EIP-712 signature of the receipt (65-byte ECDSA or ERC-1271).
    /// @param signer The receipt's signer: an issuer key of the desk, or the agent (self-signing desks).
    /// @param tags Bitmask over the tags of the rules in force.
    function rate(
        Receipt calldata receipt,
        bytes calldata signature,
        address signer,
        uint8 score,
        uint32 tags,
        string calldata comment
    ) external returns (bytes32 ratingId);

    /// @notice {rate} submitted by anyone with the requester's EIP-712 `RatingIntent` signature.
    function rateBySig(
        Receipt calldata receipt,
        bytes calldata signature,
        address signer,
        uint8 score,
        uint32 tags,
        string calldata comment,
        uint48 intentDeadline,
        bytes calldata requesterSignature
    ) external returns (bytes32 ratingId);

    /// @notice {rate} for a ticket escalated from an AI assistant's ticket `escalatedFrom` of the same desk.
    /// The signer signs the EIP-712 `EscalatedReceipt(ReceiptV2 receipt,uint64 escalatedFrom)`, so a plain
    /// receipt's signature cannot be passed off as an escalation, nor the reverse. The receipt's agent must not
    /// be an AI assistant; if the earlier ticket is already rated, its agent must be one. Emits {Rated}, then
    /// {RatingEscalated}. Its own entry point, so that `rate` (the hot path) pays nothing for it.
    /// @param requesterSignature Empty: the caller is the requester (as {rate}). Otherwise the requester's
    /// `RatingIntent` signature, whose `receiptHash` is the `EscalatedReceipt`'s hash, and anyone may submit
    /// it before `intentDeadline` (as {rateBySig}).
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
    ) external returns (bytes32 ratingId);

    /// @notice Mirrors the start of an agent's current active period (0 while it is not active). Only the
    /// agent registry, whenever it changes. Older periods are read from the registry ({IAgentRegistry-wasActiveAt}).
    function syncAgent(address account, uint32 deskId, uint48 activeSince) external;

    /// @notice Mirrors whether `issuer` is an issuer key of `deskId`. Only the agent registry.
    function syncIssuer(uint32 deskId, address issuer, bool enabled) external;

    /// @notice Mirrors whether `deskId` lets its agents sign their own receipts. Only the agent registry.
    function syncSelfSigning(uint32 deskId, bool enabled) external;

    /// @notice Mirrors the newest entry of the rating-terms history. Only the policy registry.
    function syncRatingTerms(IPolicyRegistry.RatingTerms calldata terms) external;

    /// @notice Mirrors a business-hours calendar of SLA version `slaVersion`: desk `deskId`'s own, or the
    /// protocol-wide one (`deskId` 0). Only the policy registry, when it publishes the version.
    function syncCalendar(uint16 slaVersion, uint32 deskId, BusinessCalendar calendar, uint256 holidays) external;

    /// @notice The calendar SLA version `slaVersion` applies to desk `deskId`'s business-time targets (its
    /// own, else the protocol-wide one; 0 = none) and its holiday word.
    function calendarOf(uint16 slaVersion, uint32 deskId)
        external
        view
        returns (BusinessCalendar calendar, uint256 holidays);

    /// @notice Business seconds of `calendar` (with `holidays`) in `[from, to]`: what `rate` measures.
    function businessSeconds(BusinessCalendar calendar, uint256 holidays, uint48 from, uint48 to)
        external
        pure
        returns (uint256);

    /// @notice The agent's one public reply to a rating.
    function reply(bytes32 ratingId, string calldata text) external;

    /// @notice Voids an abusive rating. Only the owner (timelock).
    function voidRating(bytes32 ratingId, string calldata reason) external;

    /// @notice The EIP-712 digest the desk signs for `receipt`.
    function receiptDigest(Receipt calldata receipt) external view returns (bytes32);

    /// @notice The EIP-712 digest the requester signs for a relayed rating.
    function ratingIntentDigest(
        bytes32 receiptHash,
        uint8 score,
        uint32 tags,
        string calldata comment,
        uint256 nonce,
        uint48 intentDeadline
    ) external view returns (bytes32);

    /// @notice `deskId << 64 | ticketId`: the id of a rating of a desk-issued receipt, unique per (desk,
    /// ticket), and both are readable from the id.
    function ratingIdOf(uint32 deskId, uint64 ticketId) external pure returns (bytes32);

    /// @notice `agent << 96 | deskId << 64 | ticketId`: the id of a rating of a receipt the agent signed
    /// itself. Self-signed tickets live in the agent's own namespace, so a self-signing agent cannot take a
    /// desk-issued ticket id first and block the real customer's rating.
    function selfSignedRatingIdOf(uint32 deskId, address agent, uint64 ticketId) external pure returns (bytes32);

    function rating(bytes32 ratingId) external view returns (Rating memory);
    /// @notice The agent's aggregates over ratings of desk-issued receipts.
    function agentStats(address agent) external view returns (Stats memory);
    /// @notice The agent's aggregates over ratings of receipts it signed itself (shown apart: an agent can
    /// farm these through Sybil requesters).
    function agentSelfSignedStats(address agent) external view returns (Stats memory);
    function deskStats(uint32 deskId) external view returns (Stats memory);
    function nonces(address owner) external view returns (uint256);
    function policyRegistry() external view returns (IPolicyRegistry);
    function agentRegistry() external view returns (IAgentRegistry);

    /// @notice The checks `rate` makes of a receipt's parties: was `agent` an active agent of `deskId` at
    /// `openedAt`, and may `signer` sign its receipts (an issuer key of the desk, or the agent itself while
    /// it is active and the desk allows self-signing)?
    function receiptParties(uint32 deskId, address agent, address signer, uint48 openedAt)
        external
        view
        returns (bool agentWasActive, bool signerAuthorized);

    /// @notice The newest rating terms, as mirrored from the policy registry.
    function latestRatingTerms() external view returns (IPolicyRegistry.RatingTerms memory);
}
