/** Decodes a proposal's call against the ABI of the protocol contract it targets. */

import { abis as allAbis } from "@support-quality/sdk";
import { type Address, decodeFunctionData, type Hex } from "viem";
import type { ProtocolAddresses } from "../../lib/contracts";

export interface DecodedCall {
  contract?: string;
  functionName?: string;
  args: readonly unknown[];
}

export function decodeCall(contracts: ProtocolAddresses, target: Address, data: Hex): DecodedCall {
  const name = (Object.keys(contracts) as (keyof ProtocolAddresses)[]).find((k) => contracts[k].toLowerCase() === target.toLowerCase());
  if (!name) return { args: [] };
  try {
    const { functionName, args } = decodeFunctionData({ abi: allAbis[name], data });
    return { contract: name, functionName, args: args ?? [] };
  } catch {
    return { contract: name, args: [] };
  }
}
