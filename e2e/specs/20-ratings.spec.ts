/**
 * Ratings end to end: a desk's issuer signs a receipt in the console, the requester opens the link in
 * another browser context and rates it (relayed through rateBySig), the agent's profile shows the new
 * count, distribution and SLA result; a replayed, damaged or foreign link is refused before any
 * transaction; and the help-desk CLI (scripts/issue-receipt.ts) issues a link the rate page accepts.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { encodeReceiptLink, formatDate, type Receipt, ratingIdParts, signReceipt, supportRatingsAbi } from "@support-quality/sdk";
import type { Page } from "playwright-core";
import { type Address, createPublicClient, type Hex, http } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { DEV_MNEMONIC } from "../../scripts/stack/accounts.js";
import { DEV_RELAYER_INDEX } from "../../scripts/stack/relayer.js";
import { addressOf, chainTime, connectWallet, devAccounts, E2E_ROOT, env, openApp, screenshot, test, walletCalls } from "../harness/index.js";

const REPO = path.resolve(E2E_ROOT, "..");
const deployment = JSON.parse(readFileSync(path.join(REPO, "deployments/31337.json"), "utf8")) as {
  contracts: { SupportRatings: Address };
};
const RATINGS = deployment.contracts.SupportRatings;
const client = () => createPublicClient({ transport: http(env.rpcUrl) });

const stats = (agent: Address) => client().readContract({ address: RATINGS, abi: supportRatingsAbi, functionName: "agentStats", args: [agent] });

async function text(page: Page, testId: string) {
  return ((await page.getByTestId(testId).textContent()) ?? "").trim();
}

/** Signs a receipt the way the seeded issuer key of desk 1 (Ledgerly) does, for links the console would not make. */
async function ledgerlyLink(receipt: Partial<Receipt>, contract: Address = RATINGS) {
  const issuer = devAccounts().find((a) => a.key === "ledgerlyIssuer")!;
  const account = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: issuer.index });
  const now = await chainTime();
  const full: Receipt = {
    ticketId: 777_001n,
    deskId: 1,
    agent: addressOf("maya"),
    requester: addressOf("spare1"),
    priority: 1,
    category: 2,
    openedAt: now - 3600,
    firstResponseAt: now - 3000,
    resolvedAt: now - 600,
    pausedSeconds: 0,
    deadline: now + 86_400,
    ...receipt,
  };
  const signature = await signReceipt(account, { chainId: 31337, verifyingContract: contract }, full);
  return encodeReceiptLink({ chainId: 31337, contract, receipt: full, signer: account.address, signature });
}

test(
  "an issuer signs a receipt, the requester rates it through the relayer, the profile counts it, a replay is refused",
  async ({ page, context }) => {
    const agent = addressOf("sam");
    const requester = addressOf("spare1");
    const before = await stats(agent);

    // The desk console, as Ledgerly's issuer key.
    await openApp(page, { account: "ledgerlyIssuer", path: "/desk" });
    await connectWallet(page);
    const form = page.getByTestId("receipt-form");
    await form.waitFor();
    await form.locator("select[name=agent]").selectOption(agent);
    await form.locator("input[name=ticketId]").fill("424242");
    await form.locator("select[name=priority]").selectOption({ label: "High" });
    await form.locator("input[name=requester]").fill(requester);
    // A v2 receipt: the ticket's category and 5 minutes it waited on the requester.
    await form.locator("select[name=category]").selectOption({ label: "Transactions & gas" });
    await form.locator("input[name=pausedMinutes]").fill("5");
    // Default times: opened 2 h ago, answered 20 min later, resolved 15 min ago — within every High target.
    assert.match(await text(page, "console-preview"), /If rated now, the contract will record: SLA met\. The requester has .+ to rate, until .+\./);
    await form.getByRole("button", { name: "Sign receipt" }).click();
    await page.getByTestId("rating-link").waitFor();
    const url = await page.getByTestId("rating-url").inputValue();
    assert.match(url, new RegExp(`^${env.appUrl}rate#v3\\.[A-Za-z0-9_-]+$`));
    assert.equal(await page.getByRole("img", { name: "QR code of the rating link" }).count(), 1);
    assert.ok((await walletCalls(page)).includes("eth_signTypedData_v4"));
    assert.ok(!(await walletCalls(page)).includes("eth_sendTransaction"), "signing a receipt sends no transaction");
    await screenshot(page, "20-desk-console");

    // The requester opens the link in a browser context of their own.
    const requesterContext = await context.browser()!.newContext({ viewport: { width: 1280, height: 860 } });
    try {
      const rate = await requesterContext.newPage();
      await openApp(rate, { account: "spare1", path: new URL(url).pathname + new URL(url).hash });
      await connectWallet(rate);
      await rate.getByTestId("receipt-facts").waitFor();
      assert.equal(await rate.getByTestId("agent-link").textContent(), "@sam.ledgerly");
      assert.equal(await text(rate, "agent-standing"), "Official agent");
      assert.equal(await text(rate, "sla-verdict"), "SLA met");
      // Two summary lines (who helped, the service level); the rest behind "Details".
      assert.match(await text(rate, "who-helped"), /^@sam\.ledgerly Official agent of Ledgerly .+ helped you with ticket 424242 · Transactions & gas\.$/);
      assert.equal(await rate.getByTestId("paused-time").isVisible(), false, "details are folded");
      await rate.getByText("Details").click();
      assert.equal(await text(rate, "paused-time"), "5 min (not counted against the desk's resolution time)");
      assert.match(await text(rate, "window-left"), /You can rate until .+ — (6 d 23 h|7 d) left\./);
      const ratingForm = rate.getByTestId("rating-form");
      await ratingForm.getByRole("radio", { name: "4" }).check();
      await ratingForm.getByRole("checkbox", { name: "fast" }).check();
      await ratingForm.getByRole("checkbox", { name: "solved" }).check();
      await ratingForm.locator("textarea[name=comment]").fill("Quick and clear, my stuck transaction went through.");
      assert.ok(await rate.getByTestId("use-relayer").isChecked(), "the relayer is the default on the local chain");
      await screenshot(rate, "20-rate-page");
      await ratingForm.getByRole("button", { name: "Sign and submit rating" }).click();
      await rate.getByTestId("rate-success").waitFor({ timeout: 20_000 });
      // The requester signed a RatingIntent; the relayer service, not the requester, sent the transaction,
      // and the page showed the request's status on the way.
      assert.ok(!(await walletCalls(rate)).includes("eth_sendTransaction"));
      assert.ok((await walletCalls(rate)).includes("eth_signTypedData_v4"));

      // The requester is data, not a topic: read the latest block's ratings and pick the requester's.
      const rated = (await client().getContractEvents({ address: RATINGS, abi: supportRatingsAbi, eventName: "Rated" })).find(
        (e) => e.args.requester?.toLowerCase() === requester.toLowerCase(),
      );
      assert.ok(rated, "a Rated event for the requester");
      assert.deepEqual(
        {
          desk: rated.args.deskId,
          agent: rated.args.agent,
          ticket: ratingIdParts(rated.args.ratingId!).ticketId,
          score: rated.args.score,
          tags: rated.args.tags,
          category: rated.args.category,
          verdict: rated.args.verdict,
        },
        { desk: 1, agent, ticket: 424242n, score: 4, tags: 0b101, category: 2, verdict: 1 },
      );
      const tx = await client().getTransaction({ hash: rated.transactionHash! });
      // Paid by the relayer service's own key (npm start's dev key), not by a node-unlocked account.
      assert.equal(tx.from.toLowerCase(), mnemonicToAccount(DEV_MNEMONIC, { addressIndex: DEV_RELAYER_INDEX }).address.toLowerCase());
      const gas = (await client().getTransactionReceipt({ hash: rated.transactionHash! })).gasUsed;
      console.log(`      rateBySig gas used: ${gas}`);

      const after = await stats(agent);
      assert.equal(after.count, before.count + 1n);
      assert.equal(after.histogram[3], before.histogram[3] + 1n);
      assert.equal(after.slaMet, before.slaMet + 1n);

      // The agent's profile shows the new count, distribution and SLA result.
      await rate.getByRole("link", { name: "the agent's profile" }).click();
      await rate.getByTestId("stats-summary").waitFor();
      assert.equal(await text(rate, "rating-count"), String(after.count));
      assert.equal(await rate.getByTestId("score-4").locator("td").textContent(), String(after.histogram[3]));
      assert.match(await text(rate, "sla-compliance"), new RegExp(`\\(${after.slaMet} met, ${after.slaBreached} breached\\)`));
      const newest = rate.getByTestId("rating").first();
      assert.match((await newest.textContent()) ?? "", /4 \/ 5\s+SLA met[\s\S]*ticket 424242/);
      assert.match((await newest.textContent()) ?? "", /#fast #solved/);
      await screenshot(rate, "20-agent-profile");

      // The feedback report counts it under its category for Ledgerly.
      await rate.goto(new URL("feedback", env.appUrl).href);
      await rate.getByTestId("feedback-desk").waitFor({ timeout: 30_000 });
      await rate.getByTestId("feedback-desk").selectOption({ label: "Ledgerly Wallet Support" });
      // As many as Ledgerly's non-voided "Transactions & gas" ratings on-chain.
      const [ledgerly, voids] = await Promise.all([
        client().getContractEvents({ address: RATINGS, abi: supportRatingsAbi, eventName: "Rated", args: { deskId: 1 }, fromBlock: 0n }),
        client().getContractEvents({ address: RATINGS, abi: supportRatingsAbi, eventName: "RatingVoided", fromBlock: 0n }),
      ]);
      const voided = new Set(voids.map((v) => v.args.ratingId));
      const expected = ledgerly.filter((l) => l.args.category === 2 && !voided.has(l.args.ratingId) && !ratingIdParts(l.args.ratingId!).selfSignedBy).length;
      const gasRow = rate.getByTestId("feedback-category-2");
      assert.equal(
        await gasRow
          .locator("th")
          .textContent()
          .then((t) => t?.trim()),
        "Transactions & gas",
      );
      assert.equal(await gasRow.locator("td").first().textContent(), String(expected));
      assert.equal(await rate.getByTestId("feedback-chart").count(), 1);
      // SLA breaches by priority: the row of this ticket's priority and category counts the same ratings' verdicts.
      const samePriority = ledgerly.filter(
        (l) =>
          l.args.category === 2 &&
          l.args.priority === rated.args.priority &&
          l.args.verdict !== 0 &&
          !voided.has(l.args.ratingId) &&
          !ratingIdParts(l.args.ratingId!).selfSignedBy,
      );
      const met = samePriority.filter((l) => l.args.verdict === 1).length;
      assert.deepEqual(await rate.getByTestId(`feedback-sla-${rated.args.priority}-2`).locator("td").allTextContents(), [
        "Transactions & gas",
        String(met),
        String(samePriority.length - met),
      ]);
      await screenshot(rate, "20-feedback-report");

      // The same link again: refused before anything is signed or sent.
      const callsBefore = (await walletCalls(rate)).length;
      await rate.goto(url);
      await rate.getByTestId("rate-blocker").waitFor();
      assert.match(await text(rate, "rate-blocker"), /This ticket has already been rated: a receipt can be used once\./);
      assert.equal(await rate.getByTestId("rating-form").count(), 0);
      assert.ok(!(await walletCalls(rate)).slice(callsBefore).some((m) => m === "eth_sendTransaction" || m === "eth_signTypedData_v4"));
    } finally {
      await requesterContext.close();
    }
  },
  { timeoutMs: 120_000 },
);

test("damaged, foreign, expired and unauthorised links get a sentence before any transaction", async ({ page }) => {
  await openApp(page, { account: "spare1", path: "/rate" });
  await connectWallet(page);
  const blocker = async (payload: string) => {
    await page.goto(new URL(`rate#${payload}`, env.appUrl).href);
    await page.reload(); // a fragment change alone does not reload the page; the requester opens a fresh link
    await page.getByTestId("rate-blocker").waitFor();
    return text(page, "rate-blocker");
  };

  assert.equal(await blocker(""), "This page needs a rating link: open the link the help desk sent you.");
  const good = await ledgerlyLink({});
  const flipped = good.slice(0, 60) + (good[60] === "A" ? "B" : "A") + good.slice(61);
  assert.match(await blocker(flipped), /^This rating link is damaged: it was changed or mistyped/);
  assert.match(await blocker(good.slice(0, 120)), /^This rating link is (incomplete|damaged)/);
  assert.match(
    await blocker(await ledgerlyLink({}, "0x000000000000000000000000000000000000dEaD")),
    /^This rating link was made for another ratings contract \(0x0000…dEaD\)/,
  );
  const now = await chainTime();
  assert.match(await blocker(await ledgerlyLink({ ticketId: 777_002n, deadline: now - 1 })), /^This receipt expired on /);
  // Signed by Ledgerly's key for a Nimbus agent: the contract's simulation names the problem.
  assert.match(await blocker(await ledgerlyLink({ ticketId: 777_003n, deskId: 2, agent: addressOf("ines") })), /may not sign receipts for desk #2\./);
  await screenshot(page, "20-rate-refused");
  assert.ok(!(await walletCalls(page)).includes("eth_sendTransaction"));
});

test(
  "the help-desk CLI signs a receipt whose link the requester rates directly",
  async ({ page }) => {
    const now = await chainTime();
    const { stdout, stderr } = await promisify(execFile)("npx", ["hardhat", "run", "--no-compile", "scripts/issue-receipt.ts", "--network", "localhost"], {
      cwd: REPO,
      env: {
        ...process.env,
        TICKET_ID: "515151",
        AGENT: addressOf("theo"),
        REQUESTER: addressOf("newcomer"),
        PRIORITY: "Urgent",
        CATEGORY: "4",
        PAUSED_SECONDS: "300",
        OPENED_AT: String(now - 4 * 3600),
        FIRST_RESPONSE_AT: String(now - 3 * 3600),
        RESOLVED_AT: String(now - 600),
        DAPP_URL: env.appUrl,
      },
    });
    const url = stdout.trim();
    // The real last moment to rate: the rules' 7-day window from the resolution, before the link's 30 days.
    assert.match(stderr, new RegExp(`Rateable until ${formatDate(now - 600 + 7 * 86_400)} \\(SLA verdict if rated: breached\\)\\.`));
    assert.match(url, new RegExp(`^${env.appUrl}rate#v3\\.`));

    await openApp(page, { account: "newcomer", path: new URL(url).pathname + new URL(url).hash });
    await connectWallet(page);
    await page.getByTestId("receipt-facts").waitFor();
    assert.equal(await page.getByTestId("agent-link").textContent(), "@theo.ledgerly");
    // Urgent: a first response after an hour misses every SLA version's target.
    assert.equal(await text(page, "sla-verdict"), "SLA breached");
    const form = page.getByTestId("rating-form");
    await form.getByRole("radio", { name: "2" }).check();
    await page.getByTestId("use-relayer").uncheck();
    await form.getByRole("button", { name: "Submit rating" }).click();
    await page.getByTestId("rate-success").waitFor({ timeout: 20_000 });
    assert.ok((await walletCalls(page)).includes("eth_sendTransaction"), "the requester paid for `rate` themselves");

    const rated = (await client().getContractEvents({ address: RATINGS, abi: supportRatingsAbi, eventName: "Rated" })).find(
      (e) => e.args.requester?.toLowerCase() === addressOf("newcomer").toLowerCase(),
    );
    assert.deepEqual(
      { ticket: ratingIdParts(rated!.args.ratingId!).ticketId, score: rated!.args.score, category: rated!.args.category, verdict: rated!.args.verdict },
      { ticket: 515151n, score: 2, category: 4, verdict: 2 },
    );
    const gas = (await client().getTransactionReceipt({ hash: rated!.transactionHash as Hex })).gasUsed;
    console.log(`      rate gas used: ${gas}`);
  },
  { timeoutMs: 180_000 },
);

test(
  "the CLI refuses bad input with a sentence and a non-zero exit",
  async () => {
    const run = promisify(execFile)("npx", ["hardhat", "run", "--no-compile", "scripts/issue-receipt.ts", "--network", "localhost"], {
      cwd: REPO,
      env: { ...process.env, TICKET_ID: "1", AGENT: addressOf("theo"), REQUESTER: "0x1234", OPENED_AT: "1" },
    });
    await assert.rejects(run, (error: { code?: number; stderr?: string }) => {
      assert.equal(error.code, 1);
      assert.match(error.stderr ?? "", /issue-receipt: REQUESTER "0x1234" is not an Ethereum address\./);
      return true;
    });
    const now = await chainTime();
    const badCategory = promisify(execFile)("npx", ["hardhat", "run", "--no-compile", "scripts/issue-receipt.ts", "--network", "localhost"], {
      cwd: REPO,
      env: { ...process.env, TICKET_ID: "2", AGENT: addressOf("theo"), REQUESTER: addressOf("newcomer"), OPENED_AT: String(now - 3600), CATEGORY: "9" },
    });
    await assert.rejects(badCategory, (error: { code?: number; stderr?: string }) => {
      assert.equal(error.code, 1);
      assert.match(
        error.stderr ?? "",
        /issue-receipt: Category 9 does not exist: the rating rules in force define categories 1 to 5 \(0 = uncategorised\)\.\n/,
      );
      return true;
    });
  },
  { timeoutMs: 180_000 },
);

test("the agent replies to a rating from their profile, once", async ({ page }) => {
  const agent = addressOf("sam");
  // Found through the directory's search, as the agent would find their own page.
  await openApp(page, { account: "sam", path: "/agents" });
  await connectWallet(page);
  await page.getByTestId("agent-table").waitFor();
  // Ledgerly, Nimbus, Orbit and the Wallet Helpers Community.
  assert.equal(await page.getByTestId("desk-card").count(), 4);
  await page.getByRole("searchbox", { name: "Search" }).fill("sam.led");
  assert.equal(await page.getByTestId("agent-row").count(), 1);
  await page.getByRole("link", { name: "@sam.ledgerly" }).click();
  await page.getByTestId("stats-summary").waitFor();
  // The rating of the first test (newest first) has no reply yet: only its agent sees the form.
  const newest = page.getByTestId("rating").first();
  await newest.getByRole("button", { name: "Reply" }).waitFor();
  await newest.locator("textarea").fill("Glad it went through — thanks for rating!");
  await newest.getByRole("button", { name: "Reply" }).click();
  await newest.getByTestId("reply").waitFor({ timeout: 20_000 });
  assert.equal((await newest.getByTestId("reply").textContent())?.trim(), "Agent's reply: Glad it went through — thanks for rating!");
  assert.equal(await newest.getByRole("button", { name: "Reply" }).count(), 0);

  const replies = await client().getContractEvents({ address: RATINGS, abi: supportRatingsAbi, eventName: "RatingReplied", args: { agent } });
  assert.equal(replies.at(-1)?.args.reply, "Glad it went through — thanks for rating!");
});

// Last in this file: it stops the relayer (the runner starts a fresh one before the next file).
test(
  "with the relayer down, the rate page says so in a sentence, keeps the rating typed, and the requester pays the gas instead",
  async ({ page }) => {
    const link = await ledgerlyLink({ ticketId: 777_400n, requester: addressOf("spare2") });
    await env.stopRelayer();
    await openApp(page, { account: "spare2", path: `/rate#${link}` });
    await connectWallet(page);
    await page.getByTestId("receipt-facts").waitFor();
    const form = page.getByTestId("rating-form");
    await form.getByRole("radio", { name: "4" }).check();
    await form.locator("textarea").fill("Kept through the relayer outage.");
    assert.ok(await page.getByTestId("use-relayer").isChecked(), "the relayer is the default");
    await form.getByRole("button", { name: "Sign and submit rating" }).click();
    await page.getByTestId("relay-error").waitFor({ timeout: 20_000 });
    assert.equal(
      await text(page, "relay-error"),
      "The relayer at http://127.0.0.1:8547 cannot be reached. You can pay the gas yourself instead: nothing was sent, and your input is kept.",
    );
    // Nothing typed is lost, and the form now pays gas itself.
    assert.equal(await form.locator("textarea").inputValue(), "Kept through the relayer outage.");
    assert.ok(await form.getByRole("radio", { name: "4" }).isChecked());
    assert.equal(await page.getByTestId("use-relayer").isChecked(), false);
    assert.ok(!(await walletCalls(page)).includes("eth_sendTransaction"), "nothing was sent while the relayer was down");
    await screenshot(page, "20-rate-relayer-down");

    await form.getByRole("button", { name: "Submit rating" }).click();
    await page.getByTestId("rate-success").waitFor({ timeout: 20_000 });
    assert.ok((await walletCalls(page)).includes("eth_sendTransaction"), "the requester paid for `rate` themselves");
    const rated = (await client().getContractEvents({ address: RATINGS, abi: supportRatingsAbi, eventName: "Rated", fromBlock: 0n })).find(
      (e) => e.args.requester === addressOf("spare2") && ratingIdParts(e.args.ratingId!).ticketId === 777_400n,
    );
    assert.deepEqual(
      { ticket: ratingIdParts(rated!.args.ratingId!).ticketId, score: rated!.args.score, comment: rated!.args.comment },
      { ticket: 777_400n, score: 4, comment: "Kept through the relayer outage." },
    );
  },
  { timeoutMs: 120_000 },
);
