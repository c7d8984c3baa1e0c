/**
 * The relayer's API contract and its refusals, against a real chain and the relayer as a real process:
 * each case asserts the HTTP status and the exact sentence, and what happened on-chain.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ERROR_SENTENCES, relayStatus, relayVote, signBallot, voteRelayBody, waitForRelay } from "@support-quality/sdk";
import { decodeEventLog, getAddress, type Hex } from "viem";
import { propose } from "../../scripts/stack/govern.js";
import { type ChainWorld, getRequest, post, type RelayerProcess, relayerKey, startChain, startRelayer, until } from "./harness.js";

describe("relayer API", () => {
  let chain: ChainWorld;
  let relayer: RelayerProcess;

  before(async () => {
    chain = await startChain();
    relayer = await startRelayer(chain, { RELAYER_PRIVATE_KEY: await relayerKey(chain), RELAYER_REQUESTER_LIMIT: "3", RELAYER_IP_LIMIT: "1000" });
  });
  after(async () => {
    await relayer?.stop();
    await chain?.close();
  });

  it("relays a signed rating: 202 queued, then confirmed by the relayer's transaction, the requester paying nothing", async () => {
    const body = await chain.signedRating(0, { score: 4, tags: 0b0011, comment: "Solved in ten minutes." });
    const requester = body.receipt.requester;
    const accepted = await post(relayer.url, "/v1/ratings", body);
    assert.equal(accepted.status, 202);
    assert.equal(accepted.body.status, "queued");
    const done = await waitForRelay({ url: relayer.url }, accepted.body.id!, { intervalMs: 50 });
    assert.equal(done.status, "confirmed");
    const receipt = await chain.world.publicClient.getTransactionReceipt({ hash: done.txHash! });
    assert.equal(receipt.from.toLowerCase(), relayer.address.toLowerCase());
    assert.equal(String(receipt.blockNumber), done.blockNumber);
    const { ratings } = chain.world.protocol;
    const rated = receipt.logs
      .filter((l) => l.address.toLowerCase() === ratings.address.toLowerCase())
      .map((l) => decodeEventLog({ abi: ratings.abi, data: l.data, topics: l.topics }))
      .find((e) => e.eventName === "Rated");
    assert.ok(rated && rated.eventName === "Rated");
    assert.equal(rated.args.requester, requester);
    assert.equal(rated.args.score, 4);
    assert.equal(rated.args.comment, "Solved in ten minutes.");
    assert.equal(await chain.world.publicClient.getBalance({ address: requester }), 0n);
    assert.equal(await ratings.read.nonces([requester]), 1n);
  });

  it("relays an escalated rating: rateEscalated with the requester's intent over the EscalatedReceipt, linked to the AI ticket", async () => {
    const body = await chain.signedRating(9, { score: 5, escalatedFrom: 49_999n });
    assert.equal(body.receipt.escalatedFrom, "49999");
    const accepted = await post(relayer.url, "/v1/ratings", body);
    assert.equal(accepted.status, 202);
    const done = await waitForRelay({ url: relayer.url }, accepted.body.id!, { intervalMs: 50 });
    assert.equal(done.status, "confirmed");
    const { ratings } = chain.world.protocol;
    const logs = (await chain.world.publicClient.getTransactionReceipt({ hash: done.txHash! })).logs
      .filter((l) => l.address.toLowerCase() === ratings.address.toLowerCase())
      .map((l) => decodeEventLog({ abi: ratings.abi, data: l.data, topics: l.topics }));
    const escalated = logs.find((e) => e.eventName === "RatingEscalated");
    assert.ok(escalated && escalated.eventName === "RatingEscalated");
    const deskId = chain.world.deskId;
    assert.deepEqual(escalated.args, {
      ratingId: await ratings.read.ratingIdOf([deskId, BigInt(body.receipt.ticketId)]),
      escalatedFromRatingId: await ratings.read.ratingIdOf([deskId, 49_999n]),
      deskId,
      escalatedFrom: 49_999n,
    });
  });

  it("relays signed ballots (castVoteBySig, and castVoteWithReasonAndParamsBySig with a reason)", async () => {
    const { world } = chain;
    const { governor, agentRegistry } = world.protocol;
    const proposalId = await propose(
      world.clients,
      governor,
      world.alice,
      [{ target: agentRegistry.address, data: "0x" as Hex }],
      `Relayed vote test ${Date.now()}`,
    );
    const delay = await governor.read.votingDelay();
    await world.testClient.increaseTime({ seconds: Number(delay) + 1 });
    await world.testClient.mine({ blocks: 1 });
    const contract = { chainId: world.protocol.deployment.chainId, verifyingContract: governor.address };
    for (const [voter, reason] of [
      [world.bob, undefined],
      [world.carol, "The desk earned it."],
    ] as const) {
      const ballot = { proposalId, support: 1, voter: voter.account.address, nonce: await governor.read.nonces([voter.account.address]), reason };
      const signature = await signBallot(voter, contract, ballot);
      const accepted = await relayVote({ url: relayer.url }, voteRelayBody(contract, ballot, signature));
      assert.equal(accepted.status, "queued");
      const done = await waitForRelay({ url: relayer.url }, accepted.id, { intervalMs: 50 });
      assert.equal(done.status, "confirmed");
      assert.equal(await governor.read.hasVoted([proposalId, voter.account.address]), true);
      const receipt = await world.publicClient.getTransactionReceipt({ hash: done.txHash! });
      const cast = receipt.logs
        .filter((l) => l.address.toLowerCase() === governor.address.toLowerCase())
        .map((l) => decodeEventLog({ abi: governor.abi, data: l.data, topics: l.topics }))
        .find((e) => e.eventName === "VoteCast" || e.eventName === "VoteCastWithParams");
      assert.ok(cast);
      assert.equal(cast.args.voter, getAddress(voter.account.address));
      assert.equal(cast.args.reason, reason ?? "");
    }
    const unknown = await relayStatus({ url: relayer.url }, "999999").catch((e: Error) => e.message);
    assert.equal(unknown, "There is no request 999999 on this relayer.");
  });

  it("refuses malformed JSON, a body that is not a signed rating, and a non-JSON body", async () => {
    const malformed = await post(relayer.url, "/v1/ratings", '{"chainId": 31337,');
    assert.deepEqual([malformed.status, malformed.body.error], [400, "The request body is not valid JSON."]);
    const body = await chain.signedRating(1);
    const wrongShape = await post(relayer.url, "/v1/ratings", { ...body, score: "five" });
    assert.deepEqual([wrongShape.status, wrongShape.body.error], [400, "The request is not a signed rating: score expected number, received string."]);
    const text = await fetch(`${relayer.url}/v1/ratings`, { method: "POST", headers: { "content-type": "text/plain" }, body: "hello" });
    assert.deepEqual([text.status, ((await text.json()) as { error: string }).error], [415, "Send the request as JSON (Content-Type: application/json)."]);
  });

  it("refuses a wrong chain id and a wrong ratings contract", async () => {
    const body = await chain.signedRating(1);
    const wrongChain = await post(relayer.url, "/v1/ratings", { ...body, chainId: 84532 });
    assert.deepEqual([wrongChain.status, wrongChain.body.error], [400, "This relayer relays on chain 31337; the rating is signed for chain 84532."]);
    const other = "0x000000000000000000000000000000000000dEaD";
    const wrongContract = await post(relayer.url, "/v1/ratings", { ...body, ratings: other });
    assert.deepEqual(
      [wrongContract.status, wrongContract.body.error],
      [400, `This relayer relays to the ratings contract ${getAddress(chain.world.protocol.ratings.address)}; the rating is signed for ${other}.`],
    );
  });

  it("refuses an expired intent, a signature that is not the requester's, and a comment over the size limit", async () => {
    const expired = await chain.signedRating(2, { deadlineIn: -60 });
    const now = Number((await chain.world.publicClient.getBlock()).timestamp);
    const e = await post(relayer.url, "/v1/ratings", expired);
    assert.equal(e.status, 422);
    assert.equal(e.body.error, `${ERROR_SENTENCES.RatingsRatingSignatureExpired([BigInt(expired.deadline), BigInt(now)])} Sign it again.`);

    const forged = await chain.signedRating(2);
    const bySomeoneElse = await chain.signedRating(3);
    const f = await post(relayer.url, "/v1/ratings", { ...forged, signature: bySomeoneElse.signature });
    assert.deepEqual([f.status, f.body.error], [422, ERROR_SENTENCES.RatingsInvalidRequesterSignature([forged.receipt.requester])]);

    const long = await chain.signedRating(2, { comment: "x".repeat(1001) });
    const l = await post(relayer.url, "/v1/ratings", long);
    assert.deepEqual(
      [l.status, l.body.error],
      [413, "The comment is 1001 bytes; this relayer relays comments of at most 1000 bytes. Shorten it, or pay the gas yourself."],
    );
  });

  it("refuses an intent whose simulation reverts, with the SDK's sentence, before paying anything", async () => {
    const balance = await chain.world.publicClient.getBalance({ address: relayer.address });
    const outOfScale = await chain.signedRating(4, { score: 9 });
    const r = await post(relayer.url, "/v1/ratings", outOfScale);
    assert.deepEqual([r.status, r.body.error], [422, ERROR_SENTENCES.RatingsScoreOutOfRange([9, 5])]);
    assert.equal(await chain.world.publicClient.getBalance({ address: relayer.address }), balance);
  });

  it("refuses a replayed signature: 409 naming the earlier request, and 409 once its nonce is used on-chain", async () => {
    const body = await chain.signedRating(5);
    const first = await post(relayer.url, "/v1/ratings", body);
    assert.equal(first.status, 202);
    const again = await post(relayer.url, "/v1/ratings", body);
    assert.equal(again.status, 409);
    assert.equal(again.body.id, first.body.id);
    assert.match(again.body.error!, new RegExp(`^This signature was already received as request ${first.body.id} \\((queued|submitted|confirmed)\\)\\.$`));
    await until(
      "confirmed",
      () => getRequest(relayer.url, first.body.id!),
      (r) => r.status === "confirmed",
    );
    // A second intent signed with the nonce the first one used: replayed on-chain.
    const stale = await chain.signedRating(5, { nonce: 0n });
    const s = await post(relayer.url, "/v1/ratings", stale);
    assert.deepEqual(
      [s.status, s.body.error],
      [409, `This signature was already used on-chain: ${stale.receipt.requester}'s nonce is now 1, the signature carries 0.`],
    );
  });

  it("limits requests per requester (429 with Retry-After and a sentence)", async () => {
    const sent = [];
    for (let i = 0; i < 3; i++) sent.push(await post(relayer.url, "/v1/ratings", await chain.signedRating(6, { nonce: BigInt(i) })));
    assert.deepEqual(
      sent.map((s) => s.status),
      [202, 202, 202],
    );
    const fourth = await chain.signedRating(6, { nonce: 3n });
    const limited = await post(relayer.url, "/v1/ratings", fourth);
    assert.equal(limited.status, 429);
    assert.match(
      limited.body.error!,
      new RegExp(`^${fourth.receipt.requester} has sent 3 requests in the last 60 s, this relayer's limit; try again in \\d+ s\\.$`),
    );
    assert.ok(Number(limited.headers.get("retry-after")) > 0);
    // Sequential nonces of one requester are relayed in order.
    for (const s of sent)
      await until(
        "confirmed",
        () => getRequest(relayer.url, s.body.id!),
        (r) => r.status === "confirmed",
      );
    assert.equal(await chain.world.protocol.ratings.read.nonces([fourth.receipt.requester]), 3n);
  });

  it("answers a browser's CORS preflight, so the dApp can call it from its own origin", async () => {
    const response = await fetch(`${relayer.url}/v1/ratings`, {
      method: "OPTIONS",
      headers: { origin: "http://127.0.0.1:4173", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get("access-control-allow-origin"), "*");
    assert.equal(response.headers.get("access-control-allow-headers"), "content-type");
  });

  it("answers the status of an unknown request with 404 and a sentence", async () => {
    const response = await fetch(`${relayer.url}/v1/requests/nope`);
    assert.deepEqual([response.status, await response.json()], [404, { error: "There is no request nope on this relayer." }]);
  });
});
