/**
 * A helper's claim of an epoch's reward: `claim(index, account, amount, proof)` at the epoch's vault, which holds
 * the budget and pays (the cheapest path: CommunityRewards.claim would forward it for one call more), through the
 * one transaction path (useTx).
 */
import { rewardVaultAbi } from "@support-quality/sdk";
import type { HelperReward, RewardEpoch } from "@support-quality/sdk/rewards";
import type { Address, Hex } from "viem";
import { useProtocol } from "../../lib/useProtocol";
import { type TxEffects, useTx } from "../../lib/useTx";

/**
 * What a claim changes: the epoch's remaining budget and claimed bits, token balances (the helper's and the
 * epoch's vault's, which pays), and claim lists.
 */
export const claimEffects = (rewards: Address, token: Address): TxEffects => ({
  reads: [
    { address: rewards, functions: ["remaining", "isClaimed"] },
    { address: token, functions: ["balanceOf"] },
  ],
  events: ["RewardClaimed"],
});

export function useClaimReward() {
  const tx = useTx();
  const { CommunityRewards } = useProtocol().deployment.contracts;
  return {
    ...tx,
    claim: (epoch: Pick<RewardEpoch, "vault" | "token">, reward: HelperReward, proof: readonly Hex[]) =>
      tx.send(
        {
          address: epoch.vault,
          abi: rewardVaultAbi,
          functionName: "claim",
          args: [BigInt(reward.index), reward.account, reward.amount, proof],
        },
        claimEffects(CommunityRewards, epoch.token),
      ),
  };
}
