/**
 * The demo world's data: the policies the DAO adopts (texts and typed parameters) and eight days of
 * tickets with their ratings. world.ts turns it into transactions.
 */
import type { OfficialChannelsParams } from "@support-quality/sdk";
import type { RoleKey } from "./accounts.js";

// ---------------------------------------------------------------------------------------------------
// Policies, as the DAO adopts them

export const RATING_TAGS = ["fast", "clear", "solved", "polite", "escalated-well"] as const;
const tag = (...names: (typeof RATING_TAGS)[number][]) => names.reduce((mask, n) => mask | (1 << RATING_TAGS.indexOf(n)), 0);

/** The ticket categories the DAO votes into the rating rules (a receipt's category is 1 + an index). */
export const TICKET_CATEGORIES = ["Wallet setup & backup", "Transactions & gas", "dApp connection", "Security & phishing", "Asset recovery"] as const;

/** Minutes per priority: Low, Normal, High, Urgent. */
export const SLA_V1 = { firstResponseMinutes: [1440, 480, 120, 30], resolutionMinutes: [4320, 2880, 720, 240] } as const;
export const SLA_V2 = { firstResponseMinutes: [1440, 360, 60, 15], resolutionMinutes: [4320, 2160, 480, 180] } as const;

/** The SLA's words; the targets themselves are stated by the section generated from its typed parameters. */
export const SLA_TEXT = [
  "Every member desk answers and resolves tickets within the targets below, measured from the moment the user opens the ticket.",
  "Urgent: funds at risk or a suspected compromise. High: a stuck transaction or a failed bridge. Normal: how-to questions and dApp connection. Low: feedback and feature requests.",
  "A ticket meets the SLA only when both targets are met. Verdicts are computed on-chain from the signed receipt.",
].join("\n");

export const SECURITY_SCRIPT = [
  'Support never asks for your seed phrase, recovery phrase or private key — not in chat, not by email, not on a call, not "to verify your wallet".',
  'Support never asks you to sign a message or transaction to "validate", "sync" or "unlock" your wallet, and never sends you a link to a "wallet rectification" site.',
  "Support never contacts you first by direct message. Every conversation starts from a ticket you opened in an official channel.",
  'Support never asks you to move funds to a "safe" address, and never asks for remote access to your device.',
  "Agents identify themselves by their registered handle. Check any handle or address on the Verify page before you continue.",
  "If anyone breaks one of these rules, stop, do not share anything, and report them on the Verify page.",
].join("\n");

/** The typed official channels Verify compares with (the text restates them; this is what is enforced). */
export const OFFICIAL_CHANNEL_PARAMS = {
  websites: ["support.ledgerly.example", "help.nimbuswallet.example"],
  emailDomains: ["orbitwallet.example"],
  socials: [
    { platform: "X", handle: "@LedgerlySupport" },
    { platform: "X", handle: "@OrbitWalletCare" },
    { platform: "Discord", handle: "#support-tickets" },
  ],
  phones: [],
} satisfies OfficialChannelsParams;

export const OFFICIAL_CHANNELS = [
  "Official support channels of the member desks. Anything else is not support.",
  "Ledgerly Wallet Support: in-app Help button; https://support.ledgerly.example; X @LedgerlySupport.",
  "Nimbus Wallet Help Desk: https://help.nimbuswallet.example; Discord #support-tickets (tickets only, never DMs).",
  "Orbit Wallet Care: in-app chat; care@orbitwallet.example; X @OrbitWalletCare.",
  "No desk offers support through Telegram groups, WhatsApp or unsolicited direct messages.",
].join("\n");

export const ESCALATION = [
  "Tier 1: the agent who owns the ticket answers within the SLA of its priority.",
  "Tier 2: if the ticket is not resolved within half of its resolution target, a senior agent of the same desk takes over and tells the user.",
  "Tier 3: suspected compromise or loss of funds goes at once to the desk's security team, with the user's consent, and the ticket becomes Urgent.",
  "A user may ask for escalation at any time; the reason is recorded on the ticket.",
].join("\n");

export const RATING_RULES_TEXT = [
  "Only the user who opened a ticket may rate it, once, within 7 days of its last event (resolution or last reply).",
  "Scores run from 1 (very poor) to 5 (excellent). CSAT is the share of 4 and 5 scores.",
  "Tags: fast, clear, solved, polite, escalated-well.",
  "Ratings that contain threats, personal data or abuse may be voided by the DAO; a voided rating stays in history, flagged, and leaves the averages.",
].join("\n");

// ---------------------------------------------------------------------------------------------------
// Tickets and ratings

export interface Ticket {
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
  /** 1-based index into {@link TICKET_CATEGORIES}. */
  category: number;
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
): Ticket => ({ desk, agent, requester, priority, firstResponse, resolved, score, tags, comment, category: categoryOf(comment), ...extra });

/** The seeded tickets' categories, read from what the requester wrote (first match wins). */
const CATEGORY_WORDS: [RegExp, number][] = [
  [/phish|scam|fake|impersonat|drain|approval|revoke|suspicious|seed phrase/i, 4],
  [/recover|lost|stolen|wrong address/i, 5],
  [/dapp|connect|walletconnect|site|nft market/i, 3],
  [/swap|bridge|gas|transaction|fee|stuck|pending|nonce|token|transfer|refund/i, 2],
];
function categoryOf(comment: string): number {
  return CATEGORY_WORDS.find(([words]) => words.test(comment))?.[1] ?? 1;
}

/** Eight days of tickets, five a day. Times in minutes after opening; SLA v1 decides met or breached. */
export const TICKET_DAYS: Ticket[][] = [
  [
    T(1, "maya", "user1", 1, 25, 190, 5, tag("fast", "clear", "solved"), "Maya walked me through re-syncing my hardware wallet. Fixed in one go."),
    T(1, "theo", "user2", 2, 45, 300, 4, tag("solved", "polite"), "Stuck swap was refunded after Theo checked the bridge status."),
    T(2, "ines", "user3", 1, 95, 600, 5, tag("clear", "solved"), "Clear explanation of why my token wasn't showing and how to add it."),
    T(
      3,
      "ravi",
      "user4",
      3,
      12,
      150,
      5,
      tag("fast", "solved", "escalated-well"),
      "Suspicious approval revoked within minutes. Ravi escalated to security straight away.",
      { selfSigned: true },
    ),
    T(2, "lee", "user5", 1, 610, 3100, 2, tag(), "Took ages and the answer was a copy-paste from the FAQ."),
  ],
  [
    T(1, "sam", "user6", 0, 300, 2000, 4, tag("polite", "solved"), "Feature request logged, got a real answer about the roadmap."),
    T(1, "maya", "user3", 2, 35, 400, 5, tag("fast", "solved"), "Replaced-by-fee explained and my stuck transaction went through."),
    T(2, "kofi", "user1", 2, 150, 800, 2, tag("polite"), "Polite but it took two days to get an answer on a stuck transaction.", {
      reply:
        "Sorry for the wait — we were short-staffed that weekend. Your transaction was stuck because of a nonce gap; the guide I linked prevents it next time.",
    }),
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
    T(1, "sam", "user1", 1, 90, 700, 3, tag("polite"), "OK in the end, but I had to explain my problem three times.", {
      reply: "Thanks for the honest feedback. We now attach the full chat history when a ticket changes hands, so you won't have to repeat yourself.",
    }),
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
export const ABUSIVE = { day: 4, index: 3 };
/** The operator suspends @lee.nimbus at the end of this day (after the recovery-phrase complaint). */
export const SUSPEND_AFTER_DAY = 2;

export const DESK_TICKET_BASE = { 1: 104_200n, 2: 58_000n, 3: 7_700n } as const;

// ---------------------------------------------------------------------------------------------------
