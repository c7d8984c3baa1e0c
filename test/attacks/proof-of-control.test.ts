/**
 * A scammer talking to a wallet user claims to be support and quotes an official agent's address or handle.
 * The user asks for a proof of control on Verify. Every way the scammer can answer without the agent's key
 * is refused with a sentence; the genuine agent (an EOA, or a smart account through ERC-1271) is confirmed.
 */

import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { issueChallenge, PROOF_TYPES, type ProofChallenge, type ProofContext, proofDomain, type SignedProof, verifyProof } from "@support-quality/sdk";
import { network } from "hardhat";
import { type Address, getAddress } from "viem";
import { AGENT_HANDLE, type Connection, DESK_NAME, deployWorld, distributeAndDelegate, registerDesk, type Wallet, type World } from "../support/fixtures.js";

const ORIGIN = "https://support-quality.example";
const NOW = 2_000_000_000;

async function deskWorld(connection: Connection) {
  const world = await deployWorld(connection);
  await distributeAndDelegate(world);
  await registerDesk(world);
  return world;
}

async function sign(world: World, signer: Wallet, challenge: ProofChallenge, chainId?: number): Promise<`0x${string}`> {
  return signer.signTypedData({
    account: signer.account,
    domain: proofDomain(chainId ?? (await world.publicClient.getChainId())),
    types: PROOF_TYPES,
    primaryType: "ProofOfControl",
    message: challenge,
  });
}

/** The user's side: a challenge issued in this "browser", and the book it is checked against. */
function userSession(now = NOW) {
  const challenge = issueChallenge(ORIGIN, now);
  const context: ProofContext = { origin: ORIGIN, now: now + 30, issued: new Set([challenge.nonce]), used: new Set() };
  return { challenge, context };
}

describe("attack: quoting an official agent without its key", () => {
  let connection: Connection;
  let world: World;
  let agent: Address;
  before(async () => {
    connection = await network.create();
    world = await connection.networkHelpers.loadFixture(deskWorld);
    agent = getAddress(world.agent.account.address);
  });
  const check = (proof: SignedProof, context: ProofContext) => verifyProof(world.publicClient, world.protocol.agentRegistry.address, proof, context);

  it("an AI assistant's proof says it is a program, and a community helper's that they are a volunteer", async () => {
    const r = world.protocol.agentRegistry;
    const asTimelock = { account: world.protocol.timelock.address };
    await connection.networkHelpers.impersonateAccount(world.protocol.timelock.address);
    await connection.networkHelpers.setBalance(world.protocol.timelock.address, 10n ** 18n);
    await r.write.addAgent([1, world.dave.account.address, "acme.bot", 1], asTimelock);
    await r.write.registerCommunityDesk(["Acme Helpers"], asTimelock);
    await r.write.addAgent([2, world.carol.account.address, "carol.helps", 2], asTimelock);
    for (const [signer, sentence] of [
      [world.dave, `This was signed by the key of @acme.bot, the official AI assistant of ${DESK_NAME} — a program, not a person — right now.`],
      [world.carol, "This person controls @carol.helps, a community helper of Acme Helpers — a volunteer, not staff — right now."],
    ] as const) {
      const { challenge, context } = userSession();
      const verdict = await check({ challenge, agent: getAddress(signer.account.address), signature: await sign(world, signer, challenge) }, context);
      assert.equal(verdict.ok && verdict.sentence, sentence);
    }
  });

  it("the genuine agent's signature is confirmed with its handle and desk", async () => {
    const { challenge, context } = userSession();
    const verdict = await check({ challenge, agent, signature: await sign(world, world.agent, challenge) }, context);
    assert.deepEqual(verdict, {
      ok: true,
      agent,
      handle: AGENT_HANDLE,
      desk: DESK_NAME,
      sentence: `This person controls @${AGENT_HANDLE}, official agent of ${DESK_NAME}, right now.`,
    });
  });

  it("the scammer signs with their own key but claims the agent's address: refused", async () => {
    const { challenge, context } = userSession();
    const verdict = await check({ challenge, agent, signature: await sign(world, world.stranger, challenge) }, context);
    assert.deepEqual(verdict, {
      ok: false,
      reason: "bad-signature",
      sentence: `The signature was not made by the key of ${agent.slice(0, 6)}…${agent.slice(-4)}: whoever sent it does not control that agent. Treat this as a scam.`,
    });
  });

  it("the scammer signs with their own key and names it: not an official agent", async () => {
    const { challenge, context } = userSession();
    const stranger = getAddress(world.stranger.account.address);
    const verdict = await check({ challenge, agent: stranger, signature: await sign(world, world.stranger, challenge) }, context);
    assert.deepEqual(verdict, { ok: false, reason: "not-official", sentence: "The signature was not made by an official agent: treat this as a scam." });
  });

  it("a genuine proof captured earlier is refused: used once, and unknown to another user's browser", async () => {
    const { challenge, context } = userSession();
    const proof = { challenge, agent, signature: await sign(world, world.agent, challenge) };
    assert.equal((await check(proof, context)).ok, true);
    const replayed = await check(proof, { ...context, used: new Set([challenge.nonce]) });
    assert.equal(replayed.ok ? "" : replayed.reason, "reused");
    const elsewhere = await check(proof, { ...context, issued: new Set(), used: new Set() });
    assert.deepEqual(elsewhere, {
      ok: false,
      reason: "not-issued",
      sentence: "This challenge was not issued by you in this browser: issue your own and ask the person to sign that one.",
    });
  });

  it("a challenge issued by a phishing site, signed by the real agent, is refused on the real site", async () => {
    const phishing = issueChallenge("https://support-quallty.example", NOW);
    const proof = { challenge: phishing, agent, signature: await sign(world, world.agent, phishing) };
    const verdict = await check(proof, { origin: ORIGIN, now: NOW + 30, issued: new Set([phishing.nonce]), used: new Set() });
    assert.deepEqual(verdict, {
      ok: false,
      reason: "foreign-origin",
      sentence: `This challenge was issued for https://support-quallty.example, not for ${ORIGIN}: someone is relaying another site's challenge. Treat this as a scam.`,
    });
  });

  it("an expired challenge is refused, and a signature for another chain does not verify", async () => {
    const { challenge, context } = userSession();
    const expired = await check({ challenge, agent, signature: await sign(world, world.agent, challenge) }, { ...context, now: NOW + 300 });
    assert.equal(expired.ok ? "" : expired.reason, "expired");
    const otherChain = await check({ challenge, agent, signature: await sign(world, world.agent, challenge, 1) }, context);
    assert.equal(otherChain.ok ? "" : otherChain.reason, "bad-signature");
  });

  it("a suspended agent's signature is refused, saying why", async () => {
    const fresh = await connection.networkHelpers.loadFixture(deskWorld);
    await fresh.protocol.agentRegistry.write.suspendAgent([agent, "Under review"], { account: fresh.operator.account });
    const { challenge, context } = userSession();
    const verdict = await verifyProof(
      fresh.publicClient,
      fresh.protocol.agentRegistry.address,
      { challenge, agent, signature: await sign(fresh, fresh.agent, challenge) },
      context,
    );
    assert.deepEqual(verdict, {
      ok: false,
      reason: "not-official",
      sentence: `The signature was not made by an official agent: treat this as a scam. @${AGENT_HANDLE} is suspended by its desk.`,
    });
  });

  it("a smart-account agent proves control through ERC-1271; its owner's bare key does not stand in for another account", async () => {
    const fresh = await connection.networkHelpers.loadFixture(deskWorld);
    const wallet = await fresh.connection.viem.deployContract("SmartWallet", [fresh.carol.account.address]);
    await fresh.protocol.agentRegistry.write.addAgent([1, wallet.address, "acme-vault", 0], { account: fresh.operator.account });
    const { challenge, context } = userSession();
    const signature = await sign(fresh, fresh.carol, challenge);
    const verdict = await verifyProof(
      fresh.publicClient,
      fresh.protocol.agentRegistry.address,
      { challenge, agent: getAddress(wallet.address), signature },
      context,
    );
    assert.equal(verdict.sentence, `This person controls @acme-vault, official agent of ${DESK_NAME}, right now.`);
    const { challenge: second, context: secondContext } = userSession();
    const stranger = await verifyProof(
      fresh.publicClient,
      fresh.protocol.agentRegistry.address,
      { challenge: second, agent: getAddress(wallet.address), signature: await sign(fresh, fresh.stranger, second) },
      secondContext,
    );
    assert.equal(stranger.ok ? "" : stranger.reason, "bad-signature");
  });
});
