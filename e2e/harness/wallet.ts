/**
 * A minimal injected wallet for the end-to-end tests: a real EIP-1193 provider, announced through
 * EIP-6963 and set as `window.ethereum`, that forwards every request to the local node's JSON-RPC,
 * where the dev accounts are unlocked. The dApp therefore runs its real injected-wallet path: discovery,
 * connect, chain checks, eth_sendTransaction, eth_signTypedData_v4, and revert data from the node.
 *
 * The function below runs inside the page (via `page.addInitScript`), so it is self-contained.
 */
export interface InjectedWalletOptions {
  rpcUrl: string;
  /** The chain of the node the wallet forwards to (the only one it can switch to). */
  chainId: number;
  /** The chain the wallet is on when the page opens (a user whose wallet is elsewhere); default `chainId`. */
  startChainId?: number;
  account: string | null;
  /** EIP-6963 provider info. */
  name: string;
  rdns: string;
}

export function installInjectedWallet(options: InjectedWalletOptions): void {
  type Listener = (...args: unknown[]) => void;
  const STORAGE_KEY = "e2eWallet.connected";
  const listeners = new Map<string, Set<Listener>>();
  const emit = (event: string, ...args: unknown[]) => {
    for (const listener of listeners.get(event) ?? []) listener(...args);
  };
  const hex = (id: number) => `0x${id.toString(16)}`;

  const state = {
    chainId: options.startChainId ?? options.chainId,
    account: options.account,
    connected: sessionStorage.getItem(STORAGE_KEY) === "1",
    /** When set, the next request that needs the user's consent fails as if the user said no. */
    rejectNext: false,
    /** Every method the dApp sent, in order (tests read it to check what was asked of the wallet). */
    calls: [] as string[],
  };

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
  const forward = async (method: string, params: unknown) => {
    const response = await fetch(options.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: nextId++, method, params: params ?? [] }),
    });
    const body = (await response.json()) as { result?: unknown; error?: { code: number; message: string; data?: unknown } };
    if (body.error) throw new ProviderRpcError(body.error.code, body.error.message, body.error.data);
    return body.result;
  };

  const needsConsent = new Set([
    "eth_requestAccounts",
    "eth_sendTransaction",
    "eth_signTypedData_v4",
    "personal_sign",
    "eth_sign",
    "wallet_switchEthereumChain",
    "wallet_addEthereumChain",
  ]);

  const setConnected = (connected: boolean) => {
    state.connected = connected;
    if (connected) sessionStorage.setItem(STORAGE_KEY, "1");
    else sessionStorage.removeItem(STORAGE_KEY);
  };

  const request = async ({ method, params }: { method: string; params?: unknown[] }): Promise<unknown> => {
    state.calls.push(method);
    if (state.rejectNext && needsConsent.has(method)) {
      state.rejectNext = false;
      throw new ProviderRpcError(4001, "User rejected the request.");
    }
    switch (method) {
      case "eth_requestAccounts":
        if (!state.account) throw new ProviderRpcError(4100, "The wallet has no account.");
        setConnected(true);
        emit("accountsChanged", [state.account]);
        return [state.account];
      case "eth_accounts":
        return state.connected && state.account ? [state.account] : [];
      case "eth_coinbase":
        return state.connected ? state.account : null;
      case "eth_chainId":
        return hex(state.chainId);
      case "net_version":
        return String(state.chainId);
      case "wallet_switchEthereumChain": {
        const [{ chainId }] = params as [{ chainId: string }];
        if (Number(chainId) !== options.chainId) throw new ProviderRpcError(4902, `Unrecognized chain ID "${chainId}".`);
        if (state.chainId !== options.chainId) {
          state.chainId = options.chainId;
          emit("chainChanged", hex(state.chainId));
        }
        return null;
      }
      case "wallet_addEthereumChain":
        return null;
      case "wallet_requestPermissions":
        setConnected(true);
        emit("accountsChanged", state.account ? [state.account] : []);
        return [{ parentCapability: "eth_accounts" }];
      case "wallet_getPermissions":
        return state.connected ? [{ parentCapability: "eth_accounts" }] : [];
      case "wallet_revokePermissions":
        setConnected(false);
        emit("accountsChanged", []);
        return null;
      case "eth_sendTransaction": {
        const [tx] = params as [{ from?: string }];
        if (!state.connected || !state.account) throw new ProviderRpcError(4100, "The wallet is not connected.");
        if (tx.from && tx.from.toLowerCase() !== state.account.toLowerCase()) {
          throw new ProviderRpcError(4100, `The wallet cannot sign for ${tx.from}.`);
        }
        return forward(method, [{ ...tx, from: state.account }]);
      }
      default:
        return forward(method, params);
    }
  };

  const provider = {
    isE2EWallet: true,
    request,
    on(event: string, listener: Listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return provider;
    },
    removeListener(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener);
      return provider;
    },
  };

  // Test controls, used by the harness helpers (switchAccount, rejectNextRequest, walletCalls).
  Object.defineProperty(window, "__e2eWallet", {
    value: {
      state,
      switchAccount(account: string) {
        state.account = account;
        if (state.connected) emit("accountsChanged", [account]);
      },
    },
  });

  Object.defineProperty(window, "ethereum", { value: provider, configurable: true, writable: true });
  const info = Object.freeze({
    uuid: "5f0c1f4e-6d4b-4c1e-9a57-e2e0e2e0e2e0",
    name: options.name,
    icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='6' fill='%23334'/%3E%3C/svg%3E",
    rdns: options.rdns,
  });
  const announce = () => window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
  window.addEventListener("eip6963:requestProvider", announce);
  announce();
}

/** The test controls the injected wallet puts on `window` (read by the harness inside the page). */
export interface E2eWalletControls {
  state: { rejectNext: boolean; calls: string[] };
  switchAccount(account: string): void;
}

declare global {
  interface Window {
    __e2eWallet: E2eWalletControls;
  }
}
