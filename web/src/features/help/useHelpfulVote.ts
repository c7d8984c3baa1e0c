/**
 * The "was this helpful?" vote: `voteHelpful(articleId, version, helpful, reason)` on the knowledge base, through
 * the one transaction path (useTx).
 */
import { knowledgeBaseAbi } from "@support-quality/sdk";
import type { Address } from "viem";
import { useProtocol } from "../../lib/useProtocol";
import { type TxEffects, useTx } from "../../lib/useTx";

/** The contract's limit on a reason, in UTF-8 bytes. */
export const REASON_MAX_BYTES = 280;

/** What a vote changes: the version's tally and the voter's hasVoted reads, and the lists built from HelpfulVoted. */
export const helpfulVoteEffects = (knowledgeBase: Address): TxEffects => ({
  reads: [{ address: knowledgeBase, functions: ["articleVersion", "hasVoted"] }],
  events: ["HelpfulVoted"],
});

export function useHelpfulVote() {
  const tx = useTx();
  const { KnowledgeBase } = useProtocol().deployment.contracts;
  return {
    ...tx,
    vote: (articleId: bigint, version: bigint, helpful: boolean, reason: string) =>
      tx.send(
        { address: KnowledgeBase, abi: knowledgeBaseAbi, functionName: "voteHelpful", args: [articleId, version, helpful, reason] },
        helpfulVoteEffects(KnowledgeBase),
      ),
  };
}
