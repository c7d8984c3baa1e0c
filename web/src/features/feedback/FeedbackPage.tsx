/**
 * Feedback report: what a product team reads. For one desk or the whole protocol over a time range —
 * volume and CSAT per ticket category, the same per week as a chart, the tags most often chosen with low
 * scores and SLA compliance per category — computed from the audited event history (the Audit page's run),
 * exportable as CSV. `npm run feedback` prints the same report from an audit export.
 */
import { type FeedbackReport, feedbackCsv, feedbackReport, feedbackSlaCsv } from "@support-quality/sdk/audit";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { Empty, ErrorNote, Loading } from "../../components/States";
import { TableScroll } from "../../components/TableScroll";
import { download } from "../../lib/download";
import { useAudit } from "../audit/useAudit";

const toSeconds = (value: string) => (value ? Math.floor(new Date(`${value}T00:00:00Z`).getTime() / 1000) : undefined);
const pct = (x: number | null) => (x === null ? "—" : `${Math.round(100 * x)} %`);
const PALETTE = ["#2952cc", "#137a3a", "#8a5a00", "#b42318", "#6941c6", "#0e7490", "#5b6475"];

export function FeedbackPage() {
  const { audit, progress } = useAudit();
  const [desk, setDesk] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const rows = audit.data?.timeline.rows;
  const desks = useMemo(
    () =>
      (rows ?? [])
        .filter((r) => r.event === "DeskRegistered")
        .map((r) => ({ id: Number(r.args.deskId), name: String(r.args.name ?? `Desk #${r.args.deskId}`) })),
    [rows],
  );
  const report = useMemo(() => {
    if (!rows) return undefined;
    const end = toSeconds(to);
    return feedbackReport(rows, {
      ...(desk ? { deskId: Number(desk) } : {}),
      ...(from ? { from: toSeconds(from) } : {}),
      ...(end !== undefined ? { to: end + 86_399 } : {}),
    });
  }, [rows, desk, from, to]);

  return (
    <section>
      <h1>Feedback report</h1>
      <p className="muted">
        How each kind of problem is handled, from every rating on-chain (voided ones left out): volume, CSAT (share of the top two scores) and SLA compliance
        per ticket category, SLA breaches by priority, and the tags people choose when they are unhappy. Computed from the same verified events as the Audit
        page.
      </p>
      {audit.isPending && (
        <Loading what={progress ? `Reading the ratings (${progress.doneBlocks} of ${progress.totalBlocks} blocks)` : "Reading the ratings"} />
      )}
      {audit.error && <ErrorNote error={audit.error} />}
      {report && (
        <>
          <form className="field-row" onSubmit={(e) => e.preventDefault()} aria-label="Report filters">
            <label>
              Desk
              <select value={desk} onChange={(e) => setDesk(e.target.value)} data-testid="feedback-desk">
                <option value="">Whole protocol</option>
                {desks.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              From
              <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
            </label>
            <label>
              To
              <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
            </label>
          </form>
          {report.total === 0 ? <Empty>No ratings in this range.</Empty> : <Report report={report} name={`feedback${desk ? `-desk-${desk}` : ""}`} />}
        </>
      )}
    </section>
  );
}

function Report({ report, name }: { report: FeedbackReport; name: string }) {
  const colour = (category: number) => PALETTE[category % PALETTE.length]!;
  return (
    <>
      <TableScroll label="Ratings by ticket category">
        <table data-testid="feedback-table">
          <caption>{report.total} ratings by ticket category</caption>
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">Ratings</th>
              <th scope="col">Average</th>
              <th scope="col">CSAT</th>
              <th scope="col">SLA met</th>
              <th scope="col">Breaches</th>
              <th scope="col">Low scores</th>
            </tr>
          </thead>
          <tbody>
            {report.categories.map((c) => (
              <tr key={c.category} data-testid={`feedback-category-${c.category}`}>
                <th scope="row">
                  <span className="legend-swatch" style={{ background: colour(c.category) }} aria-hidden="true" /> {c.name}
                </th>
                <td>{c.count}</td>
                <td>{c.average.toFixed(2)}</td>
                <td>{pct(c.csat)}</td>
                <td>{pct(c.compliance)}</td>
                <td>{c.slaBreached}</td>
                <td>{c.low}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <button type="button" onClick={() => download(`${name}.csv`, "text/csv", feedbackCsv(report))} data-testid="feedback-csv">
        Download CSV
      </button>
      <h2>Volume per week</h2>
      <WeeklyChart report={report} colour={colour} />
      <h2>SLA breaches by priority</h2>
      {report.sla.length === 0 ? (
        <p className="muted">No rating in this range was judged against an SLA.</p>
      ) : (
        <>
          <TableScroll label="SLA verdicts per priority and category">
            <table data-testid="feedback-sla">
              <caption>SLA verdicts per priority and ticket category, most breaches first</caption>
              <thead>
                <tr>
                  <th scope="col">Priority</th>
                  <th scope="col">Category</th>
                  <th scope="col">Met</th>
                  <th scope="col">Breached</th>
                </tr>
              </thead>
              <tbody>
                {report.sla.map((s) => (
                  <tr key={`${s.priority}:${s.category}`} data-testid={`feedback-sla-${s.priority}-${s.category}`}>
                    <th scope="row">{s.priorityName}</th>
                    <td>{s.categoryName}</td>
                    <td>{s.met}</td>
                    <td>{s.breached}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <button type="button" onClick={() => download(`${name}-sla.csv`, "text/csv", feedbackSlaCsv(report))} data-testid="feedback-sla-csv">
            Download SLA CSV
          </button>
        </>
      )}
      <h2>What unhappy users say</h2>
      {report.lowScoreTags.length === 0 ? (
        <p className="muted">No tags were chosen with a low score.</p>
      ) : (
        <ol data-testid="low-score-tags">
          {report.lowScoreTags.slice(0, 10).map((t) => (
            <li key={t.tag}>
              {t.tag} — {t.count}
            </li>
          ))}
        </ol>
      )}
      <h2>Least helpful help articles</h2>
      {report.leastHelpful.length === 0 ? (
        <p className="muted">No help article has a vote yet.</p>
      ) : (
        <ol data-testid="least-helpful-articles">
          {report.leastHelpful.slice(0, 5).map((a) => (
            <li key={a.articleId}>
              <Link to={`/help/${a.articleId}`}>{a.title}</Link> ({a.categoryName}, version {a.version}) — {a.helpful} of {a.helpful + a.notHelpful} found it
              helpful
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

/** Stacked bars: one per week, one segment per category (an accessible table above carries the numbers). */
/** A week's first day ("3 Dec") in the reader's locale; weeks are UTC weeks, as in the report's CSV. */
function weekLabel(start: number): string {
  return new Date(start * 1000).toLocaleDateString(undefined, { day: "numeric", month: "short", timeZone: "UTC" });
}

function WeeklyChart({ report, colour }: { report: FeedbackReport; colour: (category: number) => string }) {
  const weeks = [...new Set(report.buckets.map((b) => b.start))];
  const totals = weeks.map((w) => report.buckets.filter((b) => b.start === w).reduce((n, b) => n + b.count, 0));
  const max = Math.max(1, ...totals);
  const [width, height, bar] = [Math.max(320, weeks.length * 56), 180, 36];
  return (
    <svg
      className="feedback-chart"
      viewBox={`0 0 ${width} ${height + 24}`}
      width={width}
      height={height + 24}
      role="img"
      aria-label={`Ratings per week: ${weeks.map((w, i) => `week of ${weekLabel(w)}: ${totals[i]}`).join(", ")}`}
      data-testid="feedback-chart"
    >
      {weeks.map((w, i) => {
        let y = height;
        return (
          <g key={w} transform={`translate(${i * 56 + 10}, 0)`}>
            {report.buckets
              .filter((b) => b.start === w)
              .map((b) => {
                const h = (b.count / max) * (height - 10);
                y -= h;
                return (
                  <rect key={b.category} x={0} y={y} width={bar} height={h} fill={colour(b.category)}>
                    <title>{`${b.count} ratings, CSAT ${pct(b.csat)}`}</title>
                  </rect>
                );
              })}
            <text x={bar / 2} y={height + 16} textAnchor="middle" fontSize="11">
              {weekLabel(w)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
