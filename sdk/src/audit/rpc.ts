/**
 * Reading a long history from any JSON-RPC provider: logs in bounded block ranges (public RPCs cap
 * `eth_getLogs` by blocks or results), halving a range the provider refuses as too large, retrying
 * transient failures with backoff, and block timestamps fetched once per block, in parallel.
 */
import { type Address, BaseError, type Hex } from "viem";
import { errorText, isRangeTooLarge } from "../logs/refusals.js";

export { isRangeTooLarge };

/** The one capability the audit needs from a client: a raw EIP-1193 request. */
export interface RpcClient {
  // Method syntax: any viem client, wagmi's client or a raw EIP-1193 provider fits.
  request(args: { method: string; params?: unknown }): Promise<unknown>;
}

/** A log as `eth_getLogs` returns it (hex quantities). */
export interface RawLog {
  address: Address;
  topics: Hex[];
  data: Hex;
  blockNumber: Hex;
  blockHash: Hex;
  transactionHash: Hex;
  logIndex: Hex;
  blockTimestamp?: Hex;
  removed?: boolean;
}

/** A failure the audit explains in one sentence; `partial` holds what was read before it. */
export class AuditError extends Error {
  constructor(
    message: string,
    readonly partial?: { logs: RawLog[]; lastBlock: number },
  ) {
    super(message);
    this.name = "AuditError";
  }
}

export interface RetryOptions {
  /** Attempts after the first one for a transient failure. */
  retries: number;
  /** First backoff delay in ms; doubles on every attempt. */
  baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { retries: 5, baseDelayMs: 250 };

/** A failure worth retrying: the network, a timeout, rate limiting or a 5xx. */
export function isTransient(error: unknown): boolean {
  return /fetch failed|socket|timed? ?out|econnreset|econnrefused|etimedout|network|rate limit|status: (429|5\d\d)|code 429|http request failed|temporarily|unavailable|closed/.test(
    errorText(error),
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn`, retrying transient failures with exponential backoff. */
export async function withRetry<T>(fn: () => Promise<T>, retry: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= retry.retries || !isTransient(error) || isRangeTooLarge(error)) throw error;
      await sleep(retry.baseDelayMs * 2 ** attempt);
    }
  }
}

/** Runs `tasks` with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>) {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  });
  await Promise.all(workers);
  return results;
}

const hex = (n: number): Hex => `0x${n.toString(16)}`;

export interface FetchLogsOptions {
  addresses: readonly Address[];
  fromBlock: number;
  toBlock: number;
  /** Blocks per `eth_getLogs` request (default 10,000). */
  rangeSize?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  retry?: RetryOptions;
  onProgress?: (doneBlocks: number, totalBlocks: number, logs: number) => void;
}

/**
 * Every log of `addresses` in `[fromBlock, toBlock]`, in chain order. On a failure it cannot retry,
 * throws an {AuditError} carrying the logs of the contiguous prefix already read (for a resumable cache).
 */
export async function fetchLogs(client: RpcClient, options: FetchLogsOptions): Promise<RawLog[]> {
  const { addresses, fromBlock, toBlock } = options;
  const rangeSize = Math.max(1, options.rangeSize ?? 10_000);
  const retry = options.retry ?? DEFAULT_RETRY;
  const totalBlocks = Math.max(0, toBlock - fromBlock + 1);
  const ranges: [number, number][] = [];
  for (let start = fromBlock; start <= toBlock; start += rangeSize) {
    ranges.push([start, Math.min(toBlock, start + rangeSize - 1)]);
  }
  const chunks: (RawLog[] | undefined)[] = new Array(ranges.length);
  let doneBlocks = 0;
  let logCount = 0;

  const getRange = async (from: number, to: number): Promise<RawLog[]> => {
    try {
      const logs = (await withRetry(
        () =>
          client.request({
            method: "eth_getLogs",
            params: [{ address: addresses, fromBlock: hex(from), toBlock: hex(to) }],
          }),
        retry,
      )) as RawLog[];
      doneBlocks += to - from + 1;
      logCount += logs.length;
      options.onProgress?.(doneBlocks, totalBlocks, logCount);
      return logs;
    } catch (error) {
      // The provider caps results or blocks per request: split the range and read both halves.
      if (to > from && isRangeTooLarge(error)) {
        const middle = Math.floor((from + to) / 2);
        const first = await getRange(from, middle);
        const second = await getRange(middle + 1, to);
        return first.concat(second);
      }
      throw error;
    }
  };

  try {
    await mapLimit(ranges, options.concurrency ?? 4, async ([from, to], index) => {
      chunks[index] = await getRange(from, to);
    });
  } catch (error) {
    const prefix: RawLog[] = [];
    let lastBlock = fromBlock - 1;
    for (let i = 0; i < ranges.length && chunks[i]; i++) {
      prefix.push(...chunks[i]!);
      lastBlock = ranges[i][1];
    }
    throw new AuditError(`The RPC failed while reading logs after block ${lastBlock}: ${describeRpcError(error)}`, {
      logs: prefix,
      lastBlock,
    });
  }
  return chunks.flatMap((chunk) => chunk ?? []).filter((log) => !log.removed);
}

/** The timestamp of every block in `blocks`, each fetched once, in parallel. */
export async function fetchTimestamps(
  client: RpcClient,
  blocks: readonly number[],
  options: { concurrency?: number; retry?: RetryOptions; known?: Map<number, number> } = {},
): Promise<Map<number, number>> {
  const times = new Map(options.known ?? []);
  const missing = [...new Set(blocks)].filter((b) => !times.has(b));
  await mapLimit(missing, options.concurrency ?? 32, async (block) => {
    const result = (await withRetry(() => client.request({ method: "eth_getBlockByNumber", params: [hex(block), false] }), options.retry ?? DEFAULT_RETRY)) as {
      timestamp: Hex;
    } | null;
    if (!result) throw new AuditError(`The RPC does not know block ${block}.`);
    times.set(block, Number(result.timestamp));
  });
  return times;
}

/** One short sentence for an RPC failure (no stack, no request dump). */
export function describeRpcError(error: unknown): string {
  if (error instanceof AuditError) return error.message;
  const text = errorText(error);
  if (/econnrefused|fetch failed|http request failed|enotfound|socket/.test(text)) return "the RPC cannot be reached.";
  if (/timed? ?out/.test(text)) return "the RPC timed out.";
  if (error instanceof BaseError) return `${error.shortMessage.replace(/\.$/, "")}.`;
  if (error instanceof Error) return `${error.message.split("\n")[0].replace(/\.$/, "")}.`;
  return "unknown error.";
}
