import { formatDate } from "@support-quality/sdk";

const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A chain time in the one date format (UTC, as in the CLIs and the audit), with the reader's local time on hover. */
export function DateTime({ seconds }: { seconds: bigint | number }) {
  const ms = Number(seconds) * 1000;
  const utc = formatDate(seconds);
  const local = localZone && localZone !== "UTC" ? formatDate(seconds, localZone) : undefined;
  return (
    <time dateTime={new Date(ms).toISOString()} title={local ? `Your time: ${local}` : utc}>
      {utc}
    </time>
  );
}
