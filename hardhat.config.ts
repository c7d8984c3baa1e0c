import { createRequire } from "node:module";
import hardhatToolboxViem from "@nomicfoundation/hardhat-toolbox-viem";
import { configVariable, defineConfig } from "hardhat/config";

// solc comes from the pinned npm `solc` package: no compiler download is needed (or possible offline).
const require = createRequire(import.meta.url);
const solcPath = require.resolve("solc/soljson.js");
const solcVersion: string = require("solc/package.json").version;

function compilerSettings(runs: number) {
  return { optimizer: { enabled: true, runs }, evmVersion: "cancun", viaIR: true };
}

export default defineConfig({
  plugins: [hardhatToolboxViem],
  solidity: {
    compilers: [{ version: solcVersion, path: solcPath, settings: compilerSettings(200) }],
    overrides: {
      // `rate` is the protocol's hot path (SPEC §6): optimise the ratings contract for execution, not size.
      "contracts/ratings/SupportRatings.sol": { version: solcVersion, path: solcPath, settings: compilerSettings(1_000_000) },
    },
    npmFilesToBuild: ["@openzeppelin/contracts/governance/TimelockController.sol"],
  },
  paths: {
    // bench/contracts holds baselines for `npm run bench` only (a plain OZ governor).
    sources: { solidity: ["contracts", "bench/contracts"] },
    tests: { solidity: "test/contracts", nodejs: "test" },
  },
  networks: {
    // The local stack of `npm start`: Hardhat's network served over JSON-RPC on localhost.
    localhost: { type: "http", chainType: "l1", url: "http://127.0.0.1:8545" },
    // Public networks are configuration only: RPC URL and key come from the keystore or env, never the repo.
    sepolia: {
      type: "http",
      chainType: "l1",
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
    baseSepolia: {
      type: "http",
      chainType: "op",
      url: configVariable("BASE_SEPOLIA_RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
  },
});
