// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IPolicyRegistry} from "../../contracts/policy/IPolicyRegistry.sol";
import {Fixture} from "./utils/Fixture.sol";
import {vm} from "./utils/Vm.sol";

/// @dev The fixture has published rating rules (policy 1) and an SLA (policy 2) at START; now is START + 1 day.
contract PolicyRegistryTest is Fixture {
    IPolicyRegistry.PolicyKind internal constant GENERAL = IPolicyRegistry.PolicyKind.General;
    IPolicyRegistry.PolicyKind internal constant SLA = IPolicyRegistry.PolicyKind.SLA;
    IPolicyRegistry.PolicyKind internal constant RULES = IPolicyRegistry.PolicyKind.RatingRules;

    function _publish(IPolicyRegistry.PolicyKind kind, uint256 id, uint48 effectiveFrom, IPolicyRegistry.PolicyContent memory c)
        internal
        returns (uint256 policyId, uint256 version)
    {
        vm.prank(address(timelock));
        return policies.publishPolicy(kind, id, effectiveFrom, c);
    }

    function _general(string memory text) internal pure returns (IPolicyRegistry.PolicyContent memory) {
        return _content("Code of conduct", text, "");
    }

    function _slaContent(IPolicyRegistry.SlaParams memory sla) internal pure returns (IPolicyRegistry.PolicyContent memory) {
        return _content("", "SLA v2", abi.encode(sla));
    }

    function _expectRevertPublish(bytes memory err, IPolicyRegistry.PolicyKind kind, uint256 id, uint48 effectiveFrom, IPolicyRegistry.PolicyContent memory c) internal {
        vm.prank(address(timelock));
        vm.expectRevert(err);
        policies.publishPolicy(kind, id, effectiveFrom, c);
    }

    // ------------------------------------------------------------------ publishPolicy

    function test_publishPolicy_createsPolicyAndEmits() public {
        IPolicyRegistry.PolicyContent memory c =
            IPolicyRegistry.PolicyContent({title: "Code of conduct", text: "Be kind.", uri: "ipfs://x", params: ""});
        vm.expectEmit(address(policies));
        emit IPolicyRegistry.PolicyCreated(3, GENERAL, "Code of conduct");
        vm.expectEmit(address(policies));
        emit IPolicyRegistry.PolicyPublished(3, 1, GENERAL, _contentHash(GENERAL, c), _now(), address(timelock), c);
        (uint256 id, uint256 version) = _publish(GENERAL, 0, 0, c);

        assertEq(id, 3, "id");
        assertEq(version, 1, "version");
        assertEq(policies.policyCount(), 3, "policy count");
        assertEq(policies.policyOfKind(GENERAL), 0, "general policies are not singletons");
        IPolicyRegistry.Policy memory p = policies.policy(3);
        assertEq(uint8(p.kind), uint8(GENERAL), "kind");
        assertEq(p.versionCount, 1, "version count");
        assertEq(p.createdAt, _now(), "createdAt");
        assertEq(p.retiredAt, 0, "retiredAt");
        assertEq(p.title, "Code of conduct", "title");
        IPolicyRegistry.Version memory v = policies.version(3, 1);
        assertEq(v.contentHash, _contentHash(GENERAL, c), "content hash");
        assertEq(v.effectiveFrom, _now(), "effectiveFrom");
        assertEq(v.publishedAt, _now(), "publishedAt");
    }

    function test_publishPolicy_refusesAnIdenticalVersion() public {
        (uint256 id,) = _publish(GENERAL, 0, 0, _general("v1"));
        bytes32 hash = _contentHash(GENERAL, _general("v1"));
        _expectRevertPublish(
            abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryUnchanged.selector, id, 1, hash), GENERAL, id, 0, _general("v1")
        );
    }

    function test_contentHashOf_coversTheTypedParameters() public view {
        IPolicyRegistry.SlaParams memory a = IPolicyRegistry.SlaParams({
            firstResponseMinutes: [uint16(240), 60, 30, 10],
            resolutionMinutes: [uint16(2880), 1440, 480, 120],
            businessHours: 0,
            calendar: _noCalendar(),
            deskCalendars: new IPolicyRegistry.DeskCalendar[](0)
        });
        IPolicyRegistry.SlaParams memory b = IPolicyRegistry.SlaParams({
            firstResponseMinutes: [uint16(240), 60, 30, 5],
            resolutionMinutes: [uint16(2880), 1440, 480, 120],
            businessHours: 0,
            calendar: _noCalendar(),
            deskCalendars: new IPolicyRegistry.DeskCalendar[](0)
        });
        bytes32 hashA = policies.contentHashOf(SLA, _slaContent(a));
        assertEq(hashA, _contentHash(SLA, _slaContent(a)), "the registry's hash");
        assertTrue(hashA != policies.contentHashOf(SLA, _slaContent(b)), "a parameter-only change is a new hash");
    }

    function test_publishPolicy_boundsTheOfficialChannels() public {
        string[] memory sites = new string[](33);
        for (uint256 i = 0; i < 33; ++i) {
            sites[i] = "support.example";
        }
        IPolicyRegistry.OfficialChannelsParams memory channels = IPolicyRegistry.OfficialChannelsParams({
            websites: sites,
            emailDomains: new string[](0),
            socials: new IPolicyRegistry.SocialHandle[](0),
            phones: new string[](0)
        });
        _expectRevertPublish(
            abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryTooManyChannels.selector, 33, 32),
            IPolicyRegistry.PolicyKind.OfficialChannels,
            0,
            0,
            _content("Official channels", "Only these.", abi.encode(channels))
        );
    }

    function test_publishPolicy_schedulesNewVersion() public {
        (uint256 id,) = _publish(GENERAL, 0, 0, _general("v1"));
        uint48 t0 = _now();
        vm.expectEmit(address(policies));
        emit IPolicyRegistry.PolicyPublished(id, 2, GENERAL, _contentHash(GENERAL, _general("v2")), t0 + 10 days, address(timelock), _general("v2"));
        (, uint256 version) = _publish(GENERAL, id, t0 + 10 days, _general("v2"));

        assertEq(version, 2, "version");
        assertEq(policies.versionAt(id, t0 - 1), 0, "nothing in force before v1");
        assertEq(policies.versionAt(id, t0 + 10 days - 1), 1, "v1 until v2 takes effect");
        assertEq(policies.versionAt(id, t0 + 10 days), 2, "v2 from its effective time");
    }

    function test_publishPolicy_slaAppendsRatingTerms() public {
        IPolicyRegistry.SlaParams memory sla = _sla();
        sla.firstResponseMinutes[3] = 5;
        vm.expectEmit(address(policies));
        emit IPolicyRegistry.RatingTermsUpdated(2, uint40(_now()), 2, 1);
        _publish(SLA, slaPolicyId, 0, _slaContent(sla));

        assertEq(policies.ratingTermsCount(), 3, "terms count");
        IPolicyRegistry.RatingTerms memory t = policies.ratingTermsAt(_now());
        assertEq(t.effectiveFrom, _now(), "effectiveFrom");
        assertEq(t.slaVersion, 2, "sla version");
        assertEq(t.rulesVersion, 1, "rules version carried over");
        assertEq(t.ratingWindow, RATING_WINDOW, "window carried over");
        assertEq(t.scale, SCALE, "scale carried over");
        assertEq(t.tagCount, TAG_COUNT, "tags carried over");
        assertEq(t.firstResponseMinutes, uint64(240) | uint64(60) << 16 | uint64(30) << 32 | uint64(5) << 48, "first response packed");
        assertEq(t.resolutionMinutes, uint64(2880) | uint64(1440) << 16 | uint64(480) << 32 | uint64(240) << 48, "resolution packed");
        assertEq(policies.ratingTermsAt(_now() - 1).slaVersion, 1, "previous terms before");
    }

    function test_publishPolicy_ratingRulesAppendsRatingTerms() public {
        vm.expectEmit(address(policies));
        emit IPolicyRegistry.RatingTermsUpdated(2, uint40(_now()), 1, 2);
        _publish(RULES, rulesPolicyId, 0, _content("", "Rules v2", _rulesParams(2 days, 8, 32)));
        IPolicyRegistry.RatingTerms memory t = policies.ratingTermsEntry(2);
        assertEq(t.rulesVersion, 2, "rules version");
        assertEq(t.ratingWindow, 2 days, "window");
        assertEq(t.scale, 8, "scale");
        assertEq(t.tagCount, 32, "tag count");
        assertEq(t.slaVersion, 1, "sla carried over");
    }

    function test_publishPolicy_revertsWhenNotOwner() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        policies.publishPolicy(GENERAL, 0, 0, _general("x"));
    }

    function test_publishPolicy_revertsOnEmptyText() public {
        _expectRevertPublish(abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryEmptyText.selector), GENERAL, 0, 0, _general(""));
    }

    function test_publishPolicy_revertsOnEmptyTitle() public {
        _expectRevertPublish(
            abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryEmptyText.selector), GENERAL, 0, 0, _content("", "text", "")
        );
    }

    function test_publishPolicy_revertsOnUnknownPolicy() public {
        _expectRevertPublish(
            abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryUnknownPolicy.selector, 99), GENERAL, 99, 0, _general("x")
        );
    }

    function test_publishPolicy_revertsOnKindMismatch() public {
        _expectRevertPublish(
            abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryKindMismatch.selector, rulesPolicyId, RULES, SLA),
            SLA,
            rulesPolicyId,
            0,
            _slaContent(_sla())
        );
    }

    function test_publishPolicy_revertsWhenSingletonKindTaken() public {
        _expectRevertPublish(
            abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryKindTaken.selector, SLA, slaPolicyId),
            SLA,
            0,
            0,
            _content("Another SLA", "x", abi.encode(_sla()))
        );
    }

    function test_publishPolicy_revertsOnRetiredPolicy() public {
        (uint256 id,) = _publish(GENERAL, 0, 0, _general("v1"));
        vm.prank(address(timelock));
        policies.retirePolicy(id);
        _expectRevertPublish(
            abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryPolicyRetired.selector, id, _now()), GENERAL, id, 0, _general("v2")
        );
    }

    function test_publishPolicy_revertsWhenEffectiveInThePast() public {
        _expectRevertPublish(
            abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryEffectiveTooEarly.selector, _now() - 1, _now()),
            GENERAL,
            0,
            _now() - 1,
            _general("x")
        );
    }

    function test_publishPolicy_revertsWhenEffectiveBeforePreviousVersion() public {
        (uint256 id,) = _publish(GENERAL, 0, _now() + 10 days, _general("v1"));
        _expectRevertPublish(
            abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryEffectiveTooEarly.selector, _now() + 5 days, _now() + 10 days),
            GENERAL,
            id,
            _now() + 5 days,
            _general("v2")
        );
    }

    function test_publishPolicy_revertsWhenEffectiveBeforeLatestRatingTerms() public {
        // An SLA scheduled in ten days orders every later rating-terms change after it.
        _publish(SLA, slaPolicyId, _now() + 10 days, _slaContent(_sla()));
        _expectRevertPublish(
            abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryEffectiveTooEarly.selector, _now() + 5 days, _now() + 10 days),
            RULES,
            rulesPolicyId,
            _now() + 5 days,
            _content("", "Rules v2", _rulesParams(1 days, 5, 0))
        );
    }

    function test_publishPolicy_revertsOnZeroFirstResponseTarget() public {
        IPolicyRegistry.SlaParams memory sla = _sla();
        sla.firstResponseMinutes[2] = 0;
        _expectRevertPublish(
            abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryInvalidSlaTarget.selector, IPolicyRegistry.Priority.High, 0, 480),
            SLA,
            slaPolicyId,
            0,
            _slaContent(sla)
        );
    }

    function test_publishPolicy_revertsOnResolutionBeforeFirstResponse() public {
        IPolicyRegistry.SlaParams memory sla = _sla();
        sla.resolutionMinutes[3] = 14;
        _expectRevertPublish(
            abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryInvalidSlaTarget.selector, IPolicyRegistry.Priority.Urgent, 15, 14),
            SLA,
            slaPolicyId,
            0,
            _slaContent(sla)
        );
    }

    function test_publishPolicy_revertsOnInvalidScale() public {
        _expectRevertPublish(
            abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryInvalidScale.selector, 1),
            RULES,
            rulesPolicyId,
            0,
            _content("", "x", _rulesParams(1 days, 1, 0))
        );
        _expectRevertPublish(
            abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryInvalidScale.selector, 9),
            RULES,
            rulesPolicyId,
            0,
            _content("", "x", _rulesParams(1 days, 9, 0))
        );
    }

    function test_publishPolicy_revertsOnShortRatingWindow() public {
        _expectRevertPublish(
            abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryInvalidRatingWindow.selector, 1 hours - 1),
            RULES,
            rulesPolicyId,
            0,
            _content("", "x", _rulesParams(1 hours - 1, 5, 0))
        );
    }

    function test_publishPolicy_revertsOnTooManyTags() public {
        _expectRevertPublish(
            abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryTooManyTags.selector, 33, 32),
            RULES,
            rulesPolicyId,
            0,
            _content("", "x", _rulesParams(1 days, 5, 33))
        );
    }

    function test_publishPolicy_revertsOnUnexpectedParams() public {
        _expectRevertPublish(
            abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryUnexpectedParams.selector, IPolicyRegistry.PolicyKind.Escalation),
            IPolicyRegistry.PolicyKind.Escalation,
            0,
            0,
            _content("Escalation ladder", "x", hex"01")
        );
    }

    // ------------------------------------------------------------------ retirePolicy

    function test_retirePolicy_clearsSlaFromRatingTerms() public {
        uint48 t0 = _now();
        vm.expectEmit(address(policies));
        emit IPolicyRegistry.RatingTermsUpdated(2, uint40(t0), 0, 1);
        vm.expectEmit(address(policies));
        emit IPolicyRegistry.PolicyRetired(slaPolicyId, SLA, t0);
        vm.prank(address(timelock));
        policies.retirePolicy(slaPolicyId);

        IPolicyRegistry.RatingTerms memory t = policies.ratingTermsAt(t0);
        assertEq(t.slaVersion, 0, "no SLA in force");
        assertEq(t.firstResponseMinutes, 0, "first response cleared");
        assertEq(t.resolutionMinutes, 0, "resolution cleared");
        assertEq(t.rulesVersion, 1, "rules kept");
        assertEq(policies.policy(slaPolicyId).retiredAt, t0, "retiredAt");
        assertEq(policies.versionAt(slaPolicyId, t0), 0, "no version in force after retirement");
        assertEq(policies.versionAt(slaPolicyId, t0 - 1), 1, "history kept");
    }

    function test_retirePolicy_clearsRatingRulesFromRatingTerms() public {
        vm.expectEmit(address(policies));
        emit IPolicyRegistry.RatingTermsUpdated(2, uint40(_now()), 1, 0);
        vm.prank(address(timelock));
        policies.retirePolicy(rulesPolicyId);
        IPolicyRegistry.RatingTerms memory t = policies.ratingTermsAt(_now());
        assertEq(t.rulesVersion, 0, "rules version");
        assertEq(t.ratingWindow, 0, "window");
        assertEq(t.scale, 0, "scale");
        assertEq(t.tagCount, 0, "tags");
        assertEq(t.slaVersion, 1, "sla kept");
    }

    function test_retirePolicy_revertsWhileVersionScheduled() public {
        (uint256 id,) = _publish(GENERAL, 0, _now() + 3 days, _general("v1"));
        vm.expectRevert(abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryChangeScheduled.selector, id, _now() + 3 days));
        vm.prank(address(timelock));
        policies.retirePolicy(id);
    }

    function test_retirePolicy_afterScheduledVersionTookEffect() public {
        (uint256 id,) = _publish(GENERAL, 0, _now() + 3 days, _general("v1"));
        vm.warp(_now() + 4 days);
        vm.expectEmit(address(policies));
        emit IPolicyRegistry.PolicyRetired(id, GENERAL, _now());
        vm.prank(address(timelock));
        policies.retirePolicy(id);
        assertEq(policies.policy(id).retiredAt, _now(), "retiredAt");
        assertEq(policies.versionAt(id, _now() - 1), 1, "the scheduled version was in force until retirement");
        assertEq(policies.versionAt(id, _now()), 0, "none in force from retirement");
        assertEq(policies.ratingTermsCount(), 2, "general policies leave rating terms alone");
    }

    /// Regression: retiring the rating rules while an SLA version is scheduled must not bring it into force early.
    function test_retirePolicy_revertsWhileOtherRatingTermsScheduled() public {
        uint48 later = _now() + 10 days;
        _publish(SLA, slaPolicyId, later, _slaContent(_sla()));
        vm.expectRevert(abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryChangeScheduled.selector, rulesPolicyId, later));
        vm.prank(address(timelock));
        policies.retirePolicy(rulesPolicyId);
        assertEq(policies.ratingTermsAt(_now()).slaVersion, 1, "SLA v2 not in force before its time");
    }

    function test_retirePolicy_retiresPolicyWithoutVersions() public {
        // A policy is created only with its first version, so the smallest retirable policy has one.
        (uint256 id,) = _publish(IPolicyRegistry.PolicyKind.OfficialChannels, 0, 0, _content("Channels", "help.acme", ""));
        vm.prank(address(timelock));
        policies.retirePolicy(id);
        assertEq(policies.policy(id).retiredAt, _now(), "retiredAt");
    }

    function test_retirePolicy_revertsWhenNotOwner() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        policies.retirePolicy(slaPolicyId);
    }

    function test_retirePolicy_revertsOnUnknownPolicy() public {
        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryUnknownPolicy.selector, 7));
        policies.retirePolicy(7);
    }

    function test_retirePolicy_revertsWhenAlreadyRetired() public {
        vm.startPrank(address(timelock));
        policies.retirePolicy(slaPolicyId);
        vm.expectRevert(abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryPolicyRetired.selector, slaPolicyId, _now()));
        policies.retirePolicy(slaPolicyId);
        vm.stopPrank();
    }

    // ------------------------------------------------------------------ views

    function test_policy_revertsOnUnknownPolicy() public {
        vm.expectRevert(abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryUnknownPolicy.selector, 0));
        policies.policy(0);
    }

    function test_version_revertsOnUnknownVersion() public {
        vm.expectRevert(abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryUnknownVersion.selector, slaPolicyId, 2));
        policies.version(slaPolicyId, 2);
    }

    function test_versionAt_revertsOnUnknownPolicy() public {
        vm.expectRevert(abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryUnknownPolicy.selector, 3));
        policies.versionAt(3, _now());
    }

    function test_ratingTermsAt_isEmptyBeforeFirstTerms() public view {
        IPolicyRegistry.RatingTerms memory t = policies.ratingTermsAt(START - 1);
        assertEq(t.effectiveFrom, 0, "effectiveFrom");
        assertEq(t.rulesVersion, 0, "rules");
        assertEq(t.slaVersion, 0, "sla");
        assertEq(policies.policyOfKind(SLA), slaPolicyId, "policy of kind SLA");
        assertEq(policies.policyOfKind(RULES), rulesPolicyId, "policy of kind RatingRules");
    }

    // ------------------------------------------------------------------ fuzz

    function testFuzz_publishPolicy_packsValidSlaTargets(uint16[4] memory firstResponse, uint16[4] memory resolution) public {
        IPolicyRegistry.SlaParams memory sla;
        uint64 packedFirst;
        uint64 packedResolution;
        for (uint256 i = 0; i < 4; ++i) {
            sla.firstResponseMinutes[i] = uint16(bound(firstResponse[i], 1, type(uint16).max));
            sla.resolutionMinutes[i] = uint16(bound(resolution[i], sla.firstResponseMinutes[i], type(uint16).max));
            packedFirst |= uint64(sla.firstResponseMinutes[i]) << uint64(16 * i);
            packedResolution |= uint64(sla.resolutionMinutes[i]) << uint64(16 * i);
        }
        _publish(SLA, slaPolicyId, 0, _slaContent(sla));
        IPolicyRegistry.RatingTerms memory t = policies.ratingTermsAt(_now());
        assertEq(t.firstResponseMinutes, packedFirst, "first response");
        assertEq(t.resolutionMinutes, packedResolution, "resolution");
        assertEq(t.slaVersion, 2, "version");
    }

    function testFuzz_publishPolicy_revertsOnInvalidSlaTarget(uint256 priority, uint16 firstResponse, uint16 resolution)
        public
    {
        priority = bound(priority, 0, 3);
        // Either no first-response target, or a resolution target shorter than it.
        if (firstResponse != 0) resolution = uint16(bound(resolution, 0, firstResponse - 1));
        IPolicyRegistry.SlaParams memory sla = _sla();
        sla.firstResponseMinutes[priority] = firstResponse;
        sla.resolutionMinutes[priority] = resolution;
        _expectRevertPublish(
            abi.encodeWithSelector(
                IPolicyRegistry.PolicyRegistryInvalidSlaTarget.selector, IPolicyRegistry.Priority(priority), firstResponse, resolution
            ),
            SLA,
            slaPolicyId,
            0,
            _slaContent(sla)
        );
    }

    function testFuzz_publishPolicy_acceptsValidRatingRules(uint32 window, uint8 scale, uint256 tagCount) public {
        window = uint32(bound(window, 1 hours, type(uint24).max));
        scale = uint8(bound(scale, 2, 8));
        tagCount = bound(tagCount, 0, 32);
        _publish(RULES, rulesPolicyId, 0, _content("", "rules", _rulesParams(window, scale, tagCount)));
        IPolicyRegistry.RatingTerms memory t = policies.ratingTermsAt(_now());
        assertEq(t.ratingWindow, window, "window");
        assertEq(t.scale, scale, "scale");
        assertEq(t.tagCount, tagCount, "tag count");
        assertEq(t.rulesVersion, 2, "version");
    }

    function testFuzz_publishPolicy_revertsOnInvalidScale(uint256 seed) public {
        // 0, 1 and 9..255 are invalid.
        uint256 x = bound(seed, 0, 248);
        uint8 scale = uint8(x < 2 ? x : x + 7);
        _expectRevertPublish(
            abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryInvalidScale.selector, scale),
            RULES,
            rulesPolicyId,
            0,
            _content("", "x", _rulesParams(1 days, scale, 0))
        );
    }

    function testFuzz_publishPolicy_revertsOnLongRatingWindow(uint32 window) public {
        window = uint32(bound(window, uint256(type(uint24).max) + 1, type(uint32).max));
        _expectRevertPublish(
            abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryInvalidRatingWindow.selector, window),
            RULES,
            rulesPolicyId,
            0,
            _content("", "x", _rulesParams(window, 5, 0))
        );
    }

    function testFuzz_publishPolicy_revertsOnShortRatingWindow(uint32 window) public {
        window = uint32(bound(window, 0, 1 hours - 1));
        _expectRevertPublish(
            abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryInvalidRatingWindow.selector, window),
            RULES,
            rulesPolicyId,
            0,
            _content("", "x", _rulesParams(window, 5, 0))
        );
    }

    function testFuzz_versionAt_followsEffectiveTimes(uint256 delay1, uint256 delay2, uint256 probe) public {
        uint48 t0 = _now();
        uint48 e1 = uint48(t0 + bound(delay1, 0, 180 days));
        uint48 e2 = uint48(e1 + bound(delay2, 0, 180 days));
        (uint256 id,) = _publish(GENERAL, 0, e1, _general("v1"));
        _publish(GENERAL, id, e2, _general("v2"));
        uint48 at = uint48(bound(probe, t0, e2 + 1 days));
        uint256 expected = at >= e2 ? 2 : at >= e1 ? 1 : 0;
        assertEq(policies.versionAt(id, at), expected, "version in force");
    }

    // ------------------------------------------------------------------ effective-time bounds and cancellation

    function test_publishPolicy_revertsWhenEffectiveMoreThanAYearAhead() public {
        uint48 tooLate = _now() + 365 days + 1;
        _expectRevertPublish(
            abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryEffectiveTooLate.selector, tooLate, _now() + 365 days),
            GENERAL,
            0,
            tooLate,
            _general("x")
        );
    }

    function test_cancelScheduledVersion_dropsItsRatingTermsAndEmits() public {
        uint256 termsBefore = policies.ratingTermsCount();
        IPolicyRegistry.RatingTerms memory mirrored = ratings.latestRatingTerms();
        uint48 effective = _now() + 10 days;
        _publish(SLA, slaPolicyId, effective, _slaContent(_sla()));
        vm.expectEmit(address(policies));
        emit IPolicyRegistry.RatingTermsCancelled(termsBefore);
        vm.expectEmit(address(policies));
        emit IPolicyRegistry.VersionCancelled(slaPolicyId, 2, SLA, effective);
        vm.prank(address(timelock));
        policies.cancelScheduledVersion(SLA, slaPolicyId);

        assertEq(policies.ratingTermsCount(), termsBefore, "terms entry removed");
        assertEq(keccak256(abi.encode(ratings.latestRatingTerms())), keccak256(abi.encode(mirrored)), "mirror restored");
        IPolicyRegistry.Version memory v = policies.version(slaPolicyId, 2);
        assertEq(v.cancelledAt, _now(), "cancelledAt");
        assertEq(policies.policy(slaPolicyId).latestVersion, 1, "latest live version");
        assertEq(policies.versionAt(slaPolicyId, effective + 1), 1, "never in force");
        // A corrected version may now take effect before the cancelled one would have.
        (, uint256 next) = _publish(SLA, slaPolicyId, _now() + 1 days, _slaContent(_sla()));
        assertEq(next, 3, "numbers are never reused");
        assertEq(policies.version(slaPolicyId, 3).previous, 1, "follows the last live version");
    }

    function test_cancelScheduledVersion_revertsOnVersionInForce() public {
        uint48 effective = policies.version(slaPolicyId, 1).effectiveFrom;
        vm.prank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryVersionInForce.selector, slaPolicyId, 1, effective)
        );
        policies.cancelScheduledVersion(SLA, slaPolicyId);
    }

    function test_cancelScheduledVersion_revertsWhenALaterTermsChangeIsScheduled() public {
        _publish(SLA, slaPolicyId, _now() + 10 days, _slaContent(_sla()));
        _publish(RULES, rulesPolicyId, _now() + 20 days, _content("", "Longer window.", _rulesParams(14 days, 5, 2)));
        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryNotNewest.selector, slaPolicyId, 2));
        policies.cancelScheduledVersion(SLA, slaPolicyId);
    }

    function test_cancelScheduledVersion_revertsOnKindMismatchAndEmptyPolicy() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryKindMismatch.selector, slaPolicyId, SLA, GENERAL));
        policies.cancelScheduledVersion(GENERAL, slaPolicyId);
        vm.expectRevert(abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryUnknownPolicy.selector, 99));
        policies.cancelScheduledVersion(GENERAL, 99);
        vm.stopPrank();
    }

    function test_cancelScheduledVersion_revertsWhenNotOwner() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        policies.cancelScheduledVersion(SLA, slaPolicyId);
    }

    function test_renounceOwnership_alwaysReverts() public {
        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSignature("DaoOwnedRenounceRefused(address)", address(timelock)));
        policies.renounceOwnership();
        assertEq(policies.owner(), address(timelock), "owner kept");
    }

    /// @dev Any effective time: accepted exactly within [now, now + 1 year]; never stored narrowed.
    function testFuzz_publishPolicy_boundsEffectiveTime(uint256 effective) public {
        uint48 at = uint48(bound(effective, 1, type(uint48).max));
        uint48 latest = _now() + 365 days;
        if (at < _now()) {
            _expectRevertPublish(abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryEffectiveTooEarly.selector, at, _now()), SLA, slaPolicyId, at, _slaContent(_sla()));
        } else if (at > latest) {
            _expectRevertPublish(abi.encodeWithSelector(IPolicyRegistry.PolicyRegistryEffectiveTooLate.selector, at, latest), SLA, slaPolicyId, at, _slaContent(_sla()));
        } else {
            _publish(SLA, slaPolicyId, at, _slaContent(_sla()));
            assertEq(policies.ratingTermsEntry(policies.ratingTermsCount() - 1).effectiveFrom, at, "stored exactly");
        }
    }

    /// @dev The EIP-712 struct hash of a version's kind and content, computed independently of the registry.
    function _contentHash(IPolicyRegistry.PolicyKind kind, IPolicyRegistry.PolicyContent memory c)
        private
        pure
        returns (bytes32)
    {
        bytes32 typeHash = keccak256("PolicyVersionContent(uint8 kind,string text,string uri,bytes params)");
        return keccak256(abi.encode(typeHash, uint8(kind), keccak256(bytes(c.text)), keccak256(bytes(c.uri)), keccak256(c.params)));
    }
}
