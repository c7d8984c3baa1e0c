/**
 * Fails when line coverage of `contracts/` (from Hardhat's `coverage/lcov.info`) is below the bar.
 * Prints the per-file summary either way.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";

const MIN_LINE_COVERAGE = 95;

const lcov = await readFile("coverage/lcov.info", "utf8").catch(() => {
  console.error("coverage/lcov.info not found: run `hardhat test --coverage` first.");
  process.exit(1);
});

let total = 0;
let hit = 0;
const rows: string[] = [];
for (const record of lcov.split("end_of_record")) {
  const file = /^SF:(.+)$/m.exec(record)?.[1];
  const relative = file ? path.relative(process.cwd(), path.resolve(file)) : "";
  if (!relative.startsWith(`contracts${path.sep}`)) continue;
  const lf = Number(/^LF:(\d+)$/m.exec(record)?.[1] ?? 0);
  const lh = Number(/^LH:(\d+)$/m.exec(record)?.[1] ?? 0);
  if (lf === 0) continue;
  total += lf;
  hit += lh;
  rows.push(`${((100 * lh) / lf).toFixed(1).padStart(6)} %  ${lh}/${lf}  ${relative}`);
}
const percent = total === 0 ? 0 : (100 * hit) / total;
console.log(`\nLine coverage of contracts/:\n${rows.sort().join("\n")}\n${percent.toFixed(2).padStart(6)} %  ${hit}/${total}  total`);
if (percent < MIN_LINE_COVERAGE) {
  console.error(`Line coverage ${percent.toFixed(2)} % is below ${MIN_LINE_COVERAGE} %.`);
  process.exit(1);
}
