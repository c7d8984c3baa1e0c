// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice A help desk's business-hours calendar packed in one word, and the business time between two
/// timestamps in constant gas: whole weeks × weekly hours plus the two partial ends, no loop over days
/// (holidays, at most 16, are subtracted one by one).
/// @dev Layout (days are local weekdays, Monday = 0; minutes count from local midnight):
/// bits   0..153  day d: opens at bits 22d..22d+10, closes at bits 22d+11..22d+21 (0..1440; equal = closed)
/// bits 154..237  minutes open before day d, for d = 1..6 (14 bits each): the week's prefix sums
/// bits 238..248  UTC offset in minutes + 720 (the offset is −720..+840)
/// bits 249..253  number of holidays (0..16), kept in a second word of 16 × uint16 local dates
/// A valid calendar is open at least one minute a week, so its word is never 0 (0 = no calendar).
/// One window per day: a desk open overnight (22:00–06:00) is two windows, 22:00–24:00 and 00:00–06:00.
type BusinessCalendar is uint256;

using BusinessTime for BusinessCalendar global;

library BusinessTime {
    uint256 internal constant MINUTES_PER_DAY = 1440;
    int256 internal constant MIN_UTC_OFFSET = -720;
    int256 internal constant MAX_UTC_OFFSET = 840;
    uint256 internal constant MAX_HOLIDAYS = 16;

    uint256 private constant _DAY = 1 days;
    uint256 private constant _WEEK = 7 days;
    /// @dev 1970-01-01 was a Thursday: shifting by three days puts local time 0 on a Monday midnight.
    uint256 private constant _MONDAY_SHIFT = 3 days;
    uint256 private constant _PREFIX_SHIFT = 154;
    uint256 private constant _OFFSET_SHIFT = 238;
    uint256 private constant _HOLIDAYS_SHIFT = 249;
    uint256 private constant _MASK11 = (1 << 11) - 1;
    uint256 private constant _MASK14 = (1 << 14) - 1;

    /// @dev Packs a calendar the caller has validated: `opens[d] <= closes[d] <= 1440`, an offset within
    /// [−720, 840], at most 16 holidays (`holidays` is their number). Returns the word and the weekly open minutes (0 = never open).
    function pack(int16 utcOffsetMinutes, uint16[7] memory opens, uint16[7] memory closes, uint256 holidays)
        internal
        pure
        returns (BusinessCalendar calendar, uint256 weeklyMinutes)
    {
        uint256 word = (uint256(int256(utcOffsetMinutes) - MIN_UTC_OFFSET) << _OFFSET_SHIFT)
            | (holidays << _HOLIDAYS_SHIFT);
        for (uint256 d = 0; d < 7; ++d) {
            if (d != 0) word |= weeklyMinutes << (_PREFIX_SHIFT + 14 * (d - 1));
            word |= (uint256(opens[d]) << (22 * d)) | (uint256(closes[d]) << (22 * d + 11));
            weeklyMinutes += closes[d] - opens[d];
        }
        return (BusinessCalendar.wrap(word), weeklyMinutes);
    }

    /// @dev Packs up to 16 local dates (days since 1970-01-01) into one word, the first in the low bits.
    function packHolidays(uint16[] memory days_) internal pure returns (uint256 word) {
        for (uint256 i = 0; i < days_.length; ++i) {
            word |= uint256(days_[i]) << (16 * i);
        }
    }

    function holidayCount(BusinessCalendar self) internal pure returns (uint256) {
        return BusinessCalendar.unwrap(self) >> _HOLIDAYS_SHIFT;
    }

    /// @notice Business seconds in `[from, to]` (`from <= to`): the open time of the calendar between them,
    /// less the open time of its holidays. `holidays` is the calendar's holiday word (ignored without any).
    function elapsed(BusinessCalendar self, uint256 holidays, uint256 from, uint256 to) internal pure returns (uint256) {
        (, uint256 toEnd) = elapsedTo(self, holidays, from, to, to);
        return toEnd;
    }

    /// @notice Business seconds from `from` to `mid` and from `from` to `to` (`from <= mid <= to`): a ticket's
    /// first response and resolution, sharing the work.
    /// @dev For a calendar packed by {pack} from validated hours (as the policy registry does): unchecked, as
    /// every quantity is bounded (times below 2^48, minutes below 2^11) and every difference ordered — the
    /// open time before a later time is at least the open time before an earlier one, and a holiday's open
    /// time inside an interval was counted in it. Checked arithmetic tripled its gas.
    function elapsedTo(BusinessCalendar self, uint256 holidays, uint256 from, uint256 mid, uint256 to)
        internal
        pure
        returns (uint256 toMid, uint256 toEnd)
    {
        unchecked {
            uint256 c = BusinessCalendar.unwrap(self);
            // Local time, Monday-aligned; `from` is a real timestamp, so the shift keeps it positive.
            uint256 shift = _MONDAY_SHIFT + ((c >> _OFFSET_SHIFT) & _MASK11) * 60 - 720 * 60;
            (uint256 a, uint256 m, uint256 b) = (from + shift, mid + shift, to + shift);
            uint256 weekly = ((c >> (_PREFIX_SHIFT + 70)) & _MASK14) + _length(c, 6);
            uint256 base = _openBefore(c, weekly, a);
            (toMid, toEnd) = (_openBefore(c, weekly, m) - base, _openBefore(c, weekly, b) - base);
            uint256 count = c >> _HOLIDAYS_SHIFT;
            for (uint256 i = 0; i < count; ++i) {
                // A holiday's local date, in Monday-aligned days, and its open window.
                uint256 day = ((holidays >> (16 * i)) & 0xffff) + _MONDAY_SHIFT / _DAY;
                (uint256 open, uint256 close) = _window(c, day % 7);
                uint256 start = day * _DAY + open;
                uint256 end = day * _DAY + close;
                if (start < a) start = a;
                if (end > start) {
                    uint256 endMid = end > m ? m : end;
                    if (endMid > start) toMid -= endMid - start;
                    if (end > b) end = b;
                    if (end > start) toEnd -= end - start;
                }
            }
        }
    }

    /// @dev Open seconds from local time 0 up to local time `t`: whole weeks (`weekly` open minutes each),
    /// whole days, the partial day.
    function _openBefore(uint256 c, uint256 weekly, uint256 t) private pure returns (uint256) {
        unchecked {
            uint256 weekday = (t % _WEEK) / _DAY;
            uint256 before = weekday == 0 ? 0 : (c >> (_PREFIX_SHIFT + 14 * (weekday - 1))) & _MASK14;
            (uint256 open, uint256 close) = _window(c, weekday);
            uint256 inDay = t % _DAY;
            uint256 today = inDay <= open ? 0 : inDay >= close ? close - open : inDay - open;
            return (t / _WEEK) * weekly * 60 + before * 60 + today;
        }
    }

    /// @dev Day `d`'s window in seconds after local midnight.
    function _window(uint256 c, uint256 d) private pure returns (uint256 open, uint256 close) {
        unchecked {
            open = ((c >> (22 * d)) & _MASK11) * 60;
            close = ((c >> (22 * d + 11)) & _MASK11) * 60;
        }
    }

    function _length(uint256 c, uint256 d) private pure returns (uint256) {
        unchecked {
            return ((c >> (22 * d + 11)) & _MASK11) - ((c >> (22 * d)) & _MASK11);
        }
    }
}
