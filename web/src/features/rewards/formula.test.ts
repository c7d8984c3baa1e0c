import { formatTokens } from "@support-quality/sdk";
import { parseEther } from "viem";
import { describe, expect, it } from "vitest";
import { describeFormula } from "./formula";

describe("describeFormula", () => {
  it("says the window, the void cut-off, the points, the minimum and the cap in words", () => {
    const formula = { deskId: 4, fromBlock: 120n, toBlock: 160n, asOfBlock: 170n, minScore: 4, minRatings: 2, capPerHelper: parseEther("500") };
    expect(describeFormula(formula, "Wallet Helpers Community", (v) => formatTokens(v))).toBe(
      "Ratings of Wallet Helpers Community in blocks 120–160, not voided by block 170. A helper earns a point for each distinct user who rated them 4 or more, needs at least 2 ratings, and the budget is shared by points, at most 500 SQT a helper.",
    );
  });

  it("says “1 rating”, not “1 ratings”", () => {
    const formula = { deskId: 4, fromBlock: 1n, toBlock: 2n, asOfBlock: 2n, minScore: 5, minRatings: 1, capPerHelper: parseEther("10.5") };
    expect(describeFormula(formula, "Desk", (v) => formatTokens(v))).toMatch(
      /needs at least 1 rating, and the budget is shared by points, at most 10\.5 SQT a helper\.$/,
    );
  });
});
