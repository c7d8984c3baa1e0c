/**
 * The one wagmi config of the dApp. Chains: every public chain that has a deployment, plus — in the local
 * build only — the local Hardhat chain. Wallets: any injected wallet (EIP-6963 discovery) and, in the local
 * build only, the dev-account connector. The public build (`npm run build:web`) has neither.
 */
import { type Chain, defineChain } from "viem";
import { hardhat } from "viem/chains";
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

/**
 * Public chains the dApp knows how to reach; only those with a deployment are offered. Defined here with
 * what the dApp uses (id, name, currency, RPC, explorer) rather than imported from viem/chains, whose
 * Base Sepolia brings the OP-stack transaction formatters into the first route for nothing: the wallet
 * serialises and signs, the dApp only reads and asks.
 */
const ether = { name: "Ether", symbol: "ETH", decimals: 18 } as const;
const knownPublicChains: Chain[] = [
  defineChain({
    id: 11_155_111,
    name: "Sepolia",
    nativeCurrency: { name: "Sepolia Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: ["https://11155111.rpc.thirdweb.com"] } },
    blockExplorers: { default: { name: "Etherscan", url: "https://sepolia.etherscan.io" } },
    testnet: true,
  }),
  defineChain({
    id: 84_532,
    name: "Base Sepolia",
    nativeCurrency: ether,
    rpcUrls: { default: { http: ["https://sepolia.base.org"] } },
    blockExplorers: { default: { name: "Basescan", url: "https://sepolia.basescan.org" } },
    testnet: true,
  }),
];
/** VITE_RPC_URLS (`{"84532":"https://…"}`) replaces a chain's public endpoint, e.g. with your own provider's. */
function withRpcOverrides(chain: Chain, overrides: Record<string, string>): Chain {
  const url = overrides[String(chain.id)];
  return url ? { ...chain, rpcUrls: { default: { http: [url] } } } : chain;
}
function parseRpcOverrides(value: string | undefined): Record<string, string> {
  try {
    return JSON.parse(value || "{}");
  } catch {
    throw new Error(`VITE_RPC_URLS is not JSON: write it as {"84532":"https://…"} (chain id → RPC URL).`);
  }
}
const rpcOverrides = parseRpcOverrides(import.meta.env.VITE_RPC_URLS);
const publicChains = knownPublicChains.filter((c) => deployedChainIds.includes(c.id)).map((c) => withRpcOverrides(c, rpcOverrides));

function chainList(): readonly [Chain, ...Chain[]] {
  if (__DEV_WIRING__ && localChain) return [localChain, ...publicChains];
  const [first, ...rest] = publicChains;
  if (!first)
    throw new Error("This is a public build, but no public chain has a deployment: run `npm run deploy -- --network <name>` and `npm run generate` first.");
  return [first, ...rest];
}
const chains = chainList();

/**
 * Public RPCs answer bursts with HTTP 429 (a page reading a dozen proposals at once makes one): those are waited
 * out here — up to six times, 0.5 s doubling to 16 s — before viem's own three retries see an error. A node that
 * does not answer at all still fails fast, so the dApp says so at once.
 */
async function patientFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(input, init);
    if (response.status !== 429 || attempt === 6) return response;
    await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
  }
}

export const config = createConfig({
  chains,
  multiInjectedProviderDiscovery: true,
  connectors: [
    injected(),
    // The dev account exists only where the local node's unlocked accounts do.
    ...(__DEV_WIRING__ && localChain && devAccountList.length > 0 ? [devAccount({ chain: localChain, defaultAccount: devAccountList[0]!.address })] : []),
  ],
  transports: Object.fromEntries(chains.map((c) => [c.id, http(c.rpcUrls.default.http[0], { timeout: 15_000, fetchFn: patientFetch })])),
});

declare module "wagmi" {
  interface Register {
    config: typeof config;
  }
}
