import type { ReactNode } from "react";
import { useChainHealth } from "../lib/chainHealth";
import { errorMessage, isUnreachable } from "../lib/errors";

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
  if (health === "offline" || (health === "checking" && isUnreachable(error))) return <p className="empty">Not available while offline.</p>;
  return (
    <p className="error-note" role="alert">
      {errorMessage(error)}
    </p>
  );
}

/**
 * Data shown from the cache while the chain cannot be read (node offline, or the last refresh failed):
 * said once above it, with the time it was read.
 */
export function CachedNotice({ query, what }: { query: { data?: unknown; isError: boolean; dataUpdatedAt: number }; what: string }) {
  const health = useChainHealth();
  if (query.data === undefined || (!query.isError && health !== "offline")) return null;
  const at = new Date(query.dataUpdatedAt).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  return (
    <p className="cached-note" role="status" data-testid="cached-notice">
      Cached data: {what} as last read at {at}; they may have changed since.
    </p>
  );
}
