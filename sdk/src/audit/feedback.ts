/**
 * The feedback report a product team reads: for one desk or the whole protocol over a time range, volume,
 * average, CSAT and SLA compliance per ticket category, the same per week, the tags most often chosen with
 * low scores, and SLA met/breached per priority and category. Derived from the Rated/RatingVoided events of an audited
 * timeline, never from a number anyone published: the per-category figures partition the same non-voided
 * desk-issued ratings whose totals the audit checks against the on-chain aggregates. Pure: no RPC, no I/O.
 */
import type { Hex } from "viem";
import { PolicyKind, SlaVerdict } from "../generated/enums.js";
import { label, PRIORITY_LABELS } from "../labels.js";
import { decodeRatingRulesParams } from "../policies/params.js";
import { isSelfSigned } from "../ratings/id.js";
import type { JsonValue, TimelineRow } from "./types.js";

export interface FeedbackOptions {
  /** One desk, or the whole protocol when absent. */
  deskId?: number;
  /** Rating time range (block timestamps, seconds), inclusive. */
  from?: number;
  to?: number;
  /** Width of the time buckets of the chart (default one week, from Monday 00:00 UTC). */
  bucketSeconds?: number;
}

export interface CategoryFeedback {
  /** 0 = uncategorised, else 1 + the index in the rating rules' categories. */
  category: number;
  name: string;
  count: number;
  average: number;
  /** Share of the top two scores of the scale. */
  csat: number;
  slaMet: number;
  slaBreached: number;
  /** Met / (met + breached); null when no rating carried a verdict. */
  compliance: number | null;
  /** Ratings with a low score (the bottom two of the scale). */
  low: number;
}

export interface FeedbackReport {
  deskId?: number;
  from?: number;
  to?: number;
  total: number;
  categories: CategoryFeedback[];
  /** Per bucket start and category: volume and CSAT (what the chart draws). */
  buckets: { start: number; category: number; count: number; csat: number }[];
  /** Tags chosen with low scores, most frequent first. */
  lowScoreTags: { tag: string; count: number }[];
  /** SLA verdicts per priority and category (ratings judged against an SLA only), most breaches first. */
  sla: SlaFeedback[];
  /** The least helpful help articles (their version in force, with at least one vote), worst share first. */
  leastHelpful: ArticleFeedback[];
}

export interface ArticleFeedback {
  articleId: number;
  version: number;
  title: string;
  category: number;
  categoryName: string;
  helpful: number;
  notHelpful: number;
  /** helpful / (helpful + notHelpful). */
  share: number;
}

export interface SlaFeedback {
  priority: number;
  /** "Urgent", "High", … */
  priorityName: string;
  category: number;
  categoryName: string;
  met: number;
  breached: number;
}

interface Rating {
  deskId: number;
  time: number;
  score: number;
  tags: number;
  category: number;
  priority: number;
  verdict: number;
  rulesVersion: number;
  voided: boolean;
}

const WEEK = 7 * 86_400;
const MONDAY = 4 * 86_400;
const num = (v: JsonValue | undefined) => Number(v);

/** Builds the report from `rows` (a timeline in chain order, as the audit reads or exports it). */
export function feedbackReport(rows: readonly TimelineRow[], options: FeedbackOptions = {}): FeedbackReport {
  const rules = new Map<number, { scale: number; tags: readonly string[]; categories: readonly string[] }>();
  const ratings = new Map<string, Rating>();
  const articles = new Map<
    number,
    { category: number; retired: boolean; versions: { version: number; title: string; effectiveFrom: number; helpful: number; notHelpful: number }[] }
  >();
  for (const row of rows) {
    const a = row.args;
    if (row.contract === "KnowledgeBase") {
      const id = num(a.articleId);
      if (row.event === "ArticleCreated") articles.set(id, { category: num(a.category), retired: false, versions: [] });
      else if (row.event === "ArticlePublished") {
        const content = a.content as Record<string, JsonValue>;
        articles
          .get(id)
          ?.versions.push({ version: num(a.version), title: String(content.title), effectiveFrom: num(a.effectiveFrom), helpful: 0, notHelpful: 0 });
      } else if (row.event === "ArticleRetired") {
        const article = articles.get(id);
        if (article) article.retired = true;
      } else if (row.event === "HelpfulVoted") {
        const v = articles.get(id)?.versions.find((x) => x.version === num(a.version));
        if (v && a.helpful === true) v.helpful++;
        else if (v) v.notHelpful++;
      }
      continue;
    }
    if (row.contract === "PolicyRegistry" && row.event === "PolicyPublished" && num(a.kind) === PolicyKind.RatingRules) {
      const params = String((a.content as Record<string, JsonValue> | undefined)?.params ?? "0x") as Hex;
      try {
        const decoded = decodeRatingRulesParams(params);
        rules.set(num(a.version), { scale: decoded.scale, tags: decoded.tags, categories: decoded.categories ?? [] });
      } catch {
        // Undecodable parameters were refused on-chain; nothing to name.
      }
    } else if (row.contract === "SupportRatings" && row.event === "Rated" && !isSelfSigned(String(a.ratingId) as Hex)) {
      ratings.set(String(a.ratingId).toLowerCase(), {
        deskId: num(a.deskId),
        time: row.time,
        score: num(a.score),
        tags: num(a.tags),
        category: num(a.category ?? 0),
        priority: num(a.priority ?? 0),
        verdict: num(a.verdict),
        rulesVersion: num(a.rulesVersion),
        voided: false,
      });
    } else if (row.contract === "SupportRatings" && row.event === "RatingVoided") {
      const rating = ratings.get(String(a.ratingId).toLowerCase());
      if (rating) rating.voided = true;
    }
  }

  const { deskId, from, to } = options;
  const bucketSeconds = options.bucketSeconds ?? WEEK;
  const selected = [...ratings.values()].filter(
    (r) => !r.voided && (deskId === undefined || r.deskId === deskId) && (from === undefined || r.time >= from) && (to === undefined || r.time <= to),
  );
  const newestRules = rules.get(Math.max(0, ...rules.keys()));
  const nameOf = (category: number, rulesVersion?: number) => {
    if (category === 0) return "Uncategorised";
    const names = (rulesVersion !== undefined ? rules.get(rulesVersion) : undefined)?.categories ?? newestRules?.categories ?? [];
    return names[category - 1] ?? `Category ${category}`;
  };

  const categories = new Map<number, CategoryFeedback & { sum: number; top: number }>();
  const buckets = new Map<string, { start: number; category: number; count: number; top: number }>();
  const lowTags = new Map<string, number>();
  const sla = new Map<string, SlaFeedback>();
  for (const r of selected) {
    const scale = rules.get(r.rulesVersion)?.scale ?? 5;
    const top = r.score >= scale - 1 ? 1 : 0;
    const low = r.score <= 2 ? 1 : 0;
    const c = categories.get(r.category) ?? {
      category: r.category,
      name: nameOf(r.category, r.rulesVersion),
      count: 0,
      average: 0,
      csat: 0,
      slaMet: 0,
      slaBreached: 0,
      compliance: null,
      low: 0,
      sum: 0,
      top: 0,
    };
    categories.set(r.category, c);
    c.count++;
    c.sum += r.score;
    c.top += top;
    c.low += low;
    if (r.verdict === SlaVerdict.Met) c.slaMet++;
    else if (r.verdict === SlaVerdict.Breached) c.slaBreached++;
    if (r.verdict !== SlaVerdict.None) {
      const key = `${r.priority}:${r.category}`;
      const s = sla.get(key) ?? {
        priority: r.priority,
        priorityName: label(PRIORITY_LABELS, r.priority),
        category: r.category,
        categoryName: c.name,
        met: 0,
        breached: 0,
      };
      sla.set(key, s);
      if (r.verdict === SlaVerdict.Met) s.met++;
      else s.breached++;
    }
    // Weeks start on Monday 00:00 UTC (1970-01-05 was the first Monday after the epoch).
    const start = Math.floor((r.time - MONDAY) / bucketSeconds) * bucketSeconds + MONDAY;
    const key = `${start}:${r.category}`;
    const b = buckets.get(key) ?? { start, category: r.category, count: 0, top: 0 };
    buckets.set(key, b);
    b.count++;
    b.top += top;
    if (low) {
      const names = rules.get(r.rulesVersion)?.tags ?? [];
      for (let bit = 0; bit < 32; bit++) {
        if ((r.tags >> bit) & 1) {
          const tag = names[bit] ?? `tag ${bit}`;
          lowTags.set(tag, (lowTags.get(tag) ?? 0) + 1);
        }
      }
    }
  }

  return {
    ...(deskId !== undefined ? { deskId } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    total: selected.length,
    categories: [...categories.values()]
      .sort((x, y) => y.count - x.count || x.category - y.category)
      .map(({ sum, top, ...c }) => ({
        ...c,
        average: sum / c.count,
        csat: top / c.count,
        compliance: c.slaMet + c.slaBreached === 0 ? null : c.slaMet / (c.slaMet + c.slaBreached),
      })),
    buckets: [...buckets.values()].sort((x, y) => x.start - y.start || x.category - y.category).map(({ top, ...b }) => ({ ...b, csat: top / b.count })),
    lowScoreTags: [...lowTags.entries()].map(([tag, count]) => ({ tag, count })).sort((x, y) => y.count - x.count || x.tag.localeCompare(y.tag)),
    sla: [...sla.values()].sort((x, y) => y.breached - x.breached || y.priority - x.priority || x.category - y.category),
    leastHelpful: leastHelpful(articles, to ?? Math.max(0, ...rows.map((r) => r.time)), nameOf),
  };
}

const cell = (value: string | number | null) => {
  const text = value === null ? "" : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};
const ratio = (value: number | null) => (value === null ? null : value.toFixed(4));

/** The per-category table as CSV (one header line, one line per category, "\n" line ends). */
export function feedbackCsv(report: FeedbackReport): string {
  const header = ["category", "name", "ratings", "average", "csat", "sla_met", "sla_breached", "sla_compliance", "low_scores"];
  const lines = report.categories.map((c) =>
    [c.category, c.name, c.count, c.average.toFixed(4), ratio(c.csat), c.slaMet, c.slaBreached, ratio(c.compliance), c.low].map(cell).join(","),
  );
  return `${[header.join(","), ...lines].join("\n")}\n`;
}

/** SLA verdicts per priority and category as CSV (one header line, one line per pair, "\n" line ends). */
export function feedbackSlaCsv(report: FeedbackReport): string {
  const header = ["priority", "priority_name", "category", "category_name", "sla_met", "sla_breached"];
  const lines = report.sla.map((s) => [s.priority, s.priorityName, s.category, s.categoryName, s.met, s.breached].map(cell).join(","));
  return `${[header.join(","), ...lines].join("\n")}\n`;
}

/** Each live article's version in force at `now` with at least one vote, least helpful first (ties: more votes first). */
function leastHelpful(
  articles: Map<
    number,
    { category: number; retired: boolean; versions: { version: number; title: string; effectiveFrom: number; helpful: number; notHelpful: number }[] }
  >,
  now: number,
  nameOf: (category: number) => string,
): ArticleFeedback[] {
  const out: ArticleFeedback[] = [];
  for (const [articleId, a] of articles) {
    const v = a.retired ? undefined : [...a.versions].reverse().find((x) => x.effectiveFrom <= now);
    if (!v || v.helpful + v.notHelpful === 0) continue;
    out.push({
      articleId,
      version: v.version,
      title: v.title,
      category: a.category,
      categoryName: a.category === 0 ? "General" : nameOf(a.category),
      helpful: v.helpful,
      notHelpful: v.notHelpful,
      share: v.helpful / (v.helpful + v.notHelpful),
    });
  }
  return out.sort((x, y) => x.share - y.share || y.notHelpful - x.notHelpful || x.articleId - y.articleId);
}
