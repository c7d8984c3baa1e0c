import {
  calendarForDesk,
  decodeReceiptLink,
  describeCalendar,
  formatDuration,
  label,
  PRIORITY_LABELS,
  type ReceiptLink,
  ReceiptLinkError,
  ratingChoiceProblem,
  STANDING_LABELS,
  Standing,
  shortAddress,
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
import { AgentKindBadge } from "../agents/AgentKindBadge";
import { useRulesAt } from "../agents/queries";
import { CredentialsInForce } from "../credentials/CredentialsInForce";
import { ArticleLinks } from "../help/ArticleLinks";
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

/** The score buttons' words, by scale (the contract takes 2 to 8; the words fit the common 5). */
function scoreWord(score: number, scale: number): string {
  if (scale === 5) return ["Very poor", "Poor", "OK", "Good", "Excellent"][score - 1]!;
  return score === 1 ? "Worst" : score === scale ? "Best" : "";
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
  const { judgement } = facts;
  const blocker = done ? undefined : (facts.blocker ?? (judgement.ok ? undefined : judgement.message));
  // A receipt that cannot be rated shows the reason and what to do, and nothing a rating would record.
  if (blocker || !judgement.ok) {
    return (
      <p className="error-note" role="alert" data-testid="rate-blocker">
        {blocker}
      </p>
    );
  }
  const category = receipt.category === 0 ? undefined : rules.data.categories[receipt.category - 1];
  const who = facts.agentHandle || shortAddress(receipt.agent);
  const official = facts.agentStanding === Standing.OfficialAgent;
  const sla = judgement.verdict === "None" ? undefined : judgement;
  const clock = (t: { clock: "business" | "calendar" }) => (t.clock === "business" ? " business time" : "");

  return (
    <>
      <div className="card rate-summary" data-testid="receipt-facts">
        <p className="rate-line" data-testid="who-helped">
          <Link to={`/agents/${receipt.agent}`} data-testid="agent-link">
            {who}
          </Link>{" "}
          <span className={`badge ${official ? "badge-good" : "badge-warn"}`} data-testid="agent-standing">
            {label(STANDING_LABELS, facts.agentStanding)}
          </span>{" "}
          of <Link to={`/desks/${receipt.deskId}`}>{facts.deskName}</Link> helped you with ticket {receipt.ticketId.toString()}
          {category && (
            <>
              {" "}
              · <span data-testid="ticket-category">{category}</span>
            </>
          )}
          .
        </p>
        <div className="rate-line rate-agent" data-testid="agent-about">
          <AgentKindBadge kind={facts.agentKind} /> <CredentialsInForce agent={receipt.agent} />
        </div>
        {receipt.escalatedFrom !== undefined && (
          <p className="rate-line" data-testid="escalated-from">
            {facts.deskName} escalated this ticket to a person from its AI assistant's ticket {receipt.escalatedFrom.toString()}: the desk signed that link on
            this receipt. Rate this person here; the AI assistant's ticket is rated on its own receipt.
          </p>
        )}
        <p className="rate-line" data-testid="sla-preview">
          {sla ? (
            <>
              Service level:{" "}
              <strong data-testid="sla-verdict" className={sla.verdict === "Met" ? "hash-ok" : "hash-bad"}>
                SLA {sla.verdict.toLowerCase()}
              </strong>{" "}
              — first reply {sla.firstResponse!.taken === null ? "never" : `in ${formatDuration(sla.firstResponse!.taken)}`}, resolved{" "}
              {sla.resolution!.taken === null ? "never" : `in ${formatDuration(sla.resolution!.taken)}`}
              {sla.resolution!.clock === "business" ? " (business hours)" : ""}.
            </>
          ) : (
            "No SLA was in force when the ticket was opened: the rating carries no SLA verdict."
          )}
        </p>
        <details data-testid="receipt-details">
          <summary>Details</summary>
          <dl className="facts">
            <dt>Agent</dt>
            <dd>
              {who} <AddressText address={receipt.agent} />
            </dd>
            <dt>Priority</dt>
            <dd>{PRIORITY_LABELS[receipt.priority]}</dd>
            <dt>Category</dt>
            <dd>{category ?? "none given"}</dd>
            <dt>Escalated from</dt>
            <dd>{receipt.escalatedFrom === undefined ? "not escalated" : `AI assistant's ticket ${receipt.escalatedFrom.toString()}`}</dd>
            <dt>Opened</dt>
            <dd>
              <DateTime seconds={receipt.openedAt} />
            </dd>
            <dt>First response</dt>
            <dd>{receipt.firstResponseAt ? <DateTime seconds={receipt.firstResponseAt} /> : "never"}</dd>
            <dt>Resolved</dt>
            <dd>{receipt.resolvedAt ? <DateTime seconds={receipt.resolvedAt} /> : "not resolved"}</dd>
            <dt>Waiting on you</dt>
            <dd data-testid="paused-time">
              {receipt.pausedSeconds === 0 ? "none" : `${formatDuration(receipt.pausedSeconds)} (not counted against the desk's resolution time)`}
            </dd>
            {sla && (
              <>
                <dt>SLA targets</dt>
                <dd>
                  first reply within {formatDuration(sla.firstResponse!.target)}
                  {clock(sla.firstResponse!)}, resolution within {formatDuration(sla.resolution!.target)}
                  {clock(sla.resolution!)} (SLA version {sla.slaVersion})
                  {sla.firstResponse!.clock === "business" && rules.data.slaParams?.calendar && (
                    <> · business hours: {describeCalendar(calendarForDesk(rules.data.slaParams, receipt.deskId))}</>
                  )}
                </dd>
              </>
            )}
            <dt>Requester</dt>
            <dd>
              <AddressText address={receipt.requester} />
            </dd>
            <dt>Rating rules</dt>
            <dd>
              version {judgement.rulesVersion}
              {rules.data.rulesText && <span className="policy-text"> — {rules.data.rulesText}</span>}
            </dd>
          </dl>
        </details>
      </div>
      <RatingForm
        link={link}
        scale={rules.data.terms.scale}
        tagNames={rules.data.tags}
        tagCount={rules.data.terms.tagCount}
        now={facts.now}
        onDone={setDone}
        done={done}
        rateBy={judgement.rateBy}
        secondsLeft={judgement.secondsLeft}
      />
      {category && <ArticleLinks category={receipt.category} heading={`Help articles for ${category}`} />}
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
  rateBy: number;
  secondsLeft: number;
}

function RatingForm({ link, scale, tagNames, tagCount, now, done, onDone, rateBy, secondsLeft }: FormProps) {
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
      <h2>How was the help?</h2>
      <fieldset className="score-buttons">
        <legend>Score from 1 to {scale}</legend>
        {Array.from({ length: scale }, (_, i) => i + 1).map((s) => (
          <label key={s} className={`score-button${score === s ? " score-button-on" : ""}`}>
            <input type="radio" name="score" value={s} checked={score === s} onChange={() => setScore(s)} />
            <span className="score-number">{s}</span>
            <span className="score-word">{scoreWord(s, scale)}</span>
          </label>
        ))}
      </fieldset>
      {tagNames.length > 0 && (
        <fieldset className="chips">
          <legend>What describes it? (optional)</legend>
          {tagNames.slice(0, tagCount).map((t, bit) => (
            <label key={t} className={`chip${((tags >> bit) & 1) === 1 ? " chip-on" : ""}`}>
              <input type="checkbox" name="tag" value={t} checked={((tags >> bit) & 1) === 1} onChange={() => setTags(tags ^ (1 << bit))} />
              {t}
            </label>
          ))}
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
      <p className="hint" data-testid="window-left">
        You can rate until <DateTime seconds={rateBy} /> — {formatDuration(secondsLeft)} left.
      </p>
      {relayerUrl && <RelayStatusLine state={service.state} />}
      {!viaService && <TxStatus state={state} />}
    </form>
  );
}
