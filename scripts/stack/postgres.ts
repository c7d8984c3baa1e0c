/**
 * A throw-away PostgreSQL server (Debian's PostgreSQL 15) for tests and the bench: a fresh data directory
 * owned by the `postgres` user (the server refuses to run as root), a free port, a Unix socket in the
 * same directory; `stop()` shuts it down and deletes everything.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./indexer.js";

export const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

export interface Postgres {
  url: string;
  port: number;
  /** Runs `sql` through psql and returns its unaligned output. */
  psql(sql: string): string;
  stop(): Promise<void>;
}

export const postgresAvailable = () => existsSync(path.join(PG_BIN, "initdb"));

export async function startPostgres(): Promise<Postgres> {
  if (!postgresAvailable()) throw new Error(`PostgreSQL binaries not found in ${PG_BIN} (apt-get install postgresql, or set PG_BIN).`);
  const dir = mkdtempSync(path.join(os.tmpdir(), "sqp-pg-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  const root = process.getuid?.() === 0;
  // As root, run the server as `postgres`; otherwise as the current user.
  const as = (bin: string, args: string[]) =>
    (root ? ["runuser", ["-u", "postgres", "--", path.join(PG_BIN, bin), ...args]] : [path.join(PG_BIN, bin), args]) as [string, string[]];
  const run = (bin: string, args: string[]) => {
    const [cmd, argv] = as(bin, args);
    const result = spawnSync(cmd, argv, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${bin} failed: ${result.stderr || result.stdout}`);
    return result.stdout;
  };
  const port = await freePort();
  const user = root ? "postgres" : os.userInfo().username;
  run("initdb", ["-D", data, "-U", user, "--auth=trust", "-E", "UTF8", "--no-sync"]);
  run("pg_ctl", [
    "-D",
    data,
    "-l",
    path.join(dir, "server.log"),
    "-w",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
    "start",
  ]);
  const url = `postgres://${user}@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    psql: (sql) => {
      const [cmd, argv] = as("psql", ["-h", dir, "-p", String(port), "-U", user, "-d", "postgres", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql]);
      return execFileSync(cmd, argv, { encoding: "utf8" });
    },
    async stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
