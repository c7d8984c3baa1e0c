/**
 * A rating id (`Rated.ratingId`) names its ticket without hashing: `deskId << 64 | ticketId` for a
 * desk-issued receipt, with the agent in bits 96..255 when the agent signed its own receipt (such ratings
 * live in the agent's own ticket namespace and never count in the desk-verified scores).
 */
import { type Address, getAddress, type Hex, pad, toHex } from "viem";

export interface RatingIdParts {
  deskId: number;
  ticketId: bigint;
  /** The agent who signed its own receipt; undefined for a desk-issued receipt. */
  selfSignedBy?: Address;
}

export function ratingIdParts(ratingId: Hex): RatingIdParts {
  const id = BigInt(ratingId);
  const agent = id >> 96n;
  return {
    deskId: Number((id >> 64n) & 0xffffffffn),
    ticketId: id & 0xffffffffffffffffn,
    selfSignedBy: agent === 0n ? undefined : getAddress(pad(toHex(agent), { size: 20 })),
  };
}

/** Whether the rating's receipt was signed by the agent itself (see {@link ratingIdParts}). */
export const isSelfSigned = (ratingId: Hex): boolean => BigInt(ratingId) >> 96n !== 0n;
