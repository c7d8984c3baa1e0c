/**
 * The indexer behind the public-RPC simulator on a deep, mostly empty history: how long until it holds the
 * chain's head (the blocks after the last hardhat_mine'd range are mined linked, see mineLinkedBlocks).
 * Run: tsx bench/indexer-public-rpc.ts [emptyBlocks=20000]  (prints one JSON line; not a test)
 */
import { freePort } from "../scripts/stack/indexer.js";
import { startStack } from "../scripts/stack/stack.js";

const emptyBlocks = Number(process.argv[2] ?? 20_000);
const stack = await startStack({
  nodePort: await freePort(),
  publicRpcPort: await freePort(),
  indexerPort: await freePort(),
  indexer: true,
  web: false,
  relayer: false,
  seed: false,
  emptyBlocks,
  log: () => {},
});
try {
  const started = Date.now();
  const head = Number(await stack.node.provider.request({ method: "eth_blockNumber", params: [] }));
  await stack.indexer!.waitFor(head, 600_000);
  console.log(JSON.stringify({ emptyBlocks, head, caughtUpSeconds: (Date.now() - started) / 1000, rebuilds: stack.indexer!.rebuilds() }));
} finally {
  await stack.stop();
}
process.exit(0);
