/**
 * The indexer at (reduced) scale: a long history on a local node (test/support/audit-history.ts: signed
 * ratings in blocks of 25, voids and replies, then empty blocks to a public network's depth), indexed by
 * Ponder from the deployment block on PGlite; then the page queries the dApp sends, timed over HTTP, and the
 * dApp's main list pages opened cold in headless Chromium against that index (time to content, LCP).
 * Run: tsx bench/indexer.ts [ratings=20000] [minBlocks=20000]  — merges its numbers into bench/results.json
 * under "indexer" and prints them. Nothing here is a pass/fail test.
 *
 * Issue 13's scale world: tsx bench/indexer.ts --scale [ratings=100000] [minBlocks=1000000]
 *   [--desks=50] [--agents-per-desk=20] [--proposals=200] [--per-block=100] — many desks, agents and voted
 * proposals (test/support/scale-history.ts), merged under "indexerScale". BENCH_NO_RESULTS=1 only prints.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { abis, agentRegistryAbi, supportGovernorAbi, supportRatingsAbi } from "@support-quality/sdk";
import type { ContractName } from "@support-quality/sdk/audit";
import { queryIndex } from "@support-quality/sdk/indexer";
import { getContractEventsBounded, getLatestContractEvents } from "@support-quality/sdk/logs";
import { network } from "hardhat";
import { type Abi, createPublicClient, getAddress, http } from "viem";
import { renderDeployments } from "../scripts/generate.js";
import { launchChromium } from "../scripts/stack/browser.js";
import { recordDeployment } from "../scripts/stack/deployment.js";
import { freePort, startIndexer } from "../scripts/stack/indexer.js";
import { mineLinkedBlocks, startNode } from "../scripts/stack/node.js";
import { startPostgres } from "../scripts/stack/postgres.js";
import { serveStatic } from "../scripts/stack/stack.js";
import { buildHistory } from "../test/support/audit-history.js";
import { buildScaleHistory } from "../test/support/scale-history.js";

const args = process.argv.slice(2);
const scale = args.includes("--scale");
const flag = (name: string, fallback: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const positional = args.filter((a) => !a.startsWith("--"));
const ratings = Number(positional[0] ?? (scale ? 100_000 : 20_000));
const minBlocks = Number(positional[1] ?? (scale ? 1_000_000 : 20_000));
const RUNS = 50;

const node = await startNode({ port: await freePort() });
const connection = await network.create({ network: "localhost", override: { url: node.url } });
const t0 = performance.now();
const scaleOptions = {
  ratings,
  desks: flag("desks", 50),
  agentsPerDesk: flag("agents-per-desk", 20),
  proposals: flag("proposals", 200),
  perBlock: flag("per-block", 100),
};
const history = scale
  ? await buildScaleHistory(connection, scaleOptions)
  : { ...(await buildHistory(connection, { ratings, perBlock: 25 })), hotAgent: undefined, timings: undefined };
const seedSeconds = (performance.now() - t0) / 1000;
// The agent of the profile page and of the per-agent queries: the one with the most ratings.
const profileAgent = history.hotAgent ?? history.agents[0];
const head0 = Number(await node.provider.request({ method: "eth_blockNumber", params: [] }));
const t0Mine = performance.now();
if (head0 < minBlocks) await mineLinkedBlocks(node.provider, minBlocks - head0);
const mineSeconds = (performance.now() - t0Mine) / 1000;
const head = Number(await node.provider.request({ method: "eth_blockNumber", params: [] }));
const dir = mkdtempSync(path.join(os.tmpdir(), "sqp-bench-deployments-"));
await recordDeployment(history.protocol.deployment, dir);
console.log(
  `History: ${ratings} ratings, ${history.agents.length} agents, ${head} blocks (history ${head0}), built in ${seedSeconds.toFixed(0)} s + ${mineSeconds.toFixed(0)} s of empty blocks. Indexing…`,
);

// BENCH_POSTGRES=1: a throw-away PostgreSQL 15 server instead of PGlite.
const pg = process.env.BENCH_POSTGRES ? await startPostgres() : undefined;
const indexer = await startIndexer({ rpcUrl: node.url, deploymentsDir: dir, databaseUrl: pg?.url });
const t0Index = performance.now();
// Ponder's own start (build, database set-up) is timed apart: /status answers once it is indexing.
while ((await indexer.indexedBlock()) === undefined) await new Promise((r) => setTimeout(r, 100));
const startupSeconds = (performance.now() - t0Index) / 1000;
const t1 = performance.now();
// Ponder backfills up to its finalized block (head − 30 on an unknown chain id) in ranges, then follows
// the last 30 blocks one at a time (its realtime sync): timed apart.
const progress = setInterval(
  async () => console.log(`  indexed to block ${await indexer.indexedBlock()} of ${head} after ${((performance.now() - t1) / 1000).toFixed(0)} s`),
  30_000,
);
await indexer.waitFor(head - 30, 3_600_000);
clearInterval(progress);
const backfillSeconds = (performance.now() - t1) / 1000;
const count = async (sql: string) => ((await queryIndex(indexer.url, sql)) as { n: number }[])[0].n;
const backfilled = await count(`select count(*)::int as n from timeline where block <= ${head - 30}`);
await indexer.waitFor(head, 3_600_000);
const headSeconds = (performance.now() - t1) / 1000;
const events = await count("select count(*)::int as n from timeline");
const tables = Object.fromEntries(
  await Promise.all(
    ["rating", "agent", "desk", "policy_version", "proposal", "vote", "timeline"].map(async (t) => [t, await count(`select count(*)::int as n from ${t}`)]),
  ),
);
const byEvent = await queryIndex(indexer.url, "select event, count(*)::int as n from timeline group by event order by 2 desc limit 8");
console.log(JSON.stringify({ tables, byEvent }));
const [aggregates] = await queryIndex(indexer.url, "select sum(count)::int as counted, sum(voided)::int as voided from agent");
console.log(JSON.stringify({ agentAggregates: aggregates }));
if (tables.rating !== ratings) console.log(`The index holds ${tables.rating} ratings of ${ratings}. Ponder's output:\n${indexer.output().slice(-6000)}`);

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const agent = profileAgent.toLowerCase();
console.log(`Profile agent ${agent}: ${await count(`select count(*)::int as n from rating where agent = '${agent}'`)} ratings in the index.`);
const pages: Record<string, [string, (string | number)[]]> = {
  "agent's ratings, newest 50 (a page)": ["select * from rating where agent = $1 order by block desc, log_index desc limit 50", [agent]],
  "agent's ratings, all (today's unpaged query)": ["select * from rating where agent = $1 order by block desc, log_index desc", [agent]],
  "audit timeline, newest 100 (a page)": ["select * from timeline order by block desc, log_index desc limit 100", []],
  "agents and desks": ["select * from agent order by desk_id, id", []],
  proposals: ["select * from proposal order by id desc limit 50", []],
  "overview: latest 10 ratings": ["select id, desk_id, agent, score, verdict, comment from rating order by block desc, log_index desc limit 10", []],
};
const latency: Record<string, { rows: number; p50: number; p95: number }> = {};
for (const [name, [sql, params]] of Object.entries(pages)) {
  let rows = 0;
  await queryIndex(indexer.url, sql, params); // warm
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    rows = (await queryIndex(indexer.url, sql, params)).length;
    times.push(performance.now() - start);
  }
  latency[name] = { rows, p50: Math.round(percentile(times, 50) * 10) / 10, p95: Math.round(percentile(times, 95) * 10) / 10 };
}
// The same page data through the dApp's fallback when no indexer is configured: the bounded RPC reader
// (`@support-quality/sdk/logs`: ranges of ≤ 10,000 blocks, newest first until enough rows), straight to the
// node over HTTP with no added latency — what a public RPC costs comes on top. Fewer runs: each reads up to
// blocks/10,000 ranges.
const RUNS_RPC = 5;
const rpcClient = createPublicClient({ transport: http(node.url) });
const { contracts, deploymentBlock } = history.deployment;
const fromBlock = BigInt(deploymentBlock);
const rpcPages: Record<string, () => Promise<unknown[]>> = {
  "agent's ratings, newest 50 (a page)": () =>
    getLatestContractEvents(
      rpcClient,
      { address: contracts.SupportRatings, abi: supportRatingsAbi, eventName: "Rated", args: { agent: getAddress(agent) }, fromBlock },
      50,
    ),
  "agents and desks": () =>
    getContractEventsBounded(rpcClient, { address: contracts.AgentRegistry, abi: agentRegistryAbi, eventName: "AgentAdded", fromBlock }),
  proposals: () =>
    getLatestContractEvents(rpcClient, { address: contracts.SupportGovernor, abi: supportGovernorAbi, eventName: "ProposalCreated", fromBlock }, 50),
  "overview: latest 10 ratings": () =>
    getLatestContractEvents(rpcClient, { address: contracts.SupportRatings, abi: supportRatingsAbi, eventName: "Rated", fromBlock }, 10),
};
const rpcLatency: Record<string, { rows: number; p50: number; p95: number }> = {};
for (const [name, read] of Object.entries(rpcPages)) {
  let rows = 0;
  const times: number[] = [];
  for (let i = 0; i < RUNS_RPC; i++) {
    const start = performance.now();
    rows = (await read()).length;
    times.push(performance.now() - start);
  }
  rpcLatency[name] = { rows, p50: Math.round(percentile(times, 50)), p95: Math.round(percentile(times, 95)) };
}
console.log(JSON.stringify({ queriesViaIndexerMs: latency, queriesViaRpcReaderMs: rpcLatency }, null, 2));

// The dApp at this scale in headless Chromium: the local build reading through this index, each page opened
// cold (a fresh browser context) RUNS_PAGE times; time from navigation to the page's content, and the
// largest contentful paint the browser reports.
const RUNS_PAGE = 5;
const webDir = mkdtempSync(path.join(os.tmpdir(), "sqp-bench-web-"));
const deploymentsModule = path.join(dir, "deployments.ts");
writeFileSync(deploymentsModule, renderDeployments(dir));
execFileSync("npx", ["vite", "build", "--config", "web/vite.config.ts", "--outDir", webDir, "--emptyOutDir"], {
  cwd: path.resolve(import.meta.dirname, ".."),
  env: { ...process.env, SQP_DEPLOYMENTS_MODULE: deploymentsModule, VITE_LOCAL_RPC_URL: node.url, VITE_INDEXER_URL: indexer.url, VITE_RELAYER_URL: "" },
  stdio: "ignore",
});
const server = await serveStatic(webDir, await freePort());
const browser = await launchChromium();
const screens: Record<string, string> = {
  "agents directory": "/agents",
  "an agent's profile (newest 10 ratings)": `/agents/${getAddress(profileAgent)}`,
  overview: "/",
};
const contentOf: Record<string, string> = {
  "agents directory": 'main a[href^="/agents/0x"]',
  "an agent's profile (newest 10 ratings)": "[data-testid='rating']",
  overview: 'main a[href^="/agents/0x"]',
};
const pageLoadMs: Record<string, { contentP50: number; contentP95: number; lcpP50: number; lcpP95: number }> = {};
for (const [name, route] of Object.entries(screens)) {
  const content: number[] = [];
  const lcp: number[] = [];
  for (let i = 0; i < RUNS_PAGE; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // BENCH_TRACE=1: the slowest requests of each page's first load (what the first screen waits for).
    const requests: { what: string; ms: number; endMs: number }[] = [];
    const trace = process.env.BENCH_TRACE && i === 0;
    if (trace)
      page.on("requestfinished", (request) => {
        const timing = request.timing();
        const body = request.postData() ?? "";
        requests.push({
          what: `${request.method()} ${request.url().slice(0, 80)} ${body.slice(0, 160)}`,
          ms: Math.round(timing.responseEnd),
          endMs: Math.round(performance.now() - start),
        });
      });
    const start = performance.now();
    await page.goto(new URL(route, server.url).href);
    await page.locator(contentOf[name]!).first().waitFor({ timeout: 60_000 });
    if (trace) {
      console.log(`${name}: ${requests.length} requests before the content; the slowest:`);
      for (const r of [...requests].sort((a, b) => b.ms - a.ms).slice(0, 10)) console.log(`  ${r.ms} ms (done at ${r.endMs} ms) ${r.what}`);
    }
    content.push(performance.now() - start);
    lcp.push(
      await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            new PerformanceObserver((list) => resolve(list.getEntries().at(-1)?.startTime ?? 0)).observe({ type: "largest-contentful-paint", buffered: true });
            setTimeout(() => resolve(0), 2_000);
          }),
      ),
    );
    await context.close();
  }
  pageLoadMs[name] = {
    contentP50: Math.round(percentile(content, 50)),
    contentP95: Math.round(percentile(content, 95)),
    lcpP50: Math.round(percentile(lcp, 50)),
    lcpP95: Math.round(percentile(lcp, 95)),
  };
}
await browser.close();
await server.close();
rmSync(webDir, { recursive: true, force: true });

// The audit reader's first step over the same logs, for the ratio: every contract's events over the whole
// range fetched and decoded by viem (getContractEvents, one request each), once, after the index is built.
const publicClient = await connection.viem.getPublicClient();
const tFetch = performance.now();
let fetched = 0;
for (const [name, address] of Object.entries(history.deployment.contracts) as [ContractName, `0x${string}`][]) {
  const logs = await publicClient.getContractEvents({
    address,
    abi: abis[name] as Abi,
    fromBlock: BigInt(history.deployment.deploymentBlock),
    toBlock: BigInt(head),
  });
  fetched += logs.length;
}
const fetchSeconds = (performance.now() - tFetch) / 1000;

await indexer.stop();
await pg?.stop();
await connection.close();
await node.close();

const result = {
  measuredAt: new Date().toISOString(),
  database: pg ? "PostgreSQL 15" : "PGlite",
  machine: `${os.cpus().length} cores (shared)`,
  ratings,
  agents: history.agents.length,
  ...(scale ? { desks: scaleOptions.desks, proposals: scaleOptions.proposals, historyTimings: history.timings } : {}),
  blocks: head,
  historyBlocks: head0,
  events,
  historySeconds: Math.round(seedSeconds),
  emptyBlocksSeconds: Math.round(mineSeconds),
  rows: tables,
  ponderStartupSeconds: Math.round(startupSeconds * 10) / 10,
  backfillSeconds: Math.round(backfillSeconds * 10) / 10,
  backfillEventsPerSecond: Math.round(backfilled / backfillSeconds),
  untilHeadSeconds: Math.round(headSeconds * 10) / 10,
  queriesMs: latency,
  rpcReaderQueriesMs: rpcLatency,
  pageLoadMs,
  fetchDecode: { events: fetched, seconds: Math.round(fetchSeconds * 10) / 10, eventsPerSecond: Math.round(fetched / fetchSeconds) },
  ponderToFetchDecodeRatio: Math.round((backfilled / backfillSeconds / (fetched / fetchSeconds)) * 1000) / 1000,
};
console.log(JSON.stringify(result, null, 2));
if (!process.env.BENCH_NO_RESULTS) {
  const file = path.join(import.meta.dirname, "results.json");
  const all = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  writeFileSync(file, `${JSON.stringify({ ...all, [scale ? "indexerScale" : "indexer"]: result }, null, 2)}\n`);
}
process.exit(0);
