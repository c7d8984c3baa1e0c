import type { TimelineRow } from "@support-quality/sdk/audit";
import { describe, expect, it } from "vitest";
import { filterRows, NO_FILTERS, rowLinks } from "./filters";

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
];

describe("audit filters", () => {
  it("filters by kind, desk, agent (any case), address and time", () => {
    expect(filterRows(rows, { ...NO_FILTERS, kind: "ratings" })).toEqual(rows.slice(1, 3));
    expect(filterRows(rows, { ...NO_FILTERS, deskId: "1" })).toEqual(rows.slice(0, 2));
    expect(filterRows(rows, { ...NO_FILTERS, agent: AGENT.toLowerCase() })).toEqual(rows.slice(0, 2));
    expect(filterRows(rows, { ...NO_FILTERS, address: "0x00000000000000000000000000000000000000FF" })).toEqual([rows[0]]);
    expect(filterRows(rows, { ...NO_FILTERS, from: 200, to: 300 })).toEqual(rows.slice(1, 3));
  });

  it("links a row to its policy, desk and agent", () => {
    expect(rowLinks(rows[1])).toEqual([
      { label: "desk 1", to: "/desks/1" },
      { label: "agent", to: `/agents/${AGENT}` },
    ]);
    expect(rowLinks(rows[3])).toEqual([{ label: "policy 4", to: "/policies/4" }]);
  });
});
