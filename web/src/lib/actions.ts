/**
 * One hook per contract action of these pages. Each names exactly the reads and event lists it changes,
 * so a landed transaction refreshes those and nothing else.
 */
import {
  agentRegistryAbi,
  type ReceiptLink,
  rateBySigCall,
  rateCall,
  signRatingIntent,
  supportGovernorAbi,
  supportRatingsAbi,
  supportTokenAbi,
} from "@support-quality/sdk";
import type { Address, Hex } from "viem";
import { useConfig, useSignTypedData } from "wagmi";
import { readContract } from "wagmi/actions";
import { useProtocol } from "./useProtocol";
import { type Relayer, type TxEffects, useTx } from "./useTx";

export function useReportImpersonator() {
  const tx = useTx();
  const { AgentRegistry } = useProtocol().deployment.contracts;
  return {
    ...tx,
    report: (subject: Hex, deskId: number, evidence: string) =>
      tx.send(
        { address: AgentRegistry, abi: agentRegistryAbi, functionName: "reportImpersonator", args: [subject, deskId, evidence] },
        { reads: [{ address: AgentRegistry, functions: ["statusOf", "statusOfHandle", "openReports", "reportCount"] }], events: ["ImpersonatorReported"] },
      ),
  };
}

export function useDelegate() {
  const tx = useTx();
  const { SupportToken, SupportGovernor } = useProtocol().deployment.contracts;
  return {
    ...tx,
    delegate: (to: Address) =>
      tx.send(
        { address: SupportToken, abi: supportTokenAbi, functionName: "delegate", args: [to] },
        {
          reads: [
            { address: SupportToken, functions: ["delegates", "getVotes"] },
            { address: SupportGovernor, functions: ["getVotes"] },
          ],
        },
      ),
  };
}

/** Reads a proposal's votes and state; every governor action below changes them. */
const proposalReads = ["state", "proposalVotes", "hasVoted", "proposalEta", "proposalDeadline", "proposalCount", "proposalDetailsAt"];

export function useCastVote() {
  const tx = useTx();
  const { SupportGovernor } = useProtocol().deployment.contracts;
  return {
    ...tx,
    vote: (proposalId: bigint, support: 0 | 1 | 2, reason: string) =>
      tx.send(
        { address: SupportGovernor, abi: supportGovernorAbi, functionName: "castVoteWithReason", args: [proposalId, support, reason] },
        { reads: [{ address: SupportGovernor, functions: proposalReads }], events: ["VoteCast", "VoteCastWithParams"] },
      ),
  };
}

export interface ProposalCalls {
  targets: readonly Address[];
  values: readonly bigint[];
  calldatas: readonly Hex[];
  descriptionHash: Hex;
}

export function useQueue() {
  const tx = useTx();
  const { SupportGovernor } = useProtocol().deployment.contracts;
  return {
    ...tx,
    queue: (p: ProposalCalls) =>
      tx.send(
        { address: SupportGovernor, abi: supportGovernorAbi, functionName: "queue", args: [p.targets, p.values, p.calldatas, p.descriptionHash] },
        { reads: [{ address: SupportGovernor, functions: proposalReads }], events: ["ProposalQueued"] },
      ),
  };
}

export function useExecute() {
  const tx = useTx();
  const { SupportGovernor, PolicyRegistry, AgentRegistry, SupportRatings, KnowledgeBase } = useProtocol().deployment.contracts;
  return {
    ...tx,
    // Execution may change any protocol contract the proposal calls.
    execute: (p: ProposalCalls) =>
      tx.send(
        { address: SupportGovernor, abi: supportGovernorAbi, functionName: "execute", args: [p.targets, p.values, p.calldatas, p.descriptionHash] },
        {
          reads: [
            { address: SupportGovernor },
            { address: PolicyRegistry },
            { address: AgentRegistry },
            { address: SupportRatings },
            { address: KnowledgeBase },
          ],
          events: ["ProposalExecuted", "PolicyPublished", "DeskRegistered", "AgentAdded", "ArticlePublished", "ArticleRetired"],
        },
      ),
  };
}

export function usePropose() {
  const tx = useTx();
  const { SupportGovernor } = useProtocol().deployment.contracts;
  return {
    ...tx,
    propose: (targets: Address[], values: bigint[], calldatas: Hex[], description: string) =>
      tx.send(
        { address: SupportGovernor, abi: supportGovernorAbi, functionName: "propose", args: [targets, values, calldatas, description] },
        { reads: [{ address: SupportGovernor, functions: ["proposalCount", "proposalDetailsAt"] }], events: ["ProposalCreated"] },
      ),
  };
}

/** What a rating changes: every read of the ratings contract (aggregates, the rating, nonces) and the Rated list. */
export const ratingEffects = (ratings: Address): TxEffects => ({ reads: [{ address: ratings }], events: ["Rated"] });

/** The requester rates a receipt from their own wallet. */
export function useRate(link: ReceiptLink) {
  const tx = useTx();
  const { receipt, signer, signature, contract } = link;
  return {
    ...tx,
    rate: (score: number, tags: number, comment: string) =>
      tx.send({ address: contract, abi: supportRatingsAbi, ...rateCall(receipt, signature, signer, score, tags, comment) }, ratingEffects(contract)),
  };
}

/** The requester signs a RatingIntent and `relayer` submits `rateBySig` (and pays the gas). */
export function useRateBySig(link: ReceiptLink, relayer: Relayer | undefined) {
  const tx = useTx();
  const config = useConfig();
  const { signTypedDataAsync } = useSignTypedData();
  const { receipt, signer, signature, contract, chainId } = link;
  return {
    ...tx,
    /** `deadline`: the last second (chain time) the relayer may submit the signed rating. */
    rate: (score: number, tags: number, comment: string, deadline: number) => {
      if (!relayer) throw new Error("No relayer is configured for this network.");
      return tx.relay(
        {
          relayer,
          // The same rating sent directly must simulate cleanly before the requester is asked to sign.
          precheck: { address: contract, abi: supportRatingsAbi, ...rateCall(receipt, signature, signer, score, tags, comment) },
          sign: async () => {
            const nonce = await readContract(config, { address: contract, abi: supportRatingsAbi, functionName: "nonces", args: [receipt.requester], chainId });
            const intent = { receipt, score, tags, comment, nonce, deadline };
            const requesterSignature = await signRatingIntent(signTypedDataAsync, { chainId, verifyingContract: contract }, intent);
            return {
              address: contract,
              abi: supportRatingsAbi,
              ...rateBySigCall(receipt, signature, signer, { score, tags, comment, deadline }, requesterSignature),
            };
          },
        },
        ratingEffects(contract),
      );
    },
  };
}

/** The rated agent's one public reply. */
export function useReply() {
  const tx = useTx();
  const { SupportRatings } = useProtocol().deployment.contracts;
  return {
    ...tx,
    reply: (ratingId: Hex, text: string) =>
      tx.send(
        { address: SupportRatings, abi: supportRatingsAbi, functionName: "reply", args: [ratingId, text] },
        { reads: [{ address: SupportRatings }], events: ["RatingReplied"] },
      ),
  };
}
