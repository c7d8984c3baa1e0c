/**
 * Governance step by step for attack tests: an attacker's proposal is proposed, voted by exactly the
 * voters it can muster, and either ends Defeated or is queued so its execution can be tried.
 */
import assert from "node:assert/strict";
import { ProposalState, VoteType } from "@support-quality/sdk";
import { DEFAULT_OPTIONS } from "../../deploy/protocol.js";
import { advanceTime, type Call, propose } from "../../scripts/stack/govern.js";
import { latestTimestamp, type World } from "./fixtures.js";

type Voter = World["alice"];

/** Proposes `calls` as `proposer` and lets the voting delay pass; returns the proposal id. */
export async function proposeAndOpen(world: World, proposer: Voter, calls: Call[], description: string) {
  const id = await propose(world.clients, world.protocol.governor, proposer, calls, description);
  await advanceTime(world.testClient, DEFAULT_OPTIONS.votingDelay + 1);
  return id;
}

/** Every voter votes For, then the clock passes the proposal's (possibly extended) deadline. */
export async function voteAndClose(world: World, id: bigint, voters: Voter[]) {
  const { governor } = world.protocol;
  for (const voter of voters) {
    await world.publicClient.waitForTransactionReceipt({
      hash: await governor.write.castVote([id, VoteType.For], { account: voter.account }),
    });
  }
  const deadline = await governor.read.proposalDeadline([id]);
  const now = BigInt(await latestTimestamp(world));
  if (deadline >= now) await advanceTime(world.testClient, deadline - now + 1n);
}

/** The attacker's full attempt: propose, vote with `voters`, close. Returns the id and final state. */
export async function attempt(world: World, calls: Call[], description: string, voters: Voter[]) {
  const id = await proposeAndOpen(world, voters[0], calls, description);
  await voteAndClose(world, id, voters);
  return { id, state: await world.protocol.governor.read.state([id]) };
}

/** Asserts the proposal needed the critical quorum and was defeated by the votes it got. */
export async function assertDefeatedAsCritical(world: World, id: bigint) {
  const { governor } = world.protocol;
  assert.equal(await governor.read.proposalIsCritical([id]), true, "the proposal is critical");
  assert.equal(await governor.read.proposalQuorumNumerator([id]), DEFAULT_OPTIONS.criticalQuorumPercent);
  assert.equal(await governor.read.state([id]), ProposalState.Defeated, "defeated below the critical quorum");
}

/** Passes `calls` (alice + council: 25 %) up to the end of the timelock delay; returns the execute args. */
export async function queueWithCriticalSupport(world: World, calls: Call[], description: string) {
  const { governor } = world.protocol;
  const { id } = await attempt(world, calls, description, [world.alice, world.council]);
  assert.equal(await governor.read.state([id]), ProposalState.Succeeded);
  await world.publicClient.waitForTransactionReceipt({ hash: await governor.write.queue([id], { account: world.alice.account }) });
  const eta = await governor.read.proposalEta([id]);
  const now = BigInt(await latestTimestamp(world));
  if (eta > now) await advanceTime(world.testClient, eta - now);
  return id;
}
