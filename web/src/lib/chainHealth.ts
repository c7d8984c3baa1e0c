/**
 * Whether the chain node answers: one small poll of `eth_blockNumber` shared by the header badge and the
 * connection banner, so a node that is down is said once, in one place, instead of in every section.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useClient } from "wagmi";
import { useProtocol } from "./useProtocol";

export type ChainState = "checking" | "online" | "offline";

/** Seconds between two checks while the node answers, and while it does not. */
export const HEALTH_INTERVAL_MS = 10_000;
export const OFFLINE_INTERVAL_MS = 3_000;

export function useChainHealth(): ChainState {
  const { chainId } = useProtocol();
  const client = useClient({ chainId });
  const queryClient = useQueryClient();
  const health = useQuery({
    queryKey: ["chain-health", chainId],
    enabled: !!client,
    retry: false,
    refetchOnWindowFocus: true,
    refetchInterval: (query) => (query.state.status === "error" ? OFFLINE_INTERVAL_MS : HEALTH_INTERVAL_MS),
    // One attempt, no transport retries: the answer is about now, and the next poll is the retry.
    queryFn: async () => BigInt(await client!.request({ method: "eth_blockNumber" }, { retryCount: 0 })),
  });
  const offline = health.status === "error";
  // Back online: re-read what failed while the node was away.
  const wasOffline = useRef(false);
  useEffect(() => {
    if (offline) wasOffline.current = true;
    else if (wasOffline.current && health.status === "success") {
      wasOffline.current = false;
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== "chain-health" && q.state.status === "error" });
    }
  }, [offline, health.status, queryClient]);
  return health.status === "pending" ? "checking" : offline ? "offline" : "online";
}
