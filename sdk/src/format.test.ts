import { describe, expect, it } from "vitest";
import { formatDate, formatPercent, formatShare } from "./format.js";
import { formatTime } from "./receipts/verdict.js";

describe("the one date format", () => {
  it("is day, month, year, 24-hour time and zone, in UTC unless a zone is given", () => {
    expect(formatDate(1_796_000_000)).toBe("30 Nov 2026, 00:53 UTC");
    expect(formatDate(1_796_000_000n)).toBe("30 Nov 2026, 00:53 UTC");
    expect(formatDate(1_796_000_000, "Europe/Paris")).toBe("30 Nov 2026, 01:53 CET");
  });

  it("is the format of the SDK's sentences too", () => {
    expect(formatTime(1_700_000_007)).toBe("14 Nov 2023, 22:13 UTC");
  });
});

describe("the one percentage format", () => {
  it("shows at most one decimal, whole numbers without one, and a dash for none", () => {
    expect(formatShare(0.875)).toBe("87.5 %");
    expect(formatShare(0.88)).toBe("88 %");
    expect(formatShare(2 / 3)).toBe("66.7 %");
    expect(formatShare(0.9996)).toBe("100 %");
    expect(formatShare(0)).toBe("0 %");
    expect(formatShare(null)).toBe("—");
    expect(formatShare(Number.NaN)).toBe("—");
    expect(formatPercent(7n, 8n)).toBe("87.5 %");
    expect(formatPercent(4, 100)).toBe("4 %");
    expect(formatPercent(1, 0)).toBe("—");
  });
});
