/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** JSON-RPC URL of the local chain (default http://127.0.0.1:8545). */
  readonly VITE_LOCAL_RPC_URL?: string;
}
