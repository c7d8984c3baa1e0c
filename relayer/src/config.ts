/**
 * The relayer's configuration, from the environment only (the key never lives in the repo). Every limit
 * has a default fit for a small public deployment; `npm start` passes a dev key and local paths.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Address, getAddress, type Hex, isHex } from "viem";
import { z } from "zod";

const int = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

const Env = z.object({
  RELAYER_RPC_URL: z.string().url().default("http://127.0.0.1:8545"),
  RELAYER_PRIVATE_KEY: z.string().refine((k) => isHex(k) && k.length === 66, "must be a 32-byte hex private key (0x + 64 hex digits)"),
  RELAYER_HOST: z.string().default("127.0.0.1"),
  RELAYER_PORT: int(8547),
  RELAYER_DB: z.string().default("relayer/data/relayer.sqlite"),
  /** A deployments/<chainId>.json file; default: deployments/<the RPC's chain id>.json. */
  RELAYER_DEPLOYMENT: z.string().optional(),
  RELAYER_REQUESTER_LIMIT: int(10),
  RELAYER_IP_LIMIT: int(60),
  RELAYER_LIMIT_WINDOW_SECONDS: int(60),
  RELAYER_DAILY_GAS_BUDGET: int(50_000_000),
  RELAYER_MAX_COMMENT_BYTES: int(1000),
  /** Below this balance (wei) the relayer refuses new work. Default 0.005 ETH. */
  RELAYER_MIN_BALANCE_WEI: z.coerce.bigint().default(5_000_000_000_000_000n),
  RELAYER_MAX_IN_FLIGHT: int(64),
  /** A pending transaction older than this is replaced with higher fees. */
  RELAYER_REPLACE_AFTER_MS: int(15_000),
  RELAYER_POLL_MS: int(100),
  RELAYER_TRUST_PROXY: z.enum(["true", "false"]).default("false"),
});

export interface Config {
  rpcUrl: string;
  privateKey: Hex;
  host: string;
  port: number;
  dbFile: string;
  deploymentFile?: string;
  requesterLimit: number;
  ipLimit: number;
  limitWindowMs: number;
  dailyGasBudget: number;
  maxCommentBytes: number;
  minBalanceWei: bigint;
  maxInFlight: number;
  replaceAfterMs: number;
  pollMs: number;
  trustProxy: boolean;
}

/** Reads the configuration; throws one sentence naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    throw new Error(
      name === "RELAYER_PRIVATE_KEY" && env.RELAYER_PRIVATE_KEY === undefined
        ? "RELAYER_PRIVATE_KEY is not set: give the relayer its key through the environment (e.g. RELAYER_PRIVATE_KEY=$(npx hardhat keystore get RELAYER_PRIVATE_KEY))."
        : `${name} is not valid: ${issue.message}.`,
    );
  }
  const e = parsed.data;
  return {
    rpcUrl: e.RELAYER_RPC_URL,
    privateKey: e.RELAYER_PRIVATE_KEY as Hex,
    host: e.RELAYER_HOST,
    port: e.RELAYER_PORT,
    dbFile: e.RELAYER_DB,
    deploymentFile: e.RELAYER_DEPLOYMENT,
    requesterLimit: e.RELAYER_REQUESTER_LIMIT,
    ipLimit: e.RELAYER_IP_LIMIT,
    limitWindowMs: e.RELAYER_LIMIT_WINDOW_SECONDS * 1000,
    dailyGasBudget: e.RELAYER_DAILY_GAS_BUDGET,
    maxCommentBytes: e.RELAYER_MAX_COMMENT_BYTES,
    minBalanceWei: e.RELAYER_MIN_BALANCE_WEI,
    maxInFlight: Math.max(1, e.RELAYER_MAX_IN_FLIGHT),
    replaceAfterMs: e.RELAYER_REPLACE_AFTER_MS,
    pollMs: Math.max(10, e.RELAYER_POLL_MS),
    trustProxy: e.RELAYER_TRUST_PROXY === "true",
  };
}

export interface Targets {
  chainId: number;
  ratings: Address;
  governor: Address;
}

/** The contracts the relayer pays for, from the deployments file of the RPC's chain. */
export function loadTargets(chainId: number, file = path.resolve("deployments", `${chainId}.json`)): Targets {
  if (!existsSync(file)) throw new Error(`No deployment of the protocol is recorded for chain ${chainId} (${file} does not exist).`);
  const record = JSON.parse(readFileSync(file, "utf8")) as { chainId: number; contracts: Record<string, string> };
  if (record.chainId !== chainId) throw new Error(`${file} records chain ${record.chainId}, but the RPC serves chain ${chainId}.`);
  const ratings = record.contracts.SupportRatings;
  const governor = record.contracts.SupportGovernor;
  if (!ratings || !governor) throw new Error(`${file} names no SupportRatings or SupportGovernor address.`);
  return { chainId, ratings: getAddress(ratings), governor: getAddress(governor) };
}
