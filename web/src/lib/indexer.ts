/**
 * Where the dApp's lists come from: the protocol's indexer (indexer/, SQL over HTTP) when one is configured
 * (`VITE_INDEXER_URL`) and keeping up with the chain, else the chain itself through bounded, paged reads
 * (`@support-quality/sdk/logs`). Views the contracts answer directly (statusOf, stats, quorum) stay contract reads.
 */
import { type IndexRow, indexerChainCheck, indexerStatus, queryIndex } from "@support-quality/sdk/indexer";
import { useQuery } from "@tanstack/react-query";
import type { Client } from "viem";
import { getBlockNumber } from "viem/actions";
import { useClient } from "wagmi";
import { useProtocol } from "./useProtocol";

export const INDEXER_URL: string | undefined = import.meta.env.VITE_INDEXER_URL || undefined;

/** Blocks the index may trail the chain by and still be read (a block or two is normal polling delay). */
export const INDEX_LAG_TOLERANCE = 2;

export type IndexHealth =
  | { source: "index"; behind: number }
  | { source: "chain"; reason: "not-configured" }
  | { source: "chain"; reason: "unavailable" }
  | { source: "chain"; reason: "behind"; behind: number }
  /** The chain was reset or reverted under the index: its rows describe blocks the chain no longer has. */
  | { source: "chain"; reason: "reset" };

/** Whether the index at `url` serves `chainId` and keeps up with the chain `client` reads. */
export async function indexHealth(client: Client, chainId: number, url = INDEXER_URL): Promise<IndexHealth> {
  if (!url) return { source: "chain", reason: "not-configured" };
  const [status, head, check] = await Promise.all([indexerStatus(url), getBlockNumber(client, { cacheTime: 0 }), indexerChainCheck(url)]);
  if (!status || status.chainId !== chainId) return { source: "chain", reason: "unavailable" };
  // An index ahead of the chain, or vouching for block hashes the chain no longer has, holds another
  // chain's history (a local node restarted or reverted to a snapshot): never mix it in.
  if (check?.consistent === false || status.block > Number(head) + INDEX_LAG_TOLERANCE) return { source: "chain", reason: "reset" };
  const behind = Math.max(0, Number(head) - status.block);
  return behind <= INDEX_LAG_TOLERANCE ? { source: "index", behind } : { source: "chain", reason: "behind", behind };
}

/** The one sentence the dApp shows about its data source, or nothing when all is well. */
export function indexNotice(health: IndexHealth | undefined): string | undefined {
  if (!health || health.source === "index" || health.reason === "not-configured") return undefined;
  if (health.reason === "unavailable") return "Index unavailable: reading from the chain.";
  if (health.reason === "reset") return "The chain was reset under the index: reading from the chain until the index is rebuilt.";
  return `Showing chain data directly; the index is ${health.behind} block${health.behind === 1 ? "" : "s"} behind.`;
}

/** A read-only SQL query against the index (`$1`… placeholders). */
export type IndexQuery = (sql: string, params?: (string | number)[]) => Promise<IndexRow[]>;

/**
 * Reads from the index when it is healthy, else from the chain. A query that fails on the index falls back
 * to the chain too: the user sees data, and the notice says where it came from.
 */
export async function fromIndexOrChain<T>(
  client: Client,
  chainId: number,
  fromIndex: (query: IndexQuery) => Promise<T>,
  fromChain: () => Promise<T>,
): Promise<T> {
  const health = await indexHealth(client, chainId).catch((): IndexHealth => ({ source: "chain", reason: "unavailable" }));
  if (health.source === "index" && INDEXER_URL) {
    const url = INDEXER_URL;
    try {
      return await fromIndex((sql, params = []) => queryIndex(url, sql, params));
    } catch {
      // Fall through: the chain answers what the index could not.
    }
  }
  return fromChain();
}

/** The index's health, polled; drives the notice in the layout. */
export function useIndexHealth() {
  const { chainId } = useProtocol();
  const client = useClient({ chainId });
  return useQuery({
    queryKey: ["index-health", chainId, INDEXER_URL],
    enabled: !!client && !!INDEXER_URL,
    refetchInterval: 5_000,
    queryFn: () => indexHealth(client!, chainId),
  });
}
