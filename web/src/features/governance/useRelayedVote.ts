/**
 * Voting through the relayer service: simulate the vote as the voter would send it, sign the ballot
 * (an ExtendedBallot when there is a reason, so the reason is kept on-chain), hand it to the relayer and
 * follow its status live until it is confirmed or refused (the steps: lib/useRelayed.ts).
 */
import { relayVote as postBallot, signBallot, supportGovernorAbi, voteRelayBody, waitForRelay } from "@support-quality/sdk";
import type { Address } from "viem";
import { useConfig, useSignTypedData } from "wagmi";
import { readContract, simulateContract } from "wagmi/actions";
import type { RelayedState } from "../../components/RelayStatusLine";
import { useProtocol } from "../../lib/useProtocol";
import { useRelayed } from "../../lib/useRelayed";

export type RelayedVoteState = RelayedState;

export function useRelayedVote(url: string | undefined) {
  const config = useConfig();
  const { signTypedDataAsync } = useSignTypedData();
  const { chainId, deployment } = useProtocol();
  const governor = deployment.contracts.SupportGovernor;
  const relayed = useRelayed();

  /** True once the vote is confirmed; false after showing why not (`fallback`: vote and pay gas yourself). */
  async function vote(proposalId: bigint, support: 0 | 1 | 2, reason: string, voter: Address): Promise<boolean> {
    if (!url) return false;
    const contract = { address: governor, abi: supportGovernorAbi, chainId } as const;
    const mined = await relayed.run({
      chainId,
      simulate: () => simulateContract(config, { ...contract, functionName: "castVoteWithReason", args: [proposalId, support, reason], account: voter }),
      sign: async () => {
        const [name, nonce] = await Promise.all([
          readContract(config, { ...contract, functionName: "name" }),
          readContract(config, { ...contract, functionName: "nonces", args: [voter] }),
        ]);
        const domain = { chainId, verifyingContract: governor, name };
        // With a reason (even an empty one) the ballot is extended: the reason is part of what is signed.
        const ballot = { proposalId, support, voter, nonce, reason };
        return { domain, ballot, signature: await signBallot(signTypedDataAsync, domain, ballot) };
      },
      relay: async ({ domain, ballot, signature }, onProgress) => {
        const accepted = await postBallot({ url }, voteRelayBody(domain, ballot, signature));
        onProgress({ step: accepted.status, id: accepted.id, view: accepted });
        return waitForRelay({ url }, accepted.id, { onStatus: (view) => onProgress({ step: view.status, id: view.id, view }) });
      },
      effects: { reads: [{ address: governor }], events: ["VoteCast", "VoteCastWithParams"] },
    });
    return mined !== undefined;
  }

  return { state: relayed.state, pending: relayed.pending, vote, reset: relayed.reset };
}
