/**
 * Deploys the protocol to the network chosen with `--network` and records it in deployments/<chainId>.json.
 *
 *   npm run deploy -- --network baseSepolia   (BASE_SEPOLIA_RPC_URL, DEPLOYER_PRIVATE_KEY from the keystore or env)
 *   npm run deploy -- --network sepolia       (SEPOLIA_RPC_URL, DEPLOYER_PRIVATE_KEY)
 *
 * Deterministic and resumable (deploy/createx.ts): the same deployer gets the same addresses on every
 * chain, and if a run stops half-way, running it again completes it without redeploying what exists. The
 * token's block is kept in deployments/<chainId>.journal.json until the deployment is complete.
 * DEPLOYMENTS_DIR writes the record elsewhere (the rehearsal does).
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import hre from "hardhat";
import { deployProtocol } from "../deploy/protocol.js";
import { recordDeployment } from "./stack/deployment.js";

const dir = path.resolve(process.env.DEPLOYMENTS_DIR ?? "deployments");
const { viem, networkName } = await hre.network.create();
const chainId = await (await viem.getPublicClient()).getChainId();
const journalFile = path.join(dir, `${chainId}.journal.json`);
await mkdir(dir, { recursive: true });

console.log(`Deploying to ${networkName} (chain ${chainId})…`);
const { deployment, deployer } = await deployProtocol(viem, {
  deterministic: {
    artifacts: hre.artifacts,
    journal: {
      read: async () => (existsSync(journalFile) ? JSON.parse(await readFile(journalFile, "utf8")) : undefined),
      write: (entry) => writeFile(journalFile, `${JSON.stringify(entry)}\n`),
    },
    log: (line) => console.log(`  ${line}`),
  },
});
const file = await recordDeployment(deployment, dir);
await rm(journalFile, { force: true });

console.log(`Deployed to ${networkName} (chain ${deployment.chainId}) by ${deployer}, from block ${deployment.deploymentBlock}:`);
console.table(deployment.contracts);
console.log(`Recorded in ${path.relative(process.cwd(), file)}. Run \`npm run generate\` to refresh the dApp's contracts.`);
