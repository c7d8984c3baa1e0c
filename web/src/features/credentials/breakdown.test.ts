import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import { type BreakdownAgent, breakdownByLevel } from "./breakdown";
import type { CredentialEntry, LevelEntry } from "./queries";

const MAYA: Address = "0x1111111111111111111111111111111111111111";
const THEO: Address = "0x2222222222222222222222222222222222222222";
const SAM: Address = "0x3333333333333333333333333333333333333333";

const stats = (histogram: number[], slaMet: number, slaBreached: number) => ({
  count: BigInt(histogram.reduce((a, b) => a + b, 0)),
  sum: BigInt(histogram.reduce((a, n, i) => a + n * (i + 1), 0)),
  histogram: [...histogram, 0, 0, 0].slice(0, 8).map(BigInt),
  slaMet: BigInt(slaMet),
  slaBreached: BigInt(slaBreached),
  voided: 0n,
});

const level = (levelId: number, name: string): LevelEntry => ({ levelId, name, description: "", validity: 86_400, retiredAt: 0 });
const credential = (agent: Address, levelId: number, state: CredentialEntry["state"]): CredentialEntry => ({
  tokenId: BigInt(levelId),
  levelId,
  levelName: "",
  agent,
  grantedAt: 1,
  expiresAt: 2,
  examiner: SAM,
  revokedAt: state === "revoked" ? 2 : 0,
  state,
});

describe("breakdownByLevel", () => {
  // maya: two 5s and a 4, SLA 3/3; theo: a 3 and a 5, SLA 1/2; sam: one 1, SLA 0/1.
  const agents: BreakdownAgent[] = [
    { address: MAYA, handle: "@maya", stats: stats([0, 0, 0, 1, 2], 3, 0) },
    { address: THEO, handle: "@theo", stats: stats([0, 0, 1, 0, 1], 1, 1) },
    { address: SAM, handle: "@sam", stats: stats([1, 0, 0, 0, 0], 0, 1) },
  ];
  const credentials = new Map([
    [MAYA.toLowerCase(), [credential(MAYA, 1, "valid"), credential(MAYA, 2, "valid")]],
    [THEO.toLowerCase(), [credential(THEO, 1, "valid"), credential(THEO, 2, "revoked")]],
    [SAM.toLowerCase(), [credential(SAM, 1, "expired")]],
  ]);
  const rows = breakdownByLevel([level(1, "Wallet basics"), level(2, "Security specialist")], agents, credentials, 5);

  it("sums the agents holding each level now, counting an agent under every level it holds", () => {
    expect(rows.map((r) => [r.name, r.agents.map((a) => a.handle)])).toEqual([
      ["Wallet basics", ["@maya", "@theo"]],
      ["Security specialist", ["@maya"]],
      ["No credential", ["@sam"]],
    ]);
    const [basics, security, none] = rows;
    // maya + theo: 5 ratings, sum 22, top two scores 4 of 5, SLA met 4 of 5.
    expect([basics!.summary.count, basics!.summary.average, basics!.summary.csat, basics!.summary.slaCompliance]).toEqual([5, 4.4, 0.8, 0.8]);
    expect([security!.summary.count, security!.summary.average, security!.summary.csat, security!.summary.slaCompliance]).toEqual([3, 14 / 3, 1, 1]);
    expect([none!.summary.count, none!.summary.average, none!.summary.csat, none!.summary.slaCompliance]).toEqual([1, 1, 0, 0]);
  });

  it("leaves a level nobody holds empty, with no average", () => {
    const [, , retired] = breakdownByLevel([level(1, "Wallet basics"), level(2, "Security specialist"), level(3, "Retired")], agents, credentials, 5);
    expect(retired!.agents).toEqual([]);
    expect(retired!.summary.count).toBe(0);
    expect(retired!.summary.csat).toBeNull();
  });
});
