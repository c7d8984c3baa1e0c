/**
 * The one place that turns any error — a contract revert, a wallet refusal, a wrong network, an
 * unreachable node — into a sentence a person can act on. Every screen shows `errorMessage(error)`;
 * no raw hex ever reaches the user. Contract errors and their sentences come from the SDK.
 */

import { shortAddress } from "@support-quality/sdk";
import {
  BaseError,
  ChainMismatchError,
  ContractFunctionRevertedError,
  type Hex,
  HttpRequestError,
  InsufficientFundsError,
  isHex,
  SwitchChainError,
  TimeoutError,
  UserRejectedRequestError,
} from "viem";

type RevertDecoder = typeof import("@support-quality/sdk/errors");
let revertDecoder: RevertDecoder | undefined;

/**
 * Loads the SDK's revert decoder (the errors-only ABI and a sentence per custom error). No page needs it to
 * render, so main.tsx loads it right after the first one; useTx awaits it before explaining a failed send.
 */
export async function loadRevertDecoder(): Promise<RevertDecoder> {
  revertDecoder ??= await import("@support-quality/sdk/errors");
  return revertDecoder;
}

function findRevertData(error: unknown): Hex | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 12; depth++) {
    if (typeof current !== "object") break;
    const e = current as { raw?: unknown; data?: unknown; cause?: unknown };
    if (isHex(e.raw) && e.raw.length >= 10) return e.raw;
    if (isHex(e.data) && e.data.length >= 10) return e.data;
    if (e.data && typeof e.data === "object" && isHex((e.data as { data?: unknown }).data)) {
      const inner = (e.data as { data: Hex }).data;
      if (inner.length >= 10) return inner;
    }
    current = e.cause;
  }
  return undefined;
}

function findInChain<T>(error: unknown, predicate: (e: unknown) => e is T): T | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 12; depth++) {
    if (predicate(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const hasCode =
  (code: number) =>
  (e: unknown): e is { code: number } =>
    typeof e === "object" && e !== null && (e as { code?: unknown }).code === code;

/** Removes anything that looks like raw data from a fallback message. */
function scrub(message: string): string {
  return message
    .replace(/0x[0-9a-fA-F]{41,}/g, (m) => (m.length === 42 ? shortAddress(m) : "(data)"))
    .split("\n")[0]!
    .trim();
}

export interface ErrorContext {
  /** The name of the chain the dApp expects, for wrong-network messages. */
  expectedChainName?: string;
}

/** Turns any error into one human sentence. */
export function errorMessage(error: unknown, context: ErrorContext = {}): string {
  if (error === null || error === undefined) return "";

  if (findInChain(error, (e): e is UserRejectedRequestError => e instanceof UserRejectedRequestError) ?? findInChain(error, hasCode(4001))) {
    return "You rejected the request in your wallet; nothing was sent.";
  }

  const reverted = findInChain(error, (e): e is ContractFunctionRevertedError => e instanceof ContractFunctionRevertedError);
  if (reverted?.data?.errorName) {
    const decoded = { errorName: reverted.data.errorName, args: reverted.data.args ?? [] };
    return revertDecoder ? revertDecoder.revertSentence(decoded) : "The contract refused the transaction.";
  }
  if (reverted?.reason) return `The transaction was refused: ${reverted.reason}`;
  // Raw revert data: a revert bubbled up from another contract, or one from a call made with a small ABI (single
  // items, without the contract's errors). Every protocol error decodes the same here.
  const data = findRevertData(error);
  if (data) {
    if (!revertDecoder) return "The contract refused the transaction.";
    const decoded = revertDecoder.decodeRevert(data);
    return decoded ? revertDecoder.revertSentence(decoded) : "The transaction was refused by a contract this app does not know.";
  }

  if (
    findInChain(error, (e): e is ChainMismatchError => e instanceof ChainMismatchError) ||
    findInChain(error, (e): e is SwitchChainError => e instanceof SwitchChainError) ||
    findInChain(error, (e): e is Error => e instanceof Error && /ChainMismatch|ChainNotConfigured/.test(e.name))
  ) {
    const target = context.expectedChainName ? ` ${context.expectedChainName}` : " the network this app uses";
    return `Your wallet is on the wrong network: switch to${target}.`;
  }

  if (findInChain(error, (e): e is InsufficientFundsError => e instanceof InsufficientFundsError)) {
    return "Your account does not have enough ETH to pay for this transaction's gas.";
  }
  if (findInChain(error, (e): e is TimeoutError => e instanceof TimeoutError)) {
    return "The network node took too long to answer; try again in a moment.";
  }
  if (isUnreachable(error)) {
    return "The network node cannot be reached; check your connection (or that the local chain is running) and try again.";
  }
  if (findInChain(error, (e): e is Error => e instanceof Error && e.name === "ConnectorNotConnectedError")) {
    return "Connect a wallet first.";
  }
  if (findInChain(error, (e): e is Error => e instanceof Error && e.name === "ProviderNotFoundError")) {
    return "No browser wallet was found; install one, or use the dev account on the local chain.";
  }

  const message = error instanceof BaseError ? error.shortMessage : error instanceof Error ? error.message : String(error);
  return `Something went wrong: ${scrub(message) || "unknown error"}.`.replace(/\.\.$/, ".");
}

/** The node could not be reached at all (no HTTP answer): the connection banner's business, not a section's. */
export function isUnreachable(error: unknown): boolean {
  return (
    findInChain(error, (e): e is HttpRequestError => e instanceof HttpRequestError) !== undefined ||
    findInChain(error, (e): e is TypeError => e instanceof TypeError && /fetch|network/i.test(e.message)) !== undefined
  );
}
