import { formatPercent, formatTokens, PROPOSAL_STATES, relativeTime } from "@support-quality/sdk";
import { localDate } from "../../components/DateTime";
import type { Proposal } from "./proposals";

const STATE_TONE: Record<string, string> = {
  Active: "badge-good",
  Succeeded: "badge-good",
  Executed: "badge-good",
  Queued: "badge-warn",
  Pending: "",
  Defeated: "badge-bad",
  Canceled: "badge-bad",
  Expired: "badge-bad",
};

export function StateBadge({ state }: { state: number }) {
  const name = PROPOSAL_STATES[state] ?? "Unknown";
  return (
    <span className={`badge ${STATE_TONE[name] ?? ""}`} data-testid="proposal-state">
      {name}
    </span>
  );
}

/** The next moment that matters for a proposal, relative to chain time. */
export function Countdown({ p, now }: { p: Proposal; now: bigint | undefined }) {
  if (now === undefined) return null;
  const state = PROPOSAL_STATES[p.state];
  if (state === "Pending") return <span title={localDate(p.snapshot)}>voting starts {relativeTime(p.snapshot, now)}</span>;
  if (state === "Active") return <span title={localDate(p.deadline)}>voting ends {relativeTime(p.deadline, now)}</span>;
  if (state === "Queued") return <span title={localDate(p.eta)}>{p.eta > now ? `executable ${relativeTime(p.eta, now)}` : "executable now"}</span>;
  if (state === "Succeeded") return <span>passed: ready to queue</span>;
  return null;
}

export function Tally({ p, quorumDenominator }: { p: Proposal; quorumDenominator: bigint }) {
  const total = p.for + p.against + p.abstain;
  const pct = (x: bigint) => (total === 0n ? 0 : Number((x * 10000n) / total) / 100);
  return (
    <div>
      <div className="bar" aria-hidden="true">
        <span className="for" style={{ width: `${pct(p.for)}%` }} />
        <span className="against" style={{ width: `${pct(p.against)}%` }} />
        <span className="abstain" style={{ width: `${pct(p.abstain)}%` }} />
      </div>
      <div className="tally" data-testid="tally">
        <span>For {formatTokens(p.for)}</span>
        <span>Against {formatTokens(p.against)}</span>
        <span>Abstain {formatTokens(p.abstain)}</span>
        <span className="muted">
          quorum {formatPercent(p.quorumNumerator, quorumDenominator)} of supply
          {p.critical && (
            <>
              {" "}
              <span className="badge badge-warn" title="Touches a critical action: needs the higher quorum">
                critical
              </span>
            </>
          )}
        </span>
      </div>
    </div>
  );
}
