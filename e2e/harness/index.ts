/**
 * What the end-to-end specs (e2e/specs/*.spec.ts) use: `test` to declare a test, `openApp` to open the
 * dApp with an injected wallet for a dev account, `rpc`/`advanceTime` to talk to the local node, and
 * `screenshot`. `e2e/run.ts` starts the stack and the browser and runs the specs in file-name order, on a
 * chain reverted to the freshly seeded state before each spec file (tests of one file share it).
 *
 *   import assert from "node:assert/strict";
 *   import { openApp, test } from "../harness/index.js";
 *
 *   test("a holder sees her voting power", async ({ page }) => {
 *     await openApp(page, { account: "ada", path: "/governance" });
 *     await page.getByRole("button", { name: /connect/i }).click();
 *     …
 *   });
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import type { Address } from "viem";
import { addressOf, devAccounts, type RoleKey } from "../../scripts/stack/accounts.js";
import { installInjectedWallet } from "./wallet.js";

export { DEMO_DESKS } from "../../scripts/stack/accounts.js";
export { RATING_TAGS, SLA_V1, SLA_V2 } from "../../scripts/stack/world-data.js";
export { addressOf, devAccounts, type RoleKey };

export const E2E_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SCREENSHOT_DIR = path.join(E2E_ROOT, "output/screenshots");

/** Where the app and the node are; set by e2e/run.ts before any spec runs. */
export const env = {
  appUrl: "http://127.0.0.1:4173/",
  rpcUrl: "http://127.0.0.1:8545",
  chainId: 31337,
  /** Stops the stack's relayer service (a relayer outage); the runner starts a fresh one before the next spec file. */
  stopRelayer: async (): Promise<void> => {
    throw new Error("e2e/run.ts sets env.stopRelayer");
  },
};

// ---------------------------------------------------------------------------------------------------
// Declaring tests

export interface TestContext {
  /** A fresh page in a fresh browser context (own storage): nothing carries over between tests. */
  page: Page;
  context: BrowserContext;
}

export interface TestCase {
  name: string;
  fn: (t: TestContext) => Promise<void>;
  timeoutMs: number;
}

const registered: TestCase[] = [];

/** Declares a test of the current spec file. Tests run in declaration order. */
export function test(name: string, fn: (t: TestContext) => Promise<void>, { timeoutMs = 60_000 } = {}): void {
  registered.push({ name, fn, timeoutMs });
}

/** The runner's side: the tests declared since the last call. */
export function takeRegisteredTests(): TestCase[] {
  return registered.splice(0);
}

// ---------------------------------------------------------------------------------------------------
// The chain

let rpcId = 1;

/** Sends one JSON-RPC request to the local node; throws the node's error message on failure. */
export async function rpc<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(env.rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: rpcId++, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { code: number; message: string } };
  if (body.error) throw new Error(`${method} failed: ${body.error.message} (code ${body.error.code})`);
  return body.result as T;
}

/** Moves the chain's clock forward by `seconds` and mines a block with the new time. */
export async function advanceTime(seconds: number): Promise<void> {
  await rpc("evm_increaseTime", [seconds]);
  await rpc("evm_mine");
}

/** The timestamp of the latest block. */
export async function chainTime(): Promise<number> {
  const block = await rpc<{ timestamp: string }>("eth_getBlockByNumber", ["latest", false]);
  return Number(block.timestamp);
}

// ---------------------------------------------------------------------------------------------------
// The app and its wallet

export interface OpenAppOptions {
  /** The dev account the injected wallet holds: a role key ("ada", "maya"…) or an address. None: no account. */
  account?: RoleKey | Address | null;
  /** The route to open, e.g. "/governance". */
  path?: string;
  /** EIP-6963 display name of the injected wallet. */
  walletName?: string;
  /** The chain the wallet starts on, when it is not the node's (a user whose wallet is on another network). */
  walletChainId?: number;
}

const resolveAccount = (account: RoleKey | Address | null | undefined): Address | null =>
  account == null ? null : account.startsWith("0x") ? (account as Address) : addressOf(account as RoleKey);

/**
 * Injects the test wallet (EIP-6963 + window.ethereum, forwarding to the node) into every document the
 * page loads, then opens the app at `path`. The dApp connects to it through its real injected path.
 */
export async function openApp(page: Page, { account, path: route = "/", walletName = "E2E Wallet", walletChainId }: OpenAppOptions = {}): Promise<Page> {
  const options = {
    rpcUrl: env.rpcUrl,
    chainId: env.chainId,
    startChainId: walletChainId,
    account: resolveAccount(account),
    name: walletName,
    rdns: "dev.sqp.e2e-wallet",
  };
  // esbuild (through tsx) may wrap functions in `__name(…)`; the page has no such helper, so give it one.
  await page.addInitScript({
    content: `var __name = (target) => target;\n(${installInjectedWallet.toString()})(${JSON.stringify(options)});`,
  });
  await page.goto(new URL(route, env.appUrl).href);
  return page;
}

/** Connects the page's injected wallet through the header's wallet dialog, as a user would. */
export async function connectWallet(page: Page): Promise<void> {
  await page.getByTestId("connect-open").click();
  await page.getByRole("dialog", { name: "Choose a wallet" }).getByRole("button", { name: "E2E Wallet" }).click();
  await page.getByTestId("connected-account").waitFor({ state: "attached" });
}

/** Switches the injected wallet to another account, as a user would in their wallet. */
export async function switchAccount(page: Page, account: RoleKey | Address): Promise<void> {
  const address = resolveAccount(account);
  await page.evaluate((a) => window.__e2eWallet.switchAccount(a), address!);
}

/** The next request that needs the user's consent (connect, send, sign, switch chain) is rejected (code 4001). */
export async function rejectNextRequest(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__e2eWallet.state.rejectNext = true;
  });
}

/** The JSON-RPC methods the dApp has sent to the injected wallet, in order. */
export async function walletCalls(page: Page): Promise<string[]> {
  return page.evaluate(() => [...window.__e2eWallet.state.calls]);
}

/** Saves a full-page screenshot to e2e/output/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, "-")}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
