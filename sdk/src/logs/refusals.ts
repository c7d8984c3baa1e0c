/**
 * What a provider's refusal of an `eth_getLogs` says, read through viem's error chain: shared by the dApp's
 * bounded reader (on its first route, so kept apart from the audit's RPC code) and the audit.
 */
import { BaseError } from "viem";

/** Every message, detail and code of `error` and its causes, lower-cased. */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  for (let depth = 0; e && depth < 8; depth++) {
    if (e instanceof BaseError) parts.push(e.shortMessage, e.details ?? "");
    if (e instanceof Error) parts.push(e.message);
    const code = (e as { code?: unknown }).code;
    if (code !== undefined) parts.push(`code ${String(code)}`);
    e = (e as { cause?: unknown }).cause;
  }
  return parts.join(" | ").toLowerCase();
}

/**
 * The provider refused the range as too large (too many results, or too many blocks), or its answer was over
 * the HTTP client's body limit (viem's 10 MiB).
 */
export function isRangeTooLarge(error: unknown): boolean {
  return /too many|more than \d+ (results|logs)|limit exceeded|response size|block range|range (is )?too|exceeds? (the )?(max|limit)|query returned more|code -32005|exceeded the size limit/.test(
    errorText(error),
  );
}
