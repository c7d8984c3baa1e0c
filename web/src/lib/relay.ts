/**
 * The relayer service (relayer/, `VITE_RELAYER_URL`): the user signs, the service pays gas and reports
 * each request's status (queued → submitted → confirmed | refused). When it is unset, down or refuses,
 * callers fall back to "pay gas yourself" with the relayer's sentence.
 */
import { RelayError, type RelayRequestView } from "@support-quality/sdk";

/** The configured relayer service, if any. */
export const relayerUrl: string | undefined = import.meta.env.VITE_RELAYER_URL || undefined;

/** What the user sees while a relayed request runs. */
export type RelayProgress = { step: "signing" } | { step: "queued" | "submitted" | "confirmed" | "refused"; id: string; view: RelayRequestView };

/** The sentence shown when the relayer cannot help: its own reason, then the way out. */
export function fallbackSentence(error: unknown): string {
  const reason = error instanceof RelayError ? error.message : "The relayer could not take the request.";
  return `${reason} You can pay the gas yourself instead: nothing was sent, and your input is kept.`;
}
