/**
 * The one pre-flight check of a receipt: everything the contract would refuse, asked before anything is
 * signed or sent. The help desk's CLI and console run it before signing (no signature yet); the rate page
 * runs it on a signed link, which adds the signature check and `rate`'s own simulation from the requester.
 */
import { type Address, BaseError, type Client, ContractFunctionRevertedError, type Hex } from "viem";
import { getBlock, getCode, readContract, simulateContract } from "viem/actions";
import type { Deployment } from "../deployments.js";
import { revertSentence } from "../errors/index.js";
import { formatDate, shortAddress } from "../format.js";
import { policyRegistryAbi, supportRatingsAbi } from "../generated/abis.js";
import type { PackedCalendar } from "./business-time.js";
import { type Receipt, rateCall, recoverReceiptSigner } from "./eip712.js";
import { type Judgement, judgeReceipt, type RatingTerms, usesBusinessTime } from "./verdict.js";

export type ReceiptCheckProblem =
  | "alreadyRated"
  | "expired"
  | "invalidTimes"
  | "noRules"
  | "windowClosed"
  | "unknownCategory"
  | "pausedTooLong"
  | "noCalendar"
  | "selfRating"
  | "signature"
  | "agentNotActive"
  | "unauthorizedSigner"
  | "simulation";

export interface ReceiptCheckInput {
  deployment: Pick<Deployment, "chainId" | "contracts">;
  receipt: Receipt;
  /** Who signs (or signed) the receipt: a desk issuer key or a self-signing agent. */
  signer: Address;
  /** The signature of a link; without it, the check is the issuer's, before signing. */
  signature?: Hex;
}

export interface ReceiptCheck {
  /** Chain time of the check (seconds). */
  now: number;
  ratingId: Hex;
  alreadyRated: boolean;
  /** The rating terms in force when the ticket was opened. */
  terms: RatingTerms;
  /** The desk's business-hours calendar, when the ticket's priority counts business time. */
  calendar?: PackedCalendar;
  /** The SLA verdict and rating window the contract would compute, or why it refuses. */
  judgement: Judgement;
  /** The first reason the contract would refuse the receipt; absent when it would accept it. */
  problem?: { kind: ReceiptCheckProblem; message: string };
}

export async function checkReceipt(client: Client, { deployment, receipt, signer, signature }: ReceiptCheckInput): Promise<ReceiptCheck> {
  const { SupportRatings, PolicyRegistry } = deployment.contracts;
  const ratings = { address: SupportRatings, abi: supportRatingsAbi } as const;
  const [block, ratingId, [agentWasActive, signerAuthorized], terms, signerCode] = await Promise.all([
    getBlock(client),
    readContract(client, { ...ratings, functionName: "ratingIdOf", args: [receipt.deskId, receipt.ticketId] }),
    readContract(client, { ...ratings, functionName: "receiptParties", args: [receipt.deskId, receipt.agent, signer, receipt.openedAt] }),
    readContract(client, { address: PolicyRegistry, abi: policyRegistryAbi, functionName: "ratingTermsAt", args: [receipt.openedAt] }),
    signature ? getCode(client, { address: signer }) : Promise.resolve(undefined),
  ]);
  // `rating` reverts for a rating that does not exist.
  const alreadyRated = await readContract(client, { ...ratings, functionName: "rating", args: [ratingId] }).then(
    () => true,
    () => false,
  );
  const now = Number(block.timestamp);
  const calendar = usesBusinessTime(terms, receipt.priority)
    ? await readContract(client, { ...ratings, functionName: "calendarOf", args: [terms.slaVersion, receipt.deskId] }).then(([calendar, holidays]) => ({
        calendar,
        holidays,
      }))
    : undefined;
  const judgement = judgeReceipt(receipt, terms, now, calendar);
  const result = { now, ratingId, alreadyRated, terms, judgement, ...(calendar ? { calendar } : {}) };
  const refuse = (kind: ReceiptCheckProblem, message: string): ReceiptCheck => ({ ...result, problem: { kind, message } });

  if (alreadyRated) {
    return refuse("alreadyRated", `This ticket has already been rated: a receipt can be used once. (Ticket ${receipt.ticketId} of desk #${receipt.deskId}.)`);
  }
  if (!judgement.ok) return refuse(judgement.problem.kind, judgement.message);
  if (sameAddress(receipt.requester, receipt.agent) || sameAddress(receipt.requester, signer)) {
    return refuse("selfRating", "The requester cannot be the agent or the signer: nobody rates their own ticket.");
  }
  // An EOA signature is checked here; a smart-wallet (ERC-1271) signer is left to the contract's simulation.
  if (signature && (!signerCode || signerCode === "0x")) {
    const recovered = await recoverReceiptSigner({ chainId: deployment.chainId, verifyingContract: SupportRatings }, receipt, signature);
    if (!recovered || !sameAddress(recovered, signer)) {
      return refuse("signature", "This receipt's signature does not match its contents: the link was altered after the help desk signed it.");
    }
  }
  if (!agentWasActive) {
    return refuse(
      "agentNotActive",
      `${shortAddress(receipt.agent)} was not an active agent of desk #${receipt.deskId} when the ticket was opened (${formatDate(receipt.openedAt)}).`,
    );
  }
  if (!signerAuthorized) return refuse("unauthorizedSigner", `${shortAddress(signer)} may not sign receipts for desk #${receipt.deskId}.`);
  if (signature) {
    // The contract's own word on anything left.
    try {
      await simulateContract(client, { ...ratings, ...rateCall(receipt, signature, signer, 1, 0, ""), account: receipt.requester });
    } catch (error) {
      return refuse("simulation", simulationSentence(error));
    }
  }
  return result;
}

const sameAddress = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function simulationSentence(error: unknown): string {
  const reverted = error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : undefined;
  if (reverted instanceof ContractFunctionRevertedError && reverted.data?.errorName) {
    return revertSentence({ errorName: reverted.data.errorName, args: reverted.data.args ?? [] });
  }
  const reason = error instanceof BaseError ? error.shortMessage : String(error);
  return `The ratings contract refuses this receipt: ${reason}`;
}
