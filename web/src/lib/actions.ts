/**
 * One hook per contract action of these pages. Each names exactly the reads and event lists it changes,
 * so a landed transaction refreshes those and nothing else.
 */
import type { Address, Hex } from "viem";
import { agentRegistryAbi, supportGovernorAbi, supportTokenAbi } from "./contracts";
import { useProtocol } from "./useProtocol";
import { useTx } from "./useTx";

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
        { reads: [{ address: SupportToken, functions: ["delegates", "getVotes"] }, { address: SupportGovernor, functions: ["getVotes"] }] },
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
        { reads: [{ address: SupportGovernor, functions: proposalReads }], events: ["VoteCast"] },
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
  const { SupportGovernor, PolicyRegistry, AgentRegistry, SupportRatings } = useProtocol().deployment.contracts;
  return {
    ...tx,
    // Execution may change any protocol contract the proposal calls.
    execute: (p: ProposalCalls) =>
      tx.send(
        { address: SupportGovernor, abi: supportGovernorAbi, functionName: "execute", args: [p.targets, p.values, p.calldatas, p.descriptionHash] },
        {
          reads: [{ address: SupportGovernor }, { address: PolicyRegistry }, { address: AgentRegistry }, { address: SupportRatings }],
          events: ["ProposalExecuted", "PolicyPublished", "DeskRegistered", "AgentAdded"],
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
