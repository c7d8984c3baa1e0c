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
    // The dApp shares code with the CLI: receipts/ (EIP-712 types), audit/ (recompute-and-compare) and
    // policies/ (typed policy parameters).
    fs: { allow: [webRoot, path.join(repoRoot, "receipts"), path.join(repoRoot, "audit"), path.join(repoRoot, "policies"), path.join(repoRoot, "node_modules")] },
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
    include: ["web/src/**/*.test.ts", "web/src/**/*.test.tsx"],
    setupFiles: [path.join(webRoot, "src/test/setup.ts")],
  },
});
