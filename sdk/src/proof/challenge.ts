/**
 * Live proof of control, without a transaction: Verify issues a one-time EIP-712 challenge bound to the dApp's
 * origin, a nonce and an expiry, with a short human phrase; the person claiming to be support signs it with
 * their agent key (EOA, or a smart account through ERC-1271 via `publicClient.verifyTypedData`). The check
 * refuses a foreign origin, an expired or reused challenge and a signature that does not verify for the agent.
 */
import { type Address, bytesToHex, type Hex, hexToBytes, isAddress, isHex } from "viem";

export const PROOF_TYPES = {
  ProofOfControl: [
    { name: "statement", type: "string" },
    { name: "origin", type: "string" },
    { name: "phrase", type: "string" },
    { name: "nonce", type: "bytes32" },
    { name: "issuedAt", type: "uint64" },
    { name: "expiresAt", type: "uint64" },
  ],
} as const;

// A type, not an interface: viem types EIP-712 messages as records.
export type ProofChallenge = {
  statement: string;
  origin: string;
  phrase: string;
  nonce: Hex;
  issuedAt: bigint;
  expiresAt: bigint;
};

/** The EIP-712 domain of a proof on `chainId`: no verifying contract, the origin is in the message. */
export function proofDomain(chainId: number) {
  return { name: "Support Quality Protocol proof of control", version: "1", chainId } as const;
}

const WORDS = [
  "amber",
  "birch",
  "cobalt",
  "delta",
  "ember",
  "fjord",
  "garnet",
  "harbor",
  "indigo",
  "juniper",
  "koala",
  "lagoon",
  "maple",
  "nectar",
  "opal",
  "pepper",
];

/** The statement an agent signs: fixed for an origin, so links need not carry it. */
function statementFor(origin: string): string {
  return `I control this support agent's key and I am proving it to a user of ${origin} right now. I will never ask for a seed phrase.`;
}

/** The phrase the user and the agent compare: three words drawn from the nonce, so links need not carry it either. */
function phraseFor(nonce: Hex): string {
  const bytes = hexToBytes(nonce);
  return `${WORDS[bytes[0] % WORDS.length]}-${WORDS[bytes[1] % WORDS.length]}-${(bytes[2] % 90) + 10}`;
}

/** A fresh challenge for `origin`, valid `ttlSeconds` from `now` (seconds). */
export function issueChallenge(origin: string, now: number, ttlSeconds = 300, random: (n: number) => Uint8Array = randomBytes): ProofChallenge {
  const nonce = bytesToHex(random(32));
  return {
    statement: statementFor(origin),
    origin,
    phrase: phraseFor(nonce),
    nonce,
    issuedAt: BigInt(now),
    expiresAt: BigInt(now + ttlSeconds),
  };
}

function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** A signed proof as it travels in a link or is pasted: the challenge, the claimed agent and the signature. */
export interface SignedProof {
  challenge: ProofChallenge;
  agent: Address;
  signature: Hex;
}

function toBase64Url(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

function fromBase64Url(text: string): Record<string, unknown> | null {
  try {
    const binary = atob(text.trim().replace(/-/g, "+").replace(/_/g, "/"));
    const json: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    return typeof json === "object" && json !== null ? (json as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** What a link carries: the statement and the phrase follow from the origin and the nonce. */
function challengeFields(c: ProofChallenge) {
  return { origin: c.origin, nonce: c.nonce, issuedAt: String(c.issuedAt), expiresAt: String(c.expiresAt) };
}

function readChallenge(json: Record<string, unknown>): ProofChallenge | null {
  const { origin, nonce, issuedAt, expiresAt } = json;
  if (typeof origin !== "string") return null;
  if (typeof nonce !== "string" || !isHex(nonce) || !/^0x[0-9a-f]{64}$/.test(nonce)) return null;
  if (typeof issuedAt !== "string" || typeof expiresAt !== "string" || !/^\d{1,20}$/.test(issuedAt) || !/^\d{1,20}$/.test(expiresAt)) return null;
  return { statement: statementFor(origin), origin, phrase: phraseFor(nonce), nonce, issuedAt: BigInt(issuedAt), expiresAt: BigInt(expiresAt) };
}

/** A challenge as the user hands it to the person claiming to be support (a code or the tail of a link). */
export function encodeChallenge(challenge: ProofChallenge): string {
  return toBase64Url(challengeFields(challenge));
}

/** Reads a challenge code (or a link ending in `#<code>`); null when it is not one. */
export function decodeChallenge(text: string): ProofChallenge | null {
  const json = fromBase64Url(text.slice(text.lastIndexOf("#") + 1));
  return json ? readChallenge(json) : null;
}

export function encodeProof(proof: SignedProof): string {
  return toBase64Url({ ...challengeFields(proof.challenge), agent: proof.agent, signature: proof.signature });
}

/** Reads a proof code (or a link ending in `#proof.<code>`); null when it is not one. */
export function decodeProof(text: string): SignedProof | null {
  const json = fromBase64Url(text.slice(text.lastIndexOf("#") + 1).replace(/^proof\./, ""));
  const challenge = json && readChallenge(json);
  if (!json || !challenge) return null;
  const { agent, signature } = json;
  if (typeof agent !== "string" || !isAddress(agent) || typeof signature !== "string" || !isHex(signature) || !/^0x([0-9a-fA-F]{2})+$/.test(signature))
    return null;
  return { challenge, agent, signature };
}

export type ProofRefusal =
  | { reason: "foreign-origin"; sentence: string }
  | { reason: "expired"; sentence: string }
  | { reason: "reused"; sentence: string }
  | { reason: "not-issued"; sentence: string };

/**
 * What can be decided before any signature check: the challenge was issued here (`issued` holds the nonces this
 * browser issued), for this origin, is not expired, and was not used before (`used`).
 */
export function checkChallenge(
  challenge: ProofChallenge,
  origin: string,
  now: number,
  issued: ReadonlySet<string>,
  used: ReadonlySet<string>,
): ProofRefusal | null {
  if (challenge.origin !== origin) {
    return {
      reason: "foreign-origin",
      sentence: `This challenge was issued for ${challenge.origin}, not for ${origin}: someone is relaying another site's challenge. Treat this as a scam.`,
    };
  }
  if (BigInt(now) >= challenge.expiresAt) {
    return { reason: "expired", sentence: "This challenge has expired: issue a new one and ask the person to sign it within five minutes." };
  }
  if (used.has(challenge.nonce)) {
    return { reason: "reused", sentence: "This challenge was already used: a signature proves control only once. Issue a new challenge." };
  }
  if (!issued.has(challenge.nonce)) {
    return { reason: "not-issued", sentence: "This challenge was not issued by you in this browser: issue your own and ask the person to sign that one." };
  }
  return null;
}
