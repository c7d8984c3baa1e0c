/**
 * Escalation from an AI assistant to a person, recorded on the receipt of the person's ticket
 * (`EscalatedReceipt`, rated with `rateEscalated`): both tickets rated and linked by `RatingEscalated`,
 * directly and through a relayer — and the attacks on the link: a plain receipt's signature passed off as
 * an escalation (or an escalation's as a plain receipt), a reference to a person's ticket, an "escalation"
 * to the AI assistant itself, a reference to nothing or to the ticket itself, and a requester's relayed
 * signature for the plain receipt replayed on the escalated one. Production deploy path, real governance.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { type Receipt, rateBySigCall, rateCall, receiptHash, signRatingIntent } from "@support-quality/sdk";
import { network } from "hardhat";
import { getAddress } from "viem";
import { advanceTime, call } from "../../scripts/stack/govern.js";
import { type Connection, govern, issue, latestTimestamp, makeReceipt, mined, rateArgs, ratingWorld } from "../support/fixtures.js";

const AI_ASSISTANT = 1; // AgentKind.AIAssistant
const BOT_HANDLE = "acme-bot";

type EscalationWorld = Awaited<ReturnType<typeof escalationWorld>>;

/** Desk 1 with its human agent and an AI assistant (`carol`'s key) onboarded by proposal. */
async function escalationWorld(connection: Connection) {
  const world = await ratingWorld(connection);
  const r = world.protocol.agentRegistry;
  await govern(world, [call(r.address, r.abi, "addAgent", [world.deskId, world.carol.account.address, BOT_HANDLE, AI_ASSISTANT])], "Add the AI assistant");
  // The receipts' tickets open an hour before "now": let the assistant be active by then.
  await advanceTime(world.testClient, 2 * 3600);
  return { ...world, assistant: world.carol };
}

/** The receipt of a ticket the AI assistant handled, and the receipt of the person's ticket it was escalated to. */
async function escalatedPair(world: EscalationWorld) {
  const aiTicket = await makeReceipt(world, world.deskId, { agent: getAddress(world.assistant.account.address) });
  const humanTicket: Receipt = { ...(await makeReceipt(world, world.deskId)), escalatedFrom: aiTicket.ticketId };
  return { aiTicket, humanTicket };
}

describe("escalation from an AI assistant to a person", () => {
  let connection: Connection;
  before(async () => {
    connection = await network.create();
  });

  it("rates both tickets and links them: Rated for each, RatingEscalated naming the AI ticket's rating id", async () => {
    const world = await connection.networkHelpers.loadFixture(escalationWorld);
    const { ratings } = world.protocol;
    const { aiTicket, humanTicket } = await escalatedPair(world);
    await mined(
      world,
      ratings.write.rate(rateArgs(aiTicket, world.issuer.account.address, await issue(world, aiTicket), 2, 0, "The bot looped"), {
        account: world.requester.account,
      }),
    );

    const humanId = await ratings.read.ratingIdOf([world.deskId, humanTicket.ticketId]);
    const aiId = await ratings.read.ratingIdOf([world.deskId, aiTicket.ticketId]);
    const signature = await issue(world, humanTicket);
    const hash = ratings.write.rateEscalated([humanTicket, aiTicket.ticketId, signature, world.issuer.account.address, 5, 0, "A person fixed it", 0, "0x"], {
      account: world.requester.account,
    });
    await connection.viem.assertions.emitWithArgs(hash, ratings, "RatingEscalated", [humanId, aiId, world.deskId, aiTicket.ticketId]);
    const stored = await ratings.read.rating([humanId]);
    assert.deepEqual([stored.agent, stored.score], [getAddress(world.agent.account.address), 5]);
    assert.equal((await ratings.read.rating([aiId])).agent, getAddress(world.assistant.account.address));
  });

  it("the person's ticket may be rated first; the AI ticket is rated later on its own receipt", async () => {
    const world = await connection.networkHelpers.loadFixture(escalationWorld);
    const { ratings } = world.protocol;
    const { aiTicket, humanTicket } = await escalatedPair(world);
    const direct = rateCall(humanTicket, await issue(world, humanTicket), world.issuer.account.address, 4, 0, "Thanks");
    assert.equal(direct.functionName, "rateEscalated");
    await mined(world, world.requester.writeContract({ address: ratings.address, abi: ratings.abi, ...direct }));
    await mined(
      world,
      ratings.write.rate(rateArgs(aiTicket, world.issuer.account.address, await issue(world, aiTicket), 3, 0, ""), { account: world.requester.account }),
    );
    assert.equal((await ratings.read.rating([await ratings.read.ratingIdOf([world.deskId, aiTicket.ticketId])])).score, 3);
  });

  it("a relayer submits an escalated rating with the requester's intent over the EscalatedReceipt's hash", async () => {
    const world = await connection.networkHelpers.loadFixture(escalationWorld);
    const { ratings } = world.protocol;
    const { aiTicket, humanTicket } = await escalatedPair(world);
    const contract = { chainId: world.protocol.deployment.chainId, verifyingContract: ratings.address };
    const deadline = (await latestTimestamp(world)) + 3600;
    const rating = { score: 5, tags: 0, comment: "Relayed", deadline };
    const nonce = await ratings.read.nonces([humanTicket.requester]);
    const intent = await signRatingIntent(world.requester, contract, { receipt: humanTicket, ...rating, nonce });
    const relayed = rateBySigCall(humanTicket, await issue(world, humanTicket), world.issuer.account.address, rating, intent);
    assert.equal(relayed.functionName, "rateEscalated");
    const humanId = await ratings.read.ratingIdOf([world.deskId, humanTicket.ticketId]);
    const aiId = await ratings.read.ratingIdOf([world.deskId, aiTicket.ticketId]);
    await connection.viem.assertions.emitWithArgs(
      world.relayer.writeContract({ address: ratings.address, abi: ratings.abi, ...relayed }),
      ratings,
      "RatingEscalated",
      [humanId, aiId, world.deskId, aiTicket.ticketId],
    );
    assert.equal(await ratings.read.nonces([humanTicket.requester]), nonce + 1n);
  });

  describe("attacks", () => {
    it("a plain receipt's signature cannot be passed off as an escalation (nor the reverse)", async () => {
      const world = await connection.networkHelpers.loadFixture(escalationWorld);
      const { ratings } = world.protocol;
      const { viem } = connection;
      const { aiTicket, humanTicket } = await escalatedPair(world);
      const issuer = world.issuer.account.address;
      // The attacker holds a plain receipt and adds an escalation reference it was never signed with.
      const { escalatedFrom: _, ...plain } = humanTicket;
      const plainSignature = await issue(world, plain);
      await viem.assertions.revertWithCustomErrorWithArgs(
        ratings.write.rateEscalated([plain, aiTicket.ticketId, plainSignature, issuer, 5, 0, "", 0, "0x"], { account: world.requester.account }),
        ratings,
        "RatingsInvalidSignature",
        [getAddress(issuer)],
      );
      // Or drops the reference from an escalated receipt to rate it as a plain one.
      const escalatedSignature = await issue(world, humanTicket);
      await viem.assertions.revertWithCustomErrorWithArgs(
        ratings.write.rate(rateArgs(plain, issuer, escalatedSignature, 5, 0, ""), { account: world.requester.account }),
        ratings,
        "RatingsInvalidSignature",
        [getAddress(issuer)],
      );
      // Or points the signed escalation at another ticket.
      await viem.assertions.revertWithCustomErrorWithArgs(
        ratings.write.rateEscalated([plain, aiTicket.ticketId + 100n, escalatedSignature, issuer, 5, 0, "", 0, "0x"], { account: world.requester.account }),
        ratings,
        "RatingsInvalidSignature",
        [getAddress(issuer)],
      );
    });

    it("an escalation cannot name a person's ticket, point to the AI assistant, or name nothing or itself", async () => {
      const world = await connection.networkHelpers.loadFixture(escalationWorld);
      const { ratings } = world.protocol;
      const { viem } = connection;
      const issuer = world.issuer.account.address;
      const asRequester = { account: world.requester.account };
      // A person's ticket, already rated, named as "the AI ticket".
      const personTicket = await makeReceipt(world, world.deskId);
      await mined(world, ratings.write.rate(rateArgs(personTicket, issuer, await issue(world, personTicket), 5, 0, ""), asRequester));
      const claimed: Receipt = { ...(await makeReceipt(world, world.deskId)), escalatedFrom: personTicket.ticketId };
      await viem.assertions.revertWithCustomErrorWithArgs(
        world.requester.writeContract({ address: ratings.address, abi: ratings.abi, ...rateCall(claimed, await issue(world, claimed), issuer, 5, 0, "") }),
        ratings,
        "RatingsEscalationNotFromAssistant",
        [world.deskId, personTicket.ticketId, getAddress(world.agent.account.address)],
      );
      // "Escalated" to the AI assistant itself.
      const toBot: Receipt = { ...(await makeReceipt(world, world.deskId, { agent: getAddress(world.assistant.account.address) })), escalatedFrom: 7n };
      await viem.assertions.revertWithCustomErrorWithArgs(
        world.requester.writeContract({ address: ratings.address, abi: ratings.abi, ...rateCall(toBot, await issue(world, toBot), issuer, 5, 0, "") }),
        ratings,
        "RatingsEscalationToAssistant",
        [world.deskId, getAddress(world.assistant.account.address)],
      );
      // No earlier ticket, or the ticket itself.
      const base = await makeReceipt(world, world.deskId);
      for (const escalatedFrom of [0n, base.ticketId]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          ratings.write.rateEscalated([base, escalatedFrom, await issue(world, base), issuer, 5, 0, "", 0, "0x"], asRequester),
          ratings,
          "RatingsInvalidEscalation",
          [world.deskId, base.ticketId, escalatedFrom],
        );
      }
      // A stranger cannot rate someone's escalated ticket without the requester's signature.
      const { humanTicket } = await escalatedPair(world);
      await viem.assertions.revertWithCustomErrorWithArgs(
        world.stranger.writeContract({
          address: ratings.address,
          abi: ratings.abi,
          ...rateCall(humanTicket, await issue(world, humanTicket), issuer, 1, 0, ""),
        }),
        ratings,
        "RatingsNotRequester",
        [getAddress(world.stranger.account.address), humanTicket.requester],
      );
    });

    it("a requester's relayed signature for the plain receipt does not rate the escalated one", async () => {
      const world = await connection.networkHelpers.loadFixture(escalationWorld);
      const { ratings } = world.protocol;
      const { humanTicket } = await escalatedPair(world);
      const { escalatedFrom: _, ...plain } = humanTicket;
      assert.notEqual(receiptHash(plain), receiptHash(humanTicket));
      const contract = { chainId: world.protocol.deployment.chainId, verifyingContract: ratings.address };
      const deadline = (await latestTimestamp(world)) + 3600;
      const rating = { score: 1, tags: 0, comment: "", deadline };
      const nonce = await ratings.read.nonces([plain.requester]);
      const intentForPlain = await signRatingIntent(world.requester, contract, { receipt: plain, ...rating, nonce });
      const replayed = rateBySigCall(humanTicket, await issue(world, humanTicket), world.issuer.account.address, rating, intentForPlain);
      await connection.viem.assertions.revertWithCustomErrorWithArgs(
        world.relayer.writeContract({ address: ratings.address, abi: ratings.abi, ...replayed }),
        ratings,
        "RatingsInvalidRequesterSignature",
        [plain.requester],
      );
      assert.equal(await ratings.read.nonces([plain.requester]), nonce);
    });
  });
});
