/// <reference types="vitest/config" />
import path from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const webRoot = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(webRoot, "..");
const generatedDeployments = path.join(repoRoot, "sdk/src/generated/deployments.ts");

/**
 * SQP_DEPLOYMENTS_MODULE=<file>: build against another generated deployments module (scripts/generate.ts's
 * `renderDeployments(dir)`) instead of the committed one — the public-deployment rehearsal builds the dApp
 * for its own chain this way without touching the repository.
 */
function deploymentsOverride(file: string | undefined): Plugin {
  return {
    name: "sqp-deployments-override",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (!file) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === generatedDeployments ? file : null;
    },
  };
}

export default defineConfig(({ mode }) => ({
  root: webRoot,
  plugins: [deploymentsOverride(process.env.SQP_DEPLOYMENTS_MODULE), react()],
  // `--mode public` (npm run build:web): a build for a public deployment, with no local chain and no
  // dev-account connector (see web/src/vite-env.d.ts). Every other build is the local one.
  define: { __DEV_WIRING__: JSON.stringify(mode !== "public") },
  server: {
    // The SDK is a workspace package: node_modules/@support-quality/sdk links to sdk/.
    fs: { allow: [webRoot, path.join(repoRoot, "sdk"), path.join(repoRoot, "node_modules")] },
  },
  build: {
    outDir: path.join(webRoot, "dist"),
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: true,
    // Read by bench/bundle.ts to measure the JavaScript of the first route.
    manifest: true,
  },
  test: {
    root: repoRoot,
    environment: "jsdom",
    include: ["web/src/**/*.test.ts", "web/src/**/*.test.tsx", "web/test/**/*.test.ts", "sdk/src/**/*.test.ts"],
    setupFiles: [path.join(webRoot, "src/test/setup.ts")],
  },
}));
