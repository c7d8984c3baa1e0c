/**
 * The newest ratings for the Overview: the index's rating table, or the newest Rated events read backwards
 * from the chain head in bounded ranges (never the whole history).
 */
import { supportRatings_Rated } from "@support-quality/sdk";
import { getLatestContractEvents } from "@support-quality/sdk/logs";
import { type Address, type Client, getAddress, type Hex } from "viem";
import type { ProtocolDeployment } from "./contracts";
import { fromIndexOrChain } from "./indexer";

export interface RecentRating {
  key: string;
  ratingId: Hex;
  deskId: number;
  agent: Address;
  score: number;
  verdict: number;
  comment: string;
}

export function recentRatings(client: Client, deployment: ProtocolDeployment, count: number): Promise<RecentRating[]> {
  return fromIndexOrChain(
    client,
    deployment.chainId,
    async (query) =>
      (await query("select id, desk_id, agent, score, verdict, comment from rating order by block desc, log_index desc limit $1", [count])).map((r) => ({
        key: String(r.id),
        ratingId: r.id as Hex,
        deskId: Number(r.desk_id),
        agent: getAddress(String(r.agent)),
        score: Number(r.score),
        verdict: Number(r.verdict),
        comment: String(r.comment),
      })),
    async () =>
      (
        await getLatestContractEvents(
          client,
          { address: deployment.contracts.SupportRatings, abi: [supportRatings_Rated], eventName: "Rated", fromBlock: deployment.deploymentBlock },
          count,
        )
      ).map((e) => ({ key: e.args.ratingId, ...e.args })),
  );
}
