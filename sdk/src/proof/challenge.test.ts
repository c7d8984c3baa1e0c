import { verifyTypedData } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { checkChallenge, decodeChallenge, decodeProof, encodeChallenge, encodeProof, issueChallenge, PROOF_TYPES, proofDomain } from "../index.js";

// Hardhat's well-known test keys #1 and #2: throwaway signers, never real keys.
const agent = privateKeyToAccount("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
const scammer = privateKeyToAccount("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
const ORIGIN = "https://verify.example";
const NOW = 2_000_000_000;
const fixed = (n: number) => new Uint8Array(n).fill(7);

describe("proof of control", () => {
  const challenge = issueChallenge(ORIGIN, NOW, 300, fixed);

  it("binds origin, nonce, expiry and a human phrase", () => {
    expect(challenge.origin).toBe(ORIGIN);
    expect(challenge.nonce).toBe(`0x${"07".repeat(32)}`);
    expect(challenge.expiresAt - challenge.issuedAt).toBe(300n);
    expect(challenge.phrase).toBe("harbor-harbor-17");
  });

  it("verifies the agent's signature and rejects another key's, through a link round trip", async () => {
    const args = { domain: proofDomain(31337), types: PROOF_TYPES, primaryType: "ProofOfControl", message: challenge } as const;
    const signature = await agent.signTypedData(args);
    const proof = decodeProof(encodeProof({ challenge, agent: agent.address, signature }));
    expect(proof).toEqual({ challenge, agent: agent.address, signature });
    // As the desk console hands it back: a link to Verify with the proof in the fragment.
    expect(decodeProof(`https://verify.example/verify#proof.${encodeProof({ challenge, agent: agent.address, signature })}`)).toEqual(proof);
    expect(decodeChallenge(`https://verify.example/desk/prove#${encodeChallenge(challenge)}`)).toEqual(challenge);
    expect(decodeProof("https://verify.example/verify#proof.bm90LWEtcHJvb2Y")).toBeNull();
    expect(await verifyTypedData({ ...args, address: agent.address, signature })).toBe(true);
    const forged = await scammer.signTypedData(args);
    expect(await verifyTypedData({ ...args, address: agent.address, signature: forged })).toBe(false);
  });

  it("refuses a foreign origin, an expired, a reused and a foreign challenge with a sentence", () => {
    const issued = new Set([challenge.nonce]);
    expect(checkChallenge(challenge, ORIGIN, NOW + 10, issued, new Set())).toBeNull();
    expect(checkChallenge(challenge, "https://evil.example", NOW, issued, new Set())?.reason).toBe("foreign-origin");
    expect(checkChallenge(challenge, ORIGIN, NOW + 300, issued, new Set())).toEqual({
      reason: "expired",
      sentence: "This challenge has expired: issue a new one and ask the person to sign it within five minutes.",
    });
    expect(checkChallenge(challenge, ORIGIN, NOW, issued, issued)?.reason).toBe("reused");
    expect(checkChallenge(challenge, ORIGIN, NOW, new Set(), new Set())?.reason).toBe("not-issued");
  });
});
