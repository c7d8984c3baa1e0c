/**
 * The ABIs the audit reads, from the generated file the dApp also uses (never hand-copied).
 */
import type { Abi } from "viem";
import {
  agentRegistryAbi,
  policyRegistryAbi,
  supportGovernorAbi,
  supportRatingsAbi,
  supportTokenAbi,
  timelockControllerAbi,
} from "../web/src/generated/contracts.js";
import type { ContractName } from "./types.js";

export const abis: Record<ContractName, Abi> = {
  SupportToken: supportTokenAbi,
  TimelockController: timelockControllerAbi,
  SupportGovernor: supportGovernorAbi,
  PolicyRegistry: policyRegistryAbi,
  AgentRegistry: agentRegistryAbi,
  SupportRatings: supportRatingsAbi,
};
