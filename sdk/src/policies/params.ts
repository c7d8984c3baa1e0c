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

export type TypedParams = { kind: "sla"; sla: SlaParams } | { kind: "rules"; rules: RatingRulesParams } | { kind: "none" };

/** Decodes `params` for its policy kind (SLA and RatingRules have typed parameters; other kinds have none). */
export function decodeParams(kind: number, params: Hex): TypedParams {
  if (params === "0x") return { kind: "none" };
  if (kind === PolicyKind.SLA) return { kind: "sla", sla: decodeSlaParams(params) };
  if (kind === PolicyKind.RatingRules) return { kind: "rules", rules: decodeRatingRulesParams(params) };
  return { kind: "none" };
}
