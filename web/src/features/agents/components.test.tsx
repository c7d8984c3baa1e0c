import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { createConfig, http, WagmiProvider } from "wagmi";
import { hardhat } from "wagmi/chains";
import { mock } from "wagmi/connectors";
import type { RatingEntry } from "./queries";
import { RatingList } from "./RatingList";
import { StatsSummary } from "./StatsSummary";
import { summarizeStats } from "./stats";

const agent = "0xBcd4042DE499D14e55001CcbB24a551F3b954096";
const config = createConfig({ chains: [hardhat], connectors: [mock({ accounts: [agent] })], transports: { [hardhat.id]: http() } });

function wrap(children: ReactNode) {
  return (
    <WagmiProvider config={config as never}>
      <QueryClientProvider client={new QueryClient()}>
        <MemoryRouter>{children}</MemoryRouter>
      </QueryClientProvider>
    </WagmiProvider>
  );
}

const rating = (over: Partial<RatingEntry>): RatingEntry => ({
  ratingId: "0x01",
  deskId: 1,
  agent,
  requester: "0x40Fc963A729c542424cD800349a7E4Ecc4896624",
  ticketId: 42n,
  selfSigned: false,
  score: 4,
  tags: 0b101,
  verdict: 1,
  slaVersion: 2,
  rulesVersion: 1,
  comment: "Clear and quick.",
  ratedAt: 1_700_000_000,
  ...over,
});

describe("StatsSummary", () => {
  it("shows count, average, CSAT, SLA compliance and voided ratings", () => {
    const summary = summarizeStats({ count: 4n, sum: 15n, histogram: [0n, 0n, 1n, 1n, 2n, 0n, 0n, 0n], slaMet: 3n, slaBreached: 1n, voided: 1n }, 5);
    render(wrap(<StatsSummary summary={summary} />));
    expect(screen.getByTestId("rating-count").textContent).toBe("4");
    expect(screen.getByTestId("average").textContent).toBe("3.75");
    expect(screen.getByTestId("csat").textContent).toBe("75 %");
    expect(screen.getByTestId("sla-compliance").textContent).toBe("75 % (3 met, 1 breached)");
    expect(screen.getByText("1 (not counted)")).toBeTruthy();
  });
});

describe("RatingList", () => {
  it("names the tags, the SLA verdict, the reply and flags a voided rating", () => {
    render(
      wrap(
        <RatingList
          scale={5}
          tagNames={["fast", "clear", "solved"]}
          ratings={[
            rating({ ratingId: "0x01", reply: "Thanks for the kind words!" }),
            rating({ ratingId: "0x02", score: 1, tags: 0, verdict: 2, comment: "spam", voidReason: "Abusive content", reply: "—" }),
          ]}
        />,
      ),
    );
    const [first, second] = screen.getAllByTestId("rating");
    expect(first!.dataset.voided).toBe("false");
    expect(within(first!).getByText("#fast #solved")).toBeTruthy();
    expect(within(first!).getByText("SLA met")).toBeTruthy();
    expect(within(first!).getByTestId("reply").textContent).toBe("Agent's reply: Thanks for the kind words!");
    expect(second!.dataset.voided).toBe("true");
    expect(within(second!).getByText("voided by the DAO")).toBeTruthy();
    expect(within(second!).getByText("Voided: Abusive content")).toBeTruthy();
    expect(within(second!).getByText("SLA breached")).toBeTruthy();
  });

  it("flags a self-signed rating as not counted in the score, and only that one", () => {
    render(wrap(<RatingList scale={5} tagNames={[]} ratings={[rating({ ratingId: "0x01" }), rating({ ratingId: "0x02", selfSigned: true })]} />));
    const [issued, selfSigned] = screen.getAllByTestId("rating");
    expect(within(issued!).queryByText("self-signed · not in the score")).toBeNull();
    expect(within(selfSigned!).getByText("self-signed · not in the score")).toBeTruthy();
  });

  it("offers no reply form to someone who is not the agent (nobody is connected)", () => {
    render(wrap(<RatingList scale={5} tagNames={[]} ratings={[rating({})]} />));
    expect(screen.queryByRole("button", { name: "Reply" })).toBeNull();
  });

  it("says so when there are no ratings", () => {
    render(wrap(<RatingList scale={5} tagNames={[]} ratings={[]} />));
    expect(screen.getByText("No ratings yet.")).toBeTruthy();
  });
});
