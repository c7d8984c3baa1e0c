/**
 * The relayer service (relayer/, `VITE_RELAYER_URL`): the user signs, the service pays gas and reports
 * each request's status (queued → submitted → confirmed | refused). When it is unset, down or refuses,
 * callers fall back to "pay gas yourself" with the relayer's sentence.
 */
import {
  type Ballot,
  type BallotSigner,
  type GovernorContract,
  relayVote as postVote,
  RelayError,
  type RelayRequestView,
  signBallot,
  voteRelayBody,
  waitForRelay,
} from "@support-quality/sdk";

/** The configured relayer service, if any. */
export const relayerUrl: string | undefined = import.meta.env.VITE_RELAYER_URL || undefined;

/** What the user sees while a relayed request runs. */
export type RelayProgress = { step: "signing" } | { step: "queued" | "submitted" | "confirmed" | "refused"; id: string; view: RelayRequestView };

/** The sentence shown when the relayer cannot help: its own reason, then the way out. */
export function fallbackSentence(error: unknown): string {
  const reason = error instanceof RelayError ? error.message : "The relayer could not take the request.";
  return `${reason} You can pay the gas yourself instead: nothing was sent, and your input is kept.`;
}

/**
 * Signs `ballot` as its voter and has the relayer cast it (castVoteBySig, or castVoteWithReasonAndParamsBySig
 * when it carries a reason or params); resolves once the vote is confirmed on-chain. Rejects with a
 * `RelayError` whose message is the relayer's sentence (status 0: unreachable) — then offer `castVote`.
 *
 *   await relayVote({ signTypedData: signTypedDataAsync, governor: { chainId, verifyingContract },
 *                     ballot: { proposalId, support, voter, nonce: await governor.nonces(voter), reason } });
 */
export async function relayVote({
  url = relayerUrl,
  signTypedData,
  governor,
  ballot,
  onProgress,
}: {
  url?: string;
  signTypedData: BallotSigner;
  governor: GovernorContract;
  ballot: Ballot;
  onProgress?: (progress: RelayProgress) => void;
}): Promise<RelayRequestView> {
  if (!url) throw new RelayError(0, "No relayer is configured for this dApp.");
  onProgress?.({ step: "signing" });
  const signature = await signBallot(signTypedData, governor, ballot);
  const accepted = await postVote({ url }, voteRelayBody(governor, ballot, signature));
  onProgress?.({ step: accepted.status, id: accepted.id, view: accepted });
  return waitForRelay({ url }, accepted.id, { onStatus: (view) => onProgress?.({ step: view.status, id: view.id, view }) });
}
