import { Link } from "react-router";
import { ErrorNote, Loading } from "../../components/States";
import { TableScroll } from "../../components/TableScroll";
import type { DeskEntry } from "../agents/queries";
import { averageText, percent } from "../agents/stats";
import { breakdownByLevel } from "./breakdown";
import { useCredentialLevels, useCredentialsOfAgents } from "./queries";

/** The desk profile's table: ratings, average, CSAT and SLA compliance of the agents holding each credential now. */
export function CredentialBreakdown({ desk, scale }: { desk: DeskEntry; scale: number }) {
  const levels = useCredentialLevels();
  const credentials = useCredentialsOfAgents(desk.agents.map((a) => a.address));
  const error = levels.error ?? credentials.error;
  if (error) return <ErrorNote error={error} />;
  if (desk.agents.length === 0) return <p className="empty">This desk has no agents.</p>;
  // Not enabled (a deployment without credentials): nothing to break down.
  if (levels.isPending && levels.fetchStatus === "idle") return null;
  if (!levels.data || !credentials.data) return <Loading what="Reading the credentials" />;
  if (levels.data.length === 0) return <p className="empty">The DAO has defined no credential level yet.</p>;
  const rows = breakdownByLevel(levels.data, desk.agents, credentials.data, scale);
  return (
    <TableScroll label="Ratings by credential level">
      <table data-testid="credential-breakdown">
        <thead>
          <tr>
            <th>Credential</th>
            <th>Agents holding it now</th>
            <th className="num">Ratings</th>
            <th className="num">Average</th>
            <th className="num">CSAT</th>
            <th className="num">SLA met</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.levelId ?? "none"} data-testid="credential-breakdown-row" data-level={r.levelId ?? "none"}>
              <td>{r.name}</td>
              <td>
                {r.agents.length === 0
                  ? "—"
                  : r.agents.map((a, i) => (
                      <span key={a.address}>
                        {i > 0 && ", "}
                        <Link to={`/agents/${a.address}`}>{a.handle || a.address}</Link>
                      </span>
                    ))}
              </td>
              <td className="num">{r.summary.count}</td>
              <td className="num">{averageText(r.summary)}</td>
              <td className="num">{percent(r.summary.csat)}</td>
              <td className="num">{percent(r.summary.slaCompliance)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
