/**
 * Builds a long event history on the in-process chain for the audit tests: two desks, six agents,
 * policies with a version chain and a retirement, thousands of ratings from signed receipts, voids and
 * replies. The DAO's timelock is impersonated: these tests are about reading history, not governance
 * (test/flows/governance.test.ts drives real proposals). Transactions are sent with automine off and
 * mined in small blocks, so the history spans hundreds of blocks at a fraction of the time.
 */

import { encodeRatingRulesParams, encodeSlaParams, PolicyKind, type Receipt, signReceipt } from "@support-quality/sdk";
import type { Deployment } from "@support-quality/sdk/audit";
import type { NetworkConnection } from "hardhat/types/network";
import { type Abi, type Address, type ContractFunctionName, encodeFunctionData, type Hex, parseEther, toHex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { deployProtocol } from "../../deploy/protocol.js";
import { type ContractCall, calldata } from "../../scripts/stack/tx.js";

export interface History {
  deployment: Deployment;
  protocol: Awaited<ReturnType<typeof deployProtocol>>;
  ratings: number;
  voids: number;
  replies: number;
  agents: Address[];
  deskIds: number[];
}

/** A small deterministic PRNG (mulberry32), so a failing history can be rebuilt exactly. */
export function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The SLA and rating rules every generated history publishes. */
export const SLA_PARAMS = { firstResponseMinutes: [240, 60, 30, 10], resolutionMinutes: [2880, 1440, 480, 120] } as const;
export const RULES_PARAMS = {
  ratingWindow: 30 * 24 * 3600,
  scale: 5,
  tags: ["fast", "friendly", "solved", "escalated"],
  categories: ["Wallet setup & backup", "Transactions & gas", "Security & phishing"],
} as const;

export async function buildHistory(connection: NetworkConnection, options: { ratings: number; perBlock?: number; seed?: number }): Promise<History> {
  const { viem, networkHelpers, provider } = connection;
  const protocol = await deployProtocol(viem);
  const { timelock, agentRegistry, policyRegistry, ratings, token } = protocol;
  const publicClient = await viem.getPublicClient();
  const wallets = await viem.getWalletClients();
  const random = prng(options.seed ?? 7);
  const perBlock = options.perBlock ?? 10;

  await networkHelpers.impersonateAccount(timelock.address);
  await networkHelpers.setBalance(timelock.address, parseEther("1000"));
  const send = (from: Address, to: Address, data: Hex) =>
    provider.request({ method: "eth_sendTransaction", params: [{ from, to, data, gas: toHex(1_000_000) }] }) as Promise<Hex>;
  const dao = <const abi extends Abi, name extends ContractFunctionName<abi, "nonpayable" | "payable">>(
    to: Address,
    abi: abi,
    functionName: name,
    args: ContractCall<abi, name>["args"],
  ) => send(timelock.address, to, calldata({ address: to, abi, functionName, args }));
  const settle = async (hashes: Hex[]) => {
    for (const hash of hashes) {
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new Error(`history transaction ${hash} reverted`);
    }
  };

  // Desks 1 and 2, an off-chain issuer key each, three agents each (Hardhat accounts 1–6).
  const issuers = [privateKeyToAccount(generatePrivateKey()), privateKeyToAccount(generatePrivateKey())];
  const agents = wallets.slice(1, 7).map((w) => w.account.address);
  const requesters = wallets.slice(7, 11).map((w) => w.account.address);
  const setup: Hex[] = [];
  for (const [i, name] of ["Acme Wallet Help Desk", "Orbit Wallet Support"].entries()) {
    setup.push(await dao(agentRegistry.address, agentRegistry.abi, "registerDesk", [name, false]));
    setup.push(await dao(agentRegistry.address, agentRegistry.abi, "setIssuer", [i + 1, issuers[i].address, true]));
    for (let a = 0; a < 3; a++) {
      setup.push(await dao(agentRegistry.address, agentRegistry.abi, "addAgent", [i + 1, agents[i * 3 + a], `agent-${i * 3 + a}`, 0]));
    }
  }
  await settle(setup);
  const publish = (kind: number, policyId: bigint, title: string, text: string, params: Hex) =>
    dao(policyRegistry.address, policyRegistry.abi, "publishPolicy", [kind, policyId, 0, { title, text, uri: "", params }]);
  const slaParams = encodeSlaParams(SLA_PARAMS);
  const rulesParams = encodeRatingRulesParams(RULES_PARAMS);
  await settle([
    await publish(PolicyKind.SLA, 0n, "Service levels", "Answer a Normal ticket within an hour.", slaParams),
    await publish(PolicyKind.RatingRules, 0n, "Rating rules", "Rate from 1 to 5 within 30 days.", rulesParams),
    await publish(PolicyKind.General, 0n, "Code of conduct", "Support never asks for your seed phrase.", "0x"),
  ]);
  await settle([await publish(PolicyKind.General, 3n, "", "Support never asks for your seed phrase, nor your keys.", "0x")]);
  await settle([await dao(policyRegistry.address, policyRegistry.abi, "retirePolicy", [3n])]);
  // Some token history too: transfers and self-delegations.
  for (const holder of requesters) {
    await settle([
      await send(protocol.deployer, token.address, encodeFunctionData({ abi: token.abi, functionName: "transfer", args: [holder, parseEther("1000")] })),
    ]);
    await settle([await send(holder, token.address, encodeFunctionData({ abi: token.abi, functionName: "delegate", args: [holder] }))]);
  }

  // Tickets are opened well after the policies took effect and resolved before now.
  await networkHelpers.time.increase(3 * 24 * 3600);
  const now = await networkHelpers.time.latest();
  const base = now - 200_000;
  const ratingsContract = { chainId: await publicClient.getChainId(), verifyingContract: ratings.address };

  await provider.request({ method: "evm_setAutomine", params: [false] });
  let pending = 0;
  const flush = async () => {
    await provider.request({ method: "evm_mine", params: [] });
    pending = 0;
  };
  const queue = async (from: Address, to: Address, data: Hex) => {
    await send(from, to, data);
    if (++pending === perBlock) await flush();
  };

  const rated: { ratingId: Hex; agent: Address }[] = [];
  for (let i = 0; i < options.ratings; i++) {
    const desk = i % 2;
    const agent = agents[desk * 3 + Math.floor(random() * 3)];
    const openedAt = base + (i % 1000);
    const answered = random() < 0.95;
    const firstResponseAt = answered ? openedAt + Math.floor(random() * 7200) : 0;
    const resolvedAt = answered ? firstResponseAt + Math.floor(random() * 100_000) : 0;
    const receipt: Receipt = {
      ticketId: BigInt(i + 1),
      deskId: desk + 1,
      agent,
      requester: requesters[i % requesters.length],
      priority: Math.floor(random() * 4),
      category: i % 4,
      openedAt,
      firstResponseAt,
      resolvedAt,
      pausedSeconds: 0,
      deadline: now + 30 * 24 * 3600,
    };
    const signature = await signReceipt(issuers[desk]!, ratingsContract, receipt);
    const score = 1 + Math.floor(random() * 5);
    const tags = Math.floor(random() * 16);
    await queue(
      receipt.requester,
      ratings.address,
      encodeFunctionData({
        abi: ratings.abi,
        functionName: "rate",
        args: [receipt, signature, issuers[desk].address, score, tags, i % 3 === 0 ? `Ticket ${i + 1}: "quick", helpful` : ""],
      }),
    );
    rated.push({ ratingId: toHex((BigInt(receipt.deskId) << 64n) | receipt.ticketId, { size: 32 }), agent });
  }
  let voids = 0;
  let replies = 0;
  for (const [i, { ratingId, agent }] of rated.entries()) {
    if (i % 40 === 5) {
      await queue(timelock.address, ratings.address, encodeFunctionData({ abi: ratings.abi, functionName: "voidRating", args: [ratingId, "Abusive"] }));
      voids++;
    } else if (i % 30 === 7) {
      await queue(agent, ratings.address, encodeFunctionData({ abi: ratings.abi, functionName: "reply", args: [ratingId, "Thanks!"] }));
      replies++;
    }
  }
  if (pending) await flush();
  await provider.request({ method: "evm_setAutomine", params: [true] });

  return { deployment: protocol.deployment, protocol, ratings: options.ratings, voids, replies, agents, deskIds: [1, 2] };
}
