import { describe, expect, it } from "vitest";
import { encodeRatingRulesParams } from "../policies/params.js";
import { feedbackCsv, feedbackReport, feedbackSlaCsv } from "./feedback.js";
import type { TimelineRow } from "./types.js";

const WEEK = 7 * 86_400;
const T0 = 1_764_547_200; // 2025-12-01 00:00 UTC
let log = 0;
const row = (contract: TimelineRow["contract"], event: string, time: number, args: TimelineRow["args"]): TimelineRow => ({
  block: 1 + log,
  logIndex: log++,
  time,
  tx: "0x00",
  contract,
  event,
  args,
});
const id = (desk: number, ticket: number) => `0x${desk.toString(16).padStart(48, "0")}${ticket.toString(16).padStart(16, "0")}`;
const rated = (desk: number, ticket: number, time: number, score: number, tags: number, category: number, verdict: number, priority = 1) =>
  row("SupportRatings", "Rated", time, {
    ratingId: id(desk, ticket),
    deskId: desk,
    score,
    tags,
    category,
    priority,
    verdict,
    slaVersion: 1,
    rulesVersion: 1,
    comment: "",
  });

const rules = encodeRatingRulesParams({
  ratingWindow: 86_400,
  scale: 5,
  tags: ["fast", "rude", "unsolved"],
  categories: ["Wallet setup, backup", "Transactions & gas"],
});
const timeline: TimelineRow[] = [
  row("PolicyRegistry", "PolicyPublished", T0, { policyId: 2, version: 1, kind: 5, content: { title: "", text: "", uri: "", params: rules } }),
  rated(1, 1, T0 + 10, 5, 0b001, 1, 1),
  rated(1, 2, T0 + 20, 1, 0b110, 1, 2, 3),
  rated(1, 3, T0 + WEEK, 2, 0b100, 2, 2),
  rated(2, 4, T0 + WEEK, 4, 0, 2, 1),
  rated(1, 5, T0 + WEEK + 5, 1, 0b010, 0, 0),
  row("SupportRatings", "RatingVoided", T0 + WEEK + 9, { ratingId: id(1, 5), deskId: 1, reason: "abusive" }),
];

describe("feedback report", () => {
  it("partitions a desk's non-voided ratings by category, per week, with the tags of low scores", () => {
    const report = feedbackReport(timeline, { deskId: 1, bucketSeconds: WEEK });
    expect(report.total).toBe(3);
    expect(report.categories).toEqual([
      { category: 1, name: "Wallet setup, backup", count: 2, average: 3, csat: 0.5, slaMet: 1, slaBreached: 1, compliance: 0.5, low: 1 },
      { category: 2, name: "Transactions & gas", count: 1, average: 2, csat: 0, slaMet: 0, slaBreached: 1, compliance: 0, low: 1 },
    ]);
    const week0 = T0; // a Monday
    expect(report.buckets).toEqual([
      { start: week0, category: 1, count: 2, csat: 0.5 },
      { start: week0 + WEEK, category: 2, count: 1, csat: 0 },
    ]);
    expect(report.lowScoreTags).toEqual([
      { tag: "unsolved", count: 2 },
      { tag: "rude", count: 1 },
    ]);
    expect(feedbackCsv(report)).toBe(
      [
        "category,name,ratings,average,csat,sla_met,sla_breached,sla_compliance,low_scores",
        '1,"Wallet setup, backup",2,3.0000,0.5000,1,1,0.5000,1',
        "2,Transactions & gas,1,2.0000,0.0000,0,1,0.0000,1",
        "",
      ].join("\n"),
    );
    // Most breaches first, then the higher priority; ratings without an SLA (verdict None) are left out.
    expect(report.sla).toEqual([
      { priority: 3, priorityName: "Urgent", category: 1, categoryName: "Wallet setup, backup", met: 0, breached: 1 },
      { priority: 1, priorityName: "Normal", category: 2, categoryName: "Transactions & gas", met: 0, breached: 1 },
      { priority: 1, priorityName: "Normal", category: 1, categoryName: "Wallet setup, backup", met: 1, breached: 0 },
    ]);
    expect(feedbackSlaCsv(report)).toBe(
      [
        "priority,priority_name,category,category_name,sla_met,sla_breached",
        '3,Urgent,1,"Wallet setup, backup",0,1',
        "1,Normal,2,Transactions & gas,0,1",
        '1,Normal,1,"Wallet setup, backup",1,0',
        "",
      ].join("\n"),
    );
  });

  it("covers the whole protocol and a time range", () => {
    expect(feedbackReport(timeline).total).toBe(4);
    const lastWeek = feedbackReport(timeline, { from: T0 + WEEK });
    expect(lastWeek.categories.map((c) => [c.name, c.count])).toEqual([["Transactions & gas", 2]]);
  });
});

describe("feedback: least helpful articles", () => {
  const article = (id: number, category: number, version: number, title: string, effectiveFrom: number) =>
    row("KnowledgeBase", "ArticlePublished", effectiveFrom, { articleId: id, version, category, effectiveFrom, content: { title, body: "", language: "en" } });
  const vote = (id: number, version: number, helpful: boolean) => row("KnowledgeBase", "HelpfulVoted", T0 + 10, { articleId: id, version, helpful });
  const rows: TimelineRow[] = [
    ...timeline,
    row("KnowledgeBase", "ArticleCreated", T0, { articleId: 1, category: 1 }),
    row("KnowledgeBase", "ArticleCreated", T0, { articleId: 2, category: 2 }),
    row("KnowledgeBase", "ArticleCreated", T0, { articleId: 3, category: 2 }),
    article(1, 1, 1, "Back up your seed phrase", T0),
    article(2, 2, 1, "Why is my transaction stuck?", T0),
    article(3, 2, 1, "Failed but paid", T0),
    vote(1, 1, true),
    vote(1, 1, true),
    vote(2, 1, false),
    vote(2, 1, true),
    vote(3, 1, false),
    // Version 2 of article 3 starts a new tally: its old "not helpful" no longer counts.
    article(3, 2, 2, "Failed but paid a fee", T0 + 20),
    vote(3, 2, true),
  ];

  it("lists each article's version in force, least helpful first, with its category's name", () => {
    expect(feedbackReport(rows).leastHelpful).toEqual([
      {
        articleId: 2,
        version: 1,
        title: "Why is my transaction stuck?",
        category: 2,
        categoryName: "Transactions & gas",
        helpful: 1,
        notHelpful: 1,
        share: 0.5,
      },
      { articleId: 1, version: 1, title: "Back up your seed phrase", category: 1, categoryName: "Wallet setup, backup", helpful: 2, notHelpful: 0, share: 1 },
      { articleId: 3, version: 2, title: "Failed but paid a fee", category: 2, categoryName: "Transactions & gas", helpful: 1, notHelpful: 0, share: 1 },
    ]);
  });
});
