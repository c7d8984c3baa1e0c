import { formatDate, formatTokens, supportGovernorAbi } from "@support-quality/sdk";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { zeroAddress } from "viem";
import { useConnection, useReadContracts } from "wagmi";
import { AddressText } from "../../components/Address";
import { Empty, ErrorNote, Loading } from "../../components/States";
import { TxButton } from "../../components/TxButton";
import { TxStatus } from "../../components/TxStatus";
import { useCastVote, useExecute, useQueue } from "../../lib/actions";
import { useChainNow } from "../../lib/chainTime";
import { useProtocol } from "../../lib/useProtocol";
import { CallView } from "./CallView";
import { Countdown, StateBadge, Tally } from "./ProposalSummary";
import { type Proposal, useProposals } from "./proposals";

function VotePanel({ p }: { p: Proposal }) {
  const connection = useConnection();
  const { chainId, deployment } = useProtocol();
  const governor = { address: deployment.contracts.SupportGovernor, abi: supportGovernorAbi, chainId } as const;
  const account = connection.address ?? zeroAddress;
  const reads = useReadContracts({
    contracts: [
      { ...governor, functionName: "getVotes", args: [account, p.snapshot] },
      { ...governor, functionName: "hasVoted", args: [p.id, account] },
    ],
    allowFailure: false,
    query: { enabled: !!connection.address, staleTime: 30_000 },
  });
  const tx = useCastVote();
  const [reason, setReason] = useState("");
  if (!connection.address) return <p className="muted">Connect a wallet to vote.</p>;
  const [power, voted] = reads.data ?? [undefined, undefined];
  return (
    <section className="card" aria-labelledby="vote-title">
      <h2 id="vote-title">Vote</h2>
      <p>
        Your voting power at the snapshot: <strong data-testid="snapshot-power">{power === undefined ? "…" : formatTokens(power)}</strong>
        {voted && <span className="badge badge-good"> you have voted</span>}
      </p>
      {power === 0n && <p className="muted">You had no delegated votes when voting opened, so your vote would weigh nothing.</p>}
      <label>
        Reason (optional, public)
        <textarea name="vote-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <div className="field-row">
        <TxButton pending={tx.pending} disabled={voted} onClick={() => tx.vote(p.id, 1, reason)}>
          Vote For
        </TxButton>
        <TxButton pending={tx.pending} disabled={voted} onClick={() => tx.vote(p.id, 0, reason)}>
          Vote Against
        </TxButton>
        <TxButton pending={tx.pending} disabled={voted} onClick={() => tx.vote(p.id, 2, reason)}>
          Abstain
        </TxButton>
      </div>
      <TxStatus state={tx} success="Your vote is counted." />
    </section>
  );
}

export function ProposalPage() {
  const { proposalId } = useParams();
  const proposals = useProposals();
  const now = useChainNow();
  const { deployment } = useProtocol();
  const queue = useQueue();
  const execute = useExecute();
  if (proposals.isLoading) return <Loading what="Reading the proposal" />;
  if (proposals.error) return <ErrorNote error={proposals.error} />;
  const p = proposals.data?.proposals.find((x) => String(x.id) === proposalId);
  if (!p)
    return (
      <Empty>
        There is no proposal with this id. <Link to="/governance">All proposals</Link>
      </Empty>
    );
  const body = p.description.split("\n").slice(1).join("\n").trim();
  return (
    <>
      <p>
        <Link to="/governance">← All proposals</Link>
      </p>
      <h1>{p.title}</h1>
      <p>
        <StateBadge state={p.state} /> <Countdown p={p} now={now} />
      </p>
      <dl className="facts">
        {p.proposer && (
          <>
            <dt>Proposed by</dt>
            <dd>
              <AddressText address={p.proposer} />
            </dd>
          </>
        )}
        <dt>Voting</dt>
        <dd>
          {formatDate(p.snapshot)} → {formatDate(p.deadline)}
        </dd>
        {p.eta > 0n && (
          <>
            <dt>Executable from</dt>
            <dd>{formatDate(p.eta)}</dd>
          </>
        )}
      </dl>
      {body && <pre className="policy-text">{body}</pre>}
      <Tally p={p} quorumDenominator={proposals.data!.quorumDenominator} />
      {p.state === 1 && <VotePanel p={p} />}
      {p.state === 4 && (
        <section className="card">
          <h2>Queue</h2>
          <p>The proposal passed. Queue it in the timelock; it can be executed once the delay has passed.</p>
          <TxButton pending={queue.pending} onClick={() => queue.queue(p)}>
            Queue for execution
          </TxButton>
        </section>
      )}
      {p.state === 5 && (
        <section className="card">
          <h2>Execute</h2>
          <TxButton pending={execute.pending} onClick={() => execute.execute(p)}>
            Execute
          </TxButton>
        </section>
      )}
      {/* Outside the state sections: the outcome stays visible after the state (and section) changes. */}
      <TxStatus state={queue} success="Queued in the timelock." />
      <TxStatus state={execute} success="Executed: the changes are in force." />
      <h2>What it does</h2>
      {p.targets.map((t, i) => (
        <CallView key={i} contracts={deployment.contracts} target={t} value={p.values[i] ?? 0n} data={p.calldatas[i]!} />
      ))}
    </>
  );
}
