/**
 * A client of the relayer's HTTP API: submit a signed rating or ballot, read its status, follow it to the
 * end. Every failure becomes a `RelayError` carrying the HTTP status (0 when the relayer is unreachable)
 * and the relayer's sentence, so a caller can show it and fall back to paying gas itself.
 */
import type { RatingRelayBody, RelayErrorBody, RelayRequestView, VoteRelayBody } from "./wire.js";

export class RelayError extends Error {
  constructor(
    /** The HTTP status, or 0 when the relayer could not be reached. */
    readonly status: number,
    message: string,
    /** The earlier request a replayed signature belongs to (status 409). */
    readonly requestId?: string,
  ) {
    super(message);
    this.name = "RelayError";
  }
}

export interface RelayClientOptions {
  /** The relayer's base URL, e.g. `http://127.0.0.1:8547`. */
  url: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

async function call<T>({ url, fetch: f = fetch, signal }: RelayClientOptions, path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await f(new URL(path, url), { ...init, signal, headers: { "content-type": "application/json", ...init?.headers } });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new RelayError(0, `The relayer at ${url} cannot be reached.`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = body as Partial<RelayErrorBody> | undefined;
    throw new RelayError(response.status, error?.error ?? `The relayer answered HTTP ${response.status}.`, error?.id);
  }
  return body as T;
}

/** Hands a signed rating to the relayer; resolves once it is stored (status `queued`). */
export function relayRating(options: RelayClientOptions, body: RatingRelayBody): Promise<RelayRequestView> {
  return call(options, "/v1/ratings", { method: "POST", body: JSON.stringify(body) });
}

/** Hands a signed ballot to the relayer; resolves once it is stored (status `queued`). */
export function relayVote(options: RelayClientOptions, body: VoteRelayBody): Promise<RelayRequestView> {
  return call(options, "/v1/votes", { method: "POST", body: JSON.stringify(body) });
}

/** The current status of request `id`. */
export function relayStatus(options: RelayClientOptions, id: string): Promise<RelayRequestView> {
  return call(options, `/v1/requests/${encodeURIComponent(id)}`);
}

/**
 * Polls request `id` until it is confirmed (resolves) or refused (rejects with the relayer's sentence),
 * calling `onStatus` on every change. Gives up after `timeoutMs` (default 2 minutes).
 */
export async function waitForRelay(
  options: RelayClientOptions,
  id: string,
  { onStatus, intervalMs = 500, timeoutMs = 120_000 }: { onStatus?: (view: RelayRequestView) => void; intervalMs?: number; timeoutMs?: number } = {},
): Promise<RelayRequestView> {
  const until = Date.now() + timeoutMs;
  let last: string | undefined;
  for (;;) {
    const view = await relayStatus(options, id);
    const seen = `${view.status}|${view.txHash ?? ""}|${view.sentence ?? ""}`;
    if (seen !== last) onStatus?.(view);
    last = seen;
    if (view.status === "confirmed") return view;
    if (view.status === "refused") throw new RelayError(422, view.sentence ?? "The relayer refused the request.", id);
    if (Date.now() > until)
      throw new RelayError(504, `The relayer has not confirmed request ${id} yet (status ${view.status}); it keeps it and may still send it.`, id);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
