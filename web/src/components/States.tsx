import type { ReactNode } from "react";
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

export function ErrorNote({ error }: { error: unknown }) {
  return (
    <p className="error-note" role="alert">
      {errorMessage(error)}
    </p>
  );
}
