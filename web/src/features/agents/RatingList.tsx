import { useState } from "react";
import { useConnection } from "wagmi";
import { AddressText } from "../../components/Address";
import { DateTime } from "../../components/DateTime";
import { ErrorNote } from "../../components/States";
import { TxButton } from "../../components/TxButton";
import { TxStatus } from "../../components/TxStatus";
import { useReply } from "../../lib/actions";
import type { RatingEntry, useRatings } from "./queries";

const VERDICT_TEXT = ["no SLA in force", "SLA met", "SLA breached"] as const;
const VERDICT_BADGE = ["", "badge-good", "badge-bad"] as const;

/** The pages of ratings loaded so far, and "Load older ratings" while the history has more. */
export function RatingPages({ ratings, tagNames, scale }: { ratings: ReturnType<typeof useRatings>; tagNames: string[]; scale: number }) {
  if (!ratings.data) return null;
  return (
    <>
      <RatingList ratings={ratings.data.pages.flatMap((p) => p.entries)} tagNames={tagNames} scale={scale} />
      {ratings.hasNextPage && (
        <button type="button" data-testid="load-more-ratings" disabled={ratings.isFetchingNextPage} onClick={() => void ratings.fetchNextPage()}>
          {ratings.isFetchingNextPage ? "Loading older ratings…" : "Load older ratings"}
        </button>
      )}
      {ratings.isFetchNextPageError && <ErrorNote error={ratings.error} />}
    </>
  );
}

/** Ratings with their tags, SLA verdict, the agent's reply (or a reply form for that agent) and void flag. */
export function RatingList({ ratings, tagNames, scale }: { ratings: RatingEntry[]; tagNames: string[]; scale: number }) {
  if (ratings.length === 0) return <p className="empty">No ratings yet.</p>;
  return (
    <ol className="rating-list" style={{ listStyle: "none", padding: 0 }}>
      {ratings.map((r) => (
        <li key={r.ratingId} className="card" data-testid="rating" data-voided={r.voidReason !== undefined}>
          <p>
            <strong>
              {r.score} / {scale}
            </strong>{" "}
            <span className={`badge ${VERDICT_BADGE[r.verdict] ?? ""}`}>{VERDICT_TEXT[r.verdict] ?? "unknown"}</span>{" "}
            {r.voidReason !== undefined && <span className="badge badge-bad">voided by the DAO</span>}{" "}
            {r.selfSigned && (
              <span className="badge" title="The agent signed this receipt itself: shown, but not counted in the desk-verified score.">
                self-signed · not in the score
              </span>
            )}{" "}
            <span className="muted">
              ticket {r.ticketId.toString()} · desk #{r.deskId} · by <AddressText address={r.requester} /> · <DateTime seconds={r.ratedAt} />
            </span>
          </p>
          {r.tags !== 0 && (
            <p className="muted">
              {tagNames
                .filter((_, bit) => (r.tags >> bit) & 1)
                .map((t) => `#${t}`)
                .join(" ") || `tags 0x${r.tags.toString(16)}`}
            </p>
          )}
          {r.comment && <blockquote>{r.comment}</blockquote>}
          {r.voidReason !== undefined && <p className="muted">Voided: {r.voidReason}</p>}
          {r.reply !== undefined ? (
            <p data-testid="reply">
              <strong>Agent's reply:</strong> {r.reply}
            </p>
          ) : (
            <ReplyForm rating={r} />
          )}
        </li>
      ))}
    </ol>
  );
}

/** Only the rated agent sees this: one public reply per rating. */
function ReplyForm({ rating }: { rating: RatingEntry }) {
  const connection = useConnection();
  const tx = useReply();
  const [text, setText] = useState("");
  if (connection.address?.toLowerCase() !== rating.agent.toLowerCase()) return null;
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void tx.reply(rating.ratingId, text.trim());
      }}
    >
      <label>
        Your public reply
        <textarea value={text} onChange={(e) => setText(e.target.value)} maxLength={1000} />
      </label>
      <div>
        <TxButton pending={tx.pending} disabled={text.trim() === ""} type="submit">
          Reply
        </TxButton>
      </div>
      <TxStatus state={tx} success="Your reply is published." />
    </form>
  );
}
