/**
 * "Dev account (local chain only)": a wallet for the local demo chain that needs no browser extension.
 * It exposes one of the local node's unlocked accounts (chosen by role from the generated dev-account
 * list) and forwards every request to the node's JSON-RPC, which signs with that unlocked account. It
 * refuses any chain but the local one, so it can never be mistaken for a real wallet.
 */

import { type Address, type Chain, type EIP1193RequestFn, getAddress, numberToHex, SwitchChainError } from "viem";
import { createConnector } from "wagmi";

export const DEV_CONNECTOR_ID = "devAccount";
const STORAGE_KEY = "devAccount.selected";

interface JsonRpcError {
  code: number;
  message: string;
  data?: unknown;
}

/** An EIP-1193 error: viem maps `code` (4001, -32603, 3 …) and `data` (revert data) onto its own errors. */
class ProviderRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

let nextId = 1;
async function forward(url: string, method: string, params: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: nextId++, method, params: params ?? [] }),
  });
  const body = (await response.json()) as { result?: unknown; error?: JsonRpcError };
  if (body.error) throw new ProviderRpcError(body.error.code, body.error.message, body.error.data);
  return body.result;
}

type WithCapabilities = readonly { address: Address; capabilities: Record<string, unknown> }[];

/** `connect`'s accounts in the shape wagmi asked for: plain addresses, or with (no) capabilities. */
function connectedAccounts<withCapabilities extends boolean = false>(
  accounts: readonly Address[],
  withCapabilities?: withCapabilities | boolean,
): withCapabilities extends true ? WithCapabilities : readonly Address[];
function connectedAccounts(accounts: readonly Address[], withCapabilities?: boolean): WithCapabilities | readonly Address[] {
  return withCapabilities ? accounts.map((address) => ({ address, capabilities: {} })) : accounts;
}

export interface DevAccountParameters {
  /** The local chain: the only one this connector accepts. */
  chain: Chain;
  /** The account used until the user picks another. */
  defaultAccount: Address;
}

export function devAccount({ chain, defaultAccount }: DevAccountParameters) {
  type Properties = {
    /** Switches to another unlocked account (the role picker). */
    selectAccount(account: Address): Promise<void>;
    selectedAccount(): Address;
  };
  let connected = false;
  let selected: Address = defaultAccount;
  if (typeof localStorage !== "undefined") {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored) selected = getAddress(stored);
  }
  const url = chain.rpcUrls.default.http[0]!;

  return createConnector<{ request: EIP1193RequestFn }, Properties>((config) => ({
    id: DEV_CONNECTOR_ID,
    name: "Dev account (local chain only)",
    type: "devAccount",

    async connect({ chainId, withCapabilities } = {}) {
      if (chainId !== undefined && chainId !== chain.id) {
        throw new SwitchChainError(new Error(`The dev account exists only on the local chain (${chain.id}).`));
      }
      connected = true;
      return { accounts: connectedAccounts([selected], withCapabilities), chainId: chain.id };
    },
    async disconnect() {
      connected = false;
    },
    async getAccounts() {
      return connected ? [selected] : [];
    },
    async getChainId() {
      return chain.id;
    },
    async isAuthorized() {
      return connected || (typeof localStorage !== "undefined" && localStorage.getItem(STORAGE_KEY) !== null);
    },
    async switchChain({ chainId }) {
      if (chainId !== chain.id) {
        throw new SwitchChainError(new Error(`The dev account exists only on the local chain (${chain.id}).`));
      }
      return chain;
    },
    async selectAccount(account: Address) {
      selected = getAddress(account);
      if (typeof localStorage !== "undefined") localStorage.setItem(STORAGE_KEY, selected);
      if (connected) config.emitter.emit("change", { accounts: [selected] });
    },
    selectedAccount() {
      return selected;
    },
    async getProvider() {
      const request = (async ({ method, params }: { method: string; params?: unknown }) => {
        switch (method) {
          case "eth_accounts":
          case "eth_requestAccounts":
            return connected || method === "eth_requestAccounts" ? [selected] : [];
          case "eth_chainId":
            return numberToHex(chain.id);
          case "wallet_switchEthereumChain": {
            const [{ chainId }] = params as [{ chainId: string }];
            if (Number(chainId) !== chain.id) throw new ProviderRpcError(4902, "Only the local chain is available.");
            return null;
          }
          default:
            return forward(url, method, params);
        }
      }) as EIP1193RequestFn;
      return { request };
    },
    onAccountsChanged(accounts) {
      if (accounts.length === 0) this.onDisconnect();
      else config.emitter.emit("change", { accounts: accounts.map((a) => getAddress(a)) });
    },
    onChainChanged(chainId) {
      config.emitter.emit("change", { chainId: Number(chainId) });
    },
    onDisconnect() {
      connected = false;
      config.emitter.emit("disconnect");
    },
  }));
}
