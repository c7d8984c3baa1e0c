// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {DaoOwned} from "../access/DaoOwned.sol";
import {ISupportRatings} from "../ratings/ISupportRatings.sol";
import {BusinessCalendar, BusinessTime} from "./BusinessTime.sol";
import {IPolicyRegistry} from "./IPolicyRegistry.sol";

/// @title PolicyRegistry
/// @notice See {IPolicyRegistry}. Owned by the DAO's timelock from deployment.
contract PolicyRegistry is IPolicyRegistry, DaoOwned {
    uint8 private constant _MIN_SCALE = 2;
    uint8 private constant _MAX_SCALE = 8;
    uint256 private constant _MAX_TAGS = 32;
    uint256 private constant _MAX_CATEGORIES = 32;
    uint256 private constant _MAX_DESK_CALENDARS = 16;
    uint8 private constant _DESK_CALENDARS_FLAG = 1 << 4;
    uint32 private constant _MIN_RATING_WINDOW = 1 hours;
    uint48 private constant _MAX_SCHEDULE_AHEAD = 365 days;
    uint256 private constant _MAX_CHANNELS = 32;
    bytes32 private constant _CONTENT_TYPEHASH =
        keccak256("PolicyVersionContent(uint8 kind,string text,string uri,bytes params)");

    ISupportRatings private immutable _ratings;

    uint256 private _policyCount;
    mapping(uint256 policyId => Policy) private _policies;
    mapping(uint256 policyId => mapping(uint256 version => Version)) private _versions;
    mapping(PolicyKind kind => uint256 policyId) private _policyOfKind;
    RatingTerms[] private _ratingTerms;

    /// @param ratings_ The ratings contract that mirrors the newest rating terms (deployed right after it).
    constructor(address timelock, ISupportRatings ratings_) DaoOwned(timelock) {
        _ratings = ratings_;
    }

    /// @inheritdoc IPolicyRegistry
    function publishPolicy(PolicyKind kind, uint256 policyId, uint48 effectiveFrom, PolicyContent calldata content)
        external
        onlyOwner
        returns (uint256 id, uint256 newVersion)
    {
        if (bytes(content.text).length == 0) revert PolicyRegistryEmptyText();
        id = policyId == 0 ? _createPolicy(kind, content.title) : policyId;
        Policy storage p = _policies[id];
        if (p.createdAt == 0) revert PolicyRegistryUnknownPolicy(id);
        if (p.kind != kind) revert PolicyRegistryKindMismatch(id, p.kind, kind);
        if (p.retiredAt != 0) revert PolicyRegistryPolicyRetired(id, p.retiredAt);

        uint48 effective = _checkEffective(id, p.latestVersion, kind, effectiveFrom);
        newVersion = _appendVersion(id, p, effective, content);
    }

    /// @inheritdoc IPolicyRegistry
    function retirePolicy(uint256 policyId) external onlyOwner {
        Policy storage p = _policies[policyId];
        if (p.createdAt == 0) revert PolicyRegistryUnknownPolicy(policyId);
        if (p.retiredAt != 0) revert PolicyRegistryPolicyRetired(policyId, p.retiredAt);
        uint48 retiredAt = Time.timestamp();
        uint48 scheduled = _earliestEffective(policyId, p.latestVersion, p.kind);
        if (scheduled > retiredAt) revert PolicyRegistryChangeScheduled(policyId, scheduled);
        p.retiredAt = retiredAt;
        if (p.kind == PolicyKind.SLA) {
            RatingTerms memory terms = _latestTerms();
            (terms.slaVersion, terms.firstResponseMinutes, terms.resolutionMinutes, terms.businessHours) = (0, 0, 0, 0);
            _pushTerms(terms, retiredAt);
        } else if (p.kind == PolicyKind.RatingRules) {
            RatingTerms memory terms = _latestTerms();
            (terms.rulesVersion, terms.ratingWindow, terms.scale, terms.tagCount, terms.categoryCount) = (0, 0, 0, 0, 0);
            _pushTerms(terms, retiredAt);
        }
        emit PolicyRetired(policyId, p.kind, retiredAt);
    }

    /// @dev `effectiveFrom` (0 = now) within `[earliest, now + 1 year]`: never before what it follows, never
    /// so far ahead that a mistyped (e.g. millisecond) time freezes the policy.
    function _checkEffective(uint256 id, uint256 latestVersion, PolicyKind kind, uint48 effectiveFrom)
        private
        view
        returns (uint48 effective)
    {
        uint48 now_ = Time.timestamp();
        effective = effectiveFrom == 0 ? now_ : effectiveFrom;
        uint48 earliest = _earliestEffective(id, latestVersion, kind);
        if (effective < earliest) revert PolicyRegistryEffectiveTooEarly(effective, earliest);
        if (effective > now_ + _MAX_SCHEDULE_AHEAD) {
            revert PolicyRegistryEffectiveTooLate(effective, now_ + _MAX_SCHEDULE_AHEAD);
        }
    }

    function _appendVersion(uint256 id, Policy storage p, uint48 effective, PolicyContent calldata content)
        private
        returns (uint256 newVersion)
    {
        bytes32 contentHash = _contentHash(p.kind, content);
        uint16 latest = p.latestVersion;
        if (latest != 0 && _versions[id][latest].contentHash == contentHash) {
            revert PolicyRegistryUnchanged(id, latest, contentHash);
        }
        newVersion = ++p.versionCount;
        uint16 version16 = SafeCast.toUint16(newVersion);
        _versions[id][newVersion] = Version({
            contentHash: contentHash,
            effectiveFrom: effective,
            publishedAt: Time.timestamp(),
            cancelledAt: 0,
            previous: latest,
            termsEntry: _applyParams(p.kind, version16, effective, content.params)
        });
        p.latestVersion = version16;
        emit PolicyPublished(id, newVersion, p.kind, contentHash, effective, msg.sender, content);
    }

    /// @inheritdoc IPolicyRegistry
    function contentHashOf(PolicyKind kind, PolicyContent calldata content) external pure returns (bytes32) {
        return _contentHash(kind, content);
    }

    function _contentHash(PolicyKind kind, PolicyContent calldata content) private pure returns (bytes32) {
        return keccak256(
            abi.encode(
                _CONTENT_TYPEHASH,
                uint8(kind),
                keccak256(bytes(content.text)),
                keccak256(bytes(content.uri)),
                keccak256(content.params)
            )
        );
    }

    /// @inheritdoc IPolicyRegistry
    function cancelScheduledVersion(PolicyKind kind, uint256 policyId) external onlyOwner {
        Policy storage p = _policies[policyId];
        if (p.createdAt == 0) revert PolicyRegistryUnknownPolicy(policyId);
        if (p.kind != kind) revert PolicyRegistryKindMismatch(policyId, p.kind, kind);
        uint16 latest = p.latestVersion;
        if (latest == 0) revert PolicyRegistryNothingScheduled(policyId);
        Version storage v = _versions[policyId][latest];
        uint48 now_ = Time.timestamp();
        if (v.effectiveFrom <= now_) revert PolicyRegistryVersionInForce(policyId, latest, v.effectiveFrom);
        uint32 termsEntry = v.termsEntry;
        if (termsEntry != 0) {
            // Only the newest entry can go: a later scheduled change was computed on top of this one.
            if (termsEntry != _ratingTerms.length) revert PolicyRegistryNotNewest(policyId, latest);
            _ratingTerms.pop();
            // Never in force (it is in the future), so no rating was judged by it.
            _ratings.syncRatingTerms(_latestTerms());
            emit RatingTermsCancelled(termsEntry - 1);
        }
        v.cancelledAt = now_;
        p.latestVersion = v.previous;
        emit VersionCancelled(policyId, latest, kind, v.effectiveFrom);
    }

    /// @inheritdoc IPolicyRegistry
    function policyCount() external view returns (uint256) {
        return _policyCount;
    }

    /// @inheritdoc IPolicyRegistry
    function policy(uint256 policyId) external view returns (Policy memory) {
        Policy memory p = _policies[policyId];
        if (p.createdAt == 0) revert PolicyRegistryUnknownPolicy(policyId);
        return p;
    }

    /// @inheritdoc IPolicyRegistry
    function policyOfKind(PolicyKind kind) external view returns (uint256) {
        return _policyOfKind[kind];
    }

    /// @inheritdoc IPolicyRegistry
    function version(uint256 policyId, uint256 versionNumber) external view returns (Version memory) {
        Version memory v = _versions[policyId][versionNumber];
        if (v.publishedAt == 0) revert PolicyRegistryUnknownVersion(policyId, versionNumber);
        return v;
    }

    /// @inheritdoc IPolicyRegistry
    function versionAt(uint256 policyId, uint48 timepoint) external view returns (uint256) {
        Policy storage p = _policies[policyId];
        if (p.createdAt == 0) revert PolicyRegistryUnknownPolicy(policyId);
        if (p.retiredAt != 0 && timepoint >= p.retiredAt) return 0;
        for (uint256 v = p.latestVersion; v > 0; v = _versions[policyId][v].previous) {
            if (_versions[policyId][v].effectiveFrom <= timepoint) return v;
        }
        return 0;
    }

    /// @inheritdoc IPolicyRegistry
    /// @dev Walks back from the newest entry: ratings name recent tickets, so this is one or two reads.
    function ratingTermsAt(uint48 timepoint) external view returns (RatingTerms memory terms) {
        for (uint256 i = _ratingTerms.length; i > 0; --i) {
            terms = _ratingTerms[i - 1];
            if (terms.effectiveFrom <= timepoint) return terms;
        }
        return RatingTerms(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /// @inheritdoc IPolicyRegistry
    function ratings() external view returns (ISupportRatings) {
        return _ratings;
    }

    /// @inheritdoc IPolicyRegistry
    function ratingTermsCount() external view returns (uint256) {
        return _ratingTerms.length;
    }

    /// @inheritdoc IPolicyRegistry
    function ratingTermsEntry(uint256 index) external view returns (RatingTerms memory) {
        return _ratingTerms[index];
    }

    function _createPolicy(PolicyKind kind, string calldata title) private returns (uint256 id) {
        if (bytes(title).length == 0) revert PolicyRegistryEmptyText();
        if (kind != PolicyKind.General) {
            uint256 existing = _policyOfKind[kind];
            if (existing != 0) revert PolicyRegistryKindTaken(kind, existing);
        }
        id = ++_policyCount;
        if (kind != PolicyKind.General) _policyOfKind[kind] = id;
        _policies[id] =
            Policy({kind: kind, versionCount: 0, latestVersion: 0, createdAt: Time.timestamp(), retiredAt: 0, title: title});
        emit PolicyCreated(id, kind, title);
    }

    /// @dev Versions take effect in order: not before now, the policy's last version, nor (for SLA and
    /// rating rules) the last rating-terms entry. The same bound, when in the future, blocks retirement.
    function _earliestEffective(uint256 id, uint256 latestVersion, PolicyKind kind) private view returns (uint48) {
        uint48 earliest = Time.timestamp();
        if (latestVersion != 0) earliest = _max(earliest, _versions[id][latestVersion].effectiveFrom);
        if (_isTermsKind(kind) && _ratingTerms.length != 0) {
            earliest = _max(earliest, _ratingTerms[_ratingTerms.length - 1].effectiveFrom);
        }
        return earliest;
    }

    /// @dev Validates typed parameters and, for SLA and rating rules, appends the new rating terms; returns
    /// 1 + the new entry's index (0 when none was appended).
    function _applyParams(PolicyKind kind, uint16 newVersion, uint48 effectiveFrom, bytes calldata params)
        private
        returns (uint32 termsEntry)
    {
        if (kind == PolicyKind.SLA) {
            SlaParams memory sla = abi.decode(params, (SlaParams));
            RatingTerms memory terms = _latestTerms();
            terms.slaVersion = newVersion;
            (terms.firstResponseMinutes, terms.resolutionMinutes) = _packSla(sla);
            terms.businessHours = _storeCalendars(newVersion, sla);
            termsEntry = _pushTerms(terms, effectiveFrom);
        } else if (kind == PolicyKind.RatingRules) {
            RatingRulesParams memory rules = abi.decode(params, (RatingRulesParams));
            if (rules.scale < _MIN_SCALE || rules.scale > _MAX_SCALE) revert PolicyRegistryInvalidScale(rules.scale);
            if (rules.ratingWindow < _MIN_RATING_WINDOW || rules.ratingWindow > type(uint24).max) {
                revert PolicyRegistryInvalidRatingWindow(rules.ratingWindow);
            }
            if (rules.tags.length > _MAX_TAGS) revert PolicyRegistryTooManyTags(rules.tags.length, _MAX_TAGS);
            uint256 categories = rules.categories.length;
            if (categories > _MAX_CATEGORIES) revert PolicyRegistryTooManyCategories(categories, _MAX_CATEGORIES);
            RatingTerms memory terms = _latestTerms();
            terms.rulesVersion = newVersion;
            (terms.ratingWindow, terms.scale, terms.tagCount, terms.categoryCount) =
                (uint24(rules.ratingWindow), rules.scale, uint8(rules.tags.length), uint8(categories));
            termsEntry = _pushTerms(terms, effectiveFrom);
        } else if (kind == PolicyKind.OfficialChannels) {
            // Typed, bounded and hash-bound; the contract enforces nothing else about them, Verify reads them.
            if (params.length != 0) _checkChannels(abi.decode(params, (OfficialChannelsParams)));
        } else if (params.length != 0) {
            revert PolicyRegistryUnexpectedParams(kind);
        }
    }

    function _checkChannels(OfficialChannelsParams memory channels) private pure {
        uint256 count =
            channels.websites.length + channels.emailDomains.length + channels.socials.length + channels.phones.length;
        if (count > _MAX_CHANNELS) revert PolicyRegistryTooManyChannels(count, _MAX_CHANNELS);
    }

    function _packSla(SlaParams memory sla) private pure returns (uint64 firstResponse, uint64 resolution) {
        for (uint256 i = 0; i < 4; ++i) {
            uint16 fr = sla.firstResponseMinutes[i];
            uint16 res = sla.resolutionMinutes[i];
            if (fr == 0 || res < fr) revert PolicyRegistryInvalidSlaTarget(Priority(i), fr, res);
            firstResponse |= uint64(fr) << uint64(16 * i);
            resolution |= uint64(res) << uint64(16 * i);
        }
    }

    /// @dev Validates the SLA's calendars and pushes them to the ratings contract's mirror under this SLA
    /// version; returns the terms' `businessHours` (the mask, and whether desks have their own calendars).
    function _storeCalendars(uint16 slaVersion, SlaParams memory sla) private returns (uint8 businessHours) {
        businessHours = sla.businessHours;
        if (businessHours > 0x0f) revert PolicyRegistryInvalidBusinessHoursMask(businessHours);
        uint256 deskCount = sla.deskCalendars.length;
        if (businessHours == 0) {
            if (deskCount != 0) revert PolicyRegistryInvalidDeskCalendars(0, sla.deskCalendars[0].deskId);
            return 0;
        }
        if (deskCount > _MAX_DESK_CALENDARS) {
            revert PolicyRegistryInvalidDeskCalendars(_MAX_DESK_CALENDARS, sla.deskCalendars[_MAX_DESK_CALENDARS].deskId);
        }
        _storeCalendar(slaVersion, 0, sla.calendar);
        uint32 previous = 0;
        for (uint256 i = 0; i < deskCount; ++i) {
            uint32 deskId = sla.deskCalendars[i].deskId;
            if (deskId <= previous) revert PolicyRegistryInvalidDeskCalendars(i, deskId);
            _storeCalendar(slaVersion, deskId, sla.deskCalendars[i].calendar);
            previous = deskId;
        }
        if (deskCount != 0) businessHours |= _DESK_CALENDARS_FLAG;
    }

    function _storeCalendar(uint16 slaVersion, uint32 deskId, CalendarParams memory cal) private {
        int16 offset = cal.utcOffsetMinutes;
        if (offset < BusinessTime.MIN_UTC_OFFSET || offset > BusinessTime.MAX_UTC_OFFSET) {
            revert PolicyRegistryInvalidUtcOffset(deskId, offset);
        }
        for (uint256 d = 0; d < 7; ++d) {
            if (cal.opens[d] > cal.closes[d] || cal.closes[d] > BusinessTime.MINUTES_PER_DAY) {
                revert PolicyRegistryInvalidBusinessHours(deskId, d, cal.opens[d], cal.closes[d]);
            }
        }
        uint256 count = cal.holidays.length;
        if (count > BusinessTime.MAX_HOLIDAYS) {
            revert PolicyRegistryTooManyHolidays(deskId, count, BusinessTime.MAX_HOLIDAYS);
        }
        for (uint256 i = 1; i < count; ++i) {
            if (cal.holidays[i] <= cal.holidays[i - 1]) {
                revert PolicyRegistryInvalidHolidays(deskId, i, cal.holidays[i], cal.holidays[i - 1]);
            }
        }
        (BusinessCalendar packed, uint256 weeklyMinutes) = BusinessTime.pack(offset, cal.opens, cal.closes, count);
        if (weeklyMinutes == 0) revert PolicyRegistryNoBusinessHours(deskId);
        _ratings.syncCalendar(slaVersion, deskId, packed, BusinessTime.packHolidays(cal.holidays));
    }

    function _latestTerms() private view returns (RatingTerms memory terms) {
        uint256 length = _ratingTerms.length;
        if (length != 0) terms = _ratingTerms[length - 1];
    }

    function _pushTerms(RatingTerms memory terms, uint48 effectiveFrom) private returns (uint32 entry) {
        terms.effectiveFrom = SafeCast.toUint40(effectiveFrom);
        _ratingTerms.push(terms);
        _ratings.syncRatingTerms(terms);
        entry = SafeCast.toUint32(_ratingTerms.length);
        emit RatingTermsUpdated(entry - 1, terms.effectiveFrom, terms.slaVersion, terms.rulesVersion);
    }

    function _isTermsKind(PolicyKind kind) private pure returns (bool) {
        return kind == PolicyKind.SLA || kind == PolicyKind.RatingRules;
    }

    function _max(uint48 a, uint48 b) private pure returns (uint48) {
        return a > b ? a : b;
    }
}
