import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { getBlock } from "viem/actions";
import { useClient } from "wagmi";
import { useProtocol } from "./useProtocol";

/**
 * The chain's clock, ticking each second: block time of the latest block plus the wall-clock time since
 * it was read. Deadlines are judged by chain time (a local chain may be moved forward by tests).
 */
export function useChainNow(): bigint | undefined {
  const { chainId } = useProtocol();
  const client = useClient({ chainId });
  const { data } = useQuery({
    queryKey: ["protocol", chainId, [], "latestBlockTime"],
    queryFn: async () => ({ timestamp: (await getBlock(client!)).timestamp, readAt: Date.now() }),
    enabled: !!client,
    staleTime: 15_000,
    refetchInterval: 15_000,
  });
  const [tick, setTick] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setTick(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  if (!data) return undefined;
  return data.timestamp + BigInt(Math.max(0, Math.floor((tick - data.readAt) / 1000)));
}
