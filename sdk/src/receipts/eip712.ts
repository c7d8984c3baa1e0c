/**
 * The EIP-712 shape of a support receipt (SupportRatings `Receipt`) and of a relayed rating
 * (`RatingIntent`), and the one way to build, sign and verify them. Shared by the tests, the CLI, the seed
 * and the dApp, so a receipt signed by any of them verifies on-chain.
 */
import { type Address, type Hex, hashStruct, keccak256, recoverTypedDataAddress, type TypedDataDomain, toBytes } from "viem";
import { PRIORITY_NAMES } from "../generated/enums.js";

/** Version 2 of the receipt (`ReceiptV2`): a ticket category and the time it waited on the requester. */
export const RECEIPT_TYPES = {
  ReceiptV2: [
    { name: "ticketId", type: "uint64" },
    { name: "deskId", type: "uint32" },
    { name: "agent", type: "address" },
    { name: "requester", type: "address" },
    { name: "openedAt", type: "uint48" },
    { name: "firstResponseAt", type: "uint48" },
    { name: "resolvedAt", type: "uint48" },
    { name: "pausedSeconds", type: "uint48" },
    { name: "deadline", type: "uint48" },
    { name: "priority", type: "uint8" },
    { name: "category", type: "uint8" },
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

/** `IPolicyRegistry.Priority` member names, by value (generated from the contracts). */
export const PRIORITIES = PRIORITY_NAMES;

export interface Receipt {
  ticketId: bigint;
  deskId: number;
  agent: Address;
  requester: Address;
  priority: number;
  /** 1 + the index of the ticket's category in the rating rules in force; 0 = uncategorised. */
  category: number;
  openedAt: number;
  firstResponseAt: number;
  resolvedAt: number;
  /** Seconds the ticket waited on the requester ("pending"), in the SLA's clock; left out of the resolution time. */
  pausedSeconds: number;
  deadline: number;
}

/** A rating signed by the requester for a relayer (`rateBySig`). */
export interface RatingIntent {
  receipt: Receipt;
  score: number;
  tags: number;
  comment: string;
  nonce: bigint;
  deadline: number;
}

/** Where a receipt is valid: one chain and one ratings contract. */
export interface RatingsContract {
  chainId: number;
  verifyingContract: Address;
}

/** The domain of a SupportRatings deployment: a receipt is valid on one chain and one contract only. */
export function ratingsDomain(chainId: number, verifyingContract: Address) {
  return { name: "SupportRatings", version: "1", chainId, verifyingContract } as const satisfies TypedDataDomain;
}

/** The typed data of a receipt, ready for any EIP-712 signer (viem account, wallet client, wagmi). */
export function receiptTypedData(contract: RatingsContract, receipt: Receipt) {
  return {
    domain: ratingsDomain(contract.chainId, contract.verifyingContract),
    types: RECEIPT_TYPES,
    primaryType: "ReceiptV2",
    message: receipt,
  } as const;
}
export type ReceiptTypedData = ReturnType<typeof receiptTypedData>;

/** `hashStruct(ReceiptV2)`: what a `RatingIntent` commits to. */
export function receiptHash(receipt: Receipt): Hex {
  return hashStruct({ data: receipt, primaryType: "ReceiptV2", types: RECEIPT_TYPES });
}

/** The typed data of a relayed rating, for the requester to sign. */
export function ratingIntentTypedData(contract: RatingsContract, intent: RatingIntent) {
  return {
    domain: ratingsDomain(contract.chainId, contract.verifyingContract),
    types: RATING_INTENT_TYPES,
    primaryType: "RatingIntent",
    message: {
      receiptHash: receiptHash(intent.receipt),
      score: intent.score,
      tags: intent.tags,
      commentHash: keccak256(toBytes(intent.comment)),
      nonce: intent.nonce,
      deadline: intent.deadline,
    },
  } as const;
}
export type RatingIntentTypedData = ReturnType<typeof ratingIntentTypedData>;

/** Anything that signs EIP-712 typed data: a viem local account, a wallet client with an account, wagmi's `signTypedDataAsync`. */
export type TypedDataSigner<T> = { signTypedData(typedData: T): Promise<Hex> } | ((typedData: T) => Promise<Hex>);

function sign<T>(signer: TypedDataSigner<T>, typedData: T): Promise<Hex> {
  return typeof signer === "function" ? signer(typedData) : signer.signTypedData(typedData);
}

/** Signs `receipt` for `contract` (the desk's issuer key, or a self-signing agent). */
export function signReceipt(signer: TypedDataSigner<ReceiptTypedData>, contract: RatingsContract, receipt: Receipt): Promise<Hex> {
  return sign(signer, receiptTypedData(contract, receipt));
}

/** Signs a relayed rating as the requester. */
export function signRatingIntent(signer: TypedDataSigner<RatingIntentTypedData>, contract: RatingsContract, intent: RatingIntent): Promise<Hex> {
  return sign(signer, ratingIntentTypedData(contract, intent));
}

/** The address an EOA signature of `receipt` recovers to, or undefined when the signature is malformed. */
export async function recoverReceiptSigner(contract: RatingsContract, receipt: Receipt, signature: Hex): Promise<Address | undefined> {
  return recoverTypedDataAddress({ ...receiptTypedData(contract, receipt), signature }).catch(() => undefined);
}
