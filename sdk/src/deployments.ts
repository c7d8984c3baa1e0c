/**
 * Where the protocol is deployed: the generated `deployments/<chainId>.json` records, typed by contract name.
 */
import type { Address } from "viem";
import type { ContractName } from "./generated/abis.js";

export { CONTRACT_NAMES, type ContractName } from "./generated/abis.js";

/** The `deployments/<chainId>.json` record written by the deploy path. */
export interface Deployment {
  chainId: number;
  deploymentBlock: number;
  /** Wall-clock time of the deployment block; absent for the local chain, which is re-created on every start. */
  deployedAt?: number;
  contracts: Record<ContractName, Address>;
}

/** A deployment as generated (`deployedAt` is null for the local chain). */
export interface DeploymentRecord {
  readonly chainId: number;
  readonly deploymentBlock: number;
  readonly deployedAt: number | null;
  readonly contracts: Readonly<Record<ContractName, Address>>;
}

/** Deployments by chain id: `deployments` (all), or `publicDeployments` (what a public build of the dApp serves). */
export type DeploymentRecords = Readonly<Record<string, DeploymentRecord | undefined>>;

/** The chain ids that have a deployment in `records`, in ascending order. */
export function deployedChainIds(records: DeploymentRecords): number[] {
  return Object.values(records)
    .filter((d): d is DeploymentRecord => d !== undefined)
    .map((d) => d.chainId)
    .sort((a, b) => a - b);
}

/** The protocol's deployment on `chainId` in `records`, or undefined when it is not deployed there. */
export function deploymentOn(chainId: number | undefined, records: DeploymentRecords): Deployment | undefined {
  const d = chainId === undefined ? undefined : records[String(chainId)];
  if (!d) return undefined;
  return {
    chainId: d.chainId,
    deploymentBlock: d.deploymentBlock,
    ...(d.deployedAt === null ? {} : { deployedAt: d.deployedAt }),
    contracts: { ...d.contracts },
  };
}
