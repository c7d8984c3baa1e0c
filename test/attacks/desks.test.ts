/**
 * Attacks on the DAO's ability to act through gas: a rogue operator grows its desk so that removing it
 * no longer fits in a transaction (EIP-7825 caps a transaction at 16,777,216 gas), or floods it with
 * issuer keys. Production deploy path, real governance.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { network } from "hardhat";
import { encodeFunctionData, getAddress, type Hex, keccak256, toHex } from "viem";
import { call } from "../../scripts/stack/govern.js";
import { type Connection, deployWorld, distributeAndDelegate, govern, mined, registerDesk, type World } from "../support/fixtures.js";
import { queueWithCriticalSupport } from "../support/governance-steps.js";

const EIP_7825_CAP = 16_777_216n;
const address = (i: number) => getAddress(keccak256(toHex(`agent-${i}`)).slice(0, 42));

async function deskWorld(connection: Connection) {
  const world = await deployWorld(connection);
  await distributeAndDelegate(world);
  await registerDesk(world);
  return world;
}

/** The operator onboards `count` agents (sent back to back, then awaited). */
async function flood(world: World, count: number) {
  const r = world.protocol.agentRegistry;
  const hashes: Hex[] = [];
  for (let i = 0; i < count; i++) {
    hashes.push(await r.write.addAgent([1, address(i), `bulk-${i}`, 0], { account: world.operator.account }));
  }
  for (const hash of hashes) await mined(world, hash);
}

describe("attacks on the DAO's ability to remove a desk", () => {
  let connection: Connection;
  before(async () => {
    connection = await network.create();
  });

  it("a desk grown to 700 agents is still removed by one transaction far below the cap", async () => {
    const world = await connection.networkHelpers.loadFixture(deskWorld);
    const r = world.protocol.agentRegistry;
    await flood(world, 700);
    assert.equal((await r.read.deskAgents([1])).length, 701);
    const id = await queueWithCriticalSupport(world, [call(r.address, r.abi, "removeDesk", [1])], "Remove the desk");
    const receipt = await mined(world, world.protocol.governor.write.execute([id], { account: world.alice.account }));
    assert.ok(receipt.gasUsed < 500_000n, `removeDesk execution used ${receipt.gasUsed} gas`);
    assert.ok(receipt.gasUsed < EIP_7825_CAP);
    assert.equal(await r.read.statusOf([address(699)]), 3); // FormerAgent
    assert.equal(await r.read.statusOf([world.agent.account.address]), 3);
  });

  it("a desk cannot hold more than 16 issuer keys, so removal revokes a bounded set", async () => {
    const world = await connection.networkHelpers.loadFixture(deskWorld);
    const r = world.protocol.agentRegistry;
    for (let i = 0; i < 15; i++) await mined(world, r.write.setIssuer([1, address(1000 + i), true], { account: world.operator.account }));
    assert.equal((await r.read.deskIssuers([1])).length, 16);
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      r.write.setIssuer([1, address(2000), true], { account: world.operator.account }),
      r,
      "AgentRegistryTooManyIssuers",
      [1, 16n],
    );
    const removal = await govern(world, [call(r.address, r.abi, "removeDesk", [1])], "Remove the desk");
    assert.ok(removal > 0n);
    assert.equal((await r.read.deskIssuers([1])).length, 0);
  });

  it("deskStats of a 1,000-agent desk stays under the strictest call gas cap (16,777,216)", async () => {
    const world = await connection.networkHelpers.loadFixture(deskWorld);
    await flood(world, 999);
    const { ratings } = world.protocol;
    // A view: estimated as the eth_call a dApp makes (EDR caps a call at EIP-7825's 16,777,216 gas).
    const gas = await world.publicClient.estimateGas({
      to: ratings.address,
      data: encodeFunctionData({ abi: ratings.abi, functionName: "deskStats", args: [1] }),
    });
    assert.ok(gas < EIP_7825_CAP, `deskStats at 1,000 agents: ${gas} gas`);
  });
});
