/**
 * The governor's EIP-712 ballots (OpenZeppelin Governor `castVoteBySig` and
 * `castVoteWithReasonAndParamsBySig`): what a voter signs so that a relayer can cast the vote for them.
 * The governor's domain name is its `name()` ("Support Quality Governor"), version "1".
 */
import type { Address, Hex, TypedDataDomain } from "viem";
import type { TypedDataSigner } from "../receipts/eip712.js";
import type { VoteRelayBody } from "./wire.js";

export const BALLOT_TYPES = {
  Ballot: [
    { name: "proposalId", type: "uint256" },
    { name: "support", type: "uint8" },
    { name: "voter", type: "address" },
    { name: "nonce", type: "uint256" },
  ],
} as const;

export const EXTENDED_BALLOT_TYPES = {
  ExtendedBallot: [
    { name: "proposalId", type: "uint256" },
    { name: "support", type: "uint8" },
    { name: "voter", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "reason", type: "string" },
    { name: "params", type: "bytes" },
  ],
} as const;

export const GOVERNOR_NAME = "Support Quality Governor";

export interface GovernorContract {
  chainId: number;
  verifyingContract: Address;
  /** The governor's `name()`; defaults to {GOVERNOR_NAME}. */
  name?: string;
}

export interface Ballot {
  proposalId: bigint;
  support: number;
  voter: Address;
  nonce: bigint;
  /** With a reason or params the ballot is an ExtendedBallot (`castVoteWithReasonAndParamsBySig`). */
  reason?: string;
  params?: Hex;
}

export function governorDomain({ chainId, verifyingContract, name = GOVERNOR_NAME }: GovernorContract) {
  return { name, version: "1", chainId, verifyingContract } as const satisfies TypedDataDomain;
}

/** True when the ballot needs `castVoteWithReasonAndParamsBySig`. */
export function isExtendedBallot(ballot: Pick<Ballot, "reason" | "params">): boolean {
  return ballot.reason !== undefined || ballot.params !== undefined;
}

export function ballotTypedData(contract: GovernorContract, ballot: Ballot) {
  return {
    domain: governorDomain(contract),
    types: BALLOT_TYPES,
    primaryType: "Ballot",
    message: { proposalId: ballot.proposalId, support: ballot.support, voter: ballot.voter, nonce: ballot.nonce },
  } as const;
}

export function extendedBallotTypedData(contract: GovernorContract, ballot: Ballot) {
  return {
    domain: governorDomain(contract),
    types: EXTENDED_BALLOT_TYPES,
    primaryType: "ExtendedBallot",
    message: {
      proposalId: ballot.proposalId,
      support: ballot.support,
      voter: ballot.voter,
      nonce: ballot.nonce,
      reason: ballot.reason ?? "",
      params: ballot.params ?? "0x",
    },
  } as const;
}

export type BallotTypedData = ReturnType<typeof ballotTypedData>;
export type ExtendedBallotTypedData = ReturnType<typeof extendedBallotTypedData>;

/** Signs either kind of ballot: a viem account or wallet client, or wagmi's `signTypedDataAsync`. */
export type BallotSigner = TypedDataSigner<BallotTypedData> & TypedDataSigner<ExtendedBallotTypedData>;

function sign<T>(signer: TypedDataSigner<T>, typedData: T): Promise<Hex> {
  return typeof signer === "function" ? signer(typedData) : signer.signTypedData(typedData);
}

/** Signs `ballot` as its voter (a plain or extended ballot, as {isExtendedBallot} decides). */
export function signBallot(signer: BallotSigner, contract: GovernorContract, ballot: Ballot): Promise<Hex> {
  if (isExtendedBallot(ballot)) return sign<ExtendedBallotTypedData>(signer, extendedBallotTypedData(contract, ballot));
  return sign<BallotTypedData>(signer, ballotTypedData(contract, ballot));
}

/** The relayer's `POST /v1/votes` body for a signed ballot. */
export function voteRelayBody(contract: GovernorContract, ballot: Ballot, signature: Hex): VoteRelayBody {
  return {
    chainId: contract.chainId,
    governor: contract.verifyingContract,
    proposalId: ballot.proposalId.toString(),
    support: ballot.support,
    voter: ballot.voter,
    nonce: ballot.nonce.toString(),
    ...(ballot.reason !== undefined ? { reason: ballot.reason } : {}),
    ...(ballot.params !== undefined ? { params: ballot.params } : {}),
    signature,
  };
}
