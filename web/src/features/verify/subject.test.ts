import { describe, expect, it } from "vitest";
import { addressSubject, isChannelInput, isMalformedAddress, parseSubject } from "./subject";

describe("parseSubject", () => {
  it("reads an address in any letter case and pads it into a report subject", () => {
    expect(parseSubject("  0x553bc17a05702530097c3677091c5bb47a3a7931 ")).toEqual({
      kind: "address",
      address: "0x553BC17A05702530097c3677091C5BB47a3a7931",
      subject: "0x000000000000000000000000553bc17a05702530097c3677091c5bb47a3a7931",
    });
  });

  it("treats anything else as a handle, kept as typed (the registry lower-cases it)", () => {
    expect(parseSubject("@Maya.Ledgerly")).toEqual({ kind: "handle", handle: "@Maya.Ledgerly" });
    expect(parseSubject("   ")).toBeUndefined();
  });

  it("flags truncated addresses instead of looking them up as handles", () => {
    expect(isMalformedAddress("0x553bc17a0570")).toBe(true);
    expect(isMalformedAddress("0x553bc17a05702530097c3677091c5bb47a3a7931")).toBe(false);
    expect(isMalformedAddress("@maya")).toBe(false);
  });

  it("pads exactly as bytes32(uint256(uint160(a)))", () => {
    expect(addressSubject("0x0000000000000000000000000000000000000001")).toBe(`0x${"0".repeat(63)}1`);
  });
});

describe("isChannelInput", () => {
  it("takes URLs, e-mail addresses, phone numbers and common domains as channel questions", () => {
    for (const input of ["https://support.ledgerly.example/login", "care@orbitwallet.example", "+1 555 0100", "ledgerly-support.com", "xn--ldgerly-9za.com"]) {
      expect(isChannelInput(input), input).toBe(true);
    }
  });

  it("leaves handles, with or without @, to the agent registry", () => {
    for (const input of ["maya.ledgerly", "@maya.ledgerly", "@LedgerlySupport", "ravi.orbit", "0x553bc17a05702530097c3677091c5bb47a3a7931"]) {
      expect(isChannelInput(input), input).toBe(false);
    }
  });
});
