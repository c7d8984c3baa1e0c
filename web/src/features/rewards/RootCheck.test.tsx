import { formatTokens } from "@support-quality/sdk";
import type { TimelineRow } from "@support-quality/sdk/audit";
import { computeRewards, type RewardFormula } from "@support-quality/sdk/rewards";
import { render, screen } from "@testing-library/react";
import { type Hex, parseEther } from "viem";
import { describe, expect, it } from "vitest";
import type { EpochRewards } from "./queries";
import { RootCheck } from "./RewardsPage";

const NIA = "0x1111111111111111111111111111111111111111";
const OMAR = "0x2222222222222222222222222222222222222222";
const requester = (n: number) => `0x${String(n).padStart(40, "0")}`;

let logIndex = 0;
const rated = (block: number, agent: string, from: number, score: number): TimelineRow => ({
  block,
  logIndex: logIndex++,
  time: 0,
  tx: "0x01",
  contract: "SupportRatings",
  event: "Rated",
  args: { ratingId: `0x${String(logIndex).padStart(64, "0")}`, deskId: 4, agent, requester: requester(from), score },
});

const formula: RewardFormula = { deskId: 4, fromBlock: 10n, toBlock: 20n, asOfBlock: 20n, minScore: 4, minRatings: 2, capPerHelper: parseEther("500") };
const rows = [rated(11, NIA, 1, 5), rated(12, NIA, 2, 5), rated(13, NIA, 3, 4), rated(14, OMAR, 1, 5), rated(15, OMAR, 5, 4)];
const computed = computeRewards(rows, formula, parseEther("1000"));

const epoch = (root: Hex, total: bigint): EpochRewards => ({
  epochId: 1,
  token: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  vault: "0x3333333333333333333333333333333333333333",
  budget: parseEther("1000"),
  total,
  root,
  claimDeadline: 2_000_000_000,
  formula,
  block: 30,
  time: 1_800_000_000,
  computed,
});

describe("RootCheck", () => {
  it("ticks an epoch whose recomputed root and total are the published ones", () => {
    // 3 and 2 points of 1,000: nia's 600 capped at 500, omar 400.
    expect(computed.rewards.map((r) => [r.account, formatTokens(r.amount)])).toEqual([
      [NIA, "500 SQT"],
      [OMAR, "400 SQT"],
    ]);
    render(<RootCheck epoch={epoch(computed.root!, computed.total)} amount={(v) => formatTokens(v)} />);
    const check = screen.getByTestId("root-check");
    expect(check.dataset.ok).toBe("true");
    expect(check.textContent).toBe(
      `✓ Root matches the published root (${computed.root!.slice(0, 10)}…${computed.root!.slice(-6)}): recomputed from the ratings, these rewards are exactly what the DAO published.`,
    );
  });

  it("warns loudly, with both roots and both totals, when the published epoch differs", () => {
    const published = `0x${"ab".repeat(32)}` as Hex;
    render(<RootCheck epoch={epoch(published, parseEther("1000"))} amount={(v) => formatTokens(v)} />);
    const check = screen.getByRole("alert");
    expect(check.dataset.ok).toBe("false");
    expect(check.textContent).toContain(`Recomputed from the ratings, the root is ${computed.root}, but the published root is ${published}.`);
    expect(check.textContent).toContain("Recomputed, the rewards add up to 900 SQT; the DAO published 1,000 SQT.");
  });
});
