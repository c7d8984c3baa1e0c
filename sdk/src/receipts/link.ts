/**
 * A rating link: everything the requester's browser needs to rate one ticket — the chain, the ratings
 * contract, the receipt, who signed it and the signature — packed into one URL-safe string, so nothing
 * about a receipt is stored off-chain.
 *
 * Format `v3.<base64url>`: the version is readable before anything is decoded, so a future format can be
 * told apart from a damaged link. v3 carries the `ReceiptV2` fields (category, paused time) and the AI
 * assistant's ticket an escalated ticket came from (0 = none); v2 links (the same without it) are still read;
 * a v1 link (a `Receipt` v1 signature, which no current ratings contract accepts) is answered with a sentence. The bytes are fixed-width big-endian fields, then the signature (65
 * bytes for an EOA, any length for an ERC-1271 wallet), then a 4-byte keccak256 checksum so a link cut
 * off or mistyped while copying is reported as such instead of as a bad signature.
 */
import { base64urlnopad } from "@scure/base";
import { type Address, bytesToBigInt, bytesToHex, concat, getAddress, type Hex, hexToBytes, isAddress, isHex, keccak256, numberToBytes } from "viem";
import { PRIORITIES, type Receipt } from "./eip712.js";

export interface ReceiptLink {
  chainId: number;
  contract: Address;
  receipt: Receipt;
  signer: Address;
  signature: Hex;
}

/** Why a link could not be read; `message` is the sentence to show the user. */
export class ReceiptLinkError extends Error {
  override readonly name = "ReceiptLinkError";
  constructor(
    readonly reason: "empty" | "version" | "encoding" | "truncated" | "checksum" | "field",
    message: string,
  ) {
    super(message);
  }
}

export const LINK_VERSION = 3;
const PREFIX = `v${LINK_VERSION}.`;

// [name, width in bytes] in wire order; the signature and checksum follow. v3 = v2 + `escalatedFrom`.
const FIELDS_V2 = [
  ["chainId", 8],
  ["contract", 20],
  ["signer", 20],
  ["ticketId", 8],
  ["deskId", 4],
  ["agent", 20],
  ["requester", 20],
  ["priority", 1],
  ["category", 1],
  ["openedAt", 6],
  ["firstResponseAt", 6],
  ["resolvedAt", 6],
  ["pausedSeconds", 6],
  ["deadline", 6],
] as const;
const FIELDS = [...FIELDS_V2, ["escalatedFrom", 8]] as const;
type Field = (typeof FIELDS)[number][0];
const headBytes = (fields: readonly (readonly [Field, number])[]) => fields.reduce((n, [, width]) => n + width, 0);
const HEAD_BYTES = headBytes(FIELDS);
const CHECKSUM_BYTES = 4;

/** Packs a signed receipt into a link payload (`v1.…`). Throws {@link ReceiptLinkError} on a bad field. */
export function encodeReceiptLink(link: ReceiptLink): string {
  const values = fieldValues(link);
  const signature = link.signature;
  if (!isHex(signature, { strict: true }) || signature.length <= 2 || signature.length % 2 !== 0) {
    throw new ReceiptLinkError("field", "The receipt signature is not a hex byte string.");
  }
  const head = new Uint8Array(HEAD_BYTES);
  let offset = 0;
  for (const [name, width] of FIELDS) {
    const value = values[name];
    if (typeof value === "string") {
      head.set(hexToBytes(value), offset);
    } else {
      checkRange(name, value, width);
      head.set(numberToBytes(value, { size: width }), offset);
    }
    offset += width;
  }
  const body = concat([head, hexToBytes(signature)]);
  return PREFIX + base64urlnopad.encode(concat([body, checksum(body)]));
}

/** Reads a link payload; every way it can be wrong is a {@link ReceiptLinkError} with a sentence. */
export function decodeReceiptLink(payload: string): ReceiptLink {
  const text = asPasted(payload);
  if (text === "") {
    throw new ReceiptLinkError("empty", "This page needs a rating link: open the link the help desk sent you.");
  }
  const version = /^v(\d+)\./.exec(text);
  if (!version) {
    throw new ReceiptLinkError("encoding", "This is not a rating link: it does not start the way rating links do.");
  }
  if (Number(version[1]) === 1) {
    throw new ReceiptLinkError(
      "version",
      "This rating link was made before receipts carried a ticket category (format v1), and the ratings contract no longer accepts that receipt, so it cannot be rated. Ask the help desk for a new link: they can sign the same ticket again.",
    );
  }
  const format = Number(version[1]);
  if (format !== LINK_VERSION && format !== 2) {
    throw new ReceiptLinkError(
      "version",
      `This rating link uses format v${version[1]}, which this app does not read (it reads v2 and v${LINK_VERSION}). Update the app or ask the help desk for a new link.`,
    );
  }
  const fields = format === 2 ? FIELDS_V2 : FIELDS;
  const head = headBytes(fields);
  const encoded = text.slice(version[0].length);
  checkBase64Url(encoded);
  // Before decoding: a cut-off link can also end in bits that do not decode, and "incomplete" is the useful answer.
  if (Math.floor((encoded.length * 3) / 4) < head + 1 + CHECKSUM_BYTES) {
    throw new ReceiptLinkError("truncated", "This rating link is incomplete: part of it was probably cut off when it was copied. Copy the whole link again.");
  }
  const bytes = fromBase64Url(encoded);
  const body = bytes.subarray(0, bytes.length - CHECKSUM_BYTES);
  if (bytesToHex(checksum(body)) !== bytesToHex(bytes.subarray(bytes.length - CHECKSUM_BYTES))) throw damaged();
  const read: Partial<Record<Field, bigint | Address>> = {};
  let offset = 0;
  for (const [name, width] of fields) {
    const slice = body.subarray(offset, offset + width);
    read[name] = width === 20 ? getAddress(bytesToHex(slice)) : bytesToBigInt(slice);
    offset += width;
  }
  const priority = Number(read.priority);
  if (priority >= PRIORITIES.length) {
    throw new ReceiptLinkError("field", `This rating link names priority ${priority}, which does not exist.`);
  }
  const chainId = read.chainId as bigint;
  if (chainId === 0n || chainId > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new ReceiptLinkError("field", `This rating link names chain ${chainId}, which is not a valid chain id.`);
  }
  return {
    chainId: Number(chainId),
    contract: read.contract as Address,
    signer: read.signer as Address,
    signature: bytesToHex(body.subarray(head)),
    receipt: {
      ticketId: read.ticketId as bigint,
      deskId: Number(read.deskId),
      agent: read.agent as Address,
      requester: read.requester as Address,
      priority,
      category: Number(read.category),
      openedAt: Number(read.openedAt),
      firstResponseAt: Number(read.firstResponseAt),
      resolvedAt: Number(read.resolvedAt),
      pausedSeconds: Number(read.pausedSeconds),
      deadline: Number(read.deadline),
      ...(read.escalatedFrom ? { escalatedFrom: read.escalatedFrom as bigint } : {}),
    },
  };
}

/**
 * The full URL of the rate page for `link` under the dApp's `baseUrl`. The payload rides in the fragment:
 * browsers never send it to the server, so the web host never logs who was helped.
 */
export function ratingUrl(baseUrl: string, link: ReceiptLink): string {
  const url = new URL("rate", baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  url.hash = encodeReceiptLink(link);
  return url.toString();
}

/** The payload of a rate-page URL (its fragment), or of a bare payload pasted by hand. */
export function payloadFromUrl(urlOrPayload: string): string {
  const text = urlOrPayload.trim();
  const hash = text.indexOf("#");
  return asPasted(hash === -1 ? text : text.slice(hash + 1));
}

/**
 * Undoes what chat apps and e-mail do to a link: line breaks and spaces inside it (wrapped lines) and
 * punctuation after it ("…see v1.AbC." or "(v1.AbC)"). None of these characters is in the base64url
 * alphabet, so nothing a help desk signed is removed, and the checksum still catches any other change.
 */
function asPasted(payload: string): string {
  return payload.replace(/[\s\u200b-\u200d\u2060\ufeff]+/gu, "").replace(/[^A-Za-z0-9_-]+$/u, "");
}

function fieldValues(link: ReceiptLink): Record<Field, number | bigint | Address> {
  const { receipt } = link;
  const address = (name: string, value: string): Address => {
    if (!isAddress(value, { strict: false })) {
      throw new ReceiptLinkError("field", `The ${name} address "${value}" is not an Ethereum address.`);
    }
    return getAddress(value);
  };
  if (!Number.isInteger(receipt.priority) || receipt.priority < 0 || receipt.priority >= PRIORITIES.length) {
    throw new ReceiptLinkError("field", `Priority ${receipt.priority} does not exist (0 to ${PRIORITIES.length - 1}).`);
  }
  return {
    chainId: link.chainId,
    contract: address("contract", link.contract),
    signer: address("signer", link.signer),
    ticketId: receipt.ticketId,
    deskId: receipt.deskId,
    agent: address("agent", receipt.agent),
    requester: address("requester", receipt.requester),
    priority: receipt.priority,
    category: receipt.category,
    openedAt: receipt.openedAt,
    firstResponseAt: receipt.firstResponseAt,
    resolvedAt: receipt.resolvedAt,
    pausedSeconds: receipt.pausedSeconds,
    deadline: receipt.deadline,
    escalatedFrom: receipt.escalatedFrom ?? 0n,
  };
}

const FIELD_LABELS: Record<Field, string> = {
  chainId: "chain id",
  contract: "contract",
  signer: "signer",
  ticketId: "ticket id",
  deskId: "desk id",
  agent: "agent",
  requester: "requester",
  priority: "priority",
  category: "category",
  openedAt: "opened-at time",
  firstResponseAt: "first-response time",
  resolvedAt: "resolved-at time",
  pausedSeconds: "paused time",
  deadline: "deadline",
  escalatedFrom: "escalated-from ticket id",
};

function checkRange(name: Field, value: number | bigint, width: number) {
  const ok = (typeof value === "bigint" || Number.isSafeInteger(value)) && BigInt(value) >= 0n && BigInt(value) < 1n << BigInt(8 * width);
  if (!ok) {
    throw new ReceiptLinkError(
      "field",
      `The ${FIELD_LABELS[name]} ${value} is out of range: it must be a whole number from 0 to ${(1n << BigInt(8 * width)) - 1n}.`,
    );
  }
}

function damaged(): ReceiptLinkError {
  return new ReceiptLinkError(
    "checksum",
    "This rating link is damaged: it was changed or mistyped after the help desk made it. Copy the whole link again or ask for a new one.",
  );
}

function checksum(body: Uint8Array): Uint8Array {
  return hexToBytes(keccak256(body)).subarray(0, CHECKSUM_BYTES);
}

function checkBase64Url(text: string) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) {
    throw new ReceiptLinkError("encoding", "This rating link is damaged: it contains characters a rating link cannot have. Copy the whole link again.");
  }
  // No whole number of bytes encodes to 4n+1 characters: one was lost or added while copying.
  if (text.length % 4 === 1) throw damaged();
}

function fromBase64Url(text: string): Uint8Array {
  try {
    return base64urlnopad.decode(text);
  } catch {
    // Non-zero padding bits: the last character was changed.
    throw damaged();
  }
}
