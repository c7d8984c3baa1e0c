/**
 * The one way the dApp sends a transaction: simulate (so a revert is explained before the wallet opens)
 * → write → wait for the receipt → invalidate only the queries the action changed. Each contract action
 * is a small hook over this one (see `actions.ts`).
 */
import { type Query, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { Abi, Address, ContractFunctionArgs, ContractFunctionName, Hash, TransactionReceipt } from "viem";
import { useConfig, useConnection } from "wagmi";
import { simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import { errorMessage } from "./errors";
import { useProtocol } from "./useProtocol";

export type TxStep = "idle" | "simulating" | "signing" | "confirming" | "success" | "error";

/** What a transaction changes: the reads of these functions on these contracts, and these event lists. */
export interface TxEffects {
  reads: { address: Address; functions?: readonly string[] }[];
  events?: readonly string[];
}

export interface TxState {
  step: TxStep;
  hash?: Hash;
  receipt?: TransactionReceipt;
  error?: string;
}

export interface TxRequest<abi extends Abi, name extends ContractFunctionName<abi, "nonpayable" | "payable">> {
  address: Address;
  abi: abi;
  functionName: name;
  args: ContractFunctionArgs<abi, "nonpayable" | "payable", name>;
}

/** Whether a wagmi read query (readContract / readContracts) reads one of `effects`. */
export function readsAffected(queryKey: readonly unknown[], effects: TxEffects): boolean {
  const [kind, options] = queryKey as [string, Record<string, unknown> | undefined];
  if (kind === "events") return effects.events?.includes(String(queryKey[2])) ?? false;
  const matches = (c: { address?: string; functionName?: string } | undefined) =>
    !!c &&
    effects.reads.some(
      (r) =>
        r.address.toLowerCase() === c.address?.toLowerCase() &&
        (!r.functions || r.functions.includes(c.functionName ?? "")),
    );
  if (kind === "readContract") return matches(options as { address?: string; functionName?: string });
  if (kind === "readContracts") {
    const contracts = (options?.contracts ?? []) as { address?: string; functionName?: string }[];
    return contracts.some(matches);
  }
  // App-level aggregate queries declare which contracts they read in their key.
  if (kind === "protocol") {
    const read = (queryKey[2] ?? []) as string[];
    return effects.reads.some((r) => read.includes(r.address.toLowerCase()));
  }
  return false;
}

export function useTx() {
  const config = useConfig();
  const queryClient = useQueryClient();
  const connection = useConnection();
  const { chainId, chainName } = useProtocol();
  const [state, setState] = useState<TxState>({ step: "idle" });

  const send = useCallback(
    async <abi extends Abi, name extends ContractFunctionName<abi, "nonpayable" | "payable">>(
      request: TxRequest<abi, name>,
      effects: TxEffects,
    ): Promise<TransactionReceipt | undefined> => {
      try {
        if (connection.status !== "connected") throw Object.assign(new Error("not connected"), { name: "ConnectorNotConnectedError" });
        setState({ step: "simulating" });
        const { request: prepared } = await simulateContract(config, {
          ...(request as object),
          account: connection.address,
          chainId,
        } as never);
        setState({ step: "signing" });
        const hash = await writeContract(config, prepared as never);
        setState({ step: "confirming", hash });
        const receipt = await waitForTransactionReceipt(config, { hash, chainId });
        if (receipt.status !== "success") {
          setState({ step: "error", hash, receipt, error: "The transaction was reverted on-chain; nothing changed." });
          return undefined;
        }
        await queryClient.invalidateQueries({
          predicate: (query: Query) => readsAffected(query.queryKey, effects),
        });
        setState({ step: "success", hash, receipt });
        return receipt;
      } catch (error) {
        setState((s) => ({ step: "error", hash: s.hash, error: errorMessage(error, { expectedChainName: chainName }) }));
        return undefined;
      }
    },
    [config, connection.status, connection.address, chainId, chainName, queryClient],
  );

  const reset = useCallback(() => setState({ step: "idle" }), []);
  const pending = state.step === "simulating" || state.step === "signing" || state.step === "confirming";
  return { ...state, pending, send, reset };
}
