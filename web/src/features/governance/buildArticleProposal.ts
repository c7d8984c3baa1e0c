/**
 * Turns a help-article edit from the article wizard into the governor call: `publishArticle(category,
 * articleId, effectiveFrom, (title, body, language))` or `retireArticle(category, articleId)` on the knowledge
 * base, with the limits the contract enforces checked first so a proposal never fails at execution.
 */
import { type ArticleContent, articleContentHash, knowledgeBaseAbi } from "@support-quality/sdk";
import { type Address, encodeFunctionData, type Hex } from "viem";

/** The contract's limits, in UTF-8 bytes (IKnowledgeBase / KnowledgeBase.sol). */
export const ARTICLE_LIMITS = { title: 120, body: 12_000, languageMin: 2, languageMax: 16 } as const;

export interface ArticleEdit extends ArticleContent {
  /** 0 creates a new article. */
  articleId: bigint;
  category: number;
  /** Unix seconds; 0 = as soon as the proposal executes. */
  effectiveFrom: number;
  /** Retire the article instead of publishing a version. */
  retire: boolean;
  proposalTitle?: string;
  rationale: string;
}

export interface ArticleProposal {
  target: Address;
  data: Hex;
  description: string;
  /** The new version's content hash (undefined for a retirement). */
  contentHash?: Hex;
}

const bytes = (text: string) => new TextEncoder().encode(text).length;

/** Every reason the edit cannot be proposed yet, as sentences (empty = ready). */
export function validateArticleEdit(edit: ArticleEdit, latest: { version: bigint; contentHash: Hex } | undefined, categoryCount: number): string[] {
  if (edit.retire) return edit.articleId === 0n ? ["Choose the article to retire."] : [];
  const problems: string[] = [];
  const title = bytes(edit.title.trim());
  const body = bytes(edit.body);
  const language = bytes(edit.language.trim());
  if (title === 0) problems.push("The title is required.");
  if (title > ARTICLE_LIMITS.title) problems.push(`The title is ${title} bytes: at most ${ARTICLE_LIMITS.title}.`);
  if (edit.body.trim() === "") problems.push("The article body is required.");
  if (body > ARTICLE_LIMITS.body)
    problems.push(
      `The body is ${body.toLocaleString("en")} bytes: at most ${ARTICLE_LIMITS.body.toLocaleString("en")}, so that a proposal carrying it fits in one transaction. Split it into two articles.`,
    );
  if (language < ARTICLE_LIMITS.languageMin || language > ARTICLE_LIMITS.languageMax || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(edit.language.trim()))
    problems.push(`“${edit.language}” is not a language tag: use a BCP 47 tag such as “en” or “pt-BR”.`);
  if (edit.category > categoryCount)
    problems.push(`Category ${edit.category} is not one of the ${categoryCount} ticket categories of the rating rules in force.`);
  if (problems.length === 0 && latest) {
    const hash = articleContentHash(edit.category, { title: edit.title.trim(), body: edit.body, language: edit.language.trim() });
    if (hash === latest.contentHash) problems.push(`This says exactly what version ${latest.version} says: change the title, the body or the language first.`);
  }
  return problems;
}

export function buildArticleProposal(knowledgeBase: Address, edit: ArticleEdit): ArticleProposal {
  const content = { title: edit.title.trim(), body: edit.body, language: edit.language.trim() };
  if (edit.retire) {
    const data = encodeFunctionData({ abi: knowledgeBaseAbi, functionName: "retireArticle", args: [edit.category, edit.articleId] });
    const heading = edit.proposalTitle?.trim() || `Retire help article #${edit.articleId}: ${content.title}`;
    return { target: knowledgeBase, data, description: `# ${heading}\n\n${edit.rationale.trim() || "Retires this help article: it is no longer offered."}` };
  }
  const data = encodeFunctionData({
    abi: knowledgeBaseAbi,
    functionName: "publishArticle",
    args: [edit.category, edit.articleId, edit.effectiveFrom, content],
  });
  const heading =
    edit.proposalTitle?.trim() || (edit.articleId === 0n ? `New help article: ${content.title}` : `Update help article #${edit.articleId}: ${content.title}`);
  const description = `# ${heading}\n\n${edit.rationale.trim() || "Publishes a new version of this help article."}`;
  return { target: knowledgeBase, data, description, contentHash: articleContentHash(edit.category, content) };
}
