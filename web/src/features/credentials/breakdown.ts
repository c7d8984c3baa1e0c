/**
 * A desk's ratings by credential level: for each level, the desk's agents who hold it now and their aggregates
 * taken together — computed from the agents' on-chain stats the desk profile already reads. An agent holding
 * two levels counts under both; agents holding none are a row of their own.
 */
import type { Address } from "viem";
import type { ChainStats } from "../agents/stats";
import { type Summary, summarizeStats, sumStats } from "../agents/stats";
import type { CredentialEntry, LevelEntry } from "./queries";

export interface BreakdownAgent {
  address: Address;
  handle: string;
  stats: ChainStats;
}

export interface LevelBreakdown {
  /** undefined: the agents who hold no credential in force. */
  levelId?: number;
  name: string;
  agents: BreakdownAgent[];
  summary: Summary;
}

export function breakdownByLevel(
  levels: readonly LevelEntry[],
  agents: readonly BreakdownAgent[],
  credentialsOf: ReadonlyMap<string, readonly CredentialEntry[]>,
  scale: number,
): LevelBreakdown[] {
  const heldBy = (agent: BreakdownAgent) =>
    new Set((credentialsOf.get(agent.address.toLowerCase()) ?? []).filter((c) => c.state === "valid").map((c) => c.levelId));
  const held = new Map(agents.map((a) => [a, heldBy(a)]));
  const row = (name: string, members: BreakdownAgent[], levelId?: number): LevelBreakdown => ({
    levelId,
    name,
    agents: members,
    summary: summarizeStats(sumStats(members.map((a) => a.stats)), scale),
  });
  return [
    ...levels.map((level) =>
      row(
        level.name,
        agents.filter((a) => held.get(a)!.has(level.levelId)),
        level.levelId,
      ),
    ),
    row(
      "No credential",
      agents.filter((a) => held.get(a)!.size === 0),
    ),
  ];
}
