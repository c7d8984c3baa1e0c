// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ISupportRatings} from "../ratings/ISupportRatings.sol";

/// @title IPolicyRegistry
/// @notice Append-only, versioned support policies of the DAO. Written only by the owner (the timelock).
/// @dev Every version's full text is emitted in {PolicyPublished}, so no off-chain store is needed; only
/// its `keccak256` content hash and effective time are kept in storage. Kinds other than `General` are
/// singletons: there is one SLA policy, one rating-rules policy, etc., each with its own version chain.
/// The typed parameters of the SLA and rating-rules versions are also folded into one "rating terms"
/// history that the ratings contract reads in a single slot.
interface IPolicyRegistry {
    enum PolicyKind {
        General,
        SLA,
        Escalation,
        SecurityScript,
        OfficialChannels,
        RatingRules
    }

    enum Priority {
        Low,
        Normal,
        High,
        Urgent
    }

    /// @notice Typed parameters of an `SLA` version, ABI-encoded in `publishPolicy`'s `params`.
    /// @dev Targets are whole minutes per {Priority} (support SLAs are quoted in minutes and hours);
    /// at most 65,535 minutes (~45 days).
    /// @param businessHours Bitmask over {Priority}: bit `p` set = priority `p`'s targets count business time
    /// (the open hours of the desk's calendar), clear = calendar time. With any bit set, `calendar` is the
    /// protocol-wide calendar and `deskCalendars` may give some desks their own.
    struct SlaParams {
        uint16[4] firstResponseMinutes;
        uint16[4] resolutionMinutes;
        uint8 businessHours;
        CalendarParams calendar;
        DeskCalendar[] deskCalendars;
    }

    /// @notice A weekly schedule of open hours in a fixed UTC offset, with optional holidays.
    /// @param utcOffsetMinutes The desk's offset from UTC in minutes, −720 to +840 (e.g. 60 for CET).
    /// @param opens Minutes after local midnight each weekday opens, Monday first.
    /// @param closes Minutes after local midnight it closes (at most 1440; equal to `opens` = closed all day).
    /// @param holidays Closed local dates, as days since 1970-01-01, strictly increasing, at most 16.
    struct CalendarParams {
        int16 utcOffsetMinutes;
        uint16[7] opens;
        uint16[7] closes;
        uint16[] holidays;
    }

    /// @notice A desk's own calendar, replacing the protocol-wide one for its tickets.
    struct DeskCalendar {
        uint32 deskId;
        CalendarParams calendar;
    }

    /// @notice Typed parameters of a `RatingRules` version, ABI-encoded in `publishPolicy`'s `params`.
    /// @param ratingWindow Seconds after the ticket's last event during which it may be rated.
    /// @param scale Highest score; scores are `1..scale` (2 to 8).
    /// @param tags Tag names; a rating's `tags` is a bitmask over this list (at most 32).
    /// @param categories Ticket categories (at most 32); a receipt's `category` is 1 + an index into this
    /// list, or 0 for an uncategorised ticket.
    struct RatingRulesParams {
        uint32 ratingWindow;
        uint8 scale;
        string[] tags;
        string[] categories;
    }

    /// @notice Typed parameters of an `OfficialChannels` version, ABI-encoded in `publishPolicy`'s `params`:
    /// what Verify compares a URL, e-mail address, social handle or phone number with.
    /// @param websites Domains of the official websites (e.g. `ledgerly.com`), lowercase ASCII or punycode.
    /// @param emailDomains Domains official e-mail comes from.
    /// @param socials Official accounts per platform.
    /// @param phones Official phone numbers in E.164 form.
    struct OfficialChannelsParams {
        string[] websites;
        string[] emailDomains;
        SocialHandle[] socials;
        string[] phones;
    }

    /// @notice An official account on a social platform (e.g. `x`, `@ledgerly`).
    struct SocialHandle {
        string platform;
        string handle;
    }

    /// @notice The SLA targets and rating rules in force from `effectiveFrom`: one storage slot.
    /// @dev `slaVersion`/`rulesVersion` are 0 when no such version is in force. `businessHours` is the SLA's
    /// {SlaParams-businessHours} mask in bits 0..3, and bit 4 when some desks have their own calendar.
    struct RatingTerms {
        uint40 effectiveFrom;
        uint16 slaVersion;
        uint16 rulesVersion;
        uint24 ratingWindow;
        uint8 scale;
        uint8 tagCount;
        uint8 categoryCount;
        uint8 businessHours;
        uint64 firstResponseMinutes; // 4 × uint16, indexed by Priority
        uint64 resolutionMinutes; // 4 × uint16, indexed by Priority
    }

    /// @notice What a published version says. `title` names the policy when the version creates it.
    struct PolicyContent {
        string title;
        string text;
        string uri;
        bytes params;
    }

    /// @notice A policy: its kind, title and version count; `retiredAt` is 0 while it is live.
    /// @param latestVersion The newest version not cancelled (0 = none).
    struct Policy {
        PolicyKind kind;
        uint16 versionCount;
        uint16 latestVersion;
        uint48 createdAt;
        uint48 retiredAt;
        string title;
    }

    /// @notice A stored version: the hash of what it says and enforces, and the time it takes effect.
    /// @param contentHash {contentHashOf} its kind and content: text, URI and typed parameters, so that a
    /// parameter-only change is a different version with a different hash.
    /// @param cancelledAt When the DAO cancelled it before it took effect (0 = not cancelled); a cancelled
    /// version is never in force and stays in history.
    /// @param previous The live version it follows (0 = none): {versionAt} walks this chain.
    /// @param termsEntry 1 + the index of the rating-terms entry it appended (SLA and rating rules; else 0).
    struct Version {
        bytes32 contentHash;
        uint48 effectiveFrom;
        uint48 publishedAt;
        uint48 cancelledAt;
        uint16 previous;
        uint32 termsEntry;
    }

    /// @notice No policy has this id.
    error PolicyRegistryUnknownPolicy(uint256 policyId);
    /// @notice No version of this policy has this number.
    error PolicyRegistryUnknownVersion(uint256 policyId, uint256 version);
    /// @notice `publishPolicy` named an existing policy of another kind.
    error PolicyRegistryKindMismatch(uint256 policyId, PolicyKind expected, PolicyKind given);
    /// @notice A policy of this singleton kind already exists: publish a new version of it instead.
    error PolicyRegistryKindTaken(PolicyKind kind, uint256 policyId);
    /// @notice The policy was retired; it takes no new versions.
    error PolicyRegistryPolicyRetired(uint256 policyId, uint48 retiredAt);
    /// @notice A policy cannot be retired while a change it affects is scheduled: a version of it, or (for
    /// the SLA and rating rules) any rating-terms change, takes effect at `effectiveFrom`. Retire after it.
    error PolicyRegistryChangeScheduled(uint256 policyId, uint48 effectiveFrom);
    /// @notice A version may not take effect before now, nor before the version it follows.
    error PolicyRegistryEffectiveTooEarly(uint48 effectiveFrom, uint48 earliest);
    /// @notice A version may not be scheduled further ahead than `latest` (a year): a mistyped (e.g.
    /// millisecond) time would otherwise freeze the policy.
    error PolicyRegistryEffectiveTooLate(uint48 effectiveFrom, uint48 latest);
    /// @notice Only a version that has not taken effect yet can be cancelled.
    error PolicyRegistryVersionInForce(uint256 policyId, uint256 version, uint48 effectiveFrom);
    /// @notice Only the policy's newest live version can be cancelled; for the SLA and rating rules, only
    /// while no later rating-terms change is scheduled after it (cancel that one first).
    error PolicyRegistryNotNewest(uint256 policyId, uint256 version);
    /// @notice The policy has no version that could be cancelled.
    error PolicyRegistryNothingScheduled(uint256 policyId);
    /// @notice Policy text and title must not be empty.
    error PolicyRegistryEmptyText();
    /// @notice An SLA target is zero, or the resolution target is shorter than the first-response target.
    error PolicyRegistryInvalidSlaTarget(Priority priority, uint16 firstResponseMinutes, uint16 resolutionMinutes);
    /// @notice The rating scale must be 2 to 8.
    error PolicyRegistryInvalidScale(uint8 scale);
    /// @notice The rating window must be at least one hour and at most 16,777,215 seconds (194 days).
    error PolicyRegistryInvalidRatingWindow(uint32 ratingWindow);
    /// @notice At most 32 rating tags.
    error PolicyRegistryTooManyTags(uint256 count, uint256 max);
    /// @notice At most 32 ticket categories.
    error PolicyRegistryTooManyCategories(uint256 count, uint256 max);
    /// @notice A weekday's hours are impossible: it opens after it closes, or closes after 24:00 (1440).
    error PolicyRegistryInvalidBusinessHours(uint256 deskId, uint256 weekday, uint16 opens, uint16 closes);
    /// @notice A calendar's UTC offset is outside −12:00..+14:00 (in minutes).
    error PolicyRegistryInvalidUtcOffset(uint256 deskId, int16 utcOffsetMinutes);
    /// @notice A calendar that business-time targets would use is never open.
    error PolicyRegistryNoBusinessHours(uint256 deskId);
    /// @notice Holidays must be strictly increasing dates (no duplicates, no overlap), at most 16.
    error PolicyRegistryInvalidHolidays(uint256 deskId, uint256 index, uint16 date, uint16 previous);
    error PolicyRegistryTooManyHolidays(uint256 deskId, uint256 count, uint256 max);
    /// @notice `businessHours` sets a bit beyond the four priorities.
    error PolicyRegistryInvalidBusinessHoursMask(uint8 businessHours);
    /// @notice Desk calendars must name desks in strictly increasing order (at most 16), and only an SLA
    /// with business-time targets takes calendars.
    error PolicyRegistryInvalidDeskCalendars(uint256 index, uint32 deskId);
    /// @notice This kind takes no typed parameters, yet some were given.
    error PolicyRegistryUnexpectedParams(PolicyKind kind);
    /// @notice The version says and enforces exactly what the policy's newest version does.
    error PolicyRegistryUnchanged(uint256 policyId, uint256 version, bytes32 contentHash);
    /// @notice At most 32 official channels in one version.
    error PolicyRegistryTooManyChannels(uint256 count, uint256 max);

    /// @notice A new policy was created.
    /// @param policyId The policy's id.
    /// @param kind Its kind.
    /// @param title Its title.
    event PolicyCreated(uint256 indexed policyId, PolicyKind indexed kind, string title);

    /// @notice A version of a policy was published.
    /// @param policyId The policy.
    /// @param version The version number (1, 2, …).
    /// @param kind The policy's kind.
    /// @param contentHash {contentHashOf} the kind and content.
    /// @param effectiveFrom When the version takes effect.
    /// @param publisher Who published it (the timelock; the executing proposal is in the same transaction).
    /// @param content The full text, the optional URI of a richer document, and the ABI-encoded typed
    /// parameters ({SlaParams}, {RatingRulesParams}, or empty).
    event PolicyPublished(
        uint256 indexed policyId,
        uint256 indexed version,
        PolicyKind indexed kind,
        bytes32 contentHash,
        uint48 effectiveFrom,
        address publisher,
        PolicyContent content
    );

    /// @notice A policy was retired: its versions stay in history, none is in force from `retiredAt`.
    /// @param policyId The policy.
    /// @param kind Its kind.
    /// @param retiredAt When it was retired.
    event PolicyRetired(uint256 indexed policyId, PolicyKind indexed kind, uint48 retiredAt);

    /// @notice A scheduled version was cancelled by the DAO before it took effect.
    /// @param policyId The policy.
    /// @param version The cancelled version (it stays in history, never in force).
    /// @param kind The policy's kind.
    /// @param effectiveFrom When it would have taken effect.
    event VersionCancelled(uint256 indexed policyId, uint256 indexed version, PolicyKind indexed kind, uint48 effectiveFrom);

    /// @notice The newest rating-terms entry was cancelled with its version; the one before it is the newest.
    /// @param index The index of the removed entry.
    event RatingTermsCancelled(uint256 indexed index);

    /// @notice The rating terms changed (an SLA or rating-rules version was published, or one retired).
    /// @param index The index of the new entry in the rating-terms history.
    /// @param effectiveFrom When it takes effect.
    /// @param slaVersion The SLA version in force from then (0 = none).
    /// @param rulesVersion The rating-rules version in force from then (0 = none).
    event RatingTermsUpdated(uint256 indexed index, uint40 effectiveFrom, uint16 slaVersion, uint16 rulesVersion);

    /// @notice Publishes a new version of policy `policyId`, or creates the policy when `policyId` is 0.
    /// @dev Only the owner (timelock). `effectiveFrom` 0 means now. The first argument is `kind` so that the
    /// governor can mark the publishing of some kinds (security script, official channels) critical.
    /// @return id The policy id.
    /// @return version The new version number.
    function publishPolicy(PolicyKind kind, uint256 policyId, uint48 effectiveFrom, PolicyContent calldata content)
        external
        returns (uint256 id, uint256 version);

    /// @notice Cancels the newest version of `policyId` before it takes effect. Only the owner (timelock).
    /// @dev `kind` comes first so that the governor can treat cancelling a security script or the official
    /// channels as critical, like publishing them.
    function cancelScheduledVersion(PolicyKind kind, uint256 policyId) external;

    /// @notice Retires a policy, at once. Only the owner (timelock). Refused while a change it affects is
    /// still scheduled, so retirement never reorders or shortens the history of what was in force.
    function retirePolicy(uint256 policyId) external;

    /// @notice The hash a version of `kind` with `content` is stored under: the EIP-712 struct hash of
    /// `PolicyVersionContent(uint8 kind,string text,string uri,bytes params)` (the title names the policy,
    /// not the version, and is left out). Auditors and the dApp recompute it from the event.
    function contentHashOf(PolicyKind kind, PolicyContent calldata content) external pure returns (bytes32);

    /// @notice The number of policies (ids are `1..policyCount`).
    function policyCount() external view returns (uint256);

    /// @notice A policy.
    function policy(uint256 policyId) external view returns (Policy memory);

    /// @notice The id of the policy of a singleton kind (0 if none yet).
    function policyOfKind(PolicyKind kind) external view returns (uint256);

    /// @notice A stored version of a policy.
    function version(uint256 policyId, uint256 versionNumber) external view returns (Version memory);

    /// @notice The version of `policyId` in force at `timepoint` (0 if none).
    function versionAt(uint256 policyId, uint48 timepoint) external view returns (uint256);

    /// @notice The rating terms in force at `timepoint` (all zero if none).
    function ratingTermsAt(uint48 timepoint) external view returns (RatingTerms memory);

    /// @notice The ratings contract this registry pushes every new rating-terms entry to.
    function ratings() external view returns (ISupportRatings);

    /// @notice The number of entries in the rating-terms history.
    function ratingTermsCount() external view returns (uint256);

    /// @notice An entry of the rating-terms history.
    function ratingTermsEntry(uint256 index) external view returns (RatingTerms memory);
}
