/**
 * Verify: the six standings as a person sees them, and a refused report explained in words.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { addressOf, openApp, screenshot, test } from "../harness/index.js";

async function check(page: Page, subject: string): Promise<{ standing: string | null; summary: string }> {
  await page.getByLabel("Address, handle, link, e-mail or phone", { exact: true }).fill(subject);
  await page.getByRole("button", { name: "Check", exact: true }).click();
  const result = page.getByTestId("verify-result");
  await result.waitFor();
  await page.waitForFunction((s) => decodeURIComponent(location.pathname) === `/verify/${s}`, subject);
  return { standing: await result.getAttribute("data-standing"), summary: (await page.getByTestId("verify-summary").textContent()) ?? "" };
}

test("shows an official agent with its desk, and the security script in force", async ({ page }) => {
  await openApp(page, { path: "/verify" });
  const maya = await check(page, addressOf("maya"));
  assert.equal(maya.standing, "official");
  assert.match(maya.summary, /is an official agent of Ledgerly Wallet Support, active since/);
  assert.match((await page.getByTestId("verify-advice").textContent()) ?? "", /seed phrase/i);
  await screenshot(page, "11-verify-official");

  const byHandle = await check(page, "@maya.ledgerly");
  assert.equal(byHandle.standing, "official");
  assert.match(byHandle.summary, new RegExp(`Its address is 0x${addressOf("maya").slice(2, 6)}`));
});

test("shows a suspended agent, a reported and a confirmed impersonator, and an unknown address", async ({ page }) => {
  await openApp(page, { path: `/verify/${addressOf("lee")}` });
  await page.getByTestId("verify-result").waitFor();
  assert.equal(await page.getByTestId("verify-result").getAttribute("data-standing"), "suspended");
  assert.match((await page.getByTestId("verify-summary").textContent()) ?? "", /is an agent of Nimbus Wallet Help Desk, suspended since/);
  await screenshot(page, "11-verify-suspended");

  const scammer = await check(page, addressOf("scammer"));
  assert.equal(scammer.standing, "reported");
  assert.match(scammer.summary, /has been reported as an impersonator \(1 open report\)/);
  await screenshot(page, "11-verify-reported");

  const fake = await check(page, "@ledgerly_support_help");
  assert.equal(fake.standing, "confirmed");
  assert.match(fake.summary, /is a confirmed impersonator/);

  const newcomer = await check(page, addressOf("newcomer"));
  assert.equal(newcomer.standing, "unknown");
  assert.match(newcomer.summary, /is not an official agent of any desk/);
  await screenshot(page, "11-verify-unknown");
});

test("a user reports a new impersonator, and reporting an official agent is refused in words", async ({ page }) => {
  await openApp(page, { account: "user1", path: `/verify/${addressOf("spare1")}` });
  await page.getByTestId("connect-open").click();
  await page.getByRole("dialog", { name: "Choose a wallet" }).getByRole("button", { name: "E2E Wallet" }).click();
  await page.getByTestId("connected-account").waitFor({ state: "attached" });
  assert.equal(await page.getByTestId("verify-result").getAttribute("data-standing"), "unknown");

  await page.locator("textarea[name=report-evidence]").fill("Messaged me on Discord as 'Ledgerly Support' asking for my recovery words.");
  await page.getByRole("button", { name: "Report impersonator" }).click();
  await page.getByTestId("tx-success").waitFor({ timeout: 30_000 });
  // The transaction refreshed the status it changed.
  await page.locator('[data-testid=verify-result][data-standing="reported"]').waitFor();
  await screenshot(page, "11-verify-report-filed");

  await page.locator("input[name=report-subject]").fill(addressOf("maya"));
  await page.getByRole("button", { name: "Report impersonator" }).click();
  const error = page.getByTestId("tx-error");
  await error.waitFor({ timeout: 30_000 });
  assert.equal(
    await error.textContent(),
    `0x${addressOf("maya").slice(2, 6)}…${addressOf("maya").slice(-4)} is an official agent (or was one): agents are not reported as impersonators — ask their desk to suspend them instead.`,
  );
  await screenshot(page, "11-verify-report-refused");
});
