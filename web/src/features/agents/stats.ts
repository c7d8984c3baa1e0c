/**
 * What a profile shows from SupportRatings.Stats: average, CSAT (share of the top two scores of the scale
 * in force), the distribution over 1..scale, and SLA compliance. The arithmetic is the audit's
 * (`summarize`), so the dApp and the CLI publish the same numbers.
 */
import { formatShare } from "@support-quality/sdk";
import { summarize } from "@support-quality/sdk/audit";
import type { ChainStats } from "../../lib/standings";

export type { ChainStats };

export interface Summary {
  count: number;
  average: number;
  /** 0..1, or null without ratings. */
  csat: number | null;
  /** `distribution[i]` ratings of score i + 1, for 1..scale. */
  distribution: { score: number; count: number }[];
  slaMet: number;
  slaBreached: number;
  /** 0..1, or null when no rating had an SLA verdict. */
  slaCompliance: number | null;
  voided: number;
}

/** The aggregates of several agents taken together (what a desk's are: the sum of its agents'). */
export function sumStats(list: readonly ChainStats[]): ChainStats {
  const width = Math.max(0, ...list.map((s) => s.histogram.length));
  return {
    count: list.reduce((n, s) => n + s.count, 0n),
    sum: list.reduce((n, s) => n + s.sum, 0n),
    histogram: Array.from({ length: width }, (_, i) => list.reduce((n, s) => n + (s.histogram[i] ?? 0n), 0n)),
    slaMet: list.reduce((n, s) => n + s.slaMet, 0n),
    slaBreached: list.reduce((n, s) => n + s.slaBreached, 0n),
    voided: list.reduce((n, s) => n + s.voided, 0n),
  };
}

export function summarizeStats(stats: ChainStats, scale: number): Summary {
  const plain = {
    count: Number(stats.count),
    sum: Number(stats.sum),
    histogram: stats.histogram.map(Number),
    slaMet: Number(stats.slaMet),
    slaBreached: Number(stats.slaBreached),
    voided: Number(stats.voided),
  };
  const { average, csat } = summarize(plain, scale);
  const judged = plain.slaMet + plain.slaBreached;
  return {
    count: plain.count,
    average,
    csat: plain.count ? csat : null,
    distribution: Array.from({ length: scale }, (_, i) => ({ score: i + 1, count: plain.histogram[i] ?? 0 })),
    slaMet: plain.slaMet,
    slaBreached: plain.slaBreached,
    slaCompliance: judged ? plain.slaMet / judged : null,
    voided: plain.voided,
  };
}

/** The SDK's one percentage format ("88 %", "87.5 %", "—"), as on the Overview and in the CLIs. */
export const percent = (share: number | null) => formatShare(share);

export const averageText = (s: Summary) => (s.count ? s.average.toFixed(2) : "—");
