/**
 * Seeds the demo world (desks, agents, policies passed by proposals, ratings…) on the local node started
 * by `npm start`, from the deployment in deployments/31337.json. Roles: scripts/stack/accounts.ts.
 *
 *   npx hardhat run --network localhost scripts/seed.ts
 */
import { readFile } from "node:fs/promises";
import { network } from "hardhat";
import type { Deployment } from "../deploy/protocol.js";
import { printRoles } from "./stack/roles-table.js";
import { seedWorld, worldClients } from "./stack/world.js";

const { viem } = await network.create();
const chainId = await (await viem.getPublicClient()).getChainId();
const deployment = JSON.parse(await readFile(`deployments/${chainId}.json`, "utf8")) as Deployment;
const started = Date.now();
const summary = await seedWorld(await worldClients(viem), deployment);
console.log(
  `Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.ratings} ratings, ${summary.proposals.executed} proposals executed, 1 queued, 1 active.`,
);
printRoles();
