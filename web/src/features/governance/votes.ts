/**
 * The votes of one proposal (VoteCast and VoteCastWithParams), with their weights and reasons: from the
 * index's vote table when it is current, else read from the chain in windows of at most 5,000 blocks from
 * the block that created the proposal, stopping past its deadline — never one unbounded eth_getLogs.
 */
import { supportGovernorAbi } from "@support-quality/sdk";
import { useQuery } from "@tanstack/react-query";
import { type Address, getAddress, type Hash } from "viem";
import { getBlock, getBlockNumber, getContractEvents } from "viem/actions";
import { useClient } from "wagmi";
import { fromIndexOrChain } from "../../lib/indexer";
import { useProtocol } from "../../lib/useProtocol";
import type { Proposal } from "./proposals";

export const VOTE_WINDOW_BLOCKS = 5_000n;

export interface CastVote {
  voter: Address;
  support: number;
  weight: bigint;
  reason: string;
  blockNumber: bigint;
  transactionHash: Hash;
}

export function useVotes(p: Proposal | undefined) {
  const { chainId, deployment } = useProtocol();
  const client = useClient({ chainId });
  const governor = deployment.contracts.SupportGovernor;
  return useQuery({
    // "events" keys are refreshed by transactions that emit the event (see useTx).
    queryKey: ["events", chainId, "VoteCast", governor, String(p?.id)],
    enabled: !!client && !!p,
    staleTime: 30_000,
    // While voting is open, new votes (also other people's, also relayed ones) show within seconds.
    refetchInterval: p?.state === 1 ? 4_000 : false,
    queryFn: async (): Promise<CastVote[]> => {
      if (!p) return [];
      const votes = await fromIndexOrChain(
        client!,
        chainId,
        async (query) =>
          (await query("select voter, support, weight, reason, block, tx from vote where proposal_id = $1", [String(p.id)])).map((r) => ({
            voter: getAddress(String(r.voter)),
            support: Number(r.support),
            weight: BigInt(String(r.weight)),
            reason: String(r.reason ?? ""),
            blockNumber: BigInt(String(r.block)),
            transactionHash: String(r.tx) as Hash,
          })),
        () => votesFromChain(p),
      );
      return votes.sort((a, b) => (b.weight > a.weight ? 1 : b.weight < a.weight ? -1 : 0));
    },
  });

  async function votesFromChain(p: Proposal): Promise<CastVote[]> {
    const latest = await getBlockNumber(client!, { cacheTime: 0 });
    const votes: CastVote[] = [];
    for (let from = p.createdBlock ?? deployment.deploymentBlock; from <= latest; from += VOTE_WINDOW_BLOCKS) {
      const to = from + VOTE_WINDOW_BLOCKS - 1n < latest ? from + VOTE_WINDOW_BLOCKS - 1n : latest;
      const range = { address: governor, abi: supportGovernorAbi, fromBlock: from, toBlock: to } as const;
      const [plain, withParams] = await Promise.all([
        getContractEvents(client!, { ...range, eventName: "VoteCast" }),
        getContractEvents(client!, { ...range, eventName: "VoteCastWithParams" }),
      ]);
      for (const e of [...plain, ...withParams]) {
        if (e.args.proposalId !== p.id) continue;
        votes.push({
          voter: e.args.voter!,
          support: Number(e.args.support),
          weight: e.args.weight!,
          reason: e.args.reason ?? "",
          blockNumber: e.blockNumber,
          transactionHash: e.transactionHash,
        });
      }
      // No vote can come after the deadline: stop at the first window that ends past it.
      if (to < latest && (await getBlock(client!, { blockNumber: to })).timestamp > p.deadline) break;
    }
    return votes;
  }
}
