/**
 * The typed parameters of SLA and rating-rules policy versions (IPolicyRegistry SlaParams /
 * RatingRulesParams): one encoding shared by the dApp, the seed, the tests and the bench.
 */
import { decodeAbiParameters, encodeAbiParameters, type Hex } from "viem";
import { PolicyKind } from "../generated/enums.js";

const slaParamsType = [
  {
    type: "tuple",
    components: [
      { name: "firstResponseMinutes", type: "uint16[4]" },
      { name: "resolutionMinutes", type: "uint16[4]" },
    ],
  },
] as const;

const ratingRulesParamsType = [
  {
    type: "tuple",
    components: [
      { name: "ratingWindow", type: "uint32" },
      { name: "scale", type: "uint8" },
      { name: "tags", type: "string[]" },
    ],
  },
] as const;

export interface SlaParams {
  /** Minutes per priority: Low, Normal, High, Urgent. */
  firstResponseMinutes: readonly [number, number, number, number];
  resolutionMinutes: readonly [number, number, number, number];
}

export interface RatingRulesParams {
  /** Seconds. */
  ratingWindow: number;
  scale: number;
  tags: readonly string[];
}

export function encodeSlaParams(p: SlaParams): Hex {
  return encodeAbiParameters(slaParamsType, [p]);
}

export function decodeSlaParams(data: Hex): SlaParams {
  const [p] = decodeAbiParameters(slaParamsType, data);
  return p;
}

export function encodeRatingRulesParams(p: RatingRulesParams): Hex {
  return encodeAbiParameters(ratingRulesParamsType, [p]);
}

export function decodeRatingRulesParams(data: Hex): RatingRulesParams {
  const [p] = decodeAbiParameters(ratingRulesParamsType, data);
  return p;
}

export type TypedParams =
  | { kind: "sla"; sla: SlaParams }
  | { kind: "rules"; rules: RatingRulesParams }
  | { kind: "channels"; channels: OfficialChannelsParams }
  | { kind: "none" };

/** Decodes `params` for its policy kind (SLA, RatingRules and OfficialChannels have typed parameters; other kinds none). */
export function decodeParams(kind: number, params: Hex): TypedParams {
  if (params === "0x") return { kind: "none" };
  if (kind === PolicyKind.SLA) return { kind: "sla", sla: decodeSlaParams(params) };
  if (kind === PolicyKind.RatingRules) return { kind: "rules", rules: decodeRatingRulesParams(params) };
  if (kind === PolicyKind.OfficialChannels) return { kind: "channels", channels: decodeOfficialChannelsParams(params) };
  return { kind: "none" };
}

/** Encodes typed parameters (the inverse of {@link decodeParams}). */
export function encodeParams(typed: TypedParams): Hex {
  if (typed.kind === "sla") return encodeSlaParams(typed.sla);
  if (typed.kind === "rules") return encodeRatingRulesParams(typed.rules);
  if (typed.kind === "channels") return encodeOfficialChannelsParams(typed.channels);
  return "0x";
}

const officialChannelsParamsType = [
  {
    type: "tuple",
    components: [
      { name: "websites", type: "string[]" },
      { name: "emailDomains", type: "string[]" },
      {
        name: "socials",
        type: "tuple[]",
        components: [
          { name: "platform", type: "string" },
          { name: "handle", type: "string" },
        ],
      },
      { name: "phones", type: "string[]" },
    ],
  },
] as const;

/** The official channels of the protocol's desks (IPolicyRegistry OfficialChannelsParams): what Verify compares with. */
export interface OfficialChannelsParams {
  /** Website domains, lowercase ASCII or punycode (e.g. `ledgerly.example`). */
  websites: readonly string[];
  /** Domains official e-mail comes from. */
  emailDomains: readonly string[];
  /** Official accounts per platform (e.g. `{ platform: "x", handle: "@LedgerlySupport" }`). */
  socials: readonly { platform: string; handle: string }[];
  /** Phone numbers in E.164 form. */
  phones: readonly string[];
}

export function encodeOfficialChannelsParams(p: OfficialChannelsParams): Hex {
  return encodeAbiParameters(officialChannelsParamsType, [p]);
}

export function decodeOfficialChannelsParams(data: Hex): OfficialChannelsParams {
  const [p] = decodeAbiParameters(officialChannelsParamsType, data);
  return p;
}
