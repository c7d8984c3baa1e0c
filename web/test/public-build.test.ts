// @vitest-environment node
/**
 * The public build (`npm run build:web`, Vite mode "public") has no dev wiring: no dev-account connector,
 * no local chain, and it offers exactly the chains that have a public deployment. Built for real with the
 * repository's Vite config; only the generated deployments are a fixture (the repository has no public one).
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fixture = path.join(webRoot, "test/public-deployments.fixture.ts");

/** Points the SDK's generated deployments at the fixture. */
const fixtureDeployments: Plugin = {
  name: "fixture-deployments",
  enforce: "pre",
  resolveId(source, importer) {
    if (source === "./generated/deployments.js" && importer?.includes(`${path.sep}sdk${path.sep}src${path.sep}`)) return fixture;
    return null;
  },
};

async function buildJs(mode: string): Promise<string> {
  const outDir = await mkdtemp(path.join(tmpdir(), `sqp-${mode}-`));
  try {
    await build({
      configFile: path.join(webRoot, "vite.config.ts"),
      mode,
      logLevel: "error",
      plugins: [fixtureDeployments],
      build: { outDir, emptyOutDir: true, manifest: false },
    });
    const assets = path.join(outDir, "assets");
    const files = (await readdir(assets)).filter((f) => f.endsWith(".js"));
    return (await Promise.all(files.map((f) => readFile(path.join(assets, f), "utf8")))).join("\n");
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

describe("the public build", () => {
  let publicJs = "";
  let localJs = "";
  beforeAll(async () => {
    // One after the other: each build uses the whole machine.
    publicJs = await buildJs("public");
    localJs = await buildJs("production");
  }, 300_000);
  afterAll(() => {
    publicJs = localJs = "";
  });

  it("has no dev-account connector and no local chain", () => {
    for (const needle of ["devAccount", "Dev account (local chain only)", "127.0.0.1:8545", "31337", "0x5FC8d32690cc91D4c39d9d3abcBD16989F875707"]) {
      expect(publicJs.includes(needle), needle).toBe(false);
    }
  });

  it("offers the chains that have a public deployment, with its addresses", () => {
    expect(publicJs).toContain("11155111");
    expect(publicJs).toContain("0x4444444444444444444444444444444444444444");
  });

  it("is what the local build would be without the dev wiring (the same check finds it there)", () => {
    for (const needle of ["devAccount", "127.0.0.1:8545", "31337", "11155111"]) expect(localJs.includes(needle), needle).toBe(true);
  });
});
