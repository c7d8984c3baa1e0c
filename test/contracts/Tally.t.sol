// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Tally, TallyLib} from "../../contracts/ratings/Tally.sol";
import {Test} from "./utils/Test.sol";
import {vm} from "./utils/Vm.sol";

/// @dev Exposes the library over raw words, so reverts happen one call deeper than the test.
contract TallyHarness {
    function add(uint256 t, uint256 score, uint8 verdict) external pure returns (uint256) {
        return Tally.unwrap(Tally.wrap(t).add(score, verdict));
    }

    function remove(uint256 t, uint256 score, uint8 verdict) external pure returns (uint256) {
        return Tally.unwrap(Tally.wrap(t).remove(score, verdict));
    }
}

contract TallyTest is Test {
    uint256 internal constant FULL_BUCKET = (1 << 21) - 1;
    uint256 internal constant FULL_COUNTER = (1 << 24) - 1;
    uint256 internal constant MET_SHIFT = 168;
    uint256 internal constant BREACHED_SHIFT = 192;
    uint256 internal constant ACTIVE_SINCE_SHIFT = 216;

    TallyHarness internal harness;

    function setUp() public {
        harness = new TallyHarness();
    }

    function test_add_countsScoreAndVerdict() public view {
        Tally t = Tally.wrap(harness.add(0, 5, 1));
        t = Tally.wrap(harness.add(Tally.unwrap(t), 2, 2));
        t = Tally.wrap(harness.add(Tally.unwrap(t), 8, 0));
        assertEq(t.bucket(5), 1, "bucket 5");
        assertEq(t.bucket(2), 1, "bucket 2");
        assertEq(t.bucket(8), 1, "bucket 8");
        assertEq(t.bucket(1), 0, "bucket 1");
        assertEq(t.count(), 3, "count");
        assertEq(t.sum(), 15, "sum");
        assertEq(t.slaMet(), 1, "met");
        assertEq(t.slaBreached(), 1, "breached");
    }

    function test_add_revertsWhenBucketFull() public {
        uint256 t = FULL_BUCKET << 21; // score 2 is full
        vm.expectRevert(abi.encodeWithSelector(TallyLib.TallyOverflow.selector, 2));
        harness.add(t, 2, 0);
    }

    function test_add_revertsWhenMetCounterFull() public {
        uint256 t = FULL_COUNTER << MET_SHIFT;
        vm.expectRevert(abi.encodeWithSelector(TallyLib.TallyOverflow.selector, 3));
        harness.add(t, 3, 1);
    }

    function test_add_revertsWhenBreachedCounterFull() public {
        uint256 t = FULL_COUNTER << BREACHED_SHIFT;
        vm.expectRevert(abi.encodeWithSelector(TallyLib.TallyOverflow.selector, 4));
        harness.add(t, 4, 2);
    }

    function test_add_fullBucketLeavesNeighboursAlone() public view {
        // A full score-1 bucket does not stop score 2 from counting, nor bleed into it.
        uint256 t = harness.add(FULL_BUCKET, 2, 0);
        assertEq(Tally.wrap(t).bucket(1), FULL_BUCKET, "bucket 1");
        assertEq(Tally.wrap(t).bucket(2), 1, "bucket 2");
    }

    /// @dev Random sequences of adds, then removing them all, match a plain-array model at every step.
    function testFuzz_addRemove_matchesModel(uint256[16] memory ops) public view {
        uint256[8] memory model;
        uint256 met;
        uint256 breached;
        uint256 t;
        for (uint256 i = 0; i < ops.length; ++i) {
            uint256 score = bound(ops[i], 1, 8);
            uint8 verdict = uint8((ops[i] >> 8) % 3);
            t = harness.add(t, score, verdict);
            ++model[score - 1];
            if (verdict == 1) ++met;
            if (verdict == 2) ++breached;
        }
        _assertModel(Tally.wrap(t), model, met, breached);
        for (uint256 i = 0; i < ops.length; ++i) {
            uint256 score = bound(ops[i], 1, 8);
            uint8 verdict = uint8((ops[i] >> 8) % 3);
            t = harness.remove(t, score, verdict);
            --model[score - 1];
            if (verdict == 1) --met;
            if (verdict == 2) --breached;
            _assertModel(Tally.wrap(t), model, met, breached);
        }
        assertEq(t, 0, "empty after removing everything");
    }

    function testFuzz_remove_isInverseOfAdd(uint256 start, uint256 score, uint8 verdict) public view {
        score = bound(score, 1, 8);
        verdict = uint8(bound(verdict, 0, 2));
        // Any tally with room in the touched counters.
        uint256 t = start & ~(FULL_BUCKET << (21 * (score - 1))) & ~(FULL_COUNTER << MET_SHIFT) & ~(FULL_COUNTER << BREACHED_SHIFT);
        assertEq(harness.remove(harness.add(t, score, verdict), score, verdict), t, "add then remove");
    }

    function test_add_revertsWhenBreachedCounterFullUnderAnActivePeriod() public {
        // The agent's active-period start above the counters does not hide a full breached counter.
        uint256 t = (FULL_COUNTER << BREACHED_SHIFT) | (uint256(type(uint40).max) << ACTIVE_SINCE_SHIFT);
        vm.expectRevert(abi.encodeWithSelector(TallyLib.TallyOverflow.selector, 4));
        harness.add(t, 4, 2);
    }

    function testFuzz_activeSince_isIndependentOfCounters(uint256 start, uint40 since, uint256 score, uint8 verdict)
        public
        view
    {
        score = bound(score, 1, 8);
        verdict = uint8(bound(verdict, 0, 2));
        uint256 t = start & ~(FULL_BUCKET << (21 * (score - 1))) & ~(FULL_COUNTER << MET_SHIFT)
            & ~(FULL_COUNTER << BREACHED_SHIFT);
        Tally marked = Tally.wrap(t).withActiveSince(since);
        assertEq(marked.activeSince(), since, "active since set");
        Tally counted = Tally.wrap(harness.add(Tally.unwrap(marked), score, verdict));
        assertEq(counted.activeSince(), since, "adding keeps the active period");
        assertEq(counted.withActiveSince(0).count(), marked.count() + 1, "count");
        assertEq(Tally.unwrap(counted.withActiveSince(uint40(t >> ACTIVE_SINCE_SHIFT))), harness.add(t, score, verdict), "counters untouched");
    }

    function _assertModel(Tally t, uint256[8] memory model, uint256 met, uint256 breached) internal pure {
        uint256 count;
        uint256 sum;
        for (uint256 s = 1; s <= 8; ++s) {
            assertEq(t.bucket(s), model[s - 1], "bucket");
            count += model[s - 1];
            sum += s * model[s - 1];
        }
        assertEq(t.count(), count, "count");
        assertEq(t.sum(), sum, "sum");
        assertEq(t.slaMet(), met, "met");
        assertEq(t.slaBreached(), breached, "breached");
    }
}
