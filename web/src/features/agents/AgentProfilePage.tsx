import { AGENT_STATUS_LABELS, AgentStatus, label } from "@support-quality/sdk";
import { Link, useParams } from "react-router";
import { type Address, isAddress } from "viem";
import { AddressText } from "../../components/Address";
import { Empty, ErrorNote, Loading } from "../../components/States";
import { CredentialHistory } from "../credentials/CredentialHistory";
import { AgentKindBadge } from "./AgentKindBadge";
import { DistributionChart } from "./DistributionChart";
import { useAgent, useDesk, useRatings, useRulesAt } from "./queries";
import { RatingPages } from "./RatingList";
import { StatsSummary } from "./StatsSummary";
import { summarizeStats } from "./stats";

const STATUS_BADGE = ["", "badge-good", "badge-warn", "badge-bad"] as const;

/** An agent's record: average, CSAT, distribution, SLA compliance, every rating with replies and voids. */
export function AgentProfilePage() {
  const { address = "" } = useParams();
  const valid = isAddress(address, { strict: false });
  const agent = useAgent(valid ? (address as Address) : undefined);
  const desk = useDesk(agent.data?.deskId);
  const ratings = useRatings({ agent: valid ? (address as Address) : undefined });
  const rules = useRulesAt(undefined);
  const scale = rules.data?.terms.scale || 5;

  if (!valid) return <Empty>“{address}” is not an address.</Empty>;
  if (agent.isPending) return <Loading what="Loading the agent" />;
  if (agent.error) return <ErrorNote error={agent.error} />;
  if (agent.data.status === AgentStatus.None) {
    return (
      <Empty>
        <AddressText address={address} /> is not an agent of any desk. <Link to={`/verify/${address}`}>Verify it</Link> to see whether it was reported as an
        impersonator.
      </Empty>
    );
  }
  const summary = summarizeStats(agent.data.stats, scale);
  return (
    <section>
      <h1>{agent.data.handle || "Agent"}</h1>
      <p>
        <AgentKindBadge kind={agent.data.kind} /> · <AddressText address={agent.data.address} /> ·{" "}
        <span className={`badge ${STATUS_BADGE[agent.data.status] ?? ""}`} data-testid="agent-status">
          {label(AGENT_STATUS_LABELS, agent.data.status)}
        </span>{" "}
        · desk <Link to={`/desks/${agent.data.deskId}`}>{desk.data?.name ?? `#${agent.data.deskId}`}</Link>
      </p>
      <div className="card">
        <StatsSummary summary={summary} />
        <DistributionChart summary={summary} />
      </div>
      <h2>Credentials</h2>
      <CredentialHistory agent={agent.data.address} />
      <h2>Ratings</h2>
      {ratings.isPending && <Loading what="Loading ratings" />}
      {ratings.isError && !ratings.isFetchNextPageError && <ErrorNote error={ratings.error} />}
      {rules.data && <RatingPages ratings={ratings} tagNames={rules.data.tags} scale={scale} />}
    </section>
  );
}
