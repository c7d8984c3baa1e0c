/**
 * Drives proposals through the real governor: propose → vote → (advance time) → queue → execute.
 * Test and local-stack support (the flow tests and `seed`), not part of the deploy path: on a public
 * network each step is a separate transaction days apart, which these helpers compress with time travel.
 */
import { PROPOSAL_STATE_NAMES, ProposalState, supportGovernorAbi, VoteType } from "@support-quality/sdk";
import type { Abi, Address, ContractFunctionArgs, ContractFunctionName, Hex, PublicClient, TestClient, WalletClient } from "viem";
import { keccak256, toHex } from "viem";
import { accountOf, calldata } from "./tx.js";

export interface Call {
  target: Address;
  value?: bigint;
  data: Hex;
}

/** The governor, by address (its ABI is the SDK's). */
export interface GovernorLike {
  address: Address;
}

/** Encodes a call to `target`: `functionName` of `abi` with `args`, checked against the ABI at the call site. */
export function call<const abi extends Abi, name extends ContractFunctionName<abi, "nonpayable" | "payable">>(
  target: Address,
  abi: abi,
  functionName: name,
  args: ContractFunctionArgs<abi, "nonpayable" | "payable", name> & readonly unknown[],
): Call {
  return { target, data: calldata({ address: target, abi, functionName, args }) };
}

export interface GovernanceClients {
  publicClient: PublicClient;
  testClient: TestClient;
}

async function confirm(publicClient: PublicClient, hash: Hex, what: string) {
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`${what} reverted (${hash})`);
  return receipt;
}

/** Advances the local chain's clock by `seconds` and mines a block. */
export async function advanceTime(testClient: TestClient, seconds: bigint | number) {
  await testClient.increaseTime({ seconds: Number(seconds) });
  await testClient.mine({ blocks: 1 });
}

const proposalArgs = (calls: Call[]) => [calls.map((c) => c.target), calls.map((c) => c.value ?? 0n), calls.map((c) => c.data)] as const;

/** Proposes `calls`; returns the proposal id. */
export async function propose(
  { publicClient }: GovernanceClients,
  governor: GovernorLike,
  proposer: WalletClient,
  calls: Call[],
  description: string,
): Promise<bigint> {
  const [targets, values, calldatas] = proposalArgs(calls);
  const g = { address: governor.address, abi: supportGovernorAbi } as const;
  const id = await publicClient.readContract({ ...g, functionName: "getProposalId", args: [targets, values, calldatas, keccak256(toHex(description))] });
  await confirm(
    publicClient,
    await proposer.writeContract({
      ...g,
      functionName: "propose",
      args: [targets, values, calldatas, description],
      account: accountOf(proposer),
      chain: proposer.chain,
    }),
    "propose",
  );
  return id;
}

/**
 * Passes `calls` through governance with `voters` voting For, advancing time on the local chain.
 * Returns the proposal id once executed.
 */
export async function passProposal(
  clients: GovernanceClients,
  governor: GovernorLike,
  proposer: WalletClient,
  voters: WalletClient[],
  calls: Call[],
  description: string,
): Promise<bigint> {
  const { publicClient, testClient } = clients;
  const g = { address: governor.address, abi: supportGovernorAbi } as const;
  const id = await propose(clients, governor, proposer, calls, description);
  const delay = await publicClient.readContract({ ...g, functionName: "votingDelay" });
  await advanceTime(testClient, delay + 1n);
  for (const voter of voters)
    await confirm(
      publicClient,
      await voter.writeContract({ ...g, functionName: "castVote", args: [id, VoteType.For], account: accountOf(voter), chain: voter.chain }),
      "castVote",
    );
  const deadline = await publicClient.readContract({ ...g, functionName: "proposalDeadline", args: [id] });
  const now = (await publicClient.getBlock()).timestamp;
  if (deadline >= now) await advanceTime(testClient, deadline - now + 1n);
  await confirm(
    publicClient,
    await proposer.writeContract({ ...g, functionName: "queue", args: [id], account: accountOf(proposer), chain: proposer.chain }),
    "queue",
  );
  const eta = await publicClient.readContract({ ...g, functionName: "proposalEta", args: [id] });
  const later = (await publicClient.getBlock()).timestamp;
  if (eta > later) await advanceTime(testClient, eta - later);
  await confirm(
    publicClient,
    await proposer.writeContract({ ...g, functionName: "execute", args: [id], account: accountOf(proposer), chain: proposer.chain }),
    "execute",
  );
  const state = await publicClient.readContract({ ...g, functionName: "state", args: [id] });
  if (state !== ProposalState.Executed) throw new Error(`proposal ${id} ended ${PROPOSAL_STATE_NAMES[state]}`);
  return id;
}
