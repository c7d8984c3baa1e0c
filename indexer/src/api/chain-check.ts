/**
 * Is the chain still the one the index was built from? The index vouches for two blocks (`chain_anchor`:
 * its first and its latest event's block); if the chain no longer has either hash at that height — the
 * local node was restarted, or reverted to a snapshot deeper than Ponder's reorg window, or an index was
 * resumed against another chain — every row may describe transactions that no longer exist. The API then
 * refuses to serve rows, with the sentence below, until the index is rebuilt.
 */
import { db, publicClients } from "ponder:api";
import schema from "ponder:schema";

export type ChainCheck = { consistent: true; anchors: { id: string; block: number; hash: string }[] } | { consistent: false; reason: string };

/** How long a verdict is reused: every read checks, but at most one check a second reaches the RPC. */
const TTL_MS = 1_000;
let cached: { at: number; result: Promise<ChainCheck> } | undefined;

async function check(): Promise<ChainCheck> {
  const anchors = await db.select().from(schema.chainAnchor);
  const client = publicClients.protocol;
  const checked: { id: string; block: number; hash: string }[] = [];
  for (const anchor of anchors.sort((a, b) => (a.block < b.block ? -1 : 1))) {
    const block = await client.getBlock({ blockNumber: anchor.block }).catch(() => undefined);
    if (!block) {
      const head = await client.getBlockNumber({ cacheTime: 0 });
      return {
        consistent: false,
        reason: `The chain was reset under this index: it ends at block ${head}, but the index holds events up to block ${anchor.block}. The index refuses to serve rows until it is rebuilt (restart the indexer on a fresh schema or directory).`,
      };
    }
    if (block.hash !== anchor.hash)
      return {
        consistent: false,
        reason: `The chain was reset under this index: block ${anchor.block} now has hash ${block.hash}, the index was built on ${anchor.hash}. The index refuses to serve rows until it is rebuilt (restart the indexer on a fresh schema or directory).`,
      };
    checked.push({ id: anchor.id, block: Number(anchor.block), hash: anchor.hash });
  }
  return { consistent: true, anchors: checked };
}

/** The chain check, reused for a second; an RPC failure is not a verdict (it is retried next time). */
export function chainCheck(): Promise<ChainCheck> {
  const now = Date.now();
  if (cached && now - cached.at < TTL_MS) return cached.result;
  const result = check();
  cached = { at: now, result };
  result.catch(() => {
    if (cached?.result === result) cached = undefined;
  });
  return result;
}
