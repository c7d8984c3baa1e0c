/**
 * What every relayed action shares (a rating, a vote): simulate it as the user would send it, let the user
 * sign, hand the signed request to the relayer and follow its status live, then refresh what it changed —
 * or say why not. A failed simulation or signature is the user's to fix (`fallback: false`); a relayer that
 * is down or refuses leaves the way out: pay the gas yourself (`fallback: true`).
 */
import type { RelayRequestView } from "@support-quality/sdk";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { TransactionReceipt } from "viem";
import { useConfig } from "wagmi";
import { waitForTransactionReceipt } from "wagmi/actions";
import type { RelayedState } from "../components/RelayStatusLine";
import { errorMessage } from "./errors";
import { fallbackSentence, type RelayProgress } from "./relay";
import { readsAffected, type TxEffects } from "./useTx";

export interface RelayedSteps<Signed> {
  chainId: number;
  /** The user's own transaction, simulated: its revert is the sentence shown. */
  simulate: () => Promise<unknown>;
  /** What the user signs (a rejection is shown as such, with no fallback offered). */
  sign: () => Promise<Signed>;
  /** Hands the signed request to the relayer; resolves with its final view. */
  relay: (signed: Signed, onProgress: (progress: RelayProgress) => void) => Promise<RelayRequestView>;
  /** The reads the confirmed transaction changes. */
  effects: TxEffects;
}

export function useRelayed() {
  const config = useConfig();
  const queryClient = useQueryClient();
  const [state, setState] = useState<RelayedState>({ step: "idle" });

  /** The mined receipt once confirmed; undefined after showing why not. */
  async function run<Signed>({ chainId, simulate, sign, relay, effects }: RelayedSteps<Signed>): Promise<TransactionReceipt | undefined> {
    let signed: Signed;
    try {
      setState({ step: "simulating" });
      await simulate();
      setState({ step: "signing" });
      signed = await sign();
    } catch (error) {
      setState({ step: "error", error: errorMessage(error), fallback: false });
      return undefined;
    }
    try {
      const done = await relay(signed, setState);
      if (done.status !== "confirmed" || !done.txHash) return undefined;
      const mined = await waitForTransactionReceipt(config, { hash: done.txHash, chainId });
      await queryClient.invalidateQueries({ predicate: (q) => readsAffected(q.queryKey, effects) });
      return mined;
    } catch (error) {
      setState({ step: "error", error: fallbackSentence(error), fallback: true });
      return undefined;
    }
  }

  const pending = !["idle", "error", "confirmed", "refused"].includes(state.step);
  return { state, pending, run, reset: () => setState({ step: "idle" }) };
}
