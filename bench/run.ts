/**
 * `npm run bench`: the performance numbers of SPEC §6, measured in one run. Writes
 * bench/results.json (committed, so a regression shows in review) and prints a table.
 * Nothing here is a pass/fail test; the README reports what this printed.
 */
import { writeFile } from "node:fs/promises";
import { network } from "hardhat";
import { measureGas } from "./gas.js";

const connection = await network.create();
const gas = await measureGas(connection);

const rows = gas.map((r) => ({
  measure: r.name,
  ours: r.ours.toLocaleString("en-US"),
  baseline: r.baseline ? `${r.baseline.toLocaleString("en-US")} (${r.baselineName})` : "",
  ratio: r.baseline ? (Number(r.ours) / Number(r.baseline)).toFixed(3) : "",
  target: r.target,
  met: r.pass ? "yes" : "NO",
}));
console.table(rows);
await writeFile("bench/results.json", `${JSON.stringify({ gas: rows }, null, 2)}\n`);
process.exit(0);
