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
  type Abi,
  type Address,
  encodeAbiParameters,
  encodeDeployData,
  getContractAddress,
  type Hex,
  parseEther,
  toFunctionSelector,
  zeroAddress,
} from "viem";
import { create3Salt, deployCreate3, ensureCreateX, predictCreate3 } from "./createx.js";

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
  /**
   * Help-article categories only the DAO may write, at the critical quorum (1-based indexes into the rating
   * rules' ticket categories). Fixed for the knowledge base's life.
   */
  protectedArticleCategories?: readonly number[];
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
  // "Security & phishing" in the SDK's default ticket categories: the articles a scammer would most like to edit.
  protectedArticleCategories: [4],
} as const;

/** The highest category a rating-rules version can name (at most 32 categories, 1-based; 0 = general). */
const MAX_ARTICLE_CATEGORY = 32;

/** The knowledge base's `protectedCategories` bitmask. */
export function protectedCategoryMask(categories: readonly number[]): bigint {
  return categories.reduce((mask, c) => {
    if (!Number.isInteger(c) || c < 1 || c > MAX_ARTICLE_CATEGORY)
      throw new Error(`A protected article category must be 1–${MAX_ARTICLE_CATEGORY}, not ${c}.`);
    return mask | (1n << BigInt(c));
  }, 0n);
}

/** The order `deployProtocol` creates the contracts in (a resumed deployment reports them in this order). */
export const DEPLOY_ORDER = [
  "SupportToken",
  "TimelockController",
  "PolicyRegistry",
  "AgentRegistry",
  "SupportRatings",
  "KnowledgeBase",
  "SupportGovernor",
  "AgentCredentials",
  "CommunityRewards",
] as const;

/** The `deployments/<chainId>.json` record (one definition, in the SDK, shared with the dApp). */
export type { Deployment };

const selector = (signature: string): Hex => toFunctionSelector(signature);
export const withFirstArgument = (signature: string, value: number): Hex =>
  `${selector(signature)}${encodeAbiParameters([{ type: "uint256" }], [BigInt(value)]).slice(2)}`;

/**
 * The actions that need only the normal quorum: everything else — any other function, any other
 * contract, any value transfer — needs the critical quorum (critical by effect: see SECURITY.md). Routine
 * is what cannot make anyone an official agent, change the security script or official channels, weaken
 * the DAO's ability to act, or move what the DAO holds: the SLA, escalation, rating-rule and general
 * policies (and cancelling their scheduled versions), suspending an agent, a desk's issuer keys and
 * self-signing flag, ruling on and overturning impersonator reports, voiding an abusive rating, and
 * publishing or retiring a help article outside the protected categories (the security and phishing
 * articles, like the security script, need the critical quorum).
 */
export function defaultRoutineActions(
  addresses: {
    policyRegistry: Address;
    agentRegistry: Address;
    ratings: Address;
    knowledgeBase: Address;
  },
  protectedArticleCategories: readonly number[] = DEFAULT_OPTIONS.protectedArticleCategories,
): { targets: Address[]; prefixes: Hex[] } {
  const routineCategories = Array.from({ length: MAX_ARTICLE_CATEGORY + 1 }, (_, c) => c).filter(
    (c) => !protectedArticleCategories.includes(c),
  );
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
    ...routineCategories.flatMap((c): [Address, Hex][] => [
      [addresses.knowledgeBase, withFirstArgument(PUBLISH_ARTICLE_SIGNATURE, c)],
      [addresses.knowledgeBase, withFirstArgument(RETIRE_ARTICLE_SIGNATURE, c)],
    ]),
  ];
  return { targets: actions.map(([t]) => t), prefixes: actions.map(([, p]) => p) };
}

/** The governor's constructor settings (`SupportGovernor.Settings`) from deploy options. */
export function governorSettings(
  opts: Pick<Required<DeployOptions>, "votingDelay" | "votingPeriod" | "proposalThreshold" | "lateQuorumExtension" | "quorumPercent" | "criticalQuorumPercent"> = DEFAULT_OPTIONS,
) {
  return {
    votingDelay: opts.votingDelay,
    votingPeriod: opts.votingPeriod,
    proposalThreshold: opts.proposalThreshold,
    lateQuorumExtension: opts.lateQuorumExtension,
    quorumPercent: opts.quorumPercent,
    criticalQuorumPercent: opts.criticalQuorumPercent,
  };
}

export const CANCEL_VERSION_SIGNATURE = "cancelScheduledVersion(uint8,uint256)";
export const PUBLISH_POLICY_SIGNATURE = "publishPolicy(uint8,uint256,uint48,(string,string,string,bytes))";
export const PUBLISH_ARTICLE_SIGNATURE = "publishArticle(uint8,uint256,uint48,(string,string,string))";
export const RETIRE_ARTICLE_SIGNATURE = "retireArticle(uint8,uint256)";

/**
 * Deterministic, resumable deployment (public networks: `npm run deploy`): every contract is created through
 * CreateX's CREATE3 with a salt permissioned to the deployer (deploy/createx.ts), so the protocol has the
 * same addresses on every chain, and a deployment that stopped half-way is completed by running it again:
 * a contract that already has code at its address is kept, a wiring step already done is skipped.
 */
export interface DeterministicDeploy {
  /** Reads the compiled contracts (the connection's `hre.artifacts`). */
  artifacts: { readArtifact(name: string): Promise<{ abi: Abi; bytecode: string }> };
  /** Remembers the token's block (where every event history starts) for a resumed run. */
  journal?: DeployJournal;
  log?: (line: string) => void;
}

export interface DeployJournal {
  read(): Promise<{ deploymentBlock: number } | undefined>;
  write(entry: { deploymentBlock: number }): Promise<void>;
}

/** Deploys and wires the protocol. Returns the viem contract instances and the deployment record. */
export async function deployProtocol(viem: Viem, options: DeployOptions & { deterministic?: DeterministicDeploy } = {}) {
  const opts = { ...DEFAULT_OPTIONS, ...options };
  const publicClient = await viem.getPublicClient();
  const [deployerClient] = await viem.getWalletClients();
  const deployer = deployerClient.account.address;
  const chainId = await publicClient.getChainId();
  const { deterministic } = options;
  const log = deterministic?.log ?? (() => {});
  const wait = (hash: Hex) => publicClient.waitForTransactionReceipt({ hash });
  if (deterministic) await ensureCreateX(publicClient, deployerClient, log);

  /** The CREATE3 address of contract `name` (deterministic deployments only). */
  const predict = (name: string) => predictCreate3(publicClient, deployer, create3Salt(deployer, name));
  const kept: string[] = [];
  /** Creates `name` (or keeps it, when a resumed deterministic deployment finds it); its address and block. */
  async function create(name: string, args: readonly unknown[]): Promise<{ address: Address; blockNumber?: bigint }> {
    if (!deterministic) {
      const { contract, deploymentTransaction } = await viem.sendDeploymentTransaction(name, [...args]);
      const receipt = await wait(deploymentTransaction.hash);
      return { address: contract.address, blockNumber: receipt.blockNumber };
    }
    const address = await predict(name);
    const code = await publicClient.getCode({ address });
    if (code && code !== "0x") {
      kept.push(name);
      log(`${name} is already at ${address}: kept.`);
      return { address };
    }
    const { abi, bytecode } = await deterministic.artifacts.readArtifact(name);
    const initCode = encodeDeployData({ abi, bytecode: bytecode as Hex, args: [...args] });
    const receipt = await deployCreate3(publicClient, deployerClient, create3Salt(deployer, name), initCode, address);
    log(`${name} deployed at ${address} (block ${receipt.blockNumber}).`);
    return { address, blockNumber: receipt.blockNumber };
  }

  // The token is deployed first: its block is where every event history starts.
  const placedToken = await create("SupportToken", [opts.initialHolder ?? deployer, opts.initialSupply]);
  let deploymentBlock = placedToken.blockNumber;
  if (deploymentBlock !== undefined) await deterministic?.journal?.write({ deploymentBlock: Number(deploymentBlock) });
  else {
    const entry = await deterministic?.journal?.read();
    if (!entry)
      throw new Error(
        `The token already exists at ${placedToken.address}, but the deployment journal that holds its block is gone: restore it to resume this deployment.`,
      );
    deploymentBlock = BigInt(entry.deploymentBlock);
  }
  const token = await viem.getContractAt("SupportToken", placedToken.address);
  // The deployer is the timelock's admin only until the governor is wired in, below.
  const timelock = await viem.getContractAt(
    "TimelockController",
    (await create("TimelockController", [opts.timelockDelay, [], [zeroAddress], deployer])).address,
  );
  // The registries push what `rate` checks into the ratings contract's mirror, so each is deployed with
  // the ratings address: its CREATE3 address, or predicted from the deployer's nonce (the ratings
  // constructor checks both).
  const predictedRatings = deterministic
    ? await predict("SupportRatings")
    : getContractAddress({ from: deployer, nonce: BigInt(await publicClient.getTransactionCount({ address: deployer })) + 2n });
  const policyRegistry = await viem.getContractAt("PolicyRegistry", (await create("PolicyRegistry", [timelock.address, predictedRatings])).address);
  const agentRegistry = await viem.getContractAt("AgentRegistry", (await create("AgentRegistry", [timelock.address, predictedRatings])).address);
  const ratings = await viem.getContractAt(
    "SupportRatings",
    (await create("SupportRatings", [timelock.address, agentRegistry.address, policyRegistry.address])).address,
  );
  const knowledgeBase = await viem.getContractAt(
    "KnowledgeBase",
    (await create("KnowledgeBase", [timelock.address, policyRegistry.address, protectedCategoryMask(opts.protectedArticleCategories)])).address,
  );

  const routine = defaultRoutineActions(
    {
      policyRegistry: policyRegistry.address,
      agentRegistry: agentRegistry.address,
      ratings: ratings.address,
      knowledgeBase: knowledgeBase.address,
    },
    opts.protectedArticleCategories,
  );
  const governorArgs = [
    token.address,
    timelock.address,
    opts.guardian ?? deployer,
    governorSettings(opts),
    routine.targets,
    routine.prefixes,
  ] as const;
  const governor = await viem.getContractAt("SupportGovernor", (await create("SupportGovernor", governorArgs)).address);
  // Credentials and community rewards read the agent registry; every function of both is critical.
  const credentials = await viem.getContractAt(
    "AgentCredentials",
    (await create("AgentCredentials", [timelock.address, agentRegistry.address])).address,
  );
  const rewards = await viem.getContractAt("CommunityRewards", (await create("CommunityRewards", [timelock.address, agentRegistry.address])).address);
  if (kept.length > 0)
    await checkKeptWiring({ token, timelock, governor, policyRegistry, agentRegistry, ratings, knowledgeBase, credentials, rewards });

  // Each wiring step is skipped when done, so a resumed deployment finishes where the last one stopped.
  for (const role of [await timelock.read.PROPOSER_ROLE(), await timelock.read.CANCELLER_ROLE()]) {
    if (!(await timelock.read.hasRole([role, governor.address]))) await wait(await timelock.write.grantRole([role, governor.address]));
  }
  const admin = await timelock.read.DEFAULT_ADMIN_ROLE();
  if (await timelock.read.hasRole([admin, deployer])) await wait(await timelock.write.renounceRole([admin, deployer]));

  const block = await publicClient.getBlock({ blockNumber: deploymentBlock });
  const deployment: Deployment = {
    chainId,
    deploymentBlock: Number(deploymentBlock),
    deployedAt: Number(block.timestamp),
    contracts: {
      SupportToken: token.address,
      TimelockController: timelock.address,
      SupportGovernor: governor.address,
      PolicyRegistry: policyRegistry.address,
      AgentRegistry: agentRegistry.address,
      SupportRatings: ratings.address,
      KnowledgeBase: knowledgeBase.address,
      AgentCredentials: credentials.address,
      CommunityRewards: rewards.address,
    },
  };
  return { deployment, deployer, token, timelock, governor, policyRegistry, agentRegistry, ratings, knowledgeBase, credentials, rewards };
}

/**
 * A resumed deployment kept contracts a previous run created: they must be wired to each other (a CREATE3
 * address does not depend on the constructor arguments, so a run with other options would otherwise mix
 * in contracts built for something else). The ratings constructor already checked both registries.
 */
async function checkKeptWiring(c: {
  token: { address: Address };
  timelock: { address: Address };
  governor: { read: { token(): Promise<Address>; timelock(): Promise<Address> } };
  policyRegistry: { address: Address };
  agentRegistry: { address: Address };
  ratings: { read: { agentRegistry(): Promise<Address>; policyRegistry(): Promise<Address>; owner(): Promise<Address> } };
  knowledgeBase: { read: { policyRegistry(): Promise<Address>; owner(): Promise<Address> } };
  credentials: { read: { agentRegistry(): Promise<Address>; owner(): Promise<Address> } };
  rewards: { read: { owner(): Promise<Address> } };
}): Promise<void> {
  const pairs: [string, Address, Address][] = [
    ["the governor's token", await c.governor.read.token(), c.token.address],
    ["the governor's timelock", await c.governor.read.timelock(), c.timelock.address],
    ["the ratings contract's agent registry", await c.ratings.read.agentRegistry(), c.agentRegistry.address],
    ["the ratings contract's policy registry", await c.ratings.read.policyRegistry(), c.policyRegistry.address],
    ["the ratings contract's owner", await c.ratings.read.owner(), c.timelock.address],
    ["the knowledge base's policy registry", await c.knowledgeBase.read.policyRegistry(), c.policyRegistry.address],
    ["the knowledge base's owner", await c.knowledgeBase.read.owner(), c.timelock.address],
    ["the credentials' agent registry", await c.credentials.read.agentRegistry(), c.agentRegistry.address],
    ["the credentials' owner", await c.credentials.read.owner(), c.timelock.address],
    ["the rewards' owner", await c.rewards.read.owner(), c.timelock.address],
  ];
  for (const [what, actual, expected] of pairs)
    if (actual.toLowerCase() !== expected.toLowerCase())
      throw new Error(`Cannot resume this deployment: ${what} is ${actual}, not ${expected}. It was started with other contracts or options.`);
}

/** The protocol already deployed as `deployment` records, in the shape `deployProtocol` returns. */
export async function attachProtocol(viem: Viem, deployment: Deployment, deployer: Address) {
  const { contracts: c } = deployment;
  return {
    deployment,
    deployer,
    token: await viem.getContractAt("SupportToken", c.SupportToken),
    timelock: await viem.getContractAt("TimelockController", c.TimelockController),
    governor: await viem.getContractAt("SupportGovernor", c.SupportGovernor),
    policyRegistry: await viem.getContractAt("PolicyRegistry", c.PolicyRegistry),
    agentRegistry: await viem.getContractAt("AgentRegistry", c.AgentRegistry),
    ratings: await viem.getContractAt("SupportRatings", c.SupportRatings),
    knowledgeBase: await viem.getContractAt("KnowledgeBase", c.KnowledgeBase),
    credentials: await viem.getContractAt("AgentCredentials", c.AgentCredentials),
    rewards: await viem.getContractAt("CommunityRewards", c.CommunityRewards),
  };
}

/** Writes `deployments/<chainId>.json`. */
export async function writeDeployment(deployment: Deployment, dir = path.resolve("deployments")): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${deployment.chainId}.json`);
  await writeFile(file, `${JSON.stringify(deployment, null, 2)}\n`);
  return file;
}
