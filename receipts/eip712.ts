/**
 * The EIP-712 shape of a support receipt (SupportRatings `Receipt`) and of a relayed rating
 * (`RatingIntent`). One definition shared by the tests, the CLI and the dApp, so a receipt signed by any
 * of them verifies on-chain.
 */
import type { Address, TypedDataDomain } from "viem";

export const RECEIPT_TYPES = {
  Receipt: [
    { name: "ticketId", type: "uint64" },
    { name: "deskId", type: "uint32" },
    { name: "agent", type: "address" },
    { name: "requester", type: "address" },
    { name: "priority", type: "uint8" },
    { name: "openedAt", type: "uint48" },
    { name: "firstResponseAt", type: "uint48" },
    { name: "resolvedAt", type: "uint48" },
    { name: "deadline", type: "uint48" },
  ],
} as const;

export const RATING_INTENT_TYPES = {
  RatingIntent: [
    { name: "receiptHash", type: "bytes32" },
    { name: "score", type: "uint8" },
    { name: "tags", type: "uint32" },
    { name: "commentHash", type: "bytes32" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint48" },
  ],
} as const;

/** Priority enum of IPolicyRegistry. */
export const PRIORITIES = ["Low", "Normal", "High", "Urgent"] as const;

export interface Receipt {
  ticketId: bigint;
  deskId: number;
  agent: Address;
  requester: Address;
  priority: number;
  openedAt: number;
  firstResponseAt: number;
  resolvedAt: number;
  deadline: number;
}

/** The domain of a SupportRatings deployment: a receipt is valid on one chain and one contract only. */
export function ratingsDomain(chainId: number, verifyingContract: Address): TypedDataDomain {
  return { name: "SupportRatings", version: "1", chainId, verifyingContract };
}
