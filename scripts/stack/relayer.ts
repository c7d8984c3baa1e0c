/**
 * The relayer service in the local stack: its own dev key (the public test mnemonic's account #30, which
 * the node does not unlock, funded at start), a fresh SQLite store per run (the chain is fresh too), and
 * the same command as `npm run relayer`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { type Hex, parseEther, toHex } from "viem";
import { mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { DEV_ACCOUNT_COUNT, DEV_MNEMONIC } from "./accounts.js";

export const RELAYER_PORT = 8547;
/**
 * The relayer's dev key: Hardhat's public test mnemonic, the first index past the demo world's roles (its own
 * nonce sequence, never an account the seed or the tests send from; never for real funds).
 */
export const DEV_RELAYER_INDEX = DEV_ACCOUNT_COUNT;

export function devRelayerKey(): Hex {
  const key = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: DEV_RELAYER_INDEX }).getHdKey().privateKey;
  if (!key) throw new Error("Could not derive the dev relayer key.");
  return toHex(key);
}

export interface RelayerService {
  url: string;
  address: Hex;
  close(): Promise<void>;
}

/**
 * Starts the relayer; resolves once it listens. With no `privateKey`, it uses the dev key and funds it on
 * the local node; with one (the rehearsal's), the key must already hold gas.
 */
export async function startRelayerService({
  root,
  rpcUrl,
  port = RELAYER_PORT,
  deploymentFile,
  privateKey,
  log,
}: {
  root: string;
  rpcUrl: string;
  port?: number;
  deploymentFile: string;
  privateKey?: Hex;
  log: (line: string) => void;
}): Promise<RelayerService> {
  const account = privateKey ? privateKeyToAccount(privateKey) : mnemonicToAccount(DEV_MNEMONIC, { addressIndex: DEV_RELAYER_INDEX });
  if (!privateKey)
    await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "hardhat_setBalance", params: [account.address, toHex(parseEther("1000"))] }),
    });
  const dir = path.join(root, ".stack");
  mkdirSync(dir, { recursive: true });
  const db = path.join(dir, `relayer-${port}.sqlite`);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${db}${suffix}`, { force: true });
  const child: ChildProcess = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", "--import", "tsx", "relayer/src/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      RELAYER_PRIVATE_KEY: privateKey ?? devRelayerKey(),
      RELAYER_RPC_URL: rpcUrl,
      RELAYER_PORT: String(port),
      RELAYER_DB: db,
      RELAYER_DEPLOYMENT: deploymentFile,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The relayer did not start in 30 s:\n${output}`)), 30_000);
    child.stdout!.on("data", () => {
      if (output.includes("Listening at")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The relayer exited (${code}):\n${output}`));
    });
  });
  log(`Relayer listening at http://127.0.0.1:${port} (${privateKey ? "its own key" : `dev key #${DEV_RELAYER_INDEX}`}, ${account.address}).`);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    address: account.address,
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
