/**
 * What kind of agent this is — a person, an AI assistant or a volunteer — from the registry's `agent(address).kind`
 * (or the index's agent row): shown wherever an agent is named, so a program is never taken for a person.
 */
import { AGENT_KIND_LABELS, AGENT_KIND_NAMES, type AgentKind, AgentStatus, agentRegistryAbi, label } from "@support-quality/sdk";
import type { Address } from "viem";
import { useReadContract } from "wagmi";
import { useProtocol } from "../../lib/useProtocol";

const KIND_TONE: Record<(typeof AGENT_KIND_NAMES)[number], string> = {
  Human: "badge-kind-human",
  AIAssistant: "badge-kind-ai",
  CommunityHelper: "badge-kind-community",
};

/** The kind's noun in a sentence ("an official AI assistant of …"), keyed by member name like the labels. */
export const AGENT_KIND_NOUNS: Record<(typeof AGENT_KIND_NAMES)[number], string> = {
  Human: "agent",
  AIAssistant: "AI assistant",
  CommunityHelper: "community helper",
};

export const kindName = (kind: AgentKind | number): (typeof AGENT_KIND_NAMES)[number] | undefined => AGENT_KIND_NAMES[kind];

export function AgentKindBadge({ kind }: { kind: AgentKind | number }) {
  const name = kindName(kind);
  return (
    <span className={`badge ${name ? KIND_TONE[name] : ""}`} data-testid="agent-kind" data-kind={name ?? String(kind)}>
      {label(AGENT_KIND_LABELS, kind)}
    </span>
  );
}

/** The kind of the agent at `address`, read from the registry; nothing for an address that never was an agent. */
export function AgentKindOf({ address }: { address: Address }) {
  const { chainId, deployment } = useProtocol();
  const agent = useReadContract({
    address: deployment.contracts.AgentRegistry,
    abi: agentRegistryAbi,
    chainId,
    functionName: "agent",
    args: [address],
    query: { staleTime: 300_000 },
  });
  if (!agent.data || agent.data.status === AgentStatus.None) return null;
  return <AgentKindBadge kind={agent.data.kind} />;
}
