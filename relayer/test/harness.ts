/**
 * The relayer's test bench: a real chain (Hardhat's network served over JSON-RPC on a free port, the
 * protocol deployed and governed by the flow tests' fixtures), the relayer as a real child process
 * (so it can be killed with SIGKILL), and a TCP proxy in front of the RPC to cut the chain off.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type RatingRelayBody, type Receipt, ratingRelayBody, signRatingIntent, signReceipt } from "@support-quality/sdk";
import { network } from "hardhat";
import { type Address, getAddress, type Hex, parseEther } from "viem";
import { generatePrivateKey, mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { DEV_MNEMONIC } from "../../scripts/stack/accounts.js";
import { startNode } from "../../scripts/stack/node.js";
import { ratingWorld } from "../../test/support/fixtures.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type ChainWorld = Awaited<ReturnType<typeof startChain>>;

/** A node on a free port with a governed deployment (desk 1, its issuer and agent, the rating rules in force). */
export async function startChain() {
  const port = await freePort();
  const node = await startNode({ port });
  const connection = await network.create({ network: "localhost", override: { url: node.url } });
  const world = await ratingWorld(connection);
  const dir = mkdtempSync(path.join(tmpdir(), "relayer-test-"));
  const deploymentFile = path.join(dir, "deployment.json");
  const { deployment } = world.protocol;
  writeFileSync(deploymentFile, JSON.stringify({ chainId: deployment.chainId, deploymentBlock: deployment.deploymentBlock, contracts: deployment.contracts }));
  let ticket = 50_000n;
  /** Requesters: dev accounts 20–29 and beyond, signing locally (no node round trip). */
  const requester = (i: number) => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 40 + i });
  const contract = { chainId: deployment.chainId, verifyingContract: world.protocol.ratings.address };

  /** A receipt issued by desk 1 for `requester`, and its signed intent as the relayer's request body. */
  async function signedRating(
    requesterIndex: number,
    {
      score = 5,
      tags = 0b0001,
      comment = "Quick and kind.",
      deadlineIn = 3600,
      nonce,
      escalatedFrom,
    }: { score?: number; tags?: number; comment?: string; deadlineIn?: number; nonce?: bigint; escalatedFrom?: bigint } = {},
  ): Promise<RatingRelayBody> {
    const who = requester(requesterIndex);
    const now = Number((await world.publicClient.getBlock()).timestamp);
    const receipt: Receipt = {
      ticketId: ticket++,
      deskId: world.deskId,
      agent: getAddress(world.agent.account.address),
      requester: who.address,
      priority: 1,
      category: 2,
      openedAt: now - 3600,
      firstResponseAt: now - 3000,
      resolvedAt: now - 600,
      pausedSeconds: 0,
      deadline: now + 30 * 86_400,
      ...(escalatedFrom === undefined ? {} : { escalatedFrom }),
    };
    const receiptSignature = await signReceipt(world.issuer, contract, receipt);
    const intent = { receipt, score, tags, comment, nonce: nonce ?? (await world.protocol.ratings.read.nonces([who.address])), deadline: now + deadlineIn };
    const signature = await signRatingIntent(who, contract, intent);
    return ratingRelayBody(contract, intent, getAddress(world.issuer.account.address), receiptSignature, signature);
  }

  async function fund(address: Address, wei: bigint) {
    await world.testClient.setBalance({ address, value: wei });
  }

  return {
    node,
    connection,
    world,
    deploymentFile,
    dir,
    requester,
    signedRating,
    fund,
    async close() {
      await connection.close();
      await node.close();
    },
  };
}

export interface RelayerProcess {
  url: string;
  child: ChildProcess;
  address: Address;
  output: () => string;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** A relayer key of its own (funded), so its nonces are nobody else's. */
export async function relayerKey(chain: ChainWorld, wei = parseEther("100")): Promise<Hex> {
  const key = generatePrivateKey();
  await chain.fund(privateKeyToAccount(key).address, wei);
  return key;
}

/** Spawns `npm run relayer`'s command with `env`; resolves once it listens. */
/** `sameAs`: restart a killed relayer on its port and store. */
export async function startRelayer(chain: ChainWorld, env: Record<string, string>, rpcUrl = chain.node.url, sameAs?: string): Promise<RelayerProcess> {
  const port = sameAs ? Number(new URL(sameAs).port) : await freePort();
  const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", "--import", "tsx", "relayer/src/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      RELAYER_RPC_URL: rpcUrl,
      RELAYER_PORT: String(port),
      RELAYER_DEPLOYMENT: chain.deploymentFile,
      RELAYER_DB: path.join(chain.dir, `relayer-${port}.sqlite`),
      RELAYER_POLL_MS: "50",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the relayer did not start:\n${output}`)), 30_000);
    const check = () => {
      if (/Listening at/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the relayer exited (${code}):\n${output}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    address: privateKeyToAccount(env.RELAYER_PRIVATE_KEY as Hex).address,
    output: () => output,
    async kill9() {
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** A TCP proxy in front of the chain's RPC: `cut()` drops it (an RPC outage), `restore()` brings it back. */
export async function rpcProxy(target: string) {
  const { hostname, port: targetPort } = new URL(target);
  const port = await freePort();
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(targetPort), hostname);
        sockets.add(client).add(upstream);
        client.pipe(upstream).pipe(client);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on("error", drop).on("close", drop);
        upstream.on("error", drop).on("close", drop);
      });
      server.listen(port, "127.0.0.1", () => resolve());
    });
  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    async cut() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    },
    restore: listen,
    close() {
      for (const s of sockets) s.destroy();
      server?.close();
    },
  };
}

/** POSTs `body` (an object, or raw text) to the relayer. */
export async function post(url: string, route: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}${route}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { id?: string; status?: string; error?: string; sentence?: string },
    headers: response.headers,
  };
}

export async function getRequest(url: string, id: string) {
  const response = await fetch(`${url}/v1/requests/${id}`);
  return (await response.json()) as { id: string; status: string; sentence?: string; txHash?: Hex; blockNumber?: string };
}

/** Polls until `predicate` holds (or fails after `timeoutMs`). */
export async function until<T>(what: string, read: () => Promise<T>, predicate: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await read();
    if (predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last, (_k, v) => (typeof v === "bigint" ? v.toString() : v))}`);
}
