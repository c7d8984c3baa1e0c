/**
 * The public-RPC simulator (scripts/stack/public-rpc.ts) in front of a real Hardhat node: it refuses what
 * public providers refuse, with their error code and message, and the SDK's bounded reader gets through it.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { fetchLogs } from "@support-quality/sdk/audit";
import { createPublicClient, http } from "viem";
import { freePort } from "../../scripts/stack/indexer.js";
import { type LocalNode, startNode } from "../../scripts/stack/node.js";
import { type PublicRpc, startPublicRpc } from "../../scripts/stack/public-rpc.js";

let node: LocalNode;
let rpc: PublicRpc;
let resultsCapped: PublicRpc;
let limited: PublicRpc;
const emitters: `0x${string}`[] = [];

const call = async (url: string, method: string, params: unknown[] = []) => {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return { status: response.status, body: (await response.json()) as { result?: unknown; error?: { code: number; message: string } } };
};

before(async () => {
  node = await startNode({ port: await freePort() });
  // Three logs: contracts whose init code is `LOG0(0, 0)` (PUSH1 0 PUSH1 0 LOG0).
  const [from] = (await node.provider.request({ method: "eth_accounts" })) as string[];
  for (let i = 0; i < 3; i++) {
    const hash = await node.provider.request({ method: "eth_sendTransaction", params: [{ from, data: "0x60006000a0" }] });
    const receipt = (await node.provider.request({ method: "eth_getTransactionReceipt", params: [hash] })) as { contractAddress: `0x${string}` };
    emitters.push(receipt.contractAddress);
  }
  await node.provider.request({ method: "hardhat_mine", params: ["0x4e20"] }); // 20,000 empty blocks
  rpc = await startPublicRpc({ upstream: node.url, latencyMs: 30 });
  // A one-minute window: the count of 429s does not depend on how fast this machine sends the burst.
  limited = await startPublicRpc({ upstream: node.url, burst: 40, windowMs: 60_000, latencyMs: 30 });
  resultsCapped = await startPublicRpc({ upstream: node.url, maxLogResults: 2 });
});

after(async () => {
  await rpc?.close();
  await resultsCapped?.close();
  await limited?.close();
  await node?.close();
});

describe("public-RPC simulator", () => {
  it("refuses eth_getLogs over more than 10,000 blocks with -32005, and serves 10,000", async () => {
    const refused = await call(rpc.url, "eth_getLogs", [{ fromBlock: "0x0", toBlock: "0x2710" }]);
    assert.equal(refused.status, 200);
    assert.deepEqual(refused.body.error, { code: -32005, message: "query exceeds max block range 10000" });
    const latest = await call(rpc.url, "eth_getLogs", [{ fromBlock: "0x0" }]);
    assert.equal(latest.body.error?.code, -32005);
    const served = await call(rpc.url, "eth_getLogs", [{ fromBlock: "0x0", toBlock: "0x270f" }]);
    assert.equal((served.body.result as unknown[]).length, 3);
    assert.equal(rpc.stats.refusedLogs, 2);
    assert.equal(rpc.stats.widestLogRange, 20_004);
  });

  it("refuses eth_getLogs matching more results than its cap", async () => {
    const refused = await call(resultsCapped.url, "eth_getLogs", [{ fromBlock: "0x0", toBlock: "0x10" }]);
    assert.deepEqual(refused.body.error, { code: -32005, message: "query returned more than 2 results" });
  });

  it("answers HTTP 429 beyond the burst, after the configured latency", async () => {
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 50 }, () => call(limited.url, "eth_chainId")));
    assert.deepEqual(answers.map((a) => a.status).sort(), [...Array(40).fill(200), ...Array(10).fill(429)]);
    assert.ok(Date.now() - started >= 30);
    assert.deepEqual(answers.find((a) => a.status === 429)?.body.error, { code: 429, message: "Too Many Requests" });
  });

  it("lets the SDK's bounded reader read the whole history in ranges of 10,000 blocks", async () => {
    const before = rpc.stats.refusedLogs;
    const client = createPublicClient({ transport: http(rpc.url, { retryCount: 0 }) });
    const head = Number(await client.getBlockNumber());
    const logs = await fetchLogs(client, { addresses: emitters, fromBlock: 0, toBlock: head, concurrency: 8 });
    assert.deepEqual(
      logs.map((log) => log.address),
      emitters,
    );
    assert.equal(rpc.stats.refusedLogs, before);
  });
});
