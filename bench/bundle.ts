/**
 * First-load size half of `npm run bench` (SPEC §6): builds the dApp and sums the gzip size of the
 * JavaScript the first route ("/") loads — the entry chunk, the Overview page's lazy chunk, and every
 * chunk they import statically — from Vite's build manifest. Lazy routes loaded on navigation are
 * counted separately.
 *
 * The figure is the production build (`--mode public`, `npm run build:web`: what a public deployment
 * serves), left in web/dist. The local build (`npm start`'s dev wiring: the local chain and the
 * dev-account connector) is measured too, built into a temporary directory, as a second figure.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

export interface BundleBench {
  /** The public build's first route. */
  firstRouteGzipBytes: number;
  firstRouteFiles: string[];
  /** The public build's JavaScript, lazy routes included. */
  totalJsGzipBytes: number;
  /** The local (dev-wiring) build's first route; measured only when `measureBundle` builds. */
  firstRouteLocalGzipBytes?: number;
}

type Chunk = { file: string; imports?: string[]; isEntry?: boolean };

const DIST = path.resolve("web/dist");
const FIRST_ROUTE_PAGE = "features/overview/OverviewPage.tsx";

/** `vite build` into `outDir`: the public build with `--mode public`, the local one in Vite's default mode (as before). */
function viteBuild(mode: "public" | "local", outDir: string): void {
  const args = ["vite", "build", "--config", "web/vite.config.ts", "--logLevel", "error", "--outDir", outDir, "--emptyOutDir"];
  execFileSync("npx", mode === "public" ? [...args, "--mode", "public"] : args, { stdio: "inherit" });
}

/** The first route's JavaScript files and gzip -9 size, and all JavaScript's, of the build in `dist`. */
async function measureDist(dist: string): Promise<{ firstRouteGzipBytes: number; firstRouteFiles: string[]; totalJsGzipBytes: number }> {
  const manifest = JSON.parse(await readFile(path.join(dist, ".vite/manifest.json"), "utf8")) as Record<string, Chunk>;
  const firstRoute = new Set<string>();
  const visit = (key: string) => {
    if (firstRoute.has(key)) return;
    firstRoute.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
  const page = Object.keys(manifest).find((key) => key.endsWith(FIRST_ROUTE_PAGE));
  if (!entry || !page) throw new Error(`${path.join(dist, ".vite/manifest.json")} has no entry or no ${FIRST_ROUTE_PAGE} chunk`);
  visit(entry);
  visit(page);

  const gz = async (file: string) => gzipSync(await readFile(path.join(dist, file)), { level: 9 }).length;
  const jsOf = (keys: Iterable<string>) => [...new Set([...keys].map((key) => manifest[key].file))].filter((f) => f.endsWith(".js"));
  let first = 0;
  const firstFiles = jsOf(firstRoute);
  for (const file of firstFiles) first += await gz(file);
  let total = 0;
  for (const file of jsOf(Object.keys(manifest))) total += await gz(file);
  return { firstRouteGzipBytes: first, firstRouteFiles: firstFiles, totalJsGzipBytes: total };
}

/**
 * `build`: build both (the public one into web/dist, the local one into a temporary directory, removed after);
 * otherwise measure web/dist as it stands (build it with `npm run build:web`) and leave the local figure out.
 */
export async function measureBundle(build = true): Promise<BundleBench> {
  if (!build) return measureDist(DIST);
  const localDist = await mkdtemp(path.join(tmpdir(), "sqp-bench-local-"));
  try {
    viteBuild("local", localDist);
    const local = await measureDist(localDist);
    viteBuild("public", DIST);
    return { ...(await measureDist(DIST)), firstRouteLocalGzipBytes: local.firstRouteGzipBytes };
  } finally {
    await rm(localDist, { recursive: true, force: true });
  }
}
