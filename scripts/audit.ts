/**
 * `npm run audit -- --rpc <url> [--deployments <file>] [--out <dir>] [--from-block N] [--to-block N]
 *                   [--range-size N] [--retries N] [--verify-file <timeline.json>] [--no-cache] [--indexer <url>]`
 *
 * Reads every event of the protocol from its deployment block in bounded block ranges, writes
 * `timeline.json` and `timeline.csv`, recomputes every agent's and desk's aggregates and every policy's
 * version chain from the events, compares them with on-chain state and prints a report.
 * `--verify-file` checks an existing export against the chain instead of reading the logs again.
 *
 * `--indexer <url>` also compares every table of a Ponder index (indexer/) with the rows replayed from the
 * chain's events, up to the block the index holds, naming each mismatched row.
 *
 * Exit codes: 0 everything matches, 1 a mismatch, 2 bad input or an RPC failure (one line on stderr).
 * Files are written to a temporary name and renamed, so a failed run never leaves a file that looks
 * complete. Logs read are cached in `<out>/.audit-cache.json`, so an interrupted run resumes.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import {
  AuditError,
  type AuditReport,
  auditIndex,
  CONTRACT_NAMES,
  checkChain,
  type Deployment,
  describeRpcError,
  feedbackCsv,
  feedbackReport,
  feedbackSlaCsv,
  formatReport,
  type Progress,
  type RawLog,
  type RpcClient,
  runAudit,
  type TimelineFile,
  toCsv,
  toJsonFile,
  verifyTimeline,
} from "@support-quality/sdk/audit";
import { IndexerError, indexerStatus } from "@support-quality/sdk/indexer";
import { createPublicClient, http, isAddress } from "viem";

const CLI_OPTIONS = {
  rpc: { type: "string" },
  deployments: { type: "string" },
  out: { type: "string", default: "audit-out" },
  "from-block": { type: "string" },
  "to-block": { type: "string" },
  "range-size": { type: "string", default: "10000" },
  "verify-file": { type: "string" },
  retries: { type: "string", default: "5" },
  "no-cache": { type: "boolean", default: false },
  indexer: { type: "string" },
  help: { type: "boolean", default: false },
} as const;

export const EXIT = { ok: 0, mismatch: 1, error: 2 } as const;

const USAGE =
  "usage: npm run audit -- --rpc <url> [--deployments <file>] [--out <dir>] [--from-block N] [--to-block N] [--range-size N] [--retries N] [--verify-file <timeline.json>] [--no-cache] [--indexer <url>]";

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Draws the progress bar when set (stderr is a terminal). */
  progress?: (text: string) => void;
}

interface CacheFile {
  chainId: number;
  contracts: Record<string, string>;
  fromBlock: number;
  lastBlock: number;
  logs: RawLog[];
}

/** Writes `file` whole or not at all. */
async function writeAtomic(file: string, content: string) {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, content);
  await rename(temp, file);
}

function integer(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new AuditError(`${flag} must be a non-negative whole number, not "${value}".`);
  return Number(value);
}

async function readJson(file: string, what: string): Promise<unknown> {
  if (!existsSync(file)) throw new AuditError(`The ${what} ${file} does not exist.`);
  try {
    return JSON.parse(await readFile(file, "utf8"));
  } catch {
    throw new AuditError(`The ${what} ${file} is not valid JSON.`);
  }
}

async function loadDeployment(file: string): Promise<Deployment> {
  const d = (await readJson(file, "deployments file")) as Partial<Deployment>;
  const valid =
    d &&
    Number.isInteger(d.chainId) &&
    Number.isInteger(d.deploymentBlock) &&
    d.contracts &&
    CONTRACT_NAMES.every((name) => typeof d.contracts?.[name] === "string" && isAddress(d.contracts[name]));
  if (!valid) throw new AuditError(`The deployments file ${file} lacks a chain id, a deployment block or a contract address.`);
  return d as Deployment;
}

async function loadCache(file: string, client: RpcClient, deployment: Deployment, fromBlock: number) {
  if (!existsSync(file)) return undefined;
  try {
    const cache = JSON.parse(await readFile(file, "utf8")) as CacheFile;
    const same =
      cache.chainId === deployment.chainId && cache.fromBlock === fromBlock && JSON.stringify(cache.contracts) === JSON.stringify(deployment.contracts);
    const anchor = cache.logs.at(-1);
    if (!same || !anchor) return undefined;
    // A restarted local chain reuses chain id and addresses: the last cached log's block hash tells them apart.
    const block = (await client.request({ method: "eth_getBlockByNumber", params: [anchor.blockNumber, false] })) as { hash: string } | null;
    return block?.hash === anchor.blockHash ? cache : undefined;
  } catch {
    return undefined; // an unreadable cache is only a slower run
  }
}

/** Saves the logs read so far. Needs no RPC call: the RPC may be what just died. */
async function saveCache(file: string, deployment: Deployment, fromBlock: number, logs: RawLog[], lastBlock: number) {
  if (lastBlock < fromBlock || logs.length === 0) return;
  const cache: CacheFile = { chainId: deployment.chainId, contracts: deployment.contracts, fromBlock, lastBlock, logs };
  await writeAtomic(file, JSON.stringify(cache));
}

function progressLine(p: Progress): string {
  const width = 30;
  const share = p.totalBlocks ? p.doneBlocks / p.totalBlocks : 1;
  const filled = Math.round(share * width);
  const label = p.phase === "logs" ? "reading logs" : p.phase === "timestamps" ? "block times " : "on-chain state";
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${Math.round(share * 100)}% ${label} — blocks ${p.doneBlocks}/${p.totalBlocks}, ${p.logs} events`;
}

/**
 * Runs the CLI with `argv`; returns the exit code. `client` replaces the `--rpc` transport (the tests
 * pass the in-process network's EIP-1193 provider).
 */
export async function runCli(argv: string[], options: { client?: RpcClient; io?: Io } = {}): Promise<number> {
  const io: Io = options.io ?? {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    progress: process.stderr.isTTY ? (text) => process.stderr.write(`\r${text}\x1b[K`) : undefined,
  };
  try {
    let values: ReturnType<typeof parseArgs<{ options: typeof CLI_OPTIONS; strict: true }>>["values"];
    try {
      ({ values } = parseArgs({
        args: argv,
        options: CLI_OPTIONS,
        strict: true,
      }));
    } catch (error) {
      throw new AuditError(`${(error as Error).message.split("\n")[0]} — ${USAGE}`);
    }
    if (values.help) {
      io.out(USAGE);
      return EXIT.ok;
    }
    const rangeSize = integer(values["range-size"], "--range-size")!;
    if (rangeSize < 1) throw new AuditError("--range-size must be at least 1.");
    const fromBlock = integer(values["from-block"], "--from-block");
    const retry = { retries: integer(values.retries, "--retries")!, baseDelayMs: 250 };
    let toBlock = integer(values["to-block"], "--to-block");
    if (values.indexer && (values["verify-file"] || fromBlock !== undefined || toBlock !== undefined)) {
      throw new AuditError("--indexer compares the whole history up to the index's block: drop --verify-file, --from-block and --to-block.");
    }

    let client = options.client;
    if (!client) {
      if (!values.rpc) throw new AuditError(`--rpc <url> is required. ${USAGE}`);
      let url: URL;
      try {
        url = new URL(values.rpc);
      } catch {
        throw new AuditError(`--rpc "${values.rpc}" is not a URL.`);
      }
      // viem's own retries are off: the audit retries with its own backoff and range halving.
      client = createPublicClient({ transport: http(url.toString(), { retryCount: 0, timeout: 30_000, batch: { batchSize: 100 } }) });
    }

    let chainId: number;
    try {
      chainId = Number(await client.request({ method: "eth_chainId" }));
    } catch (error) {
      throw new AuditError(`Cannot reach the RPC${values.rpc ? ` at ${values.rpc}` : ""}: ${describeRpcError(error)}`);
    }
    const deploymentFile = values.deployments ?? path.join("deployments", `${chainId}.json`);
    const deployment = await loadDeployment(deploymentFile);
    await checkChain(client, deployment);
    const outDir = values.out;
    await mkdir(outDir, { recursive: true });
    if (values.indexer) {
      const status = await indexerStatus(values.indexer);
      if (!status) throw new AuditError(`The index at ${values.indexer} does not answer (is it running?).`);
      if (status.chainId !== deployment.chainId)
        throw new AuditError(`The index at ${values.indexer} holds chain ${status.chainId}, not ${deployment.chainId}.`);
      toBlock = status.block;
    }
    let indexMismatches: string[] = [];

    let report: AuditReport;
    if (values["verify-file"]) {
      const file = (await readJson(values["verify-file"], "timeline file")) as TimelineFile;
      if (!file || !Array.isArray(file.rows) || !Number.isInteger(file.toBlock)) {
        throw new AuditError(`The timeline file ${values["verify-file"]} is not an audit export.`);
      }
      if (file.chainId !== deployment.chainId) {
        throw new AuditError(`The timeline file is for chain ${file.chainId}, the deployments file for chain ${deployment.chainId}.`);
      }
      report = await verifyTimeline(client, deployment, file.rows, { blockNumber: file.toBlock, fromBlock: file.fromBlock, retry });
    } else {
      const start = fromBlock ?? deployment.deploymentBlock;
      const cacheFile = path.join(outDir, ".audit-cache.json");
      const resume = values["no-cache"] ? undefined : await loadCache(cacheFile, client, deployment, start);
      let result: Awaited<ReturnType<typeof runAudit>>;
      try {
        result = await runAudit(client, deployment, {
          fromBlock,
          toBlock,
          rangeSize,
          retry,
          resume: resume && { logs: resume.logs, lastBlock: resume.lastBlock },
          onProgress: io.progress && ((p) => io.progress!(progressLine(p))),
        });
      } catch (error) {
        if (error instanceof AuditError && error.partial && !values["no-cache"]) {
          await saveCache(cacheFile, deployment, start, error.partial.logs, error.partial.lastBlock);
        }
        throw error;
      } finally {
        if (io.progress) io.progress("");
      }
      const { timeline } = result;
      report = result.report;
      const file: TimelineFile = {
        chainId: deployment.chainId,
        fromBlock: timeline.fromBlock,
        toBlock: timeline.toBlock,
        contracts: deployment.contracts,
        rows: timeline.rows,
      };
      await writeAtomic(path.join(outDir, "timeline.json"), toJsonFile(file));
      await writeAtomic(path.join(outDir, "timeline.csv"), toCsv(timeline.rows));
      // Per-category feedback of the whole protocol, from the same verified events (`npm run feedback` filters it).
      const feedback = feedbackReport(timeline.rows);
      await writeAtomic(path.join(outDir, "feedback.csv"), feedbackCsv(feedback));
      await writeAtomic(path.join(outDir, "feedback-sla.csv"), feedbackSlaCsv(feedback));
      await writeAtomic(path.join(outDir, "report.json"), `${JSON.stringify(report, null, 1)}\n`);
      if (!values["no-cache"]) await saveCache(cacheFile, deployment, start, timeline.logs, timeline.toBlock);
      io.out(`Wrote ${timeline.rows.length} events to ${path.join(outDir, "timeline.json")} and timeline.csv.`);
      if (values.indexer) indexMismatches = await auditIndex(values.indexer, timeline.rows);
    }
    for (const line of formatReport(report)) io.out(line);
    if (values.indexer) {
      if (indexMismatches.length === 0) io.out(`Index at ${values.indexer} (up to block ${toBlock}): every table matches the chain.`);
      for (const line of indexMismatches) io.out(`Index mismatch: ${line}`);
    }
    return report.mismatches.length || indexMismatches.length ? EXIT.mismatch : EXIT.ok;
  } catch (error) {
    io.err(`audit: ${error instanceof AuditError || error instanceof IndexerError ? error.message : describeRpcError(error)}`);
    return EXIT.error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`audit: ${describeRpcError(error)}`);
      process.exit(EXIT.error);
    },
  );
}
