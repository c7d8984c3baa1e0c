/**
 * `npm run test:e2e:public-rpc`: the main pages of the dApp in headless Chromium against a seeded chain
 * with a public network's depth (20,000 blocks), reached only through the public-RPC simulator
 * (scripts/stack/public-rpc.ts: eth_getLogs refused beyond 10,000 blocks or results, HTTP 429 on bursts,
 * latency) — once with the indexer (lists from the index) and once without (lists from the chain in
 * bounded ranges). Each page must show its seeded content with no error on screen, and the simulator must
 * not have refused a single eth_getLogs: no code path asks for more than a public RPC serves.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ratingIdParts, supportRatingsAbi } from "@support-quality/sdk";
import type { Page } from "playwright-core";
import { createPublicClient, http } from "viem";
import { addressOf } from "../scripts/stack/accounts.js";
import { launchChromium } from "../scripts/stack/browser.js";
import { freePort } from "../scripts/stack/indexer.js";
import { startStack } from "../scripts/stack/stack.js";

const EMPTY_BLOCKS = 20_000;

/** Each main page and what proves its data arrived. */
const PAGES: { path: string; shows: (page: Page) => ReturnType<Page["locator"]> }[] = [
  { path: "/", shows: (p) => p.locator("main").getByText("@maya.ledgerly").first() },
  { path: "/governance", shows: (p) => p.locator('main a[href^="/governance/"]:not([href="/governance/new"])').first() },
  { path: "/policies", shows: (p) => p.locator('main a[href^="/policies/"]').first() },
  { path: "/agents", shows: (p) => p.locator("main").getByText("@maya.ledgerly").first() },
  {
    path: `/agents/${addressOf("maya")}`,
    shows: (p) => p.locator("main").getByText("Maya walked me through re-syncing my hardware wallet.").first(),
  },
  { path: "/desks/1", shows: (p) => p.locator("main").getByText("@maya.ledgerly").first() },
  { path: "/verify/@maya.ledgerly", shows: (p) => p.locator("main").getByText("Official agent").first() },
  { path: "/audit", shows: (p) => p.getByTestId("audit-count").filter({ hasText: /^\d+ events$/ }) },
];

async function runMode(mode: "indexer" | "chain"): Promise<{ requests: number; rateLimited: number; widest: number; pages: Record<string, number> }> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), `sqp-e2e-public-rpc-${mode}-`));
  const stack = await startStack({
    nodePort: await freePort(),
    webPort: await freePort(),
    outDir,
    relayer: false,
    indexer: mode === "indexer",
    indexerPort: await freePort(),
    publicRpcPort: await freePort(),
    emptyBlocks: EMPTY_BLOCKS,
    log: (line) => console.log(`    ${line}`),
  });
  const browser = await launchChromium();
  try {
    const head = Number(await stack.node.provider.request({ method: "eth_blockNumber", params: [] }));
    if (stack.indexer) await stack.indexer.waitFor(head, 300_000);
    const pages: Record<string, number> = {};
    for (const { path: route, shows } of PAGES) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const thrown: string[] = [];
      page.on("pageerror", (e) => thrown.push(e.message));
      const started = Date.now();
      await page.goto(new URL(route, stack.webUrl).href);
      await shows(page).waitFor({ timeout: 60_000 });
      pages[route] = Date.now() - started;
      const errors = await page.locator(".error-note:visible, [data-testid='connection-banner'][data-state='offline']").allTextContents();
      assert.deepEqual(errors, [], `${mode}: ${route} shows an error`);
      assert.doesNotMatch(
        (await page.locator("body").textContent()) ?? "",
        /Request exceeds|query exceeds|Something went wrong|limit exceeded/i,
        `${mode}: ${route}`,
      );
      assert.deepEqual(thrown, [], `${mode}: ${route} threw`);
      await context.close();
      console.log(`  ✔ ${mode}: ${route} (${pages[route]} ms to its content)`);
    }
    // "Load older ratings": desk 1's ratings a page of 10 at a time, each once, newest first, all of them.
    const rated = await createPublicClient({ transport: http(stack.node.url) }).getContractEvents({
      address: stack.deployment.contracts.SupportRatings,
      abi: supportRatingsAbi,
      eventName: "Rated",
      args: { deskId: 1 },
      fromBlock: 0n,
    });
    const expected = rated.map((l) => ratingIdParts(l.args.ratingId!).ticketId.toString()).reverse();
    const page = await browser.newPage();
    await page.goto(new URL("/desks/1", stack.webUrl).href);
    const ratings = page.getByTestId("rating");
    await ratings.first().waitFor({ timeout: 60_000 });
    assert.equal(await ratings.count(), Math.min(10, expected.length), `${mode}: the first page`);
    for (let clicks = 0; await page.getByTestId("load-more-ratings").isVisible(); clicks++) {
      assert.ok(clicks < 10, `${mode}: "Load older ratings" never ends`);
      const before = await ratings.count();
      await page.getByTestId("load-more-ratings").click();
      await page.waitForFunction((n) => document.querySelectorAll("[data-testid='rating']").length > n, before, { timeout: 60_000 });
    }
    const tickets = (await ratings.allTextContents()).map((t) => /ticket (\d+)/.exec(t)?.[1]);
    assert.deepEqual(tickets, expected, `${mode}: every rating of desk 1 once, newest first`);
    await page.close();
    console.log(`  ✔ ${mode}: desk 1's ${expected.length} ratings, 10 per page, each once, newest first`);

    const { requests, refusedLogs, rateLimited, widestLogRange } = stack.publicRpc!.stats;
    assert.equal(refusedLogs, 0, `${mode}: the simulator refused ${refusedLogs} eth_getLogs`);
    assert.ok(widestLogRange <= 10_000, `${mode}: an eth_getLogs spanned ${widestLogRange} blocks`);
    return { requests, rateLimited, widest: widestLogRange, pages };
  } finally {
    await browser.close();
    await stack.stop();
    rmSync(outDir, { recursive: true, force: true });
  }
}

let failed = false;
for (const mode of ["indexer", "chain"] as const) {
  console.log(`\nThe main pages through the public-RPC simulator, ${mode === "indexer" ? "reading lists from the indexer" : "with no indexer"}:`);
  try {
    const r = await runMode(mode);
    console.log(
      `  ${mode}: ${r.requests} RPC requests, 0 eth_getLogs refused (widest ${r.widest} blocks), ${r.rateLimited} answered 429 and retried without reaching the user`,
    );
  } catch (error) {
    failed = true;
    console.error(`  ✘ ${mode}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exit(failed ? 1 : 0);
