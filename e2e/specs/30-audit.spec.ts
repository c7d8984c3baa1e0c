/**
 * Audit: the seeded world's whole history in the browser — the verdict, the filters, a row's link and
 * both exports — checked against the node's own logs.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { keccak256, toHex } from "viem";
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

const OWNERSHIP_TRANSFERRED = keccak256(toHex("OwnershipTransferred(address,address)"));

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

  // "Ratings" is the ratings and the community rewards computed from them: the contracts' changes of owner are
  // filed under governance.
  await page.getByTestId("filter-kind").selectOption("ratings");
  const ratingContractLogs = [...(await nodeLogs("SupportRatings")), ...(await nodeLogs("CommunityRewards"))];
  const ratingLogs = ratingContractLogs.filter((l) => l.topics[0] !== OWNERSHIP_TRANSFERRED);
  assert.ok(ratingLogs.length < ratingContractLogs.length);
  assert.equal(await count(page), `${ratingLogs.length} of ${all.length} events`);

  const maya = addressOf("maya");
  await page.getByTestId("filter-agent").selectOption(maya);
  const mayaText = await count(page);
  const mayaCount = Number(mayaText.split(" ")[0]);
  assert.ok(mayaCount > 0 && mayaCount < ratingLogs.length, mayaText);
  const csv = (await downloadText(page, "export-csv")).trimEnd().split("\n");
  // One column per field: the fixed columns, then each event field by name.
  const header = csv[0].split(",");
  assert.deepEqual(header.slice(0, 6), ["block", "time", "tx", "logIndex", "contract", "event"]);
  for (const field of ["ratingId", "deskId", "agent", "requester", "score", "verdict", "comment"]) assert.ok(header.includes(field), field);
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
  await page.getByTestId("audit-rows").getByRole("link", { name: "agent", exact: true }).first().click();
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

test("shows each event in human units, newest first by default, with the exact values one click away", async ({ page }) => {
  await openApp(page, { path: "/audit" });
  await page.getByTestId("audit-verdict").waitFor({ timeout: 30_000 });
  const blockOf = async (i: number) => Number(/block (\d+)/.exec((await page.locator(".audit-time").nth(i).getAttribute("title")) ?? "")?.[1]);
  assert.ok((await blockOf(0)) >= (await blockOf(1)));
  await page.getByTestId("newest-first").uncheck();
  assert.ok((await blockOf(0)) <= (await blockOf(1)));

  await page.getByTestId("filter-kind").selectOption("token");
  const transfer = page.getByTestId("audit-row").filter({ hasText: "Transfer" }).first();
  const summary = (await transfer.locator("summary").textContent()) ?? "";
  assert.match(summary, /value [\d,]+(\.\d+)? SQT/);
  assert.doesNotMatch(summary, /=/);
  await transfer.locator("summary").click();
  assert.match((await transfer.locator("dd code").nth(2).textContent()) ?? "", /^\d{19,}$/);

  await page.getByTestId("newest-first").check();
  await page.getByTestId("filter-kind").selectOption("governance");
  const vote = page.getByTestId("audit-row").filter({ hasText: "VoteCast" }).first();
  assert.match((await vote.locator("summary").textContent()) ?? "", /proposal id #\d{4}…\d{4} · support (For|Against|Abstain) · weight [\d,]+ SQT/);
});
