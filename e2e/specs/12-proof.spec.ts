/**
 * "Is this really support?": a user asks the person claiming to be support to prove it; the agent signs the
 * challenge in the desk console; the user checks it. Then a key that is not an agent's, an expired challenge,
 * a Cyrillic look-alike handle and look-alike links.
 */
import assert from "node:assert/strict";
import type { BrowserContext, Page } from "playwright-core";
import { connectWallet, openApp, type RoleKey, screenshot, test } from "../harness/index.js";

/** The user's side: Verify, a challenge issued, its link and phrase. */
async function issueChallenge(page: Page): Promise<{ link: string; phrase: string }> {
  await openApp(page, { path: "/verify" });
  await page.getByTestId("proof-issue").click();
  const link = await page.getByTestId("proof-challenge-link").inputValue();
  const phrase = (await page.getByTestId("proof-phrase").textContent()) ?? "";
  assert.match(link, /\/desk\/prove#[A-Za-z0-9_-]+$/);
  assert.match(phrase, /^[a-z]+-[a-z]+-\d{2}$/);
  return { link, phrase };
}

/** The other side: someone opens the challenge link in their own browser, connects `account` and signs. */
async function signAs(context: BrowserContext, account: RoleKey, link: string, phrase: string, shot?: string): Promise<string> {
  const browser = context.browser();
  assert.ok(browser);
  const agentContext = await browser.newContext();
  try {
    const agent = await agentContext.newPage();
    await openApp(agent, { account, path: new URL(link).pathname + new URL(link).hash });
    await connectWallet(agent);
    assert.equal(await agent.getByTestId("prove-phrase").textContent(), phrase);
    await agent.getByTestId("prove-sign").click();
    await agent.getByTestId("prove-result").waitFor();
    if (shot) await screenshot(agent, shot);
    return agent.getByTestId("prove-link").inputValue();
  } finally {
    await agentContext.close();
  }
}

async function checkProof(page: Page, proof: string): Promise<{ ok: string | null; sentence: string }> {
  await page.getByTestId("proof-input").fill(proof);
  await page.getByTestId("proof-check").click();
  const result = page.getByTestId("proof-result");
  await result.waitFor();
  return { ok: await result.getAttribute("data-ok"), sentence: (await result.textContent()) ?? "" };
}

test("the agent proves control in the desk console and the user sees it in green; the same proof is refused the second time", async ({ page, context }) => {
  const { link, phrase } = await issueChallenge(page);
  await screenshot(page, "12-proof-challenge");
  const proof = await signAs(context, "maya", link, phrase, "12-proof-sign");
  const started = Date.now();
  const verdict = await checkProof(page, proof);
  const elapsed = Date.now() - started;
  assert.deepEqual(verdict, { ok: "true", sentence: "This person controls @maya.ledgerly, official agent of Ledgerly Wallet Support, right now." });
  assert.ok(elapsed < 1_000, `the check took ${elapsed} ms`);
  // What kind of agent proved it: a person, not a program.
  await page.getByTestId("proof-kind").getByTestId("agent-kind").waitFor();
  assert.equal(await page.getByTestId("proof-kind").textContent(), "human agent");
  await screenshot(page, "12-proof-verified");

  const again = await checkProof(page, proof);
  assert.deepEqual(again, {
    ok: "false",
    sentence: "This challenge was already used: a signature proves control only once. Issue a new challenge.",
  });
});

test("a signature from a key that is not an agent's is red; so is an expired challenge", async ({ page, context }) => {
  const first = await issueChallenge(page);
  const fromStranger = await signAs(context, "newcomer", first.link, first.phrase);
  assert.deepEqual(await checkProof(page, fromStranger), {
    ok: "false",
    sentence: "The signature was not made by an official agent: treat this as a scam.",
  });
  await screenshot(page, "12-proof-not-agent");

  const second = await issueChallenge(page);
  const late = await signAs(context, "maya", second.link, second.phrase);
  await page.clock.setFixedTime(Date.now() + 6 * 60_000);
  assert.deepEqual(await checkProof(page, late), {
    ok: "false",
    sentence: "This challenge has expired: issue a new one and ask the person to sign it within five minutes.",
  });
});

test("a Cyrillic look-alike handle is named as such, and goes into a report with one click", async ({ page }) => {
  await openApp(page, { path: `/verify/${encodeURIComponent("@m\u0430ya.ledgerly")}` });
  const result = page.locator('[data-testid=verify-result][data-standing="look-alike"]');
  await result.waitFor();
  assert.match((await page.getByTestId("verify-summary").textContent()) ?? "", /U\+0430 CYRILLIC SMALL LETTER A/);
  assert.match((await page.getByTestId("verify-summary").textContent()) ?? "", /@maya\.ledgerly/);
  await page.getByTestId("report-look-alike").click();
  assert.match(await page.locator("textarea[name=report-evidence]").inputValue(), /@maya\.ledgerly/);
  await screenshot(page, "12-verify-look-alike");
});

test("links and e-mail addresses are read against the official channels in force", async ({ page }) => {
  const ask = async (input: string) => {
    await openApp(page, { path: `/verify/${encodeURIComponent(input)}` });
    const panel = page.getByTestId("channel-result");
    await panel.waitFor();
    return { verdict: await panel.getAttribute("data-verdict"), summary: (await page.getByTestId("channel-summary").textContent()) ?? "" };
  };
  assert.deepEqual(await ask("https://support.ledgerly.example/ticket/42"), {
    verdict: "official",
    summary: "support.ledgerly.example is an official support channel (support.ledgerly.example in the Official channels policy).",
  });
  const fake = await ask("https://ledgerly.example.account-verify.io/login");
  assert.equal(fake.verdict, "look-alike");
  assert.match(fake.summary, /^LOOK-ALIKE of official domain ledgerly\.example/);
  await screenshot(page, "12-verify-look-alike-domain");
  assert.equal((await ask("help@orbitwallet.example")).verdict, "official");
  assert.equal(await page.locator("textarea[name=report-evidence]").count(), 0);
});
