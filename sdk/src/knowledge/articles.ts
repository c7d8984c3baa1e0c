/**
 * The knowledge base as its events tell it: every article with its version chain, full text, content hash and
 * helpful tally, rebuilt from ArticleCreated / ArticlePublished / ArticleRetired / HelpfulVoted (the text lives
 * only in the events). One reducer for the dApp's chain path, the indexer's tests and the audit.
 */
import { type Address, encodeAbiParameters, type Hash, type Hex, keccak256, toBytes } from "viem";

/** What a version says (the contract's `ArticleContent`). */
export interface ArticleContent {
  title: string;
  body: string;
  language: string;
}

export interface ArticleVersionRecord extends ArticleContent {
  articleId: bigint;
  version: bigint;
  category: number;
  contentHash: Hex;
  effectiveFrom: number;
  publisher: Address;
  blockNumber: bigint;
  transactionHash: Hash;
  helpful: number;
  notHelpful: number;
}

export interface ArticleRecord {
  id: bigint;
  category: number;
  retiredAt?: number;
  versions: ArticleVersionRecord[];
}

/** The events the records are built from, as viem decodes them (`args` by name). */
export interface ArticleEvents {
  created: readonly { args: { articleId?: bigint; category?: number } }[];
  published: readonly {
    args: {
      articleId?: bigint;
      version?: bigint;
      category?: number;
      contentHash?: Hex;
      effectiveFrom?: number;
      publisher?: Address;
      content?: ArticleContent;
    };
    blockNumber: bigint;
    transactionHash: Hash;
  }[];
  retired: readonly { args: { articleId?: bigint; retiredAt?: number } }[];
  votes: readonly { args: { articleId?: bigint; version?: bigint; helpful?: boolean } }[];
}

export const ARTICLE_EVENTS = ["ArticleCreated", "ArticlePublished", "ArticleRetired", "HelpfulVoted"] as const;

const CONTENT_TYPEHASH = keccak256(toBytes("ArticleVersionContent(uint8 category,string title,string body,string language)"));

/** The contract's `contentHashOf(category, content)`, recomputed: what "✓ matches" and the audit check. */
export function articleContentHash(category: number, content: ArticleContent): Hex {
  const h = (s: string) => keccak256(toBytes(s));
  return keccak256(
    encodeAbiParameters(
      [{ type: "bytes32" }, { type: "uint8" }, { type: "bytes32" }, { type: "bytes32" }, { type: "bytes32" }],
      [CONTENT_TYPEHASH, category, h(content.title), h(content.body), h(content.language)],
    ),
  );
}

/** Every article with its versions (oldest first) and helpful counts, by ascending id. */
export function articlesFromEvents(events: ArticleEvents): ArticleRecord[] {
  const byId = new Map<bigint, ArticleRecord>();
  for (const e of events.created) byId.set(e.args.articleId!, { id: e.args.articleId!, category: Number(e.args.category), versions: [] });
  for (const e of events.published) {
    const a = e.args;
    byId.get(a.articleId!)?.versions.push({
      articleId: a.articleId!,
      version: a.version!,
      category: Number(a.category),
      contentHash: a.contentHash!,
      effectiveFrom: Number(a.effectiveFrom),
      publisher: a.publisher!,
      title: a.content!.title,
      body: a.content!.body,
      language: a.content!.language,
      blockNumber: e.blockNumber,
      transactionHash: e.transactionHash,
      helpful: 0,
      notHelpful: 0,
    });
  }
  for (const e of events.retired) {
    const record = byId.get(e.args.articleId!);
    if (record) record.retiredAt = Number(e.args.retiredAt);
  }
  for (const record of byId.values()) record.versions.sort((x, y) => Number(x.version - y.version));
  for (const e of events.votes) {
    const v = byId.get(e.args.articleId!)?.versions.find((x) => x.version === e.args.version);
    if (!v) continue;
    if (e.args.helpful) v.helpful += 1;
    else v.notHelpful += 1;
  }
  return [...byId.values()].sort((x, y) => Number(x.id - y.id));
}

/** The version in force at `now` (seconds): the newest that took effect, or undefined (none yet, or retired). */
export function articleInForce(article: ArticleRecord, now: number): ArticleVersionRecord | undefined {
  if (article.retiredAt !== undefined && article.retiredAt <= now) return undefined;
  for (let i = article.versions.length - 1; i >= 0; i--) if (article.versions[i]!.effectiveFrom <= now) return article.versions[i];
  return undefined;
}

/** The share of "helpful" votes (0–1), or undefined with no votes. */
export function helpfulShare(v: Pick<ArticleVersionRecord, "helpful" | "notHelpful">): number | undefined {
  const total = v.helpful + v.notHelpful;
  return total === 0 ? undefined : v.helpful / total;
}

/**
 * The least helpful live articles (versions in force with at least `minVotes` votes), worst share first:
 * what the feedback report lists for the people who write the articles.
 */
export function leastHelpfulArticles(articles: readonly ArticleRecord[], now: number, minVotes = 1, limit = 5) {
  return articles
    .map((article) => ({ article, version: articleInForce(article, now) }))
    .filter((x): x is { article: ArticleRecord; version: ArticleVersionRecord } => !!x.version && x.version.helpful + x.version.notHelpful >= minVotes)
    .map((x) => ({ ...x, share: helpfulShare(x.version)!, votes: x.version.helpful + x.version.notHelpful }))
    .sort((a, b) => a.share - b.share || b.votes - a.votes || Number(a.article.id - b.article.id))
    .slice(0, limit);
}
