/**
 * `npm run bench`: the performance numbers of SPEC §6, measured in one run. Writes
 * bench/results.json (committed, so a regression shows in review) and prints tables.
 * Nothing here is a pass/fail test; the README reports what this printed.
 */
import { readFile, writeFile } from "node:fs/promises";
import { network } from "hardhat";
import { measureAudit } from "./audit.js";
import { measureBundle } from "./bundle.js";
import { measureGas } from "./gas.js";

const fmt = (n: bigint | number) => n.toLocaleString("en-US");

console.log("Gas (Hardhat in-process network, same run)…");
const gas = await measureGas(await network.create());
const gasRows = gas.map((r) => ({
  measure: r.name,
  ours: fmt(r.ours),
  baseline: r.baseline ? `${fmt(r.baseline)} (${r.baselineName})` : "",
  ratio: r.baseline ? (Number(r.ours) / Number(r.baseline)).toFixed(3) : "",
  target: r.target,
  met: r.pass ? "yes" : "NO",
}));
console.table(gasRows);

console.log("Audit timeline read speed (building ~10,000 events first)…");
const audit = await measureAudit(await network.create());
const auditRow = {
  events: fmt(audit.events),
  blocks: fmt(audit.blocks),
  "bare getContractEvents (ms)": Math.round(audit.bareMs),
  "audit: fetch + decode + verify (ms)": Math.round(audit.auditMs),
  ratio: (audit.auditMs / audit.bareMs).toFixed(2),
  target: "≤ 1.5×",
  "all aggregates match": audit.verified ? "yes" : "NO",
};
console.table([auditRow]);

console.log("dApp first load (the public build; the local build's first route beside it)…");
const bundle = await measureBundle();
const bundleRow = {
  "first route JS (gzip kB)": (bundle.firstRouteGzipBytes / 1024).toFixed(1),
  "first route JS, local build (gzip kB)": bundle.firstRouteLocalGzipBytes === undefined ? "" : (bundle.firstRouteLocalGzipBytes / 1024).toFixed(1),
  "all JS incl. lazy routes (gzip kB)": (bundle.totalJsGzipBytes / 1024).toFixed(1),
  target: "≤ 250 kB",
  met: bundle.firstRouteGzipBytes <= 250 * 1024 ? "yes" : "NO",
};
console.table([bundleRow]);

// The indexer's numbers come from their own, longer runs (`npm run bench:indexer`, `npm run bench:scale`): kept.
const previous = JSON.parse(await readFile("bench/results.json", "utf8").catch(() => "{}")) as Record<string, unknown>;
await writeFile(
  "bench/results.json",
  `${JSON.stringify({ ...previous, measuredAt: new Date().toISOString(), gas: gasRows, audit: auditRow, bundle: bundleRow }, null, 2)}\n`,
);
process.exit(0);
