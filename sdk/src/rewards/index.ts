/**
 * Community rewards (CommunityRewards): the one computation of an epoch's rewards from the chain's events
 * — used by the proposal that publishes the root, the audit that recomputes it, and the dApp's rewards page
 * — and the Merkle tree (OpenZeppelin's standard tree, so the contract's `MerkleProof` verifies its proofs).
 */
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { type Address, getAddress, type Hex } from "viem";
import type { JsonValue, RewardVerdict, TimelineRow } from "../audit/types.js";

/** `ICommunityRewards.Formula`: what the DAO votes with each epoch. */
export interface RewardFormula {
  deskId: number;
  fromBlock: bigint;
  toBlock: bigint;
  /** Ratings voided in blocks up to this one do not count. */
  asOfBlock: bigint;
  /** A rating counts towards a helper's points at this score or above. */
  minScore: number;
  /** A helper needs at least this many non-voided ratings in the window (any score) to earn anything. */
  minRatings: number;
  capPerHelper: bigint;
}

/** One helper's computed reward. `index` is its leaf's position (helpers in address order). */
export interface HelperReward {
  index: number;
  account: Address;
  /** Non-voided ratings of the helper in the window, any score. */
  ratings: number;
  /** Distinct requesters who rated the helper at `minScore` or above. */
  points: number;
  amount: bigint;
}

export interface ComputedRewards {
  rewards: HelperReward[];
  total: bigint;
  /** The Merkle root of the rewards, or undefined when nobody earned anything. */
  root: Hex | undefined;
}

/** A published epoch, from its `EpochPublished` event. */
export interface RewardEpoch {
  epochId: number;
  token: Address;
  /** Where the epoch's budget is held and claims are paid from. */
  vault: Address;
  budget: bigint;
  total: bigint;
  root: Hex;
  claimDeadline: number;
  formula: RewardFormula;
  /** The block and time it was published. */
  block: number;
  time: number;
}

/** The leaf encoding of `ICommunityRewards`: `(uint256 index, address account, uint256 amount)`. */
export const REWARD_LEAF_TYPES = ["uint256", "address", "uint256"] as const;

const big = (x: JsonValue | undefined) => BigInt(String(x));
const lower = (x: JsonValue | undefined) => String(x).toLowerCase();

/**
 * The rewards of an epoch under `formula`, from the timeline's rows (any superset of the window's ratings and
 * voids). Deterministic: a helper's points are the distinct requesters whose non-voided rating of them, in
 * blocks `[fromBlock, toBlock]` on the formula's desk, scored at least `minScore`; helpers under `minRatings`
 * ratings earn nothing; the rest share `budget` by points, each capped at `capPerHelper`, rounded down.
 */
export function computeRewards(rows: readonly TimelineRow[], formula: RewardFormula, budget: bigint): ComputedRewards {
  const voided = new Set<string>();
  for (const row of rows)
    if (row.contract === "SupportRatings" && row.event === "RatingVoided" && BigInt(row.block) <= formula.asOfBlock) voided.add(lower(row.args.ratingId));

  const helpers = new Map<string, { ratings: number; satisfied: Set<string> }>();
  for (const row of rows) {
    if (row.contract !== "SupportRatings" || row.event !== "Rated") continue;
    const block = BigInt(row.block);
    if (block < formula.fromBlock || block > formula.toBlock) continue;
    if (Number(row.args.deskId) !== formula.deskId || voided.has(lower(row.args.ratingId))) continue;
    const helper = lower(row.args.agent);
    const entry = helpers.get(helper) ?? { ratings: 0, satisfied: new Set<string>() };
    entry.ratings += 1;
    if (Number(row.args.score) >= formula.minScore) entry.satisfied.add(lower(row.args.requester));
    helpers.set(helper, entry);
  }

  const eligible = [...helpers.entries()]
    .filter(([, h]) => h.ratings >= formula.minRatings && h.satisfied.size > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const totalPoints = BigInt(eligible.reduce((sum, [, h]) => sum + h.satisfied.size, 0));
  const rewards: HelperReward[] = [];
  for (const [account, h] of eligible) {
    const share = (budget * BigInt(h.satisfied.size)) / totalPoints;
    const amount = share < formula.capPerHelper ? share : formula.capPerHelper;
    if (amount === 0n) continue;
    rewards.push({ index: rewards.length, account: getAddress(account), ratings: h.ratings, points: h.satisfied.size, amount });
  }
  const total = rewards.reduce((sum, r) => sum + r.amount, 0n);
  return { rewards, total, root: rewards.length ? (rewardTree(rewards).root as Hex) : undefined };
}

/** The Merkle tree of `rewards` (OpenZeppelin's standard tree over {REWARD_LEAF_TYPES}). */
export function rewardTree(rewards: readonly HelperReward[]) {
  return StandardMerkleTree.of(
    rewards.map((r) => [BigInt(r.index), r.account, r.amount]),
    [...REWARD_LEAF_TYPES],
  );
}

/** The proof of `reward` in the tree of `rewards`, for `claim`. */
export function rewardProof(rewards: readonly HelperReward[], reward: HelperReward): Hex[] {
  return rewardTree(rewards).getProof([BigInt(reward.index), reward.account, reward.amount]) as Hex[];
}

/** Every published epoch in the timeline, oldest first. */
export function rewardEpochs(rows: readonly TimelineRow[]): RewardEpoch[] {
  return rows
    .filter((row) => row.contract === "CommunityRewards" && row.event === "EpochPublished")
    .map((row) => {
      const a = row.args;
      const f = a.formula as Record<string, JsonValue>;
      return {
        epochId: Number(a.epochId),
        token: getAddress(String(a.token)),
        vault: getAddress(String(a.vault)),
        budget: big(a.budget),
        total: big(a.total),
        root: String(a.root) as Hex,
        claimDeadline: Number(a.claimDeadline),
        formula: {
          deskId: Number(f.deskId),
          fromBlock: big(f.fromBlock),
          toBlock: big(f.toBlock),
          asOfBlock: big(f.asOfBlock),
          minScore: Number(f.minScore),
          minRatings: Number(f.minRatings),
          capPerHelper: big(f.capPerHelper),
        },
        block: row.block,
        time: row.time,
      };
    });
}

/**
 * Recomputes every epoch's root and total from the events. `claimed` and `remaining` are state (the
 * epoch's vault): the verifier fills them in.
 */
export function auditRewards(rows: readonly TimelineRow[]): RewardVerdict[] {
  return rewardEpochs(rows).map((epoch) => {
    const { root, total } = computeRewards(rows, epoch.formula, epoch.budget);
    const mismatches: string[] = [];
    if (root?.toLowerCase() !== epoch.root.toLowerCase())
      mismatches.push(`the published root ${epoch.root} differs from the root recomputed from the ratings, ${root ?? "none (nobody earned a reward)"}`);
    if (total !== epoch.total) mismatches.push(`the published total ${epoch.total} differs from the recomputed total ${total}`);
    return {
      epochId: epoch.epochId,
      publishedRoot: epoch.root,
      recomputedRoot: root,
      publishedTotal: String(epoch.total),
      recomputedTotal: String(total),
      claimed: "0",
      remaining: "0",
      mismatches,
    };
  });
}
