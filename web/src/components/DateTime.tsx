import { formatDate } from "@support-quality/sdk";

const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/** A time in the reader's locale and time zone ("3 Dec 2026, 20:34 CET"); the CLIs and the audit print UTC. */
export function localDate(seconds: bigint | number): string {
  return formatDate(seconds, localZone, undefined);
}

/** A chain time in the reader's locale and time zone, with UTC (what the CLIs and the audit print) on hover. */
export function DateTime({ seconds }: { seconds: bigint | number }) {
  const ms = Number(seconds) * 1000;
  return (
    <time dateTime={new Date(ms).toISOString()} title={`UTC: ${formatDate(seconds)}`}>
      {localDate(seconds)}
    </time>
  );
}
