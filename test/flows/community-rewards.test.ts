/**
 * Community rewards end to end on the production deploy path: a community desk registered by a critical
 * proposal, helpers onboarded by its operator signing their own receipts, an epoch computed from the
 * ratings (one voided), its root published by proposal, claims with proofs — and `npm run audit`
 * recomputing the root, passing on the honest epoch and failing on a tampered one.
 */
import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";
import { type Receipt, signReceipt } from "@support-quality/sdk";
import { readTimeline, runAudit } from "@support-quality/sdk/audit";
import { computeRewards, type HelperReward, type RewardFormula, rewardProof, rewardTree } from "@support-quality/sdk/rewards";
import { network } from "hardhat";
import { createPublicClient, custom, getAddress, type Hex, parseEther } from "viem";
import { EXIT, runCli } from "../../scripts/audit.js";
import { advanceTime, call } from "../../scripts/stack/govern.js";
import { type Connection, govern, latestTimestamp, mined, ratingWorld, type Wallet, type World } from "../support/fixtures.js";

const BUDGET = parseEther("1000");
const CAP = parseEther("450");
const COMMUNITY = 2;
const HELPER = 2; // AgentKind.CommunityHelper

describe("community rewards", () => {
  let connection: Connection;
  let world: World & { deskId: number };
  let formula: RewardFormula;
  let rewards: HelperReward[];
  let root: Hex;
  let total: bigint;
  const rpc = () => createPublicClient({ transport: custom(connection.provider) });

  before(async () => {
    connection = await network.create();
    world = await ratingWorld(connection);
    const { agentRegistry: r, ratings, token, timelock } = world.protocol;
    await mined(world, token.write.transfer([timelock.address, parseEther("5000")]));
    await govern(
      world,
      [
        call(r.address, r.abi, "registerCommunityDesk", ["Wallet Helpers"]),
        call(r.address, r.abi, "setOperator", [COMMUNITY, world.operator.account.address, true]),
      ],
      "Open the community desk",
    );
    for (const [helper, handle] of [
      [world.dave, "dave.helps"],
      [world.carol, "carol.helps"],
    ] as const) {
      await mined(world, r.write.addAgent([COMMUNITY, helper.account.address, handle, HELPER], { account: world.operator.account }));
    }
    await advanceTime(world.testClient, 3600);

    const fromBlock = (await world.publicClient.getBlockNumber()) + 1n;
    let ticket = 9000n;
    const rate = async (helper: Wallet, requester: Wallet, score: number) => {
      const now = await latestTimestamp(world);
      const receipt: Receipt = {
        ticketId: ticket++,
        deskId: COMMUNITY,
        agent: getAddress(helper.account.address),
        requester: getAddress(requester.account.address),
        priority: 1,
        category: 1,
        openedAt: now - 1800,
        firstResponseAt: now - 1700,
        resolvedAt: now - 600,
        pausedSeconds: 0,
        deadline: now + 86_400,
      };
      const signature = await signReceipt(helper, { chainId: world.protocol.deployment.chainId, verifyingContract: ratings.address }, receipt);
      await mined(world, ratings.write.rate([receipt, signature, helper.account.address, score, 0, ""], { account: requester.account }));
      return ratings.read.selfSignedRatingIdOf([COMMUNITY, receipt.agent, receipt.ticketId]);
    };
    // dave: 5, 5, 3 (2 points: two distinct users at 4+); carol: 4, 4, and a 5 the DAO voids (2 points).
    await rate(world.dave, world.requester, 5);
    await rate(world.dave, world.otherUser, 5);
    await rate(world.dave, world.stranger, 3);
    await rate(world.carol, world.requester, 4);
    await rate(world.carol, world.relayer, 4);
    const abusive = await rate(world.carol, world.guardian, 5);
    const toBlock = await world.publicClient.getBlockNumber();
    await govern(world, [call(ratings.address, ratings.abi, "voidRating", [abusive, "Sock-puppet rating."])], "Void a sock-puppet rating");
    const asOfBlock = await world.publicClient.getBlockNumber();
    formula = { deskId: COMMUNITY, fromBlock, toBlock, asOfBlock, minScore: 4, minRatings: 2, capPerHelper: CAP };
    ({ rewards, total, root } = computeRewards((await readTimeline(rpc(), world.protocol.deployment)).rows, formula, BUDGET) as {
      rewards: HelperReward[];
      total: bigint;
      root: Hex;
    });
  });

  const publishCalls = (epochRoot: Hex, epochTotal: bigint) => {
    const { token, rewards: c } = world.protocol;
    return [
      call(token.address, token.abi, "approve", [c.address, BUDGET]),
      call(c.address, c.abi, "publishEpoch", [token.address, BUDGET, epochTotal, epochRoot, 0, formula]),
    ];
  };

  it("computes the epoch from the ratings: distinct satisfied users, voids left out, capped", () => {
    assert.deepEqual(
      rewards.map((r) => [r.account, r.ratings, r.points, r.amount]),
      [
        [getAddress(world.dave.account.address), 3, 2, CAP],
        [getAddress(world.carol.account.address), 2, 2, CAP],
      ].sort((a, b) => (String(a[0]).toLowerCase() < String(b[0]).toLowerCase() ? -1 : 1)),
    );
    assert.equal(total, 2n * CAP);
  });

  it("publishes the root by a critical proposal and pays each helper once, with a proof", async () => {
    const { governor, rewards: c, token } = world.protocol;
    const deadline = (await latestTimestamp(world)) + 30 * 86_400;
    const calls = publishCalls(root, total).map((x, i) =>
      i === 1 ? call(c.address, c.abi, "publishEpoch", [token.address, BUDGET, total, root, deadline, formula]) : x,
    );
    for (const x of calls) assert.equal(await governor.read.isCriticalCall([x.target, 0n, x.data]), true, "spending the treasury is critical");
    await govern(world, calls, "Community rewards, epoch 1");
    assert.equal((await c.read.epoch([1])).root, root);

    const [helper] = rewards;
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      c.write.claim([1, BigInt(helper!.index), helper!.account, helper!.amount + 1n, rewardProof(rewards, helper!)]),
      c,
      "RewardsInvalidProof",
      [1, BigInt(helper!.index), helper!.account, helper!.amount + 1n],
    );
    // One claim at the epoch's vault (the dApp's path: cheapest), one through CommunityRewards.
    const vault = await connection.viem.getContractAt("RewardVault", (await c.read.epoch([1])).vault);
    for (const [i, reward] of rewards.entries()) {
      const before = await token.read.balanceOf([reward.account]);
      const proof = rewardProof(rewards, reward);
      const as = { account: world.stranger.account };
      await mined(
        world,
        i === 0
          ? vault.write.claim([BigInt(reward.index), reward.account, reward.amount, proof], as)
          : c.write.claim([1, BigInt(reward.index), reward.account, reward.amount, proof], as),
      );
      assert.equal(await token.read.balanceOf([reward.account]), before + reward.amount);
    }
    const [first] = rewards;
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      c.write.claim([1, BigInt(first!.index), first!.account, first!.amount, rewardProof(rewards, first!)]),
      c,
      "RewardsAlreadyClaimed",
      [1, BigInt(first!.index)],
    );
    assert.equal(await c.read.remaining([1]), BUDGET - total);
    assert.equal(await token.read.balanceOf([c.address]), 0n, "the budget sits in the epoch's vault, not in the shared contract");
  });

  it("the audit recomputes the published root from events; a tampered root is caught and the CLI exits 1", async () => {
    const { report } = await runAudit(rpc(), world.protocol.deployment);
    assert.deepEqual(report.mismatches, []);
    assert.deepEqual(
      report.rewards.map((r) => [r.epochId, r.recomputedRoot, r.publishedRoot, r.claimed, r.mismatches]),
      [[1, root, root, String(total), []]],
    );

    // Epoch 2 over the same window, but whoever computed it moved 100 SQT from one helper to the other.
    const [a, b] = rewards;
    const tampered = [
      { ...a!, amount: a!.amount + parseEther("100") },
      { ...b!, amount: b!.amount - parseEther("100") },
    ];
    const tamperedRoot = rewardTree(tampered).root as Hex;
    const { rewards: c, token } = world.protocol;
    const deadline = (await latestTimestamp(world)) + 30 * 86_400;
    await govern(
      world,
      [
        call(token.address, token.abi, "approve", [c.address, BUDGET]),
        call(c.address, c.abi, "publishEpoch", [token.address, BUDGET, total, tamperedRoot, deadline, formula]),
      ],
      "Community rewards, epoch 2",
    );
    const { report: after } = await runAudit(rpc(), world.protocol.deployment);
    assert.deepEqual(after.mismatches, [`Reward epoch 2: the published root ${tamperedRoot} differs from the root recomputed from the ratings, ${root}.`]);

    const dir = await mkdtemp(path.join(tmpdir(), "rewards-audit-"));
    const deploymentsFile = path.join(dir, "31337.json");
    await writeFile(deploymentsFile, JSON.stringify(world.protocol.deployment));
    const lines: string[] = [];
    const code = await runCli(["--deployments", deploymentsFile, "--out", path.join(dir, "out"), "--no-cache"], {
      client: connection.provider,
      io: { out: (l) => void lines.push(l), err: (l) => void lines.push(l) },
    });
    assert.equal(code, EXIT.mismatch, lines.join("\n"));
    assert.ok(lines.includes("Reward epochs: 1/2 Merkle roots recomputed from the ratings match."), lines.join("\n"));
  });
});
