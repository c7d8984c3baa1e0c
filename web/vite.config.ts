/// <reference types="vitest/config" />
import path from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const webRoot = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(webRoot, "..");

export default defineConfig({
  root: webRoot,
  plugins: [react()],
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
    include: ["web/src/**/*.test.ts", "web/src/**/*.test.tsx", "sdk/src/**/*.test.ts"],
    setupFiles: [path.join(webRoot, "src/test/setup.ts")],
  },
});
