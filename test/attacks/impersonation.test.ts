/**
 * Attacks on "confirmed impersonator" and "official agent": one operator key (of a rogue or removed desk)
 * trying to brand protocol addresses, to act beyond its desk, to undo what the DAO decided, or to flood
 * reports. Production deploy path, real governance; each test performs the attack and asserts it fails.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { network } from "hardhat";
import { getAddress, type Hex, keccak256, pad, toHex } from "viem";
import { call } from "../../scripts/stack/govern.js";
import { type Connection, deployWorld, distributeAndDelegate, govern, mined, registerDesk, type World } from "../support/fixtures.js";

const Standing = { Unknown: 0, OfficialAgent: 1, SuspendedAgent: 2, FormerAgent: 3, Reported: 4, Confirmed: 5 } as const;
const subjectOf = (address: Hex): Hex => pad(getAddress(address), { size: 32 }).toLowerCase() as Hex;
const handleSubject = (handle: string): Hex => keccak256(toHex(handle.toLowerCase()));

/** Desk 1 (the honest desk of the fixtures) and desk 2, whose operator turns rogue. */
async function twoDesks(connection: Connection) {
  const world = await deployWorld(connection);
  await distributeAndDelegate(world);
  await registerDesk(world);
  const r = world.protocol.agentRegistry;
  await govern(
    world,
    [call(r.address, r.abi, "registerDesk", ["Rogue desk", false]), call(r.address, r.abi, "setOperator", [2, world.stranger.account.address, true])],
    "Register a second desk",
  );
  return world;
}

describe("attacks on impersonator reports and desk powers", () => {
  let connection: Connection;
  before(async () => {
    connection = await network.create();
  });
  const load = () => connection.networkHelpers.loadFixture(twoDesks);
  const rogue = (w: World) => ({ account: w.stranger.account });

  async function report(world: World, subject: Hex, deskId: number, by = world.otherUser) {
    const r = world.protocol.agentRegistry;
    await mined(world, r.write.reportImpersonator([subject, deskId, "asked for my seed phrase"], { account: by.account }));
    return r.read.reportCount();
  }

  it("a rogue operator cannot have another desk's issuer key reported, let alone confirmed", async () => {
    const world = await load();
    const r = world.protocol.agentRegistry;
    const subject = subjectOf(world.issuer.account.address);
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      r.write.reportImpersonator([subject, 2, "fake"], { account: world.stranger.account }),
      r,
      "AgentRegistryProtectedSubject",
      [subject],
    );
    assert.equal(await r.read.statusOf([world.issuer.account.address]), Standing.Unknown);
  });

  for (const who of ["timelock", "operator", "policyRegistry"] as const) {
    it(`cannot report the ${who} as an impersonator`, async () => {
      const world = await load();
      const r = world.protocol.agentRegistry;
      const address = who === "operator" ? world.operator.account.address : world.protocol[who].address;
      const subject = subjectOf(address);
      await connection.viem.assertions.revertWithCustomErrorWithArgs(
        r.write.reportImpersonator([subject, 2, "fake"], { account: world.otherUser.account }),
        r,
        "AgentRegistryProtectedSubject",
        [subject],
      );
    });
  }

  it("a report made before the subject became an issuer key can no longer be confirmed", async () => {
    const world = await load();
    const r = world.protocol.agentRegistry;
    const key = world.dave.account.address;
    const id = await report(world, subjectOf(key), 2);
    await mined(world, r.write.setIssuer([1, key, true], { account: world.operator.account }));
    await connection.viem.assertions.revertWithCustomErrorWithArgs(r.write.resolveReport([id, true], rogue(world)), r, "AgentRegistryProtectedSubject", [
      subjectOf(key),
    ]);
  });

  it("an operator cannot rule on a report naming another desk", async () => {
    const world = await load();
    const r = world.protocol.agentRegistry;
    const id = await report(world, subjectOf(world.dave.account.address), 1);
    await connection.viem.assertions.revertWithCustomErrorWithArgs(r.write.resolveReport([id, true], rogue(world)), r, "AgentRegistryUnauthorized", [
      getAddress(world.stranger.account.address),
      1,
    ]);
  });

  it("a wrong confirmation of a handle another desk has not registered yet is undone by the DAO at the normal quorum", async () => {
    const world = await load();
    const r = world.protocol.agentRegistry;
    const handle = "maya.ledgerly";
    const id = await report(world, handleSubject(handle), 2);
    await mined(world, r.write.resolveReport([id, true], rogue(world)));
    assert.equal(await r.read.statusOfHandle([handle]), Standing.Confirmed);
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      r.write.addAgent([1, world.dave.account.address, handle, 0], { account: world.operator.account }),
      r,
      "AgentRegistryConfirmedImpersonator",
      [handleSubject(handle)],
    );
    const proposal = await govern(world, [call(r.address, r.abi, "overturnReport", [id, "rogue desk's confirmation"])], "Overturn");
    assert.equal(await world.protocol.governor.read.proposalIsCritical([proposal]), false);
    assert.equal(await r.read.statusOfHandle([handle]), Standing.Unknown);
    assert.equal((await r.read.report([id])).status, 4); // Overturned
    await mined(world, r.write.addAgent([1, world.dave.account.address, handle, 0], { account: world.operator.account }));
    assert.equal(await r.read.statusOfHandle([handle]), Standing.OfficialAgent);
  });

  it("an operator cannot overturn a confirmation: only the DAO", async () => {
    const world = await load();
    const r = world.protocol.agentRegistry;
    const id = await report(world, subjectOf(world.dave.account.address), 2);
    await mined(world, r.write.resolveReport([id, true], rogue(world)));
    await connection.viem.assertions.revertWithCustomErrorWithArgs(r.write.overturnReport([id, "mine"], rogue(world)), r, "OwnableUnauthorizedAccount", [
      getAddress(world.stranger.account.address),
    ]);
  });

  it("a removed desk's operator loses every power: no confirmations, no agents, no suspensions", async () => {
    const world = await load();
    const r = world.protocol.agentRegistry;
    const id = await report(world, subjectOf(world.dave.account.address), 2);
    await govern(world, [call(r.address, r.abi, "removeDesk", [2])], "Remove the rogue desk");
    assert.equal(await r.read.isOperator([2, world.stranger.account.address]), false);
    const unauthorized = [getAddress(world.stranger.account.address), 2] as const;
    await connection.viem.assertions.revertWithCustomErrorWithArgs(r.write.resolveReport([id, true], rogue(world)), r, "AgentRegistryUnauthorized", [
      ...unauthorized,
    ]);
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      r.write.addAgent([2, world.dave.account.address, "x", 0], rogue(world)),
      r,
      "AgentRegistryUnauthorized",
      [...unauthorized],
    );
  });

  it("report spam is bounded: a fourth open report by the same reporter is refused", async () => {
    const world = await load();
    const r = world.protocol.agentRegistry;
    for (const n of [1, 2, 3]) await report(world, handleSubject(`spam-${n}`), 1);
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      r.write.reportImpersonator([handleSubject("spam-4"), 1, "more"], { account: world.otherUser.account }),
      r,
      "AgentRegistryTooManyOpenReports",
      [getAddress(world.otherUser.account.address), 3n],
    );
  });

  it("an operator cannot onboard an address with open reports; the DAO can, knowingly", async () => {
    const world = await load();
    const r = world.protocol.agentRegistry;
    const suspect = world.dave.account.address;
    await report(world, subjectOf(suspect), 2);
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      r.write.addAgent([1, suspect, "dave", 0], { account: world.operator.account }),
      r,
      "AgentRegistrySubjectReported",
      [subjectOf(suspect), 1n],
    );
    await govern(world, [call(r.address, r.abi, "addAgent", [1, suspect, "dave", 0])], "Onboard dave despite the report");
    assert.equal(await r.read.statusOf([suspect]), Standing.OfficialAgent);
  });

  it("an operator cannot reinstate an agent the DAO suspended", async () => {
    const world = await load();
    const r = world.protocol.agentRegistry;
    const agent = world.agent.account.address;
    await govern(world, [call(r.address, r.abi, "suspendAgent", [agent, "phishing reports"])], "Suspend the agent");
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      r.write.reinstateAgent([agent, "trust me"], { account: world.operator.account }),
      r,
      "AgentRegistrySuspendedByOwner",
      [getAddress(agent)],
    );
    assert.equal(await r.read.statusOf([agent]), Standing.SuspendedAgent);
  });

  it("an operator acts only on its own desk's agents", async () => {
    const world = await load();
    const r = world.protocol.agentRegistry;
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      r.write.suspendAgent([world.agent.account.address, "competitor"], rogue(world)),
      r,
      "AgentRegistryUnauthorized",
      [getAddress(world.stranger.account.address), 1],
    );
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      r.write.addAgent([1, world.dave.account.address, "plant", 0], rogue(world)),
      r,
      "AgentRegistryUnauthorized",
      [getAddress(world.stranger.account.address), 1],
    );
  });
});
