/**
 * The one wagmi config of the dApp. Chains: the local Hardhat chain plus every public chain that has a
 * deployment in the generated contracts file. Wallets: any injected wallet (EIP-6963 discovery) and, on
 * the local chain only, the dev-account connector.
 */
import { type Chain, defineChain } from "viem";
import { baseSepolia, hardhat, sepolia } from "viem/chains";
import { createConfig, http } from "wagmi";
import { injected } from "wagmi/connectors";
import { devAccount } from "./connectors/devAccount";
import { devAccountList } from "./lib/devAccounts";
import { deployedChainIds } from "./lib/contracts";

const localRpcUrl: string = import.meta.env.VITE_LOCAL_RPC_URL ?? "http://127.0.0.1:8545";

export const localChain = defineChain({
  ...hardhat,
  name: "Local chain",
  rpcUrls: { default: { http: [localRpcUrl] } },
});

/** Public chains the dApp knows how to reach; only those with a deployment are offered. */
const knownPublicChains: Chain[] = [sepolia, baseSepolia];
const publicChains = knownPublicChains.filter((c) => deployedChainIds.includes(c.id));

const chains: readonly [Chain, ...Chain[]] = [localChain, ...publicChains];

export const config = createConfig({
  chains,
  multiInjectedProviderDiscovery: true,
  connectors: [
    injected(),
    // The dev account exists only where the local node's unlocked accounts do.
    ...(devAccountList.length > 0 ? [devAccount({ chain: localChain, defaultAccount: devAccountList[0]!.address })] : []),
  ],
  transports: Object.fromEntries(chains.map((c) => [c.id, http(c.rpcUrls.default.http[0], { timeout: 15_000 })])),
});

declare module "wagmi" {
  interface Register {
    config: typeof config;
  }
}
