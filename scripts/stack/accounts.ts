/**
 * Who is who on the local demo chain. The local node unlocks the first 30 accounts of Hardhat's default
 * mnemonic; `seed` gives each a role, the e2e tests pick their actors from here, and the dApp's dev-account
 * connector lists them (web/src/generated/dev-accounts.ts carries addresses and roles, never keys).
 */
import { type Address, getAddress } from "viem";
import { mnemonicToAccount } from "viem/accounts";

/** Hardhat's well-known test mnemonic: these keys are public and must never hold real funds. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";
/** The local node unlocks this many accounts (Hardhat's default is 20; the demo world needs more). */
export const DEV_ACCOUNT_COUNT = 35;

export type RoleGroup = "governance" | "desk" | "agent" | "user";

export interface DevRole {
  index: number;
  /** Short id used in code and tests, e.g. `maya`. */
  key: string;
  /** What the account does in the demo world, e.g. "Agent @maya.ledgerly (Ledgerly Wallet Support)". */
  role: string;
  group: RoleGroup;
}

const DESK_1 = "Ledgerly Wallet Support";
const DESK_2 = "Nimbus Wallet Help Desk";
const DESK_3 = "Orbit Wallet Care";
const DESK_4 = "Wallet Helpers Community";

/** The roles by account index. Keep in step with scripts/stack/world.ts (what seed does with them). */
export const DEV_ROLES = [
  { index: 0, key: "deployer", role: "Deployer, proposal guardian and treasury holder (3.5M SQT, self-delegated)", group: "governance" },
  { index: 1, key: "ada", role: "Token holder and proposer (2.5M SQT, self-delegated, votes of dana)", group: "governance" },
  { index: 2, key: "ben", role: "Token holder (1.5M SQT, self-delegated)", group: "governance" },
  { index: 3, key: "chen", role: "Token holder (1.2M SQT, self-delegated)", group: "governance" },
  { index: 4, key: "dana", role: "Token holder (0.8M SQT, delegated to ada)", group: "governance" },
  { index: 5, key: "eve", role: "Token holder (0.5M SQT, NOT delegated: sees the delegate prompt)", group: "governance" },
  { index: 6, key: "ledgerlyOperator", role: `Operator of ${DESK_1}`, group: "desk" },
  { index: 7, key: "ledgerlyIssuer", role: `Issuer key of ${DESK_1} (signs receipts)`, group: "desk" },
  { index: 8, key: "maya", role: `Agent @maya.ledgerly (${DESK_1})`, group: "agent" },
  { index: 9, key: "theo", role: `Agent @theo.ledgerly (${DESK_1})`, group: "agent" },
  { index: 10, key: "sam", role: `Agent @sam.ledgerly (${DESK_1})`, group: "agent" },
  { index: 11, key: "nimbusOperator", role: `Operator of ${DESK_2}`, group: "desk" },
  { index: 12, key: "nimbusIssuer", role: `Issuer key of ${DESK_2} (signs receipts)`, group: "desk" },
  { index: 13, key: "ines", role: `Agent @ines.nimbus (${DESK_2})`, group: "agent" },
  { index: 14, key: "kofi", role: `Agent @kofi.nimbus (${DESK_2})`, group: "agent" },
  { index: 15, key: "lee", role: `Agent @lee.nimbus (${DESK_2}), SUSPENDED by the operator`, group: "agent" },
  { index: 16, key: "orbitOperator", role: `Operator of ${DESK_3} (self-signing desk)`, group: "desk" },
  { index: 17, key: "orbitIssuer", role: `Issuer key of ${DESK_3} (signs receipts)`, group: "desk" },
  { index: 18, key: "ravi", role: `Agent @ravi.orbit (${DESK_3}, may sign own receipts)`, group: "agent" },
  { index: 19, key: "zoe", role: `Agent @zoe.orbit (${DESK_3}, may sign own receipts)`, group: "agent" },
  { index: 20, key: "user1", role: "Wallet user (rated several tickets)", group: "user" },
  { index: 21, key: "user2", role: "Wallet user (rated several tickets)", group: "user" },
  { index: 22, key: "user3", role: "Wallet user (rated several tickets)", group: "user" },
  { index: 23, key: "user4", role: "Wallet user (rated several tickets, one rating voided by the DAO)", group: "user" },
  { index: 24, key: "user5", role: "Wallet user (rated tickets, reported an impersonator)", group: "user" },
  { index: 25, key: "user6", role: "Wallet user (rated tickets)", group: "user" },
  { index: 26, key: "scammer", role: "Impersonator address (reported, report still open)", group: "user" },
  { index: 27, key: "newcomer", role: "Fresh wallet user: no tokens, no history", group: "user" },
  { index: 28, key: "spare1", role: "Spare account (no role)", group: "user" },
  { index: 29, key: "spare2", role: "Spare account (no role)", group: "user" },
  { index: 30, key: "communityOperator", role: `Operator of ${DESK_4} (community desk)`, group: "desk" },
  { index: 31, key: "nia", role: `Community helper @nia.helps (${DESK_4}, signs own receipts; reward to claim)`, group: "agent" },
  { index: 32, key: "omar", role: `Community helper @omar.helps (${DESK_4}, signs own receipts; reward to claim)`, group: "agent" },
  { index: 33, key: "ledgerlyBot", role: `AI assistant @ledgerly.bot (${DESK_1}): a program, not a person`, group: "agent" },
  { index: 34, key: "examiner", role: "Credential examiner (Wallet basics, Security specialist), appointed by the DAO", group: "governance" },
] as const satisfies readonly DevRole[];

export type RoleKey = (typeof DEV_ROLES)[number]["key"];

export interface DevAccount extends DevRole {
  address: Address;
}

let cache: DevAccount[] | undefined;

/** Every dev account with its address, derived from the mnemonic (deterministic). */
export function devAccounts(): DevAccount[] {
  cache ??= DEV_ROLES.map((r) => ({
    ...r,
    address: getAddress(mnemonicToAccount(DEV_MNEMONIC, { addressIndex: r.index }).address),
  }));
  return cache;
}

/** The address of the account playing `key`. */
export function addressOf(key: RoleKey): Address {
  const account = devAccounts().find((a) => a.key === key);
  if (!account) throw new Error(`No dev account has the role "${key}".`);
  return account.address;
}

/** The desks of the demo world, in registration order (desk ids 1, 2, 3). */
export const DEMO_DESKS = [
  {
    id: 1,
    name: DESK_1,
    selfSigning: false,
    operator: "ledgerlyOperator",
    issuer: "ledgerlyIssuer",
    agents: [
      ["maya", "maya.ledgerly"],
      ["theo", "theo.ledgerly"],
      ["sam", "sam.ledgerly"],
    ],
  },
  {
    id: 2,
    name: DESK_2,
    selfSigning: false,
    operator: "nimbusOperator",
    issuer: "nimbusIssuer",
    agents: [
      ["ines", "ines.nimbus"],
      ["kofi", "kofi.nimbus"],
      ["lee", "lee.nimbus"],
    ],
  },
  {
    id: 3,
    name: DESK_3,
    selfSigning: true,
    operator: "orbitOperator",
    issuer: "orbitIssuer",
    agents: [
      ["ravi", "ravi.orbit"],
      ["zoe", "zoe.orbit"],
    ],
  },
] as const satisfies readonly {
  id: number;
  name: string;
  selfSigning: boolean;
  operator: RoleKey;
  issuer: RoleKey;
  agents: readonly (readonly [RoleKey, string])[];
}[];
