/**
 * Compares what the events say with what the contracts hold, at one block: every agent's and desk's
 * aggregates, each desk's agent list, and every policy's version chain. State reads are plain
 * `eth_call`s run in parallel (no multicall contract is needed, so it works on any chain).
 */
import { type Address, createPublicClient, custom, getAddress, type Hex } from "viem";
import { agentRegistryAbi, communityRewardsAbi, knowledgeBaseAbi, policyRegistryAbi, supportRatingsAbi } from "../generated/abis.js";
import { auditRewards, computeRewards, rewardEpochs } from "../rewards/index.js";
import { diffStats, recompute } from "./recompute.js";
import { DEFAULT_RETRY, mapLimit, type RetryOptions, type RpcClient, withRetry } from "./rpc.js";
import type { ArticleVerdict, AuditReport, Deployment, PolicyVerdict, Stats, StatsVerdict, TimelineRow } from "./types.js";

export interface VerifyOptions {
  /** The block whose state is compared (the last block of the timeline). */
  blockNumber: number;
  fromBlock: number;
  concurrency?: number;
  retry?: RetryOptions;
  onProgress?: (done: number, total: number) => void;
}

type RawStats = { count: bigint; sum: bigint; histogram: readonly bigint[]; slaMet: bigint; slaBreached: bigint; voided: bigint };

const toStats = (s: RawStats): Stats => ({
  count: Number(s.count),
  sum: Number(s.sum),
  histogram: s.histogram.map(Number),
  slaMet: Number(s.slaMet),
  slaBreached: Number(s.slaBreached),
  voided: Number(s.voided),
});

const formatStats = (s: Stats) =>
  `count ${s.count}, sum ${s.sum}, histogram [${s.histogram.join(" ")}], met ${s.slaMet}, breached ${s.slaBreached}, voided ${s.voided}`;

export async function verifyTimeline(client: RpcClient, deployment: Deployment, rows: readonly TimelineRow[], options: VerifyOptions): Promise<AuditReport> {
  const replay = recompute(rows);
  const mismatches = [...replay.anomalies];
  const _blockTag: Hex = `0x${options.blockNumber.toString(16)}`;
  const retry = options.retry ?? DEFAULT_RETRY;

  // viem's typed reads over the caller's EIP-1193 client; retries are ours (bounded, transient failures only).
  const chain = createPublicClient({ transport: custom(client, { retryCount: 0 }) });
  const at = { blockNumber: BigInt(options.blockNumber) };
  const ratings = { address: deployment.contracts.SupportRatings, abi: supportRatingsAbi, ...at } as const;
  const agentRegistry = { address: deployment.contracts.AgentRegistry, abi: agentRegistryAbi, ...at } as const;
  const policyRegistry = { address: deployment.contracts.PolicyRegistry, abi: policyRegistryAbi, ...at } as const;
  const knowledgeBase = { address: deployment.contracts.KnowledgeBase, abi: knowledgeBaseAbi, ...at } as const;
  const retried = <T>(read: () => Promise<T>) => withRetry(read, retry);

  const base = { chainId: deployment.chainId, fromBlock: options.fromBlock, toBlock: options.blockNumber, events: rows.length };
  if (options.fromBlock > deployment.deploymentBlock) {
    return { ...base, verified: false, agents: [], desks: [], policies: [], articles: [], rewards: [], global: [], mismatches: [] };
  }

  // Every read is an independent task, so they all run in one bounded pool.
  const agentKeys = [...replay.agents.keys()];
  const deskKeys = [...replay.desks.keys()].sort((a, b) => a - b);
  const policyIds = [...replay.policies.keys()].sort((a, b) => a - b);
  const tasks: (() => Promise<void>)[] = [];
  const agentsOnChain = new Map<string, Stats>();
  const desksOnChain = new Map<number, Stats>();
  const deskAgentsOnChain = new Map<number, Address[]>();
  const policiesOnChain = new Map<number, { kind: number; versionCount: number; retiredAt: number; title: string }>();
  const versionsOnChain = new Map<string, { contentHash: Hex; effectiveFrom: number }>();
  let deskCount = 0;
  let policyCount = 0;

  for (const agent of agentKeys) {
    tasks.push(async () => {
      const stats = await retried(() => chain.readContract({ ...ratings, functionName: "agentStats", args: [getAddress(agent)] }));
      agentsOnChain.set(agent, toStats(stats));
    });
  }
  const selfSignedOnChain = new Map<string, Stats>();
  for (const agent of replay.selfSigned.keys()) {
    tasks.push(async () => {
      const stats = await retried(() => chain.readContract({ ...ratings, functionName: "agentSelfSignedStats", args: [getAddress(agent)] }));
      selfSignedOnChain.set(agent, toStats(stats));
    });
  }
  for (const deskId of deskKeys) {
    tasks.push(
      async () => void desksOnChain.set(deskId, toStats(await retried(() => chain.readContract({ ...ratings, functionName: "deskStats", args: [deskId] })))),
    );
    tasks.push(async () => {
      const agents = await retried(() => chain.readContract({ ...agentRegistry, functionName: "deskAgents", args: [deskId] }));
      deskAgentsOnChain.set(deskId, [...agents]);
    });
  }
  tasks.push(async () => {
    deskCount = Number(await retried(() => chain.readContract({ ...agentRegistry, functionName: "deskCount" })));
  });
  tasks.push(async () => {
    policyCount = Number(await retried(() => chain.readContract({ ...policyRegistry, functionName: "policyCount" })));
  });
  for (const policyId of policyIds) {
    tasks.push(async () => {
      const p = await retried(() => chain.readContract({ ...policyRegistry, functionName: "policy", args: [BigInt(policyId)] }));
      policiesOnChain.set(policyId, { kind: Number(p.kind), versionCount: Number(p.versionCount), retiredAt: Number(p.retiredAt), title: p.title });
    });
    for (const v of replay.policies.get(policyId)!.versions) {
      tasks.push(async () => {
        const version = await retried(() =>
          chain.readContract({ ...policyRegistry, functionName: "version", args: [BigInt(policyId), BigInt(v.version)] }),
        ).catch(() => undefined);
        if (version) versionsOnChain.set(`${policyId}/${v.version}`, { contentHash: version.contentHash, effectiveFrom: Number(version.effectiveFrom) });
      });
    }
  }
  const articleIds = [...replay.articles.keys()].sort((a, b) => a - b);
  const articlesOnChain = new Map<number, { category: number; versionCount: number; retiredAt: number }>();
  const articleVersionsOnChain = new Map<string, { contentHash: Hex; helpful: number; notHelpful: number }>();
  let articleCount = 0;
  tasks.push(async () => {
    articleCount = Number(await retried(() => chain.readContract({ ...knowledgeBase, functionName: "articleCount" })));
  });
  for (const articleId of articleIds) {
    tasks.push(async () => {
      const a = await retried(() => chain.readContract({ ...knowledgeBase, functionName: "article", args: [BigInt(articleId)] }));
      articlesOnChain.set(articleId, { category: a.category, versionCount: a.versionCount, retiredAt: Number(a.retiredAt) });
    });
    for (const v of replay.articles.get(articleId)!.versions) {
      tasks.push(async () => {
        const stored = await retried(() =>
          chain.readContract({ ...knowledgeBase, functionName: "articleVersion", args: [BigInt(articleId), BigInt(v.version)] }),
        ).catch(() => undefined);
        if (stored)
          articleVersionsOnChain.set(`${articleId}/${v.version}`, { contentHash: stored.contentHash, helpful: stored.helpful, notHelpful: stored.notHelpful });
      });
    }
  }
  let done = 0;
  await mapLimit(tasks, options.concurrency ?? 16, async (task) => {
    await task();
    options.onProgress?.(++done, tasks.length);
  });

  const agents: StatsVerdict[] = agentKeys.map((agent) => {
    const recomputed = replay.agents.get(agent)!;
    const onChain = agentsOnChain.get(agent)!;
    const fields = diffStats(recomputed, onChain);
    if (fields.length) mismatches.push(`Agent ${agent}: events give ${formatStats(recomputed)}; the contract holds ${formatStats(onChain)}.`);
    return { key: agent, deskId: replay.agentDesk.get(agent) ?? 0, recomputed, onChain, mismatches: fields };
  });
  for (const [agent, recomputed] of replay.selfSigned) {
    const onChain = selfSignedOnChain.get(agent)!;
    if (diffStats(recomputed, onChain).length) {
      mismatches.push(`Agent ${agent}, self-signed ratings: events give ${formatStats(recomputed)}; the contract holds ${formatStats(onChain)}.`);
    }
  }
  const desks: StatsVerdict[] = deskKeys.map((deskId) => {
    const recomputed = replay.desks.get(deskId)!;
    const onChain = desksOnChain.get(deskId)!;
    const fields = diffStats(recomputed, onChain);
    if (fields.length) mismatches.push(`Desk ${deskId}: events give ${formatStats(recomputed)}; the contract holds ${formatStats(onChain)}.`);
    const fromEvents = new Set([...replay.agentDesk].filter(([, d]) => d === deskId).map(([a]) => a));
    const listed = deskAgentsOnChain.get(deskId)!.map((a) => a.toLowerCase());
    if (listed.length !== fromEvents.size || listed.some((a) => !fromEvents.has(a))) {
      fields.push("agents");
      mismatches.push(`Desk ${deskId}: the contract lists ${listed.length} agents, the events added ${fromEvents.size}.`);
    }
    return { key: String(deskId), deskId, recomputed, onChain, mismatches: fields };
  });

  const global: string[] = [];
  if (deskCount !== deskKeys.length) global.push(`The contract counts ${deskCount} desks; the events registered ${deskKeys.length}.`);
  if (policyCount !== policyIds.length) global.push(`The contract counts ${policyCount} policies; the events created ${policyIds.length}.`);
  if (articleCount !== articleIds.length) global.push(`The knowledge base counts ${articleCount} articles; the events created ${articleIds.length}.`);
  mismatches.push(...global);

  const policies: PolicyVerdict[] = policyIds.map((policyId) => {
    const events = replay.policies.get(policyId)!;
    const chain = policiesOnChain.get(policyId)!;
    const fields: string[] = [];
    if (chain.versionCount !== events.versions.length) fields.push(`${chain.versionCount} versions on-chain, ${events.versions.length} in events`);
    if (chain.kind !== events.kind) fields.push(`kind ${chain.kind} on-chain, ${events.kind} in events`);
    if ((chain.retiredAt !== 0) !== events.retired) fields.push(chain.retiredAt ? "retired on-chain, live in events" : "live on-chain, retired in events");
    for (const v of events.versions) {
      const stored = versionsOnChain.get(`${policyId}/${v.version}`);
      if (!stored) fields.push(`version ${v.version} missing on-chain`);
      else {
        if (stored.contentHash.toLowerCase() !== v.contentHash.toLowerCase()) fields.push(`version ${v.version} content hash differs`);
        if (stored.effectiveFrom !== v.effectiveFrom) fields.push(`version ${v.version} effective time differs`);
      }
      if (!v.textMatchesHash) fields.push(`version ${v.version} text does not match its hash`);
    }
    for (const field of fields) if (!field.includes("text does not match")) mismatches.push(`Policy ${policyId}: ${field}.`);
    return { policyId, kind: events.kind, title: events.title, versions: events.versions, retired: events.retired, mismatches: fields };
  });

  const articles: ArticleVerdict[] = articleIds.map((articleId) => {
    const events = replay.articles.get(articleId)!;
    const stored = articlesOnChain.get(articleId)!;
    const fields: string[] = [];
    if (stored.versionCount !== events.versions.length) fields.push(`${stored.versionCount} versions on-chain, ${events.versions.length} in events`);
    if (stored.category !== events.category) fields.push(`category ${stored.category} on-chain, ${events.category} in events`);
    if ((stored.retiredAt !== 0) !== events.retired) fields.push(stored.retiredAt ? "retired on-chain, live in events" : "live on-chain, retired in events");
    for (const v of events.versions) {
      const onChain = articleVersionsOnChain.get(`${articleId}/${v.version}`);
      if (!onChain) fields.push(`version ${v.version} missing on-chain`);
      else {
        if (onChain.contentHash.toLowerCase() !== v.contentHash.toLowerCase()) fields.push(`version ${v.version} content hash differs`);
        if (onChain.helpful !== v.helpful || onChain.notHelpful !== v.notHelpful)
          fields.push(`version ${v.version}: ${v.helpful}/${v.notHelpful} helpful/not from the votes, ${onChain.helpful}/${onChain.notHelpful} stored`);
      }
      if (!v.textMatchesHash) fields.push(`version ${v.version} text does not match its hash`);
    }
    for (const field of fields) if (!field.includes("text does not match")) mismatches.push(`Article ${articleId}: ${field}.`);
    const versions = events.versions.map(({ version, contentHash, textMatchesHash, helpful, notHelpful }) => ({
      version,
      contentHash,
      textMatchesHash,
      helpful,
      notHelpful,
    }));
    return { articleId, category: events.category, versions, retired: events.retired, mismatches: fields };
  });

  const rewards = auditRewards(rows);
  const rewardsContract = { address: deployment.contracts.CommunityRewards, abi: communityRewardsAbi, ...at } as const;
  const epochs = rewardEpochs(rows);
  await mapLimit(rewards, options.concurrency ?? 8, async (verdict) => {
    const epoch = epochs.find((e) => e.epochId === verdict.epochId)!;
    const { rewards: leaves } = computeRewards(rows, epoch.formula, epoch.budget);
    const claimed = await Promise.all(
      leaves.map((leaf) => retried(() => chain.readContract({ ...rewardsContract, functionName: "isClaimed", args: [verdict.epochId, BigInt(leaf.index)] }))),
    );
    verdict.claimed = String(leaves.reduce((sum, leaf, i) => (claimed[i] ? sum + leaf.amount : sum), 0n));
    verdict.remaining = String(await retried(() => chain.readContract({ ...rewardsContract, functionName: "remaining", args: [verdict.epochId] })));
  });
  for (const verdict of rewards) for (const m of verdict.mismatches) mismatches.push(`Reward epoch ${verdict.epochId}: ${m}.`);
  return { ...base, verified: true, agents, desks, policies, articles, rewards, global, mismatches };
}
