/**
 * Decoding-free unit tests of the recomputation on generated histories: the aggregates of random
 * histories against a direct count, the anomalies a history can hold, and the CSV form.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { articleContentHash } from "@support-quality/sdk";
import { emptyStats, recompute, type TimelineRow, toCsv } from "@support-quality/sdk/audit";
import { keccak256, toHex } from "viem";
import { prng } from "../../support/audit-history.js";

let logIndex = 0;
const row = (contract: TimelineRow["contract"], event: string, args: TimelineRow["args"], block = 1): TimelineRow => ({
  block,
  logIndex: logIndex++,
  time: 1_700_000_000 + block,
  tx: `0x${"ab".repeat(32)}`,
  contract,
  event,
  args,
});

const AGENTS = ["0x00000000000000000000000000000000000000a1", "0x00000000000000000000000000000000000000a2", "0x00000000000000000000000000000000000000b1"];
const DESK_OF: Record<string, number> = { [AGENTS[0]]: 1, [AGENTS[1]]: 1, [AGENTS[2]]: 2 };

/** A random history of ratings and voids (the form the decoder produces: uint256 as strings). */
function generate(seed: number, n: number) {
  const random = prng(seed);
  const rows: TimelineRow[] = [
    row("AgentRegistry", "DeskRegistered", { deskId: 1, name: "A", selfSigning: false }),
    row("AgentRegistry", "DeskRegistered", { deskId: 2, name: "B", selfSigning: true }),
    ...AGENTS.map((agent) => row("AgentRegistry", "AgentAdded", { deskId: DESK_OF[agent], agent, handle: "", by: agent })),
  ];
  const ratings: { id: string; agent: string; score: number; verdict: number; voided: boolean; selfSigned: boolean }[] = [];
  for (let i = 0; i < n; i++) {
    if (ratings.length && random() < 0.1) {
      const target = ratings[Math.floor(random() * ratings.length)];
      if (!target.voided) {
        target.voided = true;
        rows.push(row("SupportRatings", "RatingVoided", { ratingId: target.id, deskId: DESK_OF[target.agent], agent: target.agent, reason: "spam" }, i + 2));
      }
      continue;
    }
    const agent = AGENTS[Math.floor(random() * 3)];
    // Desk 2 lets its agents sign their own receipts: some of its ratings carry the agent in the id's high bits.
    const selfSigned = DESK_OF[agent] === 2 && random() < 0.5;
    const id = (selfSigned ? BigInt(agent) << 96n : 0n) | (BigInt(DESK_OF[agent]) << 64n) | BigInt(i);
    const rating = { id: toHex(id, { size: 32 }), agent, score: 1 + Math.floor(random() * 8), verdict: Math.floor(random() * 3), voided: false, selfSigned };
    ratings.push(rating);
    rows.push(
      row(
        "SupportRatings",
        "Rated",
        {
          ratingId: rating.id,
          deskId: DESK_OF[agent],
          agent,
          requester: AGENTS[0],
          ticketId: String(i),
          score: rating.score,
          tags: 0,
          verdict: rating.verdict,
          slaVersion: 1,
          rulesVersion: 1,
          comment: "",
        },
        i + 2,
      ),
    );
  }
  return { rows, ratings };
}

describe("recompute", () => {
  for (const seed of [1, 2, 3, 42, 1234]) {
    it(`matches a direct count of non-voided ratings (history ${seed})`, () => {
      const { rows, ratings } = generate(seed, 3000);
      const result = recompute(rows);
      assert.deepEqual(result.anomalies, []);
      for (const [agent, selfSigned] of AGENTS.flatMap(
        (a) =>
          [
            [a, false],
            [a, true],
          ] as const,
      )) {
        const mine = ratings.filter((r) => r.agent === agent && r.selfSigned === selfSigned);
        const live = mine.filter((r) => !r.voided);
        const stats = (selfSigned ? result.selfSigned : result.agents).get(agent) ?? emptyStats();
        assert.equal(stats.count, live.length);
        assert.equal(
          stats.sum,
          live.reduce((s, r) => s + r.score, 0),
        );
        assert.deepEqual(
          stats.histogram,
          [1, 2, 3, 4, 5, 6, 7, 8].map((s) => live.filter((r) => r.score === s).length),
        );
        assert.equal(stats.slaMet, live.filter((r) => r.verdict === 1).length);
        assert.equal(stats.slaBreached, live.filter((r) => r.verdict === 2).length);
        assert.equal(stats.voided, mine.filter((r) => r.voided).length);
      }
      assert.ok(ratings.some((r) => r.selfSigned) && ratings.some((r) => DESK_OF[r.agent] === 2 && !r.selfSigned));
      // Desk aggregates count desk-issued receipts only, as deskStats does.
      for (const desk of [1, 2]) {
        const issued = ratings.filter((r) => DESK_OF[r.agent] === desk && !r.voided && !r.selfSigned);
        assert.equal(result.desks.get(desk)!.count, issued.length);
      }
    });
  }

  it("names the anomalies of an inconsistent history", () => {
    const id = keccak256(toHex("x"));
    const rated = {
      ratingId: id,
      deskId: 1,
      agent: AGENTS[0],
      requester: AGENTS[1],
      ticketId: "1",
      score: 3,
      tags: 0,
      verdict: 1,
      slaVersion: 1,
      rulesVersion: 1,
      comment: "",
    };
    const rows = [
      row("AgentRegistry", "DeskRegistered", { deskId: 1, name: "A", selfSigning: false }, 1),
      row("AgentRegistry", "AgentAdded", { deskId: 1, agent: AGENTS[0], handle: "", by: AGENTS[0] }, 1),
      row("SupportRatings", "Rated", rated, 2),
      row("SupportRatings", "Rated", rated, 3),
      row("SupportRatings", "RatingVoided", { ratingId: keccak256(toHex("y")), deskId: 1, agent: AGENTS[0], reason: "r" }, 4),
      row("PolicyRegistry", "PolicyCreated", { policyId: "1", kind: 0, title: "Conduct" }, 5),
      row(
        "PolicyRegistry",
        "PolicyPublished",
        {
          policyId: "1",
          version: "2",
          kind: 0,
          contentHash: keccak256(toHex("text")),
          effectiveFrom: 5,
          publisher: AGENTS[0],
          content: { title: "", text: "other text", uri: "", params: "0x" },
        },
        5,
      ),
    ];
    const result = recompute(rows);
    assert.deepEqual(result.anomalies, [
      `Rating ${id} is rated twice (block 3, log ${rows[3].logIndex}).`,
      `Rating ${keccak256(toHex("y"))} is voided but was never rated (block 4, log ${rows[4].logIndex}).`,
      `Policy 1 publishes version 2 where 1 was next (block 5, log ${rows[6].logIndex}).`,
      `Policy 1 version 2: the published content does not hash to its content hash (block 5, log ${rows[6].logIndex}).`,
    ]);
  });

  it("writes CSV with one column per field, quoted cells and ISO times", () => {
    const csv = toCsv([
      row("SupportRatings", "RatingReplied", { ratingId: "0x01", deskId: 1, agent: AGENTS[0], reply: 'Thanks, "friend"\nbye' }, 7),
      row("SupportToken", "Transfer", { from: AGENTS[0], to: AGENTS[1], value: "10000000000000000000000000" }, 8),
    ]);
    const [header, first, second] = csv.split(/\n(?=\d)/);
    assert.equal(header, "block,time,tx,logIndex,contract,event,ratingId,deskId,agent,reply,from,to,value");
    assert.ok(first.startsWith(`7,2023-11-14T22:13:27.000Z,0x${"ab".repeat(32)},`));
    assert.ok(first.endsWith(`,SupportRatings,RatingReplied,0x01,1,${AGENTS[0]},"Thanks, ""friend""\nbye",,,`));
    assert.ok(second.endsWith(`,SupportToken,Transfer,,,,,${AGENTS[0]},${AGENTS[1]},10000000000000000000000000\n`));
  });
});

describe("recompute: help articles", () => {
  const content = { title: "Back up your seed phrase", body: "Write it on paper.", language: "en" };
  const created = () => row("KnowledgeBase", "ArticleCreated", { articleId: "1", category: 1 });
  const published = (version: number, body: string, contentHash: string) =>
    row("KnowledgeBase", "ArticlePublished", {
      articleId: "1",
      version: String(version),
      category: 1,
      contentHash,
      effectiveFrom: 1,
      publisher: AGENTS[0],
      content: { ...content, body },
    });
  const vote = (version: number, helpful: boolean) =>
    row("KnowledgeBase", "HelpfulVoted", { articleId: "1", version: String(version), voter: AGENTS[1], helpful, reason: "" });

  it("tallies votes per version and re-hashes every text", () => {
    const hash = articleContentHash(1, content);
    const replay = recompute([created(), published(1, content.body, hash), vote(1, true), vote(1, false), vote(1, true)]);
    assert.deepEqual(replay.anomalies, []);
    assert.deepEqual(replay.articles.get(1), {
      articleId: 1,
      category: 1,
      retired: false,
      versions: [{ version: 1, contentHash: hash, effectiveFrom: 1, textMatchesHash: true, helpful: 2, notHelpful: 1 }],
    });
  });

  it("flags a text that does not hash to its event's hash, and a vote on a version never published", () => {
    const hash = articleContentHash(1, content);
    const replay = recompute([created(), published(1, "Type it into wallet-validate.example.", hash), vote(2, true)]);
    assert.equal(replay.articles.get(1)?.versions[0].textMatchesHash, false);
    assert.equal(replay.anomalies.length, 2);
    assert.match(replay.anomalies[0], /^Article 1 version 1: the published text does not hash to its content hash/);
    assert.match(replay.anomalies[1], /^Article 1 has a vote on version 2, which was never published/);
  });
});
