import { AGENT_KIND_LABELS, AGENT_STATUS_LABELS, label } from "@support-quality/sdk";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { AddressText } from "../../components/Address";
import { Empty, ErrorNote, Loading } from "../../components/States";
import { TableScroll } from "../../components/TableScroll";
import { AgentKindBadge } from "./AgentKindBadge";
import { type AgentEntry, useDirectory, useRulesAt } from "./queries";
import { averageText, percent, summarizeStats } from "./stats";

type SortKey = "average" | "count" | "csat" | "sla" | "name";
const SORTS: Record<SortKey, string> = {
  average: "Average score",
  count: "Number of ratings",
  csat: "CSAT",
  sla: "SLA compliance",
  name: "Name",
};

/** Agents & desks: every desk and agent with their record; search by name, handle or address; sort. */
export function AgentsPage() {
  const directory = useDirectory();
  const rules = useRulesAt(undefined);
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<SortKey>("average");
  const scale = rules.data?.terms.scale || 5;

  const rows = useMemo(() => {
    const desks = directory.data ?? [];
    const deskName = new Map(desks.map((d) => [d.id, d.name]));
    const q = query.trim().toLowerCase();
    const agents = desks
      .flatMap((d) => d.agents)
      .map((a) => ({ ...a, deskName: deskName.get(a.deskId) ?? "", summary: summarizeStats(a.stats, scale) }))
      .filter((a) => !q || [a.handle, a.address, a.deskName, label(AGENT_KIND_LABELS, a.kind)].some((s) => s.toLowerCase().includes(q)));
    const key = (a: (typeof agents)[number]): number =>
      sort === "average" ? a.summary.average : sort === "count" ? a.summary.count : sort === "csat" ? (a.summary.csat ?? -1) : (a.summary.slaCompliance ?? -1);
    return sort === "name" ? agents.sort((a, b) => a.handle.localeCompare(b.handle)) : agents.sort((a, b) => key(b) - key(a));
  }, [directory.data, query, sort, scale]);

  return (
    <section>
      <h1>Agents & desks</h1>
      <p className="muted">
        Every desk and agent, measured against the DAO's rules. The figures are the ratings contract's own aggregates, read through the protocol's index when it
        is up to date (each agent's profile reads them from the contract).
      </p>
      {directory.isPending && <Loading what="Loading the directory" />}
      {directory.error && <ErrorNote error={directory.error} />}
      {directory.data && (
        <>
          <h2>Desks</h2>
          <div className="grid">
            {directory.data.map((d) => {
              const s = summarizeStats(d.stats, scale);
              return (
                <Link key={d.id} to={`/desks/${d.id}`} className="card" data-testid="desk-card">
                  <strong>{d.name}</strong> {d.removed && <span className="badge badge-bad">removed</span>}
                  <div className="muted">
                    {d.community && "community desk · "}
                    {d.agents.length} agents · {s.count} ratings · average {averageText(s)} · CSAT {percent(s.csat)}
                  </div>
                </Link>
              );
            })}
          </div>
          <h2>Agents</h2>
          <div className="field-row">
            <label>
              Search
              <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="handle, address, desk or kind" />
            </label>
            <label>
              Sort by
              <select value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
                {Object.entries(SORTS).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {rows.length === 0 ? (
            <Empty>No agent matches “{query}”.</Empty>
          ) : (
            <TableScroll label="Agents">
              <table data-testid="agent-table">
                <thead>
                  <tr>
                    <th>Agent</th>
                    <th>Desk</th>
                    <th>Status</th>
                    <th className="num">Ratings</th>
                    <th className="num">Average</th>
                    <th className="num">CSAT</th>
                    <th className="num">SLA met</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((a) => (
                    <AgentRow key={a.address} agent={a} />
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </>
      )}
    </section>
  );
}

function AgentRow({ agent }: { agent: AgentEntry & { deskName: string; summary: ReturnType<typeof summarizeStats> } }) {
  const s = agent.summary;
  return (
    <tr data-testid="agent-row">
      <td>
        <Link to={`/agents/${agent.address}`}>{agent.handle || agent.address}</Link> <AddressText address={agent.address} />{" "}
        <AgentKindBadge kind={agent.kind} />
      </td>
      <td>
        <Link to={`/desks/${agent.deskId}`}>{agent.deskName}</Link>
      </td>
      <td>{label(AGENT_STATUS_LABELS, agent.status)}</td>
      <td className="num">{s.count}</td>
      <td className="num">{averageText(s)}</td>
      <td className="num">{percent(s.csat)}</td>
      <td className="num">{percent(s.slaCompliance)}</td>
    </tr>
  );
}
