/** Display formatting shared by every screen: short addresses, dates, durations, token amounts. */
import { formatUnits, type Hex } from "viem";

export const TOKEN_SYMBOL = "SQT";
export const TOKEN_DECIMALS = 18;

export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

export function shortHash(hash: Hex | string): string {
  return hash.length > 14 ? `${hash.slice(0, 10)}…${hash.slice(-6)}` : hash;
}

/**
 * A unix time (seconds) as "3 Dec 2026, 19:34 UTC": the one date format of the dApp, the CLIs, the audit
 * and every sentence. UTC is the one time zone choice, so a time quoted from any of them reads the same
 * to everyone; the dApp adds the reader's local time on hover (`timeZone` set to theirs).
 */
export function formatDate(seconds: bigint | number, timeZone = "UTC", locale: string | undefined = "en-GB"): string {
  const ms = Number(seconds) * 1000;
  return new Date(ms).toLocaleString(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  });
}

/** A duration in seconds, in the two largest units ("2 d 4 h", "35 min", "12 s"). */
export function formatDuration(totalSeconds: bigint | number): string {
  let s = Math.max(0, Math.floor(Number(totalSeconds)));
  const units: [string, number][] = [
    ["d", 86400],
    ["h", 3600],
    ["min", 60],
    ["s", 1],
  ];
  const parts: string[] = [];
  for (const [label, size] of units) {
    if (s >= size || (parts.length === 0 && size === 1)) {
      parts.push(`${Math.floor(s / size)} ${label}`);
      s %= size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(" ");
}

/** A token amount (18 decimals) with thousands separators and at most two decimals. */
export function formatTokens(amount: bigint, symbol = TOKEN_SYMBOL): string {
  const [whole, fraction = ""] = formatUnits(amount, TOKEN_DECIMALS).split(".");
  const grouped = BigInt(whole).toLocaleString("en-US");
  const decimals = fraction.slice(0, 2).replace(/0+$/, "");
  return `${grouped}${decimals ? `.${decimals}` : ""} ${symbol}`;
}

/**
 * A share (0..1) as a percentage with at most one decimal: "88 %", "87.5 %", "—" for none. The one
 * percentage format (CSAT, SLA compliance, quorum) of every screen and CLI.
 */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "—";
  const tenths = Math.round(share * 1000) / 10;
  return `${Number.isInteger(tenths) ? tenths : tenths.toFixed(1)} %`;
}

export function formatPercent(numerator: bigint | number, denominator: bigint | number): string {
  const d = Number(denominator);
  return d === 0 ? "—" : formatShare(Number(numerator) / d);
}

/** "in 2 h 5 min" / "3 d ago" relative to `now` (seconds). */
export function relativeTime(target: bigint | number, now: bigint | number): string {
  const delta = Number(target) - Number(now);
  return delta >= 0 ? `in ${formatDuration(delta)}` : `${formatDuration(-delta)} ago`;
}
