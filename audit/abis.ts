/**
 * The ABIs the audit reads, from the generated file the dApp also uses (never hand-copied).
 */
import type { Abi } from "viem";
import { abis as generatedAbis } from "../web/src/generated/contracts.js";
import type { ContractName } from "./types.js";

export const abis: Record<ContractName, Abi> = generatedAbis;
