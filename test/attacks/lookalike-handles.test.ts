/**
 * A scammer who got hold of an operator key (or talked an operator into it) registers a look-alike of an
 * official handle, to show "Official agent" for it on Verify. The registry folds the handle itself and refuses.
 */

import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { analyzeHandle } from "@support-quality/sdk";
import { network } from "hardhat";
import { getAddress, keccak256, toHex } from "viem";
import { AGENT_HANDLE, type Connection, deployWorld, distributeAndDelegate, registerDesk } from "../support/fixtures.js";

async function deskWorld(connection: Connection) {
  const world = await deployWorld(connection);
  await distributeAndDelegate(world);
  await registerDesk(world);
  return world;
}

describe("attack: registering a look-alike handle through an operator", () => {
  let connection: Connection;
  before(async () => {
    connection = await network.create();
  });

  for (const lookAlike of ["acrne-sam", "acme-5am", "acme_sam", "acmesam"]) {
    it(`the operator cannot onboard the scammer as ${lookAlike}`, async () => {
      const world = await connection.networkHelpers.loadFixture(deskWorld);
      const r = world.protocol.agentRegistry;
      await connection.viem.assertions.revertWithCustomErrorWithArgs(
        r.write.addAgent([1, world.stranger.account.address, lookAlike, 0], { account: world.operator.account }),
        r,
        "AgentRegistryHandleLookAlike",
        [keccak256(toHex(lookAlike)), keccak256(toHex(AGENT_HANDLE)), getAddress(world.agent.account.address)],
      );
      assert.equal(await r.read.statusOf([world.stranger.account.address]), 0);
    });
  }

  it("a Unicode look-alike cannot even be submitted: the SDK maps it and the registry refuses the mapped form", async () => {
    const world = await connection.networkHelpers.loadFixture(deskWorld);
    const r = world.protocol.agentRegistry;
    const cyrillic = "асme-sam"; // Cyrillic а and с
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      r.write.addAgent([1, world.stranger.account.address, cyrillic, 0], { account: world.operator.account }),
      r,
      "AgentRegistryHandleCharacter",
      [0n, "0xd0"],
    );
    const analysis = analyzeHandle(cyrillic, [{ handle: AGENT_HANDLE, agent: world.agent.account.address }]);
    assert.equal(analysis.mapped, AGENT_HANDLE);
    assert.equal(analysis.match.kind, "look-alike");
    assert.deepEqual(await r.read.lookAlikeOf([analysis.mapped ?? ""]), [getAddress(world.agent.account.address), AGENT_HANDLE]);
  });
});
