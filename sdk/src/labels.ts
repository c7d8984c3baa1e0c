/**
 * Words for the contracts' enums. The enums themselves are generated from solc's AST (generated/enums.ts);
 * the wording is ours, keyed by member name, so a renamed or added member is a compile error here.
 */
import {
  AgentKind,
  AgentStatus,
  OPERATION_STATE_NAMES,
  PolicyKind,
  PRIORITY_NAMES,
  PROPOSAL_STATE_NAMES,
  ReportStatus,
  SlaVerdict,
  STANDING_NAMES,
  Standing,
  VOTE_TYPE_NAMES,
} from "./generated/enums.js";

/** Labels in on-chain value order, from labels keyed by member name. */
export function enumLabels<const E extends Record<string, number>>(values: E, labels: { readonly [K in keyof E]: string }): readonly string[] {
  const words: Record<string, string> = labels;
  const out: string[] = [];
  for (const [name, value] of Object.entries(values)) out[value] = words[name] ?? name;
  return out;
}

/** The label of an on-chain enum value (`#7` for a value the list does not know). */
export function label(list: readonly string[], index: unknown): string {
  const i = Number(index);
  return list[i] ?? `#${i}`;
}

/** The names of the states set in an OZ state bitmap (`bytes32`, bit i = state i). */
export function statesInBitmap(bitmap: string | bigint, names: readonly string[]): string[] {
  const value = BigInt(bitmap);
  return names.filter((_, i) => (value >> BigInt(i)) & 1n);
}

export const POLICY_KIND_LABELS = enumLabels(PolicyKind, {
  General: "General",
  SLA: "Service levels (SLA)",
  Escalation: "Escalation",
  SecurityScript: "Security script",
  OfficialChannels: "Official channels",
  RatingRules: "Rating rules",
});
export const PRIORITY_LABELS: readonly string[] = PRIORITY_NAMES;
export const AGENT_STATUS_LABELS = enumLabels(AgentStatus, { None: "not an agent", Active: "active", Suspended: "suspended", Removed: "removed" });
/** How an agent reads on every screen: an AI assistant is never mistaken for a person. */
export const AGENT_KIND_LABELS = enumLabels(AgentKind, {
  Human: "human agent",
  AIAssistant: "AI assistant — a program, not a person",
  CommunityHelper: "community helper — a volunteer, not staff",
});
export const REPORT_STATUS_LABELS = enumLabels(ReportStatus, {
  None: "none",
  Open: "open",
  Confirmed: "confirmed",
  Dismissed: "dismissed",
  Overturned: "overturned by the DAO",
});
export const SLA_VERDICT_LABELS = enumLabels(SlaVerdict, { None: "no SLA", Met: "met", Breached: "breached" });
export const PROPOSAL_STATES: readonly string[] = PROPOSAL_STATE_NAMES;
export const TIMELOCK_OPERATION_STATES: readonly string[] = OPERATION_STATE_NAMES;
export const STANDINGS: readonly string[] = STANDING_NAMES;
/** A standing as a person reads it (the rate page, the verify page's titles differ on purpose). */
export const STANDING_LABELS = enumLabels(Standing, {
  Unknown: "Unknown to the protocol",
  OfficialAgent: "Official agent",
  SuspendedAgent: "Suspended agent",
  FormerAgent: "Former agent",
  ReportedImpersonator: "Reported impersonator",
  ConfirmedImpersonator: "Confirmed impersonator",
});
export const VOTE_LABELS: readonly string[] = VOTE_TYPE_NAMES;
