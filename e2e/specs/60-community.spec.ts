/**
 * Who is helping you: Verify names an AI assistant as a program and a community helper as a volunteer, and
 * shows an agent's credentials with their expiry; the rate page shows the credentials of the agent who helped;
 * the desk profile breaks its ratings down by credential; and a community helper claims her reward on the
 * Rewards page, the root recomputed from the ratings matching the published one.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { encodeReceiptLink, formatDate, formatShare, type Receipt, signReceipt, supportRatingsAbi, supportTokenAbi } from "@support-quality/sdk";
import { agentCredentialsAbi } from "@support-quality/sdk/abis";
import type { BrowserContext, Page } from "playwright-core";
import { type Address, createPublicClient, http, parseEther } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { DEV_MNEMONIC } from "../../scripts/stack/accounts.js";
import { CREDENTIAL_GRANTS } from "../../scripts/stack/world-community.js";
import { addressOf, chainTime, connectWallet, devAccounts, E2E_ROOT, env, openApp, screenshot, test, walletCalls } from "../harness/index.js";

const REPO = path.resolve(E2E_ROOT, "..");
const deployment = JSON.parse(readFileSync(path.join(REPO, "deployments/31337.json"), "utf8")) as {
  contracts: { SupportRatings: Address; SupportToken: Address; AgentCredentials: Address; CommunityRewards: Address };
};
const { SupportRatings, SupportToken, AgentCredentials } = deployment.contracts;
const client = () => createPublicClient({ transport: http(env.rpcUrl) });

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? "").trim();

/** A browser context whose dates read as the CLIs print them (en-GB, UTC), so texts compare exactly with `formatDate`. */
const utcContext = (context: BrowserContext, width = 1280) =>
  context.browser()!.newContext({ viewport: { width, height: 860 }, locale: "en-GB", timezoneId: "UTC" });

/** "Wallet basics until 3 Dec 2027, 19:34 UTC" for each credential of `agent` in force, oldest first, from the chain. */
async function credentialTexts(agent: Address): Promise<string[]> {
  const base = { address: AgentCredentials, abi: agentCredentialsAbi } as const;
  const ids = await client().readContract({ ...base, functionName: "credentialsOf", args: [agent] });
  const texts: string[] = [];
  for (const id of ids) {
    if (!(await client().readContract({ ...base, functionName: "isValid", args: [id] }))) continue;
    const credential = await client().readContract({ ...base, functionName: "credential", args: [id] });
    const level = await client().readContract({ ...base, functionName: "level", args: [credential.levelId] });
    texts.push(`${level.name} until ${formatDate(credential.expiresAt)}`);
  }
  return texts;
}

/** Screenshots at a desktop's and a phone's width. */
async function shots(page: Page, name: string) {
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 860 });
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 860 });
}

/** A rating link for a ticket @maya.ledgerly resolved ten minutes ago, signed by Ledgerly's issuer key. */
async function mayaReceiptLink(ticket: Pick<Receipt, "ticketId" | "requester" | "escalatedFrom">): Promise<string> {
  const issuer = devAccounts().find((a) => a.key === "ledgerlyIssuer")!;
  const account = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: issuer.index });
  const now = await chainTime();
  const receipt: Receipt = {
    deskId: 1,
    agent: addressOf("maya"),
    priority: 1,
    category: 1,
    openedAt: now - 3600,
    firstResponseAt: now - 3000,
    resolvedAt: now - 600,
    pausedSeconds: 0,
    deadline: now + 86_400,
    ...ticket,
  };
  const signature = await signReceipt(account, { chainId: 31337, verifyingContract: SupportRatings }, receipt);
  return encodeReceiptLink({ chainId: 31337, contract: SupportRatings, receipt, signer: account.address, signature });
}

test("Verify shows maya's credentials, and names the AI assistant a program and the helper a volunteer", async ({ context }) => {
  const expected = await credentialTexts(addressOf("maya"));
  assert.equal(expected.length, 2, "maya holds Wallet basics and Security specialist");
  assert.match(expected[1]!, /^Security specialist until \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC$/);

  const own = await utcContext(context);
  try {
    const page = await own.newPage();
    await openApp(page, { path: `/verify/${addressOf("maya")}` });
    await page.locator('[data-testid=verify-result][data-standing="official"]').waitFor();
    await page.getByTestId("credential").first().waitFor();
    assert.deepEqual(await page.getByTestId("credential").allTextContents(), expected);
    assert.equal(await page.locator("[data-testid=verify-result] h2").textContent(), "Official agent");
    assert.equal(await text(page, "agent-kind"), "human agent");
    assert.equal(await page.getByTestId("verify-kind").count(), 0, "a human agent needs no warning line");
    await shots(page, "60-verify-maya");

    await page.goto(new URL(`/verify/${addressOf("ledgerlyBot")}`, env.appUrl).href);
    await page.locator('[data-testid=verify-result][data-standing="official"]').waitFor();
    await page.getByTestId("verify-kind").waitFor();
    assert.equal(await page.locator("[data-testid=verify-result] h2").textContent(), "Official AI assistant");
    assert.equal(await text(page, "verify-kind"), "Official AI assistant of Ledgerly Wallet Support — a program, not a person.");
    assert.equal(await text(page, "agent-kind"), "AI assistant — a program, not a person");
    assert.match(
      await text(page, "verify-summary"),
      /^@ledgerly\.bot 0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4} is an official AI assistant of Ledgerly Wallet Support, active since /,
    );
    await page.getByTestId("credentials-none").waitFor();
    assert.equal(await text(page, "credentials-none"), "No credential in force.");
    await shots(page, "60-verify-ai-assistant");

    await page.goto(new URL("/verify/@nia.helps", env.appUrl).href);
    await page.getByTestId("verify-kind").waitFor();
    assert.equal(await text(page, "verify-kind"), "Community helper of Wallet Helpers Community — a volunteer, not staff.");
    assert.equal(await page.locator("[data-testid=verify-result] h2").textContent(), "Community helper");
    assert.deepEqual(await page.getByTestId("credential").allTextContents(), await credentialTexts(addressOf("nia")));
  } finally {
    await own.close();
  }
});

test("the rate page shows the kind and the credentials of the agent who helped", async ({ context }) => {
  const link = await mayaReceiptLink({ ticketId: 606_001n, requester: addressOf("spare1") });

  const own = await utcContext(context);
  try {
    const page = await own.newPage();
    await openApp(page, { account: "spare1", path: `/rate#${link}` });
    await page.getByTestId("receipt-facts").waitFor();
    const about = page.getByTestId("agent-about");
    await about.getByTestId("credential").first().waitFor();
    assert.equal(await about.getByTestId("agent-kind").textContent(), "human agent");
    assert.deepEqual(await about.getByTestId("credential").allTextContents(), await credentialTexts(addressOf("maya")));
    assert.match(await text(page, "who-helped"), /^@maya\.ledgerly Official agent of Ledgerly Wallet Support helped you with ticket 606001/);
    await screenshot(page, "60-rate-credentials");
  } finally {
    await own.close();
  }
});

test(
  "a ticket the AI assistant escalated to a person: the rate page says so, and the rating records the link on-chain",
  async ({ context }) => {
    const link = await mayaReceiptLink({ ticketId: 606_002n, requester: addressOf("spare2"), escalatedFrom: 606_101n });
    assert.match(link, /^v3\./);

    const own = await utcContext(context);
    try {
      const page = await own.newPage();
      await openApp(page, { account: "spare2", path: `/rate#${link}` });
      await connectWallet(page);
      await page.getByTestId("receipt-facts").waitFor();
      assert.equal(
        await text(page, "escalated-from"),
        "Ledgerly Wallet Support escalated this ticket to a person from its AI assistant's ticket 606101: the desk signed that link on this receipt. Rate this person here; the AI assistant's ticket is rated on its own receipt.",
      );
      const form = page.getByTestId("rating-form");
      await form.getByRole("radio", { name: "5" }).check();
      // Gasless: the requester signs the intent over the EscalatedReceipt, the relayer submits rateEscalated.
      await form.getByRole("button", { name: "Sign and submit rating" }).click();
      await page.getByTestId("rate-success").waitFor({ timeout: 60_000 });
      assert.ok(!(await walletCalls(page)).includes("eth_sendTransaction"), "the relayer, not the requester, sent rateEscalated");
      await screenshot(page, "60-rate-escalated");
    } finally {
      await own.close();
    }
    const escalated = (await client().getContractEvents({ address: SupportRatings, abi: supportRatingsAbi, eventName: "RatingEscalated", fromBlock: 0n })).find(
      (e) => e.args.escalatedFrom === 606_101n,
    );
    const ratingIdOf = (ticket: bigint) =>
      client().readContract({ address: SupportRatings, abi: supportRatingsAbi, functionName: "ratingIdOf", args: [1, ticket] });
    assert.deepEqual(escalated?.args, {
      ratingId: await ratingIdOf(606_002n),
      escalatedFromRatingId: await ratingIdOf(606_101n),
      deskId: 1,
      escalatedFrom: 606_101n,
    });
  },
  { timeoutMs: 120_000 },
);

test("the desk profile breaks Ledgerly's ratings down by credential", async ({ page }) => {
  const stats = (agent: Address) => client().readContract({ address: SupportRatings, abi: supportRatingsAbi, functionName: "agentStats", args: [agent] });
  const maya = await stats(addressOf("maya"));
  await openApp(page, { path: "/desks/1" });
  const rows = page.getByTestId("credential-breakdown-row");
  await rows.first().waitFor();
  const cells = async (level: string) =>
    (await page.locator(`[data-testid=credential-breakdown-row][data-level="${level}"] td`).allTextContents()).map((t) => t.trim());
  const [name, holders, count, , , sla] = await cells("2");
  assert.deepEqual([name, holders, count], ["Security specialist", "@maya.ledgerly", String(maya.count)]);
  assert.equal(sla, formatShare(Number(maya.slaMet) / Number(maya.slaMet + maya.slaBreached)));
  assert.deepEqual((await cells("1")).slice(0, 2), ["Wallet basics", "@maya.ledgerly, @theo.ledgerly"]);
  assert.deepEqual((await cells("none")).slice(0, 2), ["No credential", "@sam.ledgerly, @ledgerly.bot"]);
  await screenshot(page, "60-desk-by-credential");

  // The directory names the AI assistant for what it is; maya's profile keeps her credentials' history and evidence.
  await page.goto(new URL("/agents", env.appUrl).href);
  const bot = page.getByTestId("agent-row").filter({ hasText: "@ledgerly.bot" });
  await bot.waitFor();
  assert.equal(await bot.getByTestId("agent-kind").textContent(), "AI assistant — a program, not a person");
  await page.goto(new URL(`/agents/${addressOf("maya")}`, env.appUrl).href);
  const history = page.getByTestId("credential-row");
  await history.first().locator("a").waitFor();
  assert.deepEqual(
    await history.locator("td:last-child").allTextContents(),
    CREDENTIAL_GRANTS.filter(([agent]) => agent === "maya")
      .map(([, , evidence]) => evidence)
      .reverse(),
  );
  assert.deepEqual(await history.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-state"))), ["valid", "valid"]);
  await screenshot(page, "60-agent-credentials");
});

test("nia sees her 500 SQT on the Rewards page, the root checked, and claims it", async ({ page }) => {
  const balance = () => client().readContract({ address: SupportToken, abi: supportTokenAbi, functionName: "balanceOf", args: [addressOf("nia")] });
  const before = await balance();

  await openApp(page, { account: "nia", path: "/rewards" });
  await connectWallet(page);
  const epoch = page.locator('[data-testid=epoch][data-epoch="1"]');
  await epoch.getByTestId("root-check").waitFor({ timeout: 30_000 });
  assert.equal(await epoch.getByTestId("root-check").getAttribute("data-ok"), "true");
  assert.match(await text(page, "root-check"), /^✓ Root matches the published root \(0x[0-9a-f]{8}…[0-9a-f]{6}\): recomputed from the ratings/);
  assert.equal(await text(page, "epoch-budget"), "1,000 SQT");
  assert.match(await text(page, "epoch-total"), /^900 SQT /);
  assert.match(await text(page, "epoch-remaining"), /^1,000 SQT \(held by the epoch's vault 0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4}\)$/);
  assert.match(
    await text(page, "epoch-formula"),
    /^Ratings of Wallet Helpers Community in blocks \d+–\d+, not voided by block \d+\. A helper earns a point for each distinct user who rated them 4 or more, needs at least 2 ratings, and the budget is shared by points, at most 500 SQT a helper\.$/,
  );
  const row = (who: Address) => epoch.locator(`[data-testid=helper-reward][data-account="${who}"]`);
  assert.equal(await row(addressOf("nia")).getByTestId("helper-amount").textContent(), "500 SQT");
  assert.equal(await row(addressOf("omar")).getByTestId("helper-amount").textContent(), "400 SQT");
  assert.equal(await row(addressOf("nia")).getByTestId("helper-points").textContent(), "3 points · 4 ratings");
  assert.equal(await row(addressOf("omar")).getByTestId("helper-points").textContent(), "2 points · 3 ratings");
  assert.equal(await row(addressOf("nia")).getByTestId("helper-claimed").textContent(), "not yet");
  await epoch.getByTestId("token-balance").waitFor();
  assert.equal(await text(page, "claim-note"), "You earned 500 SQT: 3 different users rated you well in 4 ratings.");
  await shots(page, "60-rewards");

  await page.getByRole("button", { name: "Claim 500 SQT" }).click();
  await page.getByTestId("tx-success").waitFor({ timeout: 30_000 });
  assert.match(await text(page, "tx-success"), /^✓ You claimed 500 SQT\. \(0x[0-9a-f]{8}…[0-9a-f]{6}\)$/);
  await epoch.locator('[data-testid=claim-note][data-state="claimed"]').waitFor();
  assert.equal(await text(page, "claim-note"), "Claimed: you received your 500 SQT from epoch 1.");
  assert.equal(await row(addressOf("nia")).getByTestId("helper-claimed").textContent(), "claimed");
  assert.equal(await row(addressOf("omar")).getByTestId("helper-claimed").textContent(), "not yet");
  await epoch.locator("[data-testid=epoch-remaining]", { hasText: /^500 SQT / }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Claim 500 SQT" }).isDisabled(), true);
  assert.equal((await balance()) - before, parseEther("500"));
  await screenshot(page, "60-rewards-claimed");
});
