import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import hardhatToolboxViem from "@nomicfoundation/hardhat-toolbox-viem";
import { configVariable, defineConfig } from "hardhat/config";

// solc comes from the pinned npm `solc` package: no compiler download is needed (or possible offline).
const require = createRequire(import.meta.url);
const solcPath = require.resolve("solc/soljson.js");
const solcVersion: string = require("solc/package.json").version;

/** What is deployed and benchmarked: via-IR, optimised (minutes to compile on a small machine). */
function productionSettings(runs: number) {
  return { optimizer: { enabled: true, runs }, evmVersion: "cancun", viaIR: true };
}
/** The local stack and the tests: the legacy pipeline (its optimizer is fast) — seconds, not minutes. */
const developmentSettings = { optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun", viaIR: false };
/**
 * `rateBySig` has too many locals for the legacy pipeline: SupportRatings goes via-IR. Optimised (at 200 runs):
 * unoptimised via-IR code of it is over the 24,576-byte limit since receipts carry business hours.
 */
const viaIr = { version: solcVersion, path: solcPath, settings: productionSettings(200) };
/**
 * The Solidity tests (every file of test/contracts is a root) deploy SupportRatings, so they need via-IR too;
 * unoptimised, their one big job exhausts solc-js's memory, so they compile as in production (minutes).
 */
const solidityTestSettings = { version: solcVersion, path: solcPath, settings: productionSettings(200) };
const solidityTests = readdirSync(fileURLToPath(new URL("./test/contracts", import.meta.url)), { recursive: true, encoding: "utf8" }).filter((f) =>
  f.endsWith(".sol"),
);

export default defineConfig({
  plugins: [hardhatToolboxViem],
  solidity: {
    // Two build profiles (README "Build profiles"): `default` for `npm start` and the tests, `production` for
    // `npm run deploy` and `npm run bench` — and for the flow tests' second run in `npm test`, so the bytecode
    // that is deployed and measured is also the bytecode that is tested.
    profiles: {
      default: {
        compilers: [{ version: solcVersion, path: solcPath, settings: developmentSettings }],
        overrides: {
          "contracts/ratings/SupportRatings.sol": viaIr,
          ...Object.fromEntries(solidityTests.map((f) => [`test/contracts/${f}`, solidityTestSettings])),
        },
      },
      production: {
        compilers: [{ version: solcVersion, path: solcPath, settings: productionSettings(200) }],
        overrides: {
          // `rate` is the protocol's hot path (SPEC §6): optimise the ratings contract for execution, not size.
          "contracts/ratings/SupportRatings.sol": { version: solcVersion, path: solcPath, settings: productionSettings(1_000_000) },
        },
        // One compilation job for the whole project, as before profiles (isolated builds would compile
        // OpenZeppelin once per contract: several times slower here).
        isolated: false,
      },
    },
    npmFilesToBuild: ["@openzeppelin/contracts/governance/TimelockController.sol"],
  },
  // `npm test` keeps fuzzing quick; `.ci/run` runs the deep profile (FUZZ_RUNS=10000, INVARIANT_DEPTH=50).
  test: {
    solidity: {
      fuzz: { runs: Number(process.env.FUZZ_RUNS ?? 256) },
      invariant: { runs: Number(process.env.INVARIANT_RUNS ?? 12), depth: Number(process.env.INVARIANT_DEPTH ?? 30) },
    },
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
