// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice The aggregate of an agent's non-voided ratings, packed in one storage slot so a rating
/// updates it with a single warm write:
/// bits   0..191  eight uint24 counters, the histogram of scores 1..8 (score s at bits 24·(s-1))
/// bits 192..223  uint32 ratings whose SLA was met
/// bits 224..255  uint32 ratings whose SLA was breached
/// Count and sum are derived from the histogram, so they can never disagree with it.
type Tally is uint256;

using TallyLib for Tally global;

library TallyLib {
    uint256 internal constant MAX_SCORE = 8;
    uint256 private constant _BUCKET_BITS = 24;
    uint256 private constant _BUCKET_MASK = (1 << 24) - 1;
    uint256 private constant _MET_SHIFT = 192;
    uint256 private constant _BREACHED_SHIFT = 224;
    uint256 private constant _COUNTER_MASK = (1 << 32) - 1;

    /// @notice A counter would overflow its bits.
    error TallyOverflow(uint256 score);

    /// @dev `verdict`: 0 = no SLA in force, 1 = met, 2 = breached. Reverts rather than wrap.
    function add(Tally self, uint256 score, uint8 verdict) internal pure returns (Tally) {
        uint256 t = Tally.unwrap(self);
        uint256 shift = _BUCKET_BITS * (score - 1);
        if ((t >> shift) & _BUCKET_MASK == _BUCKET_MASK) revert TallyOverflow(score);
        t += 1 << shift;
        if (verdict == 1) {
            if ((t >> _MET_SHIFT) & _COUNTER_MASK == _COUNTER_MASK) revert TallyOverflow(score);
            t += 1 << _MET_SHIFT;
        } else if (verdict == 2) {
            if (t >> _BREACHED_SHIFT == _COUNTER_MASK) revert TallyOverflow(score);
            t += 1 << _BREACHED_SHIFT;
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
        return Tally.unwrap(self) >> _BREACHED_SHIFT;
    }

    function count(Tally self) internal pure returns (uint256 n) {
        for (uint256 s = 1; s <= MAX_SCORE; ++s) n += bucket(self, s);
    }

    function sum(Tally self) internal pure returns (uint256 total) {
        for (uint256 s = 1; s <= MAX_SCORE; ++s) total += s * bucket(self, s);
    }
}
