import { useChainNow } from "../../lib/chainTime";

/**
 * Now, in seconds: the chain's clock (a local chain may run ahead of the wall clock), or the device's while the
 * chain cannot be read — the articles saved on the device still show what was in force.
 */
export function useNowSeconds(): number {
  const chainNow = useChainNow();
  return chainNow === undefined ? Math.floor(Date.now() / 1000) : Number(chainNow);
}
