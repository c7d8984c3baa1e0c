/**
 * Indexing functions. Every event of every protocol contract lands in `timeline` (the audit's row shape);
 * the events a page lists also update that page's table. Handlers run in chain order, so a row's current
 * state is the replay of its events — the same replay the audit's `recompute` does.
 */

import { type Context, type EventNames, ponder } from "ponder:registry";
import {
  agent,
  agentStatusChange,
  article,
  articleVersion,
  chainAnchor,
  desk,
  deskKey,
  helpfulVote,
  holder,
  policy,
  policyVersion,
  proposal,
  rating,
  ratingTerms,
  report,
  timeline,
  timelockOperation,
  vote,
} from "ponder:schema";
import { abis, CONTRACT_NAMES, type ContractName, isSelfSigned, ReportStatus, SlaVerdict } from "@support-quality/sdk";
import { toJson } from "@support-quality/sdk/audit";
import { type Address, type Hex, zeroAddress } from "viem";

const lower = (a: Address): Hex => a.toLowerCase() as Hex;

interface Stats {
  count: number;
  sum: number;
  histogram: number[];
  slaMet: number;
  slaBreached: number;
  voided: number;
}
const emptyStats = (): Stats => ({ count: 0, sum: 0, histogram: [0, 0, 0, 0, 0, 0, 0, 0], slaMet: 0, slaBreached: 0, voided: 0 });

/** A rating entering (+1) or leaving (-1: voided) an aggregate, as SupportRatings counts it. */
function applyRating(row: Stats, score: number, verdict: number, sign: 1 | -1): Stats {
  const histogram = [...row.histogram];
  histogram[score - 1] = (histogram[score - 1] ?? 0) + sign;
  return {
    count: row.count + sign,
    sum: row.sum + sign * score,
    histogram,
    slaMet: row.slaMet + (verdict === SlaVerdict.Met ? sign : 0),
    slaBreached: row.slaBreached + (verdict === SlaVerdict.Breached ? sign : 0),
    voided: row.voided + (sign === -1 ? 1 : 0),
  };
}

/** What the timeline needs of any event. */
interface AnyEvent {
  id: string;
  args?: unknown;
  block: { number: bigint; timestamp: bigint; hash: Hex };
  log: { logIndex: number };
  transaction: { hash: Hex };
}

async function record(context: Context, contract: ContractName, name: string, event: AnyEvent) {
  await context.db.insert(timeline).values({
    id: event.id,
    block: event.block.number,
    logIndex: event.log.logIndex,
    time: event.block.timestamp,
    tx: event.transaction.hash,
    contract,
    event: name,
    args: toJson(event.args ?? {}),
  });
  // The blocks the index vouches for (see chainAnchor): a reset chain no longer has these hashes.
  const anchor = { block: event.block.number, hash: event.block.hash };
  await context.db
    .insert(chainAnchor)
    .values({ id: "first", ...anchor })
    .onConflictDoNothing();
  await context.db
    .insert(chainAnchor)
    .values({ id: "latest", ...anchor })
    .onConflictDoUpdate(anchor);
}

/** The events with a page table: registered below, each also recording its timeline row. */
const PAGE_EVENTS = new Set<EventNames>([
  "AgentRegistry:DeskRegistered",
  "AgentRegistry:CommunityDeskRegistered",
  "AgentRegistry:DeskRemoved",
  "AgentRegistry:DeskSelfSigningSet",
  "AgentRegistry:IssuerSet",
  "AgentRegistry:OperatorSet",
  "AgentRegistry:AgentAdded",
  "AgentRegistry:AgentStatusChanged",
  "AgentRegistry:ImpersonatorReported",
  "AgentRegistry:ReportResolved",
  "AgentRegistry:ReportOverturned",
  "KnowledgeBase:ArticleCreated",
  "KnowledgeBase:ArticlePublished",
  "KnowledgeBase:ArticleRetired",
  "KnowledgeBase:HelpfulVoted",
  "SupportRatings:Rated",
  "SupportRatings:RatingReplied",
  "SupportRatings:RatingVoided",
  "SupportRatings:RatingEscalated",
  "PolicyRegistry:PolicyCreated",
  "PolicyRegistry:PolicyPublished",
  "PolicyRegistry:PolicyRetired",
  "PolicyRegistry:VersionCancelled",
  "PolicyRegistry:RatingTermsUpdated",
  "PolicyRegistry:RatingTermsCancelled",
  "SupportGovernor:ProposalCreated",
  "SupportGovernor:ProposalMarkedCritical",
  "SupportGovernor:ProposalQueued",
  "SupportGovernor:ProposalExecuted",
  "SupportGovernor:ProposalCanceled",
  "SupportGovernor:ProposalExtended",
  "SupportGovernor:VoteCast",
  "SupportGovernor:VoteCastWithParams",
  "SupportToken:Transfer",
  "SupportToken:DelegateChanged",
  "SupportToken:DelegateVotesChanged",
  "TimelockController:CallScheduled",
  "TimelockController:CallExecuted",
  "TimelockController:Cancelled",
]);

// A name built from the generated ABIs is an event name of the config, which registers those same ABIs.
const isEventName = (name: string): name is EventNames => name.includes(":");

// Every other event of every contract: the timeline only.
for (const contract of CONTRACT_NAMES) {
  for (const item of abis[contract]) {
    const name = `${contract}:${item.type === "event" ? item.name : ""}`;
    if (item.type !== "event" || !isEventName(name) || PAGE_EVENTS.has(name)) continue;
    ponder.on(name, async ({ event, context }) => record(context, contract, item.name, event));
  }
}

// ---- Desks, agents, keys, reports -----------------------------------------------------------------

ponder.on("AgentRegistry:DeskRegistered", async ({ event, context }) => {
  await record(context, "AgentRegistry", "DeskRegistered", event);
  await context.db.insert(desk).values({
    id: event.args.deskId,
    name: event.args.name,
    selfSigning: event.args.selfSigning,
    community: false,
    registeredAt: event.block.timestamp,
    agents: 0,
    ...emptyStats(),
  });
});

ponder.on("AgentRegistry:CommunityDeskRegistered", async ({ event, context }) => {
  await record(context, "AgentRegistry", "CommunityDeskRegistered", event);
  await context.db.update(desk, { id: event.args.deskId }).set({ community: true });
});

ponder.on("AgentRegistry:DeskRemoved", async ({ event, context }) => {
  await record(context, "AgentRegistry", "DeskRemoved", event);
  await context.db.update(desk, { id: event.args.deskId }).set({ removedAt: BigInt(event.args.removedAt) });
});

ponder.on("AgentRegistry:DeskSelfSigningSet", async ({ event, context }) => {
  await record(context, "AgentRegistry", "DeskSelfSigningSet", event);
  await context.db.update(desk, { id: event.args.deskId }).set({ selfSigning: event.args.newSelfSigning });
});

async function setKey(context: Context, role: "issuer" | "operator", deskId: number, account: Address, enabled: boolean, by: Address, time: bigint) {
  const values = { deskId, role, account: lower(account), enabled, by: lower(by), updatedAt: time };
  await context.db
    .insert(deskKey)
    .values({ id: `${deskId}:${role}:${lower(account)}`, ...values })
    .onConflictDoUpdate(values);
}

ponder.on("AgentRegistry:IssuerSet", async ({ event, context }) => {
  await record(context, "AgentRegistry", "IssuerSet", event);
  const { deskId, issuer, enabled, by } = event.args;
  await setKey(context, "issuer", deskId, issuer, enabled, by, event.block.timestamp);
});

ponder.on("AgentRegistry:OperatorSet", async ({ event, context }) => {
  await record(context, "AgentRegistry", "OperatorSet", event);
  const { deskId, operator, enabled, by } = event.args;
  await setKey(context, "operator", deskId, operator, enabled, by, event.block.timestamp);
});

ponder.on("AgentRegistry:AgentAdded", async ({ event, context }) => {
  await record(context, "AgentRegistry", "AgentAdded", event);
  await context.db.insert(agent).values({
    id: lower(event.args.agent),
    deskId: event.args.deskId,
    handle: event.args.handle,
    kind: event.args.kind,
    status: 1,
    since: event.block.timestamp,
    addedAt: event.block.timestamp,
    addedBlock: event.block.number,
    addedLogIndex: event.log.logIndex,
    addedBy: lower(event.args.by),
    ...emptyStats(),
    selfSignedCount: 0,
  });
  await context.db.update(desk, { id: event.args.deskId }).set((row) => ({ agents: row.agents + 1 }));
});

ponder.on("AgentRegistry:AgentStatusChanged", async ({ event, context }) => {
  await record(context, "AgentRegistry", "AgentStatusChanged", event);
  const { deskId, agent: who, oldStatus, newStatus, by, reason } = event.args;
  await context.db.update(agent, { id: lower(who) }).set({ status: newStatus, since: event.block.timestamp });
  await context.db.insert(agentStatusChange).values({
    id: event.id,
    deskId,
    agent: lower(who),
    oldStatus,
    newStatus,
    by: lower(by),
    reason,
    block: event.block.number,
    time: event.block.timestamp,
  });
});

ponder.on("AgentRegistry:ImpersonatorReported", async ({ event, context }) => {
  await record(context, "AgentRegistry", "ImpersonatorReported", event);
  const { reportId, subject, deskId, reporter, evidence } = event.args;
  await context.db.insert(report).values({
    id: reportId,
    subject,
    deskId,
    reporter: lower(reporter),
    evidence,
    status: ReportStatus.Open,
    reportedAt: event.block.timestamp,
    updatedAt: event.block.timestamp,
  });
});

ponder.on("AgentRegistry:ReportResolved", async ({ event, context }) => {
  await record(context, "AgentRegistry", "ReportResolved", event);
  await context.db
    .update(report, { id: event.args.reportId })
    .set({ status: event.args.status, resolvedBy: lower(event.args.by), updatedAt: event.block.timestamp });
});

ponder.on("AgentRegistry:ReportOverturned", async ({ event, context }) => {
  await record(context, "AgentRegistry", "ReportOverturned", event);
  await context.db
    .update(report, { id: event.args.reportId })
    .set({ status: ReportStatus.Overturned, overturnReason: event.args.reason, updatedAt: event.block.timestamp });
});

// ---- Ratings --------------------------------------------------------------------------------------

ponder.on("SupportRatings:Rated", async ({ event, context }) => {
  await record(context, "SupportRatings", "Rated", event);
  const { ratingId, deskId, agent: who, requester, score, tags, category, priority, verdict, slaVersion, rulesVersion, comment } = event.args;
  const selfSigned = isSelfSigned(ratingId);
  await context.db.insert(rating).values({
    id: ratingId,
    deskId,
    agent: lower(who),
    requester: lower(requester),
    score,
    tags: BigInt(tags),
    category,
    priority,
    verdict,
    slaVersion,
    rulesVersion,
    comment,
    selfSigned,
    voided: false,
    block: event.block.number,
    logIndex: event.log.logIndex,
    time: event.block.timestamp,
    tx: event.transaction.hash,
  });
  // Self-signed ratings are counted apart (agentSelfSignedStats) and stay out of the desk's aggregates.
  if (selfSigned) {
    await context.db.update(agent, { id: lower(who) }).set((row) => ({ selfSignedCount: row.selfSignedCount + 1 }));
    return;
  }
  await context.db.update(agent, { id: lower(who) }).set((row) => applyRating(row, score, verdict, 1));
  await context.db.update(desk, { id: deskId }).set((row) => applyRating(row, score, verdict, 1));
});

ponder.on("SupportRatings:RatingReplied", async ({ event, context }) => {
  await record(context, "SupportRatings", "RatingReplied", event);
  await context.db.update(rating, { id: event.args.ratingId }).set({ reply: event.args.reply, repliedAt: event.block.timestamp });
});

ponder.on("SupportRatings:RatingEscalated", async ({ event, context }) => {
  await record(context, "SupportRatings", "RatingEscalated", event);
  await context.db.update(rating, { id: event.args.ratingId }).set({ escalatedFrom: event.args.escalatedFromRatingId });
});

ponder.on("SupportRatings:RatingVoided", async ({ event, context }) => {
  await record(context, "SupportRatings", "RatingVoided", event);
  const voided = await context.db
    .update(rating, { id: event.args.ratingId })
    .set({ voided: true, voidReason: event.args.reason, voidedAt: event.block.timestamp });
  if (voided.selfSigned) {
    await context.db.update(agent, { id: voided.agent }).set((row) => ({ selfSignedCount: row.selfSignedCount - 1 }));
    return;
  }
  await context.db.update(agent, { id: voided.agent }).set((row) => applyRating(row, voided.score, voided.verdict, -1));
  await context.db.update(desk, { id: voided.deskId }).set((row) => applyRating(row, voided.score, voided.verdict, -1));
});

// ---- Policies -------------------------------------------------------------------------------------

// ---- Help articles ---------------------------------------------------------------------------------

ponder.on("KnowledgeBase:ArticleCreated", async ({ event, context }) => {
  await record(context, "KnowledgeBase", "ArticleCreated", event);
  await context.db.insert(article).values({ id: Number(event.args.articleId), category: event.args.category, versions: 0, createdAt: event.block.timestamp });
});

ponder.on("KnowledgeBase:ArticlePublished", async ({ event, context }) => {
  await record(context, "KnowledgeBase", "ArticlePublished", event);
  const { articleId, version, category, contentHash, effectiveFrom, publisher, content } = event.args;
  await context.db.insert(articleVersion).values({
    id: `${articleId}:${version}`,
    articleId: Number(articleId),
    version: Number(version),
    category,
    contentHash,
    effectiveFrom: BigInt(effectiveFrom),
    publisher: lower(publisher),
    title: content.title,
    body: content.body,
    language: content.language,
    helpful: 0,
    notHelpful: 0,
    block: event.block.number,
    time: event.block.timestamp,
    tx: event.transaction.hash,
  });
  await context.db.update(article, { id: Number(articleId) }).set({ versions: Number(version) });
});

ponder.on("KnowledgeBase:ArticleRetired", async ({ event, context }) => {
  await record(context, "KnowledgeBase", "ArticleRetired", event);
  await context.db.update(article, { id: Number(event.args.articleId) }).set({ retiredAt: BigInt(event.args.retiredAt) });
});

ponder.on("KnowledgeBase:HelpfulVoted", async ({ event, context }) => {
  await record(context, "KnowledgeBase", "HelpfulVoted", event);
  const { articleId, version, voter, helpful, reason } = event.args;
  await context.db.insert(helpfulVote).values({
    id: `${articleId}:${version}:${lower(voter)}`,
    articleId: Number(articleId),
    version: Number(version),
    voter: lower(voter),
    helpful,
    reason,
    time: event.block.timestamp,
  });
  await context.db
    .update(articleVersion, { id: `${articleId}:${version}` })
    .set((row) => (helpful ? { helpful: row.helpful + 1 } : { notHelpful: row.notHelpful + 1 }));
});

ponder.on("PolicyRegistry:PolicyCreated", async ({ event, context }) => {
  await record(context, "PolicyRegistry", "PolicyCreated", event);
  await context.db.insert(policy).values({
    id: Number(event.args.policyId),
    kind: event.args.kind,
    title: event.args.title,
    versions: 0,
    createdAt: event.block.timestamp,
  });
});

ponder.on("PolicyRegistry:PolicyPublished", async ({ event, context }) => {
  await record(context, "PolicyRegistry", "PolicyPublished", event);
  const { policyId, version, kind, contentHash, effectiveFrom, publisher, content } = event.args;
  await context.db.insert(policyVersion).values({
    id: `${policyId}:${version}`,
    policyId: Number(policyId),
    version: Number(version),
    kind,
    contentHash,
    effectiveFrom: BigInt(effectiveFrom),
    publisher: lower(publisher),
    content: toJson(content),
    cancelled: false,
    block: event.block.number,
    time: event.block.timestamp,
    tx: event.transaction.hash,
  });
  await context.db.update(policy, { id: Number(policyId) }).set({ versions: Number(version) });
});

ponder.on("PolicyRegistry:PolicyRetired", async ({ event, context }) => {
  await record(context, "PolicyRegistry", "PolicyRetired", event);
  await context.db.update(policy, { id: Number(event.args.policyId) }).set({ retiredAt: BigInt(event.args.retiredAt) });
});

ponder.on("PolicyRegistry:VersionCancelled", async ({ event, context }) => {
  await record(context, "PolicyRegistry", "VersionCancelled", event);
  await context.db.update(policyVersion, { id: `${event.args.policyId}:${event.args.version}` }).set({ cancelled: true });
});

ponder.on("PolicyRegistry:RatingTermsUpdated", async ({ event, context }) => {
  await record(context, "PolicyRegistry", "RatingTermsUpdated", event);
  const values = {
    effectiveFrom: BigInt(event.args.effectiveFrom),
    slaVersion: event.args.slaVersion,
    rulesVersion: event.args.rulesVersion,
    cancelled: false,
  };
  await context.db
    .insert(ratingTerms)
    .values({ id: Number(event.args.index), ...values })
    .onConflictDoUpdate(values);
});

ponder.on("PolicyRegistry:RatingTermsCancelled", async ({ event, context }) => {
  await record(context, "PolicyRegistry", "RatingTermsCancelled", event);
  await context.db.update(ratingTerms, { id: Number(event.args.index) }).set({ cancelled: true });
});

// ---- Governance -----------------------------------------------------------------------------------

ponder.on("SupportGovernor:ProposalCreated", async ({ event, context }) => {
  await record(context, "SupportGovernor", "ProposalCreated", event);
  const a = event.args;
  await context.db.insert(proposal).values({
    id: a.proposalId,
    proposer: lower(a.proposer),
    targets: a.targets.map(lower),
    values: a.values.map(String),
    signatures: [...a.signatures],
    calldatas: [...a.calldatas],
    voteStart: a.voteStart,
    voteEnd: a.voteEnd,
    description: a.description,
    forVotes: 0n,
    againstVotes: 0n,
    abstainVotes: 0n,
    voters: 0,
    block: event.block.number,
    time: event.block.timestamp,
    tx: event.transaction.hash,
  });
});

ponder.on("SupportGovernor:ProposalMarkedCritical", async ({ event, context }) => {
  await record(context, "SupportGovernor", "ProposalMarkedCritical", event);
  await context.db.update(proposal, { id: event.args.proposalId }).set({ criticalQuorumNumerator: event.args.quorumNumerator });
});

ponder.on("SupportGovernor:ProposalQueued", async ({ event, context }) => {
  await record(context, "SupportGovernor", "ProposalQueued", event);
  await context.db.update(proposal, { id: event.args.proposalId }).set({ etaSeconds: event.args.etaSeconds, queuedAt: event.block.timestamp });
});

ponder.on("SupportGovernor:ProposalExecuted", async ({ event, context }) => {
  await record(context, "SupportGovernor", "ProposalExecuted", event);
  await context.db.update(proposal, { id: event.args.proposalId }).set({ executedAt: event.block.timestamp });
});

ponder.on("SupportGovernor:ProposalCanceled", async ({ event, context }) => {
  await record(context, "SupportGovernor", "ProposalCanceled", event);
  await context.db.update(proposal, { id: event.args.proposalId }).set({ canceledAt: event.block.timestamp });
});

ponder.on("SupportGovernor:ProposalExtended", async ({ event, context }) => {
  await record(context, "SupportGovernor", "ProposalExtended", event);
  await context.db.update(proposal, { id: event.args.proposalId }).set({ extendedDeadline: BigInt(event.args.extendedDeadline) });
});

interface VoteArgs {
  voter: Address;
  proposalId: bigint;
  support: number;
  weight: bigint;
  reason: string;
  params?: Hex;
}

async function castVote(context: Context, event: AnyEvent, a: VoteArgs) {
  await context.db.insert(vote).values({
    id: `${a.proposalId}:${lower(a.voter)}`,
    proposalId: a.proposalId,
    voter: lower(a.voter),
    support: a.support,
    weight: a.weight,
    reason: a.reason,
    params: a.params ?? null,
    block: event.block.number,
    time: event.block.timestamp,
    tx: event.transaction.hash,
  });
  await context.db.update(proposal, { id: a.proposalId }).set((row) => ({
    forVotes: row.forVotes + (a.support === 1 ? a.weight : 0n),
    againstVotes: row.againstVotes + (a.support === 0 ? a.weight : 0n),
    abstainVotes: row.abstainVotes + (a.support === 2 ? a.weight : 0n),
    voters: row.voters + 1,
  }));
}

ponder.on("SupportGovernor:VoteCast", async ({ event, context }) => {
  await record(context, "SupportGovernor", "VoteCast", event);
  await castVote(context, event, event.args);
});

ponder.on("SupportGovernor:VoteCastWithParams", async ({ event, context }) => {
  await record(context, "SupportGovernor", "VoteCastWithParams", event);
  await castVote(context, event, event.args);
});

// ---- Token: balances, delegates, voting power -----------------------------------------------------

async function holderRow(context: Context, account: Address) {
  const id = lower(account);
  return (await context.db.find(holder, { id })) ?? (await context.db.insert(holder).values({ id, balance: 0n, votes: 0n }));
}

ponder.on("SupportToken:Transfer", async ({ event, context }) => {
  await record(context, "SupportToken", "Transfer", event);
  const { from, to, value } = event.args;
  if (from !== zeroAddress) {
    await holderRow(context, from);
    await context.db.update(holder, { id: lower(from) }).set((row) => ({ balance: row.balance - value }));
  }
  if (to !== zeroAddress) {
    await holderRow(context, to);
    await context.db.update(holder, { id: lower(to) }).set((row) => ({ balance: row.balance + value }));
  }
});

ponder.on("SupportToken:DelegateChanged", async ({ event, context }) => {
  await record(context, "SupportToken", "DelegateChanged", event);
  await holderRow(context, event.args.delegator);
  await context.db.update(holder, { id: lower(event.args.delegator) }).set({ delegate: lower(event.args.toDelegate) });
});

ponder.on("SupportToken:DelegateVotesChanged", async ({ event, context }) => {
  await record(context, "SupportToken", "DelegateVotesChanged", event);
  await holderRow(context, event.args.delegate);
  await context.db.update(holder, { id: lower(event.args.delegate) }).set({ votes: event.args.newVotes });
});

// ---- Timelock -------------------------------------------------------------------------------------

ponder.on("TimelockController:CallScheduled", async ({ event, context }) => {
  await record(context, "TimelockController", "CallScheduled", event);
  await context.db
    .insert(timelockOperation)
    .values({ id: event.args.id, calls: 1, delay: event.args.delay, scheduledAt: event.block.timestamp })
    .onConflictDoUpdate((row) => ({ calls: row.calls + 1 }));
});

ponder.on("TimelockController:CallExecuted", async ({ event, context }) => {
  await record(context, "TimelockController", "CallExecuted", event);
  await context.db.update(timelockOperation, { id: event.args.id }).set({ executedAt: event.block.timestamp });
});

ponder.on("TimelockController:Cancelled", async ({ event, context }) => {
  await record(context, "TimelockController", "Cancelled", event);
  await context.db.update(timelockOperation, { id: event.args.id }).set({ cancelledAt: event.block.timestamp });
});
