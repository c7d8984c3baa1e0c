/**
 * The help centre: a user searches "seed phrase", reads the DAO's article (hash checked) and says it helped;
 * the article a second proposal updated shows its history and the diff; the Overview answers a question with
 * quotations; and a holder proposes an article update with the editor, whose preview shows the diff.
 */
import assert from "node:assert/strict";
import { SEED_ARTICLES } from "../../scripts/stack/world-articles.js";
import { connectWallet, openApp, screenshot, test } from "../harness/index.js";

const idOf = (key: string) => SEED_ARTICLES.findIndex((a) => a.key === key) + 1;
const BACKUP = idOf("backup-seed-phrase");
const FAKE_SUPPORT = idOf("fake-support");

test("a user searches “seed phrase”, opens the DAO's article and says it helped", async ({ page }) => {
  await openApp(page, { account: "user6", path: "/help" });
  await connectWallet(page);
  await page.getByTestId("help-search").fill("seed phrase");
  const first = page.getByTestId("help-results").locator("li").first();
  await first.waitFor();
  assert.equal(await first.locator("a").textContent(), "Back up your seed phrase");
  assert.match((await first.getByTestId("help-passage").textContent()) ?? "", /seed phrase/i);
  await screenshot(page, "50-help-search");

  await first.locator("a").click();
  await page.waitForURL(`**/help/${BACKUP}`);
  await page.locator('[data-testid=article-hash-check-1][data-ok="true"]').waitFor();
  assert.match((await page.getByTestId("article-body").textContent()) ?? "", /seed phrase/);
  assert.equal(await page.getByTestId("article-body").locator("script, iframe, img").count(), 0);
  assert.equal((await page.getByTestId("helpful-count").textContent())?.trim(), "3 of 3 found this helpful");

  await page.getByTestId("helpful-yes").click();
  await page.getByTestId("helpful-mine").waitFor({ timeout: 30_000 });
  assert.match((await page.getByTestId("helpful-mine").textContent()) ?? "", /version 1/);
  await page.locator("[data-testid=helpful-count]", { hasText: "4 of 4 found this helpful" }).waitFor();
  await screenshot(page, "50-help-article");
});

test("the fake-support article shows both versions, the second proposal's diff and the security script", async ({ page }) => {
  await openApp(page, { path: `/help/${FAKE_SUPPORT}` });
  await page.getByTestId("article-history").waitFor();
  assert.equal(await page.getByTestId("article-history").locator("li").count(), 2);
  await page.locator('[data-testid=article-hash-check-2][data-ok="true"]').waitFor();
  await page.locator('[data-testid=article-hash-check-1][data-ok="true"]').waitFor();
  await page.getByRole("button", { name: "changes from version 1" }).click();
  const diff = page.getByTestId("article-diff");
  await diff.waitFor();
  assert.match((await diff.locator("ins").allTextContents()).join(""), /Check before you trust/);
  assert.equal(await diff.locator("del").count(), 0, "version 2 only adds a section");
  assert.match((await page.getByTestId("security-script-link").textContent()) ?? "", /Security script/i);
  await screenshot(page, "50-help-diff");
});

test("the Overview answers a typed question with quotations of the DAO's articles", async ({ page }) => {
  await openApp(page, { path: "/" });
  const box = page.getByTestId("help-search");
  await box.fill("my transaction is stuck pending");
  await box.press("Enter");
  const first = page.getByTestId("help-results").locator("li").first();
  await first.waitFor();
  assert.match((await first.locator("a").textContent()) ?? "", /transaction pending/i);
  assert.match((await page.locator(".help-search-box").textContent()) ?? "", /no generated answers/i);
});

test("a holder proposes an article update with the editor: preview, diff against the version in force, critical quorum", async ({ page }) => {
  await openApp(page, { account: "ada", path: `/governance/new-article?article=${FAKE_SUPPORT}` });
  await connectWallet(page);
  const body = page.locator("textarea[name=body]");
  await body.waitFor();
  await body.fill(`${await body.inputValue()}\n\n## One more sign\n\nReal support never asks you to install remote-desktop software.`);
  await page.getByRole("tab", { name: /Changes from version 2/ }).click();
  await page.locator("[data-testid=article-preview] ins", { hasText: "remote-desktop" }).waitFor();
  await page.getByTestId("quorum-preview").waitFor();
  assert.match((await page.getByTestId("quorum-preview").textContent()) ?? "", /critical action/);
  await page.locator("[data-testid=effect]", { hasText: `Help article #${FAKE_SUPPORT} v3` }).waitFor({ timeout: 30_000 });
  await screenshot(page, "50-help-wizard");
  await page.getByRole("button", { name: "Submit proposal" }).click();
  await page.waitForURL(/\/governance\/\d+$/, { timeout: 30_000 });
  await page.getByTestId("article-diff").waitFor();
  assert.match((await page.getByTestId("article-diff").locator("ins").allTextContents()).join(""), /remote-desktop/);
});
