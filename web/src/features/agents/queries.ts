/**
 * The reads behind the directory and the profiles. The directory comes from `lib/standings` (the index when
 * healthy, else contract views); one desk or agent always from the contract views; ratings, replies and
 * voids a page at a time, from the index or from bounded event reads. Query keys start
 * with "protocol" and list the contracts they read, so a transaction invalidates exactly these.
 */

import type { RatingTerms } from "@support-quality/sdk";
import {
  agentRegistryAbi,
  decodeRatingRulesParams,
  decodeSlaParams,
  isSelfSigned,
  type PolicyContent,
  PolicyKind,
  policyContentHash,
  policyRegistryAbi,
  ratingIdParts,
  type SlaParams,
  supportRatingsAbi,
} from "@support-quality/sdk";
import { getContractEventsBounded, MAX_LOG_RANGE } from "@support-quality/sdk/logs";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { type Address, type Client, getAddress, type Hex } from "viem";
import { getBlock, getBlockNumber, readContract } from "viem/actions";
import { useClient } from "wagmi";
import { agentHandles } from "../../lib/agentHandles";
import type { ProtocolDeployment } from "../../lib/contracts";
import { fromIndexOrChain, type IndexQuery } from "../../lib/indexer";
import { type AgentEntry, agentFromChain, type DeskEntry, deskFromChain, desksWithAgents } from "../../lib/standings";
import { useProtocol } from "../../lib/useProtocol";

export type { ChainStats } from "../../lib/standings";
export type { AgentEntry, DeskEntry };

export interface RatingEntry {
  ratingId: Hex;
  deskId: number;
  agent: Address;
  requester: Address;
  ticketId: bigint;
  /** The agent signed its own receipt: shown flagged, never counted in the desk-verified score. */
  selfSigned: boolean;
  score: number;
  tags: number;
  verdict: number;
  slaVersion: number;
  rulesVersion: number;
  comment: string;
  ratedAt: number;
  reply?: string;
  voidReason?: string;
}

function keyOf(deployment: ProtocolDeployment, name: string, ...rest: unknown[]) {
  const { AgentRegistry, SupportRatings, PolicyRegistry } = deployment.contracts;
  return ["protocol", name, [AgentRegistry, SupportRatings, PolicyRegistry].map((a) => a.toLowerCase()), deployment.chainId, ...rest];
}

function useProtocolClient() {
  const { chainId, deployment } = useProtocol();
  const client = useClient({ chainId });
  return { client, deployment };
}

/** Every desk with its agents and aggregates (the index when healthy, else the contract views). */
export function useDirectory() {
  const { client, deployment } = useProtocolClient();
  return useQuery({
    queryKey: keyOf(deployment, "directory"),
    enabled: !!client,
    queryFn: () => desksWithAgents(client!, deployment),
  });
}

/** Every desk's id, name and whether it was removed: what a desk picker needs (no agents, no aggregates). */
export function useDeskNames() {
  const { client, deployment } = useProtocolClient();
  return useQuery({
    queryKey: keyOf(deployment, "desk-names"),
    enabled: !!client,
    queryFn: async (): Promise<Pick<DeskEntry, "id" | "name" | "removed">[]> => {
      const { AgentRegistry } = deployment.contracts;
      const count = await readContract(client!, { address: AgentRegistry, abi: agentRegistryAbi, functionName: "deskCount" });
      return Promise.all(
        Array.from({ length: count }, async (_, i) => {
          const desk = await readContract(client!, { address: AgentRegistry, abi: agentRegistryAbi, functionName: "desk", args: [i + 1] });
          return { id: i + 1, name: desk.name, removed: desk.removedAt !== 0 };
        }),
      );
    },
  });
}

/** One desk. */
export function useDesk(deskId: number | undefined) {
  const { client, deployment } = useProtocolClient();
  return useQuery({
    queryKey: keyOf(deployment, "desk", deskId),
    enabled: !!client && deskId !== undefined && deskId > 0,
    queryFn: async () => deskFromChain(client!, deployment, deskId!, await agentHandles(client!, deployment)),
  });
}

/** One agent (status 0 when the address never was one). */
export function useAgent(address: Address | undefined) {
  const { client, deployment } = useProtocolClient();
  return useQuery({
    queryKey: keyOf(deployment, "agent", address?.toLowerCase()),
    enabled: !!client && !!address,
    queryFn: async () => {
      const names = await agentHandles(client!, deployment, address);
      return agentFromChain(client!, deployment, address!, names.get(address!.toLowerCase()) ?? "");
    },
  });
}

/** Ratings per page of a profile ("Load older ratings" asks for the next). */
export const RATINGS_PAGE = 10;

/** Where a page of ratings ends: the next page holds the ratings strictly older than this log position. */
export interface RatingsCursor {
  block: number;
  logIndex: number;
  /** From the chain: the replies and voids already read in newer blocks (a reply is always newer than its rating). */
  replies?: [Hex, string][];
  voids?: [Hex, string][];
}

export interface RatingsPage {
  entries: RatingEntry[];
  next?: RatingsCursor;
}

/**
 * Ratings of an agent or a desk, newest first, with the agent's reply and any void — a page at a time:
 * from the index (keyset paging on the log position), or from the chain, reading 10,000-block ranges back
 * from the head only until the page is full.
 */
export function useRatings(filter: { agent?: Address; deskId?: number }) {
  const { client, deployment } = useProtocolClient();
  return useInfiniteQuery({
    queryKey: keyOf(deployment, "ratings", filter.agent?.toLowerCase(), filter.deskId),
    enabled: !!client && (!!filter.agent || !!filter.deskId),
    initialPageParam: undefined as RatingsCursor | undefined,
    getNextPageParam: (last: RatingsPage) => last.next,
    queryFn: ({ pageParam }): Promise<RatingsPage> =>
      fromIndexOrChain(
        client!,
        deployment.chainId,
        (query) => ratingsPageFromIndex(query, filter, pageParam),
        () => ratingsPageFromChain(client!, deployment, filter, pageParam),
      ),
  });
}

const olderThan = (cursor: RatingsCursor | undefined, block: number, logIndex: number) =>
  !cursor || block < cursor.block || (block === cursor.block && logIndex < cursor.logIndex);

/** A page from the chain: ranges of at most 10,000 blocks, newest first, until the page is full. */
async function ratingsPageFromChain(
  client: Client,
  deployment: ProtocolDeployment,
  filter: { agent?: Address; deskId?: number },
  cursor: RatingsCursor | undefined,
): Promise<RatingsPage> {
  const base = { address: deployment.contracts.SupportRatings, abi: supportRatingsAbi } as const;
  const args = filter.agent ? { agent: filter.agent } : { deskId: filter.deskId };
  const replyOf = new Map(cursor?.replies);
  const voidOf = new Map(cursor?.voids);
  // Every reply and void newer than the cursor was read by the previous pages (a reply is always newer than
  // its rating); ratings at or below the cursor that a full page left out are read again and filtered.
  const first = Number(deployment.deploymentBlock);
  let to = cursor ? cursor.block : Number(await getBlockNumber(client, { cacheTime: 0 }));
  const rated: Awaited<ReturnType<typeof getContractEventsBounded<typeof supportRatingsAbi, "Rated">>> = [];
  while (rated.length <= RATINGS_PAGE && to >= first) {
    const range = { fromBlock: Math.max(first, to - Number(MAX_LOG_RANGE) + 1), toBlock: to };
    const [r, replies, voids] = await Promise.all([
      getContractEventsBounded(client, { ...base, ...range, eventName: "Rated", args }),
      getContractEventsBounded(client, { ...base, ...range, eventName: "RatingReplied", args }),
      getContractEventsBounded(client, { ...base, ...range, eventName: "RatingVoided", args }),
    ]);
    for (const l of replies) replyOf.set(l.args.ratingId!, l.args.reply!);
    for (const l of voids) voidOf.set(l.args.ratingId!, l.args.reason!);
    rated.push(...r.reverse().filter((log) => olderThan(cursor, Number(log.blockNumber), log.logIndex)));
    to = range.fromBlock - 1;
  }
  const page = rated.slice(0, RATINGS_PAGE);
  const blocks = [...new Set(page.map((log) => log.blockNumber))];
  const times = new Map(await Promise.all(blocks.map(async (b) => [b, Number((await getBlock(client, { blockNumber: b })).timestamp)] as const)));
  const entries = page.map((log): RatingEntry => {
    const a = log.args;
    return {
      ratingId: a.ratingId!,
      deskId: a.deskId!,
      agent: a.agent!,
      requester: a.requester!,
      ticketId: ratingIdParts(a.ratingId!).ticketId,
      selfSigned: isSelfSigned(a.ratingId!),
      score: a.score!,
      tags: a.tags!,
      verdict: a.verdict!,
      slaVersion: a.slaVersion!,
      rulesVersion: a.rulesVersion!,
      comment: a.comment!,
      ratedAt: times.get(log.blockNumber) ?? 0,
      reply: replyOf.get(a.ratingId!),
      voidReason: voidOf.get(a.ratingId!),
    };
  });
  const last = page.at(-1);
  return {
    entries,
    // One more rating than the page holds was found: there are older ones.
    next:
      rated.length > RATINGS_PAGE && last ? { block: Number(last.blockNumber), logIndex: last.logIndex, replies: [...replyOf], voids: [...voidOf] } : undefined,
  };
}

/** A page from the index's rating table (replies and voids already joined): keyset paging on (block, log_index). */
async function ratingsPageFromIndex(query: IndexQuery, filter: { agent?: Address; deskId?: number }, cursor: RatingsCursor | undefined): Promise<RatingsPage> {
  const columns =
    "id, desk_id, agent, requester, self_signed, score, tags, verdict, sla_version, rules_version, comment, time, reply, void_reason, block, log_index";
  const [where, key] = filter.agent ? ["agent = $1", filter.agent.toLowerCase()] : ["desk_id = $1", filter.deskId ?? 0];
  const older = cursor ? " and (block < $2 or (block = $2 and log_index < $3))" : "";
  const rows = await query(
    `select ${columns} from rating where ${where}${older} order by block desc, log_index desc limit ${RATINGS_PAGE + 1}`,
    cursor ? [key, cursor.block, cursor.logIndex] : [key],
  );
  const entries = rows.slice(0, RATINGS_PAGE).map((r) => ({
    ratingId: r.id as Hex,
    deskId: Number(r.desk_id),
    agent: getAddress(String(r.agent)),
    requester: getAddress(String(r.requester)),
    ticketId: ratingIdParts(r.id as Hex).ticketId,
    selfSigned: Boolean(r.self_signed),
    score: Number(r.score),
    tags: Number(r.tags),
    verdict: Number(r.verdict),
    slaVersion: Number(r.sla_version),
    rulesVersion: Number(r.rules_version),
    comment: String(r.comment),
    ratedAt: Number(r.time),
    reply: r.reply == null ? undefined : String(r.reply),
    voidReason: r.void_reason == null ? undefined : String(r.void_reason),
  }));
  const last = rows[RATINGS_PAGE - 1];
  return { entries, next: rows.length > RATINGS_PAGE && last ? { block: Number(last.block), logIndex: Number(last.log_index) } : undefined };
}

export interface RulesInForce {
  terms: RatingTerms;
  /** Tag names of the rating-rules version, by bit. */
  tags: string[];
  /** Ticket category names of the rating-rules version (a receipt's category is 1 + an index). */
  categories: string[];
  /** The SLA version's typed parameters (targets, business-hours priorities and calendars). */
  slaParams?: SlaParams;
  rulesText?: string;
  slaText?: string;
}

/** The rating terms in force at `timepoint` (now when undefined) with the texts and tag names behind them. */
export function useRulesAt(timepoint: number | undefined) {
  const { client, deployment } = useProtocolClient();
  return useQuery({
    queryKey: keyOf(deployment, "rules", timepoint ?? "now"),
    enabled: !!client,
    queryFn: async (): Promise<RulesInForce> => {
      const { PolicyRegistry } = deployment.contracts;
      const at = timepoint ?? Number((await getBlock(client!)).timestamp);
      const terms = await readContract(client!, { address: PolicyRegistry, abi: policyRegistryAbi, functionName: "ratingTermsAt", args: [at] });
      // A version's text and parameters: from the index when it is healthy, kept only if they hash to the content
      // hash the registry stores for that version; else from its PolicyPublished event.
      const text = async (kind: number, version: number): Promise<PolicyContent | undefined> => {
        if (version === 0) return undefined;
        const policyId = await readContract(client!, { address: PolicyRegistry, abi: policyRegistryAbi, functionName: "policyOfKind", args: [kind] });
        return fromIndexOrChain(
          client!,
          deployment.chainId,
          async (query) => {
            const [row] = await query("select content from policy_version where policy_id = $1 and version = $2", [Number(policyId), version]);
            const content = row?.content as PolicyContent | undefined;
            const stored = await readContract(client!, {
              address: PolicyRegistry,
              abi: policyRegistryAbi,
              functionName: "version",
              args: [policyId, BigInt(version)],
            });
            if (!content || policyContentHash(kind, content) !== stored.contentHash) throw new Error("the index's version does not match its on-chain hash");
            return content;
          },
          async () => {
            const [log] = await getContractEventsBounded(client!, {
              address: PolicyRegistry,
              abi: policyRegistryAbi,
              eventName: "PolicyPublished",
              args: { policyId, version: BigInt(version) },
              fromBlock: deployment.deploymentBlock,
            });
            return log?.args.content;
          },
        );
      };
      const [rules, sla] = await Promise.all([text(PolicyKind.RatingRules, terms.rulesVersion), text(PolicyKind.SLA, terms.slaVersion)]);
      let tags: string[] = [];
      let categories: string[] = [];
      if (rules?.params && rules.params !== "0x") {
        const decoded = decodeRatingRulesParams(rules.params);
        tags = [...decoded.tags];
        categories = [...(decoded.categories ?? [])];
      }
      const slaParams = sla?.params && sla.params !== "0x" ? decodeSlaParams(sla.params) : undefined;
      return {
        terms: { ...terms, effectiveFrom: Number(terms.effectiveFrom) },
        tags,
        categories,
        slaParams,
        rulesText: rules?.text,
        slaText: sla?.text,
      };
    },
  });
}
