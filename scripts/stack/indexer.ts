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
  /**
   * Rebuild the index on a fresh database when the chain is reset under it (default true): its
   * `/chain-check` fails, or Ponder exits on a reorg deeper than its finality window.
   */
  rebuildOnReset?: boolean;
}

export interface Indexer {
  url: string;
  /** The last block the index holds (Ponder's /status). */
  indexedBlock(): Promise<number | undefined>;
  /** Resolves once the index has caught up with `block`. */
  waitFor(block: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
  /** The running `ponder start` (a new one after each rebuild). */
  readonly child: ChildProcess;
  /** How many times the index was rebuilt after a chain reset. */
  rebuilds(): number;
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

/** The index's `/chain-check` verdict: false (with the index's sentence) after a chain reset under it. */
export async function chainCheckAt(url: string): Promise<{ consistent: boolean; reason?: string } | undefined> {
  try {
    const response = await fetch(new URL("/chain-check", url), { signal: AbortSignal.timeout(5_000) });
    if (response.status !== 200 && response.status !== 409) return undefined;
    return (await response.json()) as { consistent: boolean; reason?: string };
  } catch {
    return undefined;
  }
}

export async function startIndexer(options: IndexerOptions): Promise<Indexer> {
  const port = options.port ?? (await freePort());
  const baseSchema = options.schema ?? `sqp_${process.pid}_${Date.now().toString(36)}`;
  const log = options.log ?? (() => {});
  const url = `http://127.0.0.1:${port}`;
  const ponderBin = path.join(ROOT, "node_modules/.bin/ponder");

  interface Run {
    child: ChildProcess;
    exited: boolean;
    exit: Promise<void>;
    pgliteDir?: string;
  }
  let output = "";
  let stopping = false;
  let rebuilds = 0;

  /** One `ponder start` on a fresh database (a fresh PGlite directory, or a fresh Postgres schema). */
  const launch = (): Run => {
    const pgliteDir = options.databaseUrl ? undefined : mkdtempSync(path.join(os.tmpdir(), "sqp-pglite-"));
    const schema = rebuilds === 0 ? baseSchema : `${baseSchema}_r${rebuilds}`;
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
    const args = ["start", "--port", String(port), "--hostname", "127.0.0.1", "--log-format", "json", "--log-level", process.env.PONDER_LOG_LEVEL ?? "warn"];
    args.push("--schema", schema);
    const child = spawn(ponderBin, args, { cwd: INDEXER_DIR, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const run: Run = { child, exited: false, exit: Promise.resolve(), pgliteDir };
    run.exit = new Promise<void>((resolve) =>
      child.once("exit", () => {
        run.exited = true;
        resolve();
      }),
    );
    return run;
  };
  const halt = async (run: Run) => {
    if (!run.exited) {
      run.child.kill("SIGTERM");
      await Promise.race([run.exit, sleep(10_000)]);
      if (!run.exited) run.child.kill("SIGKILL");
      await run.exit;
    }
    if (run.pgliteDir) rmSync(run.pgliteDir, { recursive: true, force: true });
  };

  let current = launch();

  // The supervisor: a chain reset under the index (its /chain-check fails, or Ponder exits on a reorg
  // deeper than its finality window) rebuilds the index from the deployment block on a fresh database.
  let watching: Promise<void> = Promise.resolve();
  if (options.rebuildOnReset ?? true) {
    watching = (async () => {
      while (!stopping) {
        await sleep(1_000);
        if (stopping) break;
        let why: string | undefined;
        if (current.exited) why = `Ponder exited (${output.trim().split("\n").at(-1)?.slice(0, 300) ?? "no output"})`;
        else {
          const check = await chainCheckAt(url);
          if (check && !check.consistent) why = check.reason ?? "the chain check failed";
        }
        if (!why || stopping) continue;
        if (rebuilds >= 10) {
          log(`Indexer: ${why} Not rebuilding again (10 rebuilds already); it stays down.`);
          break;
        }
        log(`Indexer: ${why} Rebuilding the index from the deployment block.`);
        await halt(current);
        if (stopping) break;
        rebuilds += 1;
        output += `\n[supervisor] rebuild ${rebuilds}: ${why}\n`;
        current = launch();
      }
    })();
  }

  const indexer: Indexer = {
    url,
    get child() {
      return current.child;
    },
    rebuilds: () => rebuilds,
    output: () => output,
    indexedBlock: () => indexedBlockAt(url),
    async waitFor(block, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (current.exited && !(options.rebuildOnReset ?? true)) throw new Error(`The indexer exited before reaching block ${block}:\n${output.slice(-4000)}`);
        const at = await indexedBlockAt(url);
        if (at !== undefined && at >= block) return;
        if (Date.now() > deadline)
          throw new Error(`The indexer did not reach block ${block} within ${timeoutMs / 1000} s (at ${at ?? "nothing"}):\n${output.slice(-4000)}`);
        await sleep(200);
      }
    },
    async stop() {
      stopping = true;
      await watching;
      await halt(current);
    },
  };
  return indexer;
}
