/**
 * Event reads that public RPCs accept: `getContractEvents` from the deployment block, split into ranges of
 * at most 10,000 blocks (the cap public providers put on `eth_getLogs`), a few in flight at once. A
 * rate-limited range is retried by the transport; a range refused for holding too many results (or whose
 * answer is over the HTTP client's body limit) is read in halves, down to one block. No request ever spans
 * more than one range.
 */
import type { Abi, Client, ContractEventName, GetContractEventsParameters, GetContractEventsReturnType } from "viem";
import { getBlockNumber, getContractEvents } from "viem/actions";
import { isRangeTooLarge } from "./refusals.js";

export const MAX_LOG_RANGE = 10_000n;
const IN_FLIGHT = 4;

/** The block ranges `[from, to]` of at most `size` blocks covering `[fromBlock, toBlock]`, oldest first. */
export function blockRanges(fromBlock: bigint, toBlock: bigint, size = MAX_LOG_RANGE): [bigint, bigint][] {
  const ranges: [bigint, bigint][] = [];
  for (let start = fromBlock; start <= toBlock; start += size) ranges.push([start, start + size - 1n < toBlock ? start + size - 1n : toBlock]);
  return ranges;
}

/**
 * `getContractEvents` over `[fromBlock, toBlock]` (default: the latest block) in bounded ranges; logs in
 * chain order, as viem returns them.
 */
export async function getContractEventsBounded<const abi extends Abi, eventName extends ContractEventName<abi>>(
  client: Client,
  parameters: Omit<GetContractEventsParameters<abi, eventName, true, bigint, bigint>, "fromBlock" | "toBlock" | "strict" | "blockHash"> & {
    fromBlock: bigint | number;
    toBlock?: bigint | number;
  },
): Promise<GetContractEventsReturnType<abi, eventName, true, bigint, bigint>> {
  const latest = parameters.toBlock === undefined ? await getBlockNumber(client, { cacheTime: 0 }) : BigInt(parameters.toBlock);
  const ranges = blockRanges(BigInt(parameters.fromBlock), latest);
  const chunks: GetContractEventsReturnType<abi, eventName, true, bigint, bigint>[] = new Array(ranges.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(IN_FLIGHT, ranges.length) }, async () => {
      while (next < ranges.length) {
        const index = next++;
        const [fromBlock, toBlock] = ranges[index];
        chunks[index] = await eventsIn(client, parameters, fromBlock, toBlock);
      }
    }),
  );
  return chunks.flat();
}

/** The newest `count` events (newest first), reading ranges backwards from the head until enough are found. */
export async function getLatestContractEvents<const abi extends Abi, eventName extends ContractEventName<abi>>(
  client: Client,
  parameters: Omit<GetContractEventsParameters<abi, eventName, true, bigint, bigint>, "fromBlock" | "toBlock" | "strict" | "blockHash"> & {
    fromBlock: bigint | number;
  },
  count: number,
): Promise<GetContractEventsReturnType<abi, eventName, true, bigint, bigint>> {
  const latest = await getBlockNumber(client, { cacheTime: 0 });
  const found: GetContractEventsReturnType<abi, eventName, true, bigint, bigint> = [];
  for (const [fromBlock, toBlock] of blockRanges(BigInt(parameters.fromBlock), latest).reverse()) {
    found.push(...(await latestIn(client, parameters, fromBlock, toBlock, count - found.length)));
    if (found.length >= count) break;
  }
  return found.slice(0, count);
}

type EventsParameters<abi extends Abi, eventName extends ContractEventName<abi>> = Omit<
  GetContractEventsParameters<abi, eventName, true, bigint, bigint>,
  "fromBlock" | "toBlock" | "strict" | "blockHash"
>;

/** One `eth_getLogs` over `[fromBlock, toBlock]`, decoded. */
function oneRequest<const abi extends Abi, eventName extends ContractEventName<abi>>(
  client: Client,
  parameters: EventsParameters<abi, eventName>,
  fromBlock: bigint,
  toBlock: bigint,
): Promise<GetContractEventsReturnType<abi, eventName, true, bigint, bigint>> {
  return getContractEvents(client, { ...parameters, fromBlock, toBlock, strict: true } as GetContractEventsParameters<abi, eventName, true, bigint, bigint>);
}

/** The events of `[fromBlock, toBlock]` in chain order; a range refused for its size is read in halves. */
async function eventsIn<const abi extends Abi, eventName extends ContractEventName<abi>>(
  client: Client,
  parameters: EventsParameters<abi, eventName>,
  fromBlock: bigint,
  toBlock: bigint,
): Promise<GetContractEventsReturnType<abi, eventName, true, bigint, bigint>> {
  try {
    return await oneRequest(client, parameters, fromBlock, toBlock);
  } catch (error) {
    if (fromBlock === toBlock || !isRangeTooLarge(error)) throw error;
    const middle = fromBlock + (toBlock - fromBlock) / 2n;
    return [...(await eventsIn(client, parameters, fromBlock, middle)), ...(await eventsIn(client, parameters, middle + 1n, toBlock))];
  }
}

/** The newest `count` events of `[fromBlock, toBlock]`, newest first; halves of a refused range, newer half first. */
async function latestIn<const abi extends Abi, eventName extends ContractEventName<abi>>(
  client: Client,
  parameters: EventsParameters<abi, eventName>,
  fromBlock: bigint,
  toBlock: bigint,
  count: number,
): Promise<GetContractEventsReturnType<abi, eventName, true, bigint, bigint>> {
  try {
    const logs = await oneRequest(client, parameters, fromBlock, toBlock);
    return logs.reverse().slice(0, count);
  } catch (error) {
    if (fromBlock === toBlock || !isRangeTooLarge(error)) throw error;
    const middle = fromBlock + (toBlock - fromBlock) / 2n;
    const newer = await latestIn(client, parameters, middle + 1n, toBlock, count);
    return newer.length >= count ? newer : [...newer, ...(await latestIn(client, parameters, fromBlock, middle, count - newer.length))];
  }
}
