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
    // The dApp shares code with the CLI: receipts/ (EIP-712 types) and audit/ (recompute-and-compare).
    fs: { allow: [webRoot, path.join(repoRoot, "receipts"), path.join(repoRoot, "audit"), path.join(repoRoot, "node_modules")] },
  },
  build: {
    outDir: path.join(webRoot, "dist"),
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: true,
    // Read by web/first-route-size.ts to measure the JavaScript of the first route.
    manifest: true,
  },
  test: {
    root: repoRoot,
    environment: "jsdom",
    include: ["web/src/**/*.test.ts", "web/src/**/*.test.tsx"],
    setupFiles: [path.join(webRoot, "src/test/setup.ts")],
  },
});
