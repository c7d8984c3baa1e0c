import { decodeParams, formatDuration, PRIORITY_LABELS, paramChanges } from "@support-quality/sdk";
import type { Hex } from "viem";
import { TableScroll } from "../../components/TableScroll";

/** The typed parameters of a version: SLA targets per priority, the rating rules, or the official channels. */
export function ParamsView({ kind, params }: { kind: number; params: Hex }) {
  let typed: ReturnType<typeof decodeParams>;
  try {
    typed = decodeParams(kind, params);
  } catch {
    return <p className="error-note">The typed parameters of this version could not be read.</p>;
  }
  if (typed.kind === "sla") {
    return (
      <TableScroll label="SLA targets">
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
      </TableScroll>
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
  if (typed.kind === "channels") {
    const c = typed.channels;
    return (
      <dl className="facts" data-testid="channel-params">
        <dt>Websites</dt>
        <dd>{c.websites.join(", ") || "none"}</dd>
        <dt>E-mail domains</dt>
        <dd>{c.emailDomains.join(", ") || "none"}</dd>
        <dt>Social accounts</dt>
        <dd>{c.socials.map((s) => `${s.platform} ${s.handle}`).join(", ") || "none"}</dd>
        <dt>Phones</dt>
        <dd>{c.phones.join(", ") || "none"}</dd>
      </dl>
    );
  }
  return null;
}

/** The typed values that change between two versions of a policy of `kind`: old → new, one row each. */
export function ParamChangesTable({ kind, before, after }: { kind: number; before: Hex; after: Hex }) {
  const changes = paramChanges(kind, before, after);
  if (changes.length === 0)
    return (
      <p className="muted" data-testid="param-changes-none">
        The enforced values are the same.
      </p>
    );
  return (
    <TableScroll label="Enforced values that change">
      <table className="params" data-testid="param-changes">
        <caption>Enforced values that change</caption>
        <thead>
          <tr>
            <th>Value</th>
            <th>Before</th>
            <th>After</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.name}>
              <td>{c.name}</td>
              <td>
                <del>{c.before}</del>
              </td>
              <td>
                <ins>{c.after}</ins>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
