import { decodeReceiptLink, encodeReceiptLink } from "@support-quality/sdk";
import { render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { RatePage } from "./RatePage";

const openAt = (hash: string) =>
  render(
    <MemoryRouter initialEntries={[{ pathname: "/rate", hash }]}>
      <RatePage />
    </MemoryRouter>,
  );

const foreign = encodeReceiptLink({
  chainId: 31337,
  contract: "0x000000000000000000000000000000000000dEaD",
  signer: "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
  signature: `0x${"11".repeat(65)}`,
  receipt: {
    ticketId: 1n,
    deskId: 1,
    agent: "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f",
    requester: "0x40Fc963A729c542424cD800349a7E4Ecc4896624",
    priority: 1,
    category: 0,
    openedAt: 1,
    firstResponseAt: 2,
    resolvedAt: 3,
    pausedSeconds: 0,
    deadline: 4,
  },
});

describe("RatePage refuses a bad link before reading the chain", () => {
  it("asks for a link when there is none", () => {
    openAt("");
    expect(screen.getByTestId("rate-blocker").textContent).toBe("This page needs a rating link: open the link the help desk sent you.");
  });

  it("explains a damaged link", () => {
    openAt(`#${foreign.slice(0, 60)}${foreign[60] === "A" ? "B" : "A"}${foreign.slice(61)}`);
    expect(screen.getByTestId("rate-blocker").textContent).toBe(
      "This rating link is damaged: it was changed or mistyped after the help desk made it. Copy the whole link again or ask for a new one.",
    );
  });

  it("refuses a link made for another ratings contract", () => {
    openAt(`#${foreign}`);
    expect(screen.getByTestId("rate-blocker").textContent).toBe(
      "This rating link was made for another ratings contract (0x0000…dEaD), not this protocol's; it cannot be rated here.",
    );
  });

  it("refuses a link for a chain the app does not serve", () => {
    const otherChain = encodeReceiptLink({ ...decodeReceiptLink(foreign), chainId: 999_999 });
    openAt(`#${otherChain}`);
    expect(screen.getByTestId("rate-blocker").textContent).toBe(
      "This rating link is for a network this app does not serve (chain 999999); it cannot be rated here.",
    );
  });
});
