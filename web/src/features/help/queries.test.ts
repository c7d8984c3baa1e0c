import { describe, expect, it } from "vitest";
import { readsAffected } from "../../lib/useTx";
import { articlesQueryKey } from "./queries";
import { helpfulVoteEffects } from "./useHelpfulVote";

const KB = "0x5FC8d32690cc91D4c39d9d3abcBD16989F875707";

describe("the article list's cache key", () => {
  const key = articlesQueryKey(31337, KB);

  it("is refreshed by a helpful vote, a publication or retirement, and a proposal's execution", () => {
    expect(readsAffected(key, helpfulVoteEffects(KB))).toBe(true);
    expect(readsAffected(key, { reads: [], events: ["ArticlePublished"] })).toBe(true);
    expect(readsAffected(key, { reads: [], events: ["ArticleRetired"] })).toBe(true);
    expect(readsAffected(key, { reads: [], events: ["ProposalExecuted", "PolicyPublished"] })).toBe(true);
  });

  it("is left alone by transactions that change no article", () => {
    expect(readsAffected(key, { reads: [{ address: KB }], events: ["Rated"] })).toBe(false);
    expect(readsAffected(key, { reads: [], events: ["VoteCast", "VoteCastWithParams"] })).toBe(false);
  });

  it("leaves the single-event keys working as before", () => {
    expect(readsAffected(["events", 31337, "HelpfulVoted", KB, "1", "1", undefined], helpfulVoteEffects(KB))).toBe(true);
    expect(readsAffected(["events", 31337, "PolicyPublished", KB], helpfulVoteEffects(KB))).toBe(false);
  });
});
