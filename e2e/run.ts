/**
 * `npm run test:e2e`: the end-to-end run in a real headless Chromium against the local stack (the same
 * code as `npm start`): node, deploy, seed, dApp build and server. Runs every e2e/specs/*.spec.ts in
 * file-name order, reverting the chain to the freshly seeded snapshot before each file. Stops everything
 * at the end, also on failure; exits non-zero when any test fails.
 *
 *   npm run test:e2e                 all specs
 *   npm run test:e2e -- governance   only specs whose file name contains "governance"
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { CHROMIUM, launchChromium } from "../scripts/stack/browser.js";
import { type Stack, startStack } from "../scripts/stack/stack.js";
import { E2E_ROOT, env, rpc, screenshot, type TestCase, takeRegisteredTests } from "./harness/index.js";

// The node stays on 8545: the CLI specs run `hardhat run --network localhost`, whose URL is fixed in
// hardhat.config.ts. Another port (E2E_NODE_PORT) suits runs without CLI specs, next to `npm start`.
const NODE_PORT = Number(process.env.E2E_NODE_PORT ?? 8545);
const WEB_PORT = Number(process.env.E2E_WEB_PORT ?? 4174);
const filters = process.argv.slice(2);

const color = (code: number) => (s: string) => (process.stdout.isTTY ? `\x1b[${code}m${s}\x1b[0m` : s);
const green = color(32);
const red = color(31);
const dim = color(2);

function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: run \`sudo apt-get install -y chromium\` and try again.`);
  }
  console.log("Installing Debian's chromium (apt-get install -y chromium)…");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function runTest(browser: Browser, spec: string, test: TestCase): Promise<boolean> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(`console: ${message.text()}`);
  });
  const started = Date.now();
  try {
    await withTimeout(test.fn({ page, context }), test.timeoutMs, `"${test.name}"`);
    console.log(`  ${green("✔")} ${test.name} ${dim(`(${Date.now() - started} ms)`)}`);
    return true;
  } catch (error) {
    console.log(`  ${red("✘")} ${test.name} ${dim(`(${Date.now() - started} ms)`)}`);
    console.log(String(error instanceof Error ? (error.stack ?? error.message) : error).replace(/^/gm, "      "));
    if (pageErrors.length > 0)
      console.log(
        `      In the browser:\n${pageErrors
          .slice(-10)
          .map((e) => `        ${e}`)
          .join("\n")}`,
      );
    const shot = await screenshot(page, `FAILED-${path.basename(spec, ".spec.ts")}-${test.name}`).catch(() => undefined);
    if (shot) console.log(`      Screenshot: ${path.relative(process.cwd(), shot)}`);
    return false;
  } finally {
    await context.close().catch(() => {});
  }
}

async function main(): Promise<number> {
  const specDir = path.join(E2E_ROOT, "specs");
  const specs = readdirSync(specDir)
    .filter((f) => f.endsWith(".spec.ts") && (filters.length === 0 || filters.some((x) => f.includes(x))))
    .sort();
  if (specs.length === 0) {
    console.error(`No spec in e2e/specs matches ${filters.join(", ") || "*.spec.ts"}.`);
    return 1;
  }
  ensureChromium();
  await mkdir(path.join(E2E_ROOT, "output/screenshots"), { recursive: true });

  // A build folder of its own: two runs at once (or `npm start`) never serve each other's files.
  const outDir = mkdtempSync(path.join(os.tmpdir(), "sqp-e2e-web-"));
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  let failed = 0;
  let passed = 0;
  try {
    console.log("Starting the local stack…");
    stack = await startStack({
      nodePort: NODE_PORT,
      webPort: WEB_PORT,
      outDir,
      log: (line) => console.log(dim(line)),
    });
    env.appUrl = stack.webUrl!;
    env.rpcUrl = stack.node.url;
    env.stopRelayer = async () => stack?.relayer?.close();
    console.log(dim(`Stack ready in ${stack.timings.total.toFixed(1)} s (seed ${stack.timings.seed.toFixed(1)} s); app at ${env.appUrl}`));

    let snapshot = await rpc<string>("evm_snapshot");
    browser = await launchChromium(["--disable-background-networking", "--disable-component-update", "--no-first-run"]);

    for (const [index, spec] of specs.entries()) {
      if (index > 0) {
        // A snapshot is consumed by reverting to it: take it again for the next file.
        if (!(await rpc<boolean>("evm_revert", [snapshot]))) throw new Error("Could not revert the chain to the seeded snapshot.");
        snapshot = await rpc<string>("evm_snapshot");
        await stack.resetRelayer();
      }
      console.log(`\n${spec}`);
      takeRegisteredTests();
      try {
        await import(pathToFileURL(path.join(specDir, spec)).href);
      } catch (error) {
        failed++;
        console.log(`  ${red("✘")} could not load: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        continue;
      }
      const tests = takeRegisteredTests();
      if (tests.length === 0) {
        failed++;
        console.log(`  ${red("✘")} declares no test`);
      }
      for (const test of tests) {
        if (await runTest(browser, spec, test)) passed++;
        else failed++;
      }
    }
  } catch (error) {
    failed++;
    console.error(red(`\nThe end-to-end run stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
  } finally {
    await browser?.close().catch(() => {});
    await stack?.stop();
    await rm(outDir, { recursive: true, force: true });
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exit(await main());
