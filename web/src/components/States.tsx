import type { ReactNode } from "react";
import { useChainHealth } from "../lib/chainHealth";
import { errorMessage } from "../lib/errors";

export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/**
 * A read's error as a sentence. While the chain node is offline the banner above the page already says so:
 * a section then shows a short placeholder instead of the same sentence again.
 */
export function ErrorNote({ error }: { error: unknown }) {
  const health = useChainHealth();
  if (health === "offline") return <p className="empty">Not available while offline.</p>;
  return (
    <p className="error-note" role="alert">
      {errorMessage(error)}
    </p>
  );
}
