/**
 * Everything the rate page must know about a link before anything is sent: is it for this protocol, is
 * its signature intact, who helped, has the ticket been rated, what rules and SLA verdict apply, and —
 * the contract's own word — does `rate` simulate cleanly from the requester's address.
 */
import { useQuery } from "@tanstack/react-query";
import { type PublicClient, recoverTypedDataAddress } from "viem";
import { usePublicClient } from "wagmi";
import { RECEIPT_TYPES, ratingsDomain } from "../../../../receipts/eip712";
import type { ReceiptLink } from "../../../../receipts/link";
import { agentRegistryAbi, deploymentOn, supportRatingsAbi } from "../../lib/contracts";
import { errorMessage } from "../../lib/errors";
import { shortAddress } from "../../lib/format";

export interface ReceiptFacts {
  /** A sentence when the receipt cannot be rated, from our checks or the contract's simulation. */
  blocker?: string;
  alreadyRated: boolean;
  agentHandle: string;
  agentStanding: number;
  deskName: string;
  now: number;
}

/** Where a link points, or why it points nowhere this app can go. */
export function linkTarget(link: ReceiptLink): { problem?: string } {
  const deployment = deploymentOn(link.chainId);
  if (!deployment) {
    return { problem: `This rating link is for a network this app does not serve (chain ${link.chainId}); it cannot be rated here.` };
  }
  if (deployment.contracts.SupportRatings.toLowerCase() !== link.contract.toLowerCase()) {
    return {
      problem: `This rating link was made for another ratings contract (${shortAddress(link.contract)}), not this protocol's; it cannot be rated here.`,
    };
  }
  return {};
}

export function useReceiptCheck(link: ReceiptLink | undefined) {
  const deployment = link ? deploymentOn(link.chainId) : undefined;
  const client = usePublicClient({ chainId: link?.chainId }) as PublicClient | undefined;
  const contracts = deployment?.contracts;
  return useQuery({
    queryKey: [
      "protocol",
      "receipt-check",
      contracts ? [contracts.SupportRatings.toLowerCase(), contracts.AgentRegistry.toLowerCase()] : [],
      link?.signature,
    ],
    enabled: !!link && !!client && !!contracts && !linkTarget(link).problem,
    queryFn: async (): Promise<ReceiptFacts> => {
      const { receipt, signer, signature } = link!;
      const c = contracts!;
      const ratingsRead = { address: c.SupportRatings, abi: supportRatingsAbi } as const;
      const registryRead = { address: c.AgentRegistry, abi: agentRegistryAbi } as const;
      const [block, ratingId, agent, standing, desk, handleLogs, signerCode] = await Promise.all([
        client!.getBlock(),
        client!.readContract({ ...ratingsRead, functionName: "ratingIdOf", args: [receipt.deskId, receipt.ticketId] }),
        client!.readContract({ ...registryRead, functionName: "agent", args: [receipt.agent] }),
        client!.readContract({ ...registryRead, functionName: "statusOf", args: [receipt.agent] }),
        client!.readContract({ ...registryRead, functionName: "desk", args: [receipt.deskId] }).catch(() => undefined),
        client!.getContractEvents({ ...registryRead, eventName: "AgentAdded", args: { agent: receipt.agent }, fromBlock: deployment!.deploymentBlock }),
        client!.getCode({ address: signer }),
      ]);
      const alreadyRated = await client!
        .readContract({ ...ratingsRead, functionName: "rating", args: [ratingId] })
        .then(() => true, () => false);
      const facts: ReceiptFacts = {
        alreadyRated,
        agentHandle: handleLogs[0]?.args.handle ?? "",
        agentStanding: standing,
        deskName: desk?.name ?? `desk #${receipt.deskId}`,
        now: Number(block.timestamp),
      };
      if (alreadyRated) {
        return { ...facts, blocker: `This ticket has already been rated: a receipt can be used once. (Ticket ${receipt.ticketId} of ${facts.deskName}.)` };
      }
      // An EOA signature is checked here; a smart-wallet (ERC-1271) signer is left to the contract's simulation.
      if (!signerCode || signerCode === "0x") {
        const recovered = await recoverTypedDataAddress({
          domain: ratingsDomain(link!.chainId, link!.contract),
          types: RECEIPT_TYPES,
          primaryType: "Receipt",
          message: receipt,
          signature,
        }).catch(() => undefined);
        if (recovered?.toLowerCase() !== signer.toLowerCase()) {
          return { ...facts, blocker: "This receipt's signature does not match its contents: the link was altered after the help desk signed it." };
        }
      }
      if (agent.status === 0) {
        return { ...facts, blocker: `${shortAddress(receipt.agent)} is not an agent of any desk: this receipt is not from an official help desk.` };
      }
      // The contract's verdict on everything else (signer rights, agent active then, times, window…).
      try {
        await client!.simulateContract({
          ...ratingsRead,
          functionName: "rate",
          args: [receipt, signer, signature, 1, 0, ""],
          account: receipt.requester,
        });
      } catch (error) {
        return { ...facts, blocker: errorMessage(error) };
      }
      return facts;
    },
  });
}
