/**
 * Attacks on the public deploy path (CREATE3 through CreateX, deploy/createx.ts): a squatter who copies the
 * deployer's salts to take the protocol's addresses on a chain it has not reached yet, a fake factory at
 * CreateX's address, and a resumed deployment handed a contract wired to something else.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CONTRACT_NAMES } from "@support-quality/sdk";
import hre, { network } from "hardhat";
import { encodeDeployData, getAddress, type Hex, keccak256, parseEther } from "viem";
import { CREATEX_ABI, CREATEX_ADDRESS, create3Salt, ensureCreateX, predictCreate3 } from "../../deploy/createx.js";
import { DEFAULT_OPTIONS, type DeployJournal, deployProtocol, governorSettings } from "../../deploy/protocol.js";

function journal(): DeployJournal {
  let entry: { deploymentBlock: number } | undefined;
  return {
    read: async () => entry,
    write: async (e) => {
      entry = e;
    },
  };
}

describe("attacks on the deterministic deployment", () => {
  it("a squatter replaying the deployer's salts through CreateX lands elsewhere: the protocol's addresses stay the deployer's", async () => {
    // The protocol is live on one chain (chain 84532, Base Sepolia's id): its addresses are public.
    const live = await network.create({ override: { chainId: 84532 } });
    const { deployment: reference } = await deployProtocol(live.viem, { deterministic: { artifacts: hre.artifacts, journal: journal() } });
    await live.close();

    // On a chain the protocol has not reached yet, the attacker moves first: it puts CreateX there (the
    // keyless transaction anyone may send) and sends each of the deployer's salts with its own code.
    const connection = await network.create();
    const { viem } = connection;
    const publicClient = await viem.getPublicClient();
    const [deployer, attacker] = await viem.getWalletClients();
    await ensureCreateX(publicClient, attacker, () => {});
    const { abi, bytecode } = await hre.artifacts.readArtifact("SupportToken");
    const initCode = encodeDeployData({ abi, bytecode: bytecode as Hex, args: [attacker.account.address, parseEther("1")] });
    for (const name of CONTRACT_NAMES) {
      const salt = create3Salt(deployer.account.address, name);
      const target = reference.contracts[name];
      assert.equal(getAddress(await predictCreate3(publicClient, deployer.account.address, salt)), getAddress(target));
      const { result: landed } = await publicClient.simulateContract({
        account: attacker.account,
        address: CREATEX_ADDRESS,
        abi: CREATEX_ABI,
        functionName: "deployCreate3",
        args: [salt, initCode],
      });
      await publicClient.waitForTransactionReceipt({
        hash: await attacker.writeContract({ address: CREATEX_ADDRESS, abi: CREATEX_ABI, functionName: "deployCreate3", args: [salt, initCode] }),
      });
      assert.notEqual(getAddress(landed), getAddress(target));
      assert.equal(await publicClient.getCode({ address: target }), undefined);
    }

    // The deployer's own deployment still gets every address, with its own code and supply.
    const real = await deployProtocol(viem, { deterministic: { artifacts: hre.artifacts, journal: journal() } });
    assert.deepEqual(real.deployment.contracts, reference.contracts);
    assert.equal(await real.governor.read.token(), real.token.address);
    assert.equal(await real.token.read.balanceOf([deployer.account.address]), DEFAULT_OPTIONS.initialSupply);
    await connection.close();
  });

  it("refuses to deploy through a fake factory at CreateX's address, before sending anything", async () => {
    const connection = await network.create();
    const { viem } = connection;
    const publicClient = await viem.getPublicClient();
    const testClient = await viem.getTestClient();
    const [deployer] = await viem.getWalletClients();
    // A contract that answers every call with the caller's own choice: `computeCreate3Address` would say
    // whatever the attacker wants.
    const fake: Hex = "0x3660006000373660006000f3";
    await testClient.setCode({ address: CREATEX_ADDRESS, bytecode: fake });
    const nonce = await publicClient.getTransactionCount({ address: deployer.account.address });
    const refused = await deployProtocol(viem, { deterministic: { artifacts: hre.artifacts, journal: journal() } }).catch((e: Error) => e.message);
    assert.equal(refused, `The code at CreateX's address ${CREATEX_ADDRESS} is not CreateX (code hash ${keccak256(fake)}): refusing to deploy through it.`);
    assert.equal(await publicClient.getTransactionCount({ address: deployer.account.address }), nonce);
    await connection.close();
  });

  it("a resumed deployment refuses a contract at its address that is wired to another token", async () => {
    const connection = await network.create();
    const { viem } = connection;
    const publicClient = await viem.getPublicClient();
    const [deployer] = await viem.getWalletClients();
    const j = journal();
    // A first run stops after the ratings contract; the governor's salt is then used by hand, with a
    // governor wired to some other token.
    await deployProtocol(viem, {
      deterministic: {
        artifacts: hre.artifacts,
        journal: j,
        log: (line) => {
          if (line.startsWith("SupportRatings deployed")) throw new Error("stopped");
        },
      },
    }).catch(() => {});
    const other = await viem.deployContract("SupportToken", [deployer.account.address, parseEther("1")]);
    const timelock = await predictCreate3(publicClient, deployer.account.address, create3Salt(deployer.account.address, "TimelockController"));
    const { abi, bytecode } = await hre.artifacts.readArtifact("SupportGovernor");
    const initCode = encodeDeployData({
      abi,
      bytecode: bytecode as Hex,
      args: [other.address, timelock, deployer.account.address, governorSettings(), [], []],
    });
    await publicClient.waitForTransactionReceipt({
      hash: await deployer.writeContract({
        address: CREATEX_ADDRESS,
        abi: CREATEX_ABI,
        functionName: "deployCreate3",
        args: [create3Salt(deployer.account.address, "SupportGovernor"), initCode],
      }),
    });
    const token = await predictCreate3(publicClient, deployer.account.address, create3Salt(deployer.account.address, "SupportToken"));
    const refused = await deployProtocol(viem, { deterministic: { artifacts: hre.artifacts, journal: j } }).catch((e: Error) => e.message);
    assert.equal(
      refused,
      `Cannot resume this deployment: the governor's token is ${getAddress(other.address)}, not ${getAddress(token)}. It was started with other contracts or options.`,
    );
    await connection.close();
  });
});
