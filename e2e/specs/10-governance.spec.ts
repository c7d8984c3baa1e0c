/**
 * Governance end to end in the browser: a holder who never delegated is prompted and delegates; a
 * holder proposes an SLA change with the wizard (whose preview simulates it), votes gaslessly with a reason
 * that then shows in the voter list, and — with the chain's clock moved forward — queues it, waits out the
 * timelock (Execute stays disabled until then) and executes it; the Policies page then shows the new
 * version with a matching content hash, the parameter diff, and a link back to the proposal.
 */
import assert from "node:assert/strict";
import { addressOf } from "../../scripts/stack/accounts.js";
import { advanceTime, connectWallet, openApp, rpc, screenshot, test } from "../harness/index.js";

const ADA = addressOf("ada");

const NEW_TEXT = "Funds-at-risk tickets come first. Every desk publishes its queue times.";

test("a holder who never delegated is prompted, delegates to herself and gets her voting power", async ({ page }) => {
  await openApp(page, { account: "eve", path: "/governance" });
  await connectWallet(page);
  const prompt = page.getByTestId("delegate-prompt");
  await prompt.waitFor();
  assert.match((await prompt.textContent()) ?? "", /Your 500,000 SQ\w do not count in votes yet/);
  assert.equal(await page.getByTestId("voting-power").textContent(), "0 SQT");
  await screenshot(page, "10-governance-delegate-prompt");
  await page.getByRole("button", { name: "Delegate to myself" }).click();
  await page.getByTestId("tx-success").waitFor({ timeout: 30_000 });
  await page.getByTestId("delegate-prompt").waitFor({ state: "detached" });
  assert.equal(await page.getByTestId("voting-power").textContent(), "500,000 SQT");
});

test("a policy change goes from the wizard through vote, queue and execution to the Policies page", async ({ page }) => {
  await openApp(page, { account: "ada", path: "/governance/new" });
  await connectWallet(page);
  await page.getByLabel("Urgent first response, minutes").fill("10");
  await page.locator("textarea[name=text]").fill(NEW_TEXT);
  await page.locator("textarea[name=rationale]").fill("Funds-at-risk tickets cannot wait half an hour.");
  const preview = page.getByTestId("wizard-preview");
  await preview.waitFor();
  assert.match((await preview.getByTestId("decoded-call").textContent()) ?? "", /Publish a new version of policy #\d+: Service levels \(SLA\)/);
  await page.getByTestId("quorum-preview").waitFor();
  assert.match((await page.getByTestId("quorum-preview").textContent()) ?? "", /ordinary action.*quorum of 4 % of the supply/);
  const hash = (await page.getByTestId("preview-hash").textContent())!;
  // The preview runs the proposal as the timelock would, now, and says what it would change.
  await preview.locator("[data-testid=simulation-outcome][data-ok=true]").waitFor({ timeout: 30_000 });
  assert.match(
    (await preview.getByTestId("effect").first().textContent()) ?? "",
    /Support SLA v2 would take effect on execution: Urgent first response 30 min → 10 min\./,
  );
  assert.match((await preview.getByTestId("param-changes").textContent()) ?? "", /Urgent first response30 min10 min/);
  await screenshot(page, "10-governance-wizard");

  await page.getByRole("button", { name: "Submit proposal" }).click();
  await page.waitForURL(/\/governance\/\d+$/, { timeout: 30_000 });
  const proposalUrl = page.url();
  assert.equal(await page.getByTestId("proposal-state").textContent(), "Pending");
  await screenshot(page, "10-governance-proposal-pending");

  await advanceTime(60 * 60 + 1); // voting delay
  await page.goto(proposalUrl);
  await page.getByRole("button", { name: "Vote For" }).waitFor();
  assert.equal(await page.getByTestId("proposal-state").textContent(), "Active");
  await page.locator("textarea[name=vote-reason]").fill("Faster help when funds are at risk.");
  // Gasless: ada signs the ballot, the relayer submits castVoteWithReasonAndParamsBySig and pays the gas.
  assert.equal(await page.getByTestId("vote-gasless").isChecked(), true);
  const balanceBefore = BigInt(await rpc<string>("eth_getBalance", [ADA, "latest"]));
  await page.getByRole("button", { name: "Vote For" }).click();
  // The relayer service's status, live: queued → submitted → confirmed.
  await page.locator("[data-testid=relay-status][data-step=confirmed]").waitFor({ timeout: 30_000 });
  assert.equal(BigInt(await rpc<string>("eth_getBalance", [ADA, "latest"])), balanceBefore, "the voter paid no gas");
  await page.locator("[data-testid=tally]", { hasText: "For 3,300,000 SQT" }).waitFor();
  await page.locator("[data-testid=my-vote]", { hasText: "Faster help" }).waitFor();
  assert.match((await page.getByTestId("my-vote").textContent()) ?? "", /you voted For with 3,300,000 SQT — “Faster help when funds are at risk\.”/);
  assert.equal(await page.locator("textarea[name=vote-reason]").count(), 0, "the reason box is gone once the vote is cast");
  const row = page.getByTestId("voter-row").filter({ hasText: "Faster help when funds are at risk." });
  await row.waitFor();
  assert.match((await row.textContent()) ?? "", /For3,300,000 SQT/);
  await screenshot(page, "10-governance-voted");

  await advanceTime(3 * 24 * 60 * 60 + 1); // voting period
  await page.goto(proposalUrl);
  await page.getByRole("button", { name: "Queue for execution" }).click();
  await page.getByTestId("tx-success").waitFor({ timeout: 30_000 });

  await page.goto(proposalUrl);
  await page.getByTestId("execute-wait").waitFor();
  assert.match((await page.getByTestId("execute-wait").textContent()) ?? "", /In the timelock: executable in (23 h|1 d)/);
  assert.equal(await page.getByRole("button", { name: "Execute" }).isDisabled(), true, "Execute waits for the timelock");
  await screenshot(page, "10-governance-timelock");

  await advanceTime(24 * 60 * 60 + 1); // timelock delay
  await page.goto(proposalUrl);
  await page.getByRole("button", { name: "Execute" }).click();
  await page.getByTestId("tx-success").waitFor({ timeout: 30_000 });
  await page.locator('[data-testid=proposal-state]:text("Executed")').waitFor();

  await page.goto(new URL("/policies", proposalUrl).href);
  await page.getByRole("link", { name: "Support SLA", exact: true }).click();
  const versions = page.locator("[data-testid^=policy-version-]");
  await versions.first().waitFor();
  const latest = versions.first();
  assert.ok(((await latest.textContent()) ?? "").includes(NEW_TEXT), "the latest version carries the proposed text");
  const check = latest.getByTestId("hash-check");
  await check.locator("xpath=self::*[@data-ok='true']").waitFor();
  assert.equal(await check.getAttribute("title"), `hash of kind, text, link and typed values = ${hash}`);
  await page.getByTestId("policy-diff").waitFor();
  assert.match((await page.getByTestId("param-changes").textContent()) ?? "", /Urgent first response30 min10 min/);
  await latest.getByTestId("published-by-proposal").click();
  await page.waitForURL(proposalUrl);
  await screenshot(page, "10-policies-new-version");
  assert.ok((await rpc<string>("eth_blockNumber")) !== "0x0");
});

test("the wizard gives a desk its own business hours, and the preview runs the proposal", async ({ page }) => {
  await openApp(page, { account: "ada", path: "/governance/new" });
  await connectWallet(page);
  await page.getByLabel("Urgent: count business hours").check();
  await page.getByTestId("calendar-fields").waitFor();
  await page.getByTestId("add-desk-calendar").click();
  const desk = page.getByTestId("desk-0-calendar-fields");
  await desk.waitFor();
  // The desk's calendar starts as a copy of the protocol-wide one; this desk opens an hour later on Mondays.
  await desk.locator("input[name=desk-0-opens-0]").fill("10:00");
  await page.locator("textarea[name=text]").fill("Urgent tickets count business hours; one desk opens later on Mondays.");
  await page.locator("textarea[name=rationale]").fill("Desks are not staffed around the clock.");
  const preview = page.getByTestId("wizard-preview");
  await preview.waitFor();
  const deskId = await desk.locator("select[name=desk-0-id]").inputValue();
  await preview.locator("[data-testid=simulation-outcome][data-ok=true]").waitFor({ timeout: 30_000 });
  // What the timelock would do, simulated: the new SLA version with this desk's own hours.
  assert.match(
    (await preview.getByTestId("effect").first().textContent()) ?? "",
    new RegExp(`Desk #${deskId}'s business hours: Mon 10:00–17:00, Tue–Fri 09:00–17:00`),
  );
  await screenshot(page, "10-governance-desk-calendar");

  // An impossible desk calendar is refused with a sentence, before anything is signed.
  await desk.locator("input[name=desk-0-closes-0]").fill("09:00");
  assert.match((await page.getByTestId("wizard-problems").textContent()) ?? "", new RegExp(`Desk #${deskId}'s calendar: `));
  assert.equal(await page.getByTestId("wizard-preview").count(), 0);
});
