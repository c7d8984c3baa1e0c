/**
 * Agents' credentials (AgentCredentials): each grant with its level, expiry and examiner, and whether it is in
 * force now — `isValid`, the contract's own word; the levels the DAO defined; and, for a profile's history, the
 * evidence and revocation reasons that live only in events (from the index, else bounded chain reads). Query keys
 * start with "protocol" and name the credentials contract, so a grant or a revocation refreshes exactly these.
 */
import { agentCredentialsAbi } from "@support-quality/sdk";
import { getContractEventsBounded } from "@support-quality/sdk/logs";
import { useQuery } from "@tanstack/react-query";
import { type Address, type Client, getAddress } from "viem";
import { readContract } from "viem/actions";
import { useClient } from "wagmi";
import type { ProtocolDeployment } from "../../lib/contracts";
import { fromIndexOrChain } from "../../lib/indexer";
import { useProtocol } from "../../lib/useProtocol";

/** In force; past its expiry; or revoked by an examiner or the DAO (revocation wins when both). */
export type CredentialState = "valid" | "expired" | "revoked";

export interface CredentialEntry {
  tokenId: bigint;
  levelId: number;
  levelName: string;
  agent: Address;
  grantedAt: number;
  expiresAt: number;
  examiner: Address;
  revokedAt: number;
  state: CredentialState;
}

export interface LevelEntry {
  levelId: number;
  name: string;
  description: string;
  /** Seconds a grant lasts. */
  validity: number;
  retiredAt: number;
}

/** What only the events say about a credential: where its evidence is, and why it was revoked. */
export interface CredentialRecord {
  evidence: string;
  revokedBy?: Address;
  revokeReason?: string;
}

function credentialsKey(deployment: ProtocolDeployment, name: string, ...rest: unknown[]) {
  return ["protocol", name, [deployment.contracts.AgentCredentials.toLowerCase()], deployment.chainId, ...rest];
}

function useCredentialsClient() {
  const { chainId, deployment } = useProtocol();
  const client = useClient({ chainId });
  // A deployment from before credentials existed has no such contract: there is then nothing to read.
  return { client, deployment, ready: !!client && !!deployment.contracts.AgentCredentials };
}

async function readLevel(client: Client, deployment: ProtocolDeployment, levelId: number): Promise<LevelEntry> {
  const level = await readContract(client, {
    address: deployment.contracts.AgentCredentials,
    abi: agentCredentialsAbi,
    functionName: "level",
    args: [levelId],
  });
  return { levelId, name: level.name, description: level.description, validity: level.validity, retiredAt: level.retiredAt };
}

/** Every credential ever granted to `agent`, oldest first, with its level's name and its state now. */
export async function readCredentials(client: Client, deployment: ProtocolDeployment, agent: Address): Promise<CredentialEntry[]> {
  const base = { address: deployment.contracts.AgentCredentials, abi: agentCredentialsAbi } as const;
  const ids = await readContract(client, { ...base, functionName: "credentialsOf", args: [agent] });
  const grants = await Promise.all(
    ids.map(async (tokenId) => {
      const [credential, valid] = await Promise.all([
        readContract(client, { ...base, functionName: "credential", args: [tokenId] }),
        readContract(client, { ...base, functionName: "isValid", args: [tokenId] }),
      ]);
      return { tokenId, credential, valid };
    }),
  );
  const levelIds = [...new Set(grants.map((g) => g.credential.levelId))];
  const levels = new Map(await Promise.all(levelIds.map(async (id) => [id, await readLevel(client, deployment, id)] as const)));
  return grants.map(({ tokenId, credential: c, valid }) => ({
    tokenId,
    levelId: c.levelId,
    levelName: levels.get(c.levelId)?.name ?? `Level #${c.levelId}`,
    agent: c.agent,
    grantedAt: c.grantedAt,
    expiresAt: c.expiresAt,
    examiner: c.examiner,
    revokedAt: c.revokedAt,
    state: valid ? "valid" : c.revokedAt !== 0 ? "revoked" : "expired",
  }));
}

/** The credentials of one agent (every grant; `state` says which are in force). */
export function useCredentials(agent: Address | undefined) {
  const { client, deployment, ready } = useCredentialsClient();
  return useQuery({
    queryKey: credentialsKey(deployment, "credentials", agent?.toLowerCase()),
    enabled: ready && !!agent,
    staleTime: 30_000,
    queryFn: () => readCredentials(client!, deployment, agent!),
  });
}

/** The credentials of several agents (a desk's), by lower-cased address. */
export function useCredentialsOfAgents(agents: readonly Address[]) {
  const { client, deployment, ready } = useCredentialsClient();
  const keys = agents.map((a) => a.toLowerCase()).sort();
  return useQuery({
    queryKey: credentialsKey(deployment, "credentials-of", keys),
    enabled: ready && agents.length > 0,
    staleTime: 30_000,
    queryFn: async () => new Map(await Promise.all(keys.map(async (a) => [a, await readCredentials(client!, deployment, a as Address)] as const))),
  });
}

/** Every level the DAO defined, by id. */
export function useCredentialLevels() {
  const { client, deployment, ready } = useCredentialsClient();
  return useQuery({
    queryKey: credentialsKey(deployment, "credential-levels"),
    enabled: ready,
    staleTime: 300_000,
    queryFn: async (): Promise<LevelEntry[]> => {
      const count = await readContract(client!, { address: deployment.contracts.AgentCredentials, abi: agentCredentialsAbi, functionName: "levelCount" });
      return Promise.all(Array.from({ length: count }, (_, i) => readLevel(client!, deployment, i + 1)));
    },
  });
}

/** Evidence and revocations of `agent`'s credentials, by token id (decimal string). */
export function useCredentialRecords(agent: Address | undefined) {
  const { client, deployment, ready } = useCredentialsClient();
  return useQuery({
    queryKey: credentialsKey(deployment, "credential-records", agent?.toLowerCase()),
    enabled: ready && !!agent,
    staleTime: 30_000,
    queryFn: () =>
      fromIndexOrChain(
        client!,
        deployment.chainId,
        async (query) => {
          const rows = await query(
            "select event, args from timeline where contract = 'AgentCredentials' and event in ('CredentialGranted', 'CredentialRevoked') and lower(args->>'agent') = $1 order by block, log_index",
            [agent!.toLowerCase()],
          );
          const records = new Map<string, CredentialRecord>();
          for (const row of rows) {
            const args = (typeof row.args === "string" ? JSON.parse(row.args) : row.args) as Record<string, string>;
            const id = String(args.tokenId);
            if (row.event === "CredentialGranted") records.set(id, { ...records.get(id), evidence: String(args.evidence) });
            else records.set(id, { evidence: "", ...records.get(id), revokedBy: getAddress(String(args.by)), revokeReason: String(args.reason) });
          }
          return records;
        },
        async () => {
          const range = {
            address: deployment.contracts.AgentCredentials,
            abi: agentCredentialsAbi,
            args: { agent: agent! },
            fromBlock: deployment.deploymentBlock,
          };
          const [granted, revoked] = await Promise.all([
            getContractEventsBounded(client!, { ...range, eventName: "CredentialGranted" }),
            getContractEventsBounded(client!, { ...range, eventName: "CredentialRevoked" }),
          ]);
          const records = new Map<string, CredentialRecord>(granted.map((l) => [String(l.args.tokenId), { evidence: l.args.evidence! }]));
          for (const l of revoked) {
            const id = String(l.args.tokenId);
            records.set(id, { evidence: "", ...records.get(id), revokedBy: l.args.by!, revokeReason: l.args.reason! });
          }
          return records;
        },
      ),
  });
}
