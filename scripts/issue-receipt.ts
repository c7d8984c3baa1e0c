/**
 * Signs a support receipt with a desk's issuer key and prints the rating link: what a help desk's back
 * end runs when a ticket closes.
 *
 *   TICKET_ID=1042 REQUESTER=0x… AGENT=0x… PRIORITY=High \
 *   OPENED_AT=2025-06-01T09:00:00Z FIRST_RESPONSE_AT=2025-06-01T09:12:00Z RESOLVED_AT=2025-06-01T11:40:00Z \
 *   npx hardhat run scripts/issue-receipt.ts --network localhost
 *
 * Fields (environment variables; times are unix seconds or ISO 8601):
 *   TICKET_ID, REQUESTER, AGENT     required
 *   DESK_ID                         default: the agent's desk in the AgentRegistry
 *   PRIORITY                        Low | Normal | High | Urgent (or 0–3); default Normal
 *   OPENED_AT                       required
 *   FIRST_RESPONSE_AT, RESOLVED_AT  default: none (0) — a ticket never answered / never resolved
 *   CATEGORY                        1-based number of the ticket's category in the rating rules; default 0 (none)
 *   PAUSED_SECONDS                  time the ticket waited on the requester, in the SLA's clock; default 0
 *   ESCALATED_FROM                  the ticket id of the desk's AI assistant this ticket was escalated from
 *                                   (signed as an EscalatedReceipt, rated with rateEscalated); default none
 *   VALID_DAYS                      how long the receipt can be rated; default 30
 *   DAPP_URL                        the dApp's base URL; default http://127.0.0.1:4173 (where `npm start` serves it)
 *
 * The issuer key is the configuration variable ISSUER_PRIVATE_KEY, resolved as Hardhat resolves every
 * configVariable: environment first, then the keystore (`npx hardhat keystore set ISSUER_PRIVATE_KEY`).
 * On the local chain only, it falls back to the DEV issuer key of the agent's demo desk (public Hardhat
 * mnemonic, see scripts/stack/accounts.ts).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  AgentStatus,
  checkReceipt,
  type Deployment,
  deskProblemMessage,
  encodeReceiptLink,
  formatDate,
  label,
  PRIORITIES,
  type Receipt,
  ratingUrl,
  SLA_VERDICT_LABELS,
  SlaVerdict,
  signReceipt,
} from "@support-quality/sdk";
import hre, { network } from "hardhat";
import { configVariable } from "hardhat/config";
import { type Address, getAddress, type Hex, isAddress, isHex, type LocalAccount } from "viem";
import { mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { DEMO_DESKS, DEV_MNEMONIC, devAccounts } from "./stack/accounts.js";

const LOCAL_CHAIN_ID = 31337;
const DAY = 24 * 60 * 60;

class InputError extends Error {}

function env(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value === "" ? undefined : value;
}

function required(name: string): string {
  const value = env(name);
  if (value === undefined) throw new InputError(`${name} is required (see the header of scripts/issue-receipt.ts).`);
  return value;
}

function address(name: string): Address {
  const value = required(name);
  if (!isAddress(value, { strict: false })) throw new InputError(`${name} "${value}" is not an Ethereum address.`);
  return getAddress(value);
}

function wholeNumber(name: string, value: string): bigint {
  if (!/^\d+$/.test(value)) throw new InputError(`${name} "${value}" is not a whole number.`);
  return BigInt(value);
}

/** A time as unix seconds or ISO 8601; absent means "did not happen" (0) when `optional`. */
function time(name: string, optional: boolean): number {
  const value = optional ? env(name) : required(name);
  if (value === undefined) return 0;
  if (/^\d+$/.test(value)) return Number(value);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InputError(`${name} "${value}" is neither unix seconds nor an ISO 8601 time.`);
  return Math.floor(ms / 1000);
}

/** An optional whole number from 0 to `max` (default 0). */
function boundedNumber(name: string, max: number): number {
  const value = env(name);
  if (value === undefined) return 0;
  const n = wholeNumber(name, value);
  if (n > BigInt(max)) throw new InputError(`${name} ${n} is out of range: at most ${max}.`);
  return Number(n);
}

function priority(): number {
  const value = env("PRIORITY") ?? "Normal";
  const byName = PRIORITIES.findIndex((p) => p.toLowerCase() === value.toLowerCase());
  if (byName !== -1) return byName;
  if (/^[0-3]$/.test(value)) return Number(value);
  throw new InputError(`PRIORITY "${value}" is not one of ${PRIORITIES.join(", ")}.`);
}

/** ISSUER_PRIVATE_KEY through Hardhat's configVariable chain (env, then keystore); a dev key on 31337. */
async function issuerAccount(chainId: number, deskId: number): Promise<{ account: LocalAccount; source: string }> {
  const variable = configVariable("ISSUER_PRIVATE_KEY");
  const fetched = await hre.hooks.runHandlerChain("configurationVariables", "fetchValue", [variable], async (_context, v) => process.env[v.name] ?? "");
  if (fetched !== "") {
    const key = (fetched.startsWith("0x") ? fetched : `0x${fetched}`) as Hex;
    if (!isHex(key) || key.length !== 66) throw new InputError("ISSUER_PRIVATE_KEY is not a 32-byte hex private key.");
    return { account: privateKeyToAccount(key), source: "ISSUER_PRIVATE_KEY" };
  }
  if (chainId !== LOCAL_CHAIN_ID) {
    throw new InputError("ISSUER_PRIVATE_KEY is not set: store it with `npx hardhat keystore set ISSUER_PRIVATE_KEY` or pass it in the environment.");
  }
  // DEV ONLY: the seeded demo desk's issuer, a publicly known key that exists on the local chain alone.
  const desk = DEMO_DESKS.find((d) => d.id === deskId);
  const role = devAccounts().find((a) => a.key === desk?.issuer);
  if (!desk || !role) throw new InputError(`ISSUER_PRIVATE_KEY is not set and desk #${deskId} is not a demo desk.`);
  return {
    account: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: role.index }),
    source: `DEV issuer key of ${desk.name} — local chain only`,
  };
}

async function main() {
  const { viem, networkName } = await network.create();
  const publicClient = await viem.getPublicClient();
  const chainId = await publicClient.getChainId();

  const deploymentFile = path.resolve("deployments", `${chainId}.json`);
  const deployment: Deployment = JSON.parse(
    await readFile(deploymentFile, "utf8").catch(() => {
      throw new InputError(`There is no deployment on ${networkName} (chain ${chainId}): ${deploymentFile} is missing.`);
    }),
  );
  const registry = await viem.getContractAt("AgentRegistry", deployment.contracts.AgentRegistry);

  const agent = address("AGENT");
  const requester = address("REQUESTER");
  const agentRecord = await registry.read.agent([agent]);
  if (agentRecord.status === AgentStatus.None) throw new InputError(`${agent} is not an agent of any desk.`);
  const deskId = env("DESK_ID") === undefined ? agentRecord.deskId : Number(wholeNumber("DESK_ID", required("DESK_ID")));
  const ticketId = wholeNumber("TICKET_ID", required("TICKET_ID"));
  if (ticketId >= 1n << 64n) throw new InputError(`TICKET_ID ${ticketId} does not fit in 64 bits.`);
  const escalatedFrom = env("ESCALATED_FROM") === undefined ? undefined : wholeNumber("ESCALATED_FROM", required("ESCALATED_FROM"));
  if (escalatedFrom !== undefined && (escalatedFrom === 0n || escalatedFrom >= 1n << 64n || escalatedFrom === ticketId)) {
    throw new InputError(`ESCALATED_FROM ${escalatedFrom} must be another ticket id, from 1 to 2^64 − 1.`);
  }
  const validDays = Number(wholeNumber("VALID_DAYS", env("VALID_DAYS") ?? "30"));
  if (validDays < 1) throw new InputError("VALID_DAYS must be at least 1.");

  const now = Number((await publicClient.getBlock()).timestamp);
  const receipt: Receipt = {
    ticketId,
    deskId,
    agent,
    requester,
    priority: priority(),
    category: boundedNumber("CATEGORY", 255),
    openedAt: time("OPENED_AT", false),
    firstResponseAt: time("FIRST_RESPONSE_AT", true),
    resolvedAt: time("RESOLVED_AT", true),
    pausedSeconds: boundedNumber("PAUSED_SECONDS", 2 ** 48 - 1),
    deadline: now + validDays * DAY,
    ...(escalatedFrom === undefined ? {} : { escalatedFrom }),
  };
  const { account: issuer, source } = await issuerAccount(chainId, deskId);
  // The SDK's pre-flight check (the desk console and the rate page run the same), so a receipt that can
  // never be rated is never issued.
  const check = await checkReceipt(publicClient, { deployment, receipt, signer: issuer.address });
  // Told to the desk (what to change before signing), not to the requester.
  if (check.problem) throw new InputError(check.judgement.ok ? check.problem.message : deskProblemMessage(check.judgement.problem));

  const signature = await signReceipt(issuer, { chainId, verifyingContract: deployment.contracts.SupportRatings }, receipt);
  const link = { chainId, contract: deployment.contracts.SupportRatings, receipt, signer: issuer.address, signature };
  const baseUrl = env("DAPP_URL") ?? "http://127.0.0.1:4173";

  console.error(`Signed ticket ${ticketId} of desk #${deskId} for ${requester} with ${issuer.address} (${source}).`);
  // The real deadline: the earlier of the rules' rating window and the receipt's own validity.
  const rateBy = check.judgement.ok ? check.judgement.rateBy : receipt.deadline;
  const verdict = check.judgement.ok ? check.judgement.verdict : "None";
  console.error(
    `Rateable until ${formatDate(rateBy)} (SLA verdict if rated: ${label(SLA_VERDICT_LABELS, SlaVerdict[verdict])}). Link payload: ${encodeReceiptLink(link).length} characters.`,
  );
  // The link alone on stdout, so a help-desk back end can capture it.
  console.log(ratingUrl(baseUrl, link));
}

try {
  await main();
} catch (error) {
  console.error(error instanceof InputError ? `issue-receipt: ${error.message}` : error);
  process.exitCode = 1;
}
