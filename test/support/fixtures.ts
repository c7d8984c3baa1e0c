/**
 * Shared fixtures of the flow tests. Everything goes through the production deploy path
 * (`deployProtocol`) and real governance (`deploy/govern.ts`): tokens are distributed and delegated,
 * desks and policies exist only because a proposal passed.
 */

import { encodeRatingRulesParams, encodeSlaParams, PolicyKind, type Receipt, signReceipt as signWith } from "@support-quality/sdk";
import type { NetworkConnection } from "hardhat/types/network";
import { type Address, getAddress, type Hex, type PublicClient, parseEther, type TestClient } from "viem";
import { type DeployOptions, deployProtocol, type Viem } from "../../deploy/protocol.js";
import { advanceTime, type Call, call, type GovernanceClients, passProposal } from "../../scripts/stack/govern.js";

export type Connection = NetworkConnection;
export type Protocol = Awaited<ReturnType<typeof deployProtocol>>;
export type Wallet = Awaited<ReturnType<Viem["getWalletClients"]>>[number];

/** Token balances handed out by {deployWorld}: of a 10M supply, 4 % quorum = 400k, 20 % critical = 2M. */
export const BALANCES = {
  alice: parseEther("1000000"), // 10 %: passes a normal proposal alone, not a critical one
  bob: parseEther("500000"), // 5 %
  carol: parseEther("100000"), // 1 %: below the normal quorum alone
  council: parseEther("1500000"), // 15 %: with alice (25 %), passes a critical proposal
} as const;

export const DESK_NAME = "Acme Wallet Help Desk";
export const AGENT_HANDLE = "acme-sam";

/** The ticket categories of the rating rules (a receipt's `category` is 1 + an index; 0 = none). */
export const TICKET_CATEGORIES = ["Wallet setup & backup", "Transactions & gas", "dApp connection", "Security & phishing", "Asset recovery"] as const;

/** SLA v1 targets in minutes per priority (Low, Normal, High, Urgent). */
export const SLA_PARAMS = {
  firstResponseMinutes: [240, 60, 30, 10],
  resolutionMinutes: [2880, 1440, 480, 120],
} as const;

export const RATING_RULES_PARAMS = {
  ratingWindow: 7 * 24 * 60 * 60,
  scale: 5,
  tags: ["fast", "friendly", "solved", "escalated"],
  categories: [...TICKET_CATEGORIES],
} as const;

export const SLA_TEXT = "Support answers a Normal ticket within one hour and resolves it within a day.";
export const RATING_RULES_TEXT = "Rate a ticket from 1 to 5 within seven days of its resolution.";

export const slaParams = () => encodeSlaParams(SLA_PARAMS);
export const ratingRulesParams = () => encodeRatingRulesParams(RATING_RULES_PARAMS);

export interface World {
  connection: Connection;
  protocol: Protocol;
  clients: GovernanceClients;
  publicClient: PublicClient;
  testClient: TestClient;
  deployer: Wallet;
  alice: Wallet;
  bob: Wallet;
  carol: Wallet;
  dave: Wallet;
  operator: Wallet;
  issuer: Wallet;
  agent: Wallet;
  requester: Wallet;
  otherUser: Wallet;
  relayer: Wallet;
  guardian: Wallet;
  stranger: Wallet;
  council: Wallet;
}

/** Deploys the protocol on `connection` and gives out named accounts (no tokens moved yet). */
export async function deployWorld(connection: Connection, options: DeployOptions = {}): Promise<World> {
  const { viem } = connection;
  const wallets = await viem.getWalletClients();
  const [deployer, alice, bob, carol, dave, operator, issuer, agent, requester, otherUser, relayer, guardian, stranger, council] = wallets;
  const protocol = await deployProtocol(viem, options);
  const publicClient: PublicClient = await viem.getPublicClient();
  const testClient: TestClient = await viem.getTestClient();
  return {
    connection,
    protocol,
    clients: { publicClient, testClient },
    publicClient,
    testClient,
    deployer,
    alice,
    bob,
    carol,
    dave,
    operator,
    issuer,
    agent,
    requester,
    otherUser,
    relayer,
    guardian,
    stranger,
    council,
  };
}

/** Waits for `hash` and fails loudly when the transaction reverted. */
export async function mined(world: World, hash: Hex | Promise<Hex>) {
  const receipt = await world.publicClient.waitForTransactionReceipt({ hash: await hash });
  if (receipt.status !== "success") throw new Error(`transaction ${receipt.transactionHash} reverted`);
  return receipt;
}

/**
 * Sends alice, bob, carol and the council their {BALANCES} and has each delegate to themselves; then lets
 * one second pass so the delegations are in the past (a proposer's votes are read at `clock() - 1`).
 */
export async function distributeAndDelegate(world: World) {
  const { token } = world.protocol;
  for (const name of ["alice", "bob", "carol", "council"] as const) {
    const holder = world[name];
    await mined(world, token.write.transfer([holder.account.address, BALANCES[name]]));
    await mined(world, token.write.delegate([holder.account.address], { account: holder.account }));
  }
  await advanceTime(world.testClient, 1);
}

/**
 * Passes `calls` with alice proposing. Alice votes alone (10 %) on a routine proposal; the council joins
 * her (25 %) when any call is critical, as the governor decides.
 */
export async function govern(world: World, calls: Call[], description: string): Promise<bigint> {
  const { governor } = world.protocol;
  let critical = false;
  for (const c of calls) critical ||= await governor.read.isCriticalCall([c.target, c.value ?? 0n, c.data]);
  const voters = critical ? [world.alice, world.council] : [world.alice];
  return passProposal(world.clients, governor, world.alice, voters, calls, description);
}

/** Desk 1 with its operator, issuer key and one agent, registered by one passed proposal. */
export async function registerDesk(world: World): Promise<number> {
  const { agentRegistry } = world.protocol;
  const deskId = (await agentRegistry.read.deskCount()) + 1;
  const r = agentRegistry;
  await govern(
    world,
    [
      call(r.address, r.abi, "registerDesk", [DESK_NAME, false]),
      call(r.address, r.abi, "setOperator", [deskId, world.operator.account.address, true]),
      call(r.address, r.abi, "setIssuer", [deskId, world.issuer.account.address, true]),
      call(r.address, r.abi, "addAgent", [deskId, world.agent.account.address, AGENT_HANDLE, 0]),
    ],
    `Register ${DESK_NAME}`,
  );
  return deskId;
}

/** Calls that publish the first SLA and RatingRules versions (effective at once). */
export function ratingPolicyCalls(world: World): Call[] {
  const { policyRegistry: p } = world.protocol;
  return [
    call(p.address, p.abi, "publishPolicy", [PolicyKind.SLA, 0n, 0, { title: "Service levels", text: SLA_TEXT, uri: "", params: slaParams() }]),
    call(p.address, p.abi, "publishPolicy", [
      PolicyKind.RatingRules,
      0n,
      0,
      { title: "Rating rules", text: RATING_RULES_TEXT, uri: "", params: ratingRulesParams() },
    ]),
  ];
}

/** Publishes the SLA and RatingRules policies through one passed proposal. */
export async function publishRatingPolicies(world: World): Promise<bigint> {
  return govern(world, ratingPolicyCalls(world), "Adopt the SLA and the rating rules");
}

/** A deployed, governed world ready for ratings: tokens delegated, desk 1 registered, policies in force. */
export async function ratingWorld(connection: Connection, options: DeployOptions = {}) {
  const world = await deployWorld(connection, options);
  await distributeAndDelegate(world);
  const deskId = await registerDesk(world);
  await publishRatingPolicies(world);
  // Tickets of the default receipt were opened an hour ago: let a day pass so the rules were in force then.
  await advanceTime(world.testClient, 24 * 60 * 60);
  return { ...world, deskId };
}

export async function latestTimestamp(world: World): Promise<number> {
  return Number((await world.publicClient.getBlock()).timestamp);
}

let nextTicket = 1000n;

/**
 * A receipt of a ticket of `deskId` handled by the world's agent for its requester: opened an hour ago,
 * answered after 10 minutes, resolved 10 minutes ago (Normal priority: SLA met), valid for 30 days.
 */
export async function makeReceipt(world: World, deskId: number, overrides: Partial<Receipt> = {}): Promise<Receipt> {
  const now = await latestTimestamp(world);
  return {
    ticketId: nextTicket++,
    deskId,
    agent: getAddress(world.agent.account.address),
    requester: getAddress(world.requester.account.address),
    priority: 1,
    category: 2,
    openedAt: now - 3600,
    firstResponseAt: now - 3000,
    resolvedAt: now - 600,
    pausedSeconds: 0,
    deadline: now + 30 * 24 * 60 * 60,
    ...overrides,
  };
}

/** Signs `receipt` with `signer` for the ratings contract at `verifyingContract` on `chainId`. */
export async function signReceipt(signer: Wallet, receipt: Receipt, domain: { chainId: number; verifyingContract: Address }): Promise<Hex> {
  return signWith(signer, domain, receipt);
}

/** Signs `receipt` with the desk's issuer key for this world's ratings contract. */
export async function issue(world: World, receipt: Receipt): Promise<Hex> {
  return signReceipt(world.issuer, receipt, {
    chainId: world.protocol.deployment.chainId,
    verifyingContract: world.protocol.ratings.address,
  });
}

/** `rate` arguments for `receipt` signed by `signer` (the signature, then who signed it). */
export function rateArgs(receipt: Receipt, signer: Address, signature: Hex, score: number, tags: number, comment: string) {
  return [receipt, signature, signer, score, tags, comment] as const;
}
