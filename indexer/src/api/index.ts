/**
 * The index over HTTP: SQL over HTTP at /sql/* (read-only, for `@ponder/client`) and GraphQL at /graphql.
 * Ponder itself serves /status (the last indexed block per chain: the dApp's lag), /ready and /health.
 * `/chain-check` says whether the chain is still the one the index was built from (chain-check.ts); when it
 * is not, /sql and /graphql answer 503 with that sentence instead of another chain's rows.
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { client, graphql } from "ponder";
import { chainCheck } from "./chain-check";
import { dropFlushTempTablesOnCommit } from "./pglite-temp-tables";

// Before indexing starts (Ponder loads this module first): see pglite-temp-tables.ts.
await dropFlushTempTablesOnCommit();

const app = new Hono();

app.get("/chain-check", async (c) => {
  try {
    const result = await chainCheck();
    return c.json(result, result.consistent ? 200 : 409);
  } catch (error) {
    return c.json(
      {
        consistent: false,
        reason: `The index cannot reach its chain's RPC to check it (${error instanceof Error ? error.message.split("\n")[0] : String(error)}).`,
      },
      503,
    );
  }
});

for (const route of ["/sql/*", "/graphql"]) {
  app.use(route, async (c, next) => {
    const result = await chainCheck().catch(() => undefined);
    // An unreachable RPC is not a reset: the rows are served (the dApp compares the index with its own RPC).
    if (result && !result.consistent) return c.text(result.reason, 503);
    await next();
  });
}
app.use("/sql/*", client({ db, schema }));
app.use("/graphql", graphql({ db, schema }));

export default app;
