/**
 * The demo world's "who is helping you" part: a community desk whose volunteer helpers sign their own
 * receipts, an AI assistant of Ledgerly labelled as such, credential levels with an examiner, and a reward
 * epoch of the community desk computed from its ratings and published by proposal (the same computation
 * `npm run audit` repeats to check the root).
 */
import { escalatedReceiptTypedData, type Receipt, receiptFields, receiptTypedData, supportRatingsAbi, supportTokenAbi } from "@support-quality/sdk";
import { agentCredentialsAbi, agentRegistryAbi, communityRewardsAbi } from "@support-quality/sdk/abis";
import { readTimeline } from "@support-quality/sdk/audit";
import { computeRewards, type RewardFormula } from "@support-quality/sdk/rewards";
import { type Abi, type ContractFunctionName, parseEther, type WalletClient } from "viem";
import type { Deployment } from "../../deploy/protocol.js";
import { addressOf, type RoleKey } from "./accounts.js";
import { advanceTime, type Call, call } from "./govern.js";
import { accountOf, type ContractCall, sendTx } from "./tx.js";
import type { WorldClients } from "./world.js";

export const COMMUNITY_DESK = { id: 4, name: "Wallet Helpers Community", operator: "communityOperator" } as const;
export const COMMUNITY_HELPERS = [
  ["nia", "nia.helps"],
  ["omar", "omar.helps"],
] as const satisfies readonly (readonly [RoleKey, string])[];
export const AI_ASSISTANT = { key: "ledgerlyBot", handle: "ledgerly.bot", deskId: 1 } as const;

/** Certification levels the DAO defines: name, description, validity in days. */
export const CREDENTIAL_LEVELS = [
  ["Wallet basics", "Wallet creation, backups, fees and failed transactions: the everyday questions.", 365],
  ["Security specialist", "Phishing, drainers, approvals and fake support: handles tickets where funds are at risk.", 180],
] as const;
/** Who holds which level (1-based level ids) after the examiner's grants. */
export const CREDENTIAL_GRANTS: readonly [RoleKey, number, string][] = [
  ["maya", 1, "https://academy.ledgerly.example/exams/maya-basics"],
  ["maya", 2, "https://academy.ledgerly.example/exams/maya-security"],
  ["theo", 1, "https://academy.ledgerly.example/exams/theo-basics"],
  ["nia", 1, "https://helpers.example/certificates/nia-basics"],
];

/** Epoch 1: 1,000 SQT shared by points, at most 500 SQT a helper; at least 2 ratings; 4+ counts. */
export const REWARD_BUDGET = parseEther("1000");
export const REWARD_CAP = parseEther("500");

/** Self-signed community tickets: helper, requester, score. */
const COMMUNITY_TICKETS: [RoleKey, RoleKey, number, string][] = [
  ["nia", "user1", 5, "Walked me through restoring from my backup, step by step."],
  ["nia", "user2", 5, "Patient and clear."],
  ["nia", "user3", 4, ""],
  ["nia", "user4", 3, "Helpful, but I had to wait a while."],
  ["omar", "user1", 5, "Found my stuck transaction and explained the nonce."],
  ["omar", "user5", 4, ""],
  ["omar", "user6", 2, "Did not really answer my question."],
];

const MINUTE = 60;
const DAY = 24 * 60 * MINUTE;

export interface CommunityContext {
  clients: WorldClients;
  deployment: Deployment;
  /** Passes the proposals together through the real governor. */
  pass(proposals: { calls: Call[]; description: string }[]): Promise<bigint[]>;
  log(line: string): void;
}

export async function seedCommunity({ clients, deployment, pass, log }: CommunityContext): Promise<{ epochId: number }> {
  const { publicClient, testClient } = clients;
  const c = deployment.contracts;
  const wallet = (key: RoleKey): WalletClient => clients.wallet(addressOf(key));
  const send = <const abi extends Abi, name extends ContractFunctionName<abi, "nonpayable" | "payable">>(
    key: RoleKey,
    address: `0x${string}`,
    abi: abi,
    functionName: name,
    args: ContractCall<abi, name>["args"],
  ) => sendTx(publicClient, wallet(key), { address, abi, functionName, args });
  const now = async () => Number((await publicClient.getBlock()).timestamp);

  // The treasury (the timelock) receives tokens to fund reward epochs.
  await send("deployer", c.SupportToken, supportTokenAbi, "transfer", [c.TimelockController, parseEther("20000")]);
  await pass([
    {
      calls: [
        call(c.AgentRegistry, agentRegistryAbi, "registerCommunityDesk", [COMMUNITY_DESK.name]),
        call(c.AgentRegistry, agentRegistryAbi, "setOperator", [COMMUNITY_DESK.id, addressOf(COMMUNITY_DESK.operator), true]),
        ...CREDENTIAL_LEVELS.map(([name, description, days]) => call(c.AgentCredentials, agentCredentialsAbi, "defineLevel", [name, description, days * DAY])),
        ...CREDENTIAL_LEVELS.map((_, i) => call(c.AgentCredentials, agentCredentialsAbi, "setExaminer", [i + 1, addressOf("examiner"), true])),
      ],
      description:
        "# Community support and credentials\n\nRegisters the Wallet Helpers Community (volunteer helpers who sign their own receipts), defines the credential levels “Wallet basics” (1 year) and “Security specialist” (180 days), and appoints their examiner. Critical: it decides who may call themselves support.",
    },
  ]);
  await send("ledgerlyOperator", c.AgentRegistry, agentRegistryAbi, "addAgent", [AI_ASSISTANT.deskId, addressOf(AI_ASSISTANT.key), AI_ASSISTANT.handle, 1]);
  for (const [helper, handle] of COMMUNITY_HELPERS) {
    await send(COMMUNITY_DESK.operator, c.AgentRegistry, agentRegistryAbi, "addAgent", [COMMUNITY_DESK.id, addressOf(helper), handle, 2]);
  }
  for (const [agent, levelId, evidence] of CREDENTIAL_GRANTS) {
    await send("examiner", c.AgentCredentials, agentCredentialsAbi, "grant", [levelId, addressOf(agent), evidence]);
  }
  // The tickets below open after everyone was onboarded (a ticket counts from its agent's activeFrom).
  await advanceTime(testClient, 4 * 60 * MINUTE);
  log("  community desk with 2 helpers, AI assistant @ledgerly.bot (one ticket escalated to @maya.ledgerly), 2 credential levels, 4 credentials granted");

  // The community's tickets (self-signed by the helpers) and one ticket the AI assistant answered.
  const fromBlock = (await publicClient.getBlockNumber()) + 1n;
  const ratingsContract = { chainId: deployment.chainId, verifyingContract: c.SupportRatings };
  const start = await now();
  const tickets: [RoleKey, RoleKey, number, string, RoleKey][] = [
    ...COMMUNITY_TICKETS.map(([helper, requester, score, comment]): [RoleKey, RoleKey, number, string, RoleKey] => [helper, requester, score, comment, helper]),
    [AI_ASSISTANT.key, "user6", 4, "The bot found the right article at once.", "ledgerlyIssuer"],
  ];
  for (const [i, [agent, requester, score, comment, signerKey]] of tickets.entries()) {
    const openedAt = start - 3 * 60 * MINUTE + i * MINUTE;
    const receipt: Receipt = {
      ticketId: 40_000n + BigInt(i),
      deskId: agent === AI_ASSISTANT.key ? AI_ASSISTANT.deskId : COMMUNITY_DESK.id,
      agent: addressOf(agent),
      requester: addressOf(requester),
      priority: 1,
      category: 1,
      openedAt,
      firstResponseAt: openedAt + 5 * MINUTE,
      resolvedAt: openedAt + 30 * MINUTE,
      pausedSeconds: 0,
      deadline: openedAt + 30 * DAY,
    };
    const signer = wallet(signerKey);
    const account = accountOf(signer);
    const signature = await signer.signTypedData({ ...receiptTypedData(ratingsContract, receipt), account });
    await send(requester, c.SupportRatings, supportRatingsAbi, "rate", [receipt, signature, account.address, score, 0, comment]);
  }
  // The AI assistant handed a second ticket to maya: the desk signs her ticket with the reference to the bot's.
  const botTicket = 40_000n + BigInt(tickets.length);
  const handedOver = await now();
  const escalated = {
    ticketId: botTicket + 1n,
    deskId: AI_ASSISTANT.deskId,
    agent: addressOf("maya"),
    requester: addressOf("user6"),
    priority: 2,
    category: 4,
    openedAt: handedOver - 50 * MINUTE,
    firstResponseAt: handedOver - 45 * MINUTE,
    resolvedAt: handedOver - 20 * MINUTE,
    pausedSeconds: 0,
    deadline: handedOver + 30 * DAY,
    escalatedFrom: botTicket,
  } satisfies Receipt;
  const issuer = wallet("ledgerlyIssuer");
  const issuerAccount = accountOf(issuer);
  const escalatedSignature = await issuer.signTypedData({ ...escalatedReceiptTypedData(ratingsContract, escalated), account: issuerAccount });
  await send("user6", c.SupportRatings, supportRatingsAbi, "rateEscalated", [
    receiptFields(escalated),
    botTicket,
    escalatedSignature,
    issuerAccount.address,
    5,
    0,
    "The bot could not reset my approvals; a person did it with me.",
    0,
    "0x",
  ]);
  const toBlock = await publicClient.getBlockNumber();
  await advanceTime(testClient, MINUTE);

  // Epoch 1: computed from the chain's events exactly as the audit will recompute it.
  const formula: RewardFormula = { deskId: COMMUNITY_DESK.id, fromBlock, toBlock, asOfBlock: toBlock, minScore: 4, minRatings: 2, capPerHelper: REWARD_CAP };
  const { rows } = await readTimeline(publicClient, deployment);
  const { rewards, total, root } = computeRewards(rows, formula, REWARD_BUDGET);
  if (!root) throw new Error("seed: the community epoch earned no rewards");
  const claimDeadline = (await now()) + 180 * DAY;
  await pass([
    {
      calls: [
        call(c.SupportToken, supportTokenAbi, "approve", [c.CommunityRewards, REWARD_BUDGET]),
        call(c.CommunityRewards, communityRewardsAbi, "publishEpoch", [c.SupportToken, REWARD_BUDGET, total, root, claimDeadline, formula]),
      ],
      description: `# Community rewards, epoch 1\n\n1,000 SQT from the treasury for the Wallet Helpers Community: points are distinct users who rated a helper 4 or 5, at least 2 ratings, at most 500 SQT a helper. Root ${root} (recompute it with \`npm run audit\`). Rewards: ${rewards.map((r) => `${r.account} ${r.amount / 10n ** 18n} SQT`).join(", ")}.`,
    },
  ]);
  log(`  reward epoch 1 published: ${rewards.length} helpers, ${total / 10n ** 18n} of 1000 SQT allocated`);
  return { epochId: 1 };
}
