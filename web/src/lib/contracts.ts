/**
 * The deployments this build of the dApp serves, with the first block as a bigint (what viem's event
 * queries take). The local build serves the local chain too; the public build (`__DEV_WIRING__` false)
 * only the chains with a public deployment, and carries nothing of the local one. ABIs come from the SDK.
 */
import {
  type ContractName,
  deployedChainIds as chainIdsIn,
  type DeploymentRecords,
  localDeployments,
  publicDeployments,
  deploymentOn as sdkDeploymentOn,
} from "@support-quality/sdk";
import type { Address } from "viem";

const served: DeploymentRecords = __DEV_WIRING__ ? { ...localDeployments, ...publicDeployments } : publicDeployments;

/** The chain ids this build serves, in ascending order. */
export const deployedChainIds: readonly number[] = chainIdsIn(served);

/** The protocol's addresses by contract name: the `contracts` of a deployments file. */
export type ProtocolAddresses = Record<ContractName, Address>;

export interface ProtocolDeployment {
  chainId: number;
  deploymentBlock: bigint;
  contracts: ProtocolAddresses;
}

/** The protocol's deployment on `chainId`, or undefined when this build does not serve it. */
export function deploymentOn(chainId: number | undefined): ProtocolDeployment | undefined {
  const d = sdkDeploymentOn(chainId, served);
  return d && { chainId: d.chainId, deploymentBlock: BigInt(d.deploymentBlock), contracts: d.contracts };
}
