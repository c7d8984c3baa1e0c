/**
 * Agents' handles (AgentAdded events: the registry keeps only their hash), from the index when it is
 * healthy, else from the chain in bounded ranges. Every screen that names an agent shows its handle.
 */
import { agentRegistry_AgentAdded, displayHandle } from "@support-quality/sdk";
import { getContractEventsBounded } from "@support-quality/sdk/logs";
import { useQuery } from "@tanstack/react-query";
import type { Address, Client } from "viem";
import { useClient } from "wagmi";
import type { ProtocolDeployment } from "./contracts";
import { fromIndexOrChain } from "./indexer";
import { useProtocol } from "./useProtocol";

/** Lower-cased address → handle; `agent` narrows the read to one agent. */
export function agentHandles(client: Client, deployment: ProtocolDeployment, agent?: Address): Promise<Map<string, string>> {
  return fromIndexOrChain(
    client,
    deployment.chainId,
    async (query) => {
      const rows = agent ? await query("select id, handle from agent where id = $1", [agent.toLowerCase()]) : await query("select id, handle from agent");
      return new Map(rows.map((r) => [String(r.id).toLowerCase(), displayHandle(String(r.handle))]));
    },
    async () => {
      const logs = await getContractEventsBounded(client, {
        address: deployment.contracts.AgentRegistry,
        abi: [agentRegistry_AgentAdded],
        eventName: "AgentAdded",
        args: agent ? { agent } : undefined,
        fromBlock: deployment.deploymentBlock,
      });
      return new Map(logs.map((l) => [l.args.agent!.toLowerCase(), displayHandle(l.args.handle!)]));
    },
  );
}

/** Every agent's handle (kept a minute: handles never change once added). */
export function useAgentHandles() {
  const { chainId, deployment } = useProtocol();
  const client = useClient({ chainId });
  return useQuery({
    queryKey: ["protocol", chainId, [deployment.contracts.AgentRegistry.toLowerCase()], "handles"],
    enabled: !!client,
    staleTime: 60_000,
    queryFn: () => agentHandles(client!, deployment),
  });
}
