import { formatDuration, formatTokens, relativeTime, supportGovernorAbi } from "@support-quality/sdk";
import { useState } from "react";
import Markdown from "react-markdown";
import { Link, useParams } from "react-router";
import { zeroAddress } from "viem";
import { useConnection, useReadContracts } from "wagmi";
import { AddressText } from "../../components/Address";
import { DateTime } from "../../components/DateTime";
import { RelayStatusLine } from "../../components/RelayStatusLine";
import { Empty, ErrorNote, Loading } from "../../components/States";
import { TableScroll } from "../../components/TableScroll";
import { TxButton } from "../../components/TxButton";
import { TxStatus } from "../../components/TxStatus";
import { useCastVote, useExecute, useQueue } from "../../lib/actions";
import { useChainNow } from "../../lib/chainTime";
import { relayerUrl } from "../../lib/relay";
import { useProtocol } from "../../lib/useProtocol";
import { CallView } from "./CallView";
import { ProposalPreview } from "./ProposalPreview";
import { Countdown, StateBadge, Tally } from "./ProposalSummary";
import { type Proposal, useProposals } from "./proposals";
import { useRelayedVote } from "./useRelayedVote";
import { type CastVote, useVotes } from "./votes";

const VOTE_WORDS = ["Against", "For", "Abstain"] as const;

/** The connected account's vote on `p`: its weight at the snapshot, how it voted, and the voting form. */
function VotePanel({ p, votes }: { p: Proposal; votes: CastVote[] | undefined }) {
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
  const direct = useCastVote();
  const relayed = useRelayedVote(relayerUrl);
  const [useRelayer, setUseRelayer] = useState(relayerUrl !== undefined);
  const [reason, setReason] = useState("");
  const pending = direct.pending || relayed.pending;
  if (!connection.address) return <p className="muted">Connect a wallet to vote.</p>;
  const [power, voted] = reads.data ?? [undefined, undefined];
  const mine = votes?.find((v) => v.voter.toLowerCase() === connection.address!.toLowerCase());
  // The relayer down or refusing: say why, keep the reason typed, and offer to pay gas instead.
  const fellBack = relayed.state.step === "error" && relayed.state.fallback;
  const vote = async (support: 0 | 1 | 2) => {
    if (!useRelayer || fellBack || !relayerUrl) return direct.vote(p.id, support, reason);
    direct.reset();
    await relayed.vote(p.id, support, reason, connection.address!);
  };
  return (
    <section className="card" aria-labelledby="vote-title">
      <h2 id="vote-title">Vote</h2>
      <p>
        Your voting power at the snapshot: <strong data-testid="snapshot-power">{power === undefined ? "…" : formatTokens(power)}</strong>
      </p>
      {voted ? (
        <p data-testid="my-vote">
          <span className="badge badge-good">you voted</span>{" "}
          {mine ? (
            <>
              <strong>{VOTE_WORDS[mine.support]}</strong> with {formatTokens(mine.weight)}
              {mine.reason ? <> — “{mine.reason}”</> : " (no reason given)"}
            </>
          ) : (
            "Your vote is counted."
          )}
        </p>
      ) : (
        <>
          {power === 0n && <p className="muted">You had no delegated votes when voting opened, so your vote would weigh nothing.</p>}
          <label>
            Reason (optional, public, kept on-chain with your vote)
            <textarea name="vote-reason" value={reason} onChange={(e) => setReason(e.target.value)} readOnly={pending} />
          </label>
          {relayerUrl && (
            <label className="checkbox">
              <input
                type="checkbox"
                checked={useRelayer && !fellBack}
                onChange={(e) => {
                  relayed.reset();
                  setUseRelayer(e.target.checked);
                }}
                data-testid="vote-gasless"
              />
              Don't pay gas: sign your vote and let the relayer submit it (castVoteWithReasonAndParamsBySig; your reason is part of what you sign).
            </label>
          )}
          <div className="field-row">
            <TxButton pending={pending} onClick={() => vote(1)}>
              Vote For
            </TxButton>
            <TxButton pending={pending} onClick={() => vote(0)}>
              Vote Against
            </TxButton>
            <TxButton pending={pending} onClick={() => vote(2)}>
              Abstain
            </TxButton>
          </div>
        </>
      )}
      <RelayStatusLine state={relayed.state} what="vote" />
      <TxStatus state={direct} success="Your vote is counted." />
    </section>
  );
}

const VOTERS_PAGE = 20;

/** Who voted, how, with what weight and why: heaviest first, 20 at a time. */
function VoterList({ votes }: { votes: ReturnType<typeof useVotes> }) {
  const [shown, setShown] = useState(VOTERS_PAGE);
  if (votes.error) return <ErrorNote error={votes.error} />;
  if (!votes.data) return <Loading what="Reading the votes" />;
  if (votes.data.length === 0) return <p className="muted">No votes yet.</p>;
  return (
    <section aria-labelledby="voters-title">
      <h2 id="voters-title">Voters ({votes.data.length})</h2>
      <TableScroll label="Voters">
        <table data-testid="voter-list">
          <thead>
            <tr>
              <th>Voter</th>
              <th>Choice</th>
              <th className="num">Weight</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {votes.data.slice(0, shown).map((v) => (
              <tr key={v.transactionHash + v.voter} data-testid="voter-row">
                <td>
                  <AddressText address={v.voter} />
                </td>
                <td>{VOTE_WORDS[v.support] ?? v.support}</td>
                <td className="num">{formatTokens(v.weight)}</td>
                <td>{v.reason || <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {votes.data.length > shown && (
        <button type="button" onClick={() => setShown(shown + VOTERS_PAGE)}>
          Show {Math.min(VOTERS_PAGE, votes.data.length - shown)} more
        </button>
      )}
    </section>
  );
}

/** For + Abstain against the quorum this proposal needs, in tokens. */
function QuorumProgress({ p }: { p: Proposal }) {
  const { chainId, deployment } = useProtocol();
  const governor = { address: deployment.contracts.SupportGovernor, abi: supportGovernorAbi, chainId } as const;
  const q = useReadContracts({
    contracts: [
      { ...governor, functionName: "proposalQuorum", args: [p.id] },
      { ...governor, functionName: "lateQuorumVoteExtension" },
    ],
    allowFailure: false,
    query: { staleTime: 60_000 },
  });
  if (!q.data) return null;
  const [needed, extension] = q.data;
  const counted = p.for + p.abstain;
  const share = needed === 0n ? 100 : Math.min(100, Number((counted * 10000n) / needed) / 100);
  return (
    <div data-testid="quorum-progress">
      <p>
        Quorum: <strong>{formatTokens(counted)}</strong> of <strong>{formatTokens(needed)}</strong> needed (For + Abstain)
        {counted >= needed ? <span className="badge badge-good"> reached</span> : <span className="muted"> — {formatTokens(needed - counted)} to go</span>}
      </p>
      <progress max={100} value={share} aria-label="Quorum progress" />
      <p className="hint">
        If the quorum is reached late, voting stays open at least {formatDuration(Number(extension))} longer, so nobody can swing a vote at the last second.
      </p>
    </div>
  );
}

export function ProposalPage() {
  const { proposalId } = useParams();
  const proposals = useProposals();
  const now = useChainNow();
  const { deployment } = useProtocol();
  const queue = useQueue();
  const execute = useExecute();
  const p = proposals.data?.proposals.find((x) => String(x.id) === proposalId);
  const votes = useVotes(p);
  if (proposals.isLoading) return <Loading what="Reading the proposal" />;
  if (proposals.error) return <ErrorNote error={proposals.error} />;
  if (!p)
    return (
      <Empty>
        There is no proposal with this id. <Link to="/governance">All proposals</Link>
      </Empty>
    );
  const body = p.description.split("\n").slice(1).join("\n").trim();
  const calls = p.targets.map((target, i) => ({ target, value: p.values[i] ?? 0n, data: p.calldatas[i]! }));
  const ready = now !== undefined && p.eta > 0n && now >= p.eta;
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
          <DateTime seconds={p.snapshot} /> → <DateTime seconds={p.deadline} />
        </dd>
        {p.eta > 0n && (
          <>
            <dt>Executable from</dt>
            <dd>
              <DateTime seconds={p.eta} />
            </dd>
          </>
        )}
      </dl>
      {body && (
        <div className="markdown" data-testid="proposal-description">
          <Markdown skipHtml>{body}</Markdown>
        </div>
      )}
      <Tally p={p} quorumDenominator={proposals.data!.quorumDenominator} />
      <QuorumProgress p={p} />
      {p.state === 1 && <VotePanel p={p} votes={votes.data} />}
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
          {ready ? (
            <p>The timelock delay has passed: anyone may execute it now.</p>
          ) : (
            <p data-testid="execute-wait">
              In the timelock: executable {now === undefined ? "after the delay" : relativeTime(p.eta, now)} (<DateTime seconds={p.eta} />
              ). The delay lets anyone who disagrees act before it runs.
            </p>
          )}
          <TxButton pending={execute.pending} disabled={!ready} onClick={() => execute.execute(p)}>
            Execute
          </TxButton>
        </section>
      )}
      {/* Outside the state sections: the outcome stays visible after the state (and section) changes. */}
      <TxStatus state={queue} success="Queued in the timelock." />
      <TxStatus state={execute} success="Executed: the changes are in force." />
      {p.state <= 5 && <ProposalPreview calls={calls} />}
      <h2>The calls</h2>
      {calls.map((c, i) => (
        <CallView key={i} contracts={deployment.contracts} target={c.target} value={c.value} data={c.data} />
      ))}
      <VoterList votes={votes} />
    </>
  );
}
