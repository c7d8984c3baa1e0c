/**
 * The relayer's HTTP contract, shared by the service (relayer/), the dApp, the bench and help-desk back
 * ends. Integers wider than 53 bits travel as decimal strings; everything else as JSON numbers and hex.
 */
import type { Address, Hex } from "viem";
import type { Receipt } from "../receipts/eip712.js";

/** A receipt as JSON: the ticket id (and the escalated-from ticket id, if any) is a decimal string. */
export type ReceiptJson = Omit<Receipt, "ticketId" | "escalatedFrom"> & { ticketId: string; escalatedFrom?: string };

/** `POST /v1/ratings`: a requester's signed `RatingIntent` with the receipt it rates. */
export interface RatingRelayBody {
  chainId: number;
  /** The SupportRatings contract the intent is signed for (its EIP-712 verifying contract). */
  ratings: Address;
  receipt: ReceiptJson;
  /** The receipt's signer (issuer key or self-signing agent) and its signature. */
  receiptSigner: Address;
  receiptSignature: Hex;
  score: number;
  tags: number;
  comment: string;
  /** The requester's `nonces(requester)` the intent was signed with (decimal string). */
  nonce: string;
  /** The last second (chain time) the intent may be submitted. */
  deadline: number;
  /** The requester's EIP-712 signature of the `RatingIntent`. */
  signature: Hex;
}

/** `POST /v1/votes`: a voter's signed ballot (`castVoteBySig`, or `castVoteWithReasonAndParamsBySig` with a reason or params). */
export interface VoteRelayBody {
  chainId: number;
  governor: Address;
  /** Decimal string. */
  proposalId: string;
  /** 0 Against, 1 For, 2 Abstain. */
  support: number;
  voter: Address;
  /** The voter's `nonces(voter)` on the governor the ballot was signed with (decimal string). */
  nonce: string;
  reason?: string;
  params?: Hex;
  signature: Hex;
}

export type RelayKind = "rating" | "vote";
export type RelayStatus = "queued" | "submitted" | "confirmed" | "refused";

/** `GET /v1/requests/:id`, and the body of a 202 answer. */
export interface RelayRequestView {
  id: string;
  kind: RelayKind;
  status: RelayStatus;
  /** Why it was refused (status `refused`), or a note about its progress (e.g. the chain is unreachable). */
  sentence?: string;
  /** The transaction that carries it (the latest replacement while pending; the mined one once confirmed). */
  txHash?: Hex;
  blockNumber?: string;
  createdAt: number;
  updatedAt: number;
}

/** Every refusal: an HTTP status and a sentence (409 on a replay also names the earlier request). */
export interface RelayErrorBody {
  error: string;
  id?: string;
}
