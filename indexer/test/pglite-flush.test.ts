/**
 * Regression: on embedded PGlite the `rating` table read empty over `/sql` once a backfill held 1,000 ratings
 * (300: all rows). Ponder 0.16 flushes more than 20 updated rows of a table (here: the replies and voids of
 * ratings indexed in an earlier batch) through a session temp table named like the table and keeps it;
 * PGlite's one session is the API's too, and an unqualified `rating` resolved to that empty temp table
 * (src/api/pglite-temp-tables.ts). A 1,000-rating history (test/support/audit-history.ts: 25 voids and 34
 * replies, mined 25 transactions a block), indexed from the deployment block on PGlite.
 *
 * Run: node --import tsx --test indexer/test/pglite-flush.test.ts (about a minute and a half; it picks free ports).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, it } from "node:test";
import type { Deployment } from "@support-quality/sdk";
import { auditIndex, readTimeline, type TimelineRow } from "@support-quality/sdk/audit";
import { queryIndex } from "@support-quality/sdk/indexer";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import { createPublicClient, http } from "viem";
import { recordDeployment } from "../../scripts/stack/deployment.js";
import { freePort, type Indexer, startIndexer } from "../../scripts/stack/indexer.js";
import { type LocalNode, mineLinkedBlocks, startNode } from "../../scripts/stack/node.js";
import { buildHistory, type History } from "../../test/support/audit-history.js";

const RATINGS = 1_000;

let node: LocalNode;
let connection: NetworkConnection;
let history: History;
let indexer: Indexer;
let rows: TimelineRow[];
let deploymentsDir: string;

before(
  async () => {
    node = await startNode({ port: await freePort() });
    connection = await network.create({ network: "localhost", override: { url: node.url } });
    history = await buildHistory(connection, { ratings: RATINGS, perBlock: 25 });
    // Past Ponder's finality window (30 blocks), so the whole history is backfilled in ranges.
    await mineLinkedBlocks(node.provider, 40);
    const client = createPublicClient({ transport: http(node.url) });
    const head = Number(await client.getBlockNumber());
    deploymentsDir = mkdtempSync(path.join(os.tmpdir(), "sqp-pglite-flush-"));
    await recordDeployment(history.protocol.deployment, deploymentsDir);
    indexer = await startIndexer({ rpcUrl: node.url, deploymentsDir });
    rows = (await readTimeline(client, history.protocol.deployment as Deployment, { toBlock: head })).rows;
    await indexer.waitFor(head, 300_000);
  },
  { timeout: 600_000 },
);

after(async () => {
  await indexer?.stop();
  await connection?.close();
  await node?.close();
  if (deploymentsDir) rmSync(deploymentsDir, { recursive: true, force: true });
});

const events = (name: string) => rows.filter((r) => r.contract === "SupportRatings" && r.event === name);

it(`holds every one of ${RATINGS} ratings on PGlite, with their replies and voids`, async () => {
  assert.equal(events("Rated").length, RATINGS);
  const [counts] = await queryIndex(
    indexer.url,
    "select count(*)::int as n, count(*) filter (where voided)::int as voided, count(reply)::int as replied from rating",
  );
  assert.deepEqual(counts, { n: RATINGS, voided: history.voids, replied: history.replies });
  assert.deepEqual([events("RatingVoided").length, events("RatingReplied").length], [history.voids, history.replies]);
  // The same through an agent's page query (the dApp's), and every table equal to the replay of the chain.
  const agent = history.agents[0].toLowerCase();
  const [{ n: agentRatings }] = await queryIndex(indexer.url, "select count(*)::int as n from rating where agent = $1", [agent]);
  assert.equal(agentRatings, events("Rated").filter((r) => String(r.args.agent).toLowerCase() === agent).length);
  assert.deepEqual(await auditIndex(indexer.url, rows), []);
});

it("keeps a rating's fields through the flush of its void (an updated row written via Ponder's temp table)", async () => {
  const voided = events("RatingVoided")[0];
  const ratingId = String(voided.args.ratingId);
  const rated = events("Rated").find((r) => r.args.ratingId === ratingId);
  assert.ok(rated, `the Rated event of ${ratingId}`);
  const [row] = await queryIndex(
    indexer.url,
    "select id, desk_id, agent, requester, score, verdict, comment, voided, void_reason, voided_at, block, log_index from rating where id = $1",
    [ratingId],
  );
  assert.deepEqual(row, {
    id: ratingId,
    desk_id: Number(rated.args.deskId),
    agent: String(rated.args.agent).toLowerCase(),
    requester: String(rated.args.requester).toLowerCase(),
    score: Number(rated.args.score),
    verdict: Number(rated.args.verdict),
    comment: rated.args.comment,
    voided: true,
    void_reason: "Abusive",
    voided_at: String(voided.time),
    block: String(rated.block),
    log_index: rated.logIndex,
  });
});
