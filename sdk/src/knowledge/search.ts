/**
 * Full-text search over the help articles in force (MiniSearch: prefix and fuzzy matching, title boosted), and
 * the passage of the body that answers the query — retrieval only: every answer is a quotation of an article
 * the DAO published, never generated text.
 */
import MiniSearch from "minisearch";
import { type ArticleRecord, type ArticleVersionRecord, articleInForce } from "./articles.js";

export interface ArticleHit {
  article: ArticleRecord;
  version: ArticleVersionRecord;
  score: number;
  /** The paragraph (or list item) of the body that best matches the query, Markdown markers removed. */
  passage: string;
}

export interface ArticleSearch {
  search(query: string, limit?: number): ArticleHit[];
}

interface Doc {
  id: string;
  title: string;
  body: string;
}

const tokenize = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
const STOP_WORDS = new Set([
  "a",
  "an",
  "and",
  "are",
  "can",
  "do",
  "does",
  "for",
  "how",
  "i",
  "in",
  "is",
  "it",
  "my",
  "of",
  "on",
  "or",
  "the",
  "to",
  "what",
  "why",
  "with",
]);
const terms = (text: string) => tokenize(text).filter((t) => !STOP_WORDS.has(t));

/** Indexes the versions in force at `now` of the live articles. */
export function buildArticleSearch(articles: readonly ArticleRecord[], now: number): ArticleSearch {
  const live = new Map<string, { article: ArticleRecord; version: ArticleVersionRecord }>();
  for (const article of articles) {
    const version = articleInForce(article, now);
    if (version) live.set(String(article.id), { article, version });
  }
  const index = new MiniSearch<Doc>({
    fields: ["title", "body"],
    tokenize,
    processTerm: (term) => (STOP_WORDS.has(term) ? null : term),
    searchOptions: { boost: { title: 3 }, prefix: true, fuzzy: 0.2, combineWith: "OR" },
  });
  index.addAll([...live].map(([id, { version }]) => ({ id, title: version.title, body: version.body })));
  return {
    search(query, limit = 5) {
      if (terms(query).length === 0) return [];
      // A phrase typed whole ("seed phrase") ranks the articles that contain it as a phrase first.
      const phrase = terms(query).join(" ");
      return index
        .search(query)
        .map((r) => {
          const hit = live.get(String(r.id))!;
          const text = `${hit.version.title}\n${hit.version.body}`.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ");
          const bonus = terms(query).length > 1 && text.includes(phrase) ? 2 : 1;
          return { ...hit, score: r.score * bonus, passage: bestPassage(hit.version.body, query) };
        })
        .sort((a, b) => b.score - a.score)
        .slice(0, limit);
    },
  };
}

/** Markdown block → plain sentence text: headings, list markers, emphasis and link targets removed. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The body's block (paragraph or list item) sharing the most query terms, in plain text. */
export function bestPassage(body: string, query: string): string {
  const wanted = new Set(terms(query));
  const blocks = body
    .split(/\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.)\s)/)
    .filter((b) => !/^\s*#/.test(b))
    .map(plainText)
    .filter(Boolean);
  let best = blocks[0] ?? "";
  let bestScore = -1;
  for (const block of blocks) {
    const words = tokenize(block);
    const score = new Set(words.filter((w) => [...wanted].some((t) => w.startsWith(t)))).size;
    if (score > bestScore) [best, bestScore] = [block, score];
  }
  return best.length > 320 ? `${best.slice(0, 317).replace(/\s+\S*$/, "")}…` : best;
}
