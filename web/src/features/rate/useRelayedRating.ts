/**
 * Rating through the relayer service: simulate the rating as the requester would send it, sign the
 * RatingIntent, hand it to the relayer and follow its status live until it is confirmed or refused (the
 * steps: lib/useRelayed.ts).
 */
import { type ReceiptLink, rateCall, ratingRelayBody, relayRating, signRatingIntent, supportRatingsAbi, waitForRelay } from "@support-quality/sdk";
import type { TransactionReceipt } from "viem";
import { useConfig, useConnection, useSignTypedData } from "wagmi";
import { readContract, simulateContract } from "wagmi/actions";
import type { RelayedState } from "../../components/RelayStatusLine";
import { ratingEffects } from "../../lib/actions";
import { useRelayed } from "../../lib/useRelayed";

export type RelayedRatingState = RelayedState;

export function useRelayedRating(link: ReceiptLink, url: string | undefined) {
  const config = useConfig();
  const connection = useConnection();
  const { signTypedDataAsync } = useSignTypedData();
  const relayed = useRelayed();
  const { receipt, signer, signature, contract, chainId } = link;

  /** Resolves the mined receipt, or undefined after showing why it failed (`fallback`: pay gas yourself). */
  async function rate(score: number, tags: number, comment: string, deadline: number): Promise<TransactionReceipt | undefined> {
    if (!url) return undefined;
    const ratings = { address: contract, abi: supportRatingsAbi, chainId } as const;
    const domain = { chainId, verifyingContract: contract };
    return relayed.run({
      chainId,
      simulate: () => simulateContract(config, { ...ratings, ...rateCall(receipt, signature, signer, score, tags, comment), account: connection.address }),
      sign: async () => {
        const nonce = await readContract(config, { ...ratings, functionName: "nonces", args: [receipt.requester] });
        const intent = { receipt, score, tags, comment, nonce, deadline };
        return { intent, requesterSignature: await signRatingIntent(signTypedDataAsync, domain, intent) };
      },
      relay: async ({ intent, requesterSignature }, onProgress) => {
        const accepted = await relayRating({ url }, ratingRelayBody(domain, intent, signer, signature, requesterSignature));
        onProgress({ step: accepted.status, id: accepted.id, view: accepted });
        return waitForRelay({ url }, accepted.id, { onStatus: (view) => onProgress({ step: view.status, id: view.id, view }) });
      },
      effects: ratingEffects(contract),
    });
  }

  return { state: relayed.state, pending: relayed.pending, rate, reset: relayed.reset };
}
