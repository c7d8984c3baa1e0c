import { blockRanges, MAX_LOG_RANGE } from "@support-quality/sdk/logs";
import { describe, expect, it } from "vitest";
import { indexNotice } from "./indexer";

describe("indexNotice", () => {
  it("says nothing when the index is current or not configured", () => {
    expect(indexNotice({ source: "index", behind: 1 })).toBeUndefined();
    expect(indexNotice({ source: "chain", reason: "not-configured" })).toBeUndefined();
    expect(indexNotice(undefined)).toBeUndefined();
  });

  it("says in one sentence where the data comes from otherwise", () => {
    expect(indexNotice({ source: "chain", reason: "unavailable" })).toBe("Index unavailable: reading from the chain.");
    expect(indexNotice({ source: "chain", reason: "behind", behind: 3 })).toBe("Showing chain data directly; the index is 3 blocks behind.");
    expect(indexNotice({ source: "chain", reason: "behind", behind: 1 })).toBe("Showing chain data directly; the index is 1 block behind.");
    expect(indexNotice({ source: "chain", reason: "reset" })).toBe("The chain was reset under the index: reading from the chain until the index is rebuilt.");
  });
});

describe("blockRanges", () => {
  it("covers the range in pieces of at most 10,000 blocks", () => {
    expect(MAX_LOG_RANGE).toBe(10_000n);
    expect(blockRanges(1n, 25_000n)).toEqual([
      [1n, 10_000n],
      [10_001n, 20_000n],
      [20_001n, 25_000n],
    ]);
    expect(blockRanges(5n, 5n)).toEqual([[5n, 5n]]);
    expect(blockRanges(6n, 5n)).toEqual([]);
  });
});
