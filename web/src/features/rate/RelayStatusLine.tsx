import { shortHash } from "@support-quality/sdk";
import type { RelayedRatingState } from "./useRelayedRating";

const TEXT: Record<string, string> = {
  simulating: "Checking the rating…",
  signing: "Sign the rating in your wallet (no gas)…",
  queued: "The relayer has your signed rating and will send it",
  submitted: "The relayer sent it; waiting for the chain",
  confirmed: "Confirmed on-chain",
};

/** A relayed rating's status, live: queued → submitted → confirmed, or the relayer's sentence and the way out. */
export function RelayStatusLine({ state }: { state: RelayedRatingState }) {
  if (state.step === "idle") return null;
  if (state.step === "error" || state.step === "refused") {
    const sentence = state.step === "error" ? state.error : (state.view.sentence ?? "The relayer refused the rating.");
    return (
      <p className="tx-status tx-error" role="alert" data-testid="relay-error">
        {sentence}
      </p>
    );
  }
  const request = "id" in state ? state : undefined;
  return (
    <p className="tx-status tx-pending" role="status" aria-live="polite" data-testid="relay-status" data-step={state.step}>
      <span className="spinner" aria-hidden="true" /> {TEXT[state.step]}
      {request && ` (request ${request.id})`}
      {request?.view.txHash && <span className="muted"> {shortHash(request.view.txHash)}</span>}
      {request?.view.sentence && <span className="muted"> — {request.view.sentence}</span>}
    </p>
  );
}
