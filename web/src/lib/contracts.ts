/**
 * The dApp's view of the generated contracts file: typed ABIs, and the addresses and first block of the
 * deployment on a chain. Every read, write and event query goes through here.
 */
import type { Abi } from "viem";
import type { Deployment } from "../../../audit/types";
import {
  agentRegistryAbi,
  abis,
  deployments,
  policyRegistryAbi,
  supportGovernorAbi,
  supportRatingsAbi,
  supportTokenAbi,
  timelockControllerAbi,
} from "../generated/contracts";

export {
  agentRegistryAbi,
  policyRegistryAbi,
  supportGovernorAbi,
  supportRatingsAbi,
  supportTokenAbi,
  timelockControllerAbi,
};

/** The protocol's addresses by contract name: the `contracts` of a deployments file. */
export type ProtocolAddresses = Deployment["contracts"];

export interface ProtocolDeployment {
  chainId: number;
  deploymentBlock: bigint;
  contracts: ProtocolAddresses;
}

interface GeneratedDeployment {
  chainId: number;
  deploymentBlock: number;
  contracts: Record<string, string>;
}

const generated = deployments as unknown as Record<string, GeneratedDeployment | undefined>;

/** The chain ids that have a deployment, local chain included. */
export const deployedChainIds: number[] = Object.values(generated)
  .filter((d): d is GeneratedDeployment => d !== undefined)
  .map((d) => d.chainId);

/** The protocol's deployment on `chainId`, or undefined when it is not deployed there. */
export function deploymentOn(chainId: number | undefined): ProtocolDeployment | undefined {
  if (chainId === undefined) return undefined;
  const d = generated[String(chainId)];
  if (!d) return undefined;
  return {
    chainId: d.chainId,
    deploymentBlock: BigInt(d.deploymentBlock),
    contracts: d.contracts as unknown as ProtocolAddresses,
  };
}

/** Every ABI, by contract name: what the error decoder and the calldata decoder search. */
export const allAbis: Record<keyof ProtocolAddresses, Abi> = abis;
