/**
 * The indexer as a child process (`ponder start` in indexer/): embedded PGlite in a fresh directory by
 * default, or Postgres when `databaseUrl` is given (each run in its own database schema). A local chain is
 * re-created on every start, so a local index is always rebuilt from scratch rather than mixed with the
 * previous chain's rows.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const INDEXER_DIR = path.join(ROOT, "indexer");
export const INDEXER_PORT = 42069;

export interface IndexerOptions {
  rpcUrl: string;
  chainId?: number;
  /** Postgres connection string; without it, PGlite in a fresh temporary directory. */
  databaseUrl?: string;
  /** The database schema for this run (Postgres); default a fresh one per run. */
  schema?: string;
  port?: number;
  /** Blocks per eth_getLogs (default 10,000). */
  getLogsRange?: number;
  /** Where `<chainId>.json` is read from (default deployments/). */
  deploymentsDir?: string;
  log?: (line: string) => void;
}

export interface Indexer {
  url: string;
  /** The last block the index holds (Ponder's /status). */
  indexedBlock(): Promise<number | undefined>;
  /** Resolves once the index has caught up with `block`. */
  waitFor(block: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
  child: ChildProcess;
  output(): string;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The block an indexer at `url` has indexed up to, or undefined when it does not answer. */
export async function indexedBlockAt(url: string): Promise<number | undefined> {
  try {
    const response = await fetch(new URL("/status", url), { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) return undefined;
    const status = (await response.json()) as Record<string, { block?: { number?: number } } | undefined>;
    return status.protocol?.block?.number;
  } catch {
    return undefined;
  }
}

export async function startIndexer(options: IndexerOptions): Promise<Indexer> {
  const port = options.port ?? (await freePort());
  const pgliteDir = options.databaseUrl ? undefined : mkdtempSync(path.join(os.tmpdir(), "sqp-pglite-"));
  const schema = options.schema ?? `sqp_${process.pid}_${Date.now().toString(36)}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PONDER_TELEMETRY_DISABLED: "true",
    PONDER_RPC_URL: options.rpcUrl,
    PONDER_CHAIN_ID: String(options.chainId ?? 31337),
    PONDER_GETLOGS_RANGE: String(options.getLogsRange ?? 10_000),
    ...(options.deploymentsDir ? { PONDER_DEPLOYMENTS_DIR: options.deploymentsDir } : {}),
  };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else {
    delete env.DATABASE_URL;
    env.PONDER_PGLITE_DIR = pgliteDir;
  }
  const ponderBin = path.join(ROOT, "node_modules/.bin/ponder");
  const args = ["start", "--port", String(port), "--hostname", "127.0.0.1", "--log-format", "json", "--log-level", process.env.PONDER_LOG_LEVEL ?? "warn"];
  args.push("--schema", schema);
  const child = spawn(ponderBin, args, { cwd: INDEXER_DIR, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;

  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (!exited) {
      child.kill("SIGTERM");
      await Promise.race([exit, sleep(10_000)]);
      if (!exited) child.kill("SIGKILL");
      await exit;
    }
    if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
  };

  const indexer: Indexer = {
    url,
    child,
    output: () => output,
    indexedBlock: () => indexedBlockAt(url),
    async waitFor(block, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (exited) throw new Error(`The indexer exited before reaching block ${block}:\n${output.slice(-4000)}`);
        const at = await indexedBlockAt(url);
        if (at !== undefined && at >= block) return;
        if (Date.now() > deadline)
          throw new Error(`The indexer did not reach block ${block} within ${timeoutMs / 1000} s (at ${at ?? "nothing"}):\n${output.slice(-4000)}`);
        await sleep(200);
      }
    },
    stop,
  };
  return indexer;
}
