/**
 * Which chain and contracts to index, from the deployments file the deploy path writes — no address is
 * written here. Environment:
 *   PONDER_CHAIN_ID   the chain to index (default 31337, the local stack)
 *   PONDER_RPC_URL    its JSON-RPC endpoint (default http://127.0.0.1:8545)
 *   PONDER_DEPLOYMENTS_DIR  where `<chainId>.json` lives (default ../deployments)
 *   DATABASE_URL      Postgres; without it, embedded PGlite in PONDER_PGLITE_DIR (default .ponder/pglite)
 *   PONDER_GETLOGS_RANGE    blocks per eth_getLogs (default 10,000: what public RPCs accept)
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { abis, type Deployment } from "@support-quality/sdk";
import { createConfig } from "ponder";

const here = path.dirname(fileURLToPath(import.meta.url));
const chainId = Number(process.env.PONDER_CHAIN_ID ?? 31337);
const deploymentsDir = path.resolve(here, process.env.PONDER_DEPLOYMENTS_DIR ?? "../deployments");
const deployment = JSON.parse(readFileSync(path.join(deploymentsDir, `${chainId}.json`), "utf8")) as Deployment;
const local = chainId === 31337;

const contract = <const abi extends (typeof abis)[keyof typeof abis]>(abi: abi, address: `0x${string}`) => ({
  chain: "protocol" as const,
  abi,
  address,
  startBlock: deployment.deploymentBlock,
});

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
    : { kind: "pglite", directory: path.resolve(here, process.env.PONDER_PGLITE_DIR ?? ".ponder/pglite") },
  chains: {
    protocol: {
      id: chainId,
      rpc: process.env.PONDER_RPC_URL ?? "http://127.0.0.1:8545",
      // A local chain is re-created on every start: caching its blocks would mix two chains.
      disableCache: local,
      pollingInterval: local ? 250 : 2_000,
      ethGetLogsBlockRange: Number(process.env.PONDER_GETLOGS_RANGE ?? 10_000),
    },
  },
  contracts: {
    AgentCredentials: contract(abis.AgentCredentials, deployment.contracts.AgentCredentials),
    CommunityRewards: contract(abis.CommunityRewards, deployment.contracts.CommunityRewards),
    AgentRegistry: contract(abis.AgentRegistry, deployment.contracts.AgentRegistry),
    KnowledgeBase: contract(abis.KnowledgeBase, deployment.contracts.KnowledgeBase),
    PolicyRegistry: contract(abis.PolicyRegistry, deployment.contracts.PolicyRegistry),
    SupportGovernor: contract(abis.SupportGovernor, deployment.contracts.SupportGovernor),
    SupportRatings: contract(abis.SupportRatings, deployment.contracts.SupportRatings),
    SupportToken: contract(abis.SupportToken, deployment.contracts.SupportToken),
    TimelockController: contract(abis.TimelockController, deployment.contracts.TimelockController),
  },
});
