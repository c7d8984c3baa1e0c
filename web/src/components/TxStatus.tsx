import { shortHash } from "@support-quality/sdk";
import type { TxState } from "../lib/useTx";

const STEP_TEXT: Record<string, string> = {
  simulating: "Checking the transaction…",
  signing: "Confirm in your wallet…",
  confirming: "Waiting for the transaction to be included…",
};

/** Progress of a transaction, then its outcome: done, or the error as a sentence. */
export function TxStatus({ state, success }: { state: TxState; success?: string }) {
  if (state.step === "idle") return null;
  if (state.step === "error") {
    return (
      <p className="tx-status tx-error" role="alert" data-testid="tx-error">
        {state.error}
      </p>
    );
  }
  if (state.step === "success") {
    return (
      <p className="tx-status tx-success" role="status" data-testid="tx-success">
        ✓ {success ?? "Done."} {state.hash && <span className="muted">({shortHash(state.hash)})</span>}
      </p>
    );
  }
  return (
    <p className="tx-status tx-pending" role="status" aria-live="polite" data-testid="tx-pending">
      <span className="spinner" aria-hidden="true" /> {STEP_TEXT[state.step]}
      {state.hash && <span className="muted"> {shortHash(state.hash)}</span>}
    </p>
  );
}
