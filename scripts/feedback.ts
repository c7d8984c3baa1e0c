/**
 * `npm run feedback -- [--timeline audit-out/timeline.json] [--desk N] [--from 2026-01-01] [--to 2026-03-31] [--out feedback.csv] [--sla-out feedback-sla.csv]`
 *
 * The feedback report of the help-desk issue, from a timeline the audit exported (`npm run audit`): per
 * ticket category, volume, average, CSAT, SLA compliance and low scores, then the tags most often chosen with
 * low scores, and SLA met/breached per priority and category. Prints tables; `--out` writes the per-category
 * CSV, `--sla-out` the per-priority one. Exit 0, or 2 with one line on bad input.
 */
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { feedbackCsv, feedbackReport, feedbackSlaCsv, type TimelineFile } from "@support-quality/sdk/audit";

class InputError extends Error {}

function day(name: string, value: string | undefined, endOfDay: boolean): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T${endOfDay ? "23:59:59" : "00:00:00"}Z` : value);
  if (Number.isNaN(ms)) throw new InputError(`--${name} "${value}" is not a date (YYYY-MM-DD or ISO 8601).`);
  return Math.floor(ms / 1000);
}

async function main() {
  const { values } = parseArgs({
    options: {
      timeline: { type: "string", default: "audit-out/timeline.json" },
      desk: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      out: { type: "string" },
      "sla-out": { type: "string" },
    },
  });
  const text = await readFile(values.timeline, "utf8").catch(() => {
    throw new InputError(`Cannot read ${values.timeline}: run \`npm run audit -- --rpc <url>\` first, or pass --timeline <file>.`);
  });
  let file: TimelineFile;
  try {
    file = JSON.parse(text);
  } catch {
    throw new InputError(`${values.timeline} is not a timeline export (not JSON).`);
  }
  if (!Array.isArray(file.rows)) throw new InputError(`${values.timeline} is not a timeline export (no rows).`);
  if (values.desk !== undefined && !/^\d+$/.test(values.desk)) throw new InputError(`--desk "${values.desk}" is not a desk id.`);
  const report = feedbackReport(file.rows, {
    ...(values.desk !== undefined ? { deskId: Number(values.desk) } : {}),
    ...(values.from !== undefined ? { from: day("from", values.from, false) } : {}),
    ...(values.to !== undefined ? { to: day("to", values.to, true) } : {}),
  });
  const pct = (x: number | null) => (x === null ? "—" : `${(100 * x).toFixed(1)} %`);
  console.log(`${report.total} ratings${values.desk ? ` of desk #${values.desk}` : ""}`);
  for (const c of report.categories) {
    console.log(
      `  ${c.name.padEnd(24)} ${String(c.count).padStart(5)} ratings  avg ${c.average.toFixed(2)}  CSAT ${pct(c.csat).padStart(7)}  SLA ${pct(c.compliance).padStart(7)} (${c.slaBreached} breached)  low ${c.low}`,
    );
  }
  if (report.lowScoreTags.length > 0) console.log(`Tags chosen with low scores: ${report.lowScoreTags.map((t) => `${t.tag} ×${t.count}`).join(", ")}`);
  if (report.sla.length > 0) {
    console.log("SLA by priority and category:");
    for (const s of report.sla) {
      console.log(`  ${s.priorityName.padEnd(8)} ${s.categoryName.padEnd(24)} ${String(s.met).padStart(5)} met  ${String(s.breached).padStart(5)} breached`);
    }
  }
  if (report.leastHelpful.length > 0) {
    console.log("Least helpful help articles (version in force):");
    for (const a of report.leastHelpful.slice(0, 5)) {
      console.log(`  #${a.articleId} v${a.version} “${a.title}” (${a.categoryName}): ${a.helpful} of ${a.helpful + a.notHelpful} found it helpful`);
    }
  }
  if (values["sla-out"]) {
    await writeFile(values["sla-out"], feedbackSlaCsv(report));
    console.error(`Wrote ${values["sla-out"]}.`);
  }
  if (values.out) {
    await writeFile(values.out, feedbackCsv(report));
    console.error(`Wrote ${values.out}.`);
  }
}

try {
  await main();
} catch (error) {
  console.error(error instanceof InputError ? `feedback: ${error.message}` : error);
  process.exitCode = 2;
}
