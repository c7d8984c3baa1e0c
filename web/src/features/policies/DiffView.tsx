import { diffLines, diffWords } from "diff";

export type DiffMode = "words" | "lines";

/** The changes from `before` to `after`: insertions in <ins>, deletions in <del>. */
export function DiffView({ before, after, mode = "words", testId = "policy-diff" }: { before: string; after: string; mode?: DiffMode; testId?: string }) {
  const parts = mode === "words" ? diffWords(before, after) : diffLines(before, after);
  const changed = parts.some((p) => p.added || p.removed);
  return (
    <div className="diff" data-testid={testId} aria-label="Differences between the two versions">
      {!changed && <span className="muted">The two texts are identical.</span>}
      {changed &&
        parts.map((part, i) =>
          part.added ? <ins key={i}>{part.value}</ins> : part.removed ? <del key={i}>{part.value}</del> : <span key={i}>{part.value}</span>,
        )}
    </div>
  );
}
