/**
 * The indexer at (reduced) scale: a long history on a local node (test/support/audit-history.ts: signed
 * ratings in blocks of 25, voids and replies, then empty blocks to a public network's depth), indexed by
 * Ponder from the deployment block on PGlite; then the page queries the dApp sends, timed over HTTP, and the
 * dApp's main list pages opened cold in headless Chromium against that index (time to content, LCP).
 * Run: tsx bench/indexer.ts [ratings=20000] [minBlocks=20000]  — merges its numbers into bench/results.json
 * under "indexer" and prints them. Nothing here is a pass/fail test.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { queryIndex } from "@support-quality/sdk/indexer";
import { network } from "hardhat";
import { renderDeployments } from "../scripts/generate.js";
import { launchChromium } from "../scripts/stack/browser.js";
import { recordDeployment } from "../scripts/stack/deployment.js";
import { freePort, startIndexer } from "../scripts/stack/indexer.js";
import { mineLinkedBlocks, startNode } from "../scripts/stack/node.js";
import { startPostgres } from "../scripts/stack/postgres.js";
import { serveStatic } from "../scripts/stack/stack.js";
import { buildHistory } from "../test/support/audit-history.js";

const ratings = Number(process.argv[2] ?? 20_000);
const minBlocks = Number(process.argv[3] ?? 20_000);
const RUNS = 50;

const node = await startNode({ port: await freePort() });
const connection = await network.create({ network: "localhost", override: { url: node.url } });
const t0 = performance.now();
const history = await buildHistory(connection, { ratings, perBlock: 25 });
const seedSeconds = (performance.now() - t0) / 1000;
const head0 = Number(await node.provider.request({ method: "eth_blockNumber", params: [] }));
if (head0 < minBlocks) await mineLinkedBlocks(node.provider, minBlocks - head0);
const head = Number(await node.provider.request({ method: "eth_blockNumber", params: [] }));
const dir = mkdtempSync(path.join(os.tmpdir(), "sqp-bench-deployments-"));
await recordDeployment(history.protocol.deployment, dir);
console.log(`History: ${ratings} ratings, ${head} blocks, built in ${seedSeconds.toFixed(0)} s. Indexing…`);

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
await indexer.waitFor(head - 30, 1_800_000);
const backfillSeconds = (performance.now() - t1) / 1000;
const count = async (sql: string) => ((await queryIndex(indexer.url, sql)) as { n: number }[])[0].n;
const backfilled = await count(`select count(*)::int as n from timeline where block <= ${head - 30}`);
await indexer.waitFor(head, 1_800_000);
const headSeconds = (performance.now() - t1) / 1000;
const events = await count("select count(*)::int as n from timeline");
const tables = Object.fromEntries(
  await Promise.all(
    ["rating", "agent", "desk", "policy_version", "proposal", "timeline"].map(async (t) => [t, await count(`select count(*)::int as n from ${t}`)]),
  ),
);
const byEvent = await queryIndex(indexer.url, "select event, count(*)::int as n from timeline group by event order by 2 desc limit 8");
console.log(JSON.stringify({ tables, byEvent }));
const [aggregates] = await queryIndex(indexer.url, "select sum(count)::int as counted, sum(voided)::int as voided from agent");
console.log(JSON.stringify({ agentAggregates: aggregates }));
if (tables.rating !== ratings) console.log(`The index holds ${tables.rating} ratings of ${ratings}. Ponder's output:\n${indexer.output().slice(-6000)}`);

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const agent = history.agents[0].toLowerCase();
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
  "an agent's profile (newest 10 ratings)": `/agents/${history.agents[0]}`,
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
    const start = performance.now();
    await page.goto(new URL(route, server.url).href);
    await page.locator(contentOf[name]!).first().waitFor({ timeout: 60_000 });
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
  blocks: head,
  events,
  historySeconds: Math.round(seedSeconds),
  rows: tables,
  ponderStartupSeconds: Math.round(startupSeconds * 10) / 10,
  backfillSeconds: Math.round(backfillSeconds * 10) / 10,
  backfillEventsPerSecond: Math.round(backfilled / backfillSeconds),
  untilHeadSeconds: Math.round(headSeconds * 10) / 10,
  queriesMs: latency,
  pageLoadMs,
};
console.log(JSON.stringify(result, null, 2));
const file = path.join(import.meta.dirname, "results.json");
const all = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
writeFileSync(file, `${JSON.stringify({ ...all, indexer: result }, null, 2)}\n`);
process.exit(0);
