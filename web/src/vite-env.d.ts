/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** JSON-RPC URL of the local chain (default http://127.0.0.1:8545). */
  readonly VITE_LOCAL_RPC_URL?: string;
  /** The relayer service (relayer/) that pays gas for signed ratings and ballots; unset: users pay gas themselves. */
  readonly VITE_RELAYER_URL?: string;
  /** The protocol indexer (indexer/); without it, lists are read from the chain in bounded ranges. */
  readonly VITE_INDEXER_URL?: string;
  /**
   * JSON-RPC URLs of public chains, by chain id, replacing the built-in public endpoints (e.g. your own
   * provider's): `{"84532":"https://…"}`.
   */
  readonly VITE_RPC_URLS?: string;
}

/**
 * True in the local build (`npm start`, tests): the local chain and the dev-account connector exist.
 * False in the public build (`npm run build:web`, Vite mode "public"): both are compiled out. Set by
 * web/vite.config.ts as a literal, so the dead branch (and the code only it uses) leaves the bundle.
 */
declare const __DEV_WIRING__: boolean;
