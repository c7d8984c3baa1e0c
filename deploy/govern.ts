/**
 * Drives proposals through the real governor: propose → vote → (advance time) → queue → execute.
 * Used by the flow tests and by `seed` on the local chain; on a public network each step is a separate
 * transaction days apart, which is exactly what these helpers do with time travel in between.
 */
import type { Address, Hex, PublicClient, TestClient, WalletClient } from "viem";
import { encodeFunctionData, keccak256, toHex } from "viem";

export interface Call {
  target: Address;
  value?: bigint;
  data: Hex;
}

export interface GovernorLike {
  address: Address;
  abi: readonly unknown[];
}

export enum ProposalState {
  Pending = 0,
  Active = 1,
  Canceled = 2,
  Defeated = 3,
  Succeeded = 4,
  Queued = 5,
  Expired = 6,
  Executed = 7,
}

export enum Vote {
  Against = 0,
  For = 1,
  Abstain = 2,
}

/** Encodes a call to `abi`'s `functionName` with `args`. */
export function call(target: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[]): Call {
  return { target, data: encodeFunctionData({ abi: abi as never, functionName, args } as never) };
}

export interface GovernanceClients {
  publicClient: PublicClient;
  testClient: TestClient;
}

async function send(publicClient: PublicClient, wallet: WalletClient, governor: GovernorLike, functionName: string, args: readonly unknown[]) {
  const hash = await wallet.writeContract({
    address: governor.address,
    abi: governor.abi as never,
    functionName,
    args,
    account: wallet.account!,
    chain: wallet.chain,
  } as never);
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`${functionName} reverted (${hash})`);
  return receipt;
}

async function read<T>(publicClient: PublicClient, governor: GovernorLike, functionName: string, args: readonly unknown[]) {
  return (await publicClient.readContract({ address: governor.address, abi: governor.abi as never, functionName, args } as never)) as T;
}

/** Advances the local chain's clock by `seconds` and mines a block. */
export async function advanceTime(testClient: TestClient, seconds: bigint | number) {
  await testClient.increaseTime({ seconds: Number(seconds) });
  await testClient.mine({ blocks: 1 });
}

/** Proposes `calls`; returns the proposal id. */
export async function propose(
  { publicClient }: GovernanceClients,
  governor: GovernorLike,
  proposer: WalletClient,
  calls: Call[],
  description: string,
): Promise<bigint> {
  const args = [calls.map((c) => c.target), calls.map((c) => c.value ?? 0n), calls.map((c) => c.data), description] as const;
  const id = await read<bigint>(publicClient, governor, "getProposalId", [
    args[0],
    args[1],
    args[2],
    keccak256(toHex(description)),
  ]);
  await send(publicClient, proposer, governor, "propose", args);
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
  const id = await propose(clients, governor, proposer, calls, description);
  const delay = await read<bigint>(publicClient, governor, "votingDelay", []);
  await advanceTime(testClient, delay + 1n);
  for (const voter of voters) await send(publicClient, voter, governor, "castVote", [id, Vote.For]);
  const deadline = await read<bigint>(publicClient, governor, "proposalDeadline", [id]);
  const now = (await publicClient.getBlock()).timestamp;
  if (deadline >= now) await advanceTime(testClient, deadline - now + 1n);
  await send(publicClient, proposer, governor, "queue", [id]);
  const eta = await read<bigint>(publicClient, governor, "proposalEta", [id]);
  const later = (await publicClient.getBlock()).timestamp;
  if (eta > later) await advanceTime(testClient, eta - later);
  await send(publicClient, proposer, governor, "execute", [id]);
  const state = await read<number>(publicClient, governor, "state", [id]);
  if (state !== ProposalState.Executed) throw new Error(`proposal ${id} ended ${ProposalState[state]}`);
  return id;
}
