/**
 * The index: one table per thing a page of the dApp lists, each row keyed the way the contracts key it.
 * Times are block timestamps in seconds; addresses are lower-case hex; stats mirror SupportRatings.Stats.
 */
import { index, onchainTable } from "ponder";

/** Every event of every protocol contract, decoded: the Audit page's timeline. */
export const timeline = onchainTable(
  "timeline",
  (t) => ({
    id: t.text().primaryKey(),
    block: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    time: t.bigint().notNull(),
    tx: t.hex().notNull(),
    contract: t.text().notNull(),
    event: t.text().notNull(),
    /** Decoded arguments with bigints as decimal strings (the audit's TimelineRow.args). */
    args: t.json().notNull(),
  }),
  (table) => ({ blockIdx: index().on(table.block, table.logIndex), eventIdx: index().on(table.contract, table.event) }),
);

export const desk = onchainTable("desk", (t) => ({
  id: t.integer().primaryKey(),
  name: t.text().notNull(),
  selfSigning: t.boolean().notNull(),
  /** A community desk (volunteer helpers who sign their own receipts). */
  community: t.boolean().notNull(),
  removedAt: t.bigint(),
  registeredAt: t.bigint().notNull(),
  agents: t.integer().notNull(),
  count: t.integer().notNull(),
  sum: t.integer().notNull(),
  histogram: t.integer().array().notNull(),
  slaMet: t.integer().notNull(),
  slaBreached: t.integer().notNull(),
  voided: t.integer().notNull(),
}));

/** Issuer and operator keys of a desk, current state (`enabled`). */
export const deskKey = onchainTable(
  "desk_key",
  (t) => ({
    id: t.text().primaryKey(),
    deskId: t.integer().notNull(),
    role: t.text().notNull(),
    account: t.hex().notNull(),
    enabled: t.boolean().notNull(),
    by: t.hex().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ deskIdx: index().on(table.deskId) }),
);

/** An agent with its current status and its aggregates over desk-issued receipts (`agentStats`). */
export const agent = onchainTable(
  "agent",
  (t) => ({
    id: t.hex().primaryKey(),
    deskId: t.integer().notNull(),
    handle: t.text().notNull(),
    /** `IAgentRegistry.AgentKind`: Human, AIAssistant or CommunityHelper. */
    kind: t.integer().notNull(),
    status: t.integer().notNull(),
    since: t.bigint().notNull(),
    addedAt: t.bigint().notNull(),
    /** Where AgentAdded was logged: the registry's order of a desk's agents (`deskAgents`). */
    addedBlock: t.bigint().notNull(),
    addedLogIndex: t.integer().notNull(),
    addedBy: t.hex().notNull(),
    count: t.integer().notNull(),
    sum: t.integer().notNull(),
    histogram: t.integer().array().notNull(),
    slaMet: t.integer().notNull(),
    slaBreached: t.integer().notNull(),
    voided: t.integer().notNull(),
    /** Ratings of receipts the agent signed itself (`agentSelfSignedStats`), counted apart. */
    selfSignedCount: t.integer().notNull(),
  }),
  (table) => ({
    deskIdx: index().on(table.deskId, table.addedBlock, table.addedLogIndex),
    handleIdx: index().on(table.handle),
    countIdx: index().on(table.count),
  }),
);

export const agentStatusChange = onchainTable(
  "agent_status_change",
  (t) => ({
    id: t.text().primaryKey(),
    deskId: t.integer().notNull(),
    agent: t.hex().notNull(),
    oldStatus: t.integer().notNull(),
    newStatus: t.integer().notNull(),
    by: t.hex().notNull(),
    reason: t.text().notNull(),
    block: t.bigint().notNull(),
    time: t.bigint().notNull(),
  }),
  (table) => ({ agentIdx: index().on(table.agent) }),
);

/** An impersonator report and its resolution (status: IAgentRegistry.ReportStatus). */
export const report = onchainTable(
  "report",
  (t) => ({
    id: t.bigint().primaryKey(),
    subject: t.hex().notNull(),
    deskId: t.integer().notNull(),
    reporter: t.hex().notNull(),
    evidence: t.text().notNull(),
    status: t.integer().notNull(),
    resolvedBy: t.hex(),
    overturnReason: t.text(),
    reportedAt: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ subjectIdx: index().on(table.subject), deskIdx: index().on(table.deskId) }),
);

export const rating = onchainTable(
  "rating",
  (t) => ({
    id: t.hex().primaryKey(),
    deskId: t.integer().notNull(),
    agent: t.hex().notNull(),
    requester: t.hex().notNull(),
    score: t.integer().notNull(),
    tags: t.bigint().notNull(),
    /** 1 + the index in the rating rules' categories (0 = none). */
    category: t.integer().notNull(),
    /** IPolicyRegistry.Priority, as the desk signed it. */
    priority: t.integer().notNull(),
    verdict: t.integer().notNull(),
    slaVersion: t.integer().notNull(),
    rulesVersion: t.integer().notNull(),
    comment: t.text().notNull(),
    selfSigned: t.boolean().notNull(),
    reply: t.text(),
    repliedAt: t.bigint(),
    voided: t.boolean().notNull(),
    voidReason: t.text(),
    voidedAt: t.bigint(),
    /** The rating id of the AI assistant's ticket this ticket was escalated from (RatingEscalated), if any. */
    escalatedFrom: t.hex(),
    block: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    time: t.bigint().notNull(),
    tx: t.hex().notNull(),
  }),
  (table) => ({
    agentIdx: index().on(table.agent, table.block),
    deskIdx: index().on(table.deskId, table.block),
    requesterIdx: index().on(table.requester),
    blockIdx: index().on(table.block, table.logIndex),
  }),
);

export const policy = onchainTable("policy", (t) => ({
  id: t.integer().primaryKey(),
  kind: t.integer().notNull(),
  title: t.text().notNull(),
  versions: t.integer().notNull(),
  retiredAt: t.bigint(),
  createdAt: t.bigint().notNull(),
}));

export const policyVersion = onchainTable(
  "policy_version",
  (t) => ({
    id: t.text().primaryKey(),
    policyId: t.integer().notNull(),
    version: t.integer().notNull(),
    kind: t.integer().notNull(),
    contentHash: t.hex().notNull(),
    effectiveFrom: t.bigint().notNull(),
    publisher: t.hex().notNull(),
    /** The published content tuple (text, uri, params…), bigints as decimal strings. */
    content: t.json().notNull(),
    cancelled: t.boolean().notNull(),
    block: t.bigint().notNull(),
    time: t.bigint().notNull(),
    tx: t.hex().notNull(),
  }),
  (table) => ({ policyIdx: index().on(table.policyId, table.version) }),
);

export const article = onchainTable("article", (t) => ({
  id: t.integer().primaryKey(),
  category: t.integer().notNull(),
  versions: t.integer().notNull(),
  retiredAt: t.bigint(),
  createdAt: t.bigint().notNull(),
}));

/** Every version of every help article, with its full text and its helpful tally (votes are per version). */
export const articleVersion = onchainTable(
  "article_version",
  (t) => ({
    id: t.text().primaryKey(),
    articleId: t.integer().notNull(),
    version: t.integer().notNull(),
    category: t.integer().notNull(),
    contentHash: t.hex().notNull(),
    effectiveFrom: t.bigint().notNull(),
    publisher: t.hex().notNull(),
    title: t.text().notNull(),
    body: t.text().notNull(),
    language: t.text().notNull(),
    helpful: t.integer().notNull(),
    notHelpful: t.integer().notNull(),
    block: t.bigint().notNull(),
    time: t.bigint().notNull(),
    tx: t.hex().notNull(),
  }),
  (table) => ({ articleIdx: index().on(table.articleId, table.version) }),
);

export const helpfulVote = onchainTable(
  "helpful_vote",
  (t) => ({
    id: t.text().primaryKey(),
    articleId: t.integer().notNull(),
    version: t.integer().notNull(),
    voter: t.hex().notNull(),
    helpful: t.boolean().notNull(),
    reason: t.text().notNull(),
    time: t.bigint().notNull(),
  }),
  (table) => ({ versionIdx: index().on(table.articleId, table.version) }),
);

export const ratingTerms = onchainTable("rating_terms", (t) => ({
  id: t.integer().primaryKey(),
  effectiveFrom: t.bigint().notNull(),
  slaVersion: t.integer().notNull(),
  rulesVersion: t.integer().notNull(),
  cancelled: t.boolean().notNull(),
}));

export const proposal = onchainTable(
  "proposal",
  (t) => ({
    id: t.bigint().primaryKey(),
    proposer: t.hex().notNull(),
    targets: t.hex().array().notNull(),
    values: t.text().array().notNull(),
    signatures: t.text().array().notNull(),
    calldatas: t.hex().array().notNull(),
    voteStart: t.bigint().notNull(),
    voteEnd: t.bigint().notNull(),
    description: t.text().notNull(),
    /** Set by ProposalMarkedCritical: the quorum numerator fixed at propose time. */
    criticalQuorumNumerator: t.bigint(),
    extendedDeadline: t.bigint(),
    etaSeconds: t.bigint(),
    queuedAt: t.bigint(),
    executedAt: t.bigint(),
    canceledAt: t.bigint(),
    forVotes: t.bigint().notNull(),
    againstVotes: t.bigint().notNull(),
    abstainVotes: t.bigint().notNull(),
    voters: t.integer().notNull(),
    block: t.bigint().notNull(),
    time: t.bigint().notNull(),
    tx: t.hex().notNull(),
  }),
  (table) => ({ blockIdx: index().on(table.block) }),
);

export const vote = onchainTable(
  "vote",
  (t) => ({
    id: t.text().primaryKey(),
    proposalId: t.bigint().notNull(),
    voter: t.hex().notNull(),
    support: t.integer().notNull(),
    weight: t.bigint().notNull(),
    reason: t.text().notNull(),
    params: t.hex(),
    block: t.bigint().notNull(),
    time: t.bigint().notNull(),
    tx: t.hex().notNull(),
  }),
  (table) => ({ proposalIdx: index().on(table.proposalId), voterIdx: index().on(table.voter) }),
);

/** Token holders: balance, delegate and voting power. */
export const holder = onchainTable("holder", (t) => ({
  id: t.hex().primaryKey(),
  balance: t.bigint().notNull(),
  delegate: t.hex(),
  votes: t.bigint().notNull(),
}));

/** Timelock operations (an operation id spans every call of a batch). */
export const timelockOperation = onchainTable("timelock_operation", (t) => ({
  id: t.hex().primaryKey(),
  calls: t.integer().notNull(),
  delay: t.bigint().notNull(),
  scheduledAt: t.bigint().notNull(),
  executedAt: t.bigint(),
  cancelledAt: t.bigint(),
}));

/**
 * Blocks the index vouches for: "first" (the block of the first indexed event) and "latest" (the block of
 * the latest). The API compares their hashes with the chain's on every read (src/api/chain-check.ts): a
 * chain reset or a revert under the index changes them, and the index then refuses to serve stale rows.
 */
export const chainAnchor = onchainTable("chain_anchor", (t) => ({
  id: t.text().primaryKey(),
  block: t.bigint().notNull(),
  hash: t.hex().notNull(),
}));
