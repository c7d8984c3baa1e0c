/**
 * Every policy and version, rebuilt from PolicyCreated / PolicyPublished / PolicyRetired events from the
 * deployment block (the text lives only in the events).
 */

import { policyRegistryAbi } from "@support-quality/sdk";
import { useQuery } from "@tanstack/react-query";
import type { Address, Hash, Hex } from "viem";
import { getContractEvents } from "viem/actions";
import { useClient } from "wagmi";
import { useProtocol } from "./useProtocol";

export interface PolicyVersion {
  policyId: bigint;
  version: bigint;
  kind: number;
  contentHash: Hex;
  effectiveFrom: number;
  publisher: Address;
  title: string;
  text: string;
  uri: string;
  params: Hex;
  blockNumber: bigint;
  transactionHash: Hash;
}

export interface PolicyRecord {
  id: bigint;
  kind: number;
  title: string;
  retiredAt?: number;
  versions: PolicyVersion[];
}

export const POLICY_EVENTS = ["PolicyCreated", "PolicyPublished", "PolicyRetired"] as const;

export function usePolicies() {
  const { chainId, deployment } = useProtocol();
  const client = useClient({ chainId });
  const address = deployment.contracts.PolicyRegistry;
  return useQuery({
    // "events" keys are invalidated by transactions that emit one of these events (see useTx).
    queryKey: ["events", chainId, "PolicyPublished", address],
    enabled: !!client,
    staleTime: 60_000,
    queryFn: async (): Promise<PolicyRecord[]> => {
      const range = { address, abi: policyRegistryAbi, fromBlock: deployment.deploymentBlock, toBlock: "latest" } as const;
      const [created, published, retired] = await Promise.all([
        getContractEvents(client!, { ...range, eventName: "PolicyCreated" }),
        getContractEvents(client!, { ...range, eventName: "PolicyPublished" }),
        getContractEvents(client!, { ...range, eventName: "PolicyRetired" }),
      ]);
      const byId = new Map<bigint, PolicyRecord>();
      for (const e of created) {
        byId.set(e.args.policyId!, { id: e.args.policyId!, kind: Number(e.args.kind), title: e.args.title!, versions: [] });
      }
      for (const e of published) {
        const a = e.args;
        byId.get(a.policyId!)?.versions.push({
          policyId: a.policyId!,
          version: a.version!,
          kind: Number(a.kind),
          contentHash: a.contentHash!,
          effectiveFrom: Number(a.effectiveFrom),
          publisher: a.publisher!,
          title: a.content!.title,
          text: a.content!.text,
          uri: a.content!.uri,
          params: a.content!.params,
          blockNumber: e.blockNumber,
          transactionHash: e.transactionHash,
        });
      }
      for (const e of retired) {
        const p = byId.get(e.args.policyId!);
        if (p) p.retiredAt = Number(e.args.retiredAt);
      }
      for (const p of byId.values()) p.versions.sort((x, y) => Number(x.version - y.version));
      return [...byId.values()].sort((x, y) => Number(x.id - y.id));
    },
  });
}

/** The version in force at `now` (seconds): the latest one already effective, unless the policy is retired. */
export function versionInForce(policy: PolicyRecord, now: bigint | undefined): PolicyVersion | undefined {
  if (now === undefined) return policy.versions.at(-1);
  if (policy.retiredAt !== undefined && policy.retiredAt <= Number(now)) return undefined;
  return policy.versions.filter((v) => v.effectiveFrom <= Number(now)).at(-1);
}

/** The next version scheduled to take effect after `now`, if any. */
export function scheduledVersion(policy: PolicyRecord, now: bigint | undefined): PolicyVersion | undefined {
  if (now === undefined) return undefined;
  return policy.versions.find((v) => v.effectiveFrom > Number(now));
}
