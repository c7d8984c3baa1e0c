// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BusinessCalendar, BusinessTime} from "../../contracts/policy/BusinessTime.sol";
import {Test} from "./utils/Test.sol";

/// @dev The constant-gas business time against a straightforward reference that walks the interval day by
/// day, to the second, over random schedules, offsets, holidays and intervals (`.ci/run`: 10,000 runs).
contract BusinessTimeTest is Test {
    uint256 private constant DAY = 1 days;
    // Friday 2025-06-13 17:00 UTC and the Monday after, 09:00 UTC.
    uint256 private constant FRIDAY_17 = 1_749_834_000;
    uint256 private constant MONDAY_09 = FRIDAY_17 + 2 days + 16 hours;

    struct Schedule {
        int16 offset;
        uint16[7] opens;
        uint16[7] closes;
        uint16[] holidays;
    }

    function _nineToFive(int16 offset) private pure returns (Schedule memory s) {
        s.offset = offset;
        for (uint256 d = 0; d < 5; ++d) (s.opens[d], s.closes[d]) = (9 * 60, 17 * 60);
    }

    function _pack(Schedule memory s) private pure returns (BusinessCalendar calendar, uint256 holidays) {
        (calendar,) = BusinessTime.pack(s.offset, s.opens, s.closes, s.holidays.length);
        holidays = BusinessTime.packHolidays(s.holidays);
    }

    function _elapsed(Schedule memory s, uint256 from, uint256 to) private pure returns (uint256) {
        (BusinessCalendar calendar, uint256 holidays) = _pack(s);
        return calendar.elapsed(holidays, from, to);
    }

    /// @dev The reference: for each local date the interval touches, unless it is a holiday, the overlap of
    /// the interval with that date's window. 1970-01-01 was a Thursday (weekday 3, Monday = 0).
    function _reference(Schedule memory s, uint256 from, uint256 to) private pure returns (uint256 total) {
        uint256 a = uint256(int256(from) + int256(s.offset) * 60);
        uint256 b = uint256(int256(to) + int256(s.offset) * 60);
        for (uint256 date = a / DAY; date <= b / DAY; ++date) {
            bool holiday = false;
            for (uint256 i = 0; i < s.holidays.length; ++i) {
                if (s.holidays[i] == date) holiday = true;
            }
            if (holiday) continue;
            uint256 weekday = (date + 3) % 7;
            uint256 start = date * DAY + uint256(s.opens[weekday]) * 60;
            uint256 end = date * DAY + uint256(s.closes[weekday]) * 60;
            if (start < a) start = a;
            if (end > b) end = b;
            if (end > start) total += end - start;
        }
    }

    function test_elapsed_fridayEveningToMondayMorningIsNoBusinessTime() public pure {
        Schedule memory s = _nineToFive(0);
        assertEq(_elapsed(s, FRIDAY_17, MONDAY_09), 0, "closed all weekend");
        assertEq(_elapsed(s, FRIDAY_17, MONDAY_09 + 90 minutes), 90 minutes, "Monday 09:00-10:30");
        assertEq(_elapsed(s, FRIDAY_17 - 8 hours, MONDAY_09 + 8 hours), 16 hours, "two full days");
        assertEq(_elapsed(s, FRIDAY_17 - 2 weeks, FRIDAY_17), 10 * 8 hours, "two whole weeks");
    }

    function test_elapsed_followsTheUtcOffset() public pure {
        // UTC+2: 17:00 UTC Friday is 19:00 local; Monday 09:00 UTC is 11:00 local, two hours open.
        assertEq(_elapsed(_nineToFive(120), FRIDAY_17, MONDAY_09), 2 hours, "UTC+2");
        // UTC-5: Friday 17:00 UTC is 12:00 local (five hours left), Monday 09:00 UTC is 04:00 local.
        assertEq(_elapsed(_nineToFive(-300), FRIDAY_17, MONDAY_09), 5 hours, "UTC-5");
    }

    function test_elapsed_skipsHolidays() public pure {
        Schedule memory s = _nineToFive(0);
        s.holidays = new uint16[](1);
        s.holidays[0] = uint16(MONDAY_09 / DAY); // that Monday is a holiday
        assertEq(_elapsed(s, FRIDAY_17, MONDAY_09 + 1 days), 0, "Monday off, Tuesday 09:00");
        assertEq(_elapsed(s, FRIDAY_17, MONDAY_09 + 1 days + 1 hours), 1 hours, "Tuesday's first hour");
    }

    function testFuzz_elapsed_matchesTheDayByDayReference(uint256 seed, uint256 from, uint256 span, uint256 split)
        public
        pure
    {
        Schedule memory s;
        s.offset = int16(int256(bound(seed, 0, 1560)) - 720);
        for (uint256 d = 0; d < 7; ++d) {
            uint256 r = uint256(keccak256(abi.encode(seed, d)));
            // Some days closed, some open all day, most a random window.
            uint16 open = uint16(r % 5 == 0 ? 0 : (r >> 8) % 1441);
            uint16 close = r % 7 == 0 ? open : uint16(open + (r >> 24) % (1441 - uint256(open)));
            if (r % 11 == 0) (open, close) = (0, 1440);
            (s.opens[d], s.closes[d]) = (open, close);
        }
        from = bound(from, 1_000_000_000, 2_000_000_000);
        uint256 to = from + bound(span, 0, 70 days);
        uint256 count = (seed >> 16) % 17;
        s.holidays = new uint16[](count);
        uint256 date = from / DAY - 3;
        for (uint256 i = 0; i < count; ++i) {
            date += 1 + (uint256(keccak256(abi.encode(seed, "holiday", i))) % 6);
            s.holidays[i] = uint16(date);
        }
        assertEq(_elapsed(s, from, to), _reference(s, from, to), "business seconds");
        // The pair `rate` uses (to a first response, to the resolution) agrees with the reference too.
        uint256 mid = bound(split, from, to);
        (BusinessCalendar calendar, uint256 holidays) = _pack(s);
        (uint256 toMid, uint256 toEnd) = calendar.elapsedTo(holidays, from, mid, to);
        assertEq(toMid, _reference(s, from, mid), "to the first response");
        assertEq(toEnd, _reference(s, from, to), "to the resolution");
    }
}
