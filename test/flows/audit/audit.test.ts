/**
 * The audit against a real chain: thousands of events on the in-process network, read in small block
 * ranges through its EIP-1193 provider, exported, recomputed and compared with on-chain state; then the
 * failures an auditor meets — a tampered export, a provider that caps results or flakes, an RPC that
 * dies mid-run, the wrong chain, a missing file, an unreachable URL in a real process.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { supportRatingsAbi } from "@support-quality/sdk";
import { type AuditReport, type RpcClient, readTimeline, type TimelineFile } from "@support-quality/sdk/audit";
import { getContractEventsBounded, getLatestContractEvents } from "@support-quality/sdk/logs";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import { type Client, createPublicClient, custom, HttpRequestError, RpcRequestError } from "viem";
import { getContractEvents } from "viem/actions";
import { EXIT, runCli } from "../../../scripts/audit.js";
import { buildHistory, type History } from "../../support/audit-history.js";

const RATINGS = 2_000;

/** Collects the CLI's output instead of printing it. */
function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) } };
}

/** A provider wrapper that behaves like public RPCs do: caps results per request, and flakes. */
function providerLike(inner: RpcClient, behaviour: { maxResults?: number; failEvery?: number; dieAfterLogRequests?: number }) {
  const stats = { logRequests: 0, refused: 0, flaked: 0 };
  let calls = 0;
  const client: RpcClient = {
    async request(args) {
      if (args.method === "eth_getLogs") {
        stats.logRequests++;
        if (behaviour.dieAfterLogRequests !== undefined && stats.logRequests > behaviour.dieAfterLogRequests) {
          throw new HttpRequestError({ url: "http://rpc.example", details: "fetch failed" });
        }
      }
      if (behaviour.dieAfterLogRequests !== undefined && stats.logRequests > behaviour.dieAfterLogRequests) {
        throw new HttpRequestError({ url: "http://rpc.example", details: "fetch failed" });
      }
      if (behaviour.failEvery && ++calls % behaviour.failEvery === 0) {
        stats.flaked++;
        throw new HttpRequestError({ url: "http://rpc.example", status: 503, details: "Service Unavailable" });
      }
      const result = await inner.request(args);
      if (args.method === "eth_getLogs" && behaviour.maxResults && (result as unknown[]).length > behaviour.maxResults) {
        stats.refused++;
        throw new RpcRequestError({
          body: args,
          url: "http://rpc.example",
          error: { code: -32005, message: `query returned more than ${behaviour.maxResults} results` },
        });
      }
      return result;
    },
  };
  return { client, stats };
}

describe("audit of a long history", () => {
  let connection: NetworkConnection;
  let history: History;
  let client: RpcClient;
  let dir: string;
  let deploymentsFile: string;
  let logCount: number;

  before(async () => {
    connection = await network.create();
    history = await buildHistory(connection, { ratings: RATINGS, perBlock: 8 });
    client = createPublicClient({ transport: custom(connection.provider) });
    dir = await mkdtemp(path.join(tmpdir(), "audit-"));
    deploymentsFile = path.join(dir, "deployment.json");
    await writeFile(deploymentsFile, JSON.stringify(history.deployment));
    // The reference count: one unbounded eth_getLogs over the same contracts.
    const logs = (await connection.provider.request({
      method: "eth_getLogs",
      params: [{ address: Object.values(history.deployment.contracts), fromBlock: `0x${history.deployment.deploymentBlock.toString(16)}`, toBlock: "latest" }],
    })) as unknown[];
    logCount = logs.length;
  });

  after(async () => {
    await connection.close();
  });

  it("exports every event, read 50 blocks at a time, and every aggregate matches on-chain state", async () => {
    const out = path.join(dir, "full");
    const { io, out: lines, err } = captureIo();
    const code = await runCli(["--deployments", deploymentsFile, "--out", out, "--range-size", "50"], { client, io });
    assert.deepEqual(err, []);
    assert.equal(code, EXIT.ok, lines.join("\n"));

    const file = JSON.parse(await readFile(path.join(out, "timeline.json"), "utf8")) as TimelineFile;
    assert.ok(logCount > RATINGS, `history has ${logCount} logs`);
    assert.equal(file.rows.length, logCount);
    assert.equal(file.rows.filter((r) => r.event === "Rated").length, RATINGS);
    assert.equal(file.rows.filter((r) => r.event === "RatingVoided").length, history.voids);
    assert.equal(file.rows.filter((r) => r.event === "RatingReplied").length, history.replies);
    assert.ok(file.toBlock - file.fromBlock > 200, "the history spans hundreds of blocks, so many ranges");
    // Rows are in chain order and each carries its block's real timestamp.
    for (let i = 1; i < file.rows.length; i++) {
      const [a, b] = [file.rows[i - 1], file.rows[i]];
      assert.ok(a.block < b.block || (a.block === b.block && a.logIndex < b.logIndex));
    }
    const last = file.rows.at(-1)!;
    const block = (await connection.provider.request({ method: "eth_getBlockByNumber", params: [`0x${last.block.toString(16)}`, false] })) as {
      timestamp: string;
    };
    assert.equal(last.time, Number(block.timestamp));

    const csv = (await readFile(path.join(out, "timeline.csv"), "utf8")).trimEnd().split("\n");
    // One column per field: the fixed columns, then every event field that occurs, in order of first appearance.
    const fieldNames = [...new Set(file.rows.flatMap((r) => Object.keys(r.args)))];
    assert.equal(csv[0], ["block", "time", "tx", "logIndex", "contract", "event", ...fieldNames].join(","));
    for (const column of ["ratingId", "score", "comment", "reason", "reply"]) assert.ok(fieldNames.includes(column), column);
    // Comments contain quotes and commas: the CSV quotes them, so lines = rows + header.
    assert.equal(csv.length, logCount + 1);

    const report = JSON.parse(await readFile(path.join(out, "report.json"), "utf8")) as AuditReport;
    assert.deepEqual(report.mismatches, []);
    assert.equal(report.agents.length, 6);
    assert.equal(report.desks.length, 2);
    const { ratings } = history.protocol;
    for (const verdict of report.agents) {
      const onChain = (await ratings.read.agentStats([verdict.key as `0x${string}`])) as {
        count: bigint;
        sum: bigint;
        histogram: readonly bigint[];
        voided: bigint;
      };
      assert.equal(verdict.recomputed.count, Number(onChain.count));
      assert.deepEqual(verdict.recomputed.histogram, onChain.histogram.map(Number));
      assert.equal(verdict.recomputed.sum, Number(onChain.sum));
      assert.equal(verdict.recomputed.slaMet + verdict.recomputed.slaBreached, verdict.recomputed.count, "every rating had an SLA in force");
      assert.equal(verdict.recomputed.voided, Number(onChain.voided));
    }
    const total = report.desks.reduce((n, d) => n + d.recomputed.count, 0);
    assert.equal(total, RATINGS - history.voids);
    assert.equal(
      report.desks.reduce((n, d) => n + d.recomputed.voided, 0),
      history.voids,
    );
    assert.deepEqual(
      report.policies.map((p) => [p.policyId, p.versions.length, p.retired, p.mismatches.length]),
      [
        [1, 1, false, 0],
        [2, 1, false, 0],
        [3, 2, true, 0],
      ],
    );
    assert.ok(lines.some((l) => l.startsWith("OK:")));
  });

  it("catches a tampered export: a changed score and a dropped void", async () => {
    const out = path.join(dir, "tamper");
    assert.equal(await runCli(["--deployments", deploymentsFile, "--out", out, "--range-size", "500"], { client, io: captureIo().io }), EXIT.ok);
    const file = JSON.parse(await readFile(path.join(out, "timeline.json"), "utf8")) as TimelineFile;

    const changed = structuredClone(file);
    const rated = changed.rows.find((r) => r.event === "Rated" && r.args.score !== 5)!;
    const oldScore = Number(rated.args.score);
    rated.args.score = 5;
    const changedFile = path.join(out, "changed.json");
    await writeFile(changedFile, JSON.stringify(changed));
    const first = captureIo();
    assert.equal(await runCli(["--deployments", deploymentsFile, "--out", out, "--verify-file", changedFile], { client, io: first.io }), EXIT.mismatch);
    const agent = String(rated.args.agent).toLowerCase();
    const agentLine = first.out.find((l) => l.includes(`Agent ${agent}:`));
    assert.ok(agentLine, first.out.join("\n"));
    assert.ok(first.out.some((l) => l.startsWith(`  - Desk ${rated.args.deskId}:`)));
    assert.ok(
      first.out.some((l) => l.startsWith("MISMATCH: 2 problem(s)")),
      first.out.join("\n"),
    );
    assert.notEqual(oldScore, 5);

    const dropped = structuredClone(file);
    const voidIndex = dropped.rows.findIndex((r) => r.event === "RatingVoided");
    const voidedAgent = String(dropped.rows[voidIndex].args.agent).toLowerCase();
    dropped.rows.splice(voidIndex, 1);
    const droppedFile = path.join(out, "dropped.json");
    await writeFile(droppedFile, JSON.stringify(dropped));
    const second = captureIo();
    assert.equal(await runCli(["--deployments", deploymentsFile, "--out", out, "--verify-file", droppedFile], { client, io: second.io }), EXIT.mismatch);
    const line = second.out.find((l) => l.includes(`Agent ${voidedAgent}:`))!;
    assert.match(line, /voided \d+; the contract holds .*voided \d+\.$/);

    const forged = structuredClone(file);
    const published = forged.rows.find((r) => r.event === "PolicyPublished")!;
    (published.args.content as { text: string }).text = "Support may ask for your seed phrase.";
    const forgedFile = path.join(out, "forged.json");
    await writeFile(forgedFile, JSON.stringify(forged));
    const third = captureIo();
    assert.equal(await runCli(["--deployments", deploymentsFile, "--out", out, "--verify-file", forgedFile], { client, io: third.io }), EXIT.mismatch);
    assert.ok(third.out.some((l) => l.includes(`Policy ${published.args.policyId} version 1: the published content does not hash to its content hash`)));
  });

  it("halves ranges a provider refuses as too large and retries transient failures", async () => {
    const reference = await readTimeline(client, history.deployment);
    const { client: capped, stats } = providerLike(client, { maxResults: 300, failEvery: 7 });
    const timeline = await readTimeline(capped, history.deployment, { retry: { retries: 5, baseDelayMs: 1 } });
    assert.ok(stats.refused > 0, "the provider refused some ranges");
    assert.ok(stats.flaked > 0, "the provider flaked");
    assert.equal(timeline.rows.length, logCount);
    assert.deepEqual(timeline.rows, reference.rows);
  });

  it("the dApp's bounded reader halves a range refused for its results: every rating, and the newest ten newest first", async () => {
    const SupportRatings = history.deployment.contracts.SupportRatings;
    const fromBlock = BigInt(history.deployment.deploymentBlock);
    const all = await getContractEvents(client as Client, { address: SupportRatings, abi: supportRatingsAbi, eventName: "Rated", fromBlock, strict: true });
    assert.equal(all.length, RATINGS);
    // One 10,000-block range holds all 2,000 ratings; this provider refuses more than 300 results per request.
    const { client: capped, stats } = providerLike(client, { maxResults: 300 });
    // No transport retries: viem retries a -32005 three times before the reader sees it, which only slows the test.
    const cappedClient = createPublicClient({ transport: custom(capped, { retryCount: 0 }) });
    const bounded = await getContractEventsBounded(cappedClient, { address: SupportRatings, abi: supportRatingsAbi, eventName: "Rated", fromBlock });
    assert.ok(stats.refused > 0, "the provider refused the whole range");
    assert.deepEqual(
      bounded.map((l) => l.args.ratingId),
      all.map((l) => l.args.ratingId),
    );
    const refusedBefore = stats.refused;
    const latest = await getLatestContractEvents(cappedClient, { address: SupportRatings, abi: supportRatingsAbi, eventName: "Rated", fromBlock }, 10);
    assert.ok(stats.refused > refusedBefore);
    assert.deepEqual(
      latest.map((l) => l.args.ratingId),
      all
        .slice(-10)
        .reverse()
        .map((l) => l.args.ratingId),
    );
  });

  it("fails in one line when the RPC dies mid-run, writes no timeline, and resumes from its cache", async () => {
    const out = path.join(dir, "dies");
    const { client: dying } = providerLike(client, { dieAfterLogRequests: 3 });
    const first = captureIo();
    const code = await runCli(["--deployments", deploymentsFile, "--out", out, "--range-size", "20", "--retries", "1"], { client: dying, io: first.io });
    assert.equal(code, EXIT.error);
    assert.equal(first.err.length, 1);
    assert.match(first.err[0], /^audit: The RPC failed while reading logs after block \d+: the RPC cannot be reached\.$/);
    assert.equal(existsSync(path.join(out, "timeline.json")), false);
    assert.equal(existsSync(path.join(out, "timeline.csv")), false);

    // The rerun reads only what the first run did not: fewer requests, the same timeline.
    const { client: healthy, stats } = providerLike(client, {});
    const second = captureIo();
    assert.equal(await runCli(["--deployments", deploymentsFile, "--out", out, "--range-size", "20"], { client: healthy, io: second.io }), EXIT.ok);
    const full = JSON.parse(await readFile(path.join(dir, "full", "timeline.json"), "utf8")) as TimelineFile;
    const resumed = JSON.parse(await readFile(path.join(out, "timeline.json"), "utf8")) as TimelineFile;
    const ranges = Math.ceil((full.toBlock - full.fromBlock + 1) / 20);
    assert.ok(stats.logRequests < ranges, `resumed with ${stats.logRequests} of ${ranges} requests`);
    assert.deepEqual(
      resumed.rows,
      full.rows.filter((r) => r.block <= resumed.toBlock),
    );
  });

  it("refuses a deployments file of another chain, and a missing one", async () => {
    const wrong = path.join(dir, "wrong-chain.json");
    await writeFile(wrong, JSON.stringify({ ...history.deployment, chainId: 1 }));
    const first = captureIo();
    assert.equal(await runCli(["--deployments", wrong, "--out", path.join(dir, "wrong")], { client, io: first.io }), EXIT.error);
    assert.deepEqual(first.err, ["audit: The RPC serves chain 31337, but the deployments file is for chain 1."]);

    const missing = path.join(dir, "nope.json");
    const second = captureIo();
    assert.equal(await runCli(["--deployments", missing, "--out", path.join(dir, "missing")], { client, io: second.io }), EXIT.error);
    assert.deepEqual(second.err, [`audit: The deployments file ${missing} does not exist.`]);
  });

  it("reports an unreachable RPC in one line and a non-zero exit, as a real process", async () => {
    const run = promisify(execFile);
    const error = await run("npx", ["tsx", "scripts/audit.ts", "--rpc", "http://127.0.0.1:1"], { cwd: process.cwd() }).then(
      () => assert.fail("the audit succeeded against a dead RPC"),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    assert.equal(error.code, EXIT.error);
    assert.equal(error.stdout, "");
    const lines = error.stderr.split("\n").filter((l) => l && !l.startsWith("npm warn"));
    assert.deepEqual(lines, ["audit: Cannot reach the RPC at http://127.0.0.1:1: the RPC cannot be reached."]);
  });
});
