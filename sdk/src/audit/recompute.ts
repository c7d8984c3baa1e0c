/**
 * The protocol's published numbers recomputed from events alone: every agent's and desk's aggregates
 * (SupportRatings.Stats) and every policy's version chain. Pure: no RPC, no I/O.
 */
import type { Hex } from "viem";
import { SlaVerdict } from "../generated/enums.js";
import { articleContentHash } from "../knowledge/articles.js";
import { policyContentHash } from "../policies/content.js";
import { isSelfSigned } from "../ratings/id.js";
import type { JsonValue, Stats, TimelineRow } from "./types.js";

/** The content hash of a PolicyPublished event's content (undefined when the content is malformed). */
function publishedContentHash(kind: number, content: Record<string, JsonValue> | undefined): string | undefined {
  const params = String(content?.params ?? "0x");
  if (!/^0x([0-9a-fA-F]{2})*$/.test(params)) return undefined;
  return policyContentHash(kind, { text: String(content?.text ?? ""), uri: String(content?.uri ?? ""), params: params as Hex }).toLowerCase();
}

export const emptyStats = (): Stats => ({ count: 0, sum: 0, histogram: [0, 0, 0, 0, 0, 0, 0, 0], slaMet: 0, slaBreached: 0, voided: 0 });

interface RatingRecord {
  agent: string;
  selfSigned: boolean;
  deskId: number;
  score: number;
  verdict: number;
  voided: boolean;
}

export interface RecomputedPolicy {
  policyId: number;
  kind: number;
  title: string;
  versions: { version: number; contentHash: Hex; effectiveFrom: number; textMatchesHash: boolean }[];
  retired: boolean;
}

export interface RecomputedArticle {
  articleId: number;
  category: number;
  versions: { version: number; contentHash: Hex; effectiveFrom: number; textMatchesHash: boolean; helpful: number; notHelpful: number }[];
  retired: boolean;
}

export interface Recomputed {
  /** Lower-cased agent address → its aggregates over desk-issued receipts (`agentStats`). */
  agents: Map<string, Stats>;
  /** Lower-cased agent address → its aggregates over receipts it signed itself (`agentSelfSignedStats`). */
  selfSigned: Map<string, Stats>;
  /** Lower-cased agent address → its desk (from AgentAdded). */
  agentDesk: Map<string, number>;
  desks: Map<number, Stats>;
  policies: Map<number, RecomputedPolicy>;
  /** Help articles: version chains, recomputed content hashes and helpful tallies per version. */
  articles: Map<number, RecomputedArticle>;
  ratings: number;
  /** Inconsistencies inside the event history itself (a void of an unknown rating, a version gap…). */
  anomalies: string[];
}

const num = (value: JsonValue | undefined): number => Number(value);
const str = (value: JsonValue | undefined): string => String(value).toLowerCase();

function add(stats: Stats, score: number, verdict: number, sign: 1 | -1) {
  stats.count += sign;
  stats.sum += sign * score;
  stats.histogram[score - 1] += sign;
  if (verdict === SlaVerdict.Met) stats.slaMet += sign;
  else if (verdict === SlaVerdict.Breached) stats.slaBreached += sign;
}

/** Replays `rows` (in chain order) into aggregates and policy chains. */
export function recompute(rows: readonly TimelineRow[]): Recomputed {
  const agents = new Map<string, Stats>();
  const selfSigned = new Map<string, Stats>();
  const agentDesk = new Map<string, number>();
  const deskIds = new Set<number>();
  const ratings = new Map<string, RatingRecord>();
  const policies = new Map<number, RecomputedPolicy>();
  const articles = new Map<number, RecomputedArticle>();
  const anomalies: string[] = [];
  const selfSignedOf = (agent: string) => {
    const stats = selfSigned.get(agent) ?? emptyStats();
    selfSigned.set(agent, stats);
    return stats;
  };
  const statsOf = (agent: string) => {
    const stats = agents.get(agent) ?? emptyStats();
    agents.set(agent, stats);
    return stats;
  };

  for (const row of rows) {
    const a = row.args;
    const at = `block ${row.block}, log ${row.logIndex}`;
    if (row.contract === "AgentRegistry") {
      if (row.event === "DeskRegistered") deskIds.add(num(a.deskId));
      else if (row.event === "AgentAdded") {
        agentDesk.set(str(a.agent), num(a.deskId));
        statsOf(str(a.agent));
      }
    } else if (row.contract === "SupportRatings") {
      if (row.event === "Rated") {
        const id = str(a.ratingId);
        const record = {
          agent: str(a.agent),
          selfSigned: isSelfSigned(String(a.ratingId) as Hex),
          deskId: num(a.deskId),
          score: num(a.score),
          verdict: num(a.verdict),
          voided: false,
        };
        if (ratings.has(id)) anomalies.push(`Rating ${id} is rated twice (${at}).`);
        if (!(record.score >= 1 && record.score <= 8)) anomalies.push(`Rating ${id} has score ${record.score}, outside 1–8 (${at}).`);
        else {
          ratings.set(id, record);
          add(record.selfSigned ? selfSignedOf(record.agent) : statsOf(record.agent), record.score, record.verdict, 1);
        }
      } else if (row.event === "RatingVoided") {
        const id = str(a.ratingId);
        const record = ratings.get(id);
        if (!record) anomalies.push(`Rating ${id} is voided but was never rated (${at}).`);
        else if (record.voided) anomalies.push(`Rating ${id} is voided twice (${at}).`);
        else {
          record.voided = true;
          const stats = record.selfSigned ? selfSignedOf(record.agent) : statsOf(record.agent);
          add(stats, record.score, record.verdict, -1);
          stats.voided += 1;
        }
      }
    } else if (row.contract === "PolicyRegistry") {
      const policyId = num(a.policyId);
      if (row.event === "PolicyCreated") {
        if (policies.has(policyId)) anomalies.push(`Policy ${policyId} is created twice (${at}).`);
        policies.set(policyId, { policyId, kind: num(a.kind), title: String(a.title), versions: [], retired: false });
      } else if (row.event === "PolicyPublished") {
        const policy = policies.get(policyId);
        if (!policy) {
          anomalies.push(`Policy ${policyId} has a version published before it was created (${at}).`);
          continue;
        }
        const version = num(a.version);
        const expected = policy.versions.length + 1;
        if (version !== expected) anomalies.push(`Policy ${policyId} publishes version ${version} where ${expected} was next (${at}).`);
        const content = a.content as Record<string, JsonValue>;
        const contentHash = String(a.contentHash) as Hex;
        const textMatchesHash = publishedContentHash(num(a.kind), content) === contentHash.toLowerCase();
        if (!textMatchesHash) anomalies.push(`Policy ${policyId} version ${version}: the published content does not hash to its content hash (${at}).`);
        policy.versions.push({ version, contentHash, effectiveFrom: num(a.effectiveFrom), textMatchesHash });
      } else if (row.event === "PolicyRetired") {
        const policy = policies.get(policyId);
        if (policy) policy.retired = true;
        else anomalies.push(`Policy ${policyId} is retired but was never created (${at}).`);
      }
    } else if (row.contract === "KnowledgeBase") {
      replayArticle(articles, row.event, a, at, anomalies);
    }
  }

  // A desk's aggregates are the sum over the agents that joined it (an address serves one desk, once).
  const desks = new Map<number, Stats>();
  for (const deskId of deskIds) desks.set(deskId, emptyStats());
  for (const [agent, stats] of agents) {
    const deskId = agentDesk.get(agent);
    if (deskId === undefined) {
      anomalies.push(`Agent ${agent} has ratings but never joined a desk.`);
      continue;
    }
    const desk = desks.get(deskId) ?? emptyStats();
    desks.set(deskId, desk);
    desk.count += stats.count;
    desk.sum += stats.sum;
    for (const [i, n] of stats.histogram.entries()) desk.histogram[i] += n;
    desk.slaMet += stats.slaMet;
    desk.slaBreached += stats.slaBreached;
    desk.voided += stats.voided;
  }
  return { agents, selfSigned, agentDesk, desks, policies, articles, ratings: ratings.size, anomalies };
}

/** The fields in which two aggregates differ, e.g. `["count", "histogram[5]"]`. */
export function diffStats(a: Stats, b: Stats): string[] {
  const fields: string[] = [];
  for (const key of ["count", "sum", "slaMet", "slaBreached", "voided"] as const) if (a[key] !== b[key]) fields.push(key);
  for (let i = 0; i < 8; i++) if (a.histogram[i] !== b.histogram[i]) fields.push(`histogram[${i}]`);
  return fields;
}

/** Average score and CSAT (share of the top two scores of `scale`) of an aggregate. */
export function summarize(stats: Stats, scale = 5) {
  const top = (stats.histogram[scale - 1] ?? 0) + (stats.histogram[scale - 2] ?? 0);
  return {
    average: stats.count ? stats.sum / stats.count : 0,
    csat: stats.count ? top / stats.count : 0,
  };
}

/** One KnowledgeBase event into the article chains: versions in order, each text re-hashed, votes counted. */
function replayArticle(articles: Map<number, RecomputedArticle>, event: string, a: Record<string, JsonValue>, at: string, anomalies: string[]) {
  const articleId = num(a.articleId);
  const article = articles.get(articleId);
  if (event === "ArticleCreated") {
    if (article) anomalies.push(`Article ${articleId} is created twice (${at}).`);
    articles.set(articleId, { articleId, category: num(a.category), versions: [], retired: false });
    return;
  }
  if (!article) {
    if (event !== "EditorSet" && event !== "OwnershipTransferred") anomalies.push(`Article ${articleId} has a ${event} before it was created (${at}).`);
    return;
  }
  if (event === "ArticlePublished") {
    const version = num(a.version);
    const expected = article.versions.length + 1;
    if (version !== expected) anomalies.push(`Article ${articleId} publishes version ${version} where ${expected} was next (${at}).`);
    const content = a.content as Record<string, JsonValue>;
    const contentHash = String(a.contentHash) as Hex;
    const recomputed = articleContentHash(num(a.category), { title: String(content.title), body: String(content.body), language: String(content.language) });
    const textMatchesHash = recomputed.toLowerCase() === contentHash.toLowerCase();
    if (!textMatchesHash) anomalies.push(`Article ${articleId} version ${version}: the published text does not hash to its content hash (${at}).`);
    article.versions.push({ version, contentHash, effectiveFrom: num(a.effectiveFrom), textMatchesHash, helpful: 0, notHelpful: 0 });
  } else if (event === "ArticleRetired") {
    article.retired = true;
  } else if (event === "HelpfulVoted") {
    const v = article.versions.find((x) => x.version === num(a.version));
    if (!v) anomalies.push(`Article ${articleId} has a vote on version ${num(a.version)}, which was never published (${at}).`);
    else if (a.helpful === true) v.helpful += 1;
    else v.notHelpful += 1;
  }
}
