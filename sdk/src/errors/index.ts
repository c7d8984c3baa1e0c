/**
 * Contract reverts as sentences: the generated errors-only ABI (small enough for a web page's first route),
 * a decoder over it, and the sentence of each error. Wallet and network errors are the app's business.
 */
import { decodeErrorResult, type Hex } from "viem";
import { errorsAbi } from "../generated/errors.js";
import { type Args, ERROR_SENTENCES, type ProtocolErrorName } from "./sentences.js";

export { errorsAbi } from "../generated/errors.js";
export { type Args, ERROR_SENTENCES, type ProtocolErrorName, type Sentence } from "./sentences.js";

export interface DecodedRevert {
  errorName: string;
  args: Args;
}

const errorNames: ReadonlySet<string> = new Set(errorsAbi.map((e) => e.name));

export function isProtocolErrorName(name: string): name is ProtocolErrorName {
  return errorNames.has(name);
}

/** Decodes revert data against every protocol error (and Solidity's `Error`/`Panic`). */
export function decodeRevert(data: Hex): DecodedRevert | undefined {
  try {
    const { errorName, args } = decodeErrorResult({ abi: errorsAbi, data });
    return { errorName, args: args ?? [] };
  } catch {
    return undefined;
  }
}

/** The sentence for a decoded custom error (or `Error(string)` / `Panic(uint256)`). */
export function revertSentence({ errorName, args }: DecodedRevert): string {
  if (isProtocolErrorName(errorName)) return ERROR_SENTENCES[errorName](args);
  if (errorName === "Error") return `The transaction was refused: ${String(args[0])}`;
  if (errorName === "Panic") return `The contract hit an internal error (panic code ${String(args[0])}).`;
  return `The transaction was refused (${errorName}).`;
}
