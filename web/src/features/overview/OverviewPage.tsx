import { decodeParams, formatShare, label, POLICY_KIND_LABELS, PolicyKind, SLA_VERDICT_LABELS } from "@support-quality/sdk";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import { Link } from "react-router";
import { useClient } from "wagmi";
import { AgentName } from "../../components/AgentName";
import { DateTime } from "../../components/DateTime";
import { CachedNotice, Empty, ErrorNote, Loading } from "../../components/States";
import { TableScroll } from "../../components/TableScroll";
import { useAgentHandles } from "../../lib/agentHandles";
import { useChainNow } from "../../lib/chainTime";
import { usePolicies, versionInForce } from "../../lib/policies";
import { recentRatings } from "../../lib/recentRatings";
import { useProtocol } from "../../lib/useProtocol";
import { Countdown, StateBadge } from "../governance/ProposalSummary";
import { useProposals } from "../governance/proposals";

/** The "Search help" box, loaded after the page: it is not needed for the first paint. */
const HelpSearchBox = lazy(() => import("../help/HelpSearchBox").then((m) => ({ default: m.HelpSearchBox })));

interface Standing {
  /** A desk's name, or an agent's address (shown by handle). */
  name: string;
  href: string;
  count: bigint;
  average: number;
  csat: number;
}

/** Average and CSAT (share of the top two scores of the scale) from on-chain aggregates. */
function summarize(stats: { count: bigint; sum: bigint; histogram: readonly bigint[] }, scale: number) {
  const count = Number(stats.count);
  if (count === 0) return { average: 0, csat: 0 };
  const top = Number(stats.histogram[scale - 1] ?? 0n) + Number(stats.histogram[scale - 2] ?? 0n);
  return { average: Number(stats.sum) / count, csat: top / count };
}

/** Desks and agents with their aggregates (the index, else the contract views), plus the latest ratings. */
function useLeaderboard(scale: number) {
  const { chainId, deployment } = useProtocol();
  const client = useClient({ chainId });
  const { AgentRegistry, SupportRatings } = deployment.contracts;
  return useQuery({
    queryKey: ["protocol", chainId, [AgentRegistry.toLowerCase(), SupportRatings.toLowerCase()], "leaderboard", scale],
    enabled: !!client,
    staleTime: 60_000,
    queryFn: async () => {
      // The standings reader arrives with the query, not in the first route's JavaScript (its budget is 180 kB).
      const standings = () => import("../../lib/standings").then((m) => m.desksWithAgents(client!, deployment));
      const [desks, rated] = await Promise.all([standings(), recentRatings(client!, deployment, 8)]);
      const deskNames = new Map(desks.map((d) => [d.id, d.name]));
      const agents = desks.flatMap((d) => d.agents.map((a) => ({ ...a, deskName: d.name })));
      const rank = (xs: Standing[]) =>
        xs
          .filter((x) => x.count > 0n)
          .sort((a, b) => b.average - a.average || Number(b.count - a.count))
          .slice(0, 5);
      return {
        desks: rank(desks.map((d) => ({ name: d.name, href: `/desks/${d.id}`, count: d.stats.count, ...summarize(d.stats, scale) }))),
        agents: rank(
          agents.map((a) => ({ name: a.address, href: `/agents/${a.address}`, count: a.stats.count, ...summarize(a.stats, scale), desk: a.deskName })),
        ),
        recent: rated.map((r) => ({ ...r, deskName: deskNames.get(r.deskId) ?? `#${r.deskId}` })),
      };
    },
  });
}

function StandingTable({ rows, caption, handles }: { rows: Standing[]; caption: string; handles?: Map<string, string> }) {
  const isAgent = handles !== undefined;
  if (rows.length === 0) return <Empty>No ratings yet.</Empty>;
  return (
    <TableScroll label={caption}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th>{isAgent ? "Agent" : "Desk"}</th>
            <th className="num">Average</th>
            <th className="num">CSAT</th>
            <th className="num">Ratings</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name}>
              <td>{isAgent ? <AgentName address={r.name} handles={handles} /> : <Link to={r.href}>{r.name}</Link>}</td>
              <td className="num">{r.average.toFixed(2)}</td>
              <td className="num">{formatShare(r.csat)}</td>
              <td className="num">{String(r.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function OverviewPage() {
  const policies = usePolicies();
  const proposals = useProposals();
  const now = useChainNow();
  const rules = policies.data?.find((p) => p.kind === PolicyKind.RatingRules);
  const rulesVersion = rules ? versionInForce(rules, now) : undefined;
  // The score scale in force decides what "top two" means for CSAT; 5 until rules are read.
  const typed = rulesVersion ? decodeParams(rulesVersion.kind, rulesVersion.params) : undefined;
  const scale = typed?.kind === "rules" ? typed.rules.scale : 5;
  const board = useLeaderboard(scale);
  const handles = useAgentHandles().data ?? new Map<string, string>();
  const open = proposals.data?.proposals.filter((p) => p.state === 0 || p.state === 1 || p.state === 4 || p.state === 5) ?? [];

  return (
    <>
      <h1>Support Quality Protocol</h1>
      <p className="muted">Community-governed rules for crypto-wallet support, and a public record of how well it is delivered.</p>
      <Suspense fallback={<div className="card help-search-box" aria-busy="true" />}>
        <HelpSearchBox />
      </Suspense>
      <CachedNotice query={board} what="the figures below are" />
      <div className="grid">
        <section className="card" aria-labelledby="in-force">
          <h2 id="in-force">Policies in force</h2>
          {policies.isLoading && <Loading what="Reading policies" />}
          {policies.error && !policies.data && <ErrorNote error={policies.error} />}
          {policies.data?.length === 0 && <Empty>No policy published yet.</Empty>}
          <ul>
            {policies.data?.map((p) => {
              const v = versionInForce(p, now);
              return (
                <li key={String(p.id)}>
                  <Link to={`/policies/${p.id}`}>{p.title}</Link> <span className="muted">({label(POLICY_KIND_LABELS, p.kind)})</span>
                  <br />
                  <span className="muted">
                    {v ? (
                      <>
                        v{v.version} since <DateTime seconds={v.effectiveFrom} />
                      </>
                    ) : (
                      "not in force"
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
        <section className="card" aria-labelledby="open-proposals">
          <h2 id="open-proposals">Open proposals</h2>
          {proposals.isLoading && <Loading what="Reading proposals" />}
          {proposals.error && !proposals.data && <ErrorNote error={proposals.error} />}
          {proposals.data && open.length === 0 && (
            <Empty>
              No open proposal. <Link to="/governance/new">Propose a change</Link>
            </Empty>
          )}
          <ul>
            {open.map((p) => (
              <li key={String(p.id)}>
                <Link to={`/governance/${p.id}`}>{p.title}</Link>
                <br />
                <StateBadge state={p.state} /> <Countdown p={p} now={now} />
              </li>
            ))}
          </ul>
        </section>
      </div>
      <div className="grid">
        <section className="card">
          <h2>Top desks</h2>
          {board.isLoading ? (
            <Loading what="Reading ratings" />
          ) : board.error ? (
            <ErrorNote error={board.error} />
          ) : (
            <StandingTable rows={board.data!.desks} caption="Top desks" />
          )}
        </section>
        <section className="card">
          <h2>Top agents</h2>
          {board.isLoading ? (
            <Loading what="Reading ratings" />
          ) : board.error ? (
            <ErrorNote error={board.error} />
          ) : (
            <StandingTable rows={board.data!.agents} caption="Top agents" handles={handles} />
          )}
        </section>
      </div>
      <section className="card">
        <h2>Recent ratings</h2>
        {board.isLoading && <Loading what="Reading ratings" />}
        {board.error && <ErrorNote error={board.error} />}
        {board.data?.recent.length === 0 && <Empty>No rating yet.</Empty>}
        <ul>
          {board.data?.recent.map((r) => (
            <li key={r.key}>
              <strong>
                {r.score}/{scale}
              </strong>{" "}
              for <AgentName address={r.agent} handles={handles} /> ({r.deskName}) — SLA {label(SLA_VERDICT_LABELS, r.verdict)}
              {r.comment && <> — “{r.comment}”</>}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
