/**
 * What the one deploy path leaves behind: no admin power in any EOA, every protocol contract owned by the
 * timelock, and a deployments file an auditor can start reading history from.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";
import { PolicyKind } from "@support-quality/sdk";
import { network } from "hardhat";
import { type Address, getAddress, type Hex, zeroAddress } from "viem";
import { DEFAULT_OPTIONS, deployProtocol, writeDeployment } from "../../deploy/protocol.js";
import { type Connection, deployWorld } from "../support/fixtures.js";

async function freshWorld(connection: Connection) {
  return deployWorld(connection);
}

describe("deployment", () => {
  let connection: Connection;
  before(async () => {
    connection = await network.create();
  });

  it("leaves no EOA with an admin role: the timelock owns everything, the governor alone proposes", async () => {
    const world = await connection.networkHelpers.loadFixture(freshWorld);
    const { timelock, governor, policyRegistry, agentRegistry, ratings, deployment } = world.protocol;
    const deployer = getAddress(world.deployer.account.address);
    const roles = {
      admin: await timelock.read.DEFAULT_ADMIN_ROLE(),
      proposer: await timelock.read.PROPOSER_ROLE(),
      canceller: await timelock.read.CANCELLER_ROLE(),
      executor: await timelock.read.EXECUTOR_ROLE(),
    };

    // Replay every role grant and revocation since the deployment block: the final holders of each role.
    const fromBlock = BigInt(deployment.deploymentBlock);
    const holders = new Map<Hex, Set<Address>>();
    const events = [...(await timelock.getEvents.RoleGranted({}, { fromBlock })), ...(await timelock.getEvents.RoleRevoked({}, { fromBlock }))].sort(
      (a, b) => Number(a.blockNumber - b.blockNumber) || a.logIndex - b.logIndex,
    );
    for (const event of events) {
      const set = holders.get(event.args.role!) ?? new Set<Address>();
      if (event.eventName === "RoleGranted") set.add(getAddress(event.args.account!));
      else set.delete(getAddress(event.args.account!));
      holders.set(event.args.role!, set);
    }
    assert.deepEqual([...(holders.get(roles.admin) ?? [])], [getAddress(timelock.address)]);
    assert.deepEqual([...(holders.get(roles.proposer) ?? [])], [getAddress(governor.address)]);
    assert.deepEqual([...(holders.get(roles.canceller) ?? [])], [getAddress(governor.address)]);
    assert.deepEqual([...(holders.get(roles.executor) ?? [])], [zeroAddress]);
    assert.equal(await timelock.read.hasRole([roles.admin, deployer]), false);
    assert.equal(await timelock.read.hasRole([roles.proposer, deployer]), false);
    assert.equal(await timelock.read.hasRole([roles.canceller, deployer]), false);
    assert.equal(await timelock.read.getMinDelay(), DEFAULT_OPTIONS.timelockDelay);

    for (const owned of [policyRegistry, agentRegistry, ratings]) {
      assert.equal(await owned.read.owner(), getAddress(timelock.address));
    }
    assert.equal(await governor.read.timelock(), getAddress(timelock.address));
    // The guardian defaults to the deployer: it may cancel, never propose or execute.
    assert.equal(await governor.read.proposalGuardian(), deployer);
  });

  it("wires both registries to the ratings contract whose mirror they keep", async () => {
    const world = await connection.networkHelpers.loadFixture(freshWorld);
    const { policyRegistry, agentRegistry, ratings } = world.protocol;
    assert.equal(getAddress(await agentRegistry.read.ratings()), getAddress(ratings.address));
    assert.equal(getAddress(await policyRegistry.read.ratings()), getAddress(ratings.address));
    assert.equal(getAddress(await ratings.read.agentRegistry()), getAddress(agentRegistry.address));
    assert.equal(getAddress(await ratings.read.policyRegistry()), getAddress(policyRegistry.address));
    // Nothing published yet: no terms on either side.
    assert.equal(await policyRegistry.read.ratingTermsCount(), 0n);
    assert.deepEqual(await ratings.read.latestRatingTerms(), {
      effectiveFrom: 0,
      slaVersion: 0,
      rulesVersion: 0,
      ratingWindow: 0,
      scale: 0,
      tagCount: 0,
      categoryCount: 0,
      businessHours: 0,
      firstResponseMinutes: 0n,
      resolutionMinutes: 0n,
    });
  });

  it("refuses owner-only and governance-only calls from the deployer", async () => {
    const world = await connection.networkHelpers.loadFixture(freshWorld);
    const { timelock, governor, policyRegistry, agentRegistry, ratings } = world.protocol;
    const { viem } = connection;
    const deployer = getAddress(world.deployer.account.address);
    const ownable = "OwnableUnauthorizedAccount" as const;

    await viem.assertions.revertWithCustomErrorWithArgs(
      policyRegistry.write.publishPolicy([
        PolicyKind.SecurityScript,
        0n,
        0,
        { title: "Security script", text: "Send us your seed phrase.", uri: "", params: "0x" },
      ]),
      policyRegistry,
      ownable,
      [deployer],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(agentRegistry.write.registerDesk(["Fake desk", true]), agentRegistry, ownable, [deployer]);
    await viem.assertions.revertWithCustomErrorWithArgs(ratings.write.transferOwnership([deployer]), ratings, ownable, [deployer]);
    await viem.assertions.revertWithCustomErrorWithArgs(governor.write.setVotingPeriod([1]), governor, "GovernorOnlyExecutor", [deployer]);
    const proposerRole = await timelock.read.PROPOSER_ROLE();
    await viem.assertions.revertWithCustomErrorWithArgs(
      timelock.write.schedule([policyRegistry.address, 0n, "0x", `0x${"00".repeat(32)}`, `0x${"00".repeat(32)}`, DEFAULT_OPTIONS.timelockDelay]),
      timelock,
      "AccessControlUnauthorizedAccount",
      [deployer, proposerRole],
    );
    const adminRole = await timelock.read.DEFAULT_ADMIN_ROLE();
    await viem.assertions.revertWithCustomErrorWithArgs(timelock.write.grantRole([proposerRole, deployer]), timelock, "AccessControlUnauthorizedAccount", [
      deployer,
      adminRole,
    ]);
  });

  it("writes deployments/<chainId>.json with the addresses, chain id and the token's deployment block", async () => {
    const { viem } = connection;
    const publicClient = await viem.getPublicClient();
    const { deployment, token } = await deployProtocol(viem);
    const dir = await mkdtemp(path.join(tmpdir(), "sqp-deployments-"));
    try {
      const file = await writeDeployment(deployment, dir);
      assert.equal(file, path.join(dir, "31337.json"));
      const written = JSON.parse(await readFile(file, "utf8"));
      assert.deepEqual(written, deployment);
      assert.equal(written.chainId, 31337);

      // The deployment block is the block whose transaction created the token.
      const block = await publicClient.getBlock({ blockNumber: BigInt(written.deploymentBlock), includeTransactions: true });
      const created = await Promise.all(block.transactions.map(async (tx) => (await publicClient.getTransactionReceipt({ hash: tx.hash })).contractAddress));
      assert.ok(created.some((address) => address && getAddress(address) === getAddress(token.address)));
      assert.equal(written.deployedAt, Number(block.timestamp));

      for (const [name, address] of Object.entries(written.contracts as Record<string, Address>)) {
        const code = await publicClient.getCode({ address });
        assert.ok(code && code.length > 2, `${name} has no code at ${address}`);
      }
      assert.deepEqual(Object.keys(written.contracts).sort(), [
        "AgentCredentials",
        "AgentRegistry",
        "CommunityRewards",
        "KnowledgeBase",
        "PolicyRegistry",
        "SupportGovernor",
        "SupportRatings",
        "SupportToken",
        "TimelockController",
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
