/**
 * Attacks on the DAO's promises — "this needed the critical quorum", "the DAO can always act" — tried as
 * an attacker with 10 % of the votes would (enough for any routine proposal, not for a critical one), on
 * the production deploy path and real governance. Each test performs the attack and asserts it fails.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { PolicyKind, ProposalState } from "@support-quality/sdk";
import { network } from "hardhat";
import { encodeFunctionData, erc20Abi, getAddress, type Hex, parseEther } from "viem";
import { DEFAULT_OPTIONS } from "../../deploy/protocol.js";
import { call } from "../../scripts/stack/govern.js";
import { type Connection, deployWorld, distributeAndDelegate, mined, registerDesk, type World } from "../support/fixtures.js";
import { assertDefeatedAsCritical, attempt, proposeAndOpen, queueWithCriticalSupport } from "../support/governance-steps.js";

async function delegatedWorld(connection: Connection) {
  const world = await deployWorld(connection, { guardian: (await connection.viem.getWalletClients())[11].account.address });
  await distributeAndDelegate(world);
  await registerDesk(world);
  return world;
}

const SCAMMER = getAddress("0x5ca3000000000000000000000000000000000bad");

describe("attacks on governance", () => {
  let connection: Connection;
  before(async () => {
    connection = await network.create();
  });
  const load = () => connection.networkHelpers.loadFixture(delegatedWorld);

  for (const name of ["policyRegistry", "agentRegistry", "ratings"] as const) {
    it(`cannot renounce the DAO's ownership of ${name}, at any quorum`, async () => {
      const world = await load();
      const target = world.protocol[name];
      // A view in our contracts (it always reverts), so encoded directly: `call` takes state-changing functions.
      const renounce = { target: target.address, data: encodeFunctionData({ abi: target.abi, functionName: "renounceOwnership" }) };
      // With 10 %: the proposal is critical and defeated.
      const { id } = await attempt(world, [renounce], `Renounce ${name}`, [world.alice]);
      await assertDefeatedAsCritical(world, id);
      // Even with the critical quorum, the contract refuses: ownership is permanent.
      const queued = await queueWithCriticalSupport(world, [renounce], `Renounce ${name}, really`);
      await connection.viem.assertions.revertWithCustomErrorWithArgs(
        world.protocol.governor.write.execute([queued], { account: world.alice.account }),
        target,
        "DaoOwnedRenounceRefused",
        [getAddress(world.protocol.timelock.address)],
      );
      assert.equal(getAddress(await target.read.owner()), getAddress(world.protocol.timelock.address));
    });
  }

  it("cannot make the timelock renounce its own admin role at the normal quorum", async () => {
    const world = await load();
    const { timelock } = world.protocol;
    const role = await timelock.read.DEFAULT_ADMIN_ROLE();
    const renounce = call(timelock.address, timelock.abi, "renounceRole", [role, timelock.address]);
    const { id } = await attempt(world, [renounce], "Renounce the timelock's admin role", [world.alice]);
    await assertDefeatedAsCritical(world, id);
    assert.equal(await timelock.read.hasRole([role, timelock.address]), true);
  });

  it("cannot make a scammer an official agent at the normal quorum (register a desk, appoint, add)", async () => {
    const world = await load();
    const r = world.protocol.agentRegistry;
    const deskId = (await r.read.deskCount()) + 1;
    const { id } = await attempt(
      world,
      [
        call(r.address, r.abi, "registerDesk", ["Ledgerly Support (official)", true]),
        call(r.address, r.abi, "setOperator", [deskId, world.stranger.account.address, true]),
        call(r.address, r.abi, "addAgent", [deskId, SCAMMER, "maya.ledgerly", 0]),
      ],
      "Register a support desk",
      [world.alice],
    );
    await assertDefeatedAsCritical(world, id);
    assert.equal(await r.read.statusOf([SCAMMER]), 0); // Unknown
  });

  for (const [label, fn] of [
    ["registerDesk", (w: World) => call(w.protocol.agentRegistry.address, w.protocol.agentRegistry.abi, "registerDesk", ["Desk", false])],
    ["setOperator", (w: World) => call(w.protocol.agentRegistry.address, w.protocol.agentRegistry.abi, "setOperator", [1, SCAMMER, true])],
    ["addAgent", (w: World) => call(w.protocol.agentRegistry.address, w.protocol.agentRegistry.abi, "addAgent", [1, SCAMMER, "scam", 0])],
  ] as const) {
    it(`cannot ${label} alone at the normal quorum either`, async () => {
      const world = await load();
      const { id } = await attempt(world, [fn(world)], `Just ${label}`, [world.alice]);
      await assertDefeatedAsCritical(world, id);
    });
  }

  it("cannot remove a desk by its parts (removing its agents) at the normal quorum", async () => {
    const world = await load();
    const r = world.protocol.agentRegistry;
    const { id } = await attempt(world, [call(r.address, r.abi, "removeAgent", [world.agent.account.address, "gone"])], "Remove the desk's agent", [
      world.alice,
    ]);
    await assertDefeatedAsCritical(world, id);
    assert.equal(await r.read.statusOf([world.agent.account.address]), 1); // OfficialAgent
  });

  it("cannot reinstate an agent the DAO suspended at the normal quorum", async () => {
    const world = await load();
    const r = world.protocol.agentRegistry;
    const suspend = call(r.address, r.abi, "suspendAgent", [world.agent.account.address, "phishing reports"]);
    const { id: suspendId } = await attempt(world, [suspend], "Suspend the agent", [world.alice]);
    assert.equal(await world.protocol.governor.read.proposalIsCritical([suspendId]), false, "suspending is routine");
    const reinstate = call(r.address, r.abi, "reinstateAgent", [world.agent.account.address, "trust me"]);
    const { id } = await attempt(world, [reinstate], "Reinstate the agent", [world.alice]);
    await assertDefeatedAsCritical(world, id);
  });

  it("cannot move tokens or ETH the DAO holds at the normal quorum", async () => {
    const world = await load();
    const { token, timelock } = world.protocol;
    await mined(world, token.write.transfer([timelock.address, parseEther("3000000")]));
    const transfer = call(token.address, erc20Abi, "transfer", [world.alice.account.address, parseEther("3000000")]);
    const delegate = call(token.address, token.abi, "delegate", [world.alice.account.address]);
    const eth = { target: world.alice.account.address, value: 1n, data: "0x" as Hex };
    for (const [i, c] of [transfer, delegate, eth].entries()) {
      const { id } = await attempt(world, [c], `Treasury move ${i}`, [world.alice]);
      await assertDefeatedAsCritical(world, id);
    }
    assert.equal(await token.read.balanceOf([timelock.address]), parseEther("3000000"));
  });

  it("cannot reach an unclassified contract or function at the normal quorum", async () => {
    const world = await load();
    const { governor, policyRegistry } = world.protocol;
    // A new contract nobody classified, a routine selector on the wrong target, a non-canonical first word.
    const routineKind = encodeFunctionData({
      abi: policyRegistry.abi,
      functionName: "publishPolicy",
      args: [PolicyKind.General, 0n, 0, { title: "t", text: "x", uri: "", params: "0x" }],
    });
    const dirtyKind = `${routineKind.slice(0, 10)}01${routineKind.slice(12)}` as Hex; // kind word 0x01…00
    assert.equal(await governor.read.isCriticalCall([SCAMMER, 0n, "0x12345678"]), true);
    assert.equal(await governor.read.isCriticalCall([world.protocol.ratings.address, 0n, routineKind]), true);
    assert.equal(await governor.read.isCriticalCall([policyRegistry.address, 0n, routineKind]), false);
    assert.equal(await governor.read.isCriticalCall([policyRegistry.address, 0n, dirtyKind]), true);
    // A routine call bundled with a critical one makes the whole proposal critical.
    const securityScript = call(policyRegistry.address, policyRegistry.abi, "publishPolicy", [
      PolicyKind.SecurityScript,
      0n,
      0,
      { title: "Security script", text: "Send us your seed phrase to verify your wallet.", uri: "", params: "0x" },
    ]);
    const { id } = await attempt(world, [{ target: policyRegistry.address, data: routineKind }, securityScript], "A general policy and a small script change", [
      world.alice,
    ]);
    await assertDefeatedAsCritical(world, id);
  });

  it("cannot make a critical action routine at the normal quorum", async () => {
    const world = await load();
    const { governor, agentRegistry } = world.protocol;
    const prefix = encodeFunctionData({ abi: agentRegistry.abi, functionName: "registerDesk", args: ["x", false] }).slice(0, 10) as Hex;
    const { id } = await attempt(
      world,
      [call(governor.address, governor.abi, "setRoutineAction", [agentRegistry.address, prefix, true])],
      "Make registering desks routine",
      [world.alice],
    );
    await assertDefeatedAsCritical(world, id);
    assert.equal(await governor.read.isRoutineAction([agentRegistry.address, prefix]), false);
  });

  it("cannot lower the critical quorum below the normal one, nor raise the normal one above it", async () => {
    const world = await load();
    const { governor } = world.protocol;
    const raise = await queueWithCriticalSupport(world, [call(governor.address, governor.abi, "updateQuorumNumerator", [30n])], "Normal quorum 30 %");
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      governor.write.execute([raise], { account: world.alice.account }),
      governor,
      "GovernorQuorumAboveCritical",
      [30n, DEFAULT_OPTIONS.criticalQuorumPercent],
    );
    const lower = await queueWithCriticalSupport(world, [call(governor.address, governor.abi, "setCriticalQuorumNumerator", [3n])], "Critical quorum 3 %");
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      governor.write.execute([lower], { account: world.alice.account }),
      governor,
      "GovernorInvalidCriticalQuorum",
      [3n, DEFAULT_OPTIONS.quorumPercent, 100n],
    );
    assert.equal(await governor.read.quorumNumerator(), DEFAULT_OPTIONS.quorumPercent);
    assert.equal(await governor.read.criticalQuorumNumerator(), DEFAULT_OPTIONS.criticalQuorumPercent);
  });

  it("the guardian cannot entrench itself by cancelling its own replacement", async () => {
    const world = await load();
    const { governor } = world.protocol;
    const guardian = (await connection.viem.getWalletClients())[11];
    const replace = call(governor.address, governor.abi, "setProposalGuardian", [world.bob.account.address]);
    const id = await proposeAndOpen(world, world.alice, [replace], "Replace the guardian");
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      governor.write.cancel([id], { account: guardian.account }),
      governor,
      "GovernorUnableToCancel",
      [id, getAddress(guardian.account.address)],
    );
    assert.equal(await governor.read.state([id]), ProposalState.Active);
  });

  it("a malicious proposal cannot buy immunity from the guardian by also replacing it", async () => {
    const world = await load();
    const { governor, policyRegistry } = world.protocol;
    const guardian = (await connection.viem.getWalletClients())[11];
    const calls = [
      call(governor.address, governor.abi, "setProposalGuardian", [world.alice.account.address]),
      call(policyRegistry.address, policyRegistry.abi, "retirePolicy", [1n]),
    ];
    const id = await proposeAndOpen(world, world.alice, calls, "Retire the SLA and take the guardian seat");
    await mined(world, governor.write.cancel([id], { account: guardian.account }));
    assert.equal(await governor.read.state([id]), ProposalState.Canceled);
  });

  it("a critical proposal keeps the quorum fixed at propose time when the critical quorum is lowered later", async () => {
    const world = await load();
    const { governor, policyRegistry } = world.protocol;
    const script = call(policyRegistry.address, policyRegistry.abi, "publishPolicy", [
      PolicyKind.SecurityScript,
      0n,
      0,
      { title: "Security script", text: "Support never asks for your seed phrase.", uri: "", params: "0x" },
    ]);
    const id = await proposeAndOpen(world, world.alice, [script], "Adopt the script");
    const lower = await queueWithCriticalSupport(world, [call(governor.address, governor.abi, "setCriticalQuorumNumerator", [5n])], "Critical quorum 5 %");
    await mined(world, governor.write.execute([lower], { account: world.alice.account }));
    assert.equal(await governor.read.proposalQuorumNumerator([id]), DEFAULT_OPTIONS.criticalQuorumPercent);
  });
});
