/** The relayer's `POST /v1/ratings` body for a signed rating intent, and back. */
import type { Address, Hex } from "viem";
import type { RatingIntent, RatingsContract, Receipt } from "../receipts/eip712.js";
import type { RatingRelayBody, ReceiptJson } from "./wire.js";

export function receiptToJson({ escalatedFrom, ...receipt }: Receipt): ReceiptJson {
  return { ...receipt, ticketId: receipt.ticketId.toString(), ...(escalatedFrom ? { escalatedFrom: escalatedFrom.toString() } : {}) };
}

export function receiptFromJson({ escalatedFrom, ...receipt }: ReceiptJson): Receipt {
  return { ...receipt, ticketId: BigInt(receipt.ticketId), ...(escalatedFrom ? { escalatedFrom: BigInt(escalatedFrom) } : {}) };
}

export function ratingRelayBody(
  contract: RatingsContract,
  intent: RatingIntent,
  receiptSigner: Address,
  receiptSignature: Hex,
  signature: Hex,
): RatingRelayBody {
  return {
    chainId: contract.chainId,
    ratings: contract.verifyingContract,
    receipt: receiptToJson(intent.receipt),
    receiptSigner,
    receiptSignature,
    score: intent.score,
    tags: intent.tags,
    comment: intent.comment,
    nonce: intent.nonce.toString(),
    deadline: intent.deadline,
    signature,
  };
}
