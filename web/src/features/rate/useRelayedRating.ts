/**
 * Rating through the relayer service: simulate the rating as the requester would send it, sign the
 * RatingIntent, hand it to the relayer and follow its status live until it is confirmed or refused.
 */
import { type ReceiptLink, ratingRelayBody, relayRating, signRatingIntent, supportRatingsAbi, waitForRelay } from "@support-quality/sdk";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { TransactionReceipt } from "viem";
import { useConfig, useConnection, useSignTypedData } from "wagmi";
import { readContract, simulateContract, waitForTransactionReceipt } from "wagmi/actions";
import type { RelayedState } from "../../components/RelayStatusLine";
import { ratingEffects } from "../../lib/actions";
import { errorMessage } from "../../lib/errors";
import { fallbackSentence } from "../../lib/relay";
import { readsAffected } from "../../lib/useTx";

export type RelayedRatingState = RelayedState;

export function useRelayedRating(link: ReceiptLink, url: string | undefined) {
  const config = useConfig();
  const connection = useConnection();
  const queryClient = useQueryClient();
  const { signTypedDataAsync } = useSignTypedData();
  const [state, setState] = useState<RelayedRatingState>({ step: "idle" });
  const { receipt, signer, signature, contract, chainId } = link;

  /** Resolves the mined receipt, or undefined after showing why it failed (`fallback`: pay gas yourself). */
  async function rate(score: number, tags: number, comment: string, deadline: number): Promise<TransactionReceipt | undefined> {
    if (!url) return undefined;
    try {
      setState({ step: "simulating" });
      await simulateContract(config, {
        address: contract,
        abi: supportRatingsAbi,
        functionName: "rate",
        args: [receipt, signer, signature, score, tags, comment],
        account: connection.address,
        chainId,
      });
    } catch (error) {
      setState({ step: "error", error: errorMessage(error), fallback: false });
      return undefined;
    }
    let requesterSignature: `0x${string}`;
    const nonce = await readContract(config, { address: contract, abi: supportRatingsAbi, functionName: "nonces", args: [receipt.requester], chainId });
    const intent = { receipt, score, tags, comment, nonce, deadline };
    try {
      setState({ step: "signing" });
      requesterSignature = await signRatingIntent(signTypedDataAsync, { chainId, verifyingContract: contract }, intent);
    } catch (error) {
      setState({ step: "error", error: errorMessage(error), fallback: false });
      return undefined;
    }
    try {
      const body = ratingRelayBody({ chainId, verifyingContract: contract }, intent, signer, signature, requesterSignature);
      const accepted = await relayRating({ url }, body);
      setState({ step: accepted.status, id: accepted.id, view: accepted });
      const done = await waitForRelay({ url }, accepted.id, { onStatus: (view) => setState({ step: view.status, id: view.id, view }) });
      const mined = await waitForTransactionReceipt(config, { hash: done.txHash!, chainId });
      const effects = ratingEffects(contract);
      await queryClient.invalidateQueries({ predicate: (q) => readsAffected(q.queryKey, effects) });
      return mined;
    } catch (error) {
      setState({ step: "error", error: fallbackSentence(error), fallback: true });
      return undefined;
    }
  }

  const pending = !["idle", "error", "confirmed", "refused"].includes(state.step);
  return { state, pending, rate, reset: () => setState({ step: "idle" }) };
}
