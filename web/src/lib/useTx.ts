/**
 * The one way the dApp sends a transaction: simulate (so a revert is explained before the wallet opens)
 * → sign → wait for the receipt → invalidate only the queries the action changed. Each contract action
 * is a small hook over this one (see `actions.ts`). A relayed action (`rateBySig`) takes the same path:
 * the user's signature is the "sign" step, and the relayer's wallet submits what was simulated.
 */
import { type Query, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { Abi, Account, Address, Chain, ContractFunctionArgs, ContractFunctionName, Hash, TransactionReceipt, Transport, WalletClient } from "viem";
import { useConfig, useConnection } from "wagmi";
import { simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import { errorMessage, loadRevertDecoder } from "./errors";
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

type Writable = "nonpayable" | "payable";

/** A contract call, typed by its ABI at the call site. */
export interface TxRequest<abi extends Abi, name extends ContractFunctionName<abi, Writable>> {
  address: Address;
  abi: abi;
  functionName: name;
  args: ContractFunctionArgs<abi, Writable, name> & readonly unknown[];
}

/** Someone else's wallet that submits (and pays for) the transaction: the user only signs a message. */
export interface Relayer {
  address: Address;
  label: string;
  client: WalletClient<Transport, Chain, Account>;
}

/**
 * A relayed request: built once the user has signed (`sign`), after `precheck` — the same call as the user
 * would send it — has simulated cleanly, so a doomed action is explained before anything is signed.
 */
export interface RelayedTx<
  abi extends Abi,
  name extends ContractFunctionName<abi, Writable>,
  checkAbi extends Abi,
  checkName extends ContractFunctionName<checkAbi, Writable>,
> {
  relayer: Relayer;
  precheck: TxRequest<checkAbi, checkName>;
  sign: () => Promise<TxRequest<abi, name>>;
}

type QueryKeyOptions = { address?: string; functionName?: string; contracts?: { address?: string; functionName?: string }[] };

/**
 * Whether a wagmi read query (readContract / readContracts), an event list or an app query reads one of `effects`.
 * An event list's key names its event, or every event it is built from (["events", chainId, [names…], …]).
 */
export function readsAffected(queryKey: readonly unknown[], effects: TxEffects): boolean {
  const kind = queryKey[0];
  if (kind === "events") {
    const listed = Array.isArray(queryKey[2]) ? queryKey[2].map(String) : [String(queryKey[2])];
    return listed.some((name) => effects.events?.includes(name) ?? false);
  }
  const options: QueryKeyOptions | undefined = typeof queryKey[1] === "object" && queryKey[1] !== null ? queryKey[1] : undefined;
  const matches = (c: { address?: string; functionName?: string } | undefined) =>
    !!c && effects.reads.some((r) => r.address.toLowerCase() === c.address?.toLowerCase() && (!r.functions || r.functions.includes(c.functionName ?? "")));
  if (kind === "readContract") return matches(options);
  if (kind === "readContracts") return (options?.contracts ?? []).some(matches);
  // App-level aggregate queries declare which contracts they read in their key.
  if (kind === "protocol") {
    const read = Array.isArray(queryKey[2]) ? queryKey[2].map(String) : [];
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

  // An outcome belongs to the account that sent it: switching accounts clears it (what was typed stays).
  const [stateAccount, setStateAccount] = useState(connection.address);
  if (stateAccount !== connection.address) {
    setStateAccount(connection.address);
    if (state.step === "error" || state.step === "success") setState({ step: "idle" });
  }

  const run = useCallback(
    async (submit: () => Promise<Hash>, effects: TxEffects): Promise<TransactionReceipt | undefined> => {
      try {
        if (connection.status !== "connected") throw Object.assign(new Error("not connected"), { name: "ConnectorNotConnectedError" });
        const hash = await submit();
        setState({ step: "confirming", hash });
        const receipt = await waitForTransactionReceipt(config, { hash, chainId });
        if (receipt.status !== "success") {
          setState({ step: "error", hash, receipt, error: "The transaction was reverted on-chain; nothing changed." });
          return undefined;
        }
        await queryClient.invalidateQueries({ predicate: (query: Query) => readsAffected(query.queryKey, effects) });
        setState({ step: "success", hash, receipt });
        return receipt;
      } catch (error) {
        await loadRevertDecoder();
        setState((s) => ({ step: "error", hash: s.hash, error: errorMessage(error, { expectedChainName: chainName }) }));
        return undefined;
      }
    },
    [config, connection.status, chainId, chainName, queryClient],
  );

  /** Simulates `request` as `account`; returns the prepared request (the types were checked at the call site). */
  const simulate = useCallback(
    async <abi extends Abi, name extends ContractFunctionName<abi, Writable>>(request: TxRequest<abi, name>, account: Address) => {
      const { address, abi, functionName, args } = request;
      return simulateContract<typeof config, Abi, string, readonly unknown[]>(config, { address, abi, functionName, args, account, chainId });
    },
    [config, chainId],
  );

  /** Sends `request` from the connected wallet. */
  const send = useCallback(
    <abi extends Abi, name extends ContractFunctionName<abi, Writable>>(request: TxRequest<abi, name>, effects: TxEffects) =>
      run(async () => {
        setState({ step: "simulating" });
        const { request: prepared } = await simulate(request, connection.address!);
        setState({ step: "signing" });
        return writeContract(config, prepared);
      }, effects),
    [run, simulate, config, connection.address],
  );

  /** The user signs, the relayer submits: the same simulate → sign → wait → invalidate path. */
  const relay = useCallback(
    <abi extends Abi, name extends ContractFunctionName<abi, Writable>, checkAbi extends Abi, checkName extends ContractFunctionName<checkAbi, Writable>>(
      tx: RelayedTx<abi, name, checkAbi, checkName>,
      effects: TxEffects,
    ) =>
      run(async () => {
        setState({ step: "simulating" });
        await simulate(tx.precheck, connection.address!);
        setState({ step: "signing" });
        const signed = await tx.sign();
        setState({ step: "simulating" });
        const { request } = await simulate(signed, tx.relayer.address);
        const { client } = tx.relayer;
        const { address, abi, functionName, args, gas } = request;
        return client.writeContract<Abi, string, readonly unknown[], Chain>({
          address,
          abi,
          functionName,
          args,
          gas,
          account: client.account,
          chain: client.chain,
        });
      }, effects),
    [run, simulate, connection.address],
  );

  const reset = useCallback(() => setState({ step: "idle" }), []);
  const pending = state.step === "simulating" || state.step === "signing" || state.step === "confirming";
  return { ...state, pending, send, relay, reset };
}
