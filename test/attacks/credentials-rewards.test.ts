/**
 * Attacks on "who is helping you": a credential or a reward is worth something only if one key (or 10 % of
 * the votes) cannot mint it. Each test performs the attack on the production deploy path and asserts it fails.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { network } from "hardhat";
import { encodeFunctionData, getAddress, parseEther } from "viem";
import { call } from "../../scripts/stack/govern.js";
import { type Connection, deployWorld, distributeAndDelegate, govern, mined, registerDesk } from "../support/fixtures.js";
import { assertDefeatedAsCritical, attempt } from "../support/governance-steps.js";

const SCAMMER = getAddress("0x5ca3000000000000000000000000000000000bad");

async function world(connection: Connection) {
  const w = await deployWorld(connection);
  await distributeAndDelegate(w);
  await registerDesk(w);
  const c = w.protocol.credentials;
  await govern(
    w,
    [
      call(c.address, c.abi, "defineLevel", ["Security specialist", "Phishing and fake support.", 180 * 86_400]),
      call(c.address, c.abi, "defineLevel", ["Wallet basics", "Backups and fees.", 365 * 86_400]),
      call(c.address, c.abi, "setExaminer", [2, w.dave.account.address, true]),
    ],
    "Credential levels and an examiner of Wallet basics",
  );
  return w;
}

describe("attacks on credentials and community rewards", () => {
  let connection: Connection;
  before(async () => {
    connection = await network.create();
  });
  const load = () => connection.networkHelpers.loadFixture(world);

  it("cannot appoint an examiner, define a level or open a community desk at the normal quorum", async () => {
    const w = await load();
    const { credentials: c, agentRegistry: r } = w.protocol;
    for (const [what, action] of [
      ["appoint an examiner", call(c.address, c.abi, "setExaminer", [1, SCAMMER, true])],
      ["define a level", call(c.address, c.abi, "defineLevel", ["Official Ledgerly staff", "", 365 * 86_400])],
      ["open a community desk", call(r.address, r.abi, "registerCommunityDesk", ["Ledgerly Support Community"])],
    ] as const) {
      const { id } = await attempt(w, [action], `Quietly ${what}`, [w.alice]);
      await assertDefeatedAsCritical(w, id);
    }
    assert.equal(await c.read.isExaminer([1, SCAMMER]), false);
    assert.equal(await c.read.levelCount(), 2);
  });

  it("an examiner cannot grant outside their level or to a non-agent; a credential cannot be moved or approved to a scammer", async () => {
    const w = await load();
    const { credentials: c } = w.protocol;
    const { revertWithCustomErrorWithArgs: reverts } = connection.viem.assertions;
    const asDave = { account: w.dave.account };
    await reverts(c.write.grant([1, w.agent.account.address, "self-declared"], asDave), c, "CredentialsNotExaminer", [getAddress(w.dave.account.address), 1]);
    await reverts(c.write.grant([2, SCAMMER, "paid for"], asDave), c, "CredentialsNotAnAgent", [SCAMMER, 0]);
    await reverts(c.write.grant([3, w.agent.account.address, "exam"], asDave), c, "CredentialsUnknownLevel", [3]);

    await mined(w, c.write.grant([2, w.agent.account.address, "exam #7"], asDave));
    const asAgent = { account: w.agent.account };
    await reverts(c.write.transferFrom([w.agent.account.address, SCAMMER, 1n], asAgent), c, "CredentialsLocked", [1n]);
    // `approve` always reverts (a view-free pure function), so it is sent as raw calldata.
    const approve = encodeFunctionData({ abi: c.abi, functionName: "approve", args: [SCAMMER, 1n] });
    await reverts(w.agent.sendTransaction({ to: c.address, data: approve }), c, "CredentialsLocked", [1n]);
    assert.equal(getAddress(await c.read.ownerOf([1n])), getAddress(w.agent.account.address));
    // A stranger cannot revoke it either; the level's examiner can, and history keeps it.
    await reverts(c.write.revoke([1n, "grudge"], { account: w.stranger.account }), c, "CredentialsNotExaminer", [getAddress(w.stranger.account.address), 2]);
  });

  it("cannot fund a reward epoch paying the proposer from the treasury at the normal quorum", async () => {
    const w = await load();
    const { rewards, token, timelock, agentRegistry: r } = w.protocol;
    await mined(w, token.write.transfer([timelock.address, parseEther("5000")]));
    await govern(w, [call(r.address, r.abi, "registerCommunityDesk", ["Helpers"])], "Open the community desk");
    const block = await w.publicClient.getBlockNumber();
    const formula = { deskId: 2, fromBlock: 1n, toBlock: block, asOfBlock: block, minScore: 4, minRatings: 1, capPerHelper: parseEther("1000") };
    const deadline = Number((await w.publicClient.getBlock()).timestamp) + 30 * 86_400;
    // A "root" paying the attacker the whole budget, proposed with 10 % of the votes.
    const { StandardMerkleTree } = await import("@openzeppelin/merkle-tree");
    const tree = StandardMerkleTree.of([[0n, SCAMMER, parseEther("1000")]], ["uint256", "address", "uint256"]);
    const calls = [
      call(token.address, token.abi, "approve", [rewards.address, parseEther("1000")]),
      call(rewards.address, rewards.abi, "publishEpoch", [
        token.address,
        parseEther("1000"),
        parseEther("1000"),
        tree.root as `0x${string}`,
        deadline,
        formula,
      ]),
    ];
    const { id } = await attempt(w, calls, "Community rewards (really: pay the proposer)", [w.alice]);
    await assertDefeatedAsCritical(w, id);
    assert.equal(await token.read.balanceOf([SCAMMER]), 0n);
    assert.equal(await rewards.read.epochCount(), 0);
  });
});
