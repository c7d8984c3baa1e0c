/**
 * The EIP-712 shape of a support receipt (SupportRatings `Receipt`) and of a relayed rating
 * (`RatingIntent`), and the one way to build, sign and verify them. Shared by the tests, the CLI, the seed
 * and the dApp, so a receipt signed by any of them verifies on-chain.
 */
import {
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hex,
  hashStruct,
  keccak256,
  recoverTypedDataAddress,
  type TypedDataDomain,
  toBytes,
  zeroAddress,
} from "viem";
import type { supportRatingsAbi } from "../generated/abis/supportRatings.js";
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

/**
 * A receipt of a ticket escalated from an AI assistant's ticket of the same desk: the desk signs the plain
 * receipt nested with the earlier ticket's id, so neither kind of signature passes for the other.
 */
export const ESCALATED_RECEIPT_TYPES = {
  EscalatedReceipt: [
    { name: "receipt", type: "ReceiptV2" },
    { name: "escalatedFrom", type: "uint64" },
  ],
  ReceiptV2: RECEIPT_TYPES.ReceiptV2,
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
  /**
   * The ticket of the desk's AI assistant this ticket was escalated from (absent or 0n: not escalated). An
   * escalated receipt is signed as `EscalatedReceipt` and rated with `rateEscalated`.
   */
  escalatedFrom?: bigint;
}

/** The receipt's `ReceiptV2` fields only (what the contract's `Receipt` struct holds). */
export function receiptFields({ escalatedFrom: _, ...fields }: Receipt): Omit<Receipt, "escalatedFrom"> {
  return fields;
}

/** Whether `receipt` names an AI assistant's ticket it was escalated from. */
export const isEscalated = (receipt: Receipt): receipt is Receipt & { escalatedFrom: bigint } => !!receipt.escalatedFrom;

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

/** The typed data of a plain receipt (`ReceiptV2`), ready for any EIP-712 signer (viem account, wallet client, wagmi). */
export function receiptTypedData(contract: RatingsContract, receipt: Receipt) {
  return {
    domain: ratingsDomain(contract.chainId, contract.verifyingContract),
    types: RECEIPT_TYPES,
    primaryType: "ReceiptV2",
    message: receiptFields(receipt),
  } as const;
}
export type ReceiptTypedData = ReturnType<typeof receiptTypedData>;

/** The typed data of an escalated receipt (`EscalatedReceipt`: the receipt and the AI assistant's ticket). */
export function escalatedReceiptTypedData(contract: RatingsContract, receipt: Receipt & { escalatedFrom: bigint }) {
  return {
    domain: ratingsDomain(contract.chainId, contract.verifyingContract),
    types: ESCALATED_RECEIPT_TYPES,
    primaryType: "EscalatedReceipt",
    message: { receipt: receiptFields(receipt), escalatedFrom: receipt.escalatedFrom },
  } as const;
}
export type EscalatedReceiptTypedData = ReturnType<typeof escalatedReceiptTypedData>;

/** `hashStruct` of what the signer signs (`ReceiptV2` or `EscalatedReceipt`): what a `RatingIntent` commits to. */
export function receiptHash(receipt: Receipt): Hex {
  if (isEscalated(receipt)) {
    const { types, primaryType, message } = escalatedReceiptTypedData({ chainId: 1, verifyingContract: zeroAddress }, receipt);
    return hashStruct({ data: message, primaryType, types });
  }
  return hashStruct({ data: receiptFields(receipt), primaryType: "ReceiptV2", types: RECEIPT_TYPES });
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

/**
 * `functionName` and `args` of a SupportRatings call, typed for viem's contract actions (which take a union of
 * function names with the union of their argument lists).
 */
export type RatingCall<name extends ContractFunctionName<typeof supportRatingsAbi, "nonpayable">> = {
  functionName: name;
  args: ContractFunctionArgs<typeof supportRatingsAbi, "nonpayable", name>;
};

/**
 * The ratings-contract call that rates `receipt` from the requester's wallet: `rate`, or `rateEscalated`
 * for an escalated receipt. Spread it next to the contract's address and ABI.
 */
export function rateCall(
  receipt: Receipt,
  signature: Hex,
  signer: Address,
  score: number,
  tags: number,
  comment: string,
): RatingCall<"rate" | "rateEscalated"> {
  if (isEscalated(receipt)) {
    const args = [receiptFields(receipt), receipt.escalatedFrom, signature, signer, score, tags, comment, 0, "0x"] as const;
    return { functionName: "rateEscalated", args } as const;
  }
  return { functionName: "rate", args: [receiptFields(receipt), signature, signer, score, tags, comment] } as const;
}

/** The call a relayer submits for a requester's signed `RatingIntent`: `rateBySig`, or `rateEscalated` with the intent. */
export function rateBySigCall(
  receipt: Receipt,
  signature: Hex,
  signer: Address,
  rating: { score: number; tags: number; comment: string; deadline: number },
  requesterSignature: Hex,
): RatingCall<"rateBySig" | "rateEscalated"> {
  const { score, tags, comment, deadline } = rating;
  if (isEscalated(receipt)) {
    return {
      functionName: "rateEscalated",
      args: [receiptFields(receipt), receipt.escalatedFrom, signature, signer, score, tags, comment, deadline, requesterSignature],
    } as const;
  }
  return { functionName: "rateBySig", args: [receiptFields(receipt), signature, signer, score, tags, comment, deadline, requesterSignature] } as const;
}

/** Signs both kinds of receipt: any EIP-712 signer (a viem account, a wallet client, wagmi's `signTypedDataAsync`). */
export type ReceiptSigner = TypedDataSigner<ReceiptTypedData> & TypedDataSigner<EscalatedReceiptTypedData>;

/** Signs `receipt` for `contract` (the desk's issuer key, or a self-signing agent), escalated or not. */
export function signReceipt(signer: ReceiptSigner, contract: RatingsContract, receipt: Receipt): Promise<Hex> {
  return isEscalated(receipt)
    ? sign<EscalatedReceiptTypedData>(signer, escalatedReceiptTypedData(contract, receipt))
    : sign<ReceiptTypedData>(signer, receiptTypedData(contract, receipt));
}

/** Signs a relayed rating as the requester. */
export function signRatingIntent(signer: TypedDataSigner<RatingIntentTypedData>, contract: RatingsContract, intent: RatingIntent): Promise<Hex> {
  return sign(signer, ratingIntentTypedData(contract, intent));
}

/** The address an EOA signature of `receipt` recovers to, or undefined when the signature is malformed. */
export async function recoverReceiptSigner(contract: RatingsContract, receipt: Receipt, signature: Hex): Promise<Address | undefined> {
  const recovered = isEscalated(receipt)
    ? recoverTypedDataAddress({ ...escalatedReceiptTypedData(contract, receipt), signature })
    : recoverTypedDataAddress({ ...receiptTypedData(contract, receipt), signature });
  return recovered.catch(() => undefined);
}
