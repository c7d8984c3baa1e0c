import { describe, expect, it } from "vitest";
import { describeFields, describeRow, fieldName, rowKind, shortId } from "./describe.js";
import { toCsv } from "./timeline.js";
import type { TimelineRow } from "./types.js";

const MAYA = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const row = (contract: TimelineRow["contract"], event: string, args: TimelineRow["args"], block = 1): TimelineRow => ({
  block,
  logIndex: 0,
  time: 1_796_000_000,
  tx: `0x${"ab".repeat(32)}`,
  contract,
  event,
  args,
});
const PROPOSAL_ID = "31415926535897932384626433832795028841971693993751058209749445923078164062862";

describe("timeline rows in human units", () => {
  it("shows token amounts with decimals, vote and verdict words, short ids and handles", () => {
    const handles = new Map([[MAYA.toLowerCase(), "@maya"]]);
    expect(
      describeRow(
        row("SupportToken", "Transfer", { from: MAYA, to: "0x0000000000000000000000000000000000000001", value: "10000000000000000000000000" }),
        handles,
      ),
    ).toBe("from @maya · to 0x0000…0001 · value 10,000,000 SQT");
    expect(
      describeRow(row("SupportGovernor", "VoteCast", { voter: MAYA, proposalId: PROPOSAL_ID, support: 1, weight: "3300000500000000000000000", reason: "" })),
    ).toBe("voter 0x90F7…b906 · proposal id #3141…2862 · support For · weight 3,300,000.5 SQT");
    expect(describeRow(row("SupportRatings", "Rated", { ratingId: `0x${"12".repeat(32)}`, deskId: 1, agent: MAYA, score: 5, verdict: 1 }), handles)).toBe(
      "rating id 0x12121212…121212 · desk id 1 · agent @maya · score 5 · verdict SLA met",
    );
  });

  it("shows times in the one date format, durations, kinds and statuses as words, and keeps the exact value", () => {
    const fields = describeFields(row("PolicyRegistry", "VersionCancelled", { policyId: "2", version: "3", kind: 1, effectiveFrom: 1_796_000_000 }));
    expect(fields.map((f) => [f.name, f.text, f.exact])).toEqual([
      ["policy id", "2", "2"],
      ["version", "3", "3"],
      ["kind", "Service levels (SLA)", "1"],
      ["effective from", "30 Nov 2026, 00:53 UTC", "1796000000"],
    ]);
    expect(describeRow(row("SupportGovernor", "ProposalCreated", { proposalId: PROPOSAL_ID, voteStart: "1796000000", voteEnd: "1796086400" }))).toBe(
      "proposal id #3141…2862 · vote start 30 Nov 2026, 00:53 UTC · vote end 1 Dec 2026, 00:53 UTC",
    );
    expect(describeRow(row("TimelockController", "MinDelayChange", { oldDuration: "3600", newDuration: "172800" }))).toBe(
      "old duration 1 h · new duration 2 d",
    );
    expect(describeRow(row("AgentRegistry", "AgentStatusChanged", { deskId: 1, agent: MAYA, oldStatus: 1, newStatus: 2, by: MAYA, reason: "on leave" }))).toBe(
      "desk id 1 · agent 0x90F7…b906 · old status active · new status suspended · by 0x90F7…b906 · reason on leave",
    );
  });

  it("names fields in words and shortens only long ids", () => {
    expect(fieldName("etaSeconds")).toBe("eta");
    expect(fieldName("newProposalThreshold")).toBe("new proposal threshold");
    expect(shortId("42")).toBe("#42");
    expect(shortId(PROPOSAL_ID)).toBe("#3141…2862");
  });

  it("files ownership and role changes under governance, whichever contract emits them", () => {
    expect(rowKind({ contract: "SupportRatings", event: "Rated" })).toBe("ratings");
    expect(rowKind({ contract: "SupportRatings", event: "OwnershipTransferred" })).toBe("governance");
    expect(rowKind({ contract: "AgentRegistry", event: "OwnershipTransferred" })).toBe("governance");
    expect(rowKind({ contract: "SupportToken", event: "Transfer" })).toBe("token");
  });

  it("exports CSV with one column per field, blank where an event lacks it", () => {
    const csv = toCsv([
      row("SupportRatings", "Rated", { ratingId: "0x01", agent: MAYA, comment: 'said "hi", then left' }, 7),
      row("SupportToken", "Transfer", { from: MAYA, value: "5" }, 8),
    ]);
    expect(csv.split("\n")).toEqual([
      "block,time,tx,logIndex,contract,event,ratingId,agent,comment,from,value",
      `7,2026-11-30T00:53:20.000Z,0x${"ab".repeat(32)},0,SupportRatings,Rated,0x01,${MAYA},"said ""hi"", then left",,`,
      `8,2026-11-30T00:53:20.000Z,0x${"ab".repeat(32)},0,SupportToken,Transfer,,,,${MAYA},5`,
      "",
    ]);
  });
});
