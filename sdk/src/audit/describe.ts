/**
 * Timeline rows in human units, for the Audit page and any report: token amounts with decimals, verdicts,
 * votes, statuses and policy kinds as words, times in the one date format, durations, short ids and
 * hashes, agents by handle. Pure: the full values stay in the row (and in the exports).
 */
import { formatDate, formatDuration, formatTokens, shortAddress, shortHash } from "../format.js";
import { AGENT_STATUS_LABELS, label, POLICY_KIND_LABELS, PRIORITY_LABELS, REPORT_STATUS_LABELS, SLA_VERDICT_LABELS, VOTE_LABELS } from "../labels.js";
import type { JsonValue, TimelineRow } from "./types.js";

/** One argument of a row: its words ("new votes"), its human value, and the exact value behind it. */
export interface DescribedField {
  key: string;
  name: string;
  text: string;
  exact: string;
}

/** Filter kinds of the Audit page. Ownership and role changes are governance, whichever contract emits them. */
export type RowKind = "governance" | "policy" | "agents" | "ratings" | "knowledge" | "token";

const KIND_OF_CONTRACT: Record<TimelineRow["contract"], RowKind> = {
  SupportToken: "token",
  TimelockController: "governance",
  SupportGovernor: "governance",
  PolicyRegistry: "policy",
  AgentRegistry: "agents",
  SupportRatings: "ratings",
  KnowledgeBase: "knowledge",
  AgentCredentials: "agents",
  CommunityRewards: "ratings",
};

const ADMIN_EVENTS = new Set(["OwnershipTransferred", "RoleGranted", "RoleRevoked", "RoleAdminChanged", "EIP712DomainChanged"]);

export function rowKind(row: Pick<TimelineRow, "contract" | "event">): RowKind {
  return ADMIN_EVENTS.has(row.event) ? "governance" : KIND_OF_CONTRACT[row.contract];
}

const TOKEN_FIELDS = new Set(["value", "previousVotes", "newVotes", "weight", "oldProposalThreshold", "newProposalThreshold"]);
/** Times, including the governor's vote start and end (its ERC-6372 clock is timestamps). */
const TIME_FIELDS = new Set(["effectiveFrom", "removedAt", "retiredAt", "etaSeconds", "extendedDeadline", "voteStart", "voteEnd"]);
const DURATION_FIELDS = new Set([
  "delay",
  "oldDuration",
  "newDuration",
  "oldVotingDelay",
  "newVotingDelay",
  "oldVotingPeriod",
  "newVotingPeriod",
  "oldVoteExtension",
  "newVoteExtension",
]);
const ID_FIELDS = new Set(["proposalId", "reportId"]);

/** "newVotes" → "new votes", "etaSeconds" → "eta". */
export function fieldName(key: string): string {
  return key
    .replace(/Seconds$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase();
}

/** A long decimal id as "#3141…5926" (ids short enough stay whole). */
export function shortId(id: string): string {
  return id.length > 12 ? `#${id.slice(0, 4)}…${id.slice(-4)}` : `#${id}`;
}

const isAddressText = (v: string) => /^0x[0-9a-fA-F]{40}$/.test(v);
const isHexText = (v: string) => /^0x[0-9a-fA-F]*$/.test(v);

function valueText(row: TimelineRow, key: string, value: JsonValue, handles: ReadonlyMap<string, string>): string {
  if (value === null) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return `${value.length} item${value.length === 1 ? "" : "s"}`;
  if (typeof value === "object") return `${Object.keys(value).length} fields`;
  const text = String(value);
  if (row.event === "Rated" && key === "verdict") return `SLA ${label(SLA_VERDICT_LABELS, value)}`;
  if (row.event === "Rated" && key === "priority") return label(PRIORITY_LABELS, value);
  if (key === "support" && row.contract === "SupportGovernor") return label(VOTE_LABELS, value);
  if (key === "kind") return label(POLICY_KIND_LABELS, value);
  if (key === "oldStatus" || key === "newStatus") return label(AGENT_STATUS_LABELS, value);
  if (key === "status" && row.event === "ReportResolved") return label(REPORT_STATUS_LABELS, value);
  if (TOKEN_FIELDS.has(key) && /^\d+$/.test(text)) return formatTokens(BigInt(text), row.contract === "TimelockController" ? "ETH" : undefined);
  if (TIME_FIELDS.has(key) && /^\d+$/.test(text)) return Number(text) === 0 ? "on execution" : formatDate(Number(text));
  if (DURATION_FIELDS.has(key) && /^\d+$/.test(text)) return formatDuration(Number(text));
  if (ID_FIELDS.has(key)) return shortId(text);
  if (isAddressText(text)) return handles.get(text.toLowerCase()) || shortAddress(text);
  if (isHexText(text) && text.length > 14) return shortHash(text);
  return text;
}

/** Every argument of a row, in human units. `handles` maps lower-cased agent addresses to handles. */
export function describeFields(row: TimelineRow, handles: ReadonlyMap<string, string> = new Map()): DescribedField[] {
  return Object.entries(row.args).map(([key, value]) => ({
    key,
    name: fieldName(key),
    text: valueText(row, key, value, handles),
    exact: typeof value === "object" && value !== null ? JSON.stringify(value) : String(value),
  }));
}

/** The row in one line of human values ("agent maya.ledgerly · score 5 · SLA met"), long texts whole. */
export function describeRow(row: TimelineRow, handles: ReadonlyMap<string, string> = new Map()): string {
  return describeFields(row, handles)
    .filter((f) => f.text !== "" && !(Array.isArray(row.args[f.key]) && f.key !== "targets"))
    .map((f) => `${f.name} ${f.text}`)
    .join(" · ");
}
