/**
 * Governance flows on the real deploy path: policies published by proposals, the critical-action quorum,
 * snapshot voting against flash loans, late-quorum protection and the guardian's cancel.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { PolicyKind, ProposalState, policyContentHash, VoteType as Vote } from "@support-quality/sdk";
import { network } from "hardhat";
import { getAddress, type Hex, keccak256, parseEther, parseEventLogs, toHex, type WalletClient } from "viem";
import { DEFAULT_OPTIONS } from "../../deploy/protocol.js";
import { advanceTime, call, propose } from "../../scripts/stack/govern.js";
import {
  BALANCES,
  type Connection,
  deployWorld,
  distributeAndDelegate,
  latestTimestamp,
  mined,
  RATING_RULES_PARAMS,
  RATING_RULES_TEXT,
  ratingPolicyCalls,
  ratingRulesParams,
  SLA_PARAMS,
  SLA_TEXT,
  slaParams,
  type World,
} from "../support/fixtures.js";

const SUPPLY = DEFAULT_OPTIONS.initialSupply;
const asWallet = (w: World["alice"]): WalletClient => w;

/** Packs four uint16 targets the way PolicyRegistry stores them (priority i at bits 16·i). */
const pack = (minutes: readonly number[]) => minutes.reduce((acc, m, i) => acc | (BigInt(m) << BigInt(16 * i)), 0n);

async function delegatedWorld(connection: Connection) {
  const world = await deployWorld(connection);
  await distributeAndDelegate(world);
  return world;
}

async function guardedWorld(connection: Connection) {
  const [, , , , , , , , , , , guardian] = await connection.viem.getWalletClients();
  const world = await deployWorld(connection, { guardian: guardian.account.address });
  await distributeAndDelegate(world);
  return world;
}

/** Moves the clock past the voting delay so the proposal is Active. */
async function startVoting(world: World) {
  await advanceTime(world.testClient, DEFAULT_OPTIONS.votingDelay + 1);
}

/** Moves the clock past the proposal's (possibly extended) deadline. */
async function endVoting(world: World, id: bigint) {
  const deadline = await world.protocol.governor.read.proposalDeadline([id]);
  const now = BigInt(await latestTimestamp(world));
  await advanceTime(world.testClient, deadline - now + 1n);
}

const generalPolicyCall = (world: World, text: string) =>
  call(world.protocol.policyRegistry.address, world.protocol.policyRegistry.abi, "publishPolicy", [
    PolicyKind.General,
    0n,
    0,
    { title: "Code of conduct", text, uri: "", params: "0x" },
  ]);

describe("governance flows", () => {
  let connection: Connection;
  before(async () => {
    connection = await network.create();
  });

  it("publishes the SLA and rating rules through propose → vote → queue → execute", async () => {
    const world = await connection.networkHelpers.loadFixture(delegatedWorld);
    const { governor, policyRegistry, timelock } = world.protocol;
    const { viem } = connection;
    const description = "Adopt the SLA and the rating rules";
    const calls = ratingPolicyCalls(world);

    const id = await propose(world.clients, governor, asWallet(world.alice), calls, description);
    assert.equal(await governor.read.state([id]), ProposalState.Pending);
    assert.equal(await governor.read.proposalIsCritical([id]), false);

    await startVoting(world);
    assert.equal(await governor.read.state([id]), ProposalState.Active);
    // Carol votes first (1 %), alice's vote reaches the 4 % quorum, bob's is an ordinary later vote.
    const gas: Record<string, bigint> = {};
    for (const [name, label] of [
      ["carol", "first vote of the proposal"],
      ["alice", "vote that reaches quorum"],
      ["bob", "steady state: a later vote"],
    ] as const) {
      const voter = world[name];
      const vote = await governor.write.castVote([id, Vote.For], { account: voter.account });
      await viem.assertions.emitWithArgs(vote, governor, "VoteCast", [getAddress(voter.account.address), id, Vote.For, BALANCES[name], ""]);
      gas[label] = (await mined(world, vote)).gasUsed;
    }
    console.log(
      `gas: castVote ${Object.entries(gas)
        .map(([label, used]) => `(${label}) = ${used}`)
        .join(", ")}`,
    );
    assert.deepEqual(await governor.read.proposalVotes([id]), [0n, BALANCES.alice + BALANCES.bob + BALANCES.carol, 0n]);

    await endVoting(world, id);
    assert.equal(await governor.read.state([id]), ProposalState.Succeeded);
    await mined(world, governor.write.queue([id], { account: world.alice.account }));
    assert.equal(await governor.read.state([id]), ProposalState.Queued);
    const eta = await governor.read.proposalEta([id]);
    await advanceTime(world.testClient, eta - BigInt(await latestTimestamp(world)));

    const hash = await governor.write.execute([id], { account: world.bob.account });
    const executedAt = Number((await world.publicClient.getBlock({ blockNumber: (await mined(world, hash)).blockNumber })).timestamp);
    assert.equal(await governor.read.state([id]), ProposalState.Executed);
    const publisher = getAddress(timelock.address);
    await viem.assertions.emitWithArgs(hash, policyRegistry, "PolicyPublished", [
      1n,
      1n,
      PolicyKind.SLA,
      policyContentHash(PolicyKind.SLA, { text: SLA_TEXT, uri: "", params: slaParams() }),
      executedAt,
      publisher,
      { title: "Service levels", text: SLA_TEXT, uri: "", params: slaParams() },
    ]);
    await viem.assertions.emitWithArgs(hash, policyRegistry, "PolicyPublished", [
      2n,
      1n,
      PolicyKind.RatingRules,
      policyContentHash(PolicyKind.RatingRules, { text: RATING_RULES_TEXT, uri: "", params: ratingRulesParams() }),
      executedAt,
      publisher,
      { title: "Rating rules", text: RATING_RULES_TEXT, uri: "", params: ratingRulesParams() },
    ]);

    assert.equal(await policyRegistry.read.policyCount(), 2n);
    assert.equal(await policyRegistry.read.policyOfKind([PolicyKind.SLA]), 1n);
    assert.equal(await policyRegistry.read.policyOfKind([PolicyKind.RatingRules]), 2n);
    assert.deepEqual(await policyRegistry.read.version([1n, 1n]), {
      contentHash: policyContentHash(PolicyKind.SLA, { text: SLA_TEXT, uri: "", params: slaParams() }),
      effectiveFrom: executedAt,
      publishedAt: executedAt,
      cancelledAt: 0,
      previous: 0,
      termsEntry: 1,
    });
    assert.equal(await policyRegistry.read.versionAt([1n, executedAt]), 1n);
    assert.equal(await policyRegistry.read.versionAt([1n, executedAt - 1]), 0n);
    assert.equal(await policyRegistry.read.versionAt([2n, executedAt + 1000]), 1n);

    assert.deepEqual(await policyRegistry.read.ratingTermsAt([executedAt]), {
      effectiveFrom: executedAt,
      slaVersion: 1,
      rulesVersion: 1,
      ratingWindow: RATING_RULES_PARAMS.ratingWindow,
      scale: RATING_RULES_PARAMS.scale,
      tagCount: RATING_RULES_PARAMS.tags.length,
      categoryCount: RATING_RULES_PARAMS.categories.length,
      businessHours: 0,
      firstResponseMinutes: pack(SLA_PARAMS.firstResponseMinutes),
      resolutionMinutes: pack(SLA_PARAMS.resolutionMinutes),
    });
    // The ratings contract's mirror received the same newest terms in the same transaction.
    assert.deepEqual(await world.protocol.ratings.read.latestRatingTerms(), await policyRegistry.read.ratingTermsAt([executedAt]));
    // Before the proposal executed no terms were in force.
    const before = await policyRegistry.read.ratingTermsAt([executedAt - 1]);
    assert.equal(before.rulesVersion, 0);
    assert.equal(before.slaVersion, 0);
  });

  it("defeats a critical proposal that reaches the normal quorum but not the critical one", async () => {
    const world = await connection.networkHelpers.loadFixture(delegatedWorld);
    const { governor, policyRegistry } = world.protocol;
    const { viem } = connection;
    const securityScript = call(policyRegistry.address, policyRegistry.abi, "publishPolicy", [
      PolicyKind.SecurityScript,
      0n,
      0,
      { title: "Security script", text: "Support never asks for your seed phrase.", uri: "", params: "0x" },
    ]);
    const normal = generalPolicyCall(world, "Agents are polite and name their desk.");
    assert.equal(await governor.read.isCriticalCall([securityScript.target, 0n, securityScript.data]), true);
    assert.equal(await governor.read.isCriticalCall([normal.target, 0n, normal.data]), false);

    const criticalDescription = "Adopt the security script";
    const criticalId = await governor.read.getProposalId([[securityScript.target], [0n], [securityScript.data], keccak256(toHex(criticalDescription))]);
    await viem.assertions.emitWithArgs(
      governor.write.propose([[securityScript.target], [0n], [securityScript.data], criticalDescription], {
        account: world.alice.account,
      }),
      governor,
      "ProposalMarkedCritical",
      [criticalId, DEFAULT_OPTIONS.criticalQuorumPercent],
    );
    const normalId = await propose(world.clients, governor, asWallet(world.alice), [normal], "Adopt a code of conduct");

    // A governance parameter is critical too.
    const periodCall = call(governor.address, governor.abi, "setVotingPeriod", [7 * 24 * 3600]);
    const periodId = await propose(world.clients, governor, asWallet(world.alice), [periodCall], "Longer votes");

    assert.equal(await governor.read.proposalIsCritical([criticalId]), true);
    assert.equal(await governor.read.proposalIsCritical([periodId]), true);
    assert.equal(await governor.read.proposalIsCritical([normalId]), false);
    assert.equal(await governor.read.proposalQuorumNumerator([criticalId]), 20n);
    assert.equal(await governor.read.proposalQuorumNumerator([periodId]), 20n);
    assert.equal(await governor.read.proposalQuorumNumerator([normalId]), 4n);

    await startVoting(world);
    assert.equal(await governor.read.proposalQuorum([criticalId]), (SUPPLY * 20n) / 100n);
    assert.equal(await governor.read.proposalQuorum([normalId]), (SUPPLY * 4n) / 100n);
    // The same 15 % (alice 10 % + bob 5 %) on each proposal.
    for (const id of [criticalId, normalId, periodId]) {
      for (const voter of [world.alice, world.bob]) {
        await mined(world, governor.write.castVote([id, Vote.For], { account: voter.account }));
      }
      assert.deepEqual(await governor.read.proposalVotes([id]), [0n, BALANCES.alice + BALANCES.bob, 0n]);
    }
    await endVoting(world, periodId); // the last proposed, so the last to end

    assert.equal(await governor.read.state([criticalId]), ProposalState.Defeated);
    assert.equal(await governor.read.state([periodId]), ProposalState.Defeated);
    assert.equal(await governor.read.state([normalId]), ProposalState.Succeeded);
    await viem.assertions.revertWithCustomErrorWithArgs(
      governor.write.queue([criticalId], { account: world.alice.account }),
      governor,
      "GovernorUnexpectedProposalState",
      [criticalId, ProposalState.Defeated, toHex(1n << BigInt(ProposalState.Succeeded), { size: 32 })],
    );
  });

  it("counts votes at the snapshot: tokens moved in after it weigh nothing", async () => {
    const world = await connection.networkHelpers.loadFixture(delegatedWorld);
    const { governor, token } = world.protocol;
    const { viem } = connection;
    const id = await propose(world.clients, governor, asWallet(world.alice), [generalPolicyCall(world, "Be kind.")], "Kindness");
    const snapshot = await governor.read.proposalSnapshot([id]);
    await startVoting(world);

    // A flash loan: after the snapshot, 3M tokens (more than the critical quorum) land on dave, who
    // delegates and votes; alice sends half her tokens away and votes too.
    const loan = parseEther("3000000");
    await mined(world, token.write.transfer([world.dave.account.address, loan]));
    await mined(world, token.write.delegate([world.dave.account.address], { account: world.dave.account }));
    await mined(world, token.write.transfer([world.dave.account.address, BALANCES.alice / 2n], { account: world.alice.account }));
    assert.equal(await token.read.getVotes([world.dave.account.address]), loan + BALANCES.alice / 2n);
    assert.equal(await token.read.getPastVotes([world.dave.account.address, snapshot]), 0n);
    assert.equal(await governor.read.getVotes([world.dave.account.address, snapshot]), 0n);
    assert.equal(await governor.read.getVotes([world.alice.account.address, snapshot]), BALANCES.alice);

    await viem.assertions.emitWithArgs(governor.write.castVote([id, Vote.Against], { account: world.dave.account }), governor, "VoteCast", [
      getAddress(world.dave.account.address),
      id,
      Vote.Against,
      0n,
      "",
    ]);
    await viem.assertions.emitWithArgs(
      governor.write.castVoteWithReason([id, Vote.For, "kindness matters"], { account: world.alice.account }),
      governor,
      "VoteCast",
      [getAddress(world.alice.account.address), id, Vote.For, BALANCES.alice, "kindness matters"],
    );
    assert.deepEqual(await governor.read.proposalVotes([id]), [0n, BALANCES.alice, 0n]);
    assert.equal(await governor.read.hasVoted([id, world.dave.account.address]), true);
  });

  it("counts tokens delegated during the voting delay (the snapshot is propose time + votingDelay)", async () => {
    // Documents OZ's snapshot rule: only tokens moved after the snapshot, not after `propose`, weigh nothing.
    const world = await connection.networkHelpers.loadFixture(delegatedWorld);
    const { governor, token } = world.protocol;
    const id = await propose(world.clients, governor, asWallet(world.alice), [generalPolicyCall(world, "Be kind.")], "Kindness");
    const stake = parseEther("50000");
    await mined(world, token.write.transfer([world.dave.account.address, stake]));
    await mined(world, token.write.delegate([world.dave.account.address], { account: world.dave.account }));
    const snapshot = await governor.read.proposalSnapshot([id]);
    assert.ok(BigInt(await latestTimestamp(world)) < snapshot);
    await startVoting(world);
    await connection.viem.assertions.emitWithArgs(governor.write.castVote([id, Vote.For], { account: world.dave.account }), governor, "VoteCast", [
      getAddress(world.dave.account.address),
      id,
      Vote.For,
      stake,
      "",
    ]);
  });

  it("extends the deadline when quorum is reached late", async () => {
    const world = await connection.networkHelpers.loadFixture(delegatedWorld);
    const { governor } = world.protocol;
    const { viem, networkHelpers } = connection;
    const id = await propose(world.clients, governor, asWallet(world.alice), [generalPolicyCall(world, "Be kind.")], "Kindness");
    await startVoting(world);
    const deadline = await governor.read.proposalDeadline([id]);
    assert.equal(deadline, (await governor.read.proposalSnapshot([id])) + BigInt(DEFAULT_OPTIONS.votingPeriod));

    // Carol's 1 % does not reach the 4 % quorum: no extension.
    await mined(world, governor.write.castVote([id, Vote.For], { account: world.carol.account }));
    assert.equal(await governor.read.proposalDeadline([id]), deadline);

    // Ten seconds before the deadline alice's vote reaches the quorum.
    const voteTime = deadline - 10n;
    await networkHelpers.time.setNextBlockTimestamp(voteTime);
    const extended = voteTime + BigInt(DEFAULT_OPTIONS.lateQuorumExtension);
    await viem.assertions.emitWithArgs(governor.write.castVote([id, Vote.For], { account: world.alice.account }), governor, "ProposalExtended", [id, extended]);
    assert.equal(await governor.read.proposalDeadline([id]), extended);

    // Past the original deadline the vote is still open; bob can still vote.
    await advanceTime(world.testClient, 3600);
    assert.equal(await governor.read.state([id]), ProposalState.Active);
    await mined(world, governor.write.castVote([id, Vote.Against], { account: world.bob.account }));
    await endVoting(world, id);
    assert.deepEqual(await governor.read.proposalVotes([id]), [BALANCES.bob, BALANCES.alice + BALANCES.carol, 0n]);
    assert.equal(await governor.read.state([id]), ProposalState.Succeeded);
  });

  it("lets the guardian, and no one else, cancel a queued proposal", async () => {
    const world = await connection.networkHelpers.loadFixture(guardedWorld);
    const { governor, timelock } = world.protocol;
    const { viem } = connection;
    assert.equal(await governor.read.proposalGuardian(), getAddress(world.guardian.account.address));

    const description = "A malicious code of conduct";
    const policy = generalPolicyCall(world, "Send your seed phrase to support.");
    const id = await propose(world.clients, governor, asWallet(world.alice), [policy], description);
    await startVoting(world);
    await mined(world, governor.write.castVote([id, Vote.For], { account: world.alice.account }));
    await endVoting(world, id);
    const queued = await mined(world, governor.write.queue([id], { account: world.alice.account }));
    const [scheduled] = parseEventLogs({ abi: timelock.abi, logs: queued.logs, eventName: "CallScheduled" });
    const operationId = scheduled.args.id;
    assert.equal(await timelock.read.isOperationPending([operationId]), true);
    assert.equal(await governor.read.state([id]), ProposalState.Queued);

    const cancelArgs = [[policy.target], [0n], [policy.data], keccak256(toHex(description))] as const;
    // Neither a voter nor the proposer may cancel a queued proposal.
    for (const caller of [world.bob, world.alice, world.deployer]) {
      await viem.assertions.revertWithCustomErrorWithArgs(governor.write.cancel(cancelArgs, { account: caller.account }), governor, "GovernorUnableToCancel", [
        id,
        getAddress(caller.account.address),
      ]);
    }

    const hash: Hex = await governor.write.cancel(cancelArgs, { account: world.guardian.account });
    await viem.assertions.emitWithArgs(hash, governor, "ProposalCanceled", [id]);
    await viem.assertions.emitWithArgs(hash, timelock, "Cancelled", [operationId]);
    assert.equal(await governor.read.state([id]), ProposalState.Canceled);
    assert.equal(await timelock.read.isOperation([operationId]), false);

    // A cancelled proposal never executes, even after its eta.
    await advanceTime(world.testClient, DEFAULT_OPTIONS.timelockDelay + 1n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      governor.write.execute([id], { account: world.alice.account }),
      governor,
      "GovernorUnexpectedProposalState",
      [
        id,
        ProposalState.Canceled,
        // A proposal that needs queuing executes only from Queued.
        toHex(1n << BigInt(ProposalState.Queued), { size: 32 }),
      ],
    );
  });
});
