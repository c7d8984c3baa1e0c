/**
 * Who proposed each proposal and its description (the governor keeps only the description's hash): the
 * index's proposal table, or ProposalCreated events read in bounded ranges.
 */
import { supportGovernor_ProposalCreated } from "@support-quality/sdk";
import { getContractEventsBounded } from "@support-quality/sdk/logs";
import { type Address, type Client, getAddress } from "viem";
import type { ProtocolDeployment } from "./contracts";
import { fromIndexOrChain } from "./indexer";

export interface ProposalText {
  proposer: Address;
  description: string;
  /** The block of its ProposalCreated event, when read from the chain (where a chain read of its votes starts). */
  createdBlock?: bigint;
}

export function proposalTexts(client: Client, deployment: ProtocolDeployment): Promise<Map<bigint, ProposalText>> {
  return fromIndexOrChain(
    client,
    deployment.chainId,
    async (query) => {
      const rows = await query("select id, proposer, description from proposal");
      return new Map(rows.map((r) => [BigInt(String(r.id)), { proposer: getAddress(String(r.proposer)), description: String(r.description) }]));
    },
    async () => {
      const created = await getContractEventsBounded(client, {
        address: deployment.contracts.SupportGovernor,
        abi: [supportGovernor_ProposalCreated],
        eventName: "ProposalCreated",
        fromBlock: deployment.deploymentBlock,
      });
      return new Map(created.map((e) => [e.args.proposalId, { proposer: e.args.proposer, description: e.args.description, createdBlock: e.blockNumber }]));
    },
  );
}
