/**
 * Everything the rate page must know about a link before anything is sent: is it for this protocol, is
 * its signature intact, who helped, has the ticket been rated, what rules and SLA verdict apply, and —
 * the contract's own word — does `rate` simulate cleanly from the requester's address.
 */

import { agentRegistryAbi, checkReceipt, displayHandle, type Judgement, type ReceiptLink, shortAddress } from "@support-quality/sdk";
import { getContractEventsBounded } from "@support-quality/sdk/logs";
import { useQuery } from "@tanstack/react-query";
import { usePublicClient } from "wagmi";
import { deploymentOn } from "../../lib/contracts";

export interface ReceiptFacts {
  /** A sentence when the receipt cannot be rated, from our checks or the contract's simulation. */
  blocker?: string;
  alreadyRated: boolean;
  agentHandle: string;
  agentStanding: number;
  /** AgentKind: a human agent, an AI assistant or a community helper. */
  agentKind: number;
  deskName: string;
  now: number;
  /** The SLA verdict and rating window the contract would compute (with the desk's business-hours calendar). */
  judgement: Judgement;
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
  const client = usePublicClient({ chainId: link?.chainId });
  const contracts = deployment?.contracts;
  return useQuery({
    queryKey: ["protocol", "receipt-check", contracts ? [contracts.SupportRatings.toLowerCase(), contracts.AgentRegistry.toLowerCase()] : [], link?.signature],
    enabled: !!link && !!client && !!contracts && !linkTarget(link).problem,
    queryFn: async (): Promise<ReceiptFacts> => {
      const { receipt, signer, signature, chainId } = link!;
      const c = contracts!;
      const registryRead = { address: c.AgentRegistry, abi: agentRegistryAbi } as const;
      // What the requester is shown, and the SDK's one pre-flight check (the CLI and the desk console run it too).
      const [standing, agent, desk, handleLogs, check] = await Promise.all([
        client!.readContract({ ...registryRead, functionName: "statusOf", args: [receipt.agent] }),
        client!.readContract({ ...registryRead, functionName: "agent", args: [receipt.agent] }),
        client!.readContract({ ...registryRead, functionName: "desk", args: [receipt.deskId] }).catch(() => undefined),
        getContractEventsBounded(client!, { ...registryRead, eventName: "AgentAdded", args: { agent: receipt.agent }, fromBlock: deployment!.deploymentBlock }),
        checkReceipt(client!, { deployment: { chainId, contracts: c }, receipt, signer, signature }),
      ]);
      return {
        blocker: check.problem?.message,
        alreadyRated: check.alreadyRated,
        agentHandle: displayHandle(handleLogs[0]?.args.handle ?? ""),
        agentStanding: standing,
        agentKind: agent.kind,
        deskName: desk?.name ?? `desk #${receipt.deskId}`,
        now: check.now,
        judgement: check.judgement,
      };
    },
  });
}
