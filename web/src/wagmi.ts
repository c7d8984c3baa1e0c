/**
 * The one wagmi config of the dApp. Chains: every public chain that has a deployment, plus — in the local
 * build only — the local Hardhat chain. Wallets: any injected wallet (EIP-6963 discovery) and, in the local
 * build only, the dev-account connector. The public build (`npm run build:web`) has neither.
 */
import { type Chain, defineChain } from "viem";
import { baseSepolia, hardhat, sepolia } from "viem/chains";
import { createConfig, http } from "wagmi";
import { injected } from "wagmi/connectors";
import { devAccount } from "./connectors/devAccount";
import { deployedChainIds } from "./lib/contracts";
import { devAccountList } from "./lib/devAccounts";

/** The local Hardhat chain of `npm start`; absent from the public build. */
export const localChain: Chain | undefined = __DEV_WIRING__
  ? defineChain({
      ...hardhat,
      name: "Local chain",
      rpcUrls: { default: { http: [import.meta.env.VITE_LOCAL_RPC_URL ?? "http://127.0.0.1:8545"] } },
    })
  : undefined;

/** Public chains the dApp knows how to reach; only those with a deployment are offered. */
const knownPublicChains: Chain[] = [sepolia, baseSepolia];
const publicChains = knownPublicChains.filter((c) => deployedChainIds.includes(c.id));

function chainList(): readonly [Chain, ...Chain[]] {
  if (__DEV_WIRING__ && localChain) return [localChain, ...publicChains];
  const [first, ...rest] = publicChains;
  if (!first)
    throw new Error("This is a public build, but no public chain has a deployment: run `npm run deploy -- --network <name>` and `npm run generate` first.");
  return [first, ...rest];
}
const chains = chainList();

export const config = createConfig({
  chains,
  multiInjectedProviderDiscovery: true,
  connectors: [
    injected(),
    // The dev account exists only where the local node's unlocked accounts do.
    ...(__DEV_WIRING__ && localChain && devAccountList.length > 0 ? [devAccount({ chain: localChain, defaultAccount: devAccountList[0]!.address })] : []),
  ],
  transports: Object.fromEntries(chains.map((c) => [c.id, http(c.rpcUrls.default.http[0], { timeout: 15_000 })])),
});

declare module "wagmi" {
  interface Register {
    config: typeof config;
  }
}
