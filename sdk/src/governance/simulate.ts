/**
 * Runs a proposal's calls against the current chain state exactly as the timelock would run them — one
 * `eth_call` of `TimelockController.executeBatch`, in order, from the timelock's address — without a
 * transaction or an external service. Two storage overrides make that call possible before the vote ends:
 *
 *   - the timelock's `_timestamps[id]` (slot 1) says the batch is ready, so `executeBatch` runs it;
 *   - the governor's `_governanceCall` queue (slots 5–6) holds the hashes of the calls made to the governor
 *     itself, as `Governor.execute` pushes them, so `onlyGovernance` functions accept the timelock.
 *
 * The slots are OpenZeppelin 5.x's storage layout of TimelockController and of SupportGovernor (solc's
 * storageLayout); the flow tests prove a simulation's outcome equals the execution's for every kind of
 * action, so a layout change fails them.
 */
import {
  type Address,
  type BaseError,
  type Client,
  ContractFunctionRevertedError,
  concat,
  encodeAbiParameters,
  encodeFunctionData,
  type Hex,
  keccak256,
  numberToHex,
  pad,
  RawContractError,
  zeroHash,
} from "viem";
import { call } from "viem/actions";
import { decodeRevert, revertSentence } from "../errors/index.js";
import { timelockControllerAbi } from "../generated/abis.js";

/** One call of a proposal. */
export interface ProposalCall {
  target: Address;
  value: bigint;
  data: Hex;
}

export type SimulationOutcome =
  | { ok: true }
  | {
      ok: false;
      /** The index of the first call that reverts (undefined when the batch failed before any call). */
      failedCall: number | undefined;
      /** Why, as a sentence. */
      reason: string;
    };

const TIMELOCK_TIMESTAMPS_SLOT = 1n;
const GOVERNOR_QUEUE_SLOT = 5n;
const GOVERNOR_QUEUE_DATA_SLOT = 6n;

const mappingSlot = (key: Hex, slot: bigint) => keccak256(concat([pad(key), pad(numberToHex(slot))]));

function operationId(calls: readonly ProposalCall[]): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: "address[]" }, { type: "uint256[]" }, { type: "bytes[]" }, { type: "bytes32" }, { type: "bytes32" }],
      [calls.map((c) => c.target), calls.map((c) => c.value), calls.map((c) => c.data), zeroHash, zeroHash],
    ),
  );
}

function overrides(calls: readonly ProposalCall[], governor: Address, timelock: Address) {
  const governorCalls = calls.filter((c) => c.target.toLowerCase() === governor.toLowerCase());
  const timelockDiff = [{ slot: mappingSlot(operationId(calls), TIMELOCK_TIMESTAMPS_SLOT), value: pad(numberToHex(2n)) }];
  const governorDiff = [
    // _begin = 0 (low 128 bits), _end = the number of queued hashes (high 128 bits).
    { slot: pad(numberToHex(GOVERNOR_QUEUE_SLOT)), value: pad(numberToHex(BigInt(governorCalls.length) << 128n)) },
    ...governorCalls.map((c, i) => ({ slot: mappingSlot(numberToHex(i), GOVERNOR_QUEUE_DATA_SLOT), value: keccak256(c.data) })),
  ];
  return [{ address: timelock, stateDiff: timelockDiff }, ...(governorCalls.length ? [{ address: governor, stateDiff: governorDiff }] : [])];
}

function revertData(error: unknown): Hex | undefined {
  const walk = (e: unknown): Hex | undefined => {
    if (e instanceof RawContractError && typeof e.data === "string") return e.data;
    if (e instanceof ContractFunctionRevertedError) return e.raw;
    const err = e as BaseError & { data?: unknown; cause?: unknown };
    if (typeof err?.data === "string" && err.data.startsWith("0x")) return err.data as Hex;
    if (err?.data && typeof err.data === "object" && typeof (err.data as { data?: unknown }).data === "string") return (err.data as { data: Hex }).data;
    return err?.cause ? walk(err.cause) : undefined;
  };
  return walk(error);
}

async function runBatch(
  client: Client,
  calls: readonly ProposalCall[],
  governor: Address,
  timelock: Address,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await call(client, {
      to: timelock,
      data: encodeFunctionData({
        abi: timelockControllerAbi,
        functionName: "executeBatch",
        args: [calls.map((c) => c.target), calls.map((c) => c.value), calls.map((c) => c.data), zeroHash, zeroHash],
      }),
      value: calls.reduce((sum, c) => sum + c.value, 0n),
      stateOverride: overrides(calls, governor, timelock),
    });
    return { ok: true };
  } catch (error) {
    const data = revertData(error);
    const decoded = data && data !== "0x" ? decodeRevert(data) : undefined;
    if (decoded) return { ok: false, reason: revertSentence(decoded) };
    const message = (error as BaseError).shortMessage ?? String(error);
    return { ok: false, reason: data === "0x" ? "A call reverted without a reason." : `The simulation failed: ${message}` };
  }
}

/**
 * Executes `calls` in one simulated batch as the timelock would, against the latest block. When the batch
 * reverts, finds the first call that fails (simulating ever longer prefixes) and says why.
 */
export async function simulateProposal(
  client: Client,
  contracts: { governor: Address; timelock: Address },
  calls: readonly ProposalCall[],
): Promise<SimulationOutcome> {
  const { governor, timelock } = contracts;
  const whole = await runBatch(client, calls, governor, timelock);
  if (whole.ok) return whole;
  for (let n = 1; n < calls.length; n++) {
    const prefix = await runBatch(client, calls.slice(0, n), governor, timelock);
    if (!prefix.ok) return { ok: false, failedCall: n - 1, reason: prefix.reason };
  }
  return { ok: false, failedCall: calls.length - 1, reason: whole.reason };
}
