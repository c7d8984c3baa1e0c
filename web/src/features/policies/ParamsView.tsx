import { decodeParams, formatDuration, PRIORITY_LABELS } from "@support-quality/sdk";
import type { Hex } from "viem";

/** The typed parameters of a version: SLA targets per priority, or the rating rules. */
export function ParamsView({ kind, params }: { kind: number; params: Hex }) {
  let typed: ReturnType<typeof decodeParams>;
  try {
    typed = decodeParams(kind, params);
  } catch {
    return <p className="error-note">The typed parameters of this version could not be read.</p>;
  }
  if (typed.kind === "sla") {
    return (
      <table className="params" data-testid="sla-params">
        <caption className="visually-hidden">SLA targets</caption>
        <thead>
          <tr>
            <th>Priority</th>
            <th className="num">First response</th>
            <th className="num">Resolution</th>
          </tr>
        </thead>
        <tbody>
          {PRIORITY_LABELS.map((p, i) => (
            <tr key={p}>
              <td>{p}</td>
              <td className="num">{formatDuration(typed.sla.firstResponseMinutes[i]! * 60)}</td>
              <td className="num">{formatDuration(typed.sla.resolutionMinutes[i]! * 60)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  if (typed.kind === "rules") {
    return (
      <dl className="facts" data-testid="rules-params">
        <dt>Rating window</dt>
        <dd>{formatDuration(typed.rules.ratingWindow)}</dd>
        <dt>Scale</dt>
        <dd>1 to {typed.rules.scale}</dd>
        <dt>Tags</dt>
        <dd>{typed.rules.tags.join(", ") || "none"}</dd>
      </dl>
    );
  }
  return null;
}
