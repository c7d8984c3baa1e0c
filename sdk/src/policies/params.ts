/**
 * The typed parameters of SLA and rating-rules policy versions (IPolicyRegistry SlaParams /
 * RatingRulesParams): one encoding shared by the dApp, the seed, the tests and the bench.
 */
import { decodeAbiParameters, encodeAbiParameters, type Hex } from "viem";
import { PolicyKind } from "../generated/enums.js";

const calendarComponents = [
  { name: "utcOffsetMinutes", type: "int16" },
  { name: "opens", type: "uint16[7]" },
  { name: "closes", type: "uint16[7]" },
  { name: "holidays", type: "uint16[]" },
] as const;

const slaParamsType = [
  {
    type: "tuple",
    components: [
      { name: "firstResponseMinutes", type: "uint16[4]" },
      { name: "resolutionMinutes", type: "uint16[4]" },
      { name: "businessHours", type: "uint8" },
      { name: "calendar", type: "tuple", components: calendarComponents },
      {
        name: "deskCalendars",
        type: "tuple[]",
        components: [
          { name: "deskId", type: "uint32" },
          { name: "calendar", type: "tuple", components: calendarComponents },
        ],
      },
    ],
  },
] as const;

const ratingRulesParamsType = [
  {
    type: "tuple",
    components: [
      { name: "ratingWindow", type: "uint32" },
      { name: "scale", type: "uint8" },
      { name: "tags", type: "string[]" },
      { name: "categories", type: "string[]" },
    ],
  },
] as const;

type Week<T> = readonly [T, T, T, T, T, T, T];

/**
 * A weekly schedule of open hours (IPolicyRegistry CalendarParams): one window per weekday, Monday first,
 * in minutes after local midnight (`opens === closes` = closed), in a fixed UTC offset, with holidays as
 * local dates (days since 1970-01-01, strictly increasing, at most 16).
 */
export interface CalendarParams {
  utcOffsetMinutes: number;
  opens: Week<number>;
  closes: Week<number>;
  holidays: readonly number[];
}

export interface SlaParams {
  /** Minutes per priority: Low, Normal, High, Urgent. */
  firstResponseMinutes: readonly [number, number, number, number];
  resolutionMinutes: readonly [number, number, number, number];
  /** Bitmask over priorities whose targets count business time (bit p = priority p); 0 or absent = calendar time. */
  businessHours?: number;
  /** The protocol-wide calendar business-time targets use (required when `businessHours` is set). */
  calendar?: CalendarParams;
  /** Desks with their own calendar, in increasing desk id. */
  deskCalendars?: readonly { deskId: number; calendar: CalendarParams }[];
}

export interface RatingRulesParams {
  /** Seconds. */
  ratingWindow: number;
  scale: number;
  tags: readonly string[];
  /** Ticket categories; a receipt's `category` is 1 + an index into this list (0 = uncategorised). */
  categories?: readonly string[];
}

/** A calendar never open (what an SLA without business-time targets carries). */
export const NO_CALENDAR: CalendarParams = { utcOffsetMinutes: 0, opens: [0, 0, 0, 0, 0, 0, 0], closes: [0, 0, 0, 0, 0, 0, 0], holidays: [] };

/** Monday to Friday, `from` to `to` local time (e.g. "09:00"–"17:00" as 540–1020), at `utcOffsetMinutes`. */
export function weekdayCalendar(fromMinute: number, toMinute: number, utcOffsetMinutes = 0, holidays: readonly number[] = []): CalendarParams {
  const week = (v: number): Week<number> => [v, v, v, v, v, 0, 0];
  return { utcOffsetMinutes, opens: week(fromMinute), closes: week(toMinute), holidays };
}

/** The calendar an SLA applies to a desk: its own when the SLA gives it one, else the protocol-wide one. */
export function calendarForDesk(sla: SlaParams, deskId: number): CalendarParams {
  return sla.deskCalendars?.find((d) => d.deskId === deskId)?.calendar ?? sla.calendar ?? NO_CALENDAR;
}

export function encodeSlaParams(p: SlaParams): Hex {
  return encodeAbiParameters(slaParamsType, [
    {
      firstResponseMinutes: p.firstResponseMinutes,
      resolutionMinutes: p.resolutionMinutes,
      businessHours: p.businessHours ?? 0,
      calendar: p.calendar ?? NO_CALENDAR,
      deskCalendars: p.deskCalendars ?? [],
    },
  ]);
}

export function decodeSlaParams(data: Hex): SlaParams {
  const [p] = decodeAbiParameters(slaParamsType, data);
  return p;
}

export function encodeRatingRulesParams(p: RatingRulesParams): Hex {
  return encodeAbiParameters(ratingRulesParamsType, [{ ...p, categories: p.categories ?? [] }]);
}

export function decodeRatingRulesParams(data: Hex): RatingRulesParams {
  const [p] = decodeAbiParameters(ratingRulesParamsType, data);
  return p;
}

export type TypedParams =
  | { kind: "sla"; sla: SlaParams }
  | { kind: "rules"; rules: RatingRulesParams }
  | { kind: "channels"; channels: OfficialChannelsParams }
  | { kind: "none" };

/** Decodes `params` for its policy kind (SLA, RatingRules and OfficialChannels have typed parameters; other kinds none). */
export function decodeParams(kind: number, params: Hex): TypedParams {
  if (params === "0x") return { kind: "none" };
  if (kind === PolicyKind.SLA) return { kind: "sla", sla: decodeSlaParams(params) };
  if (kind === PolicyKind.RatingRules) return { kind: "rules", rules: decodeRatingRulesParams(params) };
  if (kind === PolicyKind.OfficialChannels) return { kind: "channels", channels: decodeOfficialChannelsParams(params) };
  return { kind: "none" };
}

/** Encodes typed parameters (the inverse of {@link decodeParams}). */
export function encodeParams(typed: TypedParams): Hex {
  if (typed.kind === "sla") return encodeSlaParams(typed.sla);
  if (typed.kind === "rules") return encodeRatingRulesParams(typed.rules);
  if (typed.kind === "channels") return encodeOfficialChannelsParams(typed.channels);
  return "0x";
}

const officialChannelsParamsType = [
  {
    type: "tuple",
    components: [
      { name: "websites", type: "string[]" },
      { name: "emailDomains", type: "string[]" },
      {
        name: "socials",
        type: "tuple[]",
        components: [
          { name: "platform", type: "string" },
          { name: "handle", type: "string" },
        ],
      },
      { name: "phones", type: "string[]" },
    ],
  },
] as const;

/** The official channels of the protocol's desks (IPolicyRegistry OfficialChannelsParams): what Verify compares with. */
export interface OfficialChannelsParams {
  /** Website domains, lowercase ASCII or punycode (e.g. `ledgerly.example`). */
  websites: readonly string[];
  /** Domains official e-mail comes from. */
  emailDomains: readonly string[];
  /** Official accounts per platform (e.g. `{ platform: "x", handle: "@LedgerlySupport" }`). */
  socials: readonly { platform: string; handle: string }[];
  /** Phone numbers in E.164 form. */
  phones: readonly string[];
}

export function encodeOfficialChannelsParams(p: OfficialChannelsParams): Hex {
  return encodeAbiParameters(officialChannelsParamsType, [p]);
}

export function decodeOfficialChannelsParams(data: Hex): OfficialChannelsParams {
  const [p] = decodeAbiParameters(officialChannelsParamsType, data);
  return p;
}
