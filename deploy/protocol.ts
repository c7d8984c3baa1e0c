/**
 * The one deploy path of the protocol: used by the tests, the local stack (`npm start`) and public
 * networks (`npm run deploy -- --network <name>`). Deploys and wires every contract, hands every admin
 * power to the timelock (governed by the governor) and leaves the deployer with none.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { HardhatViemHelpers } from "@nomicfoundation/hardhat-viem/types";
import { type Deployment, PolicyKind } from "@support-quality/sdk";
import {
  type Address,
  encodeAbiParameters,
  getContractAddress,
  type Hex,
  parseEther,
  toFunctionSelector,
  zeroAddress,
} from "viem";

export type Viem = HardhatViemHelpers;

export interface DeployOptions {
  /** Receives the whole token supply (to distribute afterwards). Defaults to the deployer. */
  initialHolder?: Address;
  /** May cancel a proposal before execution. Defaults to the deployer; the DAO can replace it. */
  guardian?: Address;
  initialSupply?: bigint;
  votingDelay?: number;
  votingPeriod?: number;
  proposalThreshold?: bigint;
  lateQuorumExtension?: number;
  quorumPercent?: bigint;
  criticalQuorumPercent?: bigint;
  timelockDelay?: bigint;
}

export const DEFAULT_OPTIONS = {
  initialSupply: parseEther("10000000"),
  votingDelay: 60 * 60, // 1 hour
  votingPeriod: 3 * 24 * 60 * 60, // 3 days
  proposalThreshold: parseEther("10000"),
  lateQuorumExtension: 24 * 60 * 60, // 1 day
  quorumPercent: 4n,
  criticalQuorumPercent: 20n,
  timelockDelay: 24n * 60n * 60n, // 1 day
} as const;

/** The `deployments/<chainId>.json` record (one definition, in the SDK, shared with the dApp). */
export type { Deployment };

const selector = (signature: string): Hex => toFunctionSelector(signature);
const withFirstArgument = (signature: string, value: number): Hex =>
  `${selector(signature)}${encodeAbiParameters([{ type: "uint256" }], [BigInt(value)]).slice(2)}`;

/**
 * The actions that need only the normal quorum: everything else — any other function, any other
 * contract, any value transfer — needs the critical quorum (critical by effect: see SECURITY.md). Routine
 * is what cannot make anyone an official agent, change the security script or official channels, weaken
 * the DAO's ability to act, or move what the DAO holds: the SLA, escalation, rating-rule and general
 * policies (and cancelling their scheduled versions), suspending an agent, a desk's issuer keys and
 * self-signing flag, ruling on and overturning impersonator reports, and voiding an abusive rating.
 */
export function defaultRoutineActions(addresses: {
  policyRegistry: Address;
  agentRegistry: Address;
  ratings: Address;
}): { targets: Address[]; prefixes: Hex[] } {
  const routineKinds = [PolicyKind.General, PolicyKind.SLA, PolicyKind.Escalation, PolicyKind.RatingRules];
  const actions: [Address, Hex][] = [
    ...routineKinds.flatMap((kind): [Address, Hex][] => [
      [addresses.policyRegistry, withFirstArgument(PUBLISH_POLICY_SIGNATURE, kind)],
      [addresses.policyRegistry, withFirstArgument(CANCEL_VERSION_SIGNATURE, kind)],
    ]),
    ...[
      "suspendAgent(address,string)",
      "setIssuer(uint32,address,bool)",
      "setSelfSigning(uint32,bool)",
      "resolveReport(uint256,bool)",
      "overturnReport(uint256,string)",
    ].map((s): [Address, Hex] => [addresses.agentRegistry, selector(s)]),
    [addresses.ratings, selector("voidRating(bytes32,string)")],
  ];
  return { targets: actions.map(([t]) => t), prefixes: actions.map(([, p]) => p) };
}

export const CANCEL_VERSION_SIGNATURE = "cancelScheduledVersion(uint8,uint256)";
export const PUBLISH_POLICY_SIGNATURE = "publishPolicy(uint8,uint256,uint48,(string,string,string,bytes))";

/** Deploys and wires the protocol. Returns the viem contract instances and the deployment record. */
export async function deployProtocol(viem: Viem, options: DeployOptions = {}) {
  const opts = { ...DEFAULT_OPTIONS, ...options };
  const publicClient = await viem.getPublicClient();
  const [deployerClient] = await viem.getWalletClients();
  const deployer = deployerClient.account.address;
  const chainId = await publicClient.getChainId();

  // The token is deployed first: its block is where every event history starts.
  const { contract: token, deploymentTransaction } = await viem.sendDeploymentTransaction("SupportToken", [
    opts.initialHolder ?? deployer,
    opts.initialSupply,
  ]);
  const tokenReceipt = await publicClient.waitForTransactionReceipt({ hash: deploymentTransaction.hash });
  // The deployer is the timelock's admin only until the governor is wired in, below.
  const timelock = await viem.deployContract("TimelockController", [opts.timelockDelay, [], [zeroAddress], deployer]);
  // The registries push what `rate` checks into the ratings contract's mirror, so each is deployed with
  // the ratings address, predicted from the deployer's nonce (the ratings constructor checks both).
  const predictedRatings = getContractAddress({
    from: deployer,
    nonce: BigInt(await publicClient.getTransactionCount({ address: deployer })) + 2n,
  });
  const policyRegistry = await viem.deployContract("PolicyRegistry", [timelock.address, predictedRatings]);
  const agentRegistry = await viem.deployContract("AgentRegistry", [timelock.address, predictedRatings]);
  const ratings = await viem.deployContract("SupportRatings", [
    timelock.address,
    agentRegistry.address,
    policyRegistry.address,
  ]);

  const routine = defaultRoutineActions({
    policyRegistry: policyRegistry.address,
    agentRegistry: agentRegistry.address,
    ratings: ratings.address,
  });
  const governor = await viem.deployContract("SupportGovernor", [
    token.address,
    timelock.address,
    opts.guardian ?? deployer,
    {
      votingDelay: opts.votingDelay,
      votingPeriod: opts.votingPeriod,
      proposalThreshold: opts.proposalThreshold,
      lateQuorumExtension: opts.lateQuorumExtension,
      quorumPercent: opts.quorumPercent,
      criticalQuorumPercent: opts.criticalQuorumPercent,
    },
    routine.targets,
    routine.prefixes,
  ]);

  const wait = (hash: Hex) => publicClient.waitForTransactionReceipt({ hash });
  await wait(await timelock.write.grantRole([await timelock.read.PROPOSER_ROLE(), governor.address]));
  await wait(await timelock.write.grantRole([await timelock.read.CANCELLER_ROLE(), governor.address]));
  await wait(await timelock.write.renounceRole([await timelock.read.DEFAULT_ADMIN_ROLE(), deployer]));

  const block = await publicClient.getBlock({ blockNumber: tokenReceipt.blockNumber });
  const deployment: Deployment = {
    chainId,
    deploymentBlock: Number(tokenReceipt.blockNumber),
    deployedAt: Number(block.timestamp),
    contracts: {
      SupportToken: token.address,
      TimelockController: timelock.address,
      SupportGovernor: governor.address,
      PolicyRegistry: policyRegistry.address,
      AgentRegistry: agentRegistry.address,
      SupportRatings: ratings.address,
    },
  };
  return { deployment, deployer, token, timelock, governor, policyRegistry, agentRegistry, ratings };
}

/** Writes `deployments/<chainId>.json`. */
export async function writeDeployment(deployment: Deployment, dir = path.resolve("deployments")): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${deployment.chainId}.json`);
  await writeFile(file, `${JSON.stringify(deployment, null, 2)}\n`);
  return file;
}
