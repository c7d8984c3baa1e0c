/**
 * Deploys the protocol to the network chosen with `--network` and records it in deployments/<chainId>.json.
 *
 *   npx hardhat run scripts/deploy.ts --network localhost
 *   npx hardhat run scripts/deploy.ts --network sepolia      (SEPOLIA_RPC_URL, DEPLOYER_PRIVATE_KEY from the keystore or env)
 */
import path from "node:path";
import { network } from "hardhat";
import { deployProtocol } from "../deploy/protocol.js";
import { recordDeployment } from "./stack/deployment.js";

const { viem, networkName } = await network.create();
const { deployment, deployer } = await deployProtocol(viem);
const file = await recordDeployment(deployment);

console.log(`Deployed to ${networkName} (chain ${deployment.chainId}) by ${deployer}, from block ${deployment.deploymentBlock}:`);
console.table(deployment.contracts);
console.log(`Recorded in ${path.relative(process.cwd(), file)}. Run \`npm run generate\` to refresh the dApp's contracts.`);
