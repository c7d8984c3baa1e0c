/**
 * First-load size half of `npm run bench` (SPEC §6): builds the dApp and sums the gzip size of the
 * JavaScript the first route ("/") loads — the entry chunk, the Overview page's lazy chunk, and every
 * chunk they import statically — from Vite's build manifest. Lazy routes loaded on navigation are
 * counted separately.
 */
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";

export interface BundleBench {
  firstRouteGzipBytes: number;
  firstRouteFiles: string[];
  totalJsGzipBytes: number;
}

type Chunk = { file: string; imports?: string[]; isEntry?: boolean };

const DIST = path.resolve("web/dist");
const FIRST_ROUTE_PAGE = "features/overview/OverviewPage.tsx";

export async function measureBundle(build = true): Promise<BundleBench> {
  if (build) execFileSync("npx", ["vite", "build", "--config", "web/vite.config.ts", "--logLevel", "error"], { stdio: "inherit" });
  const manifest = JSON.parse(await readFile(path.join(DIST, ".vite/manifest.json"), "utf8")) as Record<string, Chunk>;
  const firstRoute = new Set<string>();
  const visit = (key: string) => {
    if (firstRoute.has(key)) return;
    firstRoute.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
  const page = Object.keys(manifest).find((key) => key.endsWith(FIRST_ROUTE_PAGE));
  if (!entry || !page) throw new Error(`web/dist/.vite/manifest.json has no entry or no ${FIRST_ROUTE_PAGE} chunk`);
  visit(entry);
  visit(page);

  const gz = async (file: string) => gzipSync(await readFile(path.join(DIST, file)), { level: 9 }).length;
  const jsOf = (keys: Iterable<string>) => [...new Set([...keys].map((key) => manifest[key].file))].filter((f) => f.endsWith(".js"));
  let first = 0;
  const firstFiles = jsOf(firstRoute);
  for (const file of firstFiles) first += await gz(file);
  let total = 0;
  for (const file of jsOf(Object.keys(manifest))) total += await gz(file);
  return { firstRouteGzipBytes: first, firstRouteFiles: firstFiles, totalJsGzipBytes: total };
}
