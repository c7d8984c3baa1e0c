import { Link } from "react-router";
import { CachedNotice, Empty, ErrorNote, Loading } from "../../components/States";
import { useChainNow } from "../../lib/chainTime";
import { DelegationPanel } from "./DelegationPanel";
import { Countdown, StateBadge, Tally } from "./ProposalSummary";
import { useProposals } from "./proposals";

export function GovernancePage() {
  const proposals = useProposals();
  const now = useChainNow();
  return (
    <>
      <div className="field-row" style={{ justifyContent: "space-between" }}>
        <h1>Governance</h1>
        <Link to="/governance/new" className="badge" data-testid="new-proposal">
          + New policy proposal
        </Link>
      </div>
      <DelegationPanel />
      <h2>Proposals</h2>
      {proposals.isLoading && <Loading what="Reading proposals" />}
      <CachedNotice query={proposals} what="these proposals, their states and tallies are" />
      {proposals.error && !proposals.data && <ErrorNote error={proposals.error} />}
      {proposals.data?.proposals.length === 0 && <Empty>No proposal yet.</Empty>}
      {proposals.data?.proposals.map((p) => (
        <article className="card" key={String(p.id)} data-testid="proposal-card">
          <h3>
            <Link to={`/governance/${p.id}`}>{p.title}</Link>
          </h3>
          <p>
            <StateBadge state={p.state} /> <Countdown p={p} now={now} />
          </p>
          <Tally p={p} quorumDenominator={proposals.data.quorumDenominator} />
        </article>
      ))}
    </>
  );
}
