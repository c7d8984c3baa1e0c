/**
 * The demo world of the local chain, built only from real transactions: tokens and delegations, desks,
 * agents and policies passed through the real governor (with time travel), ratings of signed receipts,
 * an agent suspension, impersonator reports, a voided rating, and two proposals left in flight.
 *
 * Roles by account: scripts/stack/accounts.ts.
 */
import {
  type Address,
  type Hex,
  pad,
  parseEther,
  type PublicClient,
  type TestClient,
  type WalletClient,
} from "viem";
import { advanceTime, type Call, call, propose, ProposalState, Vote } from "../../deploy/govern.js";
import { type Deployment, PolicyKind, type Viem } from "../../deploy/protocol.js";
import { encodeRatingRulesParams, encodeSlaParams } from "../../policies/params.js";
import { RECEIPT_TYPES, type Receipt, ratingsDomain } from "../../receipts/eip712.js";
import { addressOf, DEMO_DESKS, devAccounts, type RoleKey } from "./accounts.js";
import {
  agentRegistryAbi,
  policyRegistryAbi,
  supportGovernorAbi,
  supportRatingsAbi,
  supportTokenAbi,
} from "../../web/src/generated/contracts.js";

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface WorldClients {
  publicClient: PublicClient;
  testClient: TestClient;
  /** A wallet client for an unlocked account of the node. */
  wallet(account: Address): WalletClient;
}

/** The clients `seedWorld` needs, from Hardhat's viem helpers of a network connection. */
export async function worldClients(viem: Viem): Promise<WorldClients> {
  const [wallet] = await viem.getWalletClients();
  const unlocked = new Set((await wallet.getAddresses()).map((a) => a.toLowerCase()));
  const missing = devAccounts().filter((a) => !unlocked.has(a.address.toLowerCase()));
  if (missing.length > 0) {
    throw new Error(
      `The node does not unlock the dev accounts #${missing.map((a) => a.index).join(", #")}: the demo world needs ${devAccounts().length}. Start the chain with \`npm start -- --no-seed\` (not \`hardhat node\`, which unlocks 20).`,
    );
  }
  const wallets = new Map<string, WalletClient>();
  for (const { address } of devAccounts()) wallets.set(address, (await viem.getWalletClient(address)) as unknown as WalletClient);
  return {
    publicClient: (await viem.getPublicClient()) as unknown as PublicClient,
    testClient: (await viem.getTestClient()) as unknown as TestClient,
    wallet(account) {
      const w = wallets.get(account);
      if (!w) throw new Error(`${account} is not one of the local node's dev accounts.`);
      return w;
    },
  };
}

export interface SeedSummary {
  proposals: { executed: number; queued: bigint; active: bigint };
  ratings: number;
  voided: Hex;
  chainTime: number;
}

// ---------------------------------------------------------------------------------------------------
// Policies, as the DAO adopts them

export const RATING_TAGS = ["fast", "clear", "solved", "polite", "escalated-well"] as const;
const tag = (...names: (typeof RATING_TAGS)[number][]) => names.reduce((mask, n) => mask | (1 << RATING_TAGS.indexOf(n)), 0);

/** Minutes per priority: Low, Normal, High, Urgent. */
export const SLA_V1 = { firstResponseMinutes: [1440, 480, 120, 30], resolutionMinutes: [4320, 2880, 720, 240] } as const;
export const SLA_V2 = { firstResponseMinutes: [1440, 360, 60, 15], resolutionMinutes: [4320, 2160, 480, 180] } as const;


const slaText = (sla: typeof SLA_V1 | typeof SLA_V2) =>
  [
    "Every member desk answers and resolves tickets within these targets, measured from the moment the user opens the ticket.",
    `Urgent (funds at risk, suspected compromise): first response within ${sla.firstResponseMinutes[3]} minutes, resolved within ${sla.resolutionMinutes[3] / 60} hours.`,
    `High (stuck transaction, failed bridge): first response within ${sla.firstResponseMinutes[2]} minutes, resolved within ${sla.resolutionMinutes[2] / 60} hours.`,
    `Normal (how-to, dApp connection): first response within ${sla.firstResponseMinutes[1] / 60} hours, resolved within ${sla.resolutionMinutes[1] / 60} hours.`,
    `Low (feedback, feature requests): first response within ${sla.firstResponseMinutes[0] / 60} hours, resolved within ${sla.resolutionMinutes[0] / 60} hours.`,
    "A ticket meets the SLA only when both targets are met. Verdicts are computed on-chain from the signed receipt.",
  ].join("\n");

const SECURITY_SCRIPT = [
  "Support never asks for your seed phrase, recovery phrase or private key — not in chat, not by email, not on a call, not \"to verify your wallet\".",
  "Support never asks you to sign a message or transaction to \"validate\", \"sync\" or \"unlock\" your wallet, and never sends you a link to a \"wallet rectification\" site.",
  "Support never contacts you first by direct message. Every conversation starts from a ticket you opened in an official channel.",
  "Support never asks you to move funds to a \"safe\" address, and never asks for remote access to your device.",
  "Agents identify themselves by their registered handle. Check any handle or address on the Verify page before you continue.",
  "If anyone breaks one of these rules, stop, do not share anything, and report them on the Verify page.",
].join("\n");

const OFFICIAL_CHANNELS = [
  "Official support channels of the member desks. Anything else is not support.",
  "Ledgerly Wallet Support: in-app Help button; https://support.ledgerly.example; X @LedgerlySupport.",
  "Nimbus Wallet Help Desk: https://help.nimbuswallet.example; Discord #support-tickets (tickets only, never DMs).",
  "Orbit Wallet Care: in-app chat; care@orbitwallet.example; X @OrbitWalletCare.",
  "No desk offers support through Telegram groups, WhatsApp or unsolicited direct messages.",
].join("\n");

const ESCALATION = [
  "Tier 1: the agent who owns the ticket answers within the SLA of its priority.",
  "Tier 2: if the ticket is not resolved within half of its resolution target, a senior agent of the same desk takes over and tells the user.",
  "Tier 3: suspected compromise or loss of funds goes at once to the desk's security team, with the user's consent, and the ticket becomes Urgent.",
  "A user may ask for escalation at any time; the reason is recorded on the ticket.",
].join("\n");

const RATING_RULES_TEXT = [
  "Only the user who opened a ticket may rate it, once, within 7 days of its last event (resolution or last reply).",
  "Scores run from 1 (very poor) to 5 (excellent). CSAT is the share of 4 and 5 scores.",
  "Tags: fast, clear, solved, polite, escalated-well.",
  "Ratings that contain threats, personal data or abuse may be voided by the DAO; a voided rating stays in history, flagged, and leaves the averages.",
].join("\n");

function publish(registry: Address, kind: number, policyId: bigint, content: { title: string; text: string; params?: Hex }): Call {
  return call(registry, policyRegistryAbi, "publishPolicy", [
    kind,
    policyId,
    0,
    { title: content.title, text: content.text, uri: "", params: content.params ?? "0x" },
  ]);
}

// ---------------------------------------------------------------------------------------------------
// Tickets and ratings

interface Ticket {
  desk: 1 | 2 | 3;
  agent: RoleKey;
  requester: RoleKey;
  /** 0 Low, 1 Normal, 2 High, 3 Urgent */
  priority: 0 | 1 | 2 | 3;
  /** Minutes after opening. */
  firstResponse: number;
  resolved: number;
  score: number;
  tags: number;
  comment: string;
  /** Signed by the agent itself (self-signing desk 3) instead of the desk's issuer key. */
  selfSigned?: boolean;
  reply?: string;
}

const T = (
  desk: Ticket["desk"],
  agent: RoleKey,
  requester: RoleKey,
  priority: Ticket["priority"],
  firstResponse: number,
  resolved: number,
  score: number,
  tags: number,
  comment: string,
  extra: Partial<Ticket> = {},
): Ticket => ({ desk, agent, requester, priority, firstResponse, resolved, score, tags, comment, ...extra });

/** Eight days of tickets, five a day. Times in minutes after opening; SLA v1 decides met or breached. */
const TICKET_DAYS: Ticket[][] = [
  [
    T(1, "maya", "user1", 1, 25, 190, 5, tag("fast", "clear", "solved"), "Maya walked me through re-syncing my hardware wallet. Fixed in one go."),
    T(1, "theo", "user2", 2, 45, 300, 4, tag("solved", "polite"), "Stuck swap was refunded after Theo checked the bridge status."),
    T(2, "ines", "user3", 1, 95, 600, 5, tag("clear", "solved"), "Clear explanation of why my token wasn't showing and how to add it."),
    T(3, "ravi", "user4", 3, 12, 150, 5, tag("fast", "solved", "escalated-well"), "Suspicious approval revoked within minutes. Ravi escalated to security straight away.", { selfSigned: true }),
    T(2, "lee", "user5", 1, 610, 3100, 2, tag(), "Took ages and the answer was a copy-paste from the FAQ."),
  ],
  [
    T(1, "sam", "user6", 0, 300, 2000, 4, tag("polite", "solved"), "Feature request logged, got a real answer about the roadmap."),
    T(1, "maya", "user3", 2, 35, 400, 5, tag("fast", "solved"), "Replaced-by-fee explained and my stuck transaction went through."),
    T(2, "kofi", "user1", 2, 150, 800, 2, tag("polite"), "Polite but it took two days to get an answer on a stuck transaction.", { reply: "Sorry for the wait — we were short-staffed that weekend. Your transaction was stuck because of a nonce gap; the guide I linked prevents it next time." }),
    T(3, "zoe", "user2", 1, 40, 240, 5, tag("clear", "polite", "solved"), "Zoe explained gas settings better than any doc I've read.", { selfSigned: true }),
    T(3, "ravi", "user5", 1, 60, 500, 4, tag("clear"), "Good help connecting to the dApp; needed a second try."),
  ],
  [
    T(1, "theo", "user4", 1, 200, 1000, 4, tag("solved"), "Resolved, though the first reply took a while."),
    T(2, "ines", "user6", 3, 20, 200, 5, tag("fast", "escalated-well", "solved"), "Phishing link reported, wallet secured, Ines escalated correctly."),
    T(2, "lee", "user2", 2, 240, 900, 1, tag(), "Agent asked me for a screenshot of my recovery phrase. I refused and left."),
    T(1, "maya", "user5", 0, 600, 3000, 5, tag("polite", "clear"), "Friendly and thorough, even for a low-priority question."),
    T(3, "zoe", "user3", 2, 55, 700, 4, tag("fast", "solved"), "Bridge transfer found and credited.", { selfSigned: true }),
  ],
  [
    T(1, "sam", "user1", 1, 90, 700, 3, tag("polite"), "OK in the end, but I had to explain my problem three times.", { reply: "Thanks for the honest feedback. We now attach the full chat history when a ticket changes hands, so you won't have to repeat yourself." }),
    T(2, "kofi", "user3", 1, 100, 1500, 4, tag("clear", "solved"), "Clear steps to export my transaction history for taxes."),
    T(3, "ravi", "user6", 2, 30, 400, 5, tag("fast", "clear", "solved"), "Fast and precise. Best support I've had from a wallet."),
    T(1, "theo", "user5", 2, 130, 800, 3, tag("solved"), "Solved, but slower than promised."),
    T(2, "ines", "user4", 0, 800, 4000, 5, tag("polite", "solved"), "Took my feature idea seriously."),
  ],
  [
    T(1, "maya", "user2", 3, 25, 230, 5, tag("fast", "escalated-well"), "Drainer contract blocked before it emptied my wallet. Thank you Maya!"),
    T(3, "zoe", "user1", 1, 70, 600, 4, tag("clear"), "Good answer on how to back up my wallet safely."),
    T(2, "kofi", "user6", 3, 45, 400, 2, tag(), "Urgent ticket and the first reply came after 45 minutes."),
    T(1, "sam", "user4", 1, 120, 900, 1, tag(), "TOTAL SCAM!!! this agent is a thief, I know where he lives, everyone DM me for his real name"),
    T(3, "ravi", "user3", 0, 400, 2000, 5, tag("polite", "solved"), "Patient and kind with a beginner question."),
  ],
  [
    T(1, "theo", "user6", 1, 60, 400, 4, tag("fast", "solved"), "Quick fix for the wrong network issue."),
    T(2, "ines", "user5", 2, 80, 650, 5, tag("fast", "clear", "solved"), "Stuck transaction cancelled cleanly. Great explanation."),
    T(1, "maya", "user4", 1, 45, 300, 5, tag("clear", "polite"), "Maya is the reason I still use this wallet."),
    T(3, "zoe", "user6", 2, 150, 900, 3, tag("solved"), "Resolved, but missed the promised response time.", { selfSigned: true }),
    T(2, "kofi", "user2", 1, 200, 1200, 4, tag("polite", "solved"), "Took a little while but fully solved."),
  ],
  [
    T(1, "sam", "user3", 2, 50, 500, 4, tag("solved"), "Bridge refund processed."),
    T(3, "ravi", "user1", 1, 30, 200, 5, tag("fast", "clear", "solved", "polite"), "Everything you'd want from support."),
    T(2, "ines", "user2", 1, 500, 2000, 4, tag("clear"), "Good answer, slow first reply."),
    T(1, "maya", "user6", 2, 20, 260, 5, tag("fast", "solved"), "Fixed my nonce issue in minutes."),
    T(1, "theo", "user1", 0, 700, 3500, 4, tag("polite"), "Nice follow-up on my feedback."),
  ],
  [
    T(3, "zoe", "user4", 1, 35, 300, 5, tag("fast", "clear"), "Clear guide to spotting fake support accounts.", { selfSigned: true }),
    T(2, "kofi", "user5", 2, 110, 600, 4, tag("solved"), "Solved my failed swap."),
    T(1, "sam", "user2", 1, 95, 1000, 4, tag("clear", "solved"), "Good explanation of token approvals."),
    T(3, "ravi", "user2", 3, 10, 120, 5, tag("fast", "escalated-well", "solved"), "Compromised dApp session killed in time. Superb."),
    T(1, "maya", "user1", 1, 60, 480, 4, tag("solved"), "Solid help as always."),
  ],
];

/** The ticket whose abusive rating the DAO voids. */
const ABUSIVE = { day: 4, index: 3 };
/** The operator suspends @lee.nimbus at the end of this day (after the recovery-phrase complaint). */
const SUSPEND_AFTER_DAY = 2;

const DESK_TICKET_BASE = { 1: 104_200n, 2: 58_000n, 3: 7_700n } as const;

// ---------------------------------------------------------------------------------------------------

export async function seedWorld(clients: WorldClients, deployment: Deployment, log: (line: string) => void = console.log): Promise<SeedSummary> {
  const { publicClient, testClient } = clients;
  const c = deployment.contracts;
  const chainId = deployment.chainId;
  const wallet = (key: RoleKey) => clients.wallet(addressOf(key));

  const send = async (key: RoleKey, address: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[]) => {
    const w = wallet(key);
    const hash = await w.writeContract({ address, abi, functionName, args, account: w.account!, chain: w.chain } as never);
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`${functionName} by ${key} reverted (${hash})`);
    return receipt;
  };
  const read = <T>(address: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[] = []) =>
    publicClient.readContract({ address, abi, functionName, args } as never) as Promise<T>;
  const now = async () => Number((await publicClient.getBlock()).timestamp);
  const governor = { address: c.SupportGovernor, abi: supportGovernorAbi };
  const govClients = { publicClient, testClient };

  // 1. Tokens and delegations. Eve keeps her tokens undelegated: her votes count for nothing until she delegates.
  const holdings: [RoleKey, string, RoleKey | null][] = [
    ["ada", "2500000", "ada"],
    ["ben", "1500000", "ben"],
    ["chen", "1200000", "chen"],
    ["dana", "800000", "ada"],
    ["eve", "500000", null],
  ];
  for (const [holder, amount] of holdings) {
    await send("deployer", c.SupportToken, supportTokenAbi, "transfer", [addressOf(holder), parseEther(amount)]);
  }
  await send("deployer", c.SupportToken, supportTokenAbi, "delegate", [addressOf("deployer")]);
  for (const [holder, , delegatee] of holdings) {
    if (delegatee) await send(holder, c.SupportToken, supportTokenAbi, "delegate", [addressOf(delegatee)]);
  }
  await advanceTime(testClient, 1);
  log("  tokens distributed to 6 holders; 5 delegated, eve not");

  // 2. The founding proposals, voted in the same window: desks, operational policies, security policies.
  const registry = c.AgentRegistry;
  const deskCalls: Call[] = DEMO_DESKS.flatMap((d) => [
    call(registry, agentRegistryAbi, "registerDesk", [d.name, d.selfSigning]),
    call(registry, agentRegistryAbi, "setOperator", [d.id, addressOf(d.operator), true]),
    call(registry, agentRegistryAbi, "setIssuer", [d.id, addressOf(d.issuer), true]),
  ]);
  const operationalCalls: Call[] = [
    publish(c.PolicyRegistry, PolicyKind.SLA, 0n, {
      title: "Support SLA",
      text: slaText(SLA_V1),
      params: encodeSlaParams(SLA_V1),
    }),
    publish(c.PolicyRegistry, PolicyKind.RatingRules, 0n, {
      title: "Rating rules",
      text: RATING_RULES_TEXT,
      params: encodeRatingRulesParams({ ratingWindow: 7 * DAY, scale: 5, tags: [...RATING_TAGS] }),
    }),
    publish(c.PolicyRegistry, PolicyKind.Escalation, 0n, { title: "Escalation ladder", text: ESCALATION }),
  ];
  const securityCalls: Call[] = [
    publish(c.PolicyRegistry, PolicyKind.SecurityScript, 0n, { title: "Security script", text: SECURITY_SCRIPT }),
    publish(c.PolicyRegistry, PolicyKind.OfficialChannels, 0n, { title: "Official channels", text: OFFICIAL_CHANNELS }),
  ];
  const founding = [
    { calls: deskCalls, description: "# Register the founding help desks\n\nRegisters Ledgerly Wallet Support, Nimbus Wallet Help Desk and Orbit Wallet Care (self-signing), and appoints each desk's operator and receipt-issuer key." },
    { calls: operationalCalls, description: "# Adopt SLA v1, the rating rules and the escalation ladder\n\nFirst response and resolution targets per priority; 7-day rating window on a 1–5 scale; a three-tier escalation ladder." },
    { calls: securityCalls, description: "# Adopt the security script and the official channels\n\nThe rules every agent follows (never ask for a seed phrase…) and the only channels where support happens. Critical: needs the 20% quorum." },
  ];
  const foundingIds = await passTogether(govClients, governor, wallet("ada"), [wallet("deployer"), wallet("ada"), wallet("ben"), wallet("chen")], founding);
  log(`  founding proposals executed: ${foundingIds.length} (desks, SLA + rating rules + escalation, security script + channels)`);

  // 3. Operators onboard their agents.
  for (const d of DEMO_DESKS) {
    for (const [agent, handle] of d.agents) {
      await send(d.operator, registry, agentRegistryAbi, "addAgent", [d.id, addressOf(agent), handle]);
    }
  }
  await advanceTime(testClient, HOUR);
  log("  8 agents onboarded by their desks' operators");

  // 4. Eight days of support: tickets are opened and closed during each day, then rated by their requesters.
  const domain = ratingsDomain(chainId, c.SupportRatings);
  const nextTicket: Record<Ticket["desk"], bigint> = { ...DESK_TICKET_BASE };
  let rated = 0;
  let voided: Hex = "0x";
  const toReply: { agent: RoleKey; ratingId: Hex; text: string }[] = [];
  for (const [day, tickets] of TICKET_DAYS.entries()) {
    const dayStart = await now();
    const receipts = tickets.map((t, i) => {
      const openedAt = dayStart + 30 * MINUTE + i * 97 * MINUTE;
      const receipt: Receipt = {
        ticketId: nextTicket[t.desk]++,
        deskId: t.desk,
        agent: addressOf(t.agent),
        requester: addressOf(t.requester),
        priority: t.priority,
        openedAt,
        firstResponseAt: openedAt + t.firstResponse * MINUTE,
        resolvedAt: openedAt + t.resolved * MINUTE,
        deadline: openedAt + 30 * DAY,
      };
      return { t, receipt };
    });
    // Rated the day after the last ticket of the day closed.
    const lastEvent = Math.max(...receipts.map((r) => r.receipt.resolvedAt));
    await advanceTime(testClient, Math.max(lastEvent - dayStart + HOUR, DAY));
    for (const [i, { t, receipt }] of receipts.entries()) {
      const signerKey: RoleKey = t.selfSigned ? t.agent : DEMO_DESKS[t.desk - 1].issuer;
      const signer = wallet(signerKey);
      const signature = await signer.signTypedData({
        account: signer.account!,
        domain,
        types: RECEIPT_TYPES,
        primaryType: "Receipt",
        message: receipt,
      });
      await send(t.requester, c.SupportRatings, supportRatingsAbi, "rate", [receipt, signer.account!.address, signature, t.score, t.tags, t.comment]);
      rated++;
      const ratingId = await read<Hex>(c.SupportRatings, supportRatingsAbi, "ratingIdOf", [receipt.deskId, receipt.ticketId]);
      if (t.reply) toReply.push({ agent: t.agent, ratingId, text: t.reply });
      if (day === ABUSIVE.day && i === ABUSIVE.index) voided = ratingId;
    }
    if (day === SUSPEND_AFTER_DAY) {
      await send("nimbusOperator", registry, agentRegistryAbi, "suspendAgent", [
        addressOf("lee"),
        "A user reported being asked for a screenshot of their recovery phrase. Suspended pending review.",
      ]);
    }
    for (const r of toReply.splice(0)) {
      await send(r.agent, c.SupportRatings, supportRatingsAbi, "reply", [r.ratingId, r.text]);
    }
  }
  log(`  ${rated} ratings from 6 users on signed receipts; @lee.nimbus suspended; 2 agent replies`);

  // 5. Impersonators: a scam address (report open) and a fake handle (confirmed by Ledgerly's operator).
  await send("user5", registry, agentRegistryAbi, "reportImpersonator", [
    pad(addressOf("scammer")),
    1,
    "DM'd me on X claiming to be Ledgerly support and asked me to 'validate' my wallet on ledgerly-sync.example.",
  ]);
  const fakeHandle = "@ledgerly_support_help";
  const fakeSubject = await read<Hex>(registry, agentRegistryAbi, "handleHash", [fakeHandle]);
  await send("user2", registry, agentRegistryAbi, "reportImpersonator", [
    fakeSubject,
    1,
    "Telegram account @ledgerly_support_help replied to my public question and asked for my 24 words.",
  ]);
  const reportId = await read<bigint>(registry, agentRegistryAbi, "reportCount");
  await send("ledgerlyOperator", registry, agentRegistryAbi, "resolveReport", [reportId, true]);
  log(`  impersonator reports: ${addressOf("scammer")} (open), ${fakeHandle} (confirmed)`);

  // 6. The DAO voids the abusive rating (threats and doxxing).
  const voidIds = await passTogether(govClients, governor, wallet("ada"), [wallet("ada"), wallet("ben"), wallet("chen")], [
    {
      calls: [call(c.SupportRatings, supportRatingsAbi, "voidRating", [voided, "Threats and an attempt to dox the agent: breaks the rating rules."])],
      description: "# Void an abusive rating of @sam.ledgerly\n\nThe rating contains threats and an attempt to dox the agent. Voiding keeps it in history and removes it from the averages.",
    },
  ]);
  log("  abusive rating voided by proposal");

  // 7. SLA v2: passed and queued, waiting for the timelock.
  const slaId = await read<bigint>(c.PolicyRegistry, policyRegistryAbi, "policyOfKind", [PolicyKind.SLA]);
  const queued = await propose(govClients, governor, wallet("ada"), [
    publish(c.PolicyRegistry, PolicyKind.SLA, slaId, {
      title: "Support SLA",
      text: slaText(SLA_V2),
      params: encodeSlaParams(SLA_V2),
    }),
  ], "# SLA v2: faster answers for urgent and high-priority tickets\n\nUrgent first response 30 → 15 minutes, High 120 → 60 minutes, Normal 8 → 6 hours; resolution targets tightened to match.");
  await advanceTime(testClient, Number(await read<bigint>(governor.address, supportGovernorAbi, "votingDelay")) + 1);
  await send("ada", governor.address, supportGovernorAbi, "castVoteWithReason", [queued, Vote.For, "Urgent tickets are where users lose funds."]);
  await send("ben", governor.address, supportGovernorAbi, "castVote", [queued, Vote.For]);
  await send("chen", governor.address, supportGovernorAbi, "castVoteWithReason", [queued, Vote.Against, "Small desks cannot staff 15-minute urgent responses yet."]);
  const deadline = Number(await read<bigint>(governor.address, supportGovernorAbi, "proposalDeadline", [queued]));
  await advanceTime(testClient, deadline - (await now()) + 1);
  await send("ada", governor.address, supportGovernorAbi, "queue", [queued]);

  // 8. Bring the chain's clock up to wall-clock time (the node started in the past for this), then leave
  // one proposal open for voting.
  const wallClock = Math.floor(Date.now() / 1000);
  if ((await now()) < wallClock - 2 * HOUR) await advanceTime(testClient, wallClock - 2 * HOUR - (await now()));
  const channels = await read<bigint>(c.PolicyRegistry, policyRegistryAbi, "policyOfKind", [PolicyKind.OfficialChannels]);
  const active = await propose(govClients, governor, wallet("ben"), [
    publish(c.PolicyRegistry, PolicyKind.OfficialChannels, channels, {
      title: "Official channels",
      text: `${OFFICIAL_CHANNELS}\nNimbus Wallet Help Desk also answers on its verified X account @NimbusHelp (replies only, never DMs first).`,
    }),
  ], "# Add @NimbusHelp to the official channels\n\nNimbus now answers public questions on X. Critical: changes the official channels, so it needs the 20% quorum.");
  const snapshot = Number(await read<bigint>(governor.address, supportGovernorAbi, "proposalSnapshot", [active]));
  await advanceTime(testClient, Math.max(snapshot + 1, Math.floor(Date.now() / 1000)) - (await now()));
  await send("ben", governor.address, supportGovernorAbi, "castVoteWithReason", [active, Vote.For, "Users already find @NimbusHelp; better to make it official and verifiable."]);
  await send("chen", governor.address, supportGovernorAbi, "castVote", [active, Vote.Abstain]);

  const states = await Promise.all([queued, active].map((id) => read<number>(governor.address, supportGovernorAbi, "state", [id])));
  if (states[0] !== ProposalState.Queued || states[1] !== ProposalState.Active) {
    throw new Error(`seed ended with proposals ${ProposalState[states[0]]} and ${ProposalState[states[1]]}, expected Queued and Active`);
  }
  log("  SLA v2 queued; official-channels update open for voting");
  return {
    proposals: { executed: foundingIds.length + voidIds.length, queued, active },
    ratings: rated,
    voided,
    chainTime: await now(),
  };
}

/**
 * Passes several proposals in one voting window: propose all, vote For with every voter, queue all,
 * execute all after the timelock delay. Same steps as `passProposal`, batched so the demo spends days,
 * not weeks, of chain time.
 */
async function passTogether(
  clients: { publicClient: PublicClient; testClient: TestClient },
  governor: { address: Address; abi: typeof supportGovernorAbi },
  proposer: WalletClient,
  voters: WalletClient[],
  proposals: { calls: Call[]; description: string }[],
): Promise<bigint[]> {
  const { publicClient, testClient } = clients;
  const send = async (w: WalletClient, functionName: string, args: readonly unknown[]) => {
    const hash = await w.writeContract({ address: governor.address, abi: governor.abi, functionName, args, account: w.account!, chain: w.chain } as never);
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`${functionName} reverted (${hash})`);
  };
  const read = <T>(functionName: string, args: readonly unknown[]) =>
    publicClient.readContract({ address: governor.address, abi: governor.abi, functionName, args } as never) as Promise<T>;
  const latest = async () => (await publicClient.getBlock()).timestamp;

  const ids: bigint[] = [];
  for (const p of proposals) ids.push(await propose(clients, governor, proposer, p.calls, p.description));
  await advanceTime(testClient, (await read<bigint>("votingDelay", [])) + 1n);
  for (const id of ids) for (const voter of voters) await send(voter, "castVote", [id, Vote.For]);
  const deadline = await read<bigint>("proposalDeadline", [ids[ids.length - 1]]);
  await advanceTime(testClient, deadline - (await latest()) + 1n);
  for (const id of ids) await send(proposer, "queue", [id]);
  const eta = await read<bigint>("proposalEta", [ids[ids.length - 1]]);
  await advanceTime(testClient, eta - (await latest()) + 1n);
  for (const id of ids) {
    await send(proposer, "execute", [id]);
    const state = await read<number>("state", [id]);
    if (state !== ProposalState.Executed) throw new Error(`proposal ${id} ended ${ProposalState[state]}`);
  }
  return ids;
}
