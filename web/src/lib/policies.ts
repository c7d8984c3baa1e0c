/**
 * Every policy and version, rebuilt from PolicyCreated / PolicyPublished / PolicyRetired events from the
 * deployment block (the text lives only in the events).
 */

import { policyRegistry_PolicyCreated, policyRegistry_PolicyPublished, policyRegistry_PolicyRetired } from "@support-quality/sdk";
import { getContractEventsBounded } from "@support-quality/sdk/logs";
import { useQuery } from "@tanstack/react-query";
import type { Address, Hash, Hex } from "viem";
import { useClient } from "wagmi";
import { fromIndexOrChain, type IndexQuery } from "./indexer";
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

/** Those events' ABI items: every page reads policies (the Overview first), so it ships these, not the registry's ABI. */
const policyEvents = [policyRegistry_PolicyCreated, policyRegistry_PolicyPublished, policyRegistry_PolicyRetired] as const;

export function usePolicies() {
  const { chainId, deployment } = useProtocol();
  const client = useClient({ chainId });
  const address = deployment.contracts.PolicyRegistry;
  return useQuery({
    // "events" keys are invalidated by transactions that emit one of these events (see useTx).
    queryKey: ["events", chainId, "PolicyPublished", address],
    enabled: !!client,
    staleTime: 60_000,
    queryFn: (): Promise<PolicyRecord[]> => fromIndexOrChain(client!, chainId, policiesFromIndex, () => policiesFromChain()),
  });

  async function policiesFromChain(): Promise<PolicyRecord[]> {
    const range = { address, abi: policyEvents, fromBlock: deployment.deploymentBlock } as const;
    const [created, published, retired] = await Promise.all([
      getContractEventsBounded(client!, { ...range, eventName: "PolicyCreated" }),
      getContractEventsBounded(client!, { ...range, eventName: "PolicyPublished" }),
      getContractEventsBounded(client!, { ...range, eventName: "PolicyRetired" }),
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
  }
}

/** The same records from the index's policy and policy_version tables. */
async function policiesFromIndex(query: IndexQuery): Promise<PolicyRecord[]> {
  const [policies, versions] = await Promise.all([
    query("select id, kind, title, retired_at from policy order by id"),
    query("select policy_id, version, kind, content_hash, effective_from, publisher, content, block, tx from policy_version order by policy_id, version"),
  ]);
  const byId = new Map<number, PolicyRecord>(
    policies.map((p) => [
      Number(p.id),
      {
        id: BigInt(String(p.id)),
        kind: Number(p.kind),
        title: String(p.title),
        versions: [],
        ...(p.retired_at == null ? {} : { retiredAt: Number(p.retired_at) }),
      },
    ]),
  );
  for (const v of versions) {
    const content = v.content as { title: string; text: string; uri: string; params: Hex };
    byId.get(Number(v.policy_id))?.versions.push({
      policyId: BigInt(String(v.policy_id)),
      version: BigInt(String(v.version)),
      kind: Number(v.kind),
      contentHash: v.content_hash as Hex,
      effectiveFrom: Number(v.effective_from),
      publisher: v.publisher as Address,
      title: content.title,
      text: content.text,
      uri: content.uri,
      params: content.params,
      blockNumber: BigInt(String(v.block)),
      transactionHash: v.tx as Hash,
    });
  }
  return [...byId.values()];
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
