/** Names of the contracts' enums, in declaration order (the on-chain values are the indexes). */
export const POLICY_KINDS = ["General", "SLA", "Escalation", "SecurityScript", "OfficialChannels", "RatingRules"] as const;
export const POLICY_KIND_LABELS = [
  "General",
  "Service levels (SLA)",
  "Escalation",
  "Security script",
  "Official channels",
  "Rating rules",
] as const;
export const PRIORITY_LABELS = ["Low", "Normal", "High", "Urgent"] as const;
export const AGENT_STATUS_LABELS = ["not an agent", "active", "suspended", "removed"] as const;
export const REPORT_STATUS_LABELS = ["none", "open", "confirmed", "dismissed"] as const;
export const PROPOSAL_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;
export const TIMELOCK_OPERATION_STATES = ["Unset", "Waiting", "Ready", "Done"] as const;
export const STANDINGS = [
  "Unknown",
  "OfficialAgent",
  "SuspendedAgent",
  "FormerAgent",
  "ReportedImpersonator",
  "ConfirmedImpersonator",
] as const;
export const SLA_VERDICTS = ["no SLA", "met", "breached"] as const;

export function label(list: readonly string[], index: unknown): string {
  const i = Number(index);
  return list[i] ?? `#${i}`;
}

/** The names of the states set in an OZ state bitmap (`bytes32`, bit i = state i). */
export function statesInBitmap(bitmap: string | bigint, names: readonly string[]): string[] {
  const value = BigInt(bitmap);
  return names.filter((_, i) => (value >> BigInt(i)) & 1n);
}
