/** The request bodies, checked with zod before anything else is read (the SDK's wire types, as schemas). */
import { getAddress, isAddress, isHex } from "viem";
import { z } from "zod";

const address = z
  .string()
  .refine((a) => isAddress(a, { strict: false }), "is not an address")
  .transform((a) => getAddress(a));
const hex = z
  .string()
  .refine((h) => isHex(h), "is not 0x-prefixed hex")
  .transform((h) => h as `0x${string}`);
const signature = hex.refine((h) => h.length >= 132, "is not a signature");
const uint = (bits: number) =>
  z
    .number()
    .int()
    .nonnegative()
    .max(2 ** Math.min(bits, 53) - 1);
const decimal = z
  .string()
  .regex(/^\d{1,78}$/, "is not a decimal integer")
  .transform((s) => BigInt(s));

export const RatingBody = z.strictObject({
  chainId: z.number().int().positive(),
  ratings: address,
  receipt: z.strictObject({
    ticketId: decimal,
    deskId: uint(32),
    agent: address,
    requester: address,
    priority: uint(8),
    category: uint(8),
    openedAt: uint(48),
    firstResponseAt: uint(48),
    resolvedAt: uint(48),
    pausedSeconds: uint(32),
    deadline: uint(48),
    /** The AI assistant's ticket an escalated ticket came from (rated with `rateEscalated`). */
    escalatedFrom: decimal.optional(),
  }),
  receiptSigner: address,
  receiptSignature: signature,
  score: uint(8),
  tags: uint(32),
  comment: z.string(),
  nonce: decimal,
  deadline: uint(48),
  signature,
});

export const VoteBody = z.strictObject({
  chainId: z.number().int().positive(),
  governor: address,
  proposalId: decimal,
  support: z.number().int().min(0).max(2),
  voter: address,
  nonce: decimal,
  reason: z.string().optional(),
  params: hex.optional(),
  signature,
});

/** The first problem of a failed parse, as "path: message". */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const where = issue.path.length > 0 ? issue.path.join(".") : "the body";
  return `${where} ${issue.message.replace(/^Invalid input: /, "").replace(/^./, (c) => c.toLowerCase())}`;
}
