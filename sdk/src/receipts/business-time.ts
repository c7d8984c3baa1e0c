/**
 * Business time as SupportRatings measures it (contracts/policy/BusinessTime.sol): a calendar packed in
 * one word, the open seconds between two timestamps as whole weeks × weekly hours plus the partial ends,
 * less the holidays. The rate page and the desk console predict the verdict with it; the contract's
 * `businessSeconds` view answers the same (a flow test holds them equal).
 */
import type { CalendarParams } from "../policies/params.js";

const DAY = 86_400;
const WEEK = 7 * DAY;
/** 1970-01-01 was a Thursday: three days back is a Monday midnight. */
const MONDAY_SHIFT = 3 * DAY;
const PREFIX_SHIFT = 154n;
const OFFSET_SHIFT = 238n;
const HOLIDAYS_SHIFT = 249n;
const MASK11 = (1n << 11n) - 1n;
const MASK14 = (1n << 14n) - 1n;

/** A calendar as the ratings contract keeps it (`calendarOf`): the packed word and its holiday word. */
export interface PackedCalendar {
  calendar: bigint;
  holidays: bigint;
}

/** Packs `params` as PolicyRegistry does (the caller has validated it). */
export function packCalendar(params: CalendarParams): PackedCalendar {
  let word = (BigInt(params.utcOffsetMinutes + 720) << OFFSET_SHIFT) | (BigInt(params.holidays.length) << HOLIDAYS_SHIFT);
  let weekly = 0n;
  for (let d = 0; d < 7; d++) {
    if (d !== 0) word |= weekly << (PREFIX_SHIFT + 14n * BigInt(d - 1));
    word |= (BigInt(params.opens[d]!) << BigInt(22 * d)) | (BigInt(params.closes[d]!) << BigInt(22 * d + 11));
    weekly += BigInt(params.closes[d]! - params.opens[d]!);
  }
  let holidays = 0n;
  params.holidays.forEach((date, i) => {
    holidays |= BigInt(date) << BigInt(16 * i);
  });
  return { calendar: word, holidays };
}

/** Business seconds of `calendar` in `[from, to]` (timestamps in seconds, `from <= to`). */
export function businessSeconds({ calendar, holidays }: PackedCalendar, from: number, to: number): number {
  const c = calendar;
  const shift = MONDAY_SHIFT + Number((c >> OFFSET_SHIFT) & MASK11) * 60 - 720 * 60;
  const [a, b] = [from + shift, to + shift];
  let seconds = openBefore(c, b) - openBefore(c, a);
  const count = Number(c >> HOLIDAYS_SHIFT);
  for (let i = 0; i < count; i++) {
    const day = Number((holidays >> BigInt(16 * i)) & 0xffffn) + MONDAY_SHIFT / DAY;
    const [open, close] = window(c, day % 7);
    const start = Math.max(day * DAY + open, a);
    const end = Math.min(day * DAY + close, b);
    if (end > start) seconds -= end - start;
  }
  return seconds;
}

function openBefore(c: bigint, t: number): number {
  const weekday = Math.floor((t % WEEK) / DAY);
  const weekly = Number((c >> (PREFIX_SHIFT + 70n)) & MASK14) + length(c, 6);
  const before = weekday === 0 ? 0 : Number((c >> (PREFIX_SHIFT + 14n * BigInt(weekday - 1))) & MASK14);
  const [open, close] = window(c, weekday);
  const inDay = t % DAY;
  const today = inDay <= open ? 0 : inDay >= close ? close - open : inDay - open;
  return Math.floor(t / WEEK) * weekly * 60 + before * 60 + today;
}

function window(c: bigint, d: number): [number, number] {
  return [Number((c >> BigInt(22 * d)) & MASK11) * 60, Number((c >> BigInt(22 * d + 11)) & MASK11) * 60];
}

function length(c: bigint, d: number): number {
  return Number((c >> BigInt(22 * d + 11)) & MASK11) - Number((c >> BigInt(22 * d)) & MASK11);
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

/** "Mon–Fri 09:00–17:00 (UTC+01:00), 2 holidays": a calendar in one line. */
export function describeCalendar(params: CalendarParams): string {
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  const groups: string[] = [];
  let d = 0;
  while (d < 7) {
    const [open, close] = [params.opens[d]!, params.closes[d]!];
    let e = d;
    while (e + 1 < 7 && params.opens[e + 1] === open && params.closes[e + 1] === close) e++;
    if (close > open) groups.push(`${WEEKDAYS[d]}${e > d ? `–${WEEKDAYS[e]}` : ""} ${hhmm(open)}–${hhmm(close)}`);
    d = e + 1;
  }
  const offset = params.utcOffsetMinutes;
  const zone = `UTC${offset < 0 ? "−" : "+"}${hhmm(Math.abs(offset))}`;
  const holidays = params.holidays.length === 0 ? "" : `, ${params.holidays.length} holiday${params.holidays.length === 1 ? "" : "s"}`;
  return `${groups.join(", ") || "never open"} (${zone})${holidays}`;
}

/** How many desks one SLA version may give their own calendar (`PolicyRegistry`'s bound). */
export const MAX_DESK_CALENDARS = 16;

/** The sentence for a calendar the policy registry would refuse, or null when it is valid. */
export function calendarProblem(params: CalendarParams): string | null {
  if (!Number.isInteger(params.utcOffsetMinutes) || params.utcOffsetMinutes < -720 || params.utcOffsetMinutes > 840) {
    return `The UTC offset must be between −12:00 and +14:00 (it is ${params.utcOffsetMinutes} minutes).`;
  }
  for (let d = 0; d < 7; d++) {
    const [open, close] = [params.opens[d]!, params.closes[d]!];
    if (!Number.isInteger(open) || !Number.isInteger(close) || open < 0 || open > close || close > 1440) {
      return `${WEEKDAYS[d]}'s hours are impossible: it must open before it closes, and close by 24:00.`;
    }
  }
  if (params.opens.every((open, d) => params.closes[d] === open)) return "The calendar is never open: give at least one weekday some hours.";
  if (params.holidays.length > 16) return `At most 16 holidays per calendar (there are ${params.holidays.length}).`;
  for (let i = 1; i < params.holidays.length; i++) {
    if (params.holidays[i]! <= params.holidays[i - 1]!) return "Holidays must be distinct dates in increasing order.";
  }
  return null;
}
