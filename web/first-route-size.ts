/**
 * The gzip size of the JavaScript the first route ("/") loads: the entry chunk, the Overview page's lazy
 * chunk, and every chunk they import statically. Run after `npm run build:web`:
 *
 *   npx tsx web/first-route-size.ts        prints the size; exits 1 above the 250 kB budget (SPEC §6)
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET = 250 * 1024;
const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), "dist");
type Chunk = { file: string; imports?: string[]; dynamicImports?: string[]; isEntry?: boolean; src?: string };
const manifest = JSON.parse(readFileSync(path.join(dist, ".vite/manifest.json"), "utf8")) as Record<string, Chunk>;

const seen = new Set<string>();
function visit(key: string) {
  if (seen.has(key)) return;
  seen.add(key);
  for (const i of manifest[key]?.imports ?? []) visit(i);
}
const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
visit(entry);
const overview = Object.keys(manifest).find((k) => k.endsWith("features/overview/OverviewPage.tsx"));
if (overview) visit(overview);

let total = 0;
for (const key of seen) {
  const file = manifest[key]!.file;
  if (!file.endsWith(".js")) continue;
  const size = gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(7)} kB  ${file}`);
}
console.log(`First route: ${(total / 1024).toFixed(1)} kB of gzip JavaScript (budget ${BUDGET / 1024} kB).`);
process.exit(total > BUDGET ? 1 : 0);
