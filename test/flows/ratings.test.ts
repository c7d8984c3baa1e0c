/**
 * Receipts and ratings on a governed deployment: a desk registered and the SLA + rating rules published
 * by passed proposals, receipts signed with EIP-712 by the desk's issuer key exactly as the dApp does.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { type Receipt, SlaVerdict, signRatingIntent } from "@support-quality/sdk";
import { network } from "hardhat";
import { getAddress, type Hex } from "viem";
import { deployProtocol } from "../../deploy/protocol.js";
import { advanceTime } from "../../scripts/stack/govern.js";
import { type Connection, issue, latestTimestamp, makeReceipt, mined, RATING_RULES_PARAMS, rateArgs, ratingWorld, signReceipt } from "../support/fixtures.js";

type RatingWorld = Awaited<ReturnType<typeof ratingWorld>>;

const Priority = { Low: 0, Normal: 1, High: 2, Urgent: 3 } as const;
const histogram = (counts: Record<number, number>) => Array.from({ length: 8 }, (_, i) => BigInt(counts[i + 1] ?? 0));

async function governedWorld(connection: Connection) {
  return ratingWorld(connection);
}

/** Rates `receipt` as its requester, with the desk issuer's signature; returns the transaction hash. */
async function rate(world: RatingWorld, receipt: Receipt, score: number, tags: number, comment: string): Promise<Hex> {
  return submitRating(world, receipt, await issue(world, receipt), { score, tags, comment });
}

/** Submits `rate` with a given receipt signature: by default the issuer's, sent by the requester. */
function submitRating(
  world: RatingWorld,
  receipt: Receipt,
  signature: Hex,
  { score = 5, tags = 0, comment = "Hi.", signer = world.issuer.account.address, from = world.requester.account } = {},
): Promise<Hex> {
  return world.protocol.ratings.write.rate(rateArgs(receipt, signer, signature, score, tags, comment), { account: from });
}

/** The requester's EIP-712 `RatingIntent` for `receipt`, as a relayer receives it. */
async function signIntent(world: RatingWorld, receipt: Receipt, score: number, tags: number, comment: string, deadline: number) {
  const nonce = await world.protocol.ratings.read.nonces([receipt.requester]);
  const contract = { chainId: world.protocol.deployment.chainId, verifyingContract: world.protocol.ratings.address };
  return signRatingIntent(world.requester, contract, { receipt, score, tags, comment, nonce, deadline });
}

describe("ratings flows", () => {
  let connection: Connection;
  before(async () => {
    connection = await network.create();
  });

  it("rates a receipt: Rated event, stored rating and aggregates; a second rating is the steady state", async () => {
    const world = await connection.networkHelpers.loadFixture(governedWorld);
    const { ratings } = world.protocol;
    const { viem } = connection;
    const receipt = await makeReceipt(world, world.deskId);
    const ratingId = await ratings.read.ratingIdOf([receipt.deskId, receipt.ticketId]);
    // deskId << 64 | ticketId: both readable from the id.
    assert.equal(ratingId, `0x${receipt.deskId.toString(16).padStart(48, "0")}${receipt.ticketId.toString(16).padStart(16, "0")}`);

    await viem.assertions.emitWithArgs(rate(world, receipt, 5, 0b0101, "Fast and clear, thanks!"), ratings, "Rated", [
      ratingId,
      world.deskId,
      receipt.agent,
      receipt.requester,
      5,
      0b0101,
      2,
      Priority.Normal,
      SlaVerdict.Met,
      1,
      1,
      "Fast and clear, thanks!",
    ]);
    assert.deepEqual(await ratings.read.rating([ratingId]), {
      agent: receipt.agent,
      deskId: world.deskId,
      score: 5,
      verdict: SlaVerdict.Met,
      voided: false,
      replied: false,
      selfSigned: false,
    });

    // Urgent ticket answered after 20 minutes (target 10): SLA breached.
    const now = await latestTimestamp(world);
    const late = await makeReceipt(world, world.deskId, {
      priority: Priority.Urgent,
      openedAt: now - 3600,
      firstResponseAt: now - 3600 + 20 * 60,
      resolvedAt: now - 600,
    });
    const hash = await rate(world, late, 2, 0, "Slow first answer.");
    const { gasUsed } = await mined(world, hash);
    await viem.assertions.emitWithArgs(hash, ratings, "Rated", [
      await ratings.read.ratingIdOf([late.deskId, late.ticketId]),
      world.deskId,
      late.agent,
      late.requester,
      2,
      0,
      2,
      Priority.Urgent,
      SlaVerdict.Breached,
      1,
      1,
      "Slow first answer.",
    ]);
    console.log(`gas: rate (steady state, second rating of the agent) = ${gasUsed}`);

    const expected = { count: 2n, sum: 7n, histogram: histogram({ 2: 1, 5: 1 }), slaMet: 1n, slaBreached: 1n, voided: 0n };
    assert.deepEqual(await ratings.read.agentStats([receipt.agent]), expected);
    assert.deepEqual(await ratings.read.deskStats([world.deskId]), expected);
  });

  it("accepts a relayed rateBySig signed by the requester and submitted by a third account", async () => {
    const world = await connection.networkHelpers.loadFixture(governedWorld);
    const { ratings } = world.protocol;
    const { viem } = connection;
    await mined(world, rate(world, await makeReceipt(world, world.deskId), 4, 0, "Good."));

    const receipt = await makeReceipt(world, world.deskId);
    const signature = await issue(world, receipt);
    const comment = "Solved my stuck transaction.";
    const [score, tags] = [5, 0b0100];
    assert.equal(await ratings.read.nonces([receipt.requester]), 0n);
    const intentDeadline = (await latestTimestamp(world)) + 3600;
    const requesterSignature = await signIntent(world, receipt, score, tags, comment, intentDeadline);

    const hash = await ratings.write.rateBySig([receipt, signature, world.issuer.account.address, score, tags, comment, intentDeadline, requesterSignature], {
      account: world.relayer.account,
    });
    const { gasUsed, from } = await mined(world, hash);
    assert.equal(getAddress(from), getAddress(world.relayer.account.address));
    await viem.assertions.emitWithArgs(hash, ratings, "Rated", [
      await ratings.read.ratingIdOf([receipt.deskId, receipt.ticketId]),
      world.deskId,
      receipt.agent,
      receipt.requester,
      score,
      tags,
      2,
      Priority.Normal,
      SlaVerdict.Met,
      1,
      1,
      comment,
    ]);
    console.log(`gas: rateBySig (requester's first relayed rating: nonce slot 0 → 1) = ${gasUsed}`);
    assert.equal(await ratings.read.nonces([receipt.requester]), 1n);
    assert.deepEqual(await ratings.read.agentStats([receipt.agent]), {
      count: 2n,
      sum: 9n,
      histogram: histogram({ 4: 1, 5: 1 }),
      slaMet: 2n,
      slaBreached: 0n,
      voided: 0n,
    });

    // The requester's second relayed rating: the steady state (nonce slot already written).
    const next = await makeReceipt(world, world.deskId);
    const nextSignature = await signIntent(world, next, 3, 0, "", intentDeadline);
    const steady = await mined(
      world,
      ratings.write.rateBySig([next, await issue(world, next), world.issuer.account.address, 3, 0, "", intentDeadline, nextSignature], {
        account: world.relayer.account,
      }),
    );
    console.log(`gas: rateBySig (steady state, requester's second relayed rating) = ${steady.gasUsed}`);
    assert.equal(await ratings.read.nonces([receipt.requester]), 2n);

    // The intent is bound to its nonce: replaying it is rejected.
    await viem.assertions.revertWithCustomErrorWithArgs(
      ratings.write.rateBySig([receipt, signature, world.issuer.account.address, score, tags, comment, intentDeadline, requesterSignature], {
        account: world.relayer.account,
      }),
      ratings,
      "RatingsInvalidRequesterSignature",
      [receipt.requester],
    );
  });

  describe("rejected receipts", () => {
    it("a replayed receipt: RatingsAlreadyRated", async () => {
      const world = await connection.networkHelpers.loadFixture(governedWorld);
      const receipt = await makeReceipt(world, world.deskId);
      await mined(world, rate(world, receipt, 5, 0, "Great."));
      await connection.viem.assertions.revertWithCustomErrorWithArgs(
        rate(world, receipt, 1, 0, "Changed my mind."),
        world.protocol.ratings,
        "RatingsAlreadyRated",
        [world.deskId, receipt.ticketId],
      );
    });

    it("a receipt used by another account than its requester: RatingsNotRequester", async () => {
      const world = await connection.networkHelpers.loadFixture(governedWorld);
      const receipt = await makeReceipt(world, world.deskId);
      const signature = await issue(world, receipt);
      await connection.viem.assertions.revertWithCustomErrorWithArgs(
        submitRating(world, receipt, signature, { score: 1, comment: "Bad.", from: world.otherUser.account }),
        world.protocol.ratings,
        "RatingsNotRequester",
        [getAddress(world.otherUser.account.address), receipt.requester],
      );
    });

    it("a ticket opened after the agent's suspension: RatingsAgentNotActive", async () => {
      const world = await connection.networkHelpers.loadFixture(governedWorld);
      const { agentRegistry } = world.protocol;
      await mined(
        world,
        agentRegistry.write.suspendAgent([world.agent.account.address, "Asked a user for a seed phrase"], {
          account: world.operator.account,
        }),
      );
      await advanceTime(world.testClient, 600);
      const now = await latestTimestamp(world);
      const receipt = await makeReceipt(world, world.deskId, { openedAt: now - 300, firstResponseAt: now - 200, resolvedAt: now - 100 });
      await connection.viem.assertions.revertWithCustomErrorWithArgs(rate(world, receipt, 5, 0, "Fine."), world.protocol.ratings, "RatingsAgentNotActive", [
        world.deskId,
        receipt.agent,
        receipt.openedAt,
      ]);
    });

    it("an expired receipt: RatingsReceiptExpired", async () => {
      const world = await connection.networkHelpers.loadFixture(governedWorld);
      const receipt = await makeReceipt(world, world.deskId, { deadline: (await latestTimestamp(world)) + 100 });
      const signature = await issue(world, receipt);
      const at = receipt.deadline + 1;
      await connection.networkHelpers.time.setNextBlockTimestamp(at);
      await connection.viem.assertions.revertWithCustomErrorWithArgs(
        submitRating(world, receipt, signature, { comment: "Late." }),
        world.protocol.ratings,
        "RatingsReceiptExpired",
        [receipt.deadline, at],
      );
    });

    it("a rating after the rules' window: RatingsWindowClosed", async () => {
      const world = await connection.networkHelpers.loadFixture(governedWorld);
      const receipt = await makeReceipt(world, world.deskId);
      const signature = await issue(world, receipt);
      const closedAt = receipt.resolvedAt + RATING_RULES_PARAMS.ratingWindow;
      const at = closedAt + 1;
      await connection.networkHelpers.time.setNextBlockTimestamp(at);
      await connection.viem.assertions.revertWithCustomErrorWithArgs(
        submitRating(world, receipt, signature, { comment: "Late." }),
        world.protocol.ratings,
        "RatingsWindowClosed",
        [closedAt, at],
      );
    });

    it("a receipt signed for another chain: RatingsInvalidSignature", async () => {
      const world = await connection.networkHelpers.loadFixture(governedWorld);
      const receipt = await makeReceipt(world, world.deskId);
      const signature = await signReceipt(world.issuer, receipt, { chainId: 1, verifyingContract: world.protocol.ratings.address });
      await connection.viem.assertions.revertWithCustomErrorWithArgs(
        submitRating(world, receipt, signature),
        world.protocol.ratings,
        "RatingsInvalidSignature",
        [getAddress(world.issuer.account.address)],
      );
    });

    it("a receipt signed for another deployment: RatingsInvalidSignature", async () => {
      const world = await connection.networkHelpers.loadFixture(governedWorld);
      const second = await deployProtocol(connection.viem);
      assert.notEqual(second.ratings.address, world.protocol.ratings.address);
      const receipt = await makeReceipt(world, world.deskId);
      const signature = await signReceipt(world.issuer, receipt, {
        chainId: world.protocol.deployment.chainId,
        verifyingContract: second.ratings.address,
      });
      await connection.viem.assertions.revertWithCustomErrorWithArgs(
        submitRating(world, receipt, signature),
        world.protocol.ratings,
        "RatingsInvalidSignature",
        [getAddress(world.issuer.account.address)],
      );
      // The same receipt signed for the right contract is accepted: only the domain differed.
      await mined(world, rate(world, receipt, 5, 0, "Hi."));
    });

    it("a receipt signed by a key the desk never authorised: RatingsUnauthorizedSigner", async () => {
      const world = await connection.networkHelpers.loadFixture(governedWorld);
      const { ratings } = world.protocol;
      const receipt = await makeReceipt(world, world.deskId);
      const domain = { chainId: world.protocol.deployment.chainId, verifyingContract: ratings.address };
      // A stranger's key, and the agent's own key on a desk that does not allow self-signing.
      for (const signer of [world.stranger, world.agent]) {
        const signature = await signReceipt(signer, receipt, domain);
        await connection.viem.assertions.revertWithCustomErrorWithArgs(
          submitRating(world, receipt, signature, { signer: signer.account.address }),
          ratings,
          "RatingsUnauthorizedSigner",
          [world.deskId, getAddress(signer.account.address)],
        );
      }
    });
  });
});
