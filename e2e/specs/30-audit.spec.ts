/**
 * Audit: the seeded world's whole history in the browser — the verdict, the filters, a row's link and
 * both exports — checked against the node's own logs.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { addressOf, E2E_ROOT, openApp, rpc, screenshot, test } from "../harness/index.js";

interface DeploymentFile {
  deploymentBlock: number;
  contracts: Record<string, string>;
}

async function nodeLogs(contract?: string): Promise<{ topics: string[] }[]> {
  const deployment = JSON.parse(await readFile(path.join(E2E_ROOT, "../deployments/31337.json"), "utf8")) as DeploymentFile;
  const address = contract ? deployment.contracts[contract] : Object.values(deployment.contracts);
  return rpc("eth_getLogs", [{ address, fromBlock: `0x${deployment.deploymentBlock.toString(16)}`, toBlock: "latest" }]);
}

async function count(page: Page): Promise<string> {
  return (await page.getByTestId("audit-count").textContent()) ?? "";
}

async function downloadText(page: Page, testId: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  return readFile((await download.path())!, "utf8");
}

test("reads the whole history, verifies it, filters it and exports it", async ({ page }) => {
  await openApp(page, { path: "/audit" });
  const verdict = page.getByTestId("audit-verdict");
  await verdict.waitFor({ timeout: 30_000 });
  assert.match((await verdict.textContent()) ?? "", /History and state agree/);
  const all = await nodeLogs();
  assert.equal(await count(page), `${all.length} events`);
  await screenshot(page, "30-audit");

  await page.getByTestId("filter-kind").selectOption("ratings");
  const ratingLogs = await nodeLogs("SupportRatings");
  assert.equal(await count(page), `${ratingLogs.length} of ${all.length} events`);

  const maya = addressOf("maya");
  await page.getByTestId("filter-agent").selectOption({ label: maya });
  const mayaText = await count(page);
  const mayaCount = Number(mayaText.split(" ")[0]);
  assert.ok(mayaCount > 0 && mayaCount < ratingLogs.length, mayaText);
  const csv = (await downloadText(page, "export-csv")).trimEnd().split("\n");
  assert.equal(csv[0], "block,time,tx,logIndex,contract,event,fields");
  assert.equal(csv.length, mayaCount + 1);
  assert.ok(csv.slice(1).every((line) => line.toLowerCase().includes(maya.toLowerCase())));

  const json = JSON.parse(await downloadText(page, "export-json")) as { rows: { args: { agent: string } }[] };
  assert.equal(json.rows.length, mayaCount);
  assert.ok(json.rows.every((r) => r.args.agent.toLowerCase() === maya.toLowerCase()));

  // A time range after the last event leaves nothing.
  await page.getByTestId("filter-from").fill("2999-01-01T00:00");
  assert.match((await page.locator(".empty").textContent()) ?? "", /No event matches these filters/);
  await page.getByRole("button", { name: "Clear" }).click();
  assert.equal(await count(page), `${all.length} events`);

  // The address filter finds every event naming an address, and a row links to its agent.
  await page.getByTestId("filter-address").fill(maya.toLowerCase());
  await page.getByTestId("audit-row").first().getByRole("link", { name: "agent" }).click();
  await page.waitForURL(`**/agents/${maya}`);
});

test("shows the verdict for every desk and agent", async ({ page }) => {
  await openApp(page, { path: "/audit" });
  await page.getByTestId("audit-verdict").waitFor({ timeout: 30_000 });
  await page.getByText("Verdict per desk, agent and policy").click();
  const desks = page.getByTestId("audit-desks").locator("tbody tr");
  assert.ok((await desks.count()) >= 2);
  assert.equal(await page.getByTestId("audit-agents").getByText("differs").count(), 0);
  assert.equal(
    await page.getByTestId("audit-agents").locator("tbody tr").getByText("match", { exact: true }).count(),
    await page.getByTestId("audit-agents").locator("tbody tr").count(),
  );
});
