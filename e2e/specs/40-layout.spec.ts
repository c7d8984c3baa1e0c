/**
 * The dApp as a product: every route fits a 390 px phone and a 1280 px desktop (no horizontal page
 * overflow, also with the long dev-account role picker connected), has a title of its own, no console
 * warning and no serious or critical axe-core finding at either size (screenshots of the main pages at both); the wallet dialog closes on Escape; a 404 keeps the header; a node that does not answer is
 * said once (banner + red badge), cached proposals are marked, and the voting-power panel stays; a failed
 * transaction's sentence does not follow the user to another account.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { supportGovernorAbi } from "@support-quality/sdk";
import type { Page } from "playwright-core";
import { createPublicClient, http } from "viem";
import { addressOf, E2E_ROOT, env, openApp, rejectNextRequest, screenshot, switchAccount, test } from "../harness/index.js";

/** Every route of web/src/routes.tsx (pages with a parameter: a seeded proposal, handle, agent, policy, desk, article). */
const STATIC_ROUTES: [string, string][] = [
  ["/", "Support Quality Protocol"],
  ["/governance", "Governance — Support Quality Protocol"],
  ["/governance/new", "New proposal — Support Quality Protocol"],
  ["/governance/new-article", "Propose a help-article change — Support Quality Protocol"],
  ["/policies", "Policies — Support Quality Protocol"],
  ["/policies/1", "Policy — Support Quality Protocol"],
  ["/verify", "Verify — Support Quality Protocol"],
  ["/help", "Help centre — Support Quality Protocol"],
  ["/help/2", "Back up your seed phrase — Support Quality Protocol"],
  ["/agents", "Agents & desks — Support Quality Protocol"],
  ["/desks/1", "Desk — Support Quality Protocol"],
  ["/rewards", "Community rewards — Support Quality Protocol"],
  ["/rate", "Rate — Support Quality Protocol"],
  ["/desk", "Desk console — Support Quality Protocol"],
  ["/desk/prove", "Prove I'm support — Support Quality Protocol"],
  ["/feedback", "Feedback report — Support Quality Protocol"],
  ["/audit", "Audit — Support Quality Protocol"],
  ["/verify/@maya.ledgerly", "Verify @maya.ledgerly — Support Quality Protocol"],
  [`/agents/${addressOf("maya")}`, "Agent — Support Quality Protocol"],
  ["/no-such-page", "Page not found — Support Quality Protocol"],
];

/** The routes, with the seeded world's first proposal's page. */
async function allRoutes(): Promise<[string, string][]> {
  const { contracts } = JSON.parse(readFileSync(path.join(E2E_ROOT, "../deployments/31337.json"), "utf8")) as { contracts: { SupportGovernor: `0x${string}` } };
  const client = createPublicClient({ transport: http(env.rpcUrl) });
  const [proposalId] = await client.readContract({
    address: contracts.SupportGovernor,
    abi: supportGovernorAbi,
    functionName: "proposalDetailsAt",
    args: [0n],
  });
  return [[`/governance/${proposalId}`, "Proposal — Support Quality Protocol"], ...STATIC_ROUTES];
}

/** The main pages whose screenshots the README shows at both sizes. */
const SCREENSHOTS: Record<string, string> = { "/": "overview", "/agents": "agents", "/audit": "audit" };

/** The page's width beyond the viewport (0 when nothing overflows), and the widest offenders for the message. */
async function overflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number; offenders: string[] }> {
  return page.evaluate(() => {
    const { scrollWidth, clientWidth } = document.documentElement;
    const offenders = [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > clientWidth + 1 && !e.closest(".table-scroll, .audit-rows"))
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} → ${Math.round(e.getBoundingClientRect().right)} px`);
    return { scrollWidth, clientWidth, offenders };
  });
}

const AXE_SOURCE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** axe-core's serious and critical findings on the page as it stands, one line each. */
async function accessibilityFindings(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SOURCE });
  return page.evaluate(async () => {
    interface AxeViolation {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: string[] }[];
    }
    const { axe } = window as Window & { axe?: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } };
    if (!axe) throw new Error("axe-core did not load");
    const { violations } = await axe.run(document, { resultTypes: ["violations"] });
    return violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `${v.impact} ${v.id} (${v.help}): ${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 3)
            .join(", ")}`,
      );
  });
}

/** Opens `route` and waits for its heading and for its reads to settle (no loading line left). */
async function visit(page: Page, route: string) {
  await page.goto(new URL(route, env.appUrl).href);
  await page.locator("main h1").first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll("main .loading").length === 0, undefined, { timeout: 30_000 });
}

async function connectDevAccount(page: Page) {
  await page.getByTestId("connect-open").click();
  await page.getByTestId("connect-dev").click();
  await page.getByTestId("dev-account-select").waitFor();
}

for (const [width, height] of [
  [390, 844],
  [1280, 800],
] as const) {
  test(
    `every route fits ${width} px with the dev account connected, with a title of its own, no console warning and no serious accessibility finding`,
    async ({ page }) => {
      const warnings: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "warning" || m.type() === "error") warnings.push(`${m.type()}: ${m.text()}`);
      });
      await page.setViewportSize({ width, height });
      const titles = new Set<string>();
      const findings: string[] = [];
      const routes = await allRoutes();
      for (const [route, title] of routes) {
        await visit(page, route);
        if (route !== "/no-such-page" && (await page.getByTestId("connect-open").count()) > 0) await connectDevAccount(page);
        const o = await overflow(page);
        assert.ok(o.scrollWidth <= o.clientWidth, `${route} at ${width} px is ${o.scrollWidth} px wide: ${o.offenders.join("; ")}`);
        assert.equal(await page.title(), title);
        titles.add(await page.title());
        findings.push(...(await accessibilityFindings(page)).map((f) => `${route}: ${f}`));
        if (SCREENSHOTS[route]) await screenshot(page, `40-${SCREENSHOTS[route]}-${width}`);
      }
      assert.equal(titles.size, routes.length);
      assert.deepEqual(warnings, []);
      // Zero serious or critical accessibility findings (axe-core, WCAG 2.x rules) on every route, at both sizes.
      assert.deepEqual(findings, []);
    },
    { timeoutMs: 180_000 },
  );
}

test("the 404 page keeps the header and the navigation", async ({ page }) => {
  await openApp(page, { path: "/no-such-page" });
  await page.getByTestId("not-found").waitFor();
  assert.equal(await page.locator("main h1").textContent(), "Page not found");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit", exact: true }).click();
  await page.waitForURL("**/audit");
});

test("Escape closes the wallet dialog and gives focus back to its button", async ({ page }) => {
  await openApp(page);
  const opener = page.getByTestId("connect-open");
  await opener.click();
  const dialog = page.getByRole("dialog", { name: "Choose a wallet" });
  await dialog.waitFor();
  assert.equal(await opener.getAttribute("aria-expanded"), "true");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  assert.equal(await opener.getAttribute("aria-expanded"), "false");
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("data-testid")), "connect-open");
  // A click outside closes it too.
  await opener.click();
  await dialog.waitFor();
  await page.locator("main h1").click();
  await dialog.waitFor({ state: "detached" });
});

test(
  "a node that does not answer is said once: banner, red badge, cached proposals marked, voting power kept",
  async ({ page }) => {
    await openApp(page, { account: "ada", path: "/governance" });
    const badge = page.getByTestId("network-badge");
    await page.waitForFunction(() => document.querySelector("[data-testid=network-badge]")?.getAttribute("data-state") === "online");
    await page.getByTestId("proposal-card").first().waitFor();

    // From the browser's side the node is gone: every request to it fails.
    await page.route(`${env.rpcUrl}/**`, (route) => route.abort("connectionrefused"));
    await page.route(env.rpcUrl, (route) => route.abort("connectionrefused"));
    await page.waitForFunction(() => document.querySelector("[data-testid=network-badge]")?.getAttribute("data-state") === "offline", undefined, {
      timeout: 20_000,
    });
    assert.equal(await badge.textContent(), "Local chain — offline");
    assert.match(
      (await page.getByTestId("connection-banner").textContent()) ?? "",
      /^Offline: the Local chain node does not answer\. What is shown is the last data read/,
    );
    await page.getByTestId("cached-notice").waitFor();
    assert.match(
      (await page.getByTestId("cached-notice").textContent()) ?? "",
      /^Cached data: these proposals, their states and tallies are as last read at \d\d:\d\d/,
    );
    assert.ok((await page.getByTestId("proposal-card").count()) > 0);
    await screenshot(page, "40-governance-offline");

    // A fresh load while offline: one sentence for the whole Overview, no section left blank.
    await page.goto(new URL("/", env.appUrl).href);
    await page.getByTestId("connection-banner").waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => document.querySelectorAll("main .loading").length === 0, undefined, { timeout: 30_000 });
    // The banner is the only alert: no section repeats the node's sentence.
    await page.waitForFunction(
      () => document.querySelectorAll("[role=alert]").length === 1 && document.querySelector("[data-testid=connection-banner]") !== null,
      undefined,
      { timeout: 15_000 },
    );
    assert.equal(await page.locator("main .error-note").count(), 0);
    const blank = await page.evaluate(() =>
      [...document.querySelectorAll("main section")]
        .filter((section) => ![...section.children].some((child) => !/^H[1-6]$/.test(child.tagName) && (child.textContent ?? "").trim() !== ""))
        .map((section) => section.querySelector("h2")?.textContent),
    );
    assert.deepEqual(blank, []);
    assert.ok((await page.locator("main .empty", { hasText: "Not available while offline." }).count()) >= 1);
    await screenshot(page, "40-overview-offline");

    await page.goto(new URL("/governance", env.appUrl).href);
    await page.getByTestId("connect-open").click();
    await page.getByRole("dialog", { name: "Choose a wallet" }).getByRole("button", { name: "E2E Wallet" }).click();
    await page.getByTestId("delegation-panel").waitFor({ timeout: 20_000 });
    await page.getByTestId("voting-power-unavailable").waitFor({ timeout: 20_000 });

    // The node answers again: the badge turns green and the banner goes.
    await page.unrouteAll();
    await page.waitForFunction(() => document.querySelector("[data-testid=network-badge]")?.getAttribute("data-state") === "online", undefined, {
      timeout: 20_000,
    });
    assert.equal(await page.getByTestId("connection-banner").count(), 0);
  },
  { timeoutMs: 120_000 },
);

test("a failed transaction's sentence does not follow the user to another account", async ({ page }) => {
  await openApp(page, { account: "eve", path: "/governance" });
  await page.getByTestId("connect-open").click();
  await page.getByRole("dialog", { name: "Choose a wallet" }).getByRole("button", { name: "E2E Wallet" }).click();
  const panel = page.getByTestId("delegation-panel");
  await panel.getByRole("button", { name: "Delegate to myself" }).waitFor();
  await rejectNextRequest(page);
  await panel.getByRole("button", { name: "Delegate to myself" }).click();
  await panel.locator(".tx-error").waitFor();
  await switchAccount(page, "ada");
  await panel.getByTestId("voting-power").filter({ hasText: "3,300,000 SQT" }).waitFor();
  assert.equal(await panel.locator(".tx-error").count(), 0);
});

test("a wallet on another network is said once, in the banner and the badge, and one click switches it", async ({ page }) => {
  await openApp(page, { account: "ada", path: "/governance", walletChainId: 1 });
  await page.getByTestId("connect-open").click();
  await page.getByRole("dialog", { name: "Choose a wallet" }).getByRole("button", { name: "E2E Wallet" }).click();
  const banner = page.locator('[data-testid=connection-banner][data-state="wrong-network"]');
  await banner.waitFor();
  assert.equal(
    await banner.textContent(),
    "Wrong network: your wallet is on chain 1. Everything shown is read from Local chain; to send anything, switch your wallet to Local chain (the button at the top right).",
  );
  assert.equal(await page.getByTestId("connection-banner").count(), 1);
  await screenshot(page, "40-wrong-network");
  await page.getByRole("button", { name: "Switch network to Local chain" }).click();
  await banner.waitFor({ state: "detached" });
  await page.getByTestId("wrong-network").waitFor({ state: "detached" });
  assert.equal(await page.getByTestId("network-badge").getAttribute("data-state"), "online");
});
