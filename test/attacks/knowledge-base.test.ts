/**
 * Attacks on "the official guide": the security & phishing articles rewritten without the DAO, the editor
 * power bought at the normal quorum, the helpful tally stuffed. Production deploy path, real governance;
 * each test performs the attack and asserts it fails.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { ArticleContent } from "@support-quality/sdk";
import { network } from "hardhat";
import { getAddress, toFunctionSelector } from "viem";
import { call } from "../../scripts/stack/govern.js";
import { type Connection, deployWorld, distributeAndDelegate, govern, mined, publishRatingPolicies } from "../support/fixtures.js";
import { assertDefeatedAsCritical, attempt } from "../support/governance-steps.js";

const SECURITY = 4;
const GENUINE: ArticleContent = { title: "Recognise fake support", body: "Real support never asks for your seed phrase.", language: "en" };
const FORGED: ArticleContent = {
  title: "Recognise fake support",
  body: "Official support may ask you to validate your seed phrase at wallet-validate.example.",
  language: "en",
};

async function kbWorld(connection: Connection) {
  const world = await deployWorld(connection);
  await distributeAndDelegate(world);
  await publishRatingPolicies(world);
  const kb = world.protocol.knowledgeBase;
  await govern(world, [call(kb.address, kb.abi, "publishArticle", [SECURITY, 0n, 0, GENUINE])], "The fake-support article");
  await govern(world, [call(kb.address, kb.abi, "setEditor", [world.dave.account.address])], "Appoint the docs editor");
  return world;
}

describe("attacks on the official guide", () => {
  let connection: Connection;
  before(async () => {
    connection = await network.create();
  });
  const load = () => connection.networkHelpers.loadFixture(kbWorld);

  it("the DAO's editor cannot rewrite, retire or add a security & phishing article", async () => {
    const world = await load();
    const { knowledgeBase: kb } = world.protocol;
    const editor = world.dave.account;
    const { revertWithCustomErrorWithArgs: reverts } = connection.viem.assertions;
    await reverts(kb.write.publishArticle([SECURITY, 1n, 0, FORGED], { account: editor }), kb, "KnowledgeBaseNotPublisher", [editor.address, SECURITY]);
    await reverts(kb.write.retireArticle([SECURITY, 1n], { account: editor }), kb, "KnowledgeBaseNotPublisher", [editor.address, SECURITY]);
    await reverts(kb.write.publishArticle([SECURITY, 0n, 0, FORGED], { account: editor }), kb, "KnowledgeBaseNotPublisher", [editor.address, SECURITY]);
    // Naming another category for the same article is refused too: the category is the article's.
    await reverts(kb.write.publishArticle([1, 1n, 0, FORGED], { account: editor }), kb, "KnowledgeBaseCategoryMismatch", [1n, SECURITY, 1]);
    assert.equal((await kb.read.article([1n])).versionCount, 1);
  });

  it("a stranger cannot publish anywhere", async () => {
    const world = await load();
    const { knowledgeBase: kb } = world.protocol;
    const stranger = world.stranger.account;
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      kb.write.publishArticle([1, 0n, 0, FORGED], { account: stranger }),
      kb,
      "KnowledgeBaseNotPublisher",
      [stranger.address, 1],
    );
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      kb.write.setEditor([stranger.address], { account: stranger }),
      kb,
      "OwnableUnauthorizedAccount",
      [stranger.address],
    );
  });

  it("rewriting the security article by proposal needs the critical quorum: 10 % + 5 % is defeated", async () => {
    const world = await load();
    const { knowledgeBase: kb } = world.protocol;
    const { id } = await attempt(world, [call(kb.address, kb.abi, "publishArticle", [SECURITY, 1n, 0, FORGED])], "Small fix", [world.alice, world.bob]);
    await assertDefeatedAsCritical(world, id);
    const retire = await attempt(world, [call(kb.address, kb.abi, "retireArticle", [SECURITY, 1n])], "Retire", [world.alice, world.bob]);
    await assertDefeatedAsCritical(world, retire.id);
  });

  it("appointing an editor (or replacing the DAO's) needs the critical quorum", async () => {
    const world = await load();
    const { knowledgeBase: kb } = world.protocol;
    const { id } = await attempt(world, [call(kb.address, kb.abi, "setEditor", [world.bob.account.address])], "New editor", [world.alice, world.bob]);
    await assertDefeatedAsCritical(world, id);
    assert.equal(await kb.read.editor(), getAddress(world.dave.account.address));
  });

  it("one address cannot stuff a version's tally, and renouncing the DAO's ownership is refused", async () => {
    const world = await load();
    const { knowledgeBase: kb, timelock } = world.protocol;
    await mined(world, kb.write.voteHelpful([1n, 1n, true, ""], { account: world.stranger.account }));
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      kb.write.voteHelpful([1n, 1n, true, ""], { account: world.stranger.account }),
      kb,
      "KnowledgeBaseAlreadyVoted",
      [1n, 1n, world.stranger.account.address],
    );
    assert.equal((await kb.read.articleVersion([1n, 1n])).helpful, 1);
    const { id } = await attempt(world, [{ target: kb.address, data: toFunctionSelector("renounceOwnership()") }], "Renounce", [world.alice, world.bob]);
    await assertDefeatedAsCritical(world, id);
    assert.equal(await kb.read.owner(), timelock.address);
  });
});
