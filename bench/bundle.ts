/**
 * First-load size half of `npm run bench` (SPEC §6): builds the dApp and sums the gzip size of the
 * JavaScript the first route loads — the entry script and every chunk `index.html` preloads. Lazy
 * routes (loaded on navigation) are listed separately.
 */
import { execFileSync } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";

export interface BundleBench {
  firstRouteGzipBytes: number;
  firstRouteFiles: string[];
  totalJsGzipBytes: number;
}

const DIST = path.resolve("web/dist");

export async function measureBundle(build = true): Promise<BundleBench> {
  if (build) execFileSync("npx", ["vite", "build", "--config", "web/vite.config.ts", "--logLevel", "error"], { stdio: "inherit" });
  const html = await readFile(path.join(DIST, "index.html"), "utf8");
  const referenced = new Set<string>();
  for (const match of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) referenced.add(match[1]);
  for (const match of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)) referenced.add(match[1]);
  const gz = async (file: string) => gzipSync(await readFile(file), { level: 9 }).length;
  let first = 0;
  for (const url of referenced) first += await gz(path.join(DIST, url.replace(/^\//, "")));
  let total = 0;
  const assets = path.join(DIST, "assets");
  for (const file of await readdir(assets)) if (file.endsWith(".js")) total += await gz(path.join(assets, file));
  return { firstRouteGzipBytes: first, firstRouteFiles: [...referenced], totalJsGzipBytes: total };
}
