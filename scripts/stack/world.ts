/**
 * The demo world of the local chain, built only from real transactions: tokens and delegations, desks,
 * agents and policies passed through the real governor (with time travel), ratings of signed receipts,
 * an agent suspension, impersonator reports, a voided rating, and two proposals left in flight.
 *
 * Roles by account: scripts/stack/accounts.ts; the policies and tickets: scripts/stack/world-data.ts.
 */

import {
  agentRegistryAbi,
  composePolicyText,
  encodeParams,
  knowledgeBaseAbi,
  PolicyKind,
  PROPOSAL_STATE_NAMES,
  ProposalState,
  policyRegistryAbi,
  type Receipt,
  receiptTypedData,
  supportGovernorAbi,
  supportRatingsAbi,
  supportTokenAbi,
  type TypedParams,
  VoteType as Vote,
} from "@support-quality/sdk";
import { type Abi, type Address, type ContractFunctionName, type Hex, type PublicClient, pad, parseEther, type TestClient, type WalletClient } from "viem";
import type { Deployment, Viem } from "../../deploy/protocol.js";
import { addressOf, DEMO_DESKS, devAccounts, type RoleKey } from "./accounts.js";
import { advanceTime, type Call, call, propose } from "./govern.js";
import { accountOf, type ContractCall, sendTx } from "./tx.js";
import { SEED_ARTICLE_UPDATE, SEED_ARTICLES } from "./world-articles.js";
import { seedCommunity } from "./world-community.js";
import {
  ABUSIVE,
  DESK_TICKET_BASE,
  ESCALATION,
  OFFICIAL_CHANNEL_PARAMS,
  OFFICIAL_CHANNELS,
  RATING_RULES_TEXT,
  RATING_TAGS,
  SECURITY_SCRIPT,
  SLA_TEXT,
  SLA_V1,
  SLA_V2,
  SUSPEND_AFTER_DAY,
  TICKET_CATEGORIES,
  TICKET_DAYS,
  type Ticket,
} from "./world-data.js";

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
  for (const { address } of devAccounts()) wallets.set(address, await viem.getWalletClient(address));
  return {
    publicClient: await viem.getPublicClient(),
    testClient: await viem.getTestClient(),
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

/** publishPolicy with the words of `content` and, for typed kinds, the section generated from its values. */
function publish(registry: Address, kind: number, policyId: bigint, content: { title: string; text: string; typed?: TypedParams }): Call {
  const typed = content.typed ?? { kind: "none" };
  return call(registry, policyRegistryAbi, "publishPolicy", [
    kind,
    policyId,
    0,
    { title: content.title, text: composePolicyText(content.text, typed), uri: "", params: encodeParams(typed) },
  ]);
}

export async function seedWorld(clients: WorldClients, deployment: Deployment, log: (line: string) => void = console.log): Promise<SeedSummary> {
  const { publicClient, testClient } = clients;
  const c = deployment.contracts;
  const chainId = deployment.chainId;
  const wallet = (key: RoleKey) => clients.wallet(addressOf(key));

  const send = <const abi extends Abi, name extends ContractFunctionName<abi, "nonpayable" | "payable">>(
    key: RoleKey,
    address: Address,
    abi: abi,
    functionName: name,
    args: ContractCall<abi, name>["args"],
  ) => sendTx(publicClient, wallet(key), { address, abi, functionName, args });
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
      text: SLA_TEXT,
      typed: { kind: "sla", sla: SLA_V1 },
    }),
    publish(c.PolicyRegistry, PolicyKind.RatingRules, 0n, {
      title: "Rating rules",
      text: RATING_RULES_TEXT,
      typed: { kind: "rules", rules: { ratingWindow: 7 * DAY, scale: 5, tags: [...RATING_TAGS], categories: [...TICKET_CATEGORIES] } },
    }),
    publish(c.PolicyRegistry, PolicyKind.Escalation, 0n, { title: "Escalation ladder", text: ESCALATION }),
  ];
  const securityCalls: Call[] = [
    publish(c.PolicyRegistry, PolicyKind.SecurityScript, 0n, { title: "Security script", text: SECURITY_SCRIPT }),
    publish(c.PolicyRegistry, PolicyKind.OfficialChannels, 0n, {
      title: "Official channels",
      text: OFFICIAL_CHANNELS,
      typed: { kind: "channels", channels: OFFICIAL_CHANNEL_PARAMS },
    }),
  ];
  // The governor stores each proposal's calldata (~0.7k gas a byte to propose): a few articles per proposal.
  const articleBatches: (typeof SEED_ARTICLES)[number][][] = [];
  for (const article of SEED_ARTICLES) {
    const last = articleBatches.at(-1);
    if (last && last.reduce((n, a) => n + a.body.length, 0) + article.body.length <= 6_000) last.push(article);
    else articleBatches.push([article]);
  }
  const articleProposals = articleBatches.map((batch, i) => ({
    calls: batch.map(({ category, title, body, language }) =>
      call(c.KnowledgeBase, knowledgeBaseAbi, "publishArticle", [category, 0n, 0, { title, body, language }]),
    ),
    description: `# Open the help centre (${i + 1}/${articleBatches.length}): ${batch.map((a) => `“${a.title}”`).join(", ")}\n\nHelp articles written for the protocol's users.${batch.some((a) => a.category === 4) ? " Critical: security & phishing articles need the 20% quorum." : ""}`,
  }));
  const founding = [
    {
      calls: deskCalls,
      description:
        "# Register the founding help desks\n\nRegisters Ledgerly Wallet Support, Nimbus Wallet Help Desk and Orbit Wallet Care (self-signing), and appoints each desk's operator and receipt-issuer key. Critical: desks and operators decide who is an official agent, so it needs the 20% quorum.",
    },
    {
      calls: operationalCalls,
      description:
        "# Adopt SLA v1, the rating rules and the escalation ladder\n\nFirst response and resolution targets per priority; 7-day rating window on a 1–5 scale; a three-tier escalation ladder.",
    },
    {
      calls: securityCalls,
      description:
        "# Adopt the security script and the official channels\n\nThe rules every agent follows (never ask for a seed phrase…) and the only channels where support happens. Critical: needs the 20% quorum.",
    },
    ...articleProposals,
  ];
  const foundingIds = await passTogether(govClients, governor, wallet("ada"), [wallet("deployer"), wallet("ada"), wallet("ben"), wallet("chen")], founding);
  log(
    `  founding proposals executed: ${foundingIds.length} (desks, SLA + rating rules + escalation, security script + channels, ${SEED_ARTICLES.length} help articles)`,
  );
  const articleId = (key: string) => BigInt(SEED_ARTICLES.findIndex((a) => a.key === key) + 1);
  const helpfulVotes: [RoleKey, string, boolean, string][] = [
    ["user1", "backup-seed-phrase", true, ""],
    ["user2", "backup-seed-phrase", true, "Clear, and it says why never to type it anywhere."],
    ["user3", "backup-seed-phrase", true, ""],
    ["user4", "stuck-transaction", false, "My wallet has no speed-up button; the article assumes it does."],
    ["user5", "stuck-transaction", true, ""],
    ["user6", "stuck-transaction", false, ""],
    ["user1", "fake-support", true, "This is exactly what happened to me on X."],
    ["user3", "asset-recovery-limits", false, "I hoped someone could get my funds back."],
  ];
  for (const [voter, key, helpful, reason] of helpfulVotes) {
    await send(voter, c.KnowledgeBase, knowledgeBaseAbi, "voteHelpful", [articleId(key), 1n, helpful, reason]);
  }

  // 3. Operators onboard their agents.
  for (const d of DEMO_DESKS) {
    for (const [agent, handle] of d.agents) {
      await send(d.operator, registry, agentRegistryAbi, "addAgent", [d.id, addressOf(agent), handle, 0]);
    }
  }
  await advanceTime(testClient, HOUR);
  log("  8 agents onboarded by their desks' operators");

  // 4. Eight days of support: tickets are opened and closed during each day, then rated by their requesters.
  const ratingsContract = { chainId, verifyingContract: c.SupportRatings };
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
        category: t.category,
        openedAt,
        firstResponseAt: openedAt + t.firstResponse * MINUTE,
        resolvedAt: openedAt + t.resolved * MINUTE,
        pausedSeconds: 0,
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
      const account = accountOf(signer);
      const signature = await signer.signTypedData({ ...receiptTypedData(ratingsContract, receipt), account });
      await send(t.requester, c.SupportRatings, supportRatingsAbi, "rate", [receipt, signature, account.address, t.score, t.tags, t.comment]);
      rated++;
      const ratingId = await publicClient.readContract({
        address: c.SupportRatings,
        abi: supportRatingsAbi,
        functionName: "ratingIdOf",
        args: [receipt.deskId, receipt.ticketId],
      });
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
  const fakeSubject = await publicClient.readContract({ address: registry, abi: agentRegistryAbi, functionName: "handleHash", args: [fakeHandle] });
  await send("user2", registry, agentRegistryAbi, "reportImpersonator", [
    fakeSubject,
    1,
    "Telegram account @ledgerly_support_help replied to my public question and asked for my 24 words.",
  ]);
  const reportId = await publicClient.readContract({ address: registry, abi: agentRegistryAbi, functionName: "reportCount" });
  await send("ledgerlyOperator", registry, agentRegistryAbi, "resolveReport", [reportId, true]);
  log(`  impersonator reports: ${addressOf("scammer")} (open), ${fakeHandle} (confirmed)`);

  // 6. The DAO voids the abusive rating (threats and doxxing).
  const voidIds = await passTogether(
    govClients,
    governor,
    wallet("ada"),
    [wallet("ada"), wallet("ben"), wallet("chen")],
    [
      {
        calls: [call(c.SupportRatings, supportRatingsAbi, "voidRating", [voided, "Threats and an attempt to dox the agent: breaks the rating rules."])],
        description:
          "# Void an abusive rating of @sam.ledgerly\n\nThe rating contains threats and an attempt to dox the agent. Voiding keeps it in history and removes it from the averages.",
      },
      {
        calls: [
          call(c.KnowledgeBase, knowledgeBaseAbi, "publishArticle", [
            SEED_ARTICLE_UPDATE.category,
            articleId(SEED_ARTICLE_UPDATE.key),
            0,
            { title: SEED_ARTICLE_UPDATE.title, body: SEED_ARTICLE_UPDATE.body, language: SEED_ARTICLE_UPDATE.language },
          ]),
        ],
        description:
          "# Help article: “Recognise fake support agents” v2\n\nAdds “Check before you trust”: ask for a proof of control on the Verify page, because an address lookup alone can be quoted by a scammer. Critical: a security & phishing article.",
      },
    ],
  );
  log("  abusive rating voided and the fake-support article updated (v2), by proposals");

  // 6b. Who is helping you: a community desk, an AI assistant, credentials, and a reward epoch.
  const voters = [wallet("ada"), wallet("ben"), wallet("chen")];
  await seedCommunity({ clients, deployment, log, pass: (proposals) => passTogether(govClients, governor, wallet("ada"), voters, proposals) });

  // 7. SLA v2: passed and queued, waiting for the timelock.
  const slaId = await publicClient.readContract({ address: c.PolicyRegistry, abi: policyRegistryAbi, functionName: "policyOfKind", args: [PolicyKind.SLA] });
  const queued = await propose(
    govClients,
    governor,
    wallet("ada"),
    [
      publish(c.PolicyRegistry, PolicyKind.SLA, slaId, {
        title: "Support SLA",
        text: SLA_TEXT,
        typed: { kind: "sla", sla: SLA_V2 },
      }),
    ],
    "# SLA v2: faster answers for urgent and high-priority tickets\n\nUrgent first response 30 → 15 minutes, High 120 → 60 minutes, Normal 8 → 6 hours; resolution targets tightened to match.",
  );
  await advanceTime(
    testClient,
    Number(await publicClient.readContract({ address: governor.address, abi: supportGovernorAbi, functionName: "votingDelay" })) + 1,
  );
  await send("ada", governor.address, supportGovernorAbi, "castVoteWithReason", [queued, Vote.For, "Urgent tickets are where users lose funds."]);
  await send("ben", governor.address, supportGovernorAbi, "castVote", [queued, Vote.For]);
  await send("chen", governor.address, supportGovernorAbi, "castVoteWithReason", [
    queued,
    Vote.Against,
    "Small desks cannot staff 15-minute urgent responses yet.",
  ]);
  const deadline = Number(
    await publicClient.readContract({ address: governor.address, abi: supportGovernorAbi, functionName: "proposalDeadline", args: [queued] }),
  );
  await advanceTime(testClient, deadline - (await now()) + 1);
  await send("ada", governor.address, supportGovernorAbi, "queue", [queued]);

  // 8. Bring the chain's clock up to wall-clock time (the node started in the past for this), then leave
  // one proposal open for voting.
  const wallClock = Math.floor(Date.now() / 1000);
  if ((await now()) < wallClock - 2 * HOUR) await advanceTime(testClient, wallClock - 2 * HOUR - (await now()));
  const channels = await publicClient.readContract({
    address: c.PolicyRegistry,
    abi: policyRegistryAbi,
    functionName: "policyOfKind",
    args: [PolicyKind.OfficialChannels],
  });
  const active = await propose(
    govClients,
    governor,
    wallet("ben"),
    [
      publish(c.PolicyRegistry, PolicyKind.OfficialChannels, channels, {
        title: "Official channels",
        text: `${OFFICIAL_CHANNELS}\nNimbus Wallet Help Desk also answers on its verified X account @NimbusHelp (replies only, never DMs first).`,
        typed: {
          kind: "channels",
          channels: { ...OFFICIAL_CHANNEL_PARAMS, socials: [...OFFICIAL_CHANNEL_PARAMS.socials, { platform: "X", handle: "@NimbusHelp" }] },
        },
      }),
    ],
    "# Add @NimbusHelp to the official channels\n\nNimbus now answers public questions on X. Critical: changes the official channels, so it needs the 20% quorum.",
  );
  const snapshot = Number(
    await publicClient.readContract({ address: governor.address, abi: supportGovernorAbi, functionName: "proposalSnapshot", args: [active] }),
  );
  await advanceTime(testClient, Math.max(snapshot + 1, Math.floor(Date.now() / 1000)) - (await now()));
  await send("ben", governor.address, supportGovernorAbi, "castVoteWithReason", [
    active,
    Vote.For,
    "Users already find @NimbusHelp; better to make it official and verifiable.",
  ]);
  await send("chen", governor.address, supportGovernorAbi, "castVote", [active, Vote.Abstain]);

  const states = await Promise.all(
    [queued, active].map((id) => publicClient.readContract({ address: governor.address, abi: supportGovernorAbi, functionName: "state", args: [id] })),
  );
  if (states[0] !== ProposalState.Queued || states[1] !== ProposalState.Active) {
    throw new Error(`seed ended with proposals ${PROPOSAL_STATE_NAMES[states[0]!]} and ${PROPOSAL_STATE_NAMES[states[1]!]}, expected Queued and Active`);
  }
  log("  SLA v2 queued; official-channels update open for voting");
  return {
    proposals: { executed: foundingIds.length + voidIds.length + 2, queued, active },
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
  const g = { address: governor.address, abi: supportGovernorAbi } as const;
  const latest = async () => (await publicClient.getBlock()).timestamp;

  const ids: bigint[] = [];
  for (const p of proposals) ids.push(await propose(clients, governor, proposer, p.calls, p.description));
  await advanceTime(testClient, (await publicClient.readContract({ ...g, functionName: "votingDelay" })) + 1n);
  for (const id of ids) for (const voter of voters) await sendTx(publicClient, voter, { ...g, functionName: "castVote", args: [id, Vote.For] });
  const deadline = await publicClient.readContract({ ...g, functionName: "proposalDeadline", args: [ids[ids.length - 1]!] });
  await advanceTime(testClient, deadline - (await latest()) + 1n);
  for (const id of ids) await sendTx(publicClient, proposer, { ...g, functionName: "queue", args: [id] });
  const eta = await publicClient.readContract({ ...g, functionName: "proposalEta", args: [ids[ids.length - 1]!] });
  await advanceTime(testClient, eta - (await latest()) + 1n);
  for (const id of ids) {
    await sendTx(publicClient, proposer, { ...g, functionName: "execute", args: [id] });
    const state = await publicClient.readContract({ ...g, functionName: "state", args: [id] });
    if (state !== ProposalState.Executed) throw new Error(`proposal ${id} ended ${PROPOSAL_STATE_NAMES[state]}`);
  }
  return ids;
}
