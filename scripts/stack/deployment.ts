/**
 * Records a deployment in deployments/<chainId>.json. A local chain (31337) is re-created on every start
 * at the same addresses and block, but at a new wall-clock time: its record leaves the time out, so the
 * committed file and the generated web contracts stay identical run after run.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { getAddress } from "viem";
import { type Deployment, writeDeployment } from "../../deploy/protocol.js";

export const LOCAL_CHAIN_ID = 31337;

export async function recordDeployment(record: Deployment, dir = path.resolve("deployments")): Promise<string> {
  // Checksummed addresses: one spelling everywhere they are shown or compared.
  const contracts = Object.fromEntries(Object.entries(record.contracts).map(([name, address]) => [name, getAddress(address)])) as Deployment["contracts"];
  const deployment = { ...record, contracts };
  if (deployment.chainId !== LOCAL_CHAIN_ID) return writeDeployment(deployment, dir);
  const { deployedAt: _volatile, ...stable } = deployment;
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${deployment.chainId}.json`);
  await writeFile(file, `${JSON.stringify(stable, null, 2)}\n`);
  return file;
}
