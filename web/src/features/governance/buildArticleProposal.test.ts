import { articleContentHash, knowledgeBaseAbi } from "@support-quality/sdk";
import { decodeFunctionData } from "viem";
import { describe, expect, it } from "vitest";
import { type ArticleEdit, buildArticleProposal, validateArticleEdit } from "./buildArticleProposal";

const KB = "0x5FC8d32690cc91D4c39d9d3abcBD16989F875707";
const edit: ArticleEdit = {
  articleId: 0n,
  category: 1,
  title: "Back up your seed phrase ",
  body: "Write it on paper.",
  language: "en",
  effectiveFrom: 0,
  retire: false,
  rationale: "",
};

describe("buildArticleProposal", () => {
  it("encodes publishArticle with the trimmed content and hashes what the contract will hash", () => {
    const p = buildArticleProposal(KB, edit);
    const content = { title: "Back up your seed phrase", body: "Write it on paper.", language: "en" };
    expect(decodeFunctionData({ abi: knowledgeBaseAbi, data: p.data })).toEqual({ functionName: "publishArticle", args: [1, 0n, 0, content] });
    expect(p.contentHash).toBe(articleContentHash(1, content));
    expect(p.description).toBe("# New help article: Back up your seed phrase\n\nPublishes a new version of this help article.");
  });

  it("encodes a retirement with the article's category", () => {
    const p = buildArticleProposal(KB, { ...edit, articleId: 3n, category: 4, retire: true, rationale: "Superseded by #5." });
    expect(decodeFunctionData({ abi: knowledgeBaseAbi, data: p.data })).toEqual({ functionName: "retireArticle", args: [4, 3n] });
    expect(p.description).toBe("# Retire help article #3: Back up your seed phrase\n\nSuperseded by #5.");
  });
});

describe("validateArticleEdit", () => {
  it("names every limit the contract would refuse, before anything is sent", () => {
    expect(validateArticleEdit({ ...edit, title: "", body: " ", language: "english!" }, undefined, 5)).toEqual([
      "The title is required.",
      "The article body is required.",
      "“english!” is not a language tag: use a BCP 47 tag such as “en” or “pt-BR”.",
    ]);
    expect(validateArticleEdit({ ...edit, body: "é".repeat(6_001) }, undefined, 5)).toEqual([
      "The body is 12,002 bytes: at most 12,000, so that a proposal carrying it fits in one transaction. Split it into two articles.",
    ]);
    expect(validateArticleEdit({ ...edit, category: 6 }, undefined, 5)).toEqual([
      "Category 6 is not one of the 5 ticket categories of the rating rules in force.",
    ]);
  });

  it("refuses a version identical to the one it replaces", () => {
    const latest = { version: 2n, contentHash: articleContentHash(1, { title: "Back up your seed phrase", body: "Write it on paper.", language: "en" }) };
    expect(validateArticleEdit({ ...edit, articleId: 1n }, latest, 5)).toEqual([
      "This says exactly what version 2 says: change the title, the body or the language first.",
    ]);
    expect(validateArticleEdit({ ...edit, articleId: 1n, body: "Write it on paper. Twice." }, latest, 5)).toEqual([]);
  });
});
