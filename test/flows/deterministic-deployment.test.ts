/**
 * The public deploy path (`npm run deploy`): CREATE3 through CreateX with salts permissioned to the
 * deployer. The same deployer gets the same addresses on an L1 and on an OP-stack chain; a deployment
 * stopped half-way is completed by running it again, keeping what exists.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import hre, { network } from "hardhat";
import { getAddress, zeroAddress } from "viem";
import { CREATEX_ADDRESS, create3Address, create3Salt, predictCreate3 } from "../../deploy/createx.js";
import { DEPLOY_ORDER, type DeployJournal, deployProtocol } from "../../deploy/protocol.js";

const CONTRACTS = DEPLOY_ORDER;

function memoryJournal(): DeployJournal & { entry?: { deploymentBlock: number } } {
  const journal: DeployJournal & { entry?: { deploymentBlock: number } } = {
    read: async () => journal.entry,
    write: async (entry) => {
      journal.entry = entry;
    },
  };
  return journal;
}

describe("deterministic deployment (CREATE3 through CreateX)", () => {
  it("gives the same deployer the same addresses on chain 31337 and chain 84532, as predicted", async () => {
    const l1 = await network.create();
    const other = await network.create({ override: { chainId: 84532 } });
    const [l1Deployer] = await l1.viem.getWalletClients();
    const deployedL1 = await deployProtocol(l1.viem, { deterministic: { artifacts: hre.artifacts, journal: memoryJournal() } });
    const deployedOther = await deployProtocol(other.viem, { deterministic: { artifacts: hre.artifacts, journal: memoryJournal() } });
    assert.equal(deployedL1.deployment.chainId, 31337);
    assert.equal(deployedOther.deployment.chainId, 84532);
    assert.deepEqual(deployedOther.deployment.contracts, deployedL1.deployment.contracts);
    const publicClient = await l1.viem.getPublicClient();
    for (const name of CONTRACTS) {
      const salt = create3Salt(l1Deployer.account.address, name);
      const predicted = await predictCreate3(publicClient, l1Deployer.account.address, salt);
      assert.equal(getAddress(deployedL1.deployment.contracts[name]), getAddress(predicted), name);
      // The offline computation (used before CreateX is on a chain) agrees with CreateX's own.
      assert.equal(create3Address(l1Deployer.account.address, salt), getAddress(predicted), name);
    }
    // The wiring is the nonce path's: the governor alone proposes, the deployer keeps no admin power.
    const { timelock, governor } = deployedOther;
    assert.equal(await timelock.read.hasRole([await timelock.read.PROPOSER_ROLE(), governor.address]), true);
    assert.equal(await timelock.read.hasRole([await timelock.read.DEFAULT_ADMIN_ROLE(), deployedOther.deployer]), false);
    assert.equal(await deployedOther.ratings.read.agentRegistry(), deployedOther.agentRegistry.address);
    await l1.close();
    await other.close();
  });

  it("completes a deployment stopped half-way: what exists is kept, not redeployed; the history starts at the first run's block", async () => {
    const connection = await network.create();
    const publicClient = await connection.viem.getPublicClient();
    const journal = memoryJournal();
    const lines: string[] = [];
    // The first run stops (as if killed) right after the policy registry is created.
    const stopped = await deployProtocol(connection.viem, {
      deterministic: {
        artifacts: hre.artifacts,
        journal,
        log: (line) => {
          lines.push(line);
          if (line.startsWith("PolicyRegistry deployed")) throw new Error("killed");
        },
      },
    }).catch((error: Error) => error.message);
    assert.equal(stopped, "killed");
    assert.ok(journal.entry);
    const firstBlock = journal.entry.deploymentBlock;

    const resumedLines: string[] = [];
    const { deployment, timelock, governor, deployer } = await deployProtocol(connection.viem, {
      deterministic: { artifacts: hre.artifacts, journal, log: (line) => resumedLines.push(line) },
    });
    assert.deepEqual(
      resumedLines.map((l) => l.split(" ").slice(0, 2).join(" ")),
      [
        "SupportToken is",
        "TimelockController is",
        "PolicyRegistry is",
        "AgentRegistry deployed",
        "SupportRatings deployed",
        "KnowledgeBase deployed",
        "SupportGovernor deployed",
        "AgentCredentials deployed",
        "CommunityRewards deployed",
      ],
    );
    assert.equal(resumedLines[0], `SupportToken is already at ${deployment.contracts.SupportToken}: kept.`);
    assert.equal(deployment.deploymentBlock, firstBlock);
    // Nothing was created twice: CreateX reports one creation per contract.
    const creations = await publicClient.getLogs({
      address: CREATEX_ADDRESS,
      event: {
        type: "event",
        name: "ContractCreation",
        inputs: [{ indexed: true, name: "newContract", type: "address" }],
      },
      fromBlock: 0n,
    });
    assert.deepEqual(
      creations.map((l) => getAddress(l.args.newContract ?? zeroAddress)),
      CONTRACTS.map((name) => getAddress(deployment.contracts[name])),
    );
    assert.equal(await timelock.read.hasRole([await timelock.read.PROPOSER_ROLE(), governor.address]), true);
    assert.equal(await timelock.read.hasRole([await timelock.read.DEFAULT_ADMIN_ROLE(), deployer]), false);

    // A third run finds everything done and changes nothing.
    const block = await publicClient.getBlockNumber();
    const again = await deployProtocol(connection.viem, { deterministic: { artifacts: hre.artifacts, journal } });
    assert.deepEqual(again.deployment, deployment);
    assert.equal(await publicClient.getBlockNumber(), block);
    await connection.close();
  });
});
