/**
 * Faults and persistence: a per-IP limit, the daily gas budget, a relayer out of gas, an RPC outage, a
 * stuck transaction replaced with higher fees, and a relayer killed with SIGKILL mid-flight — each time
 * nothing is lost and every request takes effect exactly once (counted on-chain).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Address, parseEther } from "viem";
import { type ChainWorld, getRequest, post, type RelayerProcess, relayerKey, rpcProxy, startChain, startRelayer, until } from "./harness.js";

describe("relayer faults and persistence", () => {
  let chain: ChainWorld;
  const running: RelayerProcess[] = [];
  const start = async (...args: Parameters<typeof startRelayer>) => {
    const r = await startRelayer(...args);
    running.push(r);
    return r;
  };

  before(async () => {
    chain = await startChain();
  });
  after(async () => {
    for (const r of running) await r.stop();
    await chain?.close();
  });

  /** Rated events of `requesters` since `fromBlock`. */
  async function ratedBy(requesters: Address[], fromBlock: bigint) {
    const { ratings } = chain.world.protocol;
    const logs = await chain.world.publicClient.getContractEvents({ address: ratings.address, abi: ratings.abi, eventName: "Rated", fromBlock });
    const wanted = new Set(requesters.map((r) => r.toLowerCase()));
    return logs.filter((l) => wanted.has(String(l.args.requester).toLowerCase()));
  }

  it("limits requests per IP (behind a trusted proxy, per X-Forwarded-For)", async () => {
    const relayer = await start(chain, { RELAYER_PRIVATE_KEY: await relayerKey(chain), RELAYER_IP_LIMIT: "2", RELAYER_TRUST_PROXY: "true" });
    const from = { "x-forwarded-for": "203.0.113.7" };
    assert.equal((await post(relayer.url, "/v1/ratings", await chain.signedRating(10), from)).status, 202);
    assert.equal((await post(relayer.url, "/v1/ratings", await chain.signedRating(11), from)).status, 202);
    const limited = await post(relayer.url, "/v1/ratings", await chain.signedRating(12), from);
    assert.equal(limited.status, 429);
    assert.match(limited.body.error!, /^Your address sent 2 requests in the last 60 s, this relayer's limit; try again in \d+ s\.$/);
    assert.equal((await post(relayer.url, "/v1/ratings", await chain.signedRating(12), { "x-forwarded-for": "198.51.100.1" })).status, 202);
    await relayer.stop();
  });

  it("refuses new work once the daily gas budget is spent", async () => {
    const relayer = await start(chain, { RELAYER_PRIVATE_KEY: await relayerKey(chain), RELAYER_DAILY_GAS_BUDGET: "300000" });
    const first = await post(relayer.url, "/v1/ratings", await chain.signedRating(13));
    assert.equal(first.status, 202);
    const done = await until(
      "confirmed",
      () => getRequest(relayer.url, first.body.id!),
      (r) => r.status === "confirmed",
    );
    const gasUsed = (await chain.world.publicClient.getTransactionReceipt({ hash: done.txHash! })).gasUsed;
    const second = await post(relayer.url, "/v1/ratings", await chain.signedRating(14));
    assert.equal(second.status, 503);
    assert.equal(
      second.body.error,
      `The relayer's daily gas budget is spent (${Number(gasUsed).toLocaleString("en-US")} of 300,000 gas today); it renews at 00:00 UTC. Pay the gas yourself, or try again then.`,
    );
    await relayer.stop();
  });

  it("out of gas: keeps what it accepted, refuses new work with a sentence, and sends once funded", async () => {
    const key = await relayerKey(chain, 1_000_000n);
    // A broadcast the node refused while underfunded is sent again as a replacement after a second.
    const relayer = await start(chain, { RELAYER_PRIVATE_KEY: key, RELAYER_MIN_BALANCE_WEI: "1", RELAYER_REPLACE_AFTER_MS: "1000" });
    const kept = await post(relayer.url, "/v1/ratings", await chain.signedRating(15));
    assert.equal(kept.status, 202);
    const waiting = await until(
      "out of gas",
      () => getRequest(relayer.url, kept.body.id!),
      (r) => r.sentence?.startsWith("The relayer is out of gas money") === true,
    );
    assert.equal(waiting.status, "queued");
    assert.equal(
      waiting.sentence,
      "The relayer is out of gas money (balance 0.000000000001 ETH, it needs at least 0.000000000000000001 ETH); the request is kept and sent once it is funded.",
    );
    const refused = await post(relayer.url, "/v1/ratings", await chain.signedRating(16));
    assert.deepEqual(
      [refused.status, refused.body.error],
      [
        503,
        "The relayer is out of gas money (balance 0.000000000001 ETH, it needs at least 0.000000000000000001 ETH): pay the gas yourself, or try again later.",
      ],
    );
    await chain.fund(relayer.address, parseEther("10"));
    const final = await until(
      "sent",
      () => getRequest(relayer.url, kept.body.id!),
      (r) => r.status === "confirmed" || r.status === "refused",
    ).catch(async (e) => {
      const tx = (await getRequest(relayer.url, kept.body.id!)).txHash;
      throw new Error(
        `${e}\n${relayer.output()}\n${JSON.stringify(tx && (await chain.world.publicClient.getTransaction({ hash: tx }).catch((x) => String(x))), (_k, v) => (typeof v === "bigint" ? v.toString() : v))}`,
      );
    });
    assert.equal(final.status, "confirmed");
    assert.equal(
      (
        await until(
          "confirmed",
          () => getRequest(relayer.url, kept.body.id!),
          (r) => r.status !== "queued",
        )
      ).status,
      "confirmed",
    );
    await relayer.stop();
  });

  it("RPC outage: accepts and keeps requests, retries with backoff, sends them when the chain is back", async () => {
    const proxy = await rpcProxy(chain.node.url);
    const relayer = await start(chain, { RELAYER_PRIVATE_KEY: await relayerKey(chain) }, proxy.url);
    const body = await chain.signedRating(17);
    await proxy.cut();
    const accepted = await post(relayer.url, "/v1/ratings", body);
    assert.equal(accepted.status, 202);
    assert.equal(accepted.body.sentence, "The chain's RPC is unreachable right now; the relayer keeps the request and checks it when the chain is back.");
    const health = await until(
      "RPC down",
      () => fetch(`${relayer.url}/v1/health`),
      (r) => r.status === 503,
    );
    assert.match(
      ((await health.json()) as { sentence: string }).sentence,
      /^The chain's RPC is unreachable; the relayer keeps the request and retries \(attempt \d+, next in \d+ s\)\.$/,
    );
    assert.equal((await getRequest(relayer.url, accepted.body.id!)).status, "queued");
    await proxy.restore();
    assert.equal(
      (
        await until(
          "confirmed",
          () => getRequest(relayer.url, accepted.body.id!),
          (r) => r.status === "confirmed",
          60_000,
        )
      ).status,
      "confirmed",
    );
    await relayer.stop();
    proxy.close();
  });

  it("kill -9 with transactions pending and unmined: on restart it replaces them (same nonces, higher fees); each takes effect once", async () => {
    const { world } = chain;
    const key = await relayerKey(chain);
    const env = { RELAYER_PRIVATE_KEY: key, RELAYER_REPLACE_AFTER_MS: "500" };
    let relayer = await start(chain, env);
    const fromBlock = (await world.publicClient.getBlockNumber()) + 1n;
    await world.testClient.setAutomine(false);
    try {
      const bodies = await Promise.all([20, 21, 22, 23, 24].map((i) => chain.signedRating(i)));
      const ids: string[] = [];
      for (const b of bodies) ids.push((await post(relayer.url, "/v1/ratings", b)).body.id!);
      await until(
        "all submitted",
        () => Promise.all(ids.map((id) => getRequest(relayer.url, id))),
        (rs) => rs.every((r) => r.status === "submitted"),
      );
      const before = await Promise.all(ids.map((id) => getRequest(relayer.url, id)));
      await relayer.kill9();
      relayer = await start(chain, env, undefined, relayer.url);
      // Replacements go out for the stuck transactions (new hashes), on the same nonces.
      await until(
        "replaced",
        () => Promise.all(ids.map((id) => getRequest(relayer.url, id))),
        (rs) => rs.every((r, i) => r.txHash !== before[i]!.txHash),
      );
      await world.testClient.mine({ blocks: 1 });
      const done = await until(
        "confirmed",
        () => Promise.all(ids.map((id) => getRequest(relayer.url, id))),
        (rs) => rs.every((r) => r.status === "confirmed"),
      );
      const events = await ratedBy(
        bodies.map((b) => b.receipt.requester),
        fromBlock,
      );
      assert.equal(events.length, 5);
      assert.equal(await world.publicClient.getTransactionCount({ address: relayer.address }), 5);
      assert.deepEqual(new Set(done.map((r) => r.txHash)).size, 5);
    } finally {
      await world.testClient.setAutomine(true);
      await relayer.stop();
    }
  });

  it("kill -9 at random moments under load: nothing lost, nothing twice (one Rated per request, one relayer nonce per request)", async () => {
    const { world } = chain;
    const key = await relayerKey(chain);
    const env = { RELAYER_PRIVATE_KEY: key, RELAYER_REQUESTER_LIMIT: "0", RELAYER_IP_LIMIT: "0" };
    let relayer = await start(chain, env);
    const fromBlock = (await world.publicClient.getBlockNumber()) + 1n;
    const bodies = await Promise.all(Array.from({ length: 30 }, (_, i) => chain.signedRating(100 + i)));
    const ids: string[] = [];
    let kills = 0;
    for (const [i, body] of bodies.entries()) {
      const accepted = await post(relayer.url, "/v1/ratings", body);
      assert.equal(accepted.status, 202);
      ids.push(accepted.body.id!);
      if (i % 10 === 9) {
        await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 100)));
        await relayer.kill9();
        kills++;
        relayer = await start(chain, env, undefined, relayer.url);
      }
    }
    const done = await until(
      "all confirmed",
      () => Promise.all(ids.map((id) => getRequest(relayer.url, id))),
      (rs) => rs.every((r) => r.status === "confirmed"),
      60_000,
    );
    assert.equal(kills, 3);
    const events = await ratedBy(
      bodies.map((b) => b.receipt.requester),
      fromBlock,
    );
    assert.equal(events.length, 30);
    assert.equal(new Set(events.map((e) => e.args.ratingId)).size, 30);
    assert.equal(await world.publicClient.getTransactionCount({ address: relayer.address }), 30);
    assert.equal(new Set(done.map((r) => r.txHash)).size, 30);
    // The same signature again is refused by the relayer (409) and by the chain (the requester's nonce moved on).
    const replay = await post(relayer.url, "/v1/ratings", bodies[0]!);
    assert.equal(replay.status, 409);
    await relayer.stop();
  });
});
