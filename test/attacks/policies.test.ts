/**
 * Attacks on "the policy in force": a far-future or mistyped effective time that wraps into the past or
 * freezes the rules, and scheduled versions the DAO could not take back. Production deploy path, real
 * governance; each test performs the attack and asserts it fails.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { encodeSlaParams, PolicyKind, policyContentHash } from "@support-quality/sdk";
import { network } from "hardhat";
import type { Hex } from "viem";
import { call } from "../../scripts/stack/govern.js";
import { type Connection, deployWorld, distributeAndDelegate, govern, latestTimestamp, publishRatingPolicies, type World } from "../support/fixtures.js";
import { assertDefeatedAsCritical, attempt, queueWithCriticalSupport } from "../support/governance-steps.js";

const YEAR = 365 * 24 * 3600;
const DAY = 24 * 3600;
const STRICT_SLA = encodeSlaParams({ firstResponseMinutes: [60, 15, 10, 5], resolutionMinutes: [600, 300, 120, 60] });

async function policyWorld(connection: Connection) {
  const world = await deployWorld(connection);
  await distributeAndDelegate(world);
  await publishRatingPolicies(world);
  return world;
}

const slaVersion = (world: World, effectiveFrom: number, text = "Urgent: 5 minutes.") =>
  call(world.protocol.policyRegistry.address, world.protocol.policyRegistry.abi, "publishPolicy", [
    PolicyKind.SLA,
    1n,
    effectiveFrom,
    { title: "", text, uri: "", params: STRICT_SLA },
  ]);

describe("attacks on the policy in force", () => {
  let connection: Connection;
  before(async () => {
    connection = await network.create();
  });
  const load = () => connection.networkHelpers.loadFixture(policyWorld);

  for (const [label, at] of [
    ["past 2^40 (it used to wrap into the past and rewrite every open ticket's SLA)", (now: number) => 2 ** 40 + now],
    ["in milliseconds (a mistyped time that would freeze the SLA for decades)", (now: number) => now * 1000],
  ] as const) {
    it(`refuses an effective time ${label}`, async () => {
      const world = await load();
      const { policyRegistry, governor } = world.protocol;
      const effectiveFrom = at(await latestTimestamp(world));
      const id = await queueWithCriticalSupport(world, [slaVersion(world, effectiveFrom)], `SLA at ${effectiveFrom}`);
      const executeAt = (await latestTimestamp(world)) + 10;
      await connection.networkHelpers.time.setNextBlockTimestamp(executeAt);
      await connection.viem.assertions.revertWithCustomErrorWithArgs(
        governor.write.execute([id], { account: world.alice.account }),
        policyRegistry,
        "PolicyRegistryEffectiveTooLate",
        [effectiveFrom, executeAt + YEAR],
      );
      assert.equal((await policyRegistry.read.policy([1n])).versionCount, 1);
    });
  }

  it("a scheduled SLA version is cancelled by the DAO at the normal quorum, and never applies", async () => {
    const world = await load();
    const { policyRegistry, ratings, governor } = world.protocol;
    const termsBefore = await ratings.read.latestRatingTerms();
    const effectiveFrom = (await latestTimestamp(world)) + 30 * DAY;
    await govern(world, [slaVersion(world, effectiveFrom)], "Stricter SLA next month");
    assert.equal(await policyRegistry.read.ratingTermsCount(), 3n);
    const cancel = call(policyRegistry.address, policyRegistry.abi, "cancelScheduledVersion", [PolicyKind.SLA, 1n]);
    const id = await govern(world, [cancel], "Cancel: the new targets were a mistake");
    assert.equal(await governor.read.proposalIsCritical([id]), false);
    assert.equal(await policyRegistry.read.versionAt([1n, effectiveFrom + DAY]), 1n);
    assert.notEqual((await policyRegistry.read.version([1n, 2n])).cancelledAt, 0);
    assert.equal(await policyRegistry.read.ratingTermsCount(), 2n);
    assert.deepEqual(await ratings.read.latestRatingTerms(), termsBefore);
    // The DAO can schedule a corrected version earlier than the cancelled one.
    await govern(world, [slaVersion(world, (await latestTimestamp(world)) + 10 * DAY, "Urgent: 10 minutes.")], "Corrected");
    assert.equal((await policyRegistry.read.policy([1n])).latestVersion, 3);
  });

  it("cancelling a scheduled security-script version needs the critical quorum", async () => {
    const world = await load();
    const { policyRegistry } = world.protocol;
    const script = (text: string, effectiveFrom: number) =>
      call(policyRegistry.address, policyRegistry.abi, "publishPolicy", [
        PolicyKind.SecurityScript,
        0n,
        effectiveFrom,
        { title: "Security script", text, uri: "", params: "0x" as Hex },
      ]);
    await govern(world, [script("Support never asks for your seed phrase.", (await latestTimestamp(world)) + 20 * DAY)], "Script");
    const scriptId = await policyRegistry.read.policyOfKind([PolicyKind.SecurityScript]);
    const { id } = await attempt(
      world,
      [call(policyRegistry.address, policyRegistry.abi, "cancelScheduledVersion", [PolicyKind.SecurityScript, scriptId])],
      "Cancel the script",
      [world.alice],
    );
    await assertDefeatedAsCritical(world, id);
    assert.equal((await policyRegistry.read.version([scriptId, 1n])).cancelledAt, 0);
    assert.equal(
      (await policyRegistry.read.version([scriptId, 1n])).contentHash,
      policyContentHash(PolicyKind.SecurityScript, { text: "Support never asks for your seed phrase.", uri: "", params: "0x" }),
    );
  });

  it("a version already in force cannot be cancelled (history is never rewritten)", async () => {
    const world = await load();
    const { policyRegistry, governor } = world.protocol;
    const version = await policyRegistry.read.version([1n, 1n]);
    const id = await queueWithCriticalSupport(
      world,
      [call(policyRegistry.address, policyRegistry.abi, "cancelScheduledVersion", [PolicyKind.SLA, 1n])],
      "Cancel the SLA in force",
    );
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      governor.write.execute([id], { account: world.alice.account }),
      policyRegistry,
      "PolicyRegistryVersionInForce",
      [1n, 1n, version.effectiveFrom],
    );
    assert.equal(await policyRegistry.read.versionAt([1n, await latestTimestamp(world)]), 1n);
  });
});
