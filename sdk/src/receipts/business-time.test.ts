import { describe, expect, it } from "vitest";
import {
  businessSeconds,
  type CalendarParams,
  calendarProblem,
  describeCalendar,
  judgeReceipt,
  packCalendar,
  type RatingTerms,
  type Receipt,
  weekdayCalendar,
} from "../index.js";

const DAY = 86_400;
// Friday 2025-06-13 17:00 UTC and the Monday after, 09:00 UTC.
const FRIDAY_17 = 1_749_834_000;
const MONDAY_09 = FRIDAY_17 + 2 * DAY + 16 * 3600;
const nineToFive = weekdayCalendar(9 * 60, 17 * 60);

/** The straightforward reference: walk the interval date by date (1970-01-01 was a Thursday). */
function reference(cal: CalendarParams, from: number, to: number): number {
  const [a, b] = [from + cal.utcOffsetMinutes * 60, to + cal.utcOffsetMinutes * 60];
  let total = 0;
  for (let date = Math.floor(a / DAY); date <= Math.floor(b / DAY); date++) {
    if (cal.holidays.includes(date)) continue;
    const weekday = (date + 3) % 7;
    const start = Math.max(date * DAY + cal.opens[weekday]! * 60, a);
    const end = Math.min(date * DAY + cal.closes[weekday]! * 60, b);
    if (end > start) total += end - start;
  }
  return total;
}

const week = (a: number[]): CalendarParams["opens"] => [a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!];

/** A deterministic generator (mulberry32), so a failure names a reproducible case. */
function random(seed: number) {
  let t = seed >>> 0;
  return (n: number) => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return (((r ^ (r >>> 14)) >>> 0) / 4_294_967_296) * n;
  };
}

describe("business time", () => {
  it("counts no business time from Friday 17:00 to Monday 09:00 under Mon–Fri 09:00–17:00", () => {
    const packed = packCalendar(nineToFive);
    expect(businessSeconds(packed, FRIDAY_17, MONDAY_09)).toBe(0);
    expect(businessSeconds(packed, FRIDAY_17, MONDAY_09 + 5400)).toBe(5400);
    expect(businessSeconds(packCalendar(weekdayCalendar(540, 1020, 120)), FRIDAY_17, MONDAY_09)).toBe(7200);
  });

  it("matches the date-by-date reference to the second over 10,000 random schedules and intervals", () => {
    const rnd = random(20261130);
    for (let run = 0; run < 10_000; run++) {
      const opens: number[] = [];
      const closes: number[] = [];
      for (let d = 0; d < 7; d++) {
        const open = rnd(5) < 1 ? 0 : Math.floor(rnd(1441));
        const close = rnd(7) < 1 ? open : open + Math.floor(rnd(1441 - open));
        opens.push(open);
        closes.push(close);
      }
      const from = 1_000_000_000 + Math.floor(rnd(1_000_000_000));
      const to = from + Math.floor(rnd(70 * DAY));
      const holidays: number[] = [];
      let date = Math.floor(from / DAY) - 3;
      for (let i = Math.floor(rnd(17)); i > 0; i--) {
        date += 1 + Math.floor(rnd(6));
        holidays.push(date);
      }
      const cal: CalendarParams = { utcOffsetMinutes: Math.floor(rnd(1561)) - 720, opens: week(opens), closes: week(closes), holidays };
      expect(businessSeconds(packCalendar(cal), from, to), `run ${run}`).toBe(reference(cal, from, to));
    }
  });

  it("describes a calendar and names what the registry would refuse", () => {
    expect(describeCalendar(weekdayCalendar(540, 1020, 60, [20_300]))).toBe("Mon–Fri 09:00–17:00 (UTC+01:00), 1 holiday");
    expect(calendarProblem(nineToFive)).toBeNull();
    expect(calendarProblem({ ...nineToFive, opens: [600, 540, 540, 540, 540, 0, 0], closes: [540, 1020, 1020, 1020, 1020, 0, 0] })).toBe(
      "Mon's hours are impossible: it must open before it closes, and close by 24:00.",
    );
    expect(calendarProblem({ ...nineToFive, holidays: [20_300, 20_300] })).toBe("Holidays must be distinct dates in increasing order.");
    expect(calendarProblem({ ...nineToFive, utcOffsetMinutes: 900 })).toBe("The UTC offset must be between −12:00 and +14:00 (it is 900 minutes).");
  });
});

describe("verdict under business hours", () => {
  // Normal priority: 8 h first response, 16 h resolution.
  const terms = (businessHours: number): RatingTerms => ({
    effectiveFrom: 1,
    slaVersion: 1,
    rulesVersion: 1,
    ratingWindow: 7 * DAY,
    scale: 5,
    tagCount: 0,
    categoryCount: 5,
    businessHours,
    firstResponseMinutes: 480n << 16n,
    resolutionMinutes: 960n << 16n,
  });
  const ticket: Receipt = {
    ticketId: 1n,
    deskId: 1,
    agent: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    requester: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
    priority: 1,
    category: 2,
    openedAt: FRIDAY_17,
    firstResponseAt: MONDAY_09,
    resolvedAt: MONDAY_09 + 4 * 3600,
    pausedSeconds: 0,
    deadline: MONDAY_09 + 30 * DAY,
  };
  const now = MONDAY_09 + DAY;

  it("is met under the 09:00–17:00 calendar and breached under the same targets in calendar time", () => {
    const business = judgeReceipt(ticket, terms(0b0010), now, packCalendar(nineToFive));
    expect(business.ok && [business.verdict, business.firstResponse, business.resolution]).toEqual([
      "Met",
      { target: 28_800, taken: 0, met: true, clock: "business" },
      { target: 57_600, taken: 14_400, met: true, clock: "business" },
    ]);
    const calendar = judgeReceipt(ticket, terms(0), now);
    expect(calendar.ok && [calendar.verdict, calendar.firstResponse?.taken]).toEqual(["Breached", 64 * 3600]);
  });

  it("leaves paused time out of the resolution time, never the first response", () => {
    const late = { ...ticket, resolvedAt: MONDAY_09 + DAY + 4 * 3600 }; // Tuesday 13:00: 12 business hours
    const j = judgeReceipt({ ...late, pausedSeconds: 3 * 3600 }, terms(0b0010), now + DAY, packCalendar(nineToFive));
    expect(j.ok && j.resolution).toEqual({ target: 57_600, taken: 12 * 3600 - 3 * 3600, met: true, clock: "business" });
  });

  it("refuses a pause longer than the ticket lived and a category outside the rules", () => {
    const life = ticket.resolvedAt - ticket.openedAt;
    const paused = judgeReceipt({ ...ticket, pausedSeconds: life + 1 }, terms(0), now);
    expect(paused.ok ? null : paused.problem).toEqual({ kind: "pausedTooLong", pausedSeconds: life + 1, ticketSeconds: life });
    const category = judgeReceipt({ ...ticket, category: 6 }, terms(0), now);
    expect(category.ok ? null : category.message).toBe(
      "Category 6 does not exist: the rating rules in force define categories 1 to 5 (0 = uncategorised). Ask the help desk for a corrected link.",
    );
  });
});
