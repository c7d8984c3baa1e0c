/**
 * A fast builder of issue 13's scale world for `bench/indexer.ts --scale` (a benchmark's set-up, not a
 * test): many desks and agents registered by the impersonated timelock, policies published, real governor
 * proposals with votes, then ratings from receipts signed locally by per-desk issuer keys, sent by
 * impersonated requesters in blocks of hundreds of transactions (automine off, many `eth_sendTransaction`
 * in flight at once, then one `evm_mine`). Prints its progress with timings.
 */

import { encodeRatingRulesParams, encodeSlaParams, PolicyKind, type Receipt, signReceipt, supportGovernorAbi, VoteType } from "@support-quality/sdk";
import type { Deployment } from "@support-quality/sdk/audit";
import type { NetworkConnection } from "hardhat/types/network";
import { type Abi, type Address, type ContractFunctionName, encodeFunctionData, type Hex, keccak256, parseEther, parseGwei, toHex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { deployProtocol } from "../../deploy/protocol.js";
import { type ContractCall, calldata } from "../../scripts/stack/tx.js";
import { prng, RULES_PARAMS, SLA_PARAMS } from "./audit-history.js";

export interface ScaleOptions {
  ratings: number;
  desks: number;
  agentsPerDesk: number;
  proposals: number;
  seed?: number;
  /** Transactions per block (default 100). */
  perBlock?: number;
  /** Distinct requesters (default 300). */
  requesters?: number;
  /** Share of all ratings that go to one "hot" agent (desk 1's first), default 0.03. */
  hotShare?: number;
  log?: (line: string) => void;
}

export interface ScaleHistory {
  deployment: Deployment;
  protocol: Awaited<ReturnType<typeof deployProtocol>>;
  ratings: number;
  voids: number;
  replies: number;
  proposals: number;
  votes: number;
  agents: Address[];
  deskIds: number[];
  /** The agent with the most ratings. */
  hotAgent: Address;
  hotAgentRatings: number;
  timings: Record<string, number>;
}

/** A deterministic address from a label (no key: these accounts are impersonated). */
const addressOf = (label: string) => `0x${keccak256(toHex(label)).slice(-40)}` as Address;

export async function buildScaleHistory(connection: NetworkConnection, options: ScaleOptions): Promise<ScaleHistory> {
  const { viem, provider } = connection;
  const log = options.log ?? ((line: string) => console.log(line));
  const random = prng(options.seed ?? 13);
  const perBlock = options.perBlock ?? 100;
  const timings: Record<string, number> = {};
  let mark = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - mark) / 1000;
    mark = now;
    return timings[name];
  };
  const rpc = (method: string, params: unknown[] = []) => provider.request({ method, params });

  const protocol = await deployProtocol(viem);
  const { timelock, agentRegistry, policyRegistry, ratings, token, governor } = protocol;
  const publicClient = await viem.getPublicClient();
  const chainId = await publicClient.getChainId();
  lap("deploy");

  // Blocks big enough for hundreds of transactions (each declares its own gas limit below).
  try {
    await rpc("evm_setBlockGasLimit", [toHex(2_000_000_000)]);
  } catch (error) {
    log(`evm_setBlockGasLimit not supported (${(error as Error).message.split("\n")[0]}): blocks stay at the default gas limit`);
  }

  await rpc("evm_setAutomine", [false]);
  // Explicit nonces and fees: without them Hardhat works out the sender's next nonce (and the fee) from the
  // pending block on every send — re-running the pending transactions, a cost that grows with the block.
  const nonces = new Map<Address, number>();
  const nextNonce = async (from: Address) => {
    let nonce = nonces.get(from);
    if (nonce === undefined) nonce = Number(await rpc("eth_getTransactionCount", [from, "latest"]));
    nonces.set(from, nonce + 1);
    return nonce;
  };
  const fee = { maxFeePerGas: toHex(parseGwei("50")), maxPriorityFeePerGas: toHex(parseGwei("1")) };
  const send = (from: Address, to: Address, data: Hex, nonce: number, gas = 1_000_000) =>
    rpc("eth_sendTransaction", [{ from, to, data, gas: toHex(gas), nonce: toHex(nonce), ...fee }]) as Promise<Hex>;
  const dao = <const abi extends Abi, name extends ContractFunctionName<abi, "nonpayable" | "payable">>(
    to: Address,
    abi: abi,
    functionName: name,
    args: ContractCall<abi, name>["args"],
  ) => ({ from: timelock.address, to, data: calldata({ address: to, abi, functionName, args }) });
  /** Sends `txs` (chunks of 200 in flight), mines until all are in blocks, checks every receipt. */
  let mined = 0;
  const phaseMs = { send: 0, mine: 0, receipts: 0 };
  type Tx = { from: Address; to: Address; data: Hex; gas?: number };
  /**
   * Hardhat's mempool re-validates the pending transactions on each send, so a block's cost grows with the
   * square of its size: blocks of at most `perBlock` transactions.
   */
  const batch = async (txs: Tx[], what: string) => {
    for (let i = 0; i < txs.length; i += perBlock) await block(txs.slice(i, i + perBlock), what);
  };
  const block = async (txs: Tx[], what: string) => {
    const hashes: Hex[] = [];
    let t = performance.now();
    // Nonces are given in order of the list; the sends then go in parallel.
    const withNonces = [];
    for (const tx of txs) withNonces.push({ ...tx, nonce: await nextNonce(tx.from) });
    const senders = new Set(txs.map((tx) => tx.from)).size;
    for (let i = 0; i < withNonces.length; i += 200)
      hashes.push(...(await Promise.all(withNonces.slice(i, i + 200).map((tx) => send(tx.from, tx.to, tx.data, tx.nonce, tx.gas)))));
    phaseMs.send += performance.now() - t;
    t = performance.now();
    await rpc("evm_mine");
    mined++;
    for (let pending = Number(((await rpc("eth_getBlockByNumber", ["pending", false])) as { transactions: Hex[] }).transactions.length); pending > 0; ) {
      await rpc("evm_mine");
      mined++;
      pending = Number(((await rpc("eth_getBlockByNumber", ["pending", false])) as { transactions: Hex[] }).transactions.length);
    }
    phaseMs.mine += performance.now() - t;
    t = performance.now();
    for (let i = 0; i < hashes.length; i += 500) {
      const receipts = (await Promise.all(hashes.slice(i, i + 500).map((hash) => rpc("eth_getTransactionReceipt", [hash])))) as ({
        status: Hex;
      } | null)[];
      const failed = receipts.findIndex((r) => r?.status !== "0x1");
      if (failed >= 0) throw new Error(`${what}: transaction ${hashes[i + failed]} ${receipts[failed] ? "reverted" : "was not mined"}`);
    }
    phaseMs.receipts += performance.now() - t;
    if (process.env.SCALE_DEBUG) log(`    ${what}: ${txs.length} txs, ${senders} senders; ${JSON.stringify(phaseMs)}`);
  };
  const impersonate = async (accounts: Address[]) => {
    for (let i = 0; i < accounts.length; i += 200)
      await Promise.all(
        accounts.slice(i, i + 200).map(async (a) => {
          await rpc("hardhat_impersonateAccount", [a]);
          await rpc("hardhat_setBalance", [a, toHex(parseEther("1000000"))]);
        }),
      );
  };

  // Desks, an issuer key each, agents.
  await impersonate([timelock.address]);
  const issuers = Array.from({ length: options.desks }, () => privateKeyToAccount(generatePrivateKey()));
  const deskIds = Array.from({ length: options.desks }, (_, d) => d + 1);
  const agentsByDesk = deskIds.map((d) => Array.from({ length: options.agentsPerDesk }, (_, a) => addressOf(`scale-agent-${d}-${a}`)));
  const agents = agentsByDesk.flat();
  const requesters = Array.from({ length: options.requesters ?? 300 }, (_, r) => addressOf(`scale-requester-${r}`));
  await impersonate([...agents, ...requesters]);
  lap("impersonate");
  const before = Number(await agentRegistry.read.deskCount());
  // The timelock registers the desks and gives each an operator; the operators (one sender each, so their
  // transactions go in parallel) set their desk's issuer and add its agents.
  const operators = deskIds.map((d) => addressOf(`scale-operator-${d}`));
  await impersonate(operators);
  for (let i = 0; i < deskIds.length; i += 100)
    await batch(
      deskIds.slice(i, i + 100).map((d) => dao(agentRegistry.address, agentRegistry.abi, "registerDesk", [`Scale Desk ${d}`, false])),
      "registerDesk",
    );
  if (Number(await agentRegistry.read.deskCount()) !== before + options.desks) throw new Error("desks not registered");
  for (let i = 0; i < deskIds.length; i += 100)
    await batch(
      deskIds.slice(i, i + 100).map((d, k) => dao(agentRegistry.address, agentRegistry.abi, "setOperator", [before + d, operators[i + k], true])),
      "setOperator",
    );
  const asOperator = (i: number, call: Tx) => ({ ...call, from: operators[i] });
  await batch(
    deskIds.flatMap((d, i) => [
      asOperator(i, dao(agentRegistry.address, agentRegistry.abi, "setIssuer", [before + d, issuers[i].address, true])),
      ...agentsByDesk[i].map((agent, a) =>
        asOperator(i, dao(agentRegistry.address, agentRegistry.abi, "addAgent", [before + d, agent, `desk${d}-agent${a}`, 0])),
      ),
    ]),
    "desk set-up",
  );
  const publish = (kind: number, policyId: bigint, title: string, text: string, params: Hex) =>
    dao(policyRegistry.address, policyRegistry.abi, "publishPolicy", [kind, policyId, 0, { title, text, uri: "", params }]);
  await batch(
    [
      publish(PolicyKind.SLA, 0n, "Service levels", "Answer a Normal ticket within an hour.", encodeSlaParams(SLA_PARAMS)),
      publish(PolicyKind.RatingRules, 0n, "Rating rules", "Rate from 1 to 5 within 30 days.", encodeRatingRulesParams(RULES_PARAMS)),
      publish(PolicyKind.General, 0n, "Code of conduct", "Support never asks for your seed phrase.", "0x"),
    ],
    "policies",
  );
  log(`Scale world: ${options.desks} desks, ${agents.length} agents, policies (${lap("desks")} s).`);

  // Governance: voters with tokens delegated to themselves, then proposals in rounds, each voted.
  const voters = Array.from({ length: 20 }, (_, v) => addressOf(`scale-voter-${v}`));
  await impersonate(voters);
  await batch(
    voters.map((v) => ({
      from: protocol.deployer,
      to: token.address,
      data: encodeFunctionData({ abi: token.abi, functionName: "transfer", args: [v, parseEther("100000")] }),
    })),
    "token transfers",
  );
  await batch(
    voters.map((v) => ({ from: v, to: token.address, data: encodeFunctionData({ abi: token.abi, functionName: "delegate", args: [v] }) })),
    "delegations",
  );
  await rpc("evm_increaseTime", [2]);
  const votingDelay = Number(await governor.read.votingDelay());
  let votes = 0;
  const rounds = Math.max(1, Math.ceil(options.proposals / 50));
  for (let round = 0, made = 0; round < rounds; round++) {
    const count = Math.min(50, options.proposals - made);
    const ids: bigint[] = [];
    const txs = [];
    for (let p = made; p < made + count; p++) {
      const proposer = voters[p % voters.length];
      const target = agentRegistry.address;
      const data = calldata({ address: target, abi: agentRegistry.abi, functionName: "registerDesk", args: [`Proposed desk ${p + 1}`, false] });
      const description = `Scale proposal ${p + 1}: register a desk`;
      ids.push(await governor.read.getProposalId([[target], [0n], [data], keccak256(toHex(description))]));
      txs.push({
        from: proposer,
        to: governor.address,
        data: encodeFunctionData({ abi: supportGovernorAbi, functionName: "propose", args: [[target], [0n], [data], description] }),
      });
    }
    await batch(txs, "propose");
    await rpc("evm_increaseTime", [votingDelay + 1]);
    await rpc("evm_mine");
    const ballots = ids.flatMap((id, p) =>
      voters
        .filter((_, v) => (v + p) % 3 !== 0)
        .map((voter, v) => ({
          from: voter,
          to: governor.address,
          data: encodeFunctionData({
            abi: supportGovernorAbi,
            functionName: "castVote",
            args: [id, [VoteType.For, VoteType.Against, VoteType.Abstain][(v + p) % 3]],
          }),
        })),
    );
    for (let i = 0; i < ballots.length; i += 500) await batch(ballots.slice(i, i + 500), "castVote");
    votes += ballots.length;
    made += count;
  }
  log(`Scale world: ${options.proposals} proposals, ${votes} votes (${lap("governance")} s).`);

  // Ratings: tickets opened well after the agents were added and the policies took effect.
  await rpc("evm_increaseTime", [3 * 24 * 3600]);
  await rpc("evm_mine");
  const now = Number((await publicClient.getBlock()).timestamp);
  const base = now - 200_000;
  const domain = { chainId, verifyingContract: ratings.address };
  const hotAgent = agentsByDesk[0][0];
  const hotShare = options.hotShare ?? 0.03;
  let hotAgentRatings = 0;
  const rated: { ratingId: Hex; agent: Address }[] = [];
  let signMs = 0;
  let sendMs = 0;
  const started = performance.now();
  for (let i = 0; i < options.ratings; i += perBlock) {
    const t0 = performance.now();
    const txs = [];
    for (let j = i; j < Math.min(options.ratings, i + perBlock); j++) {
      const hot = random() < hotShare;
      const desk = hot ? 0 : Math.floor(random() * options.desks);
      const agent = hot ? hotAgent : agentsByDesk[desk][Math.floor(random() * options.agentsPerDesk)];
      if (agent === hotAgent) hotAgentRatings++;
      const openedAt = base + (j % 1000);
      const answered = random() < 0.95;
      const firstResponseAt = answered ? openedAt + Math.floor(random() * 7200) : 0;
      const resolvedAt = answered ? firstResponseAt + Math.floor(random() * 100_000) : 0;
      const receipt: Receipt = {
        ticketId: BigInt(j + 1),
        deskId: before + desk + 1,
        agent,
        requester: requesters[j % requesters.length],
        priority: Math.floor(random() * 4),
        category: j % 4,
        openedAt,
        firstResponseAt,
        resolvedAt,
        pausedSeconds: 0,
        deadline: now + 30 * 24 * 3600,
      };
      const signature = await signReceipt(issuers[desk], domain, receipt);
      const score = 1 + Math.floor(random() * 5);
      const tags = Math.floor(random() * 16);
      txs.push({
        from: receipt.requester,
        to: ratings.address,
        gas: 600_000,
        data: encodeFunctionData({
          abi: ratings.abi,
          functionName: "rate",
          args: [receipt, signature, issuers[desk].address, score, tags, j % 3 === 0 ? `Ticket ${j + 1}: "quick", helpful` : ""],
        }),
      });
      rated.push({ ratingId: toHex((BigInt(receipt.deskId) << 64n) | receipt.ticketId, { size: 32 }), agent });
    }
    const t1 = performance.now();
    await batch(txs, "rate");
    const t2 = performance.now();
    signMs += t1 - t0;
    sendMs += t2 - t1;
    const done = Math.min(options.ratings, i + perBlock);
    if (Math.floor(done / 10_000) !== Math.floor(i / 10_000) || done === options.ratings)
      log(
        `  ${done} ratings, ${(done / ((performance.now() - started) / 1000)).toFixed(0)}/s (signing+encoding ${(signMs / 1000).toFixed(1)} s; sending ${(phaseMs.send / 1000).toFixed(1)} s, mining ${(phaseMs.mine / 1000).toFixed(1)} s, receipts ${(phaseMs.receipts / 1000).toFixed(1)} s)`,
      );
  }
  timings.signSeconds = Math.round(signMs) / 1000;
  timings.sendSeconds = Math.round(sendMs) / 1000;
  log(`Scale world: ${options.ratings} ratings (${lap("ratings")} s, ${(options.ratings / timings.ratings).toFixed(0)}/s).`);

  // Some voids (the DAO) and replies (the agents).
  const followUps = [];
  let voids = 0;
  let replies = 0;
  for (const [i, { ratingId, agent }] of rated.entries()) {
    if (i % 40 === 5) {
      followUps.push(dao(ratings.address, ratings.abi, "voidRating", [ratingId, "Abusive"]));
      voids++;
    } else if (i % 30 === 7) {
      followUps.push({ from: agent, to: ratings.address, data: encodeFunctionData({ abi: ratings.abi, functionName: "reply", args: [ratingId, "Thanks!"] }) });
      replies++;
    }
  }
  for (let i = 0; i < followUps.length; i += perBlock) await batch(followUps.slice(i, i + perBlock), "void/reply");
  log(`Scale world: ${voids} voids, ${replies} replies (${lap("followUps")} s); ${mined} blocks mined by the builder.`);
  await rpc("evm_setAutomine", [true]);

  return {
    deployment: protocol.deployment,
    protocol,
    ratings: options.ratings,
    voids,
    replies,
    proposals: options.proposals,
    votes,
    agents,
    deskIds: deskIds.map((d) => before + d),
    hotAgent,
    hotAgentRatings,
    timings,
  };
}
