import { describe, expect, it } from "vitest";
import type { ArticleContent, ArticleRecord } from "./articles.js";
import { bestPassage, buildArticleSearch, plainText } from "./search.js";

const NOW = 1_800_000_000;
const PUBLISHER = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

/** An article whose versions took effect one day apart, the last one a day before NOW. */
function article(id: number, category: number, versions: ArticleContent[], extra: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    id: BigInt(id),
    category,
    versions: versions.map((content, i) => ({
      ...content,
      articleId: BigInt(id),
      version: BigInt(i + 1),
      category,
      contentHash: `0x${String(id).padStart(2, "0").repeat(32)}`,
      effectiveFrom: NOW - 86_400 * (versions.length - i),
      publisher: PUBLISHER,
      blockNumber: BigInt(10 * id + i),
      transactionHash: `0x${String(i).padStart(2, "0").repeat(32)}`,
      helpful: 0,
      notHelpful: 0,
    })),
    ...extra,
  };
}

const en = (title: string, body: string): ArticleContent => ({ title, body, language: "en" });

const BACKUP = article(1, 1, [
  en(
    "Back up your seed phrase",
    [
      "## Why it matters",
      "Your seed phrase is the only way to restore your wallet if your phone is lost, stolen or broken.",
      "## How to do it",
      "1. Open **Settings → Security → Show recovery words**.",
      "2. Write the twelve words on paper, in order, and keep the paper somewhere safe and dry.",
      "3. Never type the seed phrase into a website, a chat or a photo: anyone who has it owns your funds.",
    ].join("\n\n"),
  ),
]);
const FAKE_SUPPORT = article(2, 4, [
  en(
    "Recognise fake support agents",
    [
      "Scammers pose as support on social media and in direct messages.",
      "Real support never asks for your seed phrase, never asks you to install remote-control software and never sends you a link to “validate” your wallet.",
      "Check any agent's address or handle on the Verify page before you answer.",
    ].join("\n\n"),
  ),
]);
const STUCK = article(3, 2, [
  en("Why is my transaction pending?", "It is waiting for a block."),
  en(
    "Speed up or cancel a stuck transaction",
    [
      "A transaction stays pending when the fee it offers is lower than what the network asks for right now.",
      "- To speed it up, send a replacement with the same nonce and a higher fee.\n- To cancel it, send 0 ETH to yourself with the same nonce and a higher fee.",
      "A stuck transaction blocks every later transaction from the same account until it is mined or replaced.",
    ].join("\n\n"),
  ),
]);
const RESTORE = article(4, 1, [
  en(
    "Restore your wallet on a new phone",
    [
      "Install the app from the official store, choose **Restore an existing wallet** and enter your seed phrase.",
      "Your balances appear once the app has synchronised with the network; this can take a few minutes.",
    ].join("\n\n"),
  ),
]);
const DAPP = article(5, 3, [
  en(
    "Connect your wallet to a dApp",
    "Open the dApp, choose **Connect wallet** and approve the connection in the app. Check the address bar first: a look-alike domain is a phishing site.",
  ),
]);
const WRONG_NETWORK = article(6, 5, [
  en(
    "Tokens sent to the wrong network",
    [
      "Tokens sent on another network are usually not lost: add that network to your wallet and they appear at the same address.",
      "Nobody needs your seed phrase to help you recover them.",
    ].join("\n\n"),
  ),
]);
const RETIRED = article(7, 1, [en("Seed phrase backup (old instructions)", "Write your seed phrase on paper.")], { retiredAt: NOW - 3600 });
const SCHEDULED = article(8, 2, [en("Stuck transaction checklist", "A stuck transaction: check the nonce.")]);
SCHEDULED.versions[0]!.effectiveFrom = NOW + 3600;

const ARTICLES = [BACKUP, FAKE_SUPPORT, STUCK, RESTORE, DAPP, WRONG_NETWORK, RETIRED, SCHEDULED];

describe("buildArticleSearch", () => {
  const search = buildArticleSearch(ARTICLES, NOW);

  it("ranks the article titled with the phrase first, then those that mention it once", () => {
    const hits = search.search("seed phrase", 10);
    expect(hits[0]!.article.id).toBe(1n);
    // The three that mention it once, in any order (two of them score the same).
    expect(new Set(hits.slice(1, 4).map((h) => h.article.id))).toEqual(new Set([2n, 4n, 6n]));
    expect(hits[0]!.passage).toBe("Your seed phrase is the only way to restore your wallet if your phone is lost, stolen or broken.");
  });

  it("finds the stuck-transaction article and quotes the paragraph that answers", () => {
    const [first] = search.search("stuck transaction", 3);
    expect(first!.article.id).toBe(3n);
    expect(first!.version.version).toBe(2n);
    expect(first!.passage).toBe("A stuck transaction blocks every later transaction from the same account until it is mined or replaced.");
  });

  it("quotes passages that contain the words of the query", () => {
    for (const query of ["seed phrase", "stuck transaction", "cancel"]) {
      for (const hit of search.search(query, 3)) {
        const words = query.split(" ");
        expect(
          words.some((w) => hit.passage.toLowerCase().includes(w)),
          `${query} → ${hit.passage}`,
        ).toBe(true);
      }
    }
  });

  it("offers only the versions in force: not a retired article, not one scheduled for later", () => {
    const ids = [...search.search("seed phrase", 10), ...search.search("stuck transaction checklist", 10)].map((h) => h.article.id);
    expect(ids).not.toContain(7n);
    expect(ids).not.toContain(8n);
    expect(buildArticleSearch(ARTICLES, NOW + 3600).search("checklist", 1)[0]!.article.id).toBe(8n);
  });

  it("answers nothing to a query made only of stop words, and respects the limit", () => {
    expect(search.search("how do I", 5)).toEqual([]);
    expect(search.search("wallet", 2)).toHaveLength(2);
  });
});

describe("passages", () => {
  it("strip Markdown markers and link targets", () => {
    expect(plainText("1. Open **Settings** and read [the guide](https://example.org/guide).")).toBe("Open Settings and read the guide.");
  });

  it("are the block sharing the most query words, shortened at a word boundary past 320 characters", () => {
    const long = `Seed ${"word ".repeat(80)}end`;
    const passage = bestPassage(`Intro.\n\n${long}`, "seed");
    expect(passage.startsWith("Seed word")).toBe(true);
    expect(passage.endsWith("word…")).toBe(true);
    expect(passage.length).toBeLessThanOrEqual(318);
  });
});
