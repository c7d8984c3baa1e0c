/**
 * Voting through the relayer service: simulate the vote as the voter would send it, sign the ballot
 * (an ExtendedBallot when there is a reason, so the reason is kept on-chain), hand it to the relayer and
 * follow its status live until it is confirmed or refused.
 */
import { supportGovernorAbi } from "@support-quality/sdk";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Address } from "viem";
import { useConfig, useSignTypedData } from "wagmi";
import { readContract, simulateContract, waitForTransactionReceipt } from "wagmi/actions";
import type { RelayedState } from "../../components/RelayStatusLine";
import { errorMessage } from "../../lib/errors";
import { fallbackSentence, relayVote } from "../../lib/relay";
import { useProtocol } from "../../lib/useProtocol";
import { readsAffected } from "../../lib/useTx";

export type RelayedVoteState = RelayedState;

export function useRelayedVote(url: string | undefined) {
  const config = useConfig();
  const queryClient = useQueryClient();
  const { signTypedDataAsync } = useSignTypedData();
  const { chainId, deployment } = useProtocol();
  const governor = deployment.contracts.SupportGovernor;
  const [state, setState] = useState<RelayedVoteState>({ step: "idle" });

  /** True once the vote is confirmed; false after showing why not (`fallback`: vote and pay gas yourself). */
  async function vote(proposalId: bigint, support: 0 | 1 | 2, reason: string, voter: Address): Promise<boolean> {
    if (!url) return false;
    try {
      setState({ step: "simulating" });
      await simulateContract(config, {
        address: governor,
        abi: supportGovernorAbi,
        functionName: "castVoteWithReason",
        args: [proposalId, support, reason],
        account: voter,
        chainId,
      });
    } catch (error) {
      setState({ step: "error", error: errorMessage(error), fallback: false });
      return false;
    }
    try {
      const [name, nonce] = await Promise.all([
        readContract(config, { address: governor, abi: supportGovernorAbi, functionName: "name", chainId }),
        readContract(config, { address: governor, abi: supportGovernorAbi, functionName: "nonces", args: [voter], chainId }),
      ]);
      const done = await relayVote({
        url,
        signTypedData: signTypedDataAsync,
        governor: { chainId, verifyingContract: governor, name },
        // With a reason (even an empty one) the ballot is extended: the reason is part of what is signed.
        ballot: { proposalId, support, voter, nonce, reason },
        onProgress: setState,
      });
      if (done.status !== "confirmed" || !done.txHash) return false;
      await waitForTransactionReceipt(config, { hash: done.txHash, chainId });
      const effects = { reads: [{ address: governor }], events: ["VoteCast", "VoteCastWithParams"] };
      await queryClient.invalidateQueries({ predicate: (q) => readsAffected(q.queryKey, effects) });
      return true;
    } catch (error) {
      setState({ step: "error", error: fallbackSentence(error), fallback: true });
      return false;
    }
  }

  const pending = !["idle", "error", "confirmed", "refused"].includes(state.step);
  return { state, pending, vote, reset: () => setState({ step: "idle" }) };
}
