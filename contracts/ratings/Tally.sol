// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice An agent's slot in the ratings contract: the aggregate of its non-voided ratings and, mirrored
/// from the agent registry, the time since which it has been continuously active. `rate` reads the one
/// and updates the other in the same slot:
/// bits   0..167  eight uint21 counters, the histogram of scores 1..8 (score s at bits 21·(s-1))
/// bits 168..191  uint24 ratings whose SLA was met
/// bits 192..215  uint24 ratings whose SLA was breached
/// bits 216..255  uint40 start of the agent's current active period (0 while it is not active)
/// Count and sum are derived from the histogram, so they can never disagree with it. A counter holds
/// 2,097,151 ratings of one score (24-bit SLA counters: 16,777,215) and reverts rather than wrap.
type Tally is uint256;

using TallyLib for Tally global;

library TallyLib {
    uint256 internal constant MAX_SCORE = 8;
    uint256 private constant _BUCKET_BITS = 21;
    uint256 private constant _BUCKET_MASK = (1 << 21) - 1;
    uint256 private constant _MET_SHIFT = 168;
    uint256 private constant _BREACHED_SHIFT = 192;
    uint256 private constant _COUNTER_MASK = (1 << 24) - 1;
    uint256 private constant _ACTIVE_SINCE_SHIFT = 216;
    uint256 private constant _COUNTERS_MASK = (1 << 216) - 1;
    uint256 internal constant LANE_BITS = 42;
    uint256 internal constant LANE_MASK = (1 << 42) - 1;
    uint256 private constant _ALTERNATE_BUCKETS =
        _BUCKET_MASK | (_BUCKET_MASK << 42) | (_BUCKET_MASK << 84) | (_BUCKET_MASK << 126);

    /// @notice A counter would overflow its bits.
    error TallyOverflow(uint256 score);

    /// @dev `verdict`: 0 = no SLA in force, 1 = met, 2 = breached. Reverts rather than wrap.
    /// `score` is in `1..MAX_SCORE` (callers check it), and every counter is checked before it is
    /// incremented, so the arithmetic cannot wrap: it is unchecked (the hot path).
    function add(Tally self, uint256 score, uint8 verdict) internal pure returns (Tally) {
        uint256 t = Tally.unwrap(self);
        unchecked {
            uint256 shift = _BUCKET_BITS * (score - 1);
            if ((t >> shift) & _BUCKET_MASK == _BUCKET_MASK) revert TallyOverflow(score);
            t += 1 << shift;
            if (verdict == 1) {
                if ((t >> _MET_SHIFT) & _COUNTER_MASK == _COUNTER_MASK) revert TallyOverflow(score);
                t += 1 << _MET_SHIFT;
            } else if (verdict == 2) {
                if ((t >> _BREACHED_SHIFT) & _COUNTER_MASK == _COUNTER_MASK) revert TallyOverflow(score);
                t += 1 << _BREACHED_SHIFT;
            }
        }
        return Tally.wrap(t);
    }

    /// @dev The inverse of {add} for a rating previously added (callers guarantee it was).
    function remove(Tally self, uint256 score, uint8 verdict) internal pure returns (Tally) {
        uint256 t = Tally.unwrap(self) - (1 << (_BUCKET_BITS * (score - 1)));
        if (verdict == 1) t -= 1 << _MET_SHIFT;
        else if (verdict == 2) t -= 1 << _BREACHED_SHIFT;
        return Tally.wrap(t);
    }

    function bucket(Tally self, uint256 score) internal pure returns (uint256) {
        return (Tally.unwrap(self) >> (_BUCKET_BITS * (score - 1))) & _BUCKET_MASK;
    }

    function slaMet(Tally self) internal pure returns (uint256) {
        return (Tally.unwrap(self) >> _MET_SHIFT) & _COUNTER_MASK;
    }

    function slaBreached(Tally self) internal pure returns (uint256) {
        return (Tally.unwrap(self) >> _BREACHED_SHIFT) & _COUNTER_MASK;
    }

    function count(Tally self) internal pure returns (uint256 n) {
        for (uint256 s = 1; s <= MAX_SCORE; ++s) n += bucket(self, s);
    }

    function sum(Tally self) internal pure returns (uint256 total) {
        for (uint256 s = 1; s <= MAX_SCORE; ++s) total += s * bucket(self, s);
    }

    /// @dev The histogram as two words of four 42-bit lanes: scores 1, 3, 5, 7 and scores 2, 4, 6, 8. Each
    /// lane holds one 21-bit counter with 21 bits of headroom, so up to 2^21 tallies' lanes can be added
    /// word-wise without a carry into the next lane: a desk's histogram costs one addition per agent.
    function lanes(Tally self) internal pure returns (uint256 oddScores, uint256 evenScores) {
        uint256 t = Tally.unwrap(self);
        return (t & _ALTERNATE_BUCKETS, (t >> _BUCKET_BITS) & _ALTERNATE_BUCKETS);
    }

    /// @dev When the agent's current active period began; 0 while it is suspended, removed or unknown.
    function activeSince(Tally self) internal pure returns (uint256) {
        return Tally.unwrap(self) >> _ACTIVE_SINCE_SHIFT;
    }

    /// @dev The same counters with another active-period start.
    function withActiveSince(Tally self, uint40 since) internal pure returns (Tally) {
        return Tally.wrap((Tally.unwrap(self) & _COUNTERS_MASK) | (uint256(since) << _ACTIVE_SINCE_SHIFT));
    }
}
