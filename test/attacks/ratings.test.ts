/**
 * Attacks on published scores: an agent rated for tickets opened while it was suspended, a self-signing
 * agent farming itself 5/5 through Sybil requesters or squatting a ticket id so the real customer's
 * rating is refused, receipts of a removed desk, and a v1 receipt signature (or a v2 receipt with its
 * category or paused time changed) passed off as the desk's v2 receipt. Production deploy path, real governance.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { ratingsDomain } from "@support-quality/sdk";
import { network } from "hardhat";
import { getAddress } from "viem";
import { advanceTime, call } from "../../scripts/stack/govern.js";
import { type Connection, govern, issue, latestTimestamp, makeReceipt, mined, rateArgs, ratingWorld, signReceipt } from "../support/fixtures.js";

const HOUR = 3600;

async function selfSigningWorld(connection: Connection) {
  const world = await ratingWorld(connection);
  const r = world.protocol.agentRegistry;
  await govern(world, [call(r.address, r.abi, "setSelfSigning", [world.deskId, true])], "Let agents sign their receipts");
  return world;
}

describe("attacks on ratings", () => {
  let connection: Connection;
  before(async () => {
    connection = await network.create();
  });

  it("a ticket opened during an agent's first suspension stays unratable after two suspend/reinstate cycles", async () => {
    const world = await connection.networkHelpers.loadFixture(ratingWorld);
    const { agentRegistry: r, ratings } = world.protocol;
    const agent = world.agent.account.address;
    const asOperator = { account: world.operator.account };
    await mined(world, r.write.suspendAgent([agent, "investigation 1"], asOperator));
    const openedDuringFirst = (await latestTimestamp(world)) + HOUR;
    await advanceTime(world.testClient, 2 * HOUR);
    await mined(world, r.write.reinstateAgent([agent, "cleared 1"], asOperator));
    await advanceTime(world.testClient, HOUR);
    await mined(world, r.write.suspendAgent([agent, "investigation 2"], asOperator));
    await advanceTime(world.testClient, HOUR);
    await mined(world, r.write.reinstateAgent([agent, "cleared 2"], asOperator));
    await advanceTime(world.testClient, HOUR);
    assert.equal((await r.read.suspensions([agent])).length, 2);

    const now = await latestTimestamp(world);
    const receipt = await makeReceipt(world, world.deskId, {
      openedAt: openedDuringFirst,
      firstResponseAt: openedDuringFirst + 60,
      resolvedAt: now - 60,
    });
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      ratings.write.rate(rateArgs(receipt, world.issuer.account.address, await issue(world, receipt), 5, 0, "x"), {
        account: world.requester.account,
      }),
      ratings,
      "RatingsAgentNotActive",
      [world.deskId, getAddress(agent), openedDuringFirst],
    );
  });

  it("a self-signing agent cannot squat a desk-issued ticket id to block the real customer's rating", async () => {
    const world = await connection.networkHelpers.loadFixture(selfSigningWorld);
    const { ratings } = world.protocol;
    const domain = { chainId: world.protocol.deployment.chainId, verifyingContract: ratings.address };
    // The agent expects a bad rating on ticket 4242 and rates it first through a Sybil, with its own signature.
    const squat = await makeReceipt(world, world.deskId, { ticketId: 4242n, requester: getAddress(world.otherUser.account.address) });
    await mined(
      world,
      ratings.write.rate(rateArgs(squat, world.agent.account.address, await signReceipt(world.agent, squat, domain), 5, 0, "great"), {
        account: world.otherUser.account,
      }),
    );
    // The real customer's desk-issued receipt for ticket 4242 still rates.
    const genuine = await makeReceipt(world, world.deskId, { ticketId: 4242n });
    await mined(
      world,
      ratings.write.rate(rateArgs(genuine, world.issuer.account.address, await issue(world, genuine), 1, 0, "asked for my seed"), {
        account: world.requester.account,
      }),
    );
    const real = await ratings.read.rating([await ratings.read.ratingIdOf([world.deskId, 4242n])]);
    assert.equal(real.score, 1);
    assert.equal(real.selfSigned, false);
  });

  it("Sybil 5/5 ratings on self-signed receipts never reach the agent's or the desk's published score", async () => {
    const world = await connection.networkHelpers.loadFixture(selfSigningWorld);
    const { ratings } = world.protocol;
    const domain = { chainId: world.protocol.deployment.chainId, verifyingContract: ratings.address };
    const genuine = await makeReceipt(world, world.deskId);
    await mined(
      world,
      ratings.write.rate(rateArgs(genuine, world.issuer.account.address, await issue(world, genuine), 2, 0, "slow"), {
        account: world.requester.account,
      }),
    );
    const sybils = (await connection.viem.getWalletClients()).slice(14, 19);
    for (const sybil of sybils) {
      const receipt = await makeReceipt(world, world.deskId, { requester: getAddress(sybil.account.address) });
      const signature = await signReceipt(world.agent, receipt, domain);
      await mined(world, ratings.write.rate(rateArgs(receipt, world.agent.account.address, signature, 5, 0, "best"), { account: sybil.account }));
    }
    const verified = await ratings.read.agentStats([world.agent.account.address]);
    assert.equal(verified.count, 1n);
    assert.equal(verified.sum, 2n);
    assert.equal((await ratings.read.deskStats([world.deskId])).count, 1n);
    const selfSigned = await ratings.read.agentSelfSignedStats([world.agent.account.address]);
    assert.equal(selfSigned.count, 5n);
    assert.equal(selfSigned.sum, 25n);
  });

  it("a receipt issued before its desk was removed can no longer be rated", async () => {
    const world = await connection.networkHelpers.loadFixture(ratingWorld);
    const { agentRegistry: r, ratings } = world.protocol;
    const receipt = await makeReceipt(world, world.deskId);
    const signature = await issue(world, receipt);
    await govern(world, [call(r.address, r.abi, "removeDesk", [world.deskId])], "Remove the desk");
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      ratings.write.rate(rateArgs(receipt, world.issuer.account.address, signature, 5, 0, "x"), { account: world.requester.account }),
      ratings,
      "RatingsUnauthorizedSigner",
      [world.deskId, getAddress(world.issuer.account.address)],
    );
    assert.equal(await r.read.statusOf([world.agent.account.address]), 3); // FormerAgent
  });

  it("an old-format (v1) receipt signature, or a v2 receipt with its category or paused time changed, is refused", async () => {
    const world = await connection.networkHelpers.loadFixture(ratingWorld);
    const { ratings } = world.protocol;
    const receipt = await makeReceipt(world, world.deskId);
    // The desk's issuer signed the same ticket under the v1 type (no category, no paused time).
    const { category: _c, pausedSeconds: _p, ...v1 } = receipt;
    const v1Signature = await world.issuer.signTypedData({
      account: world.issuer.account,
      domain: ratingsDomain(world.protocol.deployment.chainId, ratings.address),
      types: {
        Receipt: [
          { name: "ticketId", type: "uint64" },
          { name: "deskId", type: "uint32" },
          { name: "agent", type: "address" },
          { name: "requester", type: "address" },
          { name: "priority", type: "uint8" },
          { name: "openedAt", type: "uint48" },
          { name: "firstResponseAt", type: "uint48" },
          { name: "resolvedAt", type: "uint48" },
          { name: "deadline", type: "uint48" },
        ],
      },
      primaryType: "Receipt",
      message: v1,
    });
    const issuer = world.issuer.account.address;
    const asRequester = { account: world.requester.account };
    const { assertions } = connection.viem;
    await assertions.revertWithCustomErrorWithArgs(
      ratings.write.rate(rateArgs(receipt, issuer, v1Signature, 5, 0, ""), asRequester),
      ratings,
      "RatingsInvalidSignature",
      [getAddress(issuer)],
    );
    // A genuine v2 signature, with the category or the paused time edited by the requester.
    const signature = await issue(world, receipt);
    for (const edited of [
      { ...receipt, category: 1 },
      { ...receipt, pausedSeconds: 600 },
    ]) {
      await assertions.revertWithCustomErrorWithArgs(
        ratings.write.rate(rateArgs(edited, issuer, signature, 5, 0, ""), asRequester),
        ratings,
        "RatingsInvalidSignature",
        [getAddress(issuer)],
      );
    }
    await mined(world, ratings.write.rate(rateArgs(receipt, issuer, signature, 5, 0, ""), asRequester));
  });
});
