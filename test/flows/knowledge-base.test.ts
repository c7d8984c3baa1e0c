/**
 * The knowledge base end to end on the production deploy path: articles published, updated and retired by
 * passed proposals and by the DAO's editor, "was this helpful?" votes per version, the content hash
 * recomputed off-chain, and the whole knowledge base rebuilt from events alone.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { ARTICLE_EVENTS, type ArticleContent, articleContentHash, articleInForce, articlesFromEvents, leastHelpfulArticles } from "@support-quality/sdk";
import { runAudit } from "@support-quality/sdk/audit";
import { buildArticleSearch } from "@support-quality/sdk/knowledge";
import { network } from "hardhat";
import { createPublicClient, custom, getAddress } from "viem";
import { call } from "../../scripts/stack/govern.js";
import { type Connection, deployWorld, distributeAndDelegate, govern, latestTimestamp, mined, publishRatingPolicies, type World } from "../support/fixtures.js";

const BACKUP: ArticleContent = {
  title: "Back up your seed phrase",
  body: "## Write it down\n\nWrite your **seed phrase** on paper. Never type it into a website.",
  language: "en",
};
const GAS: ArticleContent = { title: "Why is my transaction stuck?", body: "A transaction waits when its fee is below what blocks include.", language: "en" };
const SCAMS: ArticleContent = { title: "Recognise fake support", body: "Real support never asks for your seed phrase.", language: "en" };
const [SETUP, TRANSACTIONS, SECURITY] = [1, 2, 4];

async function kbWorld(connection: Connection) {
  const world = await deployWorld(connection);
  await distributeAndDelegate(world);
  await publishRatingPolicies(world);
  return world;
}

const publish = (world: World, category: number, articleId: bigint, content: ArticleContent, effectiveFrom = 0) => {
  const kb = world.protocol.knowledgeBase;
  return call(kb.address, kb.abi, "publishArticle", [category, articleId, effectiveFrom, content]);
};

async function allEvents(world: World) {
  const kb = world.protocol.knowledgeBase;
  const [created, published, retired, votes] = await Promise.all(
    ARTICLE_EVENTS.map((eventName) => world.publicClient.getContractEvents({ address: kb.address, abi: kb.abi, eventName, fromBlock: 0n, strict: true })),
  );
  return articlesFromEvents({ created, published, retired, votes } as Parameters<typeof articlesFromEvents>[0]);
}

describe("knowledge base", () => {
  let connection: Connection;
  before(async () => {
    connection = await network.create();
  });
  const load = () => connection.networkHelpers.loadFixture(kbWorld);

  it("publishes articles by proposal: routine categories at the normal quorum, security & phishing at the critical one", async () => {
    const world = await load();
    const { knowledgeBase: kb, governor, timelock } = world.protocol;
    const routine = await govern(world, [publish(world, SETUP, 0n, BACKUP), publish(world, TRANSACTIONS, 0n, GAS)], "Two help articles");
    assert.equal(await governor.read.proposalIsCritical([routine]), false);
    const critical = await govern(world, [publish(world, SECURITY, 0n, SCAMS)], "The fake-support article");
    assert.equal(await governor.read.proposalIsCritical([critical]), true);

    assert.equal(await kb.read.articleCount(), 3n);
    const stored = await kb.read.article([1n]);
    assert.deepEqual(
      { category: stored.category, versionCount: stored.versionCount, latestVersion: stored.latestVersion, retiredAt: stored.retiredAt },
      {
        category: SETUP,
        versionCount: 1,
        latestVersion: 1,
        retiredAt: 0,
      },
    );
    const v1 = await kb.read.articleVersion([1n, 1n]);
    assert.equal(v1.contentHash, articleContentHash(SETUP, BACKUP));
    assert.equal(v1.contentHash, await kb.read.contentHashOf([SETUP, BACKUP]));
    const [event] = await world.publicClient.getContractEvents({
      address: kb.address,
      abi: kb.abi,
      eventName: "ArticlePublished",
      args: { articleId: 3n },
      fromBlock: 0n,
      strict: true,
    });
    assert.deepEqual(event.args, {
      articleId: 3n,
      version: 1n,
      category: SECURITY,
      contentHash: articleContentHash(SECURITY, SCAMS),
      effectiveFrom: Number((await world.publicClient.getBlock({ blockNumber: event.blockNumber })).timestamp),
      publisher: timelock.address,
      content: SCAMS,
    });
  });

  it("an update starts a new version and a new helpful tally; one vote per address per version", async () => {
    const world = await load();
    const { knowledgeBase: kb } = world.protocol;
    await govern(world, [publish(world, SETUP, 0n, BACKUP)], "Backup article");
    await mined(world, kb.write.voteHelpful([1n, 1n, true, ""], { account: world.requester.account }));
    await mined(world, kb.write.voteHelpful([1n, 1n, false, "It does not say where to keep the paper."], { account: world.otherUser.account }));
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      kb.write.voteHelpful([1n, 1n, true, ""], { account: world.requester.account }),
      kb,
      "KnowledgeBaseAlreadyVoted",
      [1n, 1n, world.requester.account.address],
    );
    const updated = { ...BACKUP, body: `${BACKUP.body}\n\n## Keep it safe\n\nStore the paper where fire and water cannot reach it.` };
    await govern(world, [publish(world, SETUP, 1n, updated)], "Backup article v2");
    assert.deepEqual(
      [await kb.read.versionInForce([1n]), (await kb.read.articleVersion([1n, 1n])).helpful, (await kb.read.articleVersion([1n, 1n])).notHelpful],
      [2n, 1, 1],
    );
    // A vote on the old version is refused with the version now in force; the same voter may vote again on v2.
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      kb.write.voteHelpful([1n, 1n, true, ""], { account: world.otherUser.account }),
      kb,
      "KnowledgeBaseVersionNotInForce",
      [1n, 1n, 2n],
    );
    await connection.viem.assertions.emitWithArgs(
      kb.write.voteHelpful([1n, 2n, true, "Better now."], { account: world.otherUser.account }),
      kb,
      "HelpfulVoted",
      [1n, 2n, world.otherUser.account.address, true, "Better now."],
    );
    const v2 = await kb.read.articleVersion([1n, 2n]);
    assert.deepEqual([v2.helpful, v2.notHelpful, v2.previous, v2.contentHash], [1, 0, 1, articleContentHash(SETUP, updated)]);

    // Rebuilt from events alone, the knowledge base says what storage says.
    const [record] = await allEvents(world);
    assert.deepEqual(
      record.versions.map((v) => [v.version, v.title, v.body, v.contentHash, v.helpful, v.notHelpful]),
      [
        [1n, BACKUP.title, BACKUP.body, articleContentHash(SETUP, BACKUP), 1, 1],
        [2n, updated.title, updated.body, articleContentHash(SETUP, updated), 1, 0],
      ],
    );
    assert.equal(articleInForce(record, await latestTimestamp(world))?.version, 2n);
    const [worst] = leastHelpfulArticles([record], await latestTimestamp(world));
    assert.equal(worst.share, 1);
  });

  it("a scheduled version takes effect at its time; votes go to the version in force until then", async () => {
    const world = await load();
    const { knowledgeBase: kb } = world.protocol;
    await govern(world, [publish(world, TRANSACTIONS, 0n, GAS)], "Gas article");
    const at = (await latestTimestamp(world)) + 30 * 24 * 3600;
    await govern(world, [publish(world, TRANSACTIONS, 1n, { ...GAS, body: `${GAS.body} Replace it with a higher fee.` }, at)], "Gas article v2 next month");
    assert.equal(await kb.read.versionInForce([1n]), 1n);
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      kb.write.voteHelpful([1n, 2n, true, ""], { account: world.requester.account }),
      kb,
      "KnowledgeBaseVersionNotInForce",
      [1n, 2n, 1n],
    );
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      govern(world, [call(kb.address, kb.abi, "retireArticle", [TRANSACTIONS, 1n])], "Retire too early"),
      kb,
      "KnowledgeBaseChangeScheduled",
      [1n, at],
    );
    await connection.networkHelpers.time.increaseTo(at);
    assert.equal(await kb.read.versionInForce([1n]), 2n);
  });

  it("the DAO's editor makes routine edits without a vote, attributed to the editor; the DAO retires an article", async () => {
    const world = await load();
    const { knowledgeBase: kb } = world.protocol;
    const editor = world.dave;
    await govern(world, [call(kb.address, kb.abi, "setEditor", [editor.account.address])], "Appoint the docs editor");
    assert.equal(await kb.read.editor(), getAddress(editor.account.address));
    await connection.viem.assertions.emitWithArgs(kb.write.publishArticle([TRANSACTIONS, 0n, 0, GAS], { account: editor.account }), kb, "ArticleCreated", [
      1n,
      TRANSACTIONS,
    ]);
    await mined(world, kb.write.publishArticle([TRANSACTIONS, 1n, 0, { ...GAS, title: "Why is my transaction pending?" }], { account: editor.account }));
    const [record] = await allEvents(world);
    assert.deepEqual(
      record.versions.map((v) => v.publisher),
      [getAddress(editor.account.address), getAddress(editor.account.address)],
    );
    await govern(world, [call(kb.address, kb.abi, "retireArticle", [TRANSACTIONS, 1n])], "Retire the gas article");
    assert.equal(await kb.read.versionInForce([1n]), 0n);
    const retiredAt = (await kb.read.article([1n])).retiredAt;
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      kb.write.voteHelpful([1n, 2n, true, ""], { account: world.requester.account }),
      kb,
      "KnowledgeBaseArticleRetired",
      [1n, retiredAt],
    );
    assert.equal((await allEvents(world))[0].retiredAt, retiredAt);
  });

  it("the audit recomputes every article's hashes and helpful counts from events and matches the knowledge base", async () => {
    const world = await load();
    const { knowledgeBase: kb } = world.protocol;
    await govern(world, [publish(world, SETUP, 0n, BACKUP), publish(world, SECURITY, 0n, SCAMS)], "Two help articles");
    await mined(world, kb.write.voteHelpful([1n, 1n, true, ""], { account: world.requester.account }));
    await mined(world, kb.write.voteHelpful([2n, 1n, false, "Too short."], { account: world.requester.account }));
    await mined(world, kb.write.voteHelpful([2n, 1n, true, ""], { account: world.otherUser.account }));
    await govern(world, [publish(world, SECURITY, 2n, { ...SCAMS, body: `${SCAMS.body} Nor for a screenshot of it.` })], "Fake support v2");
    const client = createPublicClient({ transport: custom(connection.provider) });
    const { report } = await runAudit(client, world.protocol.deployment);
    assert.deepEqual(report.mismatches, []);
    assert.deepEqual(
      report.articles.map((a) => [a.articleId, a.category, a.versions.map((v) => [v.version, v.textMatchesHash, v.helpful, v.notHelpful])]),
      [
        [1, SETUP, [[1, true, 1, 0]]],
        [
          2,
          SECURITY,
          [
            [1, true, 1, 1],
            [2, true, 0, 0],
          ],
        ],
      ],
    );
  });

  it("a full-length article (12,000 bytes) is proposed, voted and executed under the 16,777,216-gas transaction cap", async () => {
    const world = await load();
    const { governor } = world.protocol;
    // Non-zero bytes (the costly kind of calldata), Markdown-like lines.
    const line = "- Never type your seed phrase into a website, a form or a chat.\n";
    const body = line.repeat(Math.ceil(12_000 / line.length)).slice(0, 12_000);
    const id = await govern(world, [publish(world, SETUP, 0n, { ...BACKUP, body })], "A full-length article");
    const gasOf = async (eventName: "ProposalCreated" | "ProposalExecuted") => {
      const logs = await world.publicClient.getContractEvents({ address: governor.address, abi: governor.abi, eventName, fromBlock: 0n, strict: true });
      const log = logs.find((l) => l.args.proposalId === id)!;
      return (await world.publicClient.getTransactionReceipt({ hash: log.transactionHash })).gasUsed;
    };
    const [proposed, executed] = [await gasOf("ProposalCreated"), await gasOf("ProposalExecuted")];
    console.log(`gas: propose a 12,000-byte article = ${proposed}, execute it = ${executed}`);
    // The governor stores the proposal's calldata (~0.75k gas a byte): one full-length article fits with room.
    assert.ok(proposed < 10_000_000n, `propose used ${proposed} gas`);
    assert.ok(executed < 2_000_000n, `execute used ${executed} gas`);
    assert.equal(await governor.read.state([id]), 7);
  });

  it("search finds the article a question is about and quotes the passage", async () => {
    const world = await load();
    await govern(world, [publish(world, SETUP, 0n, BACKUP), publish(world, TRANSACTIONS, 0n, GAS)], "Two help articles");
    const [hit] = buildArticleSearch(await allEvents(world), await latestTimestamp(world)).search("where do I keep my seed phrase?");
    assert.equal(hit.article.id, 1n);
    assert.equal(hit.passage, "Write your seed phrase on paper. Never type it into a website.");
  });

  it("bad input is refused with the values: empty or oversized fields, unknown category, unchanged text, a long reason", async () => {
    const world = await load();
    const { knowledgeBase: kb } = world.protocol;
    await govern(world, [call(kb.address, kb.abi, "setEditor", [world.dave.account.address])], "Appoint the docs editor");
    const as = { account: world.dave.account };
    const { revertWithCustomErrorWithArgs: reverts } = connection.viem.assertions;
    await reverts(kb.write.publishArticle([SETUP, 0n, 0, { ...BACKUP, body: "" }], as), kb, "KnowledgeBaseFieldLength", ["body", 0n, 1n, 12_000n]);
    await reverts(kb.write.publishArticle([SETUP, 0n, 0, { ...BACKUP, body: "x".repeat(12_001) }], as), kb, "KnowledgeBaseFieldLength", [
      "body",
      12_001n,
      1n,
      12_000n,
    ]);
    await reverts(kb.write.publishArticle([SETUP, 0n, 0, { ...BACKUP, title: "" }], as), kb, "KnowledgeBaseFieldLength", ["title", 0n, 1n, 120n]);
    await reverts(kb.write.publishArticle([SETUP, 0n, 0, { ...BACKUP, language: "e" }], as), kb, "KnowledgeBaseFieldLength", ["language", 1n, 2n, 16n]);
    await reverts(kb.write.publishArticle([6, 0n, 0, BACKUP], as), kb, "KnowledgeBaseUnknownCategory", [6, 5]);
    await mined(world, kb.write.publishArticle([SETUP, 0n, 0, BACKUP], as));
    await reverts(kb.write.publishArticle([SETUP, 1n, 0, BACKUP], as), kb, "KnowledgeBaseUnchanged", [1n, 1n, articleContentHash(SETUP, BACKUP)]);
    await reverts(kb.write.publishArticle([TRANSACTIONS, 1n, 0, GAS], as), kb, "KnowledgeBaseCategoryMismatch", [1n, SETUP, TRANSACTIONS]);
    await reverts(kb.write.publishArticle([SETUP, 9n, 0, GAS], as), kb, "KnowledgeBaseUnknownArticle", [9n]);
    const now = await latestTimestamp(world);
    await connection.networkHelpers.time.setNextBlockTimestamp(now + 10);
    await reverts(kb.write.publishArticle([SETUP, 1n, now * 1000, GAS], as), kb, "KnowledgeBaseEffectiveTooLate", [now * 1000, now + 10 + 365 * 24 * 3600]);
    await connection.networkHelpers.time.setNextBlockTimestamp(now + 20);
    await reverts(kb.write.publishArticle([SETUP, 1n, now, GAS], as), kb, "KnowledgeBaseEffectiveTooEarly", [now, now + 20]);
    await reverts(kb.write.voteHelpful([1n, 1n, false, "x".repeat(281)], { account: world.requester.account }), kb, "KnowledgeBaseFieldLength", [
      "reason",
      281n,
      0n,
      280n,
    ]);
    await reverts(kb.write.voteHelpful([2n, 1n, true, ""], { account: world.requester.account }), kb, "KnowledgeBaseUnknownArticle", [2n]);
  });
});
