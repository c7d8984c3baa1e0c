/** "12 of 14 found this helpful" for a version, or that nobody said yet. */
export function HelpfulCount({ helpful, notHelpful, testId }: { helpful: number; notHelpful: number; testId?: string }) {
  const total = helpful + notHelpful;
  return (
    <span className="muted" data-testid={testId}>
      {total === 0 ? "No one has said whether this helped yet" : `${helpful} of ${total} found this helpful`}
    </span>
  );
}
