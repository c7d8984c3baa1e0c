/**
 * The relayer of `rateBySig`: the requester signs a RatingIntent and someone else pays the gas. On the
 * local chain that someone is a dev account the node has unlocked (the node signs its transaction); on a
 * public network no relayer is configured and the requester sends `rate` from their own wallet.
 */
import { type Address, createWalletClient, http } from "viem";
import { devAccounts, devChainId } from "../../generated/dev-accounts";
import type { Relayer } from "../../lib/useTx";
import { localChain } from "../../wagmi";

/** The dev account that relays ratings on the local chain: the one labelled "relayer", else the last spare. */
const devRelayer: Address | undefined = (devAccounts.find((a) => a.key === "relayer") ?? devAccounts.find((a) => a.key === "spare2"))?.address;

export function relayerFor(chainId: number): Relayer | undefined {
  if (!__DEV_WIRING__ || !localChain || chainId !== devChainId || !devRelayer) return undefined;
  return {
    address: devRelayer,
    label: "the local chain's dev relayer account",
    client: createWalletClient({ chain: localChain, transport: http(localChain.rpcUrls.default.http[0]), account: devRelayer }),
  };
}
