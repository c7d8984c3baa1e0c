import { AGENT_STATUS_LABELS, label } from "@support-quality/sdk";
import { Link, useParams } from "react-router";
import { AddressText } from "../../components/Address";
import { Empty, ErrorNote, Loading } from "../../components/States";
import { CredentialBreakdown } from "../credentials/CredentialBreakdown";
import { AgentKindBadge } from "./AgentKindBadge";
import { DistributionChart } from "./DistributionChart";
import { useDesk, useRatings, useRulesAt } from "./queries";
import { RatingPages } from "./RatingList";
import { StatsSummary } from "./StatsSummary";
import { averageText, summarizeStats } from "./stats";

/** A desk's record: the sum of its agents' aggregates, its agents and its ratings. */
export function DeskProfilePage() {
  const { deskId = "" } = useParams();
  const id = /^\d+$/.test(deskId) ? Number(deskId) : undefined;
  const desk = useDesk(id);
  const ratings = useRatings({ deskId: id });
  const rules = useRulesAt(undefined);
  const scale = rules.data?.terms.scale || 5;

  if (id === undefined || id === 0) return <Empty>“{deskId}” is not a desk number.</Empty>;
  if (desk.isPending) return <Loading what="Loading the desk" />;
  if (desk.error) return <ErrorNote error={desk.error} />;
  const summary = summarizeStats(desk.data.stats, scale);
  return (
    <section>
      <h1>{desk.data.name}</h1>
      <p className="muted">
        Desk #{desk.data.id} ·{" "}
        {desk.data.community
          ? "community desk: volunteer helpers, not staff, who sign their own receipts"
          : desk.data.selfSigning
            ? "agents may sign their own receipts"
            : "receipts are signed by the desk's issuer keys"}
        {desk.data.removed && " · removed by the DAO"}
      </p>
      <div className="card">
        <StatsSummary summary={summary} />
        <DistributionChart summary={summary} />
      </div>
      <h2>Agents</h2>
      <ul>
        {desk.data.agents.map((a) => (
          <li key={a.address}>
            <Link to={`/agents/${a.address}`}>{a.handle || a.address}</Link> <AgentKindBadge kind={a.kind} /> <AddressText address={a.address} /> —{" "}
            {label(AGENT_STATUS_LABELS, a.status)}, average {averageText(summarizeStats(a.stats, scale))}
          </li>
        ))}
      </ul>
      <h2>By credential</h2>
      <p className="muted">The ratings of the desk's agents who hold each credential now (an agent with two counts under both).</p>
      <CredentialBreakdown desk={desk.data} scale={scale} />
      <h2>Ratings</h2>
      {ratings.isPending && <Loading what="Loading ratings" />}
      {ratings.isError && !ratings.isFetchNextPageError && <ErrorNote error={ratings.error} />}
      {rules.data && <RatingPages ratings={ratings} tagNames={rules.data.tags} scale={scale} />}
    </section>
  );
}
