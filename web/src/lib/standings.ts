/**
 * Every desk with its agents and the aggregates SupportRatings keeps for them (`deskStats`, `agentStats`):
 * what the Agents directory, the desk console and the Overview's leaderboard show. From the index when it is
 * healthy — two queries, whatever the number of agents (its aggregates are tested equal to the contract
 * views) — else from the contract views themselves, one call per desk and agent (slow at a thousand agents:
 * that is what the index is for).
 * Screens that answer for one agent (Verify, the agent profile) keep reading the contracts.
 */
import {
  agentRegistry_agent,
  agentRegistry_desk,
  agentRegistry_deskAgents,
  agentRegistry_deskCount,
  displayHandle,
  supportRatings_agentStats,
  supportRatings_deskStats,
} from "@support-quality/sdk";
import type { IndexRow } from "@support-quality/sdk/indexer";
import { type Address, type Client, getAddress } from "viem";
import { readContract } from "viem/actions";
import { agentHandles } from "./agentHandles";
import type { ProtocolDeployment } from "./contracts";
import { fromIndexOrChain, type IndexQuery } from "./indexer";

/** SupportRatings.Stats as viem returns it. */
export interface ChainStats {
  count: bigint;
  sum: bigint;
  histogram: readonly bigint[];
  slaMet: bigint;
  slaBreached: bigint;
  voided: bigint;
}

export interface AgentEntry {
  address: Address;
  /** The handle as displayed ("@maya.ledgerly"), or "" when unknown. */
  handle: string;
  deskId: number;
  /** AgentStatus: 1 active, 2 suspended, 3 removed. */
  status: number;
  /** AgentKind: a human agent, an AI assistant or a community helper. */
  kind: number;
  stats: ChainStats;
}

export interface DeskEntry {
  id: number;
  name: string;
  selfSigning: boolean;
  /** A community desk: volunteer helpers who sign their own receipts. */
  community: boolean;
  removed: boolean;
  stats: ChainStats;
  agents: AgentEntry[];
}

const registry = [agentRegistry_deskCount, agentRegistry_desk, agentRegistry_deskAgents, agentRegistry_agent] as const;
const ratings = [supportRatings_deskStats, supportRatings_agentStats] as const;

/** Every desk, in id order, with its agents in the order the registry added them. */
export function desksWithAgents(client: Client, deployment: ProtocolDeployment): Promise<DeskEntry[]> {
  return fromIndexOrChain(client, deployment.chainId, desksFromIndex, () => desksFromChain(client, deployment));
}

const STATS = "count, sum, histogram, sla_met, sla_breached, voided";

const statsOf = (row: IndexRow): ChainStats => ({
  count: BigInt(Number(row.count)),
  sum: BigInt(Number(row.sum)),
  histogram: (row.histogram as number[]).map((n) => BigInt(n)),
  slaMet: BigInt(Number(row.sla_met)),
  slaBreached: BigInt(Number(row.sla_breached)),
  voided: BigInt(Number(row.voided)),
});

async function desksFromIndex(query: IndexQuery): Promise<DeskEntry[]> {
  const [desks, agents] = await Promise.all([
    query(`select id, name, self_signing, community, removed_at, ${STATS} from desk order by id`),
    query(`select id, desk_id, handle, status, kind, ${STATS} from agent order by desk_id, added_block, added_log_index`),
  ]);
  const byDesk = new Map<number, AgentEntry[]>();
  for (const row of agents) {
    const deskId = Number(row.desk_id);
    const entry: AgentEntry = {
      address: getAddress(String(row.id)),
      handle: displayHandle(String(row.handle)),
      deskId,
      status: Number(row.status),
      kind: Number(row.kind),
      stats: statsOf(row),
    };
    byDesk.set(deskId, [...(byDesk.get(deskId) ?? []), entry]);
  }
  return desks.map((row) => ({
    id: Number(row.id),
    name: String(row.name),
    selfSigning: Boolean(row.self_signing),
    community: Boolean(row.community),
    removed: row.removed_at != null,
    stats: statsOf(row),
    agents: byDesk.get(Number(row.id)) ?? [],
  }));
}

async function desksFromChain(client: Client, deployment: ProtocolDeployment): Promise<DeskEntry[]> {
  const [count, names] = await Promise.all([
    readContract(client, { address: deployment.contracts.AgentRegistry, abi: registry, functionName: "deskCount" }),
    agentHandles(client, deployment),
  ]);
  return Promise.all(Array.from({ length: count }, (_, i) => deskFromChain(client, deployment, i + 1, names)));
}

/** One desk from the contract views (`names`: lower-cased address → handle). */
export async function deskFromChain(client: Client, deployment: ProtocolDeployment, id: number, names: Map<string, string>): Promise<DeskEntry> {
  const { AgentRegistry, SupportRatings } = deployment.contracts;
  const [desk, agents, stats] = await Promise.all([
    readContract(client, { address: AgentRegistry, abi: registry, functionName: "desk", args: [id] }),
    readContract(client, { address: AgentRegistry, abi: registry, functionName: "deskAgents", args: [id] }),
    readContract(client, { address: SupportRatings, abi: ratings, functionName: "deskStats", args: [id] }),
  ]);
  return {
    id,
    name: desk.name,
    selfSigning: desk.selfSigning,
    community: desk.community,
    removed: desk.removedAt !== 0,
    stats,
    agents: await Promise.all(agents.map((a) => agentFromChain(client, deployment, a, names.get(a.toLowerCase()) ?? ""))),
  };
}

/** One agent from the contract views (status 0 when the address never was one). */
export async function agentFromChain(client: Client, deployment: ProtocolDeployment, address: Address, handle: string): Promise<AgentEntry> {
  const { AgentRegistry, SupportRatings } = deployment.contracts;
  const [record, stats] = await Promise.all([
    readContract(client, { address: AgentRegistry, abi: registry, functionName: "agent", args: [address] }),
    readContract(client, { address: SupportRatings, abi: ratings, functionName: "agentStats", args: [address] }),
  ]);
  return { address, handle, deskId: record.deskId, status: record.status, kind: record.kind, stats };
}
