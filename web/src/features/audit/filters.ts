/**
 * The Audit page's filters over timeline rows, and what a row links to. Pure: unit-testable, no React.
 */
import { type JsonValue, rowKind, type TimelineRow } from "@support-quality/sdk/audit";

export interface Filters {
  kind: string;
  deskId: string;
  agent: string;
  /** Any address (or hash) appearing in the row: arguments or transaction. */
  address: string;
  /** Unix seconds, inclusive; undefined = unbounded. */
  from?: number;
  to?: number;
}

/** Rows newest first (the default) or oldest first; a copy, the read order stays untouched. */
export function orderRows(rows: readonly TimelineRow[], newestFirst: boolean): TimelineRow[] {
  const sorted = [...rows].sort((a, b) => a.block - b.block || a.logIndex - b.logIndex);
  return newestFirst ? sorted.reverse() : sorted;
}

export const NO_FILTERS: Filters = { kind: "", deskId: "", agent: "", address: "" };

/** Every string value of a row's arguments, lower-cased, nested values included. */
function strings(value: JsonValue, out: string[]) {
  if (typeof value === "string") out.push(value.toLowerCase());
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) strings(v, out);
}

export function filterRows(rows: readonly TimelineRow[], f: Filters): TimelineRow[] {
  const address = f.address.trim().toLowerCase();
  const agent = f.agent.toLowerCase();
  return rows.filter((row) => {
    if (f.kind && rowKind(row) !== f.kind) return false;
    if (f.deskId && String(row.args.deskId ?? "") !== f.deskId) return false;
    if (agent && String(row.args.agent ?? "").toLowerCase() !== agent) return false;
    if (f.from !== undefined && row.time < f.from) return false;
    if (f.to !== undefined && row.time > f.to) return false;
    if (address) {
      const values: string[] = [row.tx.toLowerCase()];
      strings(row.args, values);
      if (!values.some((v) => v.includes(address))) return false;
    }
    return true;
  });
}

export interface RowLink {
  label: string;
  to: string;
}

/** The dApp pages a row is about: its proposal, policy, desk and agent. */
export function rowLinks(row: TimelineRow): RowLink[] {
  const a = row.args;
  const links: RowLink[] = [];
  if (a.proposalId !== undefined && row.contract === "SupportGovernor") links.push({ label: "open proposal", to: `/governance/${a.proposalId}` });
  if (a.policyId !== undefined) links.push({ label: `policy ${a.policyId}`, to: `/policies/${a.policyId}` });
  if (a.deskId !== undefined && Number(a.deskId) > 0) links.push({ label: `desk ${a.deskId}`, to: `/desks/${a.deskId}` });
  if (typeof a.agent === "string") links.push({ label: "agent", to: `/agents/${a.agent}` });
  return links;
}
