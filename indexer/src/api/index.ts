/**
 * The index over HTTP: SQL over HTTP at /sql/* (read-only, for `@ponder/client`) and GraphQL at /graphql.
 * Ponder itself serves /status (the last indexed block per chain: the dApp's lag), /ready and /health.
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { client, graphql } from "ponder";

const app = new Hono();
app.use("/sql/*", client({ db, schema }));
app.use("/graphql", graphql({ db, schema }));

export default app;
