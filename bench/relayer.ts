/**
 * `npm run bench:relayer`: the relayer's throughput on the local node — 1,000 signed ratings (1,000
 * requesters) posted by 100 concurrent clients to a relayer running as its own process. Reports the
 * acknowledge latency (POST → 202, the request on disk) p50/p95 and confirmed ratings per second, and
 * checks on-chain that each request took effect once. Writes bench/relayer-results.json.
 */
import { writeFile } from "node:fs/promises";
import type { RatingRelayBody } from "@support-quality/sdk";
import { getRequest, post, relayerKey, startChain, startRelayer } from "../relayer/test/harness.js";

const INTENTS = Number(process.env.BENCH_INTENTS ?? 1000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100);

const chain = await startChain();
const relayer = await startRelayer(chain, {
  RELAYER_PRIVATE_KEY: await relayerKey(chain),
  RELAYER_REQUESTER_LIMIT: "0",
  RELAYER_IP_LIMIT: "0",
  RELAYER_DAILY_GAS_BUDGET: "1000000000",
  RELAYER_MAX_IN_FLIGHT: "128",
  RELAYER_POLL_MS: "20",
});
try {
  console.log(`Signing ${INTENTS} rating intents (${INTENTS} requesters)…`);
  const bodies: RatingRelayBody[] = [];
  for (let i = 0; i < INTENTS; i++) bodies.push(await chain.signedRating(1000 + i, { nonce: 0n }));
  const fromBlock = (await chain.world.publicClient.getBlockNumber()) + 1n;

  console.log(`Posting them from ${CLIENTS} concurrent clients…`);
  const latencies: number[] = [];
  const ids: string[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const t = performance.now();
        const r = await post(relayer.url, "/v1/ratings", body);
        latencies.push(performance.now() - t);
        if (r.status !== 202) throw new Error(`refused: ${r.status} ${r.body.error}`);
        ids.push(r.body.id!);
      }
    }),
  );
  const acked = performance.now();
  for (;;) {
    const health = (await (await fetch(`${relayer.url}/v1/health`)).json()) as { queue: Record<string, number> };
    if (health.queue.confirmed + health.queue.refused >= INTENTS) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const confirmedAt = performance.now();
  const views = await Promise.all(ids.map((id) => getRequest(relayer.url, id)));
  const confirmed = views.filter((v) => v.status === "confirmed").length;
  const { ratings } = chain.world.protocol;
  const events = await chain.world.publicClient.getContractEvents({ address: ratings.address, abi: ratings.abi, eventName: "Rated", fromBlock });
  const txCount = await chain.world.publicClient.getTransactionCount({ address: relayer.address });

  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  const result = {
    intents: INTENTS,
    clients: CLIENTS,
    ackP50Ms: Number(pct(50).toFixed(1)),
    ackP95Ms: Number(pct(95).toFixed(1)),
    acceptedPerSecond: Number((INTENTS / ((acked - started) / 1000)).toFixed(1)),
    confirmedPerSecond: Number((confirmed / ((confirmedAt - started) / 1000)).toFixed(1)),
    confirmed,
    ratedEvents: events.length,
    relayerTransactions: txCount,
  };
  console.table([result]);
  if (confirmed !== INTENTS || events.length !== INTENTS || txCount !== INTENTS) throw new Error("lost or doubled requests");
  await writeFile("bench/relayer-results.json", `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await relayer.stop();
  await chain.close();
}
