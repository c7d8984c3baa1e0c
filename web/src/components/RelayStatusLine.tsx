import { shortHash } from "@support-quality/sdk";
import type { RelayProgress } from "../lib/relay";

/** The state of a relayed request in the dApp: before it reaches the relayer, while it runs, or why it failed. */
export type RelayedState = { step: "idle" } | { step: "simulating" } | RelayProgress | { step: "error"; error: string; fallback: boolean };

const text = (what: string): Record<string, string> => ({
  simulating: `Checking the ${what}…`,
  signing: `Sign the ${what} in your wallet (no gas)…`,
  queued: `The relayer has your signed ${what} and will send it`,
  submitted: "The relayer sent it; waiting for the chain",
  confirmed: "Confirmed on-chain",
});

/** A relayed request's status, live: queued → submitted → confirmed, or the relayer's sentence and the way out. */
export function RelayStatusLine({ state, what = "rating" }: { state: RelayedState; what?: "rating" | "vote" }) {
  if (state.step === "idle") return null;
  if (state.step === "error" || state.step === "refused") {
    const sentence = state.step === "error" ? state.error : (state.view.sentence ?? `The relayer refused the ${what}.`);
    return (
      <p className="tx-status tx-error" role="alert" data-testid="relay-error">
        {sentence}
      </p>
    );
  }
  const request = "id" in state ? state : undefined;
  return (
    <p className="tx-status tx-pending" role="status" aria-live="polite" data-testid="relay-status" data-step={state.step}>
      <span className="spinner" aria-hidden="true" /> {text(what)[state.step]}
      {request && ` (request ${request.id})`}
      {request?.view.txHash && <span className="muted"> {shortHash(request.view.txHash)}</span>}
      {request?.view.sentence && <span className="muted"> — {request.view.sentence}</span>}
    </p>
  );
}
