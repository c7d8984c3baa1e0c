import { describe, expect, it } from "vitest";
import { averageText, percent, summarizeStats } from "./stats";

const stats = (histogram: number[], slaMet = 0, slaBreached = 0, voided = 0) => ({
  count: BigInt(histogram.reduce((a, b) => a + b, 0)),
  sum: BigInt(histogram.reduce((a, n, i) => a + n * (i + 1), 0)),
  histogram: [...histogram, 0, 0, 0, 0, 0, 0, 0, 0].slice(0, 8).map(BigInt),
  slaMet: BigInt(slaMet),
  slaBreached: BigInt(slaBreached),
  voided: BigInt(voided),
});

describe("profile numbers", () => {
  it("computes average, CSAT over the top two scores, distribution and SLA compliance", () => {
    // 1×1, 1×3, 2×4, 4×5 → sum 32 over 8, top two (4 and 5) = 6 of 8.
    const s = summarizeStats(stats([1, 0, 1, 2, 4], 3, 1, 2), 5);
    expect(s).toEqual({
      count: 8,
      average: 4,
      csat: 0.75,
      distribution: [
        { score: 1, count: 1 },
        { score: 2, count: 0 },
        { score: 3, count: 1 },
        { score: 4, count: 2 },
        { score: 5, count: 4 },
      ],
      slaMet: 3,
      slaBreached: 1,
      slaCompliance: 0.75,
      voided: 2,
    });
    expect(averageText(s)).toBe("4.00");
    expect(percent(s.csat)).toBe("75 %");
  });

  it("takes the top two of the scale in force (a 3-point scale counts 2 and 3)", () => {
    expect(summarizeStats(stats([1, 1, 1]), 3).csat).toBeCloseTo(2 / 3);
    expect(percent(2 / 3)).toBe("66.7 %");
  });

  it("shows dashes, not zeros, without ratings or verdicts", () => {
    const s = summarizeStats(stats([]), 5);
    expect(s.csat).toBeNull();
    expect(s.slaCompliance).toBeNull();
    expect(averageText(s)).toBe("—");
    expect(percent(s.slaCompliance)).toBe("—");
  });
});
