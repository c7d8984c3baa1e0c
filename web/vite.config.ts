/// <reference types="vitest/config" />
import path from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const webRoot = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(webRoot, "..");

export default defineConfig(({ mode }) => ({
  root: webRoot,
  plugins: [react()],
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
