import { describe, expect, it } from "vitest";
import type { Receipt } from "../index.js";
import { deskProblemMessage, judgeReceipt, type RatingTerms, ratingChoiceProblem, targetSeconds } from "../index.js";

// Packs four uint16 minute targets (Low, Normal, High, Urgent) the way PolicyRegistry stores them.
const pack = (minutes: [number, number, number, number]) => minutes.reduce((acc, m, p) => acc | (BigInt(m) << BigInt(16 * p)), 0n);

const terms: RatingTerms = {
  effectiveFrom: 1_000,
  slaVersion: 2,
  rulesVersion: 3,
  ratingWindow: 7 * 24 * 3600,
  scale: 5,
  tagCount: 4,
  categoryCount: 3,
  businessHours: 0,
  firstResponseMinutes: pack([480, 120, 30, 10]),
  resolutionMinutes: pack([65_535, 1_440, 240, 60]),
};

const opened = 1_700_000_000;
const base: Receipt = {
  ticketId: 1n,
  deskId: 1,
  agent: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  requester: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
  priority: 2, // High: 30 min first response, 240 min resolution
  category: 3,
  openedAt: opened,
  firstResponseAt: opened + 30 * 60,
  resolvedAt: opened + 240 * 60,
  pausedSeconds: 0,
  deadline: opened + 30 * 24 * 3600,
};
const now = opened + 300 * 60;

describe("SLA verdict preview", () => {
  it("unpacks each priority's targets as the contract does", () => {
    expect([0, 1, 2, 3].map((p) => targetSeconds(terms.firstResponseMinutes, p))).toEqual([28_800, 7_200, 1_800, 600]);
    expect(targetSeconds(terms.resolutionMinutes, 0)).toBe(65_535 * 60);
  });

  it("meets the SLA exactly at both targets (the contract compares with <=)", () => {
    const j = judgeReceipt(base, terms, now);
    expect(j).toEqual({
      ok: true,
      verdict: "Met",
      slaVersion: 2,
      rulesVersion: 3,
      firstResponse: { target: 1_800, taken: 1_800, met: true, clock: "calendar" },
      resolution: { target: 14_400, taken: 14_400, met: true, clock: "calendar" },
      windowClosesAt: base.resolvedAt + terms.ratingWindow,
      rateBy: base.resolvedAt + terms.ratingWindow,
      secondsLeft: base.resolvedAt + terms.ratingWindow - now,
    });
  });

  it("breaches one second past the first-response target", () => {
    const j = judgeReceipt({ ...base, firstResponseAt: opened + 1_801 }, terms, now);
    expect(j.ok && j.verdict).toBe("Breached");
    expect(j.ok && j.firstResponse).toEqual({ target: 1_800, taken: 1_801, met: false, clock: "calendar" });
  });

  it("breaches one second past the resolution target", () => {
    const j = judgeReceipt({ ...base, resolvedAt: opened + 14_401 }, terms, now);
    expect(j.ok && j.verdict).toBe("Breached");
    expect(j.ok && j.resolution).toEqual({ target: 14_400, taken: 14_401, met: false, clock: "calendar" });
  });

  it("breaches an unresolved ticket and windows it from the first response", () => {
    const j = judgeReceipt({ ...base, resolvedAt: 0 }, terms, now);
    expect(j.ok && j.verdict).toBe("Breached");
    expect(j.ok && j.resolution).toEqual({ target: 14_400, taken: null, met: false, clock: "calendar" });
    expect(j.ok && j.windowClosesAt).toBe(base.firstResponseAt + terms.ratingWindow);
  });

  it("breaches a ticket never answered and windows it from its opening", () => {
    const j = judgeReceipt({ ...base, firstResponseAt: 0, resolvedAt: 0 }, terms, now);
    expect(j.ok && j.verdict).toBe("Breached");
    expect(j.ok && j.windowClosesAt).toBe(opened + terms.ratingWindow);
  });

  it("gives no verdict when no SLA was in force", () => {
    const j = judgeReceipt(base, { ...terms, slaVersion: 0 }, now);
    expect(j).toMatchObject({ ok: true, verdict: "None", slaVersion: 0, firstResponse: null, resolution: null });
  });

  it("accepts a rating at the window's last second and refuses the next", () => {
    const closedAt = base.resolvedAt + terms.ratingWindow;
    expect(judgeReceipt(base, terms, closedAt)).toMatchObject({ ok: true, secondsLeft: 0 });
    expect(judgeReceipt(base, terms, closedAt + 1)).toEqual({
      ok: false,
      problem: { kind: "windowClosed", closedAt, now: closedAt + 1 },
      message: "The rating window for this ticket closed on 22 Nov 2023, 02:13 UTC.",
    });
  });

  it("is bounded by the receipt deadline when it comes first", () => {
    const receipt = { ...base, deadline: now + 60 };
    expect(judgeReceipt(receipt, terms, now)).toMatchObject({ ok: true, rateBy: now + 60, secondsLeft: 60 });
    expect(judgeReceipt(receipt, terms, now + 61)).toEqual({
      ok: false,
      problem: { kind: "expired", deadline: now + 60, now: now + 61 },
      message: "This receipt expired on 15 Nov 2023, 03:14 UTC; it can no longer be rated.",
    });
  });

  it("refuses impossible times before anything else, as _checkReceipt does", () => {
    const invalid = (r: Partial<Receipt>, at = now) => judgeReceipt({ ...base, ...r }, terms, at);
    expect(invalid({ openedAt: 0 })).toMatchObject({ ok: false, problem: { kind: "invalidTimes" } });
    expect(invalid({ firstResponseAt: opened - 1 })).toMatchObject({ ok: false, problem: { kind: "invalidTimes" } });
    expect(invalid({ resolvedAt: base.firstResponseAt - 1 })).toMatchObject({ ok: false, problem: { kind: "invalidTimes" } });
    expect(invalid({}, base.resolvedAt - 1)).toMatchObject({ ok: false, problem: { kind: "invalidTimes" } });
    // A time in the future even with no rules in force: the receipt check comes first.
    expect(judgeReceipt(base, { ...terms, rulesVersion: 0 }, base.resolvedAt - 1)).toMatchObject({
      problem: { kind: "invalidTimes" },
    });
  });

  it("refuses a ticket opened when no rating rules were in force", () => {
    expect(judgeReceipt(base, { ...terms, rulesVersion: 0 }, now)).toEqual({
      ok: false,
      problem: { kind: "noRules", openedAt: opened },
      message: "No rating rules were in force when this ticket was opened (14 Nov 2023, 22:13 UTC), so it cannot be rated.",
    });
  });

  it("checks score and tags against the rules", () => {
    expect(ratingChoiceProblem(5, 0b1111, terms)).toBeNull();
    expect(ratingChoiceProblem(0, 0, terms)).toBe("Choose a score from 1 to 5.");
    expect(ratingChoiceProblem(6, 0, terms)).toBe("Choose a score from 1 to 5.");
    expect(ratingChoiceProblem(3, 0b10000, terms)).toBe("Only the 4 tags of the rules in force can be chosen.");
  });
});

describe("the desk console's wording of a receipt problem", () => {
  it("tells the desk what to correct, never to ask the help desk", () => {
    expect(deskProblemMessage({ kind: "invalidTimes", openedAt: 10, firstResponseAt: 5, resolvedAt: 0 })).toBe(
      "These ticket times are impossible (out of order or in the future), so the contract would refuse the rating: correct the opened, first-response and resolved times before signing.",
    );
    expect(deskProblemMessage({ kind: "expired", deadline: 1_700_000_007, now: 1_700_000_100 })).toBe(
      "The link deadline (14 Nov 2023, 22:13 UTC) has already passed: set a later deadline before signing.",
    );
  });
});
