import {
  decodeReceiptLink,
  formatDuration,
  judgeReceipt,
  label,
  PRIORITY_LABELS,
  type ReceiptLink,
  ReceiptLinkError,
  ratingChoiceProblem,
  STANDING_LABELS,
  Standing,
} from "@support-quality/sdk";
import { useMemo, useState } from "react";
import { Link, useLocation } from "react-router";
import { useConnection } from "wagmi";
import { AddressText } from "../../components/Address";
import { DateTime } from "../../components/DateTime";
import { RelayStatusLine } from "../../components/RelayStatusLine";
import { Loading } from "../../components/States";
import { TxStatus } from "../../components/TxStatus";
import { useRate, useRateBySig } from "../../lib/actions";
import { errorMessage } from "../../lib/errors";
import { relayerUrl } from "../../lib/relay";
import type { TxState } from "../../lib/useTx";
import { useRulesAt } from "../agents/queries";
import { relayerFor } from "./relayer";
import { linkTarget, useReceiptCheck } from "./useReceiptCheck";
import { useRelayedRating } from "./useRelayedRating";

/** How long the requester's relayed-rating signature stays valid. */
const INTENT_TTL = 3600;

function readLink(hash: string): { link?: ReceiptLink; problem?: string } {
  try {
    return { link: decodeReceiptLink(decodeURIComponent(hash.replace(/^#/, ""))) };
  } catch (error) {
    // A link error already is a sentence for the requester; anything else goes through the error module.
    return { problem: error instanceof ReceiptLinkError ? error.message : errorMessage(error) };
  }
}

/** Rate: open a receipt link, see who helped and the rules in force, rate once. */
export function RatePage() {
  const { hash } = useLocation();
  const { link, problem } = useMemo(() => readLink(hash), [hash]);
  const target = link ? linkTarget(link) : {};
  const blocker = problem ?? target.problem;
  return (
    <section>
      <h1>Rate the help you received</h1>
      {blocker ? (
        <p className="error-note" role="alert" data-testid="rate-blocker">
          {blocker}
        </p>
      ) : (
        link && <ReceiptView link={link} />
      )}
    </section>
  );
}

function ReceiptView({ link }: { link: ReceiptLink }) {
  const { receipt } = link;
  const check = useReceiptCheck(link);
  const rules = useRulesAt(receipt.openedAt);
  const [done, setDone] = useState<TxState>();

  if (check.isPending || rules.isPending) return <Loading what="Checking the receipt" />;
  if (check.error || rules.error) {
    return (
      <p className="error-note" role="alert" data-testid="rate-blocker">
        {errorMessage(check.error ?? rules.error)}
      </p>
    );
  }
  const facts = check.data;
  const judgement = judgeReceipt(receipt, rules.data.terms, facts.now);
  const blocker = done ? undefined : (facts.blocker ?? (judgement.ok ? undefined : judgement.message));

  return (
    <>
      <div className="card" data-testid="receipt-facts">
        <h2>Who helped</h2>
        <dl className="facts">
          <dt>Agent</dt>
          <dd>
            <Link to={`/agents/${receipt.agent}`} data-testid="agent-link">
              {facts.agentHandle || receipt.agent}
            </Link>{" "}
            <AddressText address={receipt.agent} />{" "}
            <span className={`badge ${facts.agentStanding === Standing.OfficialAgent ? "badge-good" : "badge-warn"}`} data-testid="agent-standing">
              {label(STANDING_LABELS, facts.agentStanding)}
            </span>
          </dd>
          <dt>Desk</dt>
          <dd>
            <Link to={`/desks/${receipt.deskId}`}>{facts.deskName}</Link>
          </dd>
          <dt>Ticket</dt>
          <dd>
            {receipt.ticketId.toString()} · {PRIORITY_LABELS[receipt.priority]} priority
          </dd>
          <dt>Opened</dt>
          <dd>
            <DateTime seconds={receipt.openedAt} />
          </dd>
          <dt>First response</dt>
          <dd>{receipt.firstResponseAt ? <DateTime seconds={receipt.firstResponseAt} /> : "never"}</dd>
          <dt>Resolved</dt>
          <dd>{receipt.resolvedAt ? <DateTime seconds={receipt.resolvedAt} /> : "not resolved"}</dd>
          <dt>Requester</dt>
          <dd>
            <AddressText address={receipt.requester} />
          </dd>
        </dl>
      </div>
      {judgement.ok && (
        <div className="card" data-testid="sla-preview">
          <h2>Service level</h2>
          {judgement.verdict === "None" ? (
            <p>No SLA was in force when the ticket was opened: the rating will carry no SLA verdict.</p>
          ) : (
            <>
              <p>
                The contract will record:{" "}
                <strong data-testid="sla-verdict" className={judgement.verdict === "Met" ? "hash-ok" : "hash-bad"}>
                  SLA {judgement.verdict.toLowerCase()}
                </strong>{" "}
                <span className="muted">(SLA version {judgement.slaVersion})</span>
              </p>
              <ul>
                <li>
                  First response: {judgement.firstResponse!.taken === null ? "never" : formatDuration(judgement.firstResponse!.taken)} (target{" "}
                  {formatDuration(judgement.firstResponse!.target)})
                </li>
                <li>
                  Resolution: {judgement.resolution!.taken === null ? "not resolved" : formatDuration(judgement.resolution!.taken)} (target{" "}
                  {formatDuration(judgement.resolution!.target)})
                </li>
              </ul>
            </>
          )}
          <h3>Rating rules in force (version {judgement.rulesVersion})</h3>
          {rules.data.rulesText && <p className="policy-text">{rules.data.rulesText}</p>}
          <p data-testid="window-left">
            You can rate until <DateTime seconds={judgement.rateBy} /> — {formatDuration(judgement.secondsLeft)} left.
          </p>
        </div>
      )}
      {blocker ? (
        <p className="error-note" role="alert" data-testid="rate-blocker">
          {blocker}
        </p>
      ) : (
        <RatingForm
          link={link}
          scale={rules.data.terms.scale}
          tagNames={rules.data.tags}
          tagCount={rules.data.terms.tagCount}
          now={facts.now}
          onDone={setDone}
          done={done}
        />
      )}
    </>
  );
}

interface FormProps {
  link: ReceiptLink;
  scale: number;
  tagNames: string[];
  tagCount: number;
  now: number;
  done?: TxState;
  onDone: (state: TxState) => void;
}

function RatingForm({ link, scale, tagNames, tagCount, now, done, onDone }: FormProps) {
  const { receipt, chainId } = link;
  const connection = useConnection();
  // The relayer service when one is configured; else, on the local chain, the node's dev relayer account.
  const service = useRelayedRating(link, relayerUrl);
  const relayer = relayerUrl ? undefined : relayerFor(chainId);
  const relayerLabel = relayerUrl ? "the relayer service" : relayer?.label;
  const direct = useRate(link);
  const relayed = useRateBySig(link, relayer);
  const [useRelayer, setUseRelayer] = useState(relayerLabel !== undefined);
  const [score, setScore] = useState(0);
  const [tags, setTags] = useState(0);
  const [comment, setComment] = useState("");

  const isRequester = connection.status === "connected" && connection.address.toLowerCase() === receipt.requester.toLowerCase();
  const choiceProblem = score === 0 ? "Choose a score." : ratingChoiceProblem(score, tags, { scale, tagCount });
  const tooLong = new TextEncoder().encode(comment).length > 1000;
  const state = useRelayer ? relayed : direct;
  const viaService = useRelayer && relayerUrl !== undefined;
  const pending = viaService ? service.pending : state.pending;

  if (done?.step === "success") {
    return (
      <div className="card" data-testid="rate-success">
        <TxStatus state={done} success="Thank you: your rating is on-chain." />
        <p>
          See it on <Link to={`/agents/${receipt.agent}`}>the agent's profile</Link>.
        </p>
      </div>
    );
  }

  async function submit() {
    if (viaService) {
      const mined = await service.rate(score, tags, comment, now + INTENT_TTL);
      if (mined) onDone({ step: "success", hash: mined.transactionHash, receipt: mined });
      // The relayer is down or refused: its sentence stays on screen, and the form pays gas itself next time.
      else setUseRelayer(false);
      return;
    }
    const txReceipt = useRelayer && relayer ? await relayed.rate(score, tags, comment, now + INTENT_TTL) : await direct.rate(score, tags, comment);
    if (txReceipt) onDone({ step: "success", hash: txReceipt.transactionHash, receipt: txReceipt });
  }

  return (
    <form
      className="form card"
      data-testid="rating-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>Your rating</h2>
      <fieldset>
        <legend>Score (1 = very poor, {scale} = excellent)</legend>
        <div className="field-row">
          {Array.from({ length: scale }, (_, i) => i + 1).map((s) => (
            <label key={s} style={{ display: "inline-flex", gap: "0.3rem", alignItems: "center" }}>
              <input type="radio" name="score" value={s} checked={score === s} onChange={() => setScore(s)} />
              {s}
            </label>
          ))}
        </div>
      </fieldset>
      {tagNames.length > 0 && (
        <fieldset>
          <legend>What describes the help? (optional)</legend>
          <div className="field-row">
            {tagNames.slice(0, tagCount).map((t, bit) => (
              <label key={t} style={{ display: "inline-flex", gap: "0.3rem", alignItems: "center" }}>
                <input type="checkbox" name="tag" value={t} checked={((tags >> bit) & 1) === 1} onChange={() => setTags(tags ^ (1 << bit))} />
                {t}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <label>
        Comment (optional, public)
        <textarea name="comment" value={comment} onChange={(e) => setComment(e.target.value)} />
        {tooLong && <span className="hint">The comment is too long: at most 1,000 bytes.</span>}
      </label>
      {relayerLabel && (
        <label style={{ display: "flex", gap: "0.5rem", alignItems: "center", fontWeight: 400 }}>
          <input type="checkbox" checked={useRelayer} onChange={(e) => setUseRelayer(e.target.checked)} data-testid="use-relayer" />
          Don't pay gas: sign the rating and let {relayerLabel} submit it (rateBySig).
        </label>
      )}
      {!isRequester && (
        <p className="hint" data-testid="connect-requester">
          This receipt is for <AddressText address={receipt.requester} />: connect that wallet to rate.
        </p>
      )}
      <div>
        <button type="submit" className="primary" disabled={!isRequester || !!choiceProblem || tooLong || pending} aria-busy={pending}>
          {pending ? "Working…" : useRelayer ? "Sign and submit rating" : "Submit rating"}
        </button>
      </div>
      {isRequester && choiceProblem && score !== 0 && <p className="hint">{choiceProblem}</p>}
      {relayerUrl && <RelayStatusLine state={service.state} />}
      {!viaService && <TxStatus state={state} />}
    </form>
  );
}
