/**
 * The indexer against a real chain and real databases: the local stack (deployed and seeded through the one
 * deploy path), one indexer on embedded PGlite and one on a throw-away PostgreSQL 15 server, both from the
 * deployment block. Every table must equal the replay of the chain's events, the aggregates must equal the
 * contracts' own views, and `npm run audit -- --indexer` must exit 0 — and 1, naming the row, once a row
 * is tampered with in Postgres.
 *
 * Run: npm run test:indexer (about a minute; it picks free ports).
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { abis, type Deployment, type PolicyContent, policyContentHash, SlaVerdict } from "@support-quality/sdk";
import { auditIndex, readTimeline, type TimelineRow } from "@support-quality/sdk/audit";
import { indexerStatus, queryIndex } from "@support-quality/sdk/indexer";
import { type Address, createPublicClient, http, type PublicClient } from "viem";
import { freePort, type Indexer, startIndexer } from "../../scripts/stack/indexer.js";
import { type Postgres, postgresAvailable, startPostgres } from "../../scripts/stack/postgres.js";
import { ROOT, type Stack, startStack } from "../../scripts/stack/stack.js";

let stack: Stack;
let pg: Postgres;
let client: PublicClient;
let deployment: Deployment;
let rows: TimelineRow[];
let head: number;
const indexers: Record<"pglite" | "postgres", Indexer | undefined> = { pglite: undefined, postgres: undefined };
const SCHEMA = `sqp_test_${process.pid}`;

before(
  async () => {
    assert.ok(postgresAvailable(), "PostgreSQL 15 binaries are required (apt-get install postgresql)");
    const nodePort = await freePort();
    [stack, pg] = await Promise.all([startStack({ nodePort, web: false, log: () => {} }), startPostgres()]);
    deployment = stack.deployment;
    client = createPublicClient({ transport: http(stack.node.url) });
    head = Number(await client.getBlockNumber());
    [indexers.pglite, indexers.postgres] = await Promise.all([
      startIndexer({ rpcUrl: stack.node.url }),
      startIndexer({ rpcUrl: stack.node.url, databaseUrl: pg.url, schema: SCHEMA }),
    ]);
    rows = (await readTimeline(client, deployment, { toBlock: head })).rows;
    await Promise.all([indexers.pglite.waitFor(head, 400_000), indexers.postgres.waitFor(head, 400_000)]);
  },
  { timeout: 600_000 },
);

after(async () => {
  await Promise.all([indexers.pglite?.stop(), indexers.postgres?.stop()]);
  await pg?.stop();
  await stack?.stop();
});

const count = (events: string[]) => rows.filter((r) => events.includes(`${r.contract}:${r.event}`)).length;

for (const database of ["pglite", "postgres"] as const) {
  describe(`indexer on ${database}`, () => {
    const url = () => indexers[database]!.url;

    it("reports the chain head it indexed on /status", async () => {
      const status = await indexerStatus(url());
      assert.equal(status?.chainId, 31337);
      assert.equal(status?.block, head);
    });

    it("holds every event of every contract, and every table equals the replay of the chain's events", async () => {
      const [{ n }] = await queryIndex(url(), "select count(*)::int as n from timeline");
      assert.equal(n, rows.length);
      // The seeded world has every kind of row the pages list.
      for (const [table, events] of Object.entries({
        rating: ["SupportRatings:Rated"],
        proposal: ["SupportGovernor:ProposalCreated"],
        vote: ["SupportGovernor:VoteCast", "SupportGovernor:VoteCastWithParams"],
        policy_version: ["PolicyRegistry:PolicyPublished"],
        report: ["AgentRegistry:ImpersonatorReported"],
        agent: ["AgentRegistry:AgentAdded"],
        desk: ["AgentRegistry:DeskRegistered"],
        article: ["KnowledgeBase:ArticleCreated"],
        article_version: ["KnowledgeBase:ArticlePublished"],
        helpful_vote: ["KnowledgeBase:HelpfulVoted"],
      })) {
        const [{ n: rowsInTable }] = await queryIndex(url(), `select count(*)::int as n from ${table}`);
        assert.equal(rowsInTable, count(events), table);
        assert.ok(Number(rowsInTable) > 0, `the seeded world has ${table} rows`);
      }
      // The seeded AI assistant's ticket handed to a person: the rating row names the AI ticket's rating.
      const [{ n: escalations }] = await queryIndex(url(), "select count(*)::int as n from rating where escalated_from is not null");
      assert.equal(escalations, count(["SupportRatings:RatingEscalated"]));
      assert.ok(Number(escalations) > 0, "the seeded world has an escalated rating");
      assert.deepEqual(await auditIndex(url(), rows), []);
    });

    it("holds every policy version's content as published: it hashes to the content hash the registry stores", async () => {
      // The rate page and the profiles read a version's text and parameters from here and keep them only if they do.
      const registry = { address: deployment.contracts.PolicyRegistry, abi: abis.PolicyRegistry } as const;
      const versions = await queryIndex(url(), "select policy_id, version, kind, content from policy_version order by policy_id, version");
      assert.ok(versions.length >= 4);
      for (const v of versions) {
        const stored = await client.readContract({ ...registry, functionName: "version", args: [BigInt(Number(v.policy_id)), BigInt(Number(v.version))] });
        assert.equal(policyContentHash(Number(v.kind), v.content as PolicyContent), stored.contentHash, `policy ${v.policy_id} v${v.version}`);
      }
    });

    it("holds every help article's versions with the helpful counts the knowledge base stores", async () => {
      const kb = { address: deployment.contracts.KnowledgeBase, abi: abis.KnowledgeBase } as const;
      const versions = await queryIndex(
        url(),
        "select article_id, version, content_hash, helpful, not_helpful from article_version order by article_id, version",
      );
      assert.equal(versions.length, 14, "13 articles, one of them in two versions");
      for (const v of versions) {
        const stored = await client.readContract({ ...kb, functionName: "articleVersion", args: [BigInt(String(v.article_id)), BigInt(String(v.version))] });
        assert.deepEqual(
          [v.content_hash, v.helpful, v.not_helpful],
          [stored.contentHash.toLowerCase(), stored.helpful, stored.notHelpful],
          `article ${v.article_id} v${v.version}`,
        );
      }
      assert.ok(
        versions.some((v) => Number(v.helpful) + Number(v.not_helpful) > 0),
        "the seeded world has helpful votes",
      );
    });

    it("counts every agent's and desk's ratings exactly as the contracts do", async () => {
      const ratings = { address: deployment.contracts.SupportRatings, abi: abis.SupportRatings } as const;
      const registry = { address: deployment.contracts.AgentRegistry, abi: abis.AgentRegistry } as const;
      // Every column the dApp's directory reads from the index instead of the contract views (web/src/lib/standings.ts).
      const agents = await queryIndex(url(), "select id, desk_id, status, kind, count, sum, histogram, sla_met, sla_breached, voided from agent order by id");
      assert.ok(agents.length >= 5);
      for (const a of agents) {
        const s = await client.readContract({ ...ratings, functionName: "agentStats", args: [a.id as Address] });
        const record = await client.readContract({ ...registry, functionName: "agent", args: [a.id as Address] });
        assert.deepEqual([a.desk_id, a.status, a.kind], [record.deskId, record.status, record.kind], `agent ${a.id}`);
        assert.deepEqual(
          { count: a.count, sum: a.sum, histogram: a.histogram, slaMet: a.sla_met, slaBreached: a.sla_breached, voided: a.voided },
          {
            count: Number(s.count),
            sum: Number(s.sum),
            histogram: s.histogram.map(Number),
            slaMet: Number(s.slaMet),
            slaBreached: Number(s.slaBreached),
            voided: Number(s.voided),
          },
          `agent ${a.id}`,
        );
      }
      const desks = await queryIndex(
        url(),
        "select id, name, self_signing, community, removed_at, count, sum, histogram, sla_met, sla_breached, voided from desk order by id",
      );
      assert.equal(desks.length, await client.readContract({ ...registry, functionName: "deskCount" }));
      for (const d of desks) {
        const s = await client.readContract({ ...ratings, functionName: "deskStats", args: [Number(d.id)] });
        const record = await client.readContract({ ...registry, functionName: "desk", args: [Number(d.id)] });
        const deskAgents = await client.readContract({ ...registry, functionName: "deskAgents", args: [Number(d.id)] });
        assert.deepEqual(
          [d.name, d.self_signing, d.community, d.removed_at == null, d.count, d.sum, d.histogram, d.sla_met, d.sla_breached, d.voided],
          [
            record.name,
            record.selfSigning,
            record.community,
            record.removedAt === 0,
            Number(s.count),
            Number(s.sum),
            s.histogram.map(Number),
            Number(s.slaMet),
            Number(s.slaBreached),
            Number(s.voided),
          ],
          `desk ${d.id}`,
        );
        // The directory lists a desk's agents in the order the registry added them.
        const listed = await queryIndex(url(), "select id from agent where desk_id = $1 order by added_block, added_log_index", [Number(d.id)]);
        assert.deepEqual(
          listed.map((r) => String(r.id)),
          deskAgents.map((a) => a.toLowerCase()),
          `desk ${d.id}'s agents`,
        );
      }
      const [{ met }] = await queryIndex(url(), "select count(*)::int as met from rating where verdict = $1 and not voided and not self_signed", [
        SlaVerdict.Met,
      ]);
      assert.equal(
        met,
        desks.reduce((n, d) => n + Number(d.sla_met), 0),
      );
    });

    it("refuses a write through the SQL endpoint", async () => {
      await assert.rejects(queryIndex(url(), "delete from rating"), /HTTP 500/);
      const [{ n }] = await queryIndex(url(), "select count(*)::int as n from rating");
      assert.equal(n, count(["SupportRatings:Rated"]));
    });
  });
}

describe("npm run audit -- --indexer", () => {
  // Asynchronous: the chain node runs in this process and must keep answering while the CLI reads it.
  const audit = (indexerUrl: string) =>
    new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      const args = [
        "tsx",
        "scripts/audit.ts",
        "--rpc",
        stack.node.url,
        "--indexer",
        indexerUrl,
        "--no-cache",
        "--out",
        path.join(os.tmpdir(), `sqp-audit-${process.pid}`),
      ];
      execFile("npx", args, { cwd: ROOT, encoding: "utf8" }, (error, stdout, stderr) => {
        resolve({ status: error ? Number(error.code) : 0, stdout, stderr });
      });
    });

  it("exits 0 when the index matches the chain", async () => {
    const run = await audit(indexers.postgres!.url);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /every table matches the chain\.$/m);
  });

  it("exits 1 naming the row and column of a tampered row", async () => {
    const [agent] = await queryIndex(indexers.postgres!.url, "select id, count from agent where count > 0 order by id limit 1");
    // Behind Ponder's back, as an attacker with database access would: its live-query trigger is skipped.
    pg.psql(`set session_replication_role = replica; update "${SCHEMA}".agent set count = count + 1 where id = '${agent.id}'`);
    const run = await audit(indexers.postgres!.url);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const mismatches = run.stdout.split("\n").filter((line) => line.startsWith("Index mismatch"));
    assert.deepEqual(mismatches, [`Index mismatch: agent ${agent.id}: count is ${Number(agent.count) + 1} in the index, ${agent.count} from the chain.`]);
  });

  it("exits 2 with one sentence when the index does not answer", async () => {
    const run = await audit(`http://127.0.0.1:${await freePort()}`);
    assert.equal(run.status, 2);
    assert.match(run.stderr.trim(), /^audit: The index at http:\/\/127\.0\.0\.1:\d+ does not answer \(is it running\?\)\.$/);
  });
});
