/**
 * The dApp's view of the SDK's deployments: the addresses and first block of the deployment on a chain,
 * with the block as a bigint (what viem's event queries take). ABIs come from the SDK by name.
 */
import { type ContractName, deploymentOn as sdkDeploymentOn } from "@support-quality/sdk";
import type { Address } from "viem";

export { deployedChainIds } from "@support-quality/sdk";

/** The protocol's addresses by contract name: the `contracts` of a deployments file. */
export type ProtocolAddresses = Record<ContractName, Address>;

export interface ProtocolDeployment {
  chainId: number;
  deploymentBlock: bigint;
  contracts: ProtocolAddresses;
}

/** The protocol's deployment on `chainId`, or undefined when it is not deployed there. */
export function deploymentOn(chainId: number | undefined): ProtocolDeployment | undefined {
  const d = sdkDeploymentOn(chainId);
  return d && { chainId: d.chainId, deploymentBlock: BigInt(d.deploymentBlock), contracts: d.contracts };
}
