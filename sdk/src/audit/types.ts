/** The shapes shared by the audit's reader, verifier, CLI and page. Pure types: safe in the browser. */
import type { Hex } from "viem";

import type { ContractName } from "../deployments.js";

export type { ContractName, Deployment } from "../deployments.js";

/** A decoded argument with bigints as decimal strings, so a row survives JSON unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One event of the history. */
export interface TimelineRow {
  block: number;
  logIndex: number;
  /** Block timestamp, seconds. */
  time: number;
  tx: Hex;
  contract: ContractName;
  event: string;
  args: Record<string, JsonValue>;
}

/** The aggregates of SupportRatings.Stats, as plain numbers. */
export interface Stats {
  count: number;
  sum: number;
  histogram: number[];
  slaMet: number;
  slaBreached: number;
  voided: number;
}

export interface StatsVerdict {
  /** An agent address or a desk id. */
  key: string;
  deskId: number;
  recomputed: Stats;
  onChain: Stats;
  /** The fields that differ (empty when they agree). */
  mismatches: string[];
}

export interface PolicyVersionCheck {
  version: number;
  contentHash: Hex;
  effectiveFrom: number;
  /** keccak256(text) of the published text equals the hash in the event. */
  textMatchesHash: boolean;
}

export interface PolicyVerdict {
  policyId: number;
  kind: number;
  title: string;
  versions: PolicyVersionCheck[];
  retired: boolean;
  mismatches: string[];
}

export interface ArticleVerdict {
  articleId: number;
  category: number;
  /** Per version: the hash in the event, whether the text re-hashes to it, and the helpful tally from the votes. */
  versions: { version: number; contentHash: Hex; textMatchesHash: boolean; helpful: number; notHelpful: number }[];
  retired: boolean;
  mismatches: string[];
}

/** What the audit says of one community reward epoch: its root and total recomputed from events, and its claims. */
export interface RewardVerdict {
  epochId: number;
  publishedRoot: Hex;
  recomputedRoot: Hex | undefined;
  /** Token amounts in base units, as decimal strings (the report is JSON). */
  publishedTotal: string;
  recomputedTotal: string;
  /** The recomputed rewards already claimed (read from the epoch's vault), and what the vault still holds. */
  claimed: string;
  remaining: string;
  mismatches: string[];
}

export interface AuditReport {
  chainId: number;
  fromBlock: number;
  toBlock: number;
  events: number;
  /** False when the range does not start at the deployment block: aggregates cannot be recomputed. */
  verified: boolean;
  agents: StatsVerdict[];
  desks: StatsVerdict[];
  policies: PolicyVerdict[];
  /** Help articles: version chains, content hashes and helpful counts, against the knowledge base's storage. */
  articles: ArticleVerdict[];
  /** Community reward epochs: each published root recomputed from the ratings, claims within budget. */
  rewards: RewardVerdict[];
  /** Global checks (counts of desks and policies). */
  global: string[];
  /** Every mismatch, one sentence each. Empty means the history and the state agree. */
  mismatches: string[];
}

export interface Progress {
  /** Blocks read so far, out of `totalBlocks`. */
  doneBlocks: number;
  totalBlocks: number;
  logs: number;
  phase: "logs" | "timestamps" | "state";
}
