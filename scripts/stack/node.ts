/**
 * The local chain: Hardhat's simulated network served as a JSON-RPC node (HTTP + WebSocket) on
 * 127.0.0.1:8545, started in-process so that `npm start` and the e2e run control its genesis time.
 *
 * Why not `hardhat node`: the seeded world spans about a month of governance (voting periods, timelock
 * delays, rating windows). The chain starts that far in the past, so that after seeding its clock is
 * back at wall-clock time and the dApp's countdowns read true.
 */
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { network } from "hardhat";
import type { EthereumProvider } from "hardhat/types/providers";
import { DEV_ACCOUNT_COUNT, DEV_MNEMONIC } from "./accounts.js";

export const NODE_HOST = "127.0.0.1";
export const NODE_PORT = 8545;
export const NODE_URL = `http://${NODE_HOST}:${NODE_PORT}`;

interface JsonRpcServer {
  listen(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}

export interface LocalNode {
  url: string;
  provider: EthereumProvider;
  close(): Promise<void>;
}

/** Hardhat's own JSON-RPC server (the one behind `hardhat node`); not in the package's public exports. */
async function loadServer(): Promise<new (config: { hostname: string; port: number; provider: EthereumProvider }) => JsonRpcServer> {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve("hardhat/package.json"));
  const file = path.join(root, "dist/src/internal/builtin-plugins/node/json-rpc/server.js");
  const module = await import(pathToFileURL(file).href);
  return module.JsonRpcServerImplementation;
}

/** True when something already listens on `port`. */
export function portInUse(port: number, host = NODE_HOST): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** The process listening on `port`, e.g. "node (pid 1234)", when the system can tell (Linux `ss`). */
export function holderOf(port: number): string | undefined {
  try {
    const line = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const match = /users:\(\("([^"]+)",pid=(\d+)/.exec(line);
    return match ? `${match[1]} (pid ${match[2]})` : undefined;
  } catch {
    return undefined;
  }
}

/** Fails with a sentence when `port` is taken, naming what holds it. */
export async function assertPortFree(port: number, purpose: string): Promise<void> {
  if (!(await portInUse(port))) return;
  const chainId = await chainIdAt(`http://${NODE_HOST}:${port}`);
  const what = chainId === undefined ? "another program" : `a chain node (chain id ${chainId}), perhaps a previous \`npm start\``;
  const holder = holderOf(port);
  throw new Error(
    `Port ${port} (${purpose}) is already in use by ${what}${holder ? `: ${holder}` : ""}. Stop it (Ctrl-C in its terminal${holder ? `, or kill ${/pid (\d+)/.exec(holder)![1]}` : ""}) and try again.`,
  );
}

/** Answers whether the process on the port is a chain, and which one (undefined if not JSON-RPC). */
export async function chainIdAt(url: string): Promise<number | undefined> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(2_000),
    });
    const body = (await response.json()) as { result?: string };
    return body.result ? Number(body.result) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts the node with its genesis `startDaysAgo` days before now — as chain `chainId` of `chainType` when
 * given (the public-deployment rehearsal runs an OP-stack chain with Base Sepolia's id). Fails with a sentence when the port is
 * taken, naming what holds it.
 */
export async function startNode({
  port = NODE_PORT,
  startDaysAgo = 0,
  chainId,
  chainType,
}: {
  port?: number;
  startDaysAgo?: number;
  chainId?: number;
  chainType?: "l1" | "op";
} = {}): Promise<LocalNode> {
  await assertPortFree(port, "the chain node");
  const connection = await network.create({
    network: "node",
    ...(chainType ? { chainType } : {}),
    override: {
      ...(chainId ? { chainId } : {}),
      initialDate: new Date(Date.now() - startDaysAgo * 86_400_000),
      accounts: { mnemonic: DEV_MNEMONIC, count: DEV_ACCOUNT_COUNT },
    },
  });
  const JsonRpcServerImplementation = await loadServer();
  const server = new JsonRpcServerImplementation({ hostname: NODE_HOST, port, provider: connection.provider });
  await server.listen();
  let closed = false;
  return {
    url: `http://${NODE_HOST}:${port}`,
    provider: connection.provider,
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
      await connection.close();
    },
  };
}

/**
 * Blocks whose hashes link: at most the last 64 of `count` (twice Ponder's 30-block finality window on an
 * unknown chain id) mined one by one with evm_mine, the rest in one hardhat_mine. Hardhat's hardhat_mine
 * "reserves" its blocks, and a reserved block reports parentHash 0x00…0 — Ponder's realtime sync, which
 * follows the unfinalized tip by parent hashes, takes that for a reorg deeper than its window and never
 * indexes those blocks (the "last ~32 blocks not indexed" measured behind the public-RPC simulator).
 */
export async function mineLinkedBlocks(provider: EthereumProvider, count: number, linked = 64): Promise<void> {
  const tail = Math.min(count, linked);
  if (count > tail) await provider.request({ method: "hardhat_mine", params: [`0x${(count - tail).toString(16)}`] });
  for (let i = 0; i < tail; i++) await provider.request({ method: "evm_mine", params: [] });
}
