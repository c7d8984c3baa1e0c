import { describe, expect, it } from "vitest";
import { readsAffected, type TxEffects } from "./useTx";

const RATINGS = "0x5FC8d32690cc91D4c39d9d3abcBD16989F875707";
const REGISTRY = "0xa513E6E4b8f2a923D98304ec87F64353C4D5C853";
const effects: TxEffects = { reads: [{ address: RATINGS, functions: ["agentStats", "deskStats"] }, { address: REGISTRY }], events: ["Rated"] };

describe("readsAffected: what a confirmed transaction invalidates", () => {
  it("matches a wagmi readContract of a listed function, case-insensitively on the address", () => {
    expect(readsAffected(["readContract", { address: RATINGS.toLowerCase(), functionName: "agentStats" }], effects)).toBe(true);
    expect(readsAffected(["readContract", { address: RATINGS, functionName: "nonces" }], effects)).toBe(false);
  });

  it("matches every function of a contract listed without functions", () => {
    expect(readsAffected(["readContract", { address: REGISTRY, functionName: "statusOf" }], effects)).toBe(true);
  });

  it("matches a readContracts batch when any of its calls is affected", () => {
    const batch = (functionName: string) => [
      "readContracts",
      {
        contracts: [
          { address: REGISTRY.replace("a", "b"), functionName: "x" },
          { address: RATINGS, functionName },
        ],
      },
    ];
    expect(readsAffected(batch("deskStats"), effects)).toBe(true);
    expect(readsAffected(batch("rating"), effects)).toBe(false);
  });

  it("matches event lists by event name, and app queries by the contracts in their key", () => {
    expect(readsAffected(["events", 31337, "Rated"], effects)).toBe(true);
    expect(readsAffected(["events", 31337, "PolicyPublished"], effects)).toBe(false);
    expect(readsAffected(["protocol", "overview", [RATINGS.toLowerCase()]], effects)).toBe(true);
    expect(readsAffected(["protocol", "overview", ["0x0000000000000000000000000000000000000001"]], effects)).toBe(false);
  });

  it("leaves unrelated queries alone", () => {
    expect(readsAffected(["balance", { address: RATINGS }], effects)).toBe(false);
  });
});
