/**
 * Gasless votes: the EIP-712 ballot OpenZeppelin's Governor checks in `castVoteWithReasonAndParamsBySig`.
 * The voter signs; anyone (a relayer) submits; the governor's per-voter nonce makes each signature count once.
 */
import type { Address, Hex } from "viem";

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

export interface ExtendedBallot {
  proposalId: bigint;
  support: number;
  voter: Address;
  nonce: bigint;
  reason: string;
  params: Hex;
}

/** The governor's EIP-712 domain: its `name()`, version "1" (OpenZeppelin's `version()`), chain and address. */
export function governorDomain(name: string, chainId: number, governor: Address) {
  return { name, version: "1", chainId, verifyingContract: governor } as const;
}
