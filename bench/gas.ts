/**
 * Gas half of `npm run bench` (SPEC §6), measured in one run on Hardhat's in-process network:
 * - `rate` in steady state (the agent already has ratings) against the same rating recorded as an EAS
 *   attestation, with EAS deployed from its own published build artifacts;
 * - `propose`, `castVote`, `queue`, `execute` of SupportGovernor against PlainGovernor (the same OZ
 *   composition without the critical-action quorum) on the same proposal.
 */
import { createRequire } from "node:module";
import { encodeRatingRulesParams, encodeSlaParams, PolicyKind, signReceipt, weekdayCalendar } from "@support-quality/sdk";
import { type HelperReward, rewardProof, rewardTree } from "@support-quality/sdk/rewards";
import type { NetworkConnection } from "hardhat/types/network";
import {
  type Abi,
  type Address,
  encodeAbiParameters,
  encodeFunctionData,
  encodePacked,
  getAddress,
  type Hex,
  keccak256,
  parseAbiParameters,
  parseEther,
  toHex,
  zeroAddress,
  zeroHash,
} from "viem";
import { DEFAULT_OPTIONS, deployProtocol, governorSettings } from "../deploy/protocol.js";

const require = createRequire(import.meta.url);
const easArtifact = (name: string) =>
  require(`@ethereum-attestation-service/eas-contracts/artifacts/contracts/${name}.sol/${name}.json`) as {
    abi: Abi;
    bytecode: Hex;
  };

export interface GasResult {
  name: string;
  ours: bigint;
  baseline?: bigint;
  baselineName?: string;
  target: string;
  pass: boolean;
}

const COMMENT = "Solved my stuck transaction in minutes, clear steps."; // a typical short comment
const SAMPLES = 5;

export async function measureGas(connection: NetworkConnection): Promise<GasResult[]> {
  const { viem, networkHelpers } = connection;
  const publicClient = await viem.getPublicClient();
  const wallets = await viem.getWalletClients();
  const [deployer, issuer, agent, ...requesters] = wallets;
  const gasOf = async (hash: Hex) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`bench transaction reverted: ${hash}`);
    return receipt.gasUsed;
  };
  const median = (values: bigint[]) => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[values.length >> 1];

  // ---------------------------------------------------------------- rate vs EAS attest
  const p = await deployProtocol(viem);
  const timelock = p.timelock.address;
  await networkHelpers.impersonateAccount(timelock);
  await networkHelpers.setBalance(timelock, parseEther("10"));
  const asTimelock = { account: timelock };
  await gasOf(await p.agentRegistry.write.registerDesk(["Bench Desk", false], asTimelock));
  await gasOf(await p.agentRegistry.write.setIssuer([1, issuer.account.address, true], asTimelock));
  await gasOf(await p.agentRegistry.write.addAgent([1, agent.account.address, "bench.agent", 0], asTimelock));
  const targets = { firstResponseMinutes: [240, 60, 30, 15], resolutionMinutes: [4320, 1440, 480, 240] } as const;
  const sla = encodeSlaParams(targets);
  const rules = encodeRatingRulesParams({
    ratingWindow: 7 * 86400,
    scale: 5,
    tags: ["fast", "clear", "solved", "polite"],
    categories: ["Wallet setup & backup", "Transactions & gas", "dApp connection", "Security & phishing", "Asset recovery"],
  });
  for (const [kind, params] of [
    [PolicyKind.SLA, sla],
    [PolicyKind.RatingRules, rules],
  ] as const) {
    await gasOf(await p.policyRegistry.write.publishPolicy([kind, 0n, 0, { title: `Bench ${kind}`, text: "Bench policy text.", uri: "", params }], asTimelock));
  }
  await networkHelpers.time.increase(3600);

  const ratingsContract = { chainId: 31337, verifyingContract: p.ratings.address };
  let ticket = 1n;
  /** Median gas of steady-state ratings (Normal priority, category 2) under the SLA in force. */
  const rateSamples = async () => {
    const gasUsed: bigint[] = [];
    // The first rating of the agent creates its aggregate slot; steady state is every rating after it.
    for (let i = 0; i <= SAMPLES; i++) {
      const now = await networkHelpers.time.latest();
      const requester = requesters[i % requesters.length];
      const receipt = {
        ticketId: ticket++,
        deskId: 1,
        agent: agent.account.address,
        requester: requester.account.address,
        priority: 1,
        category: 2,
        openedAt: now - 3600,
        firstResponseAt: now - 3000,
        resolvedAt: now - 600,
        pausedSeconds: 0,
        deadline: now + 86400,
      };
      const signature = await signReceipt(issuer, ratingsContract, receipt);
      const gas = await gasOf(
        await p.ratings.write.rate([receipt, signature, issuer.account.address, 5, 0b101, COMMENT], {
          account: requester.account,
        }),
      );
      if (i > 0 || ticket > 2n) gasUsed.push(gas);
    }
    return median(gasUsed);
  };
  const rate = await rateSamples();
  // The same ratings with the Normal targets counted in business hours: a protocol-wide Mon–Fri
  // 08:00–20:00 calendar, then the same with 12 holidays (the calendar's second word is read).
  const businessSla = async (version: number, holidays: number[]) => {
    const params = encodeSlaParams({ ...targets, businessHours: 0b0010, calendar: weekdayCalendar(8 * 60, 20 * 60, 60, holidays) });
    const content = { title: "", text: `Business hours v${version}.`, uri: "", params };
    await gasOf(await p.policyRegistry.write.publishPolicy([PolicyKind.SLA, 1n, 0, content], asTimelock));
    // The sampled tickets open an hour before they are rated: let them open under this version.
    await networkHelpers.time.increase(2 * 3600);
  };
  await businessSla(2, []);
  const rateBusiness = await rateSamples();
  const today = Math.floor((await networkHelpers.time.latest()) / 86400);
  await businessSla(
    3,
    Array.from({ length: 12 }, (_, i) => today + 30 + 7 * i),
  );
  const rateBusinessHolidays = await rateSamples();

  const registryArtifact = easArtifact("SchemaRegistry");
  const easArtifactJson = easArtifact("EAS");
  const registryHash = await deployer.deployContract({ abi: registryArtifact.abi, bytecode: registryArtifact.bytecode });
  const registry = (await publicClient.waitForTransactionReceipt({ hash: registryHash })).contractAddress as Address;
  const easHash = await deployer.deployContract({ abi: easArtifactJson.abi, bytecode: easArtifactJson.bytecode, args: [registry] });
  const eas = (await publicClient.waitForTransactionReceipt({ hash: easHash })).contractAddress as Address;
  // The same information a rating records: who, which ticket, score, tags, category, SLA verdict, comment.
  const schema = "uint32 deskId,uint64 ticketId,address agent,uint8 score,uint32 tags,uint8 category,uint8 verdict,string comment";
  await gasOf(
    await deployer.writeContract({
      address: registry,
      abi: registryArtifact.abi,
      functionName: "register",
      args: [schema, zeroAddress, true],
    }),
  );
  // EAS's schema UID: keccak256(abi.encodePacked(schema, resolver, revocable)).
  const schemaUid = keccak256(encodePacked(["string", "address", "bool"], [schema, zeroAddress, true]));
  const attestGas: bigint[] = [];
  for (let i = 0; i <= SAMPLES; i++) {
    const data = encodeAbiParameters(parseAbiParameters(schema), [1, BigInt(1000 + i), agent.account.address, 5, 0b101, 2, 1, COMMENT]);
    const attester = requesters[i % requesters.length];
    const gas = await gasOf(
      await attester.writeContract({
        address: eas,
        abi: easArtifactJson.abi,
        functionName: "attest",
        args: [
          {
            schema: schemaUid,
            data: { recipient: agent.account.address, expirationTime: 0n, revocable: true, refUID: zeroHash, data, value: 0n },
          },
        ],
      }),
    );
    if (i > 0) attestGas.push(gas);
  }
  const attest = median(attestGas);

  // ---------------------------------------------------------------- knowledge base
  // A seeded-size article (~1.8 kB of Markdown), its update, and "was this helpful?" votes (first and later).
  const body = "- Never type your seed phrase into a website, a form or a chat.\n".repeat(28);
  const article = { title: "Back up your seed phrase", body, language: "en" };
  const publishArticle = await gasOf(await p.knowledgeBase.write.publishArticle([1, 0n, 0, article], asTimelock));
  const updateArticle = await gasOf(await p.knowledgeBase.write.publishArticle([1, 1n, 0, { ...article, body: `${body}Check twice.` }], asTimelock));
  const helpfulGas: bigint[] = [];
  for (const [i, voter] of requesters.slice(0, SAMPLES + 1).entries()) {
    const gas = await gasOf(await p.knowledgeBase.write.voteHelpful([1n, 2n, i % 2 === 0, ""], { account: voter.account }));
    helpfulGas.push(gas); // each vote writes a fresh "voted" slot; the tally shares the version's slot
  }
  const voteHelpful = median(helpfulGas);

  // ---------------------------------------------------------------- credentials
  // A grant to the rated agent, then the same steady-state ratings again: `rate` never reads credentials.
  await gasOf(await p.credentials.write.defineLevel(["Security specialist", "Phishing and fake support.", 180 * 86400], asTimelock));
  await gasOf(await p.credentials.write.setExaminer([1, deployer.account.address, true], asTimelock));
  const grant = await gasOf(await p.credentials.write.grant([1, agent.account.address, "https://academy.example/exams/4821"]));
  const rateCredentialed = await rateSamples();
  await gasOf(await p.credentials.write.grant([1, agent.account.address, "https://academy.example/exams/4822"]));
  const revoke = await gasOf(await p.credentials.write.revoke([2n, "Exam retaken: superseded."]));

  // ---------------------------------------------------------------- community rewards
  // An epoch of 64 helpers (proofs of 6 hashes) paid in the governance token from the treasury.
  await gasOf(await p.agentRegistry.write.registerCommunityDesk(["Bench Community"], asTimelock));
  await gasOf(await p.token.write.transfer([timelock, parseEther("100000")]));
  // Real-looking addresses (calldata of zero bytes is cheaper: tiny addresses would flatter the claim).
  const helpers = Array.from({ length: 64 }, (_, i) => getAddress(`0x${keccak256(toHex(`helper ${i}`)).slice(26)}`));
  const rewardList: HelperReward[] = helpers.map((account, index) => ({ index, account, ratings: 3, points: 2, amount: parseEther("10") + BigInt(index) }));
  const tree = rewardTree(rewardList);
  const epochBudget = parseEther("1000");
  const epochTotal = rewardList.reduce((sum, r) => sum + r.amount, 0n);
  await gasOf(await p.token.write.approve([p.rewards.address, epochBudget], asTimelock));
  const block = await publicClient.getBlockNumber();
  const formula = { deskId: 2, fromBlock: 1n, toBlock: block - 1n, asOfBlock: block - 1n, minScore: 4, minRatings: 2, capPerHelper: parseEther("20") };
  const deadline = (await networkHelpers.time.latest()) + 30 * 86400;
  const publishEpoch = await gasOf(
    await p.rewards.write.publishEpoch([p.token.address, epochBudget, epochTotal, tree.root as Hex, deadline, formula], asTimelock),
  );
  // Claims go to the epoch's vault, as the dApp sends them (through CommunityRewards.claim costs a call more).
  const vault = await viem.getContractAt("RewardVault", (await p.rewards.read.epoch([1])).vault);
  const claim = async (r: HelperReward) => gasOf(await vault.write.claim([BigInt(r.index), r.account, r.amount, rewardProof(rewardList, r)]));
  // Helpers 1.. already hold the token (they were paid before); helper 0's claim is the epoch's first.
  for (const r of rewardList.slice(1, SAMPLES + 2)) await gasOf(await p.token.write.transfer([r.account, 1n]));
  const claimFresh = await claim(rewardList[0]!);
  const warmGas: bigint[] = [];
  for (const r of rewardList.slice(1, SAMPLES + 2)) warmGas.push(await claim(r));
  const claimWarm = median(warmGas);
  const claimNewHolder = await claim(rewardList[SAMPLES + 2]!);

  // ---------------------------------------------------------------- governor vs plain OZ governor
  const ours = await measureGovernor(connection, "SupportGovernor");
  const plain = await measureGovernor(connection, "PlainGovernor");

  const ratio = (a: bigint, b: bigint) => Number(a) / Number(b);
  return [
    { name: "rate (steady state, calendar-time SLA)", ours: rate, target: "≤ 72,000 gas", pass: rate <= 72_000n },
    { name: "rate (steady state, business-hours SLA)", ours: rateBusiness, target: "≤ 76,000 gas", pass: rateBusiness <= 76_000n },
    {
      name: "rate (steady state, business hours with 12 holidays)",
      ours: rateBusinessHolidays,
      target: "reported",
      pass: true,
    },
    {
      name: "rate vs EAS attest",
      ours: rate,
      baseline: attest,
      baselineName: "EAS attest",
      target: "≤ 0.3× EAS",
      pass: ratio(rate, attest) <= 0.3,
    },
    { name: "publishArticle (new, 1.8 kB body)", ours: publishArticle, target: "reported", pass: true },
    { name: "publishArticle (new version)", ours: updateArticle, target: "reported", pass: true },
    { name: "voteHelpful (no reason)", ours: voteHelpful, target: "reported", pass: true },
    { name: "grant a credential (first of the agent)", ours: grant, target: "reported", pass: true },
    { name: "revoke a credential", ours: revoke, target: "reported", pass: true },
    {
      name: "rate with a credentialed agent",
      ours: rateCredentialed,
      baseline: rateBusinessHolidays,
      baselineName: "the same rate before the grant",
      target: "+0 gas",
      pass: rateCredentialed === rateBusinessHolidays,
    },
    { name: "publishEpoch (64 helpers, pulls the budget)", ours: publishEpoch, target: "reported", pass: true },
    { name: "claim (holder of the token, bitmap word in use)", ours: claimWarm, target: "≤ 60,000 gas", pass: claimWarm <= 60_000n },
    { name: "claim (first of the epoch: fresh bitmap word, fresh holder)", ours: claimFresh, target: "reported", pass: true },
    { name: "claim (new holder, bitmap word in use)", ours: claimNewHolder, target: "reported", pass: true },
    ...(["propose", "castVote", "queue", "execute"] as const).map((step) => ({
      name: step,
      ours: ours[step],
      baseline: plain[step],
      baselineName: "plain OZ Governor",
      target: "≤ 1.05× plain",
      pass: ratio(ours[step], plain[step]) <= 1.05,
    })),
  ];
}

/** Deploys a governor flavour with token + timelock and measures one proposal's lifecycle. */
async function measureGovernor(connection: NetworkConnection, flavour: "SupportGovernor" | "PlainGovernor") {
  const { viem, networkHelpers } = connection;
  const publicClient = await viem.getPublicClient();
  const [deployer, voterA, voterB] = await viem.getWalletClients();
  const gasOf = async (hash: Hex) => (await publicClient.waitForTransactionReceipt({ hash })).gasUsed;
  let governorAddress: Address;
  let timelockAddress: Address;
  let registryAddress: Address;
  let tokenAddress: Address;
  if (flavour === "SupportGovernor") {
    const p = await deployProtocol(viem);
    [governorAddress, timelockAddress, registryAddress, tokenAddress] = [p.governor.address, p.timelock.address, p.policyRegistry.address, p.token.address];
  } else {
    const token = await viem.deployContract("SupportToken", [deployer.account.address, DEFAULT_OPTIONS.initialSupply]);
    const timelock = await viem.deployContract("TimelockController", [DEFAULT_OPTIONS.timelockDelay, [], [zeroAddress], deployer.account.address]);
    // The proposal publishes a General policy, which never reaches the ratings mirror: no ratings contract.
    const registry = await viem.deployContract("PolicyRegistry", [timelock.address, zeroAddress]);
    const governor = await viem.deployContract("PlainGovernor", [token.address, timelock.address, deployer.account.address, governorSettings()]);
    await gasOf(await timelock.write.grantRole([await timelock.read.PROPOSER_ROLE(), governor.address]));
    await gasOf(await timelock.write.grantRole([await timelock.read.CANCELLER_ROLE(), governor.address]));
    [governorAddress, timelockAddress, registryAddress, tokenAddress] = [governor.address, timelock.address, registry.address, token.address];
  }
  const token = await viem.getContractAt("SupportToken", tokenAddress);
  const governor = await viem.getContractAt("SupportGovernor", governorAddress);
  const registry = await viem.getContractAt("PolicyRegistry", registryAddress);
  void timelockAddress;
  for (const voter of [voterA, voterB]) {
    await gasOf(await token.write.transfer([voter.account.address, parseEther("1000000")]));
    await gasOf(await token.write.delegate([voter.account.address], { account: voter.account }));
  }
  await gasOf(await token.write.delegate([deployer.account.address]));
  await networkHelpers.mine(1);

  const data = encodeFunctionData({
    abi: registry.abi,
    functionName: "publishPolicy",
    args: [PolicyKind.General, 0n, 0, { title: "Refund requests", text: "Refund requests are answered within two business days.", uri: "", params: "0x" }],
  });
  const description = "Publish the refund-request policy";
  const targets = [registryAddress];
  const values = [0n];
  const calldatas = [data];
  const propose = await gasOf(await governor.write.propose([targets, values, calldatas, description]));
  const id = await governor.read.getProposalId([targets, values, calldatas, keccak256(toHex(description))]);
  await networkHelpers.time.increase(DEFAULT_OPTIONS.votingDelay + 1);
  const castVote = await gasOf(await governor.write.castVote([id, 1], { account: voterA.account }));
  await gasOf(await governor.write.castVote([id, 1], { account: voterB.account }));
  await networkHelpers.time.increase(DEFAULT_OPTIONS.votingPeriod + DEFAULT_OPTIONS.lateQuorumExtension + 1);
  const queue = await gasOf(await governor.write.queue([id]));
  await networkHelpers.time.increase(Number(DEFAULT_OPTIONS.timelockDelay) + 1);
  const execute = await gasOf(await governor.write.execute([id]));
  return { propose, castVote, queue, execute };
}
