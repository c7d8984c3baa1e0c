/**
 * Where the protocol is deployed: the generated `deployments/<chainId>.json` records, typed by contract name.
 */
import type { Address } from "viem";
import type { ContractName } from "./generated/abis.js";
import { deployments } from "./generated/deployments.js";

export { CONTRACT_NAMES, type ContractName } from "./generated/abis.js";

/** The `deployments/<chainId>.json` record written by the deploy path. */
export interface Deployment {
  chainId: number;
  deploymentBlock: number;
  /** Wall-clock time of the deployment block; absent for the local chain, which is re-created on every start. */
  deployedAt?: number;
  contracts: Record<ContractName, Address>;
}

interface GeneratedDeployment {
  readonly chainId: number;
  readonly deploymentBlock: number;
  readonly deployedAt: number | null;
  readonly contracts: Readonly<Record<ContractName, Address>>;
}

const generated: Readonly<Record<string, GeneratedDeployment | undefined>> = deployments;

/** The chain ids that have a deployment, in ascending order. */
export const deployedChainIds: readonly number[] = Object.values(generated)
  .filter((d): d is GeneratedDeployment => d !== undefined)
  .map((d) => d.chainId)
  .sort((a, b) => a - b);

/** The protocol's deployment on `chainId`, or undefined when it is not deployed there. */
export function deploymentOn(chainId: number | undefined): Deployment | undefined {
  const d = chainId === undefined ? undefined : generated[String(chainId)];
  if (!d) return undefined;
  return { chainId: d.chainId, deploymentBlock: d.deploymentBlock, ...(d.deployedAt === null ? {} : { deployedAt: d.deployedAt }), contracts: { ...d.contracts } };
}
