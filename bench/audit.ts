/**
 * Read-speed half of `npm run bench` (SPEC §6): the audit timeline of ~10,000 events, fetched, decoded
 * and verified against on-chain state, timed against a bare viem `getContractEvents` of the same logs
 * (fetched and decoded, nothing else) — both against the same local node, in the same run.
 */

import { abis } from "@support-quality/sdk";
import type { ContractName } from "@support-quality/sdk/audit";
import { runAudit } from "@support-quality/sdk/audit";
import type { NetworkConnection } from "hardhat/types/network";
import type { Abi } from "viem";
import { buildHistory } from "../test/support/audit-history.js";

export interface AuditBench {
  events: number;
  blocks: number;
  bareMs: number;
  auditMs: number;
  verified: boolean;
}

const RUNS = 3;

export async function measureAudit(connection: NetworkConnection, ratings = 9_600): Promise<AuditBench> {
  const history = await buildHistory(connection, { ratings, perBlock: 25 });
  const publicClient = await connection.viem.getPublicClient();
  const { deployment } = history;
  const toBlock = await publicClient.getBlockNumber();
  const client = { request: connection.provider.request.bind(connection.provider) } as Parameters<typeof runAudit>[0];

  const bare = async () => {
    let events = 0;
    for (const [name, address] of Object.entries(deployment.contracts) as [ContractName, `0x${string}`][]) {
      const logs = await publicClient.getContractEvents({
        address,
        abi: abis[name] as Abi,
        fromBlock: BigInt(deployment.deploymentBlock),
        toBlock,
      });
      events += logs.length;
    }
    return events;
  };
  const time = async <T>(fn: () => Promise<T>) => {
    const start = performance.now();
    const value = await fn();
    return { ms: performance.now() - start, value };
  };

  // Warm both paths once (JIT, caches), then take the median of RUNS alternating runs.
  await bare();
  await runAudit(client, deployment, { toBlock: Number(toBlock) });
  const bareTimes: number[] = [];
  const auditTimes: number[] = [];
  let events = 0;
  let verified = true;
  for (let i = 0; i < RUNS; i++) {
    const b = await time(bare);
    bareTimes.push(b.ms);
    events = b.value;
    const a = await time(() => runAudit(client, deployment, { toBlock: Number(toBlock) }));
    auditTimes.push(a.ms);
    if (a.value.timeline.rows.length !== events) throw new Error(`audit read ${a.value.timeline.rows.length} events, bare ${events}`);
    verified &&= a.value.report.verified && a.value.report.mismatches.length === 0;
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
  return {
    events,
    blocks: Number(toBlock) - deployment.deploymentBlock + 1,
    bareMs: median(bareTimes),
    auditMs: median(auditTimes),
    verified,
  };
}
