/**
 * Audit: the protocol's whole event history, read from the chain in bounded ranges by the same module as
 * `npm run audit`, with filters, a virtualised list for tens of thousands of rows, CSV/JSON export, and
 * the recompute-and-compare verdict per desk, agent and policy.
 */

import { shortAddress, shortHash } from "@support-quality/sdk";
import {
  type AuditReport,
  describeFields,
  describeRow,
  type Progress,
  type StatsVerdict,
  shortId,
  type TimelineRow,
  toCsv,
  toJsonFile,
} from "@support-quality/sdk/audit";
import { useVirtualizer } from "@tanstack/react-virtual";
import { Fragment, useMemo, useRef, useState } from "react";
import { Link } from "react-router";
import { Empty, ErrorNote, Loading } from "../../components/States";
import { useAgentHandles } from "../../lib/agentHandles";
import { download } from "../../lib/download";
import { useProtocol } from "../../lib/useProtocol";
import { type Filters, filterRows, NO_FILTERS, orderRows, rowLinks } from "./filters";
import "./audit.css";
import { DateTime } from "../../components/DateTime";
import { TableScroll } from "../../components/TableScroll";
import { useAudit } from "./useAudit";

const ROW_HEIGHT = 56;
const KINDS = [
  ["", "All kinds"],
  ["governance", "Governance"],
  ["policy", "Policies"],
  ["agents", "Agents & desks"],
  ["ratings", "Ratings"],
  ["knowledge", "Help articles"],
  ["token", "Token"],
] as const;

const NO_HANDLES: ReadonlyMap<string, string> = new Map();

const toSeconds = (value: string) => (value ? Math.floor(new Date(value).getTime() / 1000) : undefined);

export function AuditPage() {
  const { chainId, deployment } = useProtocol();
  const { audit, progress } = useAudit();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [fromText, setFromText] = useState("");
  const [toText, setToText] = useState("");
  const [newestFirst, setNewestFirst] = useState(true);
  const handles = useAgentHandles().data ?? NO_HANDLES;

  const rows = audit.data?.timeline.rows;
  const applied = useMemo(() => ({ ...filters, from: toSeconds(fromText), to: toSeconds(toText) }), [filters, fromText, toText]);
  const filtered = useMemo(() => (rows ? orderRows(filterRows(rows, applied), newestFirst) : []), [rows, applied, newestFirst]);
  const desks = useMemo(() => [...new Set((rows ?? []).filter((r) => r.event === "DeskRegistered").map((r) => String(r.args.deskId)))], [rows]);
  const agents = useMemo(() => [...new Set((rows ?? []).filter((r) => r.event === "AgentAdded").map((r) => String(r.args.agent)))], [rows]);
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  const exportName = `timeline-${chainId}`;
  const exportFile = () => ({
    chainId,
    fromBlock: audit.data!.timeline.fromBlock,
    toBlock: audit.data!.timeline.toBlock,
    contracts: deployment.contracts,
    rows: filtered,
  });

  return (
    <section>
      <h1>Audit</h1>
      <p className="muted">
        Every event of the protocol since its deployment block, read straight from the chain. Each desk's and agent's published aggregates and each policy's
        version chain are recomputed from these events and compared with the contracts — the same check as <code>npm run audit</code>.
      </p>
      {audit.isPending && (
        <div data-testid="audit-progress">
          <Loading what={progressText(progress)} />
        </div>
      )}
      {audit.error && <ErrorNote error={audit.error} />}
      {audit.data && rows && (
        <>
          <Verdict report={audit.data.report} onRerun={() => void audit.refetch()} rerunning={audit.isFetching} handles={handles} />
          <h2>Timeline</h2>
          <form className="field-row audit-filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
            <label>
              Kind
              <select value={filters.kind} onChange={(e) => set({ kind: e.target.value })} data-testid="filter-kind">
                {KINDS.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Desk
              <select value={filters.deskId} onChange={(e) => set({ deskId: e.target.value })} data-testid="filter-desk">
                <option value="">All desks</option>
                {desks.map((d) => (
                  <option key={d} value={d}>
                    Desk {d}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Agent
              <select value={filters.agent} onChange={(e) => set({ agent: e.target.value })} data-testid="filter-agent">
                <option value="">All agents</option>
                {agents.map((a) => (
                  <option key={a} value={a}>
                    {handles.get(a.toLowerCase()) ? `${handles.get(a.toLowerCase())} (${shortAddress(a)})` : a}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Address or hash
              <input value={filters.address} onChange={(e) => set({ address: e.target.value })} placeholder="0x…" data-testid="filter-address" />
            </label>
            <label>
              From
              <input type="datetime-local" value={fromText} onChange={(e) => setFromText(e.target.value)} data-testid="filter-from" />
            </label>
            <label>
              To
              <input type="datetime-local" value={toText} onChange={(e) => setToText(e.target.value)} data-testid="filter-to" />
            </label>
            <button
              type="button"
              onClick={() => {
                setFilters(NO_FILTERS);
                setFromText("");
                setToText("");
              }}
            >
              Clear
            </button>
          </form>
          <div className="audit-toolbar">
            <label className="checkbox">
              <input type="checkbox" checked={newestFirst} onChange={(e) => setNewestFirst(e.target.checked)} data-testid="newest-first" />
              Newest first
            </label>
            <span data-testid="audit-count">{filtered.length === rows.length ? `${rows.length} events` : `${filtered.length} of ${rows.length} events`}</span>
            <button
              type="button"
              data-testid="export-csv"
              disabled={!filtered.length}
              onClick={() => download(`${exportName}.csv`, "text/csv", toCsv(filtered))}
            >
              Export CSV
            </button>
            <button
              type="button"
              data-testid="export-json"
              disabled={!filtered.length}
              onClick={() => download(`${exportName}.json`, "application/json", toJsonFile(exportFile()))}
            >
              Export JSON
            </button>
          </div>
          {filtered.length ? <RowList rows={filtered} handles={handles} /> : <Empty>No event matches these filters.</Empty>}
        </>
      )}
    </section>
  );
}

function progressText(p: Progress | undefined): string {
  if (!p) return "Connecting to the chain";
  if (p.phase === "logs") return `Reading events: block ${p.doneBlocks} of ${p.totalBlocks}, ${p.logs} events`;
  if (p.phase === "timestamps") return `Reading block times for ${p.logs} events`;
  return "Comparing with on-chain state";
}

/**
 * The timeline, virtualised (rows are measured, so an opened row grows): each row in human units, with
 * every field's exact value one click away and the transaction hash to copy.
 */
function RowList({ rows, handles }: { rows: TimelineRow[]; handles: ReadonlyMap<string, string> }) {
  const parent = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => parent.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  return (
    <div ref={parent} className="audit-rows" role="table" aria-rowcount={rows.length} data-testid="audit-rows">
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          return (
            <div
              key={`${row.block}-${row.logIndex}`}
              ref={virtualizer.measureElement}
              data-index={item.index}
              role="row"
              className="audit-row"
              data-testid="audit-row"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <span className="audit-time" role="cell" title={`block ${row.block}, log ${row.logIndex}`}>
                <DateTime seconds={row.time} />
              </span>
              <span className="audit-event" role="cell">
                <strong>{row.event}</strong> <span className="muted">{row.contract}</span>
              </span>
              <details className="audit-args" role="cell">
                <summary>{describeRow(row, handles) || "no fields"}</summary>
                <dl className="facts">
                  {describeFields(row, handles).map((f) => (
                    <Fragment key={f.key}>
                      <dt>{f.name}</dt>
                      <dd>
                        <code className="exact">{f.exact}</code>
                        {/Id$/.test(f.key) && (
                          <>
                            {" "}
                            <CopyButton text={f.exact} label="copy" />
                          </>
                        )}
                      </dd>
                    </Fragment>
                  ))}
                  <dt>transaction</dt>
                  <dd>
                    <code className="exact">{row.tx}</code>
                  </dd>
                </dl>
              </details>
              <span className="audit-links" role="cell">
                {rowLinks(row).map((l) => (
                  <Link key={l.to} to={l.to}>
                    {l.label}
                  </Link>
                ))}
                {proposalIdOf(row) && <CopyButton text={proposalIdOf(row)!} label={`copy id ${shortId(proposalIdOf(row)!)}`} />}
                <CopyButton text={row.tx} label={`copy tx ${shortHash(row.tx)}`} />
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** The proposal a row is about (its `proposalId` field), as the decimal the governor uses. */
function proposalIdOf(row: TimelineRow): string | undefined {
  const id = row.args.proposalId;
  return id === undefined || id === null ? undefined : String(id);
}

/** A short form of a long value; a click copies the whole value. */
function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="link-button muted"
      title={`${text} — click to copy`}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        });
      }}
    >
      {copied ? "copied" : label}
    </button>
  );
}

function Verdict({
  report,
  onRerun,
  rerunning,
  handles,
}: {
  report: AuditReport;
  onRerun: () => void;
  rerunning: boolean;
  handles: ReadonlyMap<string, string>;
}) {
  const ok = report.mismatches.length === 0;
  return (
    <>
      <div className={`status-panel ${ok ? "status-official" : "status-confirmed"}`} data-testid="audit-verdict">
        <h2>{ok ? "History and state agree" : `${report.mismatches.length} mismatch(es) between history and state`}</h2>
        <p>
          {report.events} events in blocks {report.fromBlock}–{report.toBlock}: {report.agents.length} agents, {report.desks.length} desks and{" "}
          {report.policies.length} policies recomputed from events and compared with the contracts at block {report.toBlock}.
        </p>
        {!ok && (
          <ul>
            {report.mismatches.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        )}
        <button type="button" onClick={onRerun} disabled={rerunning}>
          {rerunning ? "Re-reading…" : "Re-read and verify"}
        </button>
      </div>
      <details className="audit-verdicts">
        <summary>Verdict per desk, agent and policy</summary>
        <StatsTable title="Desks" verdicts={report.desks} link={(v) => `/desks/${v.key}`} label={(v) => `Desk ${v.key}`} />
        <StatsTable
          title="Agents"
          verdicts={report.agents}
          link={(v) => `/agents/${v.key}`}
          label={(v) => handles.get(v.key.toLowerCase()) || shortAddress(v.key)}
        />
        <h3>Policies</h3>
        <TableScroll label="Policies">
          <table className="audit-table" data-testid="audit-policies">
            <thead>
              <tr>
                <th>Policy</th>
                <th>Versions</th>
                <th>Status</th>
                <th>Texts match hashes</th>
                <th>Verdict</th>
              </tr>
            </thead>
            <tbody>
              {report.policies.map((p) => (
                <tr key={p.policyId}>
                  <td>
                    <Link to={`/policies/${p.policyId}`}>{p.title || `Policy ${p.policyId}`}</Link>
                  </td>
                  <td>{p.versions.length}</td>
                  <td>{p.retired ? "retired" : "live"}</td>
                  <td>{p.versions.every((v) => v.textMatchesHash) ? "yes" : "no"}</td>
                  <td>
                    {p.mismatches.length ? <span className="badge badge-bad">{p.mismatches.join("; ")}</span> : <span className="badge badge-good">match</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </>
  );
}

function StatsTable({
  title,
  verdicts,
  link,
  label,
}: {
  title: string;
  verdicts: StatsVerdict[];
  link: (v: StatsVerdict) => string;
  label: (v: StatsVerdict) => React.ReactNode;
}) {
  return (
    <>
      <h3>{title}</h3>
      <TableScroll label={title}>
        <table className="audit-table" data-testid={`audit-${title.toLowerCase()}`}>
          <thead>
            <tr>
              <th>{title.slice(0, -1)}</th>
              <th>Ratings</th>
              <th>Sum</th>
              <th>SLA met / breached</th>
              <th>Voided</th>
              <th>Verdict</th>
            </tr>
          </thead>
          <tbody>
            {verdicts.map((v) => (
              <tr key={v.key}>
                <td>
                  <Link to={link(v)}>{label(v)}</Link>
                </td>
                <td>{v.recomputed.count}</td>
                <td>{v.recomputed.sum}</td>
                <td>
                  {v.recomputed.slaMet} / {v.recomputed.slaBreached}
                </td>
                <td>{v.recomputed.voided}</td>
                <td>
                  {v.mismatches.length ? (
                    <span className="badge badge-bad" title={`on-chain: count ${v.onChain.count}, sum ${v.onChain.sum}`}>
                      differs: {v.mismatches.join(", ")}
                    </span>
                  ) : (
                    <span className="badge badge-good">match</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
