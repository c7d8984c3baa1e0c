/**
 * The on-chain handle rules, written once for TypeScript: the charset AgentRegistry accepts and the confusable
 * skeleton it folds handles into (IAgentRegistry.skeletonOf). Two handles with the same skeleton read alike,
 * and the registry refuses the second one. Tested against the contract in test/flows/handles.test.ts.
 */

export const HANDLE_MIN_LENGTH = 3;
export const HANDLE_MAX_LENGTH = 31;

const CANONICAL = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/;

/** Whether `handle` can be registered as it is: 3–31 bytes of a-z, 0-9, '.', '_', '-', not starting or ending with a separator. */
export function isCanonicalHandle(handle: string): boolean {
  return handle.length >= HANDLE_MIN_LENGTH && handle.length <= HANDLE_MAX_LENGTH && CANONICAL.test(handle);
}

/** ASCII look-alikes a reader cannot tell apart in a chat window (TR39 restricted to the charset). */
const SINGLE_FOLDS: Readonly<Record<string, string>> = { "0": "o", "1": "l", i: "l", "5": "s" };
const PAIR_FOLDS: Readonly<Record<string, string>> = { rn: "m", vv: "w", cl: "d" };

/**
 * The skeleton of a handle in the on-chain charset (ASCII case folded): separators dropped, `0`→`o`,
 * `1`/`i`→`l`, `5`→`s`, then `rn`→`m`, `vv`→`w`, `cl`→`d` left to right — exactly as the contract folds.
 */
export function handleSkeleton(handle: string): string {
  let out = "";
  for (const raw of handle.toLowerCase()) {
    if (raw === "." || raw === "_" || raw === "-") continue;
    const c = SINGLE_FOLDS[raw] ?? raw;
    const pair = out.length > 0 ? PAIR_FOLDS[out[out.length - 1] + c] : undefined;
    if (pair !== undefined) out = out.slice(0, -1) + pair;
    else out += c;
  }
  return out;
}
