import { describe, expect, it } from "vitest";
import { isSelfSigned, ratingIdParts } from "./id.js";

describe("rating ids", () => {
  it("reads desk and ticket from a desk-issued id", () => {
    const id = `0x${((7n << 64n) | 4242n).toString(16).padStart(64, "0")}` as const;
    expect(ratingIdParts(id)).toEqual({ deskId: 7, ticketId: 4242n, selfSignedBy: undefined });
    expect(isSelfSigned(id)).toBe(false);
  });

  it("reads the agent of a self-signed id", () => {
    const agent = 0x14dc79964da2c08b23698b3d3cc7ca32193d9955n;
    const id = `0x${((agent << 96n) | (3n << 64n) | 18446744073709551615n).toString(16).padStart(64, "0")}` as const;
    expect(ratingIdParts(id)).toEqual({ deskId: 3, ticketId: 18446744073709551615n, selfSignedBy: "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955" });
    expect(isSelfSigned(id)).toBe(true);
  });
});
