/** Every proposal (GovernorStorage) with its state, times, tallies and quorum, plus descriptions from events. */

import {
  supportGovernor_ProposalCreated,
  supportGovernor_proposalCount,
  supportGovernor_proposalDeadline,
  supportGovernor_proposalDetailsAt,
  supportGovernor_proposalEta,
  supportGovernor_proposalIsCritical,
  supportGovernor_proposalQuorumNumerator,
  supportGovernor_proposalSnapshot,
  supportGovernor_proposalVotes,
  supportGovernor_quorumDenominator,
  supportGovernor_state,
} from "@support-quality/sdk";
import { useQuery } from "@tanstack/react-query";
import { type Address, type Hex, type Log, parseEventLogs } from "viem";
import { readContract } from "viem/actions";
import { useClient } from "wagmi";
import { proposalTexts } from "../../lib/proposalTexts";
import { useProtocol } from "../../lib/useProtocol";

/**
 * The governor reads of the proposal list (on the Overview's first load): built from single ABI items, so the
 * bundle carries these rather than the whole governor ABI.
 */
const governorReads = [
  supportGovernor_proposalCount,
  supportGovernor_quorumDenominator,
  supportGovernor_proposalDetailsAt,
  supportGovernor_state,
  supportGovernor_proposalSnapshot,
  supportGovernor_proposalDeadline,
  supportGovernor_proposalEta,
  supportGovernor_proposalVotes,
  supportGovernor_proposalIsCritical,
  supportGovernor_proposalQuorumNumerator,
] as const;

export interface Proposal {
  id: bigint;
  proposer?: Address;
  description: string;
  title: string;
  targets: readonly Address[];
  values: readonly bigint[];
  calldatas: readonly Hex[];
  descriptionHash: Hex;
  state: number;
  snapshot: bigint;
  deadline: bigint;
  eta: bigint;
  against: bigint;
  for: bigint;
  abstain: bigint;
  critical: boolean;
  quorumNumerator: bigint;
  /** The block of its ProposalCreated event: where its votes start. */
  createdBlock?: bigint;
}

export function proposalTitle(description: string): string {
  const first = description.split("\n").find((l) => l.trim() !== "") ?? "";
  return first.replace(/^#+\s*/, "").trim() || "(untitled proposal)";
}

export function useProposals() {
  const { chainId, deployment } = useProtocol();
  const client = useClient({ chainId });
  const governor = deployment.contracts.SupportGovernor;
  return useQuery({
    // "protocol" keys list the contracts they read, so a governor transaction refreshes them (see useTx).
    queryKey: ["protocol", chainId, [governor.toLowerCase()], "proposals"],
    enabled: !!client,
    staleTime: 30_000,
    queryFn: async (): Promise<{ proposals: Proposal[]; quorumDenominator: bigint }> => {
      const g = { address: governor, abi: governorReads } as const;
      const [count, quorumDenominator, byId] = await Promise.all([
        readContract(client!, { ...g, functionName: "proposalCount" }),
        readContract(client!, { ...g, functionName: "quorumDenominator" }),
        proposalTexts(client!, deployment),
      ]);
      const proposals = await Promise.all(
        Array.from({ length: Number(count) }, async (_, index) => {
          const [id, targets, values, calldatas, descriptionHash] = await readContract(client!, {
            ...g,
            functionName: "proposalDetailsAt",
            args: [BigInt(index)],
          });
          const [state, snapshot, deadline, eta, votes, critical, quorumNumerator] = await Promise.all([
            readContract(client!, { ...g, functionName: "state", args: [id] }),
            readContract(client!, { ...g, functionName: "proposalSnapshot", args: [id] }),
            readContract(client!, { ...g, functionName: "proposalDeadline", args: [id] }),
            readContract(client!, { ...g, functionName: "proposalEta", args: [id] }),
            readContract(client!, { ...g, functionName: "proposalVotes", args: [id] }),
            readContract(client!, { ...g, functionName: "proposalIsCritical", args: [id] }),
            readContract(client!, { ...g, functionName: "proposalQuorumNumerator", args: [id] }),
          ]);
          const event = byId.get(id);
          const description = event?.description ?? "";
          return {
            id,
            proposer: event?.proposer,
            description,
            title: proposalTitle(description),
            targets,
            values,
            calldatas,
            descriptionHash,
            state: Number(state),
            snapshot,
            deadline,
            eta,
            against: votes[0],
            for: votes[1],
            abstain: votes[2],
            critical,
            quorumNumerator,
            createdBlock: event?.createdBlock,
          } satisfies Proposal;
        }),
      );
      return { proposals: proposals.reverse(), quorumDenominator };
    },
  });
}

/** The id of the proposal a `propose` transaction created (from its ProposalCreated log), if it did. */
export function createdProposalId(receipt: { logs: Log[] } | undefined): bigint | undefined {
  if (!receipt) return undefined;
  return parseEventLogs({ abi: [supportGovernor_ProposalCreated], logs: receipt.logs, eventName: "ProposalCreated" })[0]?.args.proposalId;
}
