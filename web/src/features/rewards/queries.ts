/**
 * The reward epochs and what each helper earned, recomputed here from the ratings with the SDK's one formula
 * (`computeRewards`, the same as the publishing proposal and `npm run audit`). The events come as audit
 * timeline rows: from the index's timeline table when it is healthy, else from the chain in bounded ranges —
 * only the epochs, then each epoch's desk and window of ratings and voids.
 */
import { communityRewardsAbi, supportRatingsAbi } from "@support-quality/sdk";
import { type ContractName, type JsonValue, type TimelineRow, toJson } from "@support-quality/sdk/audit";
import { getContractEventsBounded } from "@support-quality/sdk/logs";
import { type ComputedRewards, computeRewards, type RewardEpoch, rewardEpochs } from "@support-quality/sdk/rewards";
import { useQuery } from "@tanstack/react-query";
import type { Client, Hex } from "viem";
import { getBlock } from "viem/actions";
import { useClient } from "wagmi";
import type { ProtocolDeployment } from "../../lib/contracts";
import { fromIndexOrChain, type IndexQuery } from "../../lib/indexer";
import { useProtocol } from "../../lib/useProtocol";

export interface EpochRewards extends RewardEpoch {
  computed: ComputedRewards;
}

const COLUMNS = "block, log_index, time, tx, contract, event, args";

function rowFromIndex(r: Record<string, unknown>): TimelineRow {
  return {
    block: Number(r.block),
    logIndex: Number(r.log_index),
    time: Number(r.time),
    tx: r.tx as Hex,
    contract: String(r.contract) as ContractName,
    event: String(r.event),
    args: (typeof r.args === "string" ? JSON.parse(r.args) : r.args) as Record<string, JsonValue>,
  };
}

/** A decoded log as a timeline row. */
function rowFromLog(
  contract: ContractName,
  log: { blockNumber: bigint; logIndex: number; transactionHash: Hex; eventName: string; args: unknown },
  time: number,
): TimelineRow {
  return {
    block: Number(log.blockNumber),
    logIndex: log.logIndex,
    time,
    tx: log.transactionHash,
    contract,
    event: log.eventName,
    args: toJson(log.args) as Record<string, JsonValue>,
  };
}

async function epochsFromIndex(query: IndexQuery): Promise<EpochRewards[]> {
  const published = rewardEpochs(
    (await query(`select ${COLUMNS} from timeline where contract = 'CommunityRewards' and event = 'EpochPublished' order by block, log_index`)).map(
      rowFromIndex,
    ),
  );
  if (published.length === 0) return [];
  // One read covers every epoch's window (the contract keeps fromBlock ≤ toBlock ≤ asOfBlock): the formula
  // ignores ratings outside its own desk and blocks.
  const from = Math.min(...published.map((e) => Number(e.formula.fromBlock)));
  const to = Math.max(...published.map((e) => Number(e.formula.asOfBlock)));
  const rows = (
    await query(
      `select ${COLUMNS} from timeline where contract = 'SupportRatings' and event in ('Rated', 'RatingVoided') and block >= $1 and block <= $2 order by block, log_index`,
      [from, to],
    )
  ).map(rowFromIndex);
  return published.map((epoch) => ({ ...epoch, computed: computeRewards(rows, epoch.formula, epoch.budget) }));
}

async function epochsFromChain(client: Client, deployment: ProtocolDeployment): Promise<EpochRewards[]> {
  const logs = await getContractEventsBounded(client, {
    address: deployment.contracts.CommunityRewards,
    abi: communityRewardsAbi,
    eventName: "EpochPublished",
    fromBlock: deployment.deploymentBlock,
  });
  const times = new Map(
    await Promise.all(
      [...new Set(logs.map((l) => l.blockNumber))].map(async (b) => [b, Number((await getBlock(client, { blockNumber: b })).timestamp)] as const),
    ),
  );
  const published = rewardEpochs(logs.map((l) => rowFromLog("CommunityRewards", l, times.get(l.blockNumber) ?? 0)));
  const ratings = { address: deployment.contracts.SupportRatings, abi: supportRatingsAbi } as const;
  return Promise.all(
    published.map(async (epoch) => {
      const { deskId, fromBlock, toBlock, asOfBlock } = epoch.formula;
      const [rated, voided] = await Promise.all([
        getContractEventsBounded(client, { ...ratings, eventName: "Rated", args: { deskId }, fromBlock, toBlock }),
        getContractEventsBounded(client, { ...ratings, eventName: "RatingVoided", args: { deskId }, fromBlock, toBlock: asOfBlock }),
      ]);
      // The formula reads blocks, never times: these rows go without the block-time reads.
      const rows = [...rated, ...voided].map((l) => rowFromLog("SupportRatings", l, 0));
      return { ...epoch, computed: computeRewards(rows, epoch.formula, epoch.budget) };
    }),
  );
}

/**
 * Every published epoch, oldest first, with its rewards recomputed. Keyed on the events it is built from, so a
 * proposal's execution (which publishes epochs) or a void refreshes it, and a claim does not.
 */
export function useRewardEpochs() {
  const { chainId, deployment } = useProtocol();
  const client = useClient({ chainId });
  const { CommunityRewards, SupportRatings } = deployment.contracts;
  return useQuery({
    queryKey: ["events", chainId, ["EpochPublished", "Rated", "RatingVoided", "ProposalExecuted"], CommunityRewards, SupportRatings],
    enabled: !!client && !!CommunityRewards,
    staleTime: 60_000,
    queryFn: () => fromIndexOrChain(client!, chainId, epochsFromIndex, () => epochsFromChain(client!, deployment)),
  });
}
