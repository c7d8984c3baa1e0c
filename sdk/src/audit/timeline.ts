/**
 * Raw logs → timeline rows (decoded, JSON-safe), and the rows' CSV and JSON forms.
 */
import { type Abi, type AbiEvent, type Address, decodeEventLog, type Hex, toEventSelector } from "viem";
import { CONTRACT_NAMES } from "../deployments.js";
import { abis as protocolAbis } from "../generated/abis.js";
import type { RawLog } from "./rpc.js";
import type { ContractName, Deployment, JsonValue, TimelineRow } from "./types.js";

export type Abis = Readonly<Record<ContractName, Abi>>;

/** bigint → decimal string, recursively: a decoded value that survives JSON unchanged. */
export function toJson(value: unknown): JsonValue {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  }
  return value as JsonValue;
}

interface Decoder {
  name: ContractName;
  events: Map<Hex, AbiEvent>;
}

/** Looks up contract by address and event by topic0 once, not per log (viem's decoders scan the ABI). */
export function createDecoder(deployment: Deployment, abis: Abis = protocolAbis) {
  const byAddress = new Map<string, Decoder>();
  for (const name of CONTRACT_NAMES) {
    const events = new Map<Hex, AbiEvent>();
    for (const item of abis[name]) {
      if (item.type === "event") events.set(toEventSelector(item), item);
    }
    byAddress.set(deployment.contracts[name].toLowerCase(), { name, events });
  }

  return (log: RawLog, time: number): TimelineRow => {
    const decoder = byAddress.get(log.address.toLowerCase());
    const base = {
      block: Number(log.blockNumber),
      logIndex: Number(log.logIndex),
      time,
      tx: log.transactionHash,
    };
    if (!decoder) throw new Error(`log from unexpected address ${log.address}`);
    const item = decoder.events.get(log.topics[0]);
    if (!item) return { ...base, contract: decoder.name, event: "Unknown", args: { topics: log.topics, data: log.data } };
    const decoded = decodeEventLog({
      abi: [item],
      topics: log.topics as [Hex, ...Hex[]],
      data: log.data,
      strict: false,
    });
    return { ...base, contract: decoder.name, event: item.name, args: toJson(decoded.args ?? {}) as Record<string, JsonValue> };
  };
}

/** The contract addresses of a deployment, in a fixed order. */
export const deploymentAddresses = (deployment: Deployment): Address[] => CONTRACT_NAMES.map((name) => deployment.contracts[name]);

/** The columns every CSV row has; each decoded event field then gets a column of its own. */
export const CSV_HEADER = ["block", "time", "tx", "logIndex", "contract", "event"] as const;

const csvCell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

const fieldText = (value: JsonValue | undefined): string =>
  value === undefined || value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);

/**
 * One CSV line per row, one column per field: the fixed columns, then every event field name in order of
 * first appearance (empty where an event has no such field; arrays and structs as JSON). Times are
 * ISO-8601 UTC, amounts and ids exact decimal strings, so a spreadsheet can sort and sum them.
 */
export function toCsv(rows: readonly TimelineRow[]): string {
  const fields = [...new Set(rows.flatMap((row) => Object.keys(row.args)))];
  // A field named like a fixed column ("block") cannot shadow it: its column is prefixed.
  const fixedNames: readonly string[] = CSV_HEADER;
  const lines = [[...CSV_HEADER, ...fields.map((f) => (fixedNames.includes(f) ? `field_${f}` : f))].map(csvCell).join(",")];
  for (const row of rows) {
    const fixed = [String(row.block), new Date(row.time * 1000).toISOString(), row.tx, String(row.logIndex), row.contract, row.event];
    lines.push([...fixed, ...fields.map((f) => fieldText(row.args[f]))].map(csvCell).join(","));
  }
  return `${lines.join("\n")}\n`;
}

export interface TimelineFile {
  chainId: number;
  fromBlock: number;
  toBlock: number;
  contracts: Record<ContractName, Address>;
  rows: TimelineRow[];
}

export function toJsonFile(file: TimelineFile): string {
  return `${JSON.stringify(file, null, 1)}\n`;
}
