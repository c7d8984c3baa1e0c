/**
 * Trust but verify the index: the rows an indexer should hold, replayed from the chain's events (the
 * timeline), compared column by column with the rows it does hold. Pure: the caller reads both sides.
 * Table and column names are the indexer's (indexer/ponder.schema.ts, snake_case in SQL).
 */

import { ReportStatus, SlaVerdict } from "../generated/enums.js";
import { isSelfSigned } from "../ratings/id.js";
import type { JsonValue, TimelineRow } from "./types.js";

/** A table's expected rows by primary key; values are canonical strings (see {@link canon}). */
export type ExpectedTable = Map<string, Record<string, string>>;

/** What the comparison reads from the index: table name → its columns → SQL; and every row's key. */
export const INDEX_TABLES = {
  timeline: { key: "block || ':' || log_index", columns: ["block", "log_index", "time", "tx", "contract", "event", "args"] },
  desk: { key: "id", columns: ["name", "self_signing", "community", "removed_at", "agents", "count", "sum", "histogram", "sla_met", "sla_breached", "voided"] },
  agent: {
    key: "id",
    columns: [
      "desk_id",
      "handle",
      "kind",
      "status",
      "since",
      "added_block",
      "added_log_index",
      "count",
      "sum",
      "histogram",
      "sla_met",
      "sla_breached",
      "voided",
      "self_signed_count",
    ],
  },
  rating: {
    key: "id",
    columns: [
      "desk_id",
      "agent",
      "requester",
      "score",
      "tags",
      "verdict",
      "sla_version",
      "rules_version",
      "comment",
      "self_signed",
      "reply",
      "voided",
      "void_reason",
      "escalated_from",
      "block",
      "log_index",
      "time",
      "tx",
    ],
  },
  report: { key: "id", columns: ["subject", "desk_id", "reporter", "evidence", "status", "resolved_by", "overturn_reason"] },
  policy: { key: "id", columns: ["kind", "title", "versions", "retired_at"] },
  policy_version: { key: "id", columns: ["policy_id", "version", "kind", "content_hash", "effective_from", "publisher", "content", "cancelled"] },
  proposal: {
    key: "id",
    columns: [
      "proposer",
      "description",
      "vote_start",
      "vote_end",
      "critical_quorum_numerator",
      "eta_seconds",
      "executed_at",
      "canceled_at",
      "for_votes",
      "against_votes",
      "abstain_votes",
      "voters",
      "block",
    ],
  },
  vote: { key: "id", columns: ["proposal_id", "voter", "support", "weight", "reason"] },
  article: { key: "id", columns: ["category", "versions", "retired_at"] },
  article_version: {
    key: "id",
    columns: ["article_id", "version", "category", "content_hash", "effective_from", "publisher", "title", "body", "language", "helpful", "not_helpful"],
  },
  helpful_vote: { key: "id", columns: ["article_id", "version", "voter", "helpful", "reason"] },
} as const;

export type IndexTableName = keyof typeof INDEX_TABLES;

/** One value as a comparable string: null, numbers and numeric strings, hex (lower-cased), arrays, JSON. */
export function canon(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return /^0x[0-9a-fA-F]*$/.test(value) ? value.toLowerCase() : value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(canon).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${k}:${canon(v)}`).join(",")}}`;
  }
  return String(value);
}

const canonRow = (row: Record<string, unknown>): Record<string, string> => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, canon(v)]));

const lower = (v: JsonValue | undefined) => String(v).toLowerCase();

/** The rows every table of the index should hold after the events in `rows` (chain order). */
export function expectedIndex(rows: readonly TimelineRow[]): Record<IndexTableName, ExpectedTable> {
  const timeline: ExpectedTable = new Map();
  const desks = new Map<string, Record<string, unknown>>();
  const agents = new Map<string, Record<string, unknown>>();
  const ratings = new Map<string, Record<string, unknown>>();
  const reports = new Map<string, Record<string, unknown>>();
  const policies = new Map<string, Record<string, unknown>>();
  const versions = new Map<string, Record<string, unknown>>();
  const articles = new Map<string, Record<string, unknown>>();
  const articleVersions = new Map<string, Record<string, unknown>>();
  const helpfulVotes = new Map<string, Record<string, unknown>>();
  const proposals = new Map<string, Record<string, unknown>>();
  const votes = new Map<string, Record<string, unknown>>();
  const stats = () => ({ count: 0, sum: 0, histogram: [0, 0, 0, 0, 0, 0, 0, 0], sla_met: 0, sla_breached: 0, voided: 0 });
  type Stats = ReturnType<typeof stats>;
  const agentStats = new Map<string, Stats>();
  const deskStats = new Map<string, Stats>();
  const apply = (s: Stats, score: number, verdict: number, sign: 1 | -1) => {
    s.count += sign;
    s.sum += sign * score;
    s.histogram[score - 1] += sign;
    if (verdict === SlaVerdict.Met) s.sla_met += sign;
    if (verdict === SlaVerdict.Breached) s.sla_breached += sign;
    if (sign === -1) s.voided += 1;
  };

  for (const row of rows) {
    timeline.set(
      `${row.block}:${row.logIndex}`,
      canonRow({ block: row.block, log_index: row.logIndex, time: row.time, tx: row.tx, contract: row.contract, event: row.event, args: row.args }),
    );
    const a = row.args;
    const key = `${row.contract}:${row.event}`;
    switch (key) {
      case "AgentRegistry:DeskRegistered":
        desks.set(String(a.deskId), { name: a.name, self_signing: a.selfSigning, community: false, removed_at: null, agents: 0 });
        deskStats.set(String(a.deskId), stats());
        break;
      case "AgentRegistry:CommunityDeskRegistered":
        Object.assign(desks.get(String(a.deskId)) ?? {}, { community: true });
        break;
      case "AgentRegistry:DeskRemoved":
        Object.assign(desks.get(String(a.deskId)) ?? {}, { removed_at: a.removedAt });
        break;
      case "AgentRegistry:DeskSelfSigningSet":
        Object.assign(desks.get(String(a.deskId)) ?? {}, { self_signing: a.newSelfSigning });
        break;
      case "AgentRegistry:AgentAdded": {
        agents.set(lower(a.agent), {
          desk_id: a.deskId,
          handle: a.handle,
          kind: a.kind,
          status: 1,
          since: row.time,
          added_block: row.block,
          added_log_index: row.logIndex,
          self_signed_count: 0,
        });
        agentStats.set(lower(a.agent), stats());
        const desk = desks.get(String(a.deskId));
        if (desk) desk.agents = Number(desk.agents) + 1;
        break;
      }
      case "AgentRegistry:AgentStatusChanged":
        Object.assign(agents.get(lower(a.agent)) ?? {}, { status: a.newStatus, since: row.time });
        break;
      case "AgentRegistry:ImpersonatorReported":
        reports.set(String(a.reportId), {
          subject: a.subject,
          desk_id: a.deskId,
          reporter: lower(a.reporter),
          evidence: a.evidence,
          status: ReportStatus.Open,
          resolved_by: null,
          overturn_reason: null,
        });
        break;
      case "AgentRegistry:ReportResolved":
        Object.assign(reports.get(String(a.reportId)) ?? {}, { status: a.status, resolved_by: lower(a.by) });
        break;
      case "AgentRegistry:ReportOverturned":
        Object.assign(reports.get(String(a.reportId)) ?? {}, { status: ReportStatus.Overturned, overturn_reason: a.reason });
        break;
      case "SupportRatings:Rated": {
        const selfSigned = isSelfSigned(String(a.ratingId) as `0x${string}`);
        ratings.set(lower(a.ratingId), {
          desk_id: a.deskId,
          agent: lower(a.agent),
          requester: lower(a.requester),
          score: a.score,
          tags: a.tags,
          verdict: a.verdict,
          sla_version: a.slaVersion,
          rules_version: a.rulesVersion,
          comment: a.comment,
          self_signed: selfSigned,
          reply: null,
          voided: false,
          void_reason: null,
          escalated_from: null,
          block: row.block,
          log_index: row.logIndex,
          time: row.time,
          tx: row.tx,
        });
        const agent = agents.get(lower(a.agent));
        if (!agent) break;
        if (selfSigned) agent.self_signed_count = Number(agent.self_signed_count) + 1;
        else {
          const [agentTotals, deskTotals] = [agentStats.get(lower(a.agent)), deskStats.get(String(a.deskId))];
          if (agentTotals) apply(agentTotals, Number(a.score), Number(a.verdict), 1);
          if (deskTotals) apply(deskTotals, Number(a.score), Number(a.verdict), 1);
        }
        break;
      }
      case "SupportRatings:RatingReplied":
        Object.assign(ratings.get(lower(a.ratingId)) ?? {}, { reply: a.reply });
        break;
      case "SupportRatings:RatingEscalated":
        Object.assign(ratings.get(lower(a.ratingId)) ?? {}, { escalated_from: lower(a.escalatedFromRatingId) });
        break;
      case "SupportRatings:RatingVoided": {
        const rating = ratings.get(lower(a.ratingId));
        if (!rating) break;
        rating.voided = true;
        rating.void_reason = a.reason;
        const agent = agents.get(String(rating.agent));
        if (!agent) break;
        if (rating.self_signed) agent.self_signed_count = Number(agent.self_signed_count) - 1;
        else {
          const [agentTotals, deskTotals] = [agentStats.get(String(rating.agent)), deskStats.get(String(rating.desk_id))];
          if (agentTotals) apply(agentTotals, Number(rating.score), Number(rating.verdict), -1);
          if (deskTotals) apply(deskTotals, Number(rating.score), Number(rating.verdict), -1);
        }
        break;
      }
      case "PolicyRegistry:PolicyCreated":
        policies.set(String(a.policyId), { kind: a.kind, title: a.title, versions: 0, retired_at: null });
        break;
      case "PolicyRegistry:PolicyPublished":
        versions.set(`${a.policyId}:${a.version}`, {
          policy_id: a.policyId,
          version: a.version,
          kind: a.kind,
          content_hash: a.contentHash,
          effective_from: a.effectiveFrom,
          publisher: lower(a.publisher),
          content: a.content,
          cancelled: false,
        });
        Object.assign(policies.get(String(a.policyId)) ?? {}, { versions: a.version });
        break;
      case "PolicyRegistry:PolicyRetired":
        Object.assign(policies.get(String(a.policyId)) ?? {}, { retired_at: a.retiredAt });
        break;
      case "PolicyRegistry:VersionCancelled":
        Object.assign(versions.get(`${a.policyId}:${a.version}`) ?? {}, { cancelled: true });
        break;
      case "KnowledgeBase:ArticleCreated":
        articles.set(String(a.articleId), { category: a.category, versions: 0, retired_at: null });
        break;
      case "KnowledgeBase:ArticlePublished": {
        const content = a.content as Record<string, JsonValue>;
        articleVersions.set(`${a.articleId}:${a.version}`, {
          article_id: a.articleId,
          version: a.version,
          category: a.category,
          content_hash: a.contentHash,
          effective_from: a.effectiveFrom,
          publisher: lower(a.publisher),
          title: content.title,
          body: content.body,
          language: content.language,
          helpful: 0,
          not_helpful: 0,
        });
        Object.assign(articles.get(String(a.articleId)) ?? {}, { versions: a.version });
        break;
      }
      case "KnowledgeBase:ArticleRetired":
        Object.assign(articles.get(String(a.articleId)) ?? {}, { retired_at: a.retiredAt });
        break;
      case "KnowledgeBase:HelpfulVoted": {
        helpfulVotes.set(`${a.articleId}:${a.version}:${lower(a.voter)}`, {
          article_id: a.articleId,
          version: a.version,
          voter: lower(a.voter),
          helpful: a.helpful,
          reason: a.reason,
        });
        const version = articleVersions.get(`${a.articleId}:${a.version}`);
        const column = a.helpful === true ? "helpful" : "not_helpful";
        if (version) version[column] = Number(version[column]) + 1;
        break;
      }
      case "SupportGovernor:ProposalCreated":
        proposals.set(String(a.proposalId), {
          proposer: lower(a.proposer),
          description: a.description,
          vote_start: a.voteStart,
          vote_end: a.voteEnd,
          critical_quorum_numerator: null,
          eta_seconds: null,
          executed_at: null,
          canceled_at: null,
          for_votes: 0n,
          against_votes: 0n,
          abstain_votes: 0n,
          voters: 0,
          block: row.block,
        });
        break;
      case "SupportGovernor:ProposalMarkedCritical":
        Object.assign(proposals.get(String(a.proposalId)) ?? {}, { critical_quorum_numerator: a.quorumNumerator });
        break;
      case "SupportGovernor:ProposalQueued":
        Object.assign(proposals.get(String(a.proposalId)) ?? {}, { eta_seconds: a.etaSeconds });
        break;
      case "SupportGovernor:ProposalExecuted":
        Object.assign(proposals.get(String(a.proposalId)) ?? {}, { executed_at: row.time });
        break;
      case "SupportGovernor:ProposalCanceled":
        Object.assign(proposals.get(String(a.proposalId)) ?? {}, { canceled_at: row.time });
        break;
      case "SupportGovernor:VoteCast":
      case "SupportGovernor:VoteCastWithParams": {
        votes.set(`${a.proposalId}:${lower(a.voter)}`, {
          proposal_id: a.proposalId,
          voter: lower(a.voter),
          support: a.support,
          weight: a.weight,
          reason: a.reason,
        });
        const proposal = proposals.get(String(a.proposalId));
        if (!proposal) break;
        const column = ["against_votes", "for_votes", "abstain_votes"][Number(a.support)];
        if (column) proposal[column] = BigInt(String(proposal[column])) + BigInt(String(a.weight));
        proposal.voters = Number(proposal.voters) + 1;
        break;
      }
    }
  }

  const table = (rows: Map<string, Record<string, unknown>>, extra?: Map<string, Stats>): ExpectedTable =>
    new Map([...rows].map(([k, v]) => [canon(k), canonRow({ ...v, ...extra?.get(k) })]));
  return {
    timeline,
    desk: table(desks, deskStats),
    agent: table(agents, agentStats),
    rating: table(ratings),
    report: table(reports),
    policy: table(policies),
    policy_version: table(versions),
    proposal: table(proposals),
    vote: table(votes),
    article: table(articles),
    article_version: table(articleVersions),
    helpful_vote: table(helpfulVotes),
  };
}

/**
 * The SQL that reads `table` for the comparison: its key as `_key`, then its compared columns. `$1` takes a
 * fresh nonce per audit: Ponder caches a query's result until Ponder itself writes the table, and an audit
 * must read what the database holds now (a row changed behind Ponder's back included).
 */
export const indexTableQuery = (table: IndexTableName) =>
  `select (${INDEX_TABLES[table].key})::text as _key, ${INDEX_TABLES[table].columns.join(", ")} from ${table} where $1::text <> ''`;

const short = (value: string) => (value.length > 80 ? `${value.slice(0, 77)}…` : value);

/**
 * Every difference between the expected rows and the index's rows of `table`, one sentence each, naming
 * the row and the column: "agent 0xab…: count is 3 in the index, 2 from the chain."
 */
export function compareIndexTable(table: IndexTableName, expected: ExpectedTable, actual: readonly Record<string, unknown>[]): string[] {
  const mismatches: string[] = [];
  const seen = new Set<string>();
  for (const row of actual) {
    const key = canon(row._key);
    seen.add(key);
    const want = expected.get(key);
    if (!want) {
      mismatches.push(`${table} ${key}: in the index but not on the chain.`);
      continue;
    }
    for (const column of INDEX_TABLES[table].columns) {
      const got = canon(row[column]);
      if (got !== want[column]) mismatches.push(`${table} ${key}: ${column} is ${short(got)} in the index, ${short(want[column] ?? "absent")} from the chain.`);
    }
  }
  for (const key of expected.keys()) if (!seen.has(key)) mismatches.push(`${table} ${key}: on the chain but missing from the index.`);
  return mismatches;
}
