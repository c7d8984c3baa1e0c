/** An epoch's formula (ICommunityRewards.Formula) in words, for the people it pays. */
import type { RewardFormula } from "@support-quality/sdk/rewards";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * "Ratings of Wallet Helpers Community in blocks 120–160, not voided by block 160. A helper earns a point
 * for each distinct user who rated them 4 or more, needs at least 2 ratings, and the budget is shared by
 * points, at most 500 SQT a helper."
 */
export function describeFormula(formula: RewardFormula, deskName: string, amount: (value: bigint) => string): string {
  return (
    `Ratings of ${deskName} in blocks ${formula.fromBlock}–${formula.toBlock}, not voided by block ${formula.asOfBlock}. ` +
    `A helper earns a point for each distinct user who rated them ${formula.minScore} or more, needs at least ${plural(formula.minRatings, "rating")}, ` +
    `and the budget is shared by points, at most ${amount(formula.capPerHelper)} a helper.`
  );
}
