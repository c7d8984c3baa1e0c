/**
 * The audit: read every event of the protocol from its deployment block, decode it into a timeline,
 * recompute every published aggregate and compare it with on-chain state. One module for the CLI
 * (scripts/audit.ts) and the dApp's Audit page; it needs only an EIP-1193 `request` function.
 */

import { queryIndex } from "../indexer/client.js";
import { compareIndexTable, expectedIndex, INDEX_TABLES, type IndexTableName, indexTableQuery } from "./indexer.js";
import { AuditError, fetchLogs, fetchTimestamps, type RawLog, type RetryOptions, type RpcClient } from "./rpc.js";
import { type Abis, createDecoder, deploymentAddresses } from "./timeline.js";
import type { AuditReport, Deployment, Progress, TimelineRow } from "./types.js";
import { verifyTimeline } from "./verify.js";

export { CONTRACT_NAMES } from "../deployments.js";
export { type DescribedField, describeFields, describeRow, fieldName, type RowKind, rowKind, shortId } from "./describe.js";
export { type CategoryFeedback, type FeedbackOptions, type FeedbackReport, feedbackCsv, feedbackReport, feedbackSlaCsv, type SlaFeedback } from "./feedback.js";
export { canon, compareIndexTable, type ExpectedTable, expectedIndex, INDEX_TABLES, type IndexTableName, indexTableQuery } from "./indexer.js";
export { diffStats, emptyStats, recompute, summarize } from "./recompute.js";
export { AuditError, describeRpcError, fetchLogs, fetchTimestamps, type RawLog, type RpcClient } from "./rpc.js";
export { type Abis, CSV_HEADER, createDecoder, type TimelineFile, toCsv, toJson, toJsonFile } from "./timeline.js";
export * from "./types.js";
export { verifyTimeline } from "./verify.js";

export interface ReadOptions {
  /** Defaults to the deployment block. */
  fromBlock?: number;
  /** Defaults to the latest block. */
  toBlock?: number;
  /** Blocks per `eth_getLogs` request (default 10,000). */
  rangeSize?: number;
  concurrency?: number;
  retry?: RetryOptions;
  onProgress?: (progress: Progress) => void;
  /** Logs already read (a resumable cache) up to and including `resume.lastBlock`. */
  resume?: { logs: RawLog[]; lastBlock: number; timestamps?: Map<number, number> };
  /** ABIs to decode events with; defaults to the protocol's generated ABIs. */
  abis?: Abis;
}

export interface Timeline {
  fromBlock: number;
  toBlock: number;
  rows: TimelineRow[];
  logs: RawLog[];
  timestamps: Map<number, number>;
}

/** Checks that the RPC serves the deployment's chain; returns the latest block. */
export async function checkChain(client: RpcClient, deployment: Deployment): Promise<number> {
  const chainId = Number(await client.request({ method: "eth_chainId" }));
  if (chainId !== deployment.chainId) {
    throw new AuditError(`The RPC serves chain ${chainId}, but the deployments file is for chain ${deployment.chainId}.`);
  }
  return Number(await client.request({ method: "eth_blockNumber" }));
}

/** Reads and decodes every event of the deployment in `[fromBlock, toBlock]`. */
export async function readTimeline(client: RpcClient, deployment: Deployment, options: ReadOptions = {}): Promise<Timeline> {
  const latest = await checkChain(client, deployment);
  const fromBlock = options.fromBlock ?? deployment.deploymentBlock;
  const toBlock = options.toBlock ?? latest;
  if (toBlock > latest) throw new AuditError(`Block ${toBlock} is beyond the chain's latest block ${latest}.`);
  if (fromBlock > toBlock) throw new AuditError(`The range is empty: from block ${fromBlock} is after to block ${toBlock}.`);

  const resumeFrom = options.resume && options.resume.lastBlock >= fromBlock ? options.resume.lastBlock + 1 : fromBlock;
  const previous = resumeFrom > fromBlock ? options.resume!.logs : [];
  const progress = (p: Omit<Progress, "totalBlocks"> & { totalBlocks?: number }) => options.onProgress?.({ totalBlocks: toBlock - fromBlock + 1, ...p });

  let fresh: RawLog[] = [];
  if (resumeFrom <= toBlock) {
    try {
      fresh = await fetchLogs(client, {
        addresses: deploymentAddresses(deployment),
        fromBlock: resumeFrom,
        toBlock,
        rangeSize: options.rangeSize,
        concurrency: options.concurrency,
        retry: options.retry,
        onProgress: (done, _total, logs) => progress({ phase: "logs", doneBlocks: resumeFrom - fromBlock + done, logs: previous.length + logs }),
      });
    } catch (error) {
      // Hand the caller everything read so far, resume point included, so a rerun continues from it.
      if (error instanceof AuditError && error.partial) {
        throw new AuditError(error.message, { logs: previous.concat(error.partial.logs), lastBlock: error.partial.lastBlock });
      }
      throw error;
    }
  }
  const logs = previous.concat(fresh);

  // Providers that return `blockTimestamp` on logs spare one request per block.
  const known = new Map(options.resume?.timestamps ?? []);
  for (const log of logs) if (log.blockTimestamp) known.set(Number(log.blockNumber), Number(log.blockTimestamp));
  progress({ phase: "timestamps", doneBlocks: toBlock - fromBlock + 1, logs: logs.length });
  const timestamps = await fetchTimestamps(
    client,
    logs.map((log) => Number(log.blockNumber)),
    { known, retry: options.retry, concurrency: 32 },
  );

  const decode = createDecoder(deployment, options.abis);
  const rows = logs.map((log) => decode(log, timestamps.get(Number(log.blockNumber))!));
  return { fromBlock, toBlock, rows, logs, timestamps };
}

/** Reads the whole timeline and verifies it against on-chain state at its last block. */
export async function runAudit(client: RpcClient, deployment: Deployment, options: ReadOptions = {}): Promise<{ timeline: Timeline; report: AuditReport }> {
  const timeline = await readTimeline(client, deployment, options);
  const totalBlocks = timeline.toBlock - timeline.fromBlock + 1;
  const report = await verifyTimeline(client, deployment, timeline.rows, {
    blockNumber: timeline.toBlock,
    fromBlock: timeline.fromBlock,
    retry: options.retry,
    onProgress: () => options.onProgress?.({ phase: "state", doneBlocks: totalBlocks, totalBlocks, logs: timeline.rows.length }),
  });
  return { timeline, report };
}

/** The report as lines of text (the CLI prints them; the page shows the same verdicts as a table). */
export function formatReport(report: AuditReport): string[] {
  const lines = [`Chain ${report.chainId}, blocks ${report.fromBlock}–${report.toBlock}: ${report.events} events.`];
  if (!report.verified) {
    lines.push("Not verified: the range does not start at the deployment block, so aggregates cannot be recomputed.");
    return lines;
  }
  const okAgents = report.agents.filter((a) => a.mismatches.length === 0).length;
  const okDesks = report.desks.filter((d) => d.mismatches.length === 0).length;
  const okPolicies = report.policies.filter((p) => p.mismatches.length === 0).length;
  lines.push(`Agents:   ${okAgents}/${report.agents.length} match on-chain aggregates.`);
  lines.push(`Desks:    ${okDesks}/${report.desks.length} match on-chain aggregates.`);
  lines.push(`Policies: ${okPolicies}/${report.policies.length} version chains match.`);
  const okArticles = report.articles.filter((a) => a.mismatches.length === 0).length;
  const votes = report.articles.reduce((n, a) => n + a.versions.reduce((m, v) => m + v.helpful + v.notHelpful, 0), 0);
  lines.push(`Help articles: ${okArticles}/${report.articles.length} version chains, content hashes and helpful counts (${votes} votes) match.`);
  const okEpochs = report.rewards.filter((r) => r.mismatches.length === 0).length;
  lines.push(`Reward epochs: ${okEpochs}/${report.rewards.length} Merkle roots recomputed from the ratings match.`);
  if (report.mismatches.length === 0) lines.push("OK: every aggregate and policy chain recomputed from events matches the contracts.");
  else {
    lines.push(`MISMATCH: ${report.mismatches.length} problem(s):`);
    for (const m of report.mismatches) lines.push(`  - ${m}`);
  }
  return lines;
}

/**
 * Compares every table of the index at `indexerUrl` with the rows replayed from `timeline` (read from the
 * chain up to the block the index holds). Returns one sentence per mismatch, naming table, row and column.
 */
export async function auditIndex(indexerUrl: string, timeline: readonly TimelineRow[]): Promise<string[]> {
  const expected = expectedIndex(timeline);
  const mismatches: string[] = [];
  const nonce = `${Date.now()}-${Math.random()}`;
  for (const table of Object.keys(INDEX_TABLES) as IndexTableName[]) {
    const rows = await queryIndex(indexerUrl, indexTableQuery(table), [nonce]);
    mismatches.push(...compareIndexTable(table, expected[table], rows));
  }
  return mismatches;
}
