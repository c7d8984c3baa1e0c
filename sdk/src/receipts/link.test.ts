import { base64urlnopad } from "@scure/base";
import { concat, hexToBytes, keccak256, recoverTypedDataAddress } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import {
  decodeReceiptLink,
  encodeReceiptLink,
  payloadFromUrl,
  RECEIPT_TYPES,
  type Receipt,
  type ReceiptLink,
  ReceiptLinkError,
  ratingsDomain,
  ratingUrl,
  recoverReceiptSigner,
  signReceipt,
} from "../index.js";

// Hardhat's well-known test key #1: a throwaway issuer for signing fixtures, never a real key.
const issuer = privateKeyToAccount("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
const contract = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

const receipt: Receipt = {
  ticketId: 18_446_744_073_709_551_615n, // uint64 max: the widest field round-trips exactly
  deskId: 4_294_967_295,
  agent: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  requester: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
  priority: 3,
  category: 255, // uint8 max
  openedAt: 1_700_000_000,
  firstResponseAt: 1_700_000_600,
  resolvedAt: 1_700_003_600,
  pausedSeconds: 281_474_976_710_655, // uint48 max
  deadline: 281_474_976_710_655, // uint48 max
};

async function signedLink(): Promise<ReceiptLink> {
  const signature = await issuer.signTypedData({
    domain: ratingsDomain(31337, contract),
    types: RECEIPT_TYPES,
    primaryType: "ReceiptV2",
    message: receipt,
  });
  return { chainId: 31337, contract, receipt, signer: issuer.address, signature };
}

function expectLinkError(fn: () => unknown, reason: ReceiptLinkError["reason"], message: string) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ReceiptLinkError);
    expect((error as ReceiptLinkError).reason).toBe(reason);
    expect((error as ReceiptLinkError).message).toBe(message);
    return;
  }
  throw new Error("expected a ReceiptLinkError");
}

describe("receipt links", () => {
  it("round-trips every field and the signature still verifies", async () => {
    const link = await signedLink();
    const payload = encodeReceiptLink(link);
    expect(payload).toMatch(/^v3\.[A-Za-z0-9_-]+$/);
    // 140 bytes of fields (escalatedFrom: 8, zero here) + 65 of signature + 4 of checksum = 209 bytes → 279 base64url characters.
    expect(payload.length).toBe(3 + 279);
    const decoded = decodeReceiptLink(payload);
    expect(decoded).toEqual(link);
    const recovered = await recoverTypedDataAddress({
      domain: ratingsDomain(decoded.chainId, decoded.contract),
      types: RECEIPT_TYPES,
      primaryType: "ReceiptV2",
      message: decoded.receipt,
      signature: decoded.signature,
    });
    expect(recovered).toBe(issuer.address);
  });

  it("keeps an ERC-1271 signature of any length", async () => {
    const link = { ...(await signedLink()), signature: "0x0102030405" as const };
    expect(decodeReceiptLink(encodeReceiptLink(link)).signature).toBe("0x0102030405");
  });

  it("normalises lower-case addresses to their checksummed form", async () => {
    const link = await signedLink();
    const lower = { ...link, signer: link.signer.toLowerCase() as `0x${string}` };
    expect(decodeReceiptLink(encodeReceiptLink(lower)).signer).toBe(issuer.address);
  });

  it("puts the payload in the rate page's fragment and reads it back", async () => {
    const link = await signedLink();
    const url = ratingUrl("http://127.0.0.1:5173", link);
    expect(url).toBe(`http://127.0.0.1:5173/rate#${encodeReceiptLink(link)}`);
    expect(ratingUrl("https://sqp.example/app/", link)).toBe(`https://sqp.example/app/rate#${encodeReceiptLink(link)}`);
    expect(decodeReceiptLink(payloadFromUrl(url))).toEqual(link);
    expect(payloadFromUrl(`  ${encodeReceiptLink(link)} `)).toBe(encodeReceiptLink(link));
  });

  it("reads a link as chat apps deliver it: wrapped lines, spaces, zero-width spaces and trailing punctuation", async () => {
    const link = await signedLink();
    const payload = encodeReceiptLink(link);
    const url = ratingUrl("https://sqp.example", link);
    for (const pasted of [
      `${url}.`,
      `${url}),`,
      `${url}!"`,
      `${url.slice(0, 70)}\n${url.slice(70, 140)}\r\n  ${url.slice(140)}`,
      `${url.slice(0, 90)}\u200b${url.slice(90)}`,
    ]) {
      expect(decodeReceiptLink(payloadFromUrl(pasted)), JSON.stringify(pasted)).toEqual(link);
    }
    expect(decodeReceiptLink(`${payload}.`)).toEqual(link);
    // Still not a weaker check: a changed character inside is caught by the checksum, punctuation or not.
    const i = 60;
    const tampered = `${payload.slice(0, i)}${payload[i] === "A" ? "B" : "A"}${payload.slice(i + 1)}.`;
    expectLinkError(
      () => decodeReceiptLink(tampered),
      "checksum",
      "This rating link is damaged: it was changed or mistyped after the help desk made it. Copy the whole link again or ask for a new one.",
    );
  });

  it("reports a missing link", () => {
    expectLinkError(() => decodeReceiptLink("  "), "empty", "This page needs a rating link: open the link the help desk sent you.");
  });

  it("reports something that is not a link", () => {
    expectLinkError(() => decodeReceiptLink("hello"), "encoding", "This is not a rating link: it does not start the way rating links do.");
  });

  it("explains that a v1 link (before categories) can no longer be rated", () => {
    expectLinkError(
      () => decodeReceiptLink("v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
      "version",
      "This rating link was made before receipts carried a ticket category (format v1), and the ratings contract no longer accepts that receipt, so it cannot be rated. Ask the help desk for a new link: they can sign the same ticket again.",
    );
  });

  it("round-trips an escalated receipt: the AI assistant's ticket rides in the link and the EscalatedReceipt signature verifies", async () => {
    const escalated: Receipt = { ...receipt, escalatedFrom: 18_446_744_073_709_551_614n };
    const contractRef = { chainId: 31337, verifyingContract: contract } as const;
    const signature = await signReceipt(issuer, contractRef, escalated);
    const link: ReceiptLink = { chainId: 31337, contract, receipt: escalated, signer: issuer.address, signature };
    const decoded = decodeReceiptLink(encodeReceiptLink(link));
    expect(decoded).toEqual(link);
    expect(await recoverReceiptSigner(contractRef, decoded.receipt, decoded.signature)).toBe(issuer.address);
    // The same signature does not verify for the receipt without its escalation reference.
    const { escalatedFrom: _, ...plain } = decoded.receipt;
    expect(await recoverReceiptSigner(contractRef, plain, decoded.signature)).not.toBe(issuer.address);
  });

  it("still reads v2 links (made before escalation references): no escalation", async () => {
    const link = await signedLink();
    // A v2 payload is a v3 one without the 8 escalatedFrom bytes (zero) before the signature, re-checksummed.
    const v3 = base64urlnopad.decode(encodeReceiptLink(link).slice(3));
    const body = concat([v3.subarray(0, 132), v3.subarray(140, v3.length - 4)]);
    const v2 = `v2.${base64urlnopad.encode(concat([body, hexToBytes(keccak256(body)).subarray(0, 4)]))}`;
    expect(decodeReceiptLink(v2)).toEqual(link);
  });

  it("reports a link of a future format version", () => {
    expectLinkError(
      () => decodeReceiptLink("v4.AAAA"),
      "version",
      "This rating link uses format v4, which this app does not read (it reads v2 and v3). Update the app or ask the help desk for a new link.",
    );
  });

  it("reports characters a link cannot have", async () => {
    const payload = encodeReceiptLink(await signedLink());
    expectLinkError(
      () => decodeReceiptLink(`${payload.slice(0, 40)}+${payload.slice(41)}`),
      "encoding",
      "This rating link is damaged: it contains characters a rating link cannot have. Copy the whole link again.",
    );
  });

  it("reports a link cut off while copying", async () => {
    const payload = encodeReceiptLink(await signedLink());
    expectLinkError(
      () => decodeReceiptLink(payload.slice(0, 101)),
      "truncated",
      "This rating link is incomplete: part of it was probably cut off when it was copied. Copy the whole link again.",
    );
  });

  it("reports a changed character through the checksum", async () => {
    const payload = encodeReceiptLink(await signedLink());
    // Flip one character inside the receipt's fields (well past the "v3." prefix).
    const i = 60;
    const tampered = payload.slice(0, i) + (payload[i] === "A" ? "B" : "A") + payload.slice(i + 1);
    expectLinkError(
      () => decodeReceiptLink(tampered),
      "checksum",
      "This rating link is damaged: it was changed or mistyped after the help desk made it. Copy the whole link again or ask for a new one.",
    );
    const damaged = "This rating link is damaged: it was changed or mistyped after the help desk made it. Copy the whole link again or ask for a new one.";
    // Shortened by whole bytes: still valid base64, but the last bytes are no longer the checksum.
    expectLinkError(() => decodeReceiptLink(payload.slice(0, -4)), "checksum", damaged);
    // One character lost: no byte string has that length.
    expectLinkError(() => decodeReceiptLink(payload.slice(0, 50) + payload.slice(51)), "checksum", damaged);
  });

  it("refuses to encode fields out of range, naming the field", async () => {
    const link = await signedLink();
    expectLinkError(
      () => encodeReceiptLink({ ...link, receipt: { ...receipt, openedAt: -1 } }),
      "field",
      "The opened-at time -1 is out of range: it must be a whole number from 0 to 281474976710655.",
    );
    expectLinkError(
      () => encodeReceiptLink({ ...link, receipt: { ...receipt, ticketId: 1n << 64n } }),
      "field",
      "The ticket id 18446744073709551616 is out of range: it must be a whole number from 0 to 18446744073709551615.",
    );
    expectLinkError(() => encodeReceiptLink({ ...link, receipt: { ...receipt, priority: 4 } }), "field", "Priority 4 does not exist (0 to 3).");
    expectLinkError(
      () => encodeReceiptLink({ ...link, receipt: { ...receipt, requester: "0x1234" as `0x${string}` } }),
      "field",
      'The requester address "0x1234" is not an Ethereum address.',
    );
    expectLinkError(() => encodeReceiptLink({ ...link, signature: "0x" }), "field", "The receipt signature is not a hex byte string.");
  });
});
