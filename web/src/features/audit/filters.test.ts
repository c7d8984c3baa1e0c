import type { TimelineRow } from "@support-quality/sdk/audit";
import { describe, expect, it } from "vitest";
import { filterRows, NO_FILTERS, orderRows, rowLinks } from "./filters";

const AGENT = "0x00000000000000000000000000000000000000A1";
const row = (contract: TimelineRow["contract"], event: string, args: TimelineRow["args"], time: number): TimelineRow => ({
  block: time,
  logIndex: 0,
  time,
  tx: `0x${"cd".repeat(32)}`,
  contract,
  event,
  args,
});
const rows = [
  row("AgentRegistry", "AgentAdded", { deskId: 1, agent: AGENT, handle: "@a", by: "0x00000000000000000000000000000000000000ff" }, 100),
  row("SupportRatings", "Rated", { ratingId: "0x01", deskId: 1, agent: AGENT, score: 5 }, 200),
  row("SupportRatings", "Rated", { ratingId: "0x02", deskId: 2, agent: "0x00000000000000000000000000000000000000b1", score: 3 }, 300),
  row("PolicyRegistry", "PolicyCreated", { policyId: "4", kind: 0, title: "Conduct" }, 400),
  row("SupportRatings", "OwnershipTransferred", { previousOwner: AGENT, newOwner: "0x00000000000000000000000000000000000000c1" }, 500),
];

describe("audit filters", () => {
  it("filters by kind, desk, agent (any case), address and time", () => {
    expect(filterRows(rows, { ...NO_FILTERS, kind: "ratings" })).toEqual(rows.slice(1, 3));
    // The ratings contract's change of owner is a governance event, not a rating.
    expect(filterRows(rows, { ...NO_FILTERS, kind: "governance" })).toEqual([rows[4]]);
    expect(filterRows(rows, { ...NO_FILTERS, deskId: "1" })).toEqual(rows.slice(0, 2));
    expect(filterRows(rows, { ...NO_FILTERS, agent: AGENT.toLowerCase() })).toEqual(rows.slice(0, 2));
    expect(filterRows(rows, { ...NO_FILTERS, address: "0x00000000000000000000000000000000000000FF" })).toEqual([rows[0]]);
    expect(filterRows(rows, { ...NO_FILTERS, from: 200, to: 300 })).toEqual(rows.slice(1, 3));
  });

  it("orders rows newest first or oldest first, by block then log index", () => {
    const sameBlock = { ...rows[1], logIndex: 3 };
    const input = [rows[2], sameBlock, rows[0], rows[1]];
    expect(orderRows(input, true)).toEqual([rows[2], sameBlock, rows[1], rows[0]]);
    expect(orderRows(input, false)).toEqual([rows[0], rows[1], sameBlock, rows[2]]);
    expect(input[0]).toBe(rows[2]);
  });

  it("links a row to its policy, desk and agent", () => {
    expect(rowLinks(rows[1])).toEqual([
      { label: "desk 1", to: "/desks/1" },
      { label: "agent", to: `/agents/${AGENT}` },
    ]);
    expect(rowLinks(rows[3])).toEqual([{ label: "policy 4", to: "/policies/4" }]);
  });
});
