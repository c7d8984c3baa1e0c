/**
 * The verdict SupportRatings will reach for a receipt, computed off-chain for the rate page's preview.
 * Mirrors `_checkReceipt`'s time checks and `_judge` in contracts/ratings/SupportRatings.sol line by line
 * (same order of checks, same comparisons, same minute → second conversion), so what the requester is
 * shown is what the contract stores.
 */

import { formatDate, formatDuration } from "../format.js";
import type { SLA_VERDICT_NAMES } from "../generated/enums.js";
import { businessSeconds, type PackedCalendar } from "./business-time.js";
import type { Receipt } from "./eip712.js";

/** `IPolicyRegistry.RatingTerms` as viem returns it from `ratingTermsAt`. */
export interface RatingTerms {
  effectiveFrom: number;
  slaVersion: number;
  rulesVersion: number;
  ratingWindow: number;
  scale: number;
  tagCount: number;
  /** Ticket categories of the rules (a receipt's `category` is 0 or 1..categoryCount). */
  categoryCount: number;
  /** Bits 0..3: priorities whose targets count business time; bit 4: some desks have their own calendar. */
  businessHours: number;
  /** 4 × uint16 minutes, indexed by priority (priority p at bits 16p). */
  firstResponseMinutes: bigint;
  resolutionMinutes: bigint;
}

/** A member name of `ISupportRatings.SlaVerdict` (generated from the contracts). */
export type SlaVerdictName = (typeof SLA_VERDICT_NAMES)[number];

export interface SlaTarget {
  /** Seconds allowed by the SLA for this priority. */
  target: number;
  /** Seconds the desk took (business seconds under a business-time target, less pauses for the
   * resolution), or null when it never happened (a time of 0 in the receipt). */
  taken: number | null;
  met: boolean;
  /** Whether the target counts business time (the desk's calendar) or calendar time. */
  clock: "business" | "calendar";
}

export type ReceiptProblem =
  | { kind: "expired"; deadline: number; now: number }
  | { kind: "invalidTimes"; openedAt: number; firstResponseAt: number; resolvedAt: number }
  | { kind: "noRules"; openedAt: number }
  | { kind: "windowClosed"; closedAt: number; now: number }
  | { kind: "unknownCategory"; category: number; categoryCount: number }
  | { kind: "pausedTooLong"; pausedSeconds: number; ticketSeconds: number }
  | { kind: "noCalendar"; slaVersion: number };

export type Judgement =
  | { ok: false; problem: ReceiptProblem; message: string }
  | {
      ok: true;
      verdict: SlaVerdictName;
      slaVersion: number;
      rulesVersion: number;
      firstResponse: SlaTarget | null;
      resolution: SlaTarget | null;
      /** When the rules' rating window closes (`_judge`'s `closedAt`). */
      windowClosesAt: number;
      /** The last second a rating is accepted: the earlier of the window's close and the receipt deadline. */
      rateBy: number;
      /** Seconds left until `rateBy`. */
      secondsLeft: number;
    };

/** Whether `priority`'s SLA targets count business time under `terms`. */
export function usesBusinessTime(terms: Pick<RatingTerms, "slaVersion" | "businessHours">, priority: number): boolean {
  return terms.slaVersion !== 0 && ((terms.businessHours >> priority) & 1) === 1;
}

/**
 * Judges `receipt` under `terms` (the terms in force at its `openedAt`) at time `now` (seconds). A
 * business-time priority needs the desk's `calendar` (`calendarOf(slaVersion, deskId)`).
 */
export function judgeReceipt(receipt: Receipt, terms: RatingTerms, now: number, calendar?: PackedCalendar): Judgement {
  const { openedAt: opened, firstResponseAt: responded, resolvedAt: resolved, deadline } = receipt;
  // _checkReceipt, in the contract's order.
  if (now > deadline) {
    return fail({ kind: "expired", deadline, now });
  }
  if (
    opened === 0 ||
    opened > now ||
    (responded !== 0 && (responded < opened || responded > now)) ||
    (resolved !== 0 && (resolved < opened || resolved < responded || resolved > now))
  ) {
    return fail({ kind: "invalidTimes", openedAt: opened, firstResponseAt: responded, resolvedAt: resolved });
  }
  // _judge.
  if (terms.rulesVersion === 0) return fail({ kind: "noRules", openedAt: opened });
  let lastEvent = resolved !== 0 ? resolved : responded;
  if (lastEvent === 0) lastEvent = opened;
  const closedAt = lastEvent + terms.ratingWindow;
  if (now > closedAt) return fail({ kind: "windowClosed", closedAt, now });
  if (receipt.category > terms.categoryCount) {
    return fail({ kind: "unknownCategory", category: receipt.category, categoryCount: terms.categoryCount });
  }
  if (receipt.pausedSeconds > lastEvent - opened) {
    return fail({ kind: "pausedTooLong", pausedSeconds: receipt.pausedSeconds, ticketSeconds: lastEvent - opened });
  }

  const rateBy = Math.min(closedAt, deadline);
  const window = { windowClosesAt: closedAt, rateBy, secondsLeft: rateBy - now };
  if (terms.slaVersion === 0) {
    return { ok: true, verdict: "None", slaVersion: 0, rulesVersion: terms.rulesVersion, firstResponse: null, resolution: null, ...window };
  }
  const business = usesBusinessTime(terms, receipt.priority);
  if (business && (!calendar || calendar.calendar === 0n)) return fail({ kind: "noCalendar", slaVersion: terms.slaVersion });
  const clock = business ? "business" : "calendar";
  const measure = (to: number) => (business ? businessSeconds(calendar!, opened, to) : to - opened);
  const firstResponse = slaTarget(terms.firstResponseMinutes, receipt.priority, responded === 0 ? null : measure(responded), clock);
  const resolutionTaken = resolved === 0 ? null : Math.max(measure(resolved) - receipt.pausedSeconds, 0);
  const resolution = slaTarget(terms.resolutionMinutes, receipt.priority, resolutionTaken, clock);
  return {
    ok: true,
    verdict: firstResponse.met && resolution.met ? "Met" : "Breached",
    slaVersion: terms.slaVersion,
    rulesVersion: terms.rulesVersion,
    firstResponse,
    resolution,
    ...window,
  };
}

/** The sentence for a score/tags choice the contract would reject, or null when it is acceptable. */
export function ratingChoiceProblem(score: number, tags: number, terms: Pick<RatingTerms, "scale" | "tagCount">): string | null {
  if (!Number.isInteger(score) || score < 1 || score > terms.scale) {
    return `Choose a score from 1 to ${terms.scale}.`;
  }
  if (!Number.isInteger(tags) || tags < 0 || tags >= 2 ** terms.tagCount) {
    return `Only the ${terms.tagCount} tags of the rules in force can be chosen.`;
  }
  return null;
}

/** SLA target in seconds for `priority`, as `_judge` unpacks it. */
export function targetSeconds(packedMinutes: bigint, priority: number): number {
  return Number((packedMinutes >> BigInt(16 * priority)) & 0xffffn) * 60;
}

function slaTarget(packedMinutes: bigint, priority: number, taken: number | null, clock: SlaTarget["clock"]): SlaTarget {
  const target = targetSeconds(packedMinutes, priority);
  return { target, taken, met: taken !== null && taken <= target, clock };
}

/**
 * The same problem told to the help desk that is about to sign the receipt (its console's preview): what
 * to change before signing, never "ask the help desk".
 */
export function deskProblemMessage(problem: ReceiptProblem): string {
  switch (problem.kind) {
    case "expired":
      return `The link deadline (${formatTime(problem.deadline)}) has already passed: set a later deadline before signing.`;
    case "invalidTimes":
      return "These ticket times are impossible (out of order or in the future), so the contract would refuse the rating: correct the opened, first-response and resolved times before signing.";
    case "noRules":
      return `No rating rules were in force when this ticket was opened (${formatTime(problem.openedAt)}): a receipt for it cannot be rated, so there is nothing to sign.`;
    case "windowClosed":
      return `The rating window for this ticket closed on ${formatTime(problem.closedAt)}: the requester could no longer rate it, so there is nothing to sign.`;
    case "unknownCategory":
      return categorySentence(problem);
    case "pausedTooLong":
      return `The ticket cannot have waited on the requester for ${formatDuration(problem.pausedSeconds)}: it only lived ${formatDuration(problem.ticketSeconds)} from opening to its last event. Correct the paused time before signing.`;
    case "noCalendar":
      return noCalendarSentence(problem.slaVersion);
  }
}

function fail(problem: ReceiptProblem): Judgement {
  return { ok: false, problem, message: problemMessage(problem) };
}

function problemMessage(problem: ReceiptProblem): string {
  switch (problem.kind) {
    case "expired":
      return `This receipt expired on ${formatTime(problem.deadline)}; it can no longer be rated.`;
    case "invalidTimes":
      return "This receipt's ticket times are impossible (out of order or in the future), so the contract will refuse it. Ask the help desk for a corrected link.";
    case "noRules":
      return `No rating rules were in force when this ticket was opened (${formatTime(problem.openedAt)}), so it cannot be rated.`;
    case "windowClosed":
      return `The rating window for this ticket closed on ${formatTime(problem.closedAt)}.`;
    case "unknownCategory":
      return `${categorySentence(problem)} Ask the help desk for a corrected link.`;
    case "pausedTooLong":
      return `This receipt says the ticket waited on you for ${formatDuration(problem.pausedSeconds)}, longer than the ticket lived (${formatDuration(problem.ticketSeconds)}), so the contract will refuse it. Ask the help desk for a corrected link.`;
    case "noCalendar":
      return noCalendarSentence(problem.slaVersion);
  }
}

/** A timestamp as a readable UTC time (the same in every browser and in tests): the SDK's one date format. */
export function formatTime(seconds: number): string {
  return formatDate(seconds);
}

function categorySentence(p: { category: number; categoryCount: number }): string {
  return p.categoryCount === 0
    ? `Category ${p.category} does not exist: the rating rules in force define no ticket categories (use 0, uncategorised).`
    : `Category ${p.category} does not exist: the rating rules in force define categories 1 to ${p.categoryCount} (0 = uncategorised).`;
}

function noCalendarSentence(slaVersion: number): string {
  return `SLA version ${slaVersion} counts business hours for this priority, but its calendar could not be read, so the verdict cannot be previewed.`;
}
