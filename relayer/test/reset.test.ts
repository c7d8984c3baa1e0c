/**
 * A chain reset under the relayer, on a real node: the chain reverted to a snapshot (as the e2e harness
 * does between spec files) while the relayer runs, and while it is stopped with more blocks mined after
 * (as a restarted local node looks to a relayer keeping its store). The relayer notices by itself — its
 * stored block (number and hash) is no longer on the chain — puts the requests whose transactions the
 * chain lost back in the queue and reads its nonce again: each takes effect once on the new chain.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Address, Hex } from "viem";
import { type ChainWorld, getRequest, post, type RelayerProcess, relayerKey, startChain, startRelayer, until } from "./harness.js";

describe("relayer after a chain reset", () => {
  let chain: ChainWorld;
  const running: RelayerProcess[] = [];

  before(async () => {
    chain = await startChain();
  });
  after(async () => {
    for (const r of running) await r.stop();
    await chain?.close();
  });

  async function ratedBy(requester: Address) {
    const { ratings } = chain.world.protocol;
    const logs = await chain.world.publicClient.getContractEvents({ address: ratings.address, abi: ratings.abi, eventName: "Rated", fromBlock: 0n });
    return logs.filter((l) => String(l.args.requester).toLowerCase() === requester.toLowerCase()).length;
  }
  const confirmed = (url: string, id: string) =>
    until(
      `request ${id} confirmed`,
      () => getRequest(url, id),
      (r) => r.status === "confirmed",
      60_000,
    );
  const onChain = (hash: Hex) => chain.world.publicClient.getTransactionReceipt({ hash }).then((r) => r.status);

  it("a revert under a running relayer: the lost rating is relayed again, once", async () => {
    const key = await relayerKey(chain);
    const relayer = await startRelayer(chain, { RELAYER_PRIVATE_KEY: key });
    running.push(relayer);
    const snapshot = await chain.world.testClient.snapshot();
    const before = await chain.world.publicClient.getBlockNumber();
    const accepted = await post(relayer.url, "/v1/ratings", await chain.signedRating(30));
    assert.equal(accepted.status, 202);
    const first = await confirmed(relayer.url, accepted.body.id!);
    assert.equal(await ratedBy(chain.requester(30).address), 1);

    await chain.world.testClient.revert({ id: snapshot });
    assert.equal(await ratedBy(chain.requester(30).address), 0);
    const line = await until(
      "the relayer to notice the reset",
      async () => relayer.output(),
      (o) => o.includes("The chain was reset under the relayer"),
    );
    assert.match(
      line,
      new RegExp(
        `The chain was reset under the relayer \\(it ends at block ${before}, the relayer had seen block \\d+\\): 1 request\\(s\\) back in the queue; next nonce 0\\.`,
      ),
    );
    const again = await confirmed(relayer.url, accepted.body.id!);
    assert.equal(await onChain(again.txHash!), "success");
    assert.ok(BigInt(again.blockNumber!) > before);
    assert.equal(await ratedBy(chain.requester(30).address), 1);
    assert.equal(first.status, "confirmed");
    await relayer.stop();
  });

  it("a reset while the relayer is stopped, with the chain longer than before: noticed on restart from its store", async () => {
    const key = await relayerKey(chain);
    const relayer = await startRelayer(chain, { RELAYER_PRIVATE_KEY: key });
    running.push(relayer);
    const snapshot = await chain.world.testClient.snapshot();
    const accepted = await post(relayer.url, "/v1/ratings", await chain.signedRating(31));
    const first = await confirmed(relayer.url, accepted.body.id!);
    // Let the relayer record the head it saw, then stop it and replace the chain under it.
    await new Promise((r) => setTimeout(r, 500));
    await relayer.stop();
    await chain.world.testClient.revert({ id: snapshot });
    await chain.world.testClient.mine({ blocks: 10 });
    assert.equal(await ratedBy(chain.requester(31).address), 0);

    const restarted = await startRelayer(chain, { RELAYER_PRIVATE_KEY: key }, chain.node.url, relayer.url);
    running.push(restarted);
    const line = await until(
      "the relayer to notice the reset",
      async () => restarted.output(),
      (o) => o.includes("The chain was reset under the relayer"),
    );
    const again = await confirmed(restarted.url, accepted.body.id!);
    assert.match(
      line,
      new RegExp(
        `The chain was reset under the relayer \\(block ${first.blockNumber} now has hash 0x[0-9a-f]{64}, the relayer had seen 0x[0-9a-f]{64}\\): 1 request\\(s\\) back in the queue; next nonce 0\\.`,
      ),
    );
    assert.equal(await onChain(again.txHash!), "success");
    assert.equal(await ratedBy(chain.requester(31).address), 1);
  });
});
