/**
 * The local stack, shared by `npm start` and `npm run test:e2e`: a JSON-RPC node on 127.0.0.1:8545,
 * the protocol deployed through the one deploy path, the demo world seeded, the web contracts
 * regenerated (no diff expected: the committed files match a fresh chain) and the dApp built and served.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { network } from "hardhat";
import { type Deployment, deployProtocol } from "../../deploy/protocol.js";
import { writeGenerated } from "../generate.js";
import { recordDeployment } from "./deployment.js";
import { INDEXER_PORT, type Indexer, startIndexer } from "./indexer.js";
import { assertPortFree, type LocalNode, mineLinkedBlocks, NODE_HOST, NODE_PORT, startNode } from "./node.js";
import { type PublicRpc, startPublicRpc } from "./public-rpc.js";
import { RELAYER_PORT, type RelayerService, startRelayerService } from "./relayer.js";

import { type SeedSummary, seedWorld, worldClients } from "./world.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const WEB_PORT = 4173;
/** The seeded world spans about four weeks of chain time; the node starts that far back (see node.ts). */
const CHAIN_START_DAYS_AGO = 30;

export interface StackOptions {
  /** The chain node's port (default 8545). The dApp is built to talk to it. */
  nodePort?: number;
  webPort?: number;
  /** Where the dApp is built (default web/dist). */
  outDir?: string;
  /** Build and serve the dApp (default true). */
  web?: boolean;
  /** Seed the demo world (default true); without it the chain holds the bare deployment. */
  seed?: boolean;
  /** Run the relayer service (default true) on `relayerPort` (default 8547); the dApp is built to use it. */
  relayer?: boolean;
  relayerPort?: number;
  /**
   * Run the indexer (indexer/) and build the dApp to read its lists from it (default false). PGlite in a
   * fresh directory, or Postgres when DATABASE_URL is set (in a fresh schema): the local chain is new on
   * every start, so the index is always rebuilt from it, never mixed with a previous chain's rows.
   */
  indexer?: boolean;
  indexerPort?: number;
  /**
   * Put the public-RPC simulator (public-rpc.ts) on this port in front of the node, and point the dApp and
   * the indexer at it: eth_getLogs capped at 10,000 blocks/results, 429 on bursts, added latency.
   */
  publicRpcPort?: number;
  /** Empty blocks mined after seeding (mineLinkedBlocks), to give the history a public network's depth. */
  emptyBlocks?: number;
  log?: (line: string) => void;
}

export interface Stack {
  node: LocalNode;
  deployment: Deployment;
  seed?: SeedSummary;
  relayer?: RelayerService;
  webUrl?: string;
  indexer?: Indexer;
  publicRpc?: PublicRpc;
  timings: Record<string, number>;
  stop(): Promise<void>;
  /** Restarts the relayer on a fresh database (after the chain was reverted under it). */
  resetRelayer(): Promise<void>;
}

/** Runs `command` in the repository to completion; rejects with its output when it fails. */
export function run(command: string, args: string[], onSpawn?: (child: ChildProcess) => void, env: NodeJS.ProcessEnv = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
    onSpawn?.(child);
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`\`${command} ${args.join(" ")}\` failed (${signal ?? `exit ${code}`}):\n${output}`));
    });
  });
}

/**
 * Compiles through Hardhat, whose cache makes this a no-op when artifacts are current. It also replaces
 * the coverage-instrumented artifacts that `hardhat test --coverage` leaves behind, which must never be
 * deployed (a timestamp check would miss them).
 */
export async function compile(log: (line: string) => void): Promise<void> {
  log("Compiling contracts (default build profile; a no-op when artifacts are current)…");
  await withProgress("compiling", log, () => run("npx", ["hardhat", "compile", "--no-tests"]));
}

/** Runs `step`, saying every 5 s that it is still running, so no step is silent for long. */
export async function withProgress<T>(what: string, log: (line: string) => void, step: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const timer = setInterval(() => log(`  … still ${what} (${Math.round((Date.now() - started) / 1000)} s)`), 5000);
  try {
    return await step();
  } finally {
    clearInterval(timer);
  }
}

/** Writes the generated SDK and web files when they differ; returns the files that changed. */
const regenerate = writeGenerated;

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** Serves web/dist; any path that is not a file gets index.html (client-side routes). */
export async function serveStatic(dir: string, port: number): Promise<{ url: string; close(): Promise<void> }> {
  await assertPortFree(port, "the dApp");
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    let file = path.join(dir, path.normalize(pathname).replace(/^(\.\.[/\\])+/, ""));
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) file = path.join(dir, "index.html");
    res.setHeader("Content-Type", MIME[path.extname(file)] ?? "application/octet-stream");
    // Hashed assets may be cached; index.html must not be, so a rebuild is picked up at once.
    res.setHeader("Cache-Control", file.includes(`${path.sep}assets${path.sep}`) ? "public, max-age=31536000, immutable" : "no-cache");
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function startStack({
  nodePort = NODE_PORT,
  webPort = WEB_PORT,
  outDir = path.join(ROOT, "web/dist"),
  web = true,
  seed: seeding = true,
  relayer: relaying = true,
  relayerPort = RELAYER_PORT,
  indexer: indexing = false,
  indexerPort = INDEXER_PORT,
  publicRpcPort,
  emptyBlocks = 0,
  log = console.log,
}: StackOptions = {}): Promise<Stack> {
  const timings: Record<string, number> = {};
  const started = Date.now();
  const lap = (name: string, since: number) => (timings[name] = (Date.now() - since) / 1000);
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  };

  try {
    await assertPortFree(nodePort, "the chain node");
    if (web) await assertPortFree(webPort, "the dApp");
    if (relaying) await assertPortFree(relayerPort, "the relayer");
    if (indexing) await assertPortFree(indexerPort, "the indexer");
    let t = Date.now();
    await compile(log);
    lap("compile", t);
    log(`Compiled in ${timings.compile!.toFixed(1)} s.`);

    // The dApp needs only the generated files, and a fresh chain deploys at the committed addresses: the
    // build runs while the chain is deployed and seeded, and runs again only if the deployment moved.
    const stale = regenerate();
    if (stale.length > 0) log(`Regenerated ${stale.join(", ")} (they were stale; commit them).`);
    let buildChild: ChildProcess | undefined;
    const buildWeb = async () => {
      const since = Date.now();
      await run("npx", ["vite", "build", "--config", "web/vite.config.ts", "--outDir", outDir, "--emptyOutDir"], (c) => (buildChild = c), {
        VITE_LOCAL_RPC_URL: `http://${NODE_HOST}:${publicRpcPort ?? nodePort}`,
        VITE_RELAYER_URL: relaying ? `http://${NODE_HOST}:${relayerPort}` : "",
        VITE_INDEXER_URL: indexing ? `http://${NODE_HOST}:${indexerPort}` : "",
      });
      lap("build", since);
    };
    let build = web ? buildWeb() : Promise.resolve();
    build.catch(() => {});
    cleanups.push(async () => buildChild?.exitCode === null && buildChild.kill());

    t = Date.now();
    log(web ? "Starting the chain node (the dApp builds meanwhile)…" : "Starting the chain node…");
    const node = await withProgress("starting the chain node", log, () => startNode({ port: nodePort, startDaysAgo: CHAIN_START_DAYS_AGO }));
    cleanups.push(() => node.close());
    lap("node", t);
    log(`Chain node listening at ${node.url} (chain id 31337).`);
    let publicRpc: PublicRpc | undefined;
    if (publicRpcPort !== undefined) {
      publicRpc = await startPublicRpc({ upstream: node.url, port: publicRpcPort, latencyMs: 20 });
      cleanups.push(() => publicRpc!.close());
      log(`Public-RPC simulator at ${publicRpc.url} (eth_getLogs ≤ 10,000 blocks/results, 429 on bursts).`);
    }
    t = Date.now();

    const connection = await network.create({ network: "localhost", override: { url: node.url } });
    cleanups.push(() => connection.close());
    log("Deploying the protocol…");
    const { deployment } = await withProgress("deploying", log, () => deployProtocol(connection.viem));
    const deploymentsFile = path.join(ROOT, "deployments/31337.json");
    const before = existsSync(deploymentsFile) ? readFileSync(deploymentsFile, "utf8") : "";
    await recordDeployment(deployment, path.join(ROOT, "deployments"));
    if (before && before !== readFileSync(deploymentsFile, "utf8")) {
      log("Warning: the local deployment moved (deployments/31337.json changed): commit the regenerated files.");
    }
    lap("deploy", t);
    log(`Protocol deployed from block ${deployment.deploymentBlock}.`);

    let seed: SeedSummary | undefined;
    if (seeding) {
      t = Date.now();
      log("Seeding the demo world…");
      seed = await withProgress("seeding", log, async () => seedWorld(await worldClients(connection.viem), deployment, log));
      lap("seed", t);
      log(`Seeded in ${timings.seed.toFixed(1)} s.`);
    }

    if (emptyBlocks > 0) {
      await mineLinkedBlocks(node.provider, emptyBlocks);
      log(`Mined ${emptyBlocks} empty blocks.`);
    }

    // The indexer starts on the finished history, as on a public network: a backfill in 10,000-block
    // ranges is far faster than following the seeding block by block. Until it has caught up, the dApp
    // reads the chain and says so.
    let indexer: Indexer | undefined;
    if (indexing) {
      const databaseUrl = process.env.DATABASE_URL || undefined;
      log(`Starting the indexer on ${databaseUrl ? "Postgres (DATABASE_URL)" : "embedded PGlite"}…`);
      indexer = await startIndexer({ rpcUrl: publicRpc?.url ?? node.url, port: indexerPort, databaseUrl, log });
      cleanups.push(() => indexer!.stop());
    }

    const moved = regenerate();
    if (moved.length > 0) {
      log(`Regenerated ${moved.join(", ")} for the new deployment (commit them); rebuilding the dApp.`);
      if (web) build = build.then(buildWeb);
    }

    let relayer: RelayerService | undefined;
    const startRelayer = () => startRelayerService({ root: ROOT, rpcUrl: node.url, port: relayerPort, deploymentFile: deploymentsFile, log });
    if (relaying) {
      t = Date.now();
      relayer = await startRelayer();
      cleanups.push(() => relayer!.close());
      lap("relayer", t);
    }
    // After the chain is reverted to a snapshot (the e2e run does, between files), the relayer's queue and
    // nonces describe transactions the chain no longer has: start it again on a fresh database.
    const resetRelayer = async () => {
      if (!relayer) return;
      await relayer.close();
      relayer = await startRelayer();
      stack.relayer = relayer;
    };

    let webUrl: string | undefined;
    if (web) {
      log("Finishing the dApp build…");
      t = Date.now();
      await withProgress("building the dApp", log, () => build);
      lap("buildWait", t);
      const server = await serveStatic(outDir, webPort);
      cleanups.push(() => server.close());
      webUrl = server.url;
    }
    timings.total = (Date.now() - started) / 1000;
    const stack: Stack = { node, deployment, seed, relayer, webUrl, indexer, publicRpc, timings, stop, resetRelayer };
    return stack;
  } catch (error) {
    await stop();
    throw error;
  }
}
