/**
 * `npm start`: the whole protocol on this machine — a local chain on 127.0.0.1:8545, the contracts
 * deployed and a demo world seeded, and the dApp built and served. Ctrl-C stops everything.
 *
 *   npm start                   everything
 *   npm start -- --no-seed      the bare deployment (then `npm run seed` seeds it)
 *   npm start -- --no-web       chain only, no dApp build
 *   npm start -- --no-relayer   no relayer service (the dApp relays through the node's dev account)
 *   npm start -- --no-indexer   no indexer: the dApp reads its lists from the chain in bounded ranges
 *   DATABASE_URL=postgres://… npm start   the indexer on Postgres instead of embedded PGlite
 *   WEB_PORT=5000 npm start     serve the dApp on another port (default 4173)
 */
import { printRoles } from "./stack/roles-table.js";
import { startStack, WEB_PORT } from "./stack/stack.js";

const webPort = Number(process.env.WEB_PORT ?? WEB_PORT);
const args = process.argv.slice(2);
const unknown = args.filter((a) => !["--no-seed", "--no-web", "--no-relayer", "--no-indexer"].includes(a));
if (unknown.length > 0) {
  console.error(`Unknown option ${unknown.join(", ")}: use --no-seed, --no-web, --no-relayer or --no-indexer.`);
  process.exit(1);
}

try {
  const stack = await startStack({
    webPort,
    seed: !args.includes("--no-seed"),
    web: !args.includes("--no-web"),
    relayer: !args.includes("--no-relayer"),
    indexer: !args.includes("--no-indexer"),
  });
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping the dApp server, the relayer, the indexer and the chain node…");
    await stack.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);

  printRoles();
  const t = stack.timings;
  console.log(`
Ready in ${t.total.toFixed(1)} s (${Object.entries(t)
    .filter(([step]) => step !== "total")
    .map(([step, seconds]) => `${step} ${seconds.toFixed(1)} s`)
    .join(", ")}).

  dApp         ${stack.webUrl ?? "(not built: --no-web)"}
  JSON-RPC     ${stack.node.url}   (chain id 31337)
  Relayer      ${stack.relayer ? `${stack.relayer.url}   (gasless ratings and votes; dev key ${stack.relayer.address})` : "(off: --no-relayer)"}
  Indexer      ${stack.indexer ? `${stack.indexer.url}   (SQL at /sql, GraphQL at /graphql, indexed block at /status)` : "(off: --no-indexer)"}${stack.seed ? "" : "\n  Not seeded:  run `npm run seed` in another terminal."}

In the dApp, connect with "Dev account (local chain only)" and pick a role, or add the chain to a
browser wallet and import a key of Hardhat's public test mnemonic (never for real funds).
Press Ctrl-C to stop.`);
} catch (error) {
  console.error(`\nCould not start the local stack: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
