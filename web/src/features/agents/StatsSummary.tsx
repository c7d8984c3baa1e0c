import { averageText, percent, type Summary } from "./stats";

/** Average, CSAT, count and SLA compliance of an agent or a desk. */
export function StatsSummary({ summary }: { summary: Summary }) {
  return (
    <dl className="facts stats-summary" data-testid="stats-summary">
      <dt>Ratings</dt>
      <dd data-testid="rating-count">{summary.count}</dd>
      <dt>Average</dt>
      <dd data-testid="average">{averageText(summary)}</dd>
      <dt>CSAT (top two scores)</dt>
      <dd data-testid="csat">{percent(summary.csat)}</dd>
      <dt>SLA compliance</dt>
      <dd data-testid="sla-compliance">
        {percent(summary.slaCompliance)}{" "}
        <span className="muted">
          ({summary.slaMet} met, {summary.slaBreached} breached)
        </span>
      </dd>
      {summary.voided > 0 && (
        <>
          <dt>Voided by the DAO</dt>
          <dd>{summary.voided} (not counted)</dd>
        </>
      )}
    </dl>
  );
}
