/**
 * A chain reset under a running indexer, on a real node: the chain is reverted to a snapshot deeper than
 * Ponder's reorg window (30 blocks on an unknown chain id) and grows past the indexed block again, as the
 * e2e harness and a restarted local stack do. The index must not keep serving the reverted event: the
 * supervised indexer (scripts/stack/indexer.ts) rebuilds itself, and an index that is not rebuilt refuses
 * reads with the sentence of its /chain-check.
 *
 * Run: node --import tsx --test indexer/test/reset.test.ts (about a minute; it picks free ports).
 */
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { abis } from "@support-quality/sdk";
import { queryIndex } from "@support-quality/sdk/indexer";
import { type Address, createPublicClient, createWalletClient, http, type PublicClient } from "viem";
import { chainCheckAt, freePort, type Indexer, startIndexer } from "../../scripts/stack/indexer.js";
import { mineLinkedBlocks } from "../../scripts/stack/node.js";
import { type Stack, startStack } from "../../scripts/stack/stack.js";

let stack: Stack;
let client: PublicClient;
const indexers: Indexer[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rpc = <T>(method: string, params: unknown[] = []) => stack.node.provider.request({ method, params }) as Promise<T>;

before(
  async () => {
    stack = await startStack({ nodePort: await freePort(), web: false, relayer: false, seed: false, log: () => {} });
    client = createPublicClient({ transport: http(stack.node.url) });
  },
  { timeout: 300_000 },
);

after(async () => {
  await Promise.all(indexers.map((i) => i.stop()));
  await stack?.stop();
});

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}:\n${indexers.map((i) => i.output().slice(-2000)).join("\n---\n")}`);
    await sleep(250);
  }
}

const delegations = async (url: string, account: Address) =>
  (await queryIndex(url, "select count(*)::int as n from timeline where event = 'DelegateChanged' and args->>'delegator' = $1", [account.toLowerCase()]))[0]?.n;

it("a revert deeper than the reorg window is not served: the supervised index rebuilds, an unsupervised one refuses with a sentence", {
  timeout: 400_000,
}, async () => {
  const [, account] = await rpc<Address[]>("eth_accounts");
  const wallet = createWalletClient({ account, transport: http(stack.node.url) });
  const supervised = await startIndexer({ rpcUrl: stack.node.url });
  const bare = await startIndexer({ rpcUrl: stack.node.url, rebuildOnReset: false });
  indexers.push(supervised, bare);

  const snapshot = await rpc<string>("evm_snapshot");
  const hash = await wallet.writeContract({
    chain: null,
    address: stack.deployment.contracts.SupportToken,
    abi: abis.SupportToken,
    functionName: "delegate",
    args: [account],
    account,
  });
  await client.waitForTransactionReceipt({ hash });
  await mineLinkedBlocks(stack.node.provider, 100); // the delegation is now final for Ponder
  const before = Number(await client.getBlockNumber());
  await Promise.all([supervised.waitFor(before), bare.waitFor(before)]);
  assert.equal(await delegations(supervised.url, account), 1);
  assert.equal(await delegations(bare.url, account), 1);
  assert.deepEqual(await chainCheckAt(bare.url).then((c) => c?.consistent), true);

  // The reset: back before the delegation, then past the indexed block again.
  assert.equal(await rpc<boolean>("evm_revert", [snapshot]), true);
  await mineLinkedBlocks(stack.node.provider, 200);
  const head = Number(await client.getBlockNumber());
  assert.ok(head > before);

  // The supervised index is rebuilt from the deployment block on a fresh database, without the delegation.
  await until("the supervised index to rebuild", async () => (supervised.rebuilds() > 0 ? true : undefined));
  await supervised.waitFor(head, 180_000);
  assert.equal(await delegations(supervised.url, account), 0);
  assert.equal((await chainCheckAt(supervised.url))?.consistent, true);

  // The unsupervised index refuses every read with the sentence of its chain check (Ponder itself keeps
  // retrying the reorg it cannot reconcile): never the reverted row.
  const refusal = await until("the unsupervised index to refuse", async () => {
    const check = await chainCheckAt(bare.url);
    return check?.consistent === false ? check.reason : undefined;
  });
  assert.match(refusal ?? "", /^The chain was reset under this index: block \d+ now has hash 0x[0-9a-f]{64}, the index was built on 0x[0-9a-f]{64}\./);
  await assert.rejects(delegations(bare.url, account), (error: Error) => {
    assert.match(error.message, /^The index refused a query \(HTTP 503\): The chain was reset under this index: block \d+ now has hash/);
    return true;
  });
});
