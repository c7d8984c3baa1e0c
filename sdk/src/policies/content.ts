/**
 * What a policy version says and enforces, as one thing: the content hash the registry stores
 * (`PolicyRegistry.contentHashOf`: kind, text, URI and typed parameters), the text section generated from
 * the typed parameters (so the words never disagree with what the contract enforces), and the
 * parameter-by-parameter changes between two versions.
 */
import { type Hex, hashStruct } from "viem";
import { PRIORITY_LABELS } from "../labels.js";
import { describeCalendar } from "../receipts/business-time.js";
import {
  type CalendarParams,
  decodeParams,
  NO_CALENDAR,
  type OfficialChannelsParams,
  type RatingRulesParams,
  type SlaParams,
  type TypedParams,
} from "./params.js";

export const POLICY_CONTENT_TYPES = {
  PolicyVersionContent: [
    { name: "kind", type: "uint8" },
    { name: "text", type: "string" },
    { name: "uri", type: "string" },
    { name: "params", type: "bytes" },
  ],
} as const;

export interface PolicyContent {
  text: string;
  uri: string;
  params: Hex;
}

/** The content hash the registry stores for a version of `kind` with `content` (EIP-712 struct hash). */
export function policyContentHash(kind: number, content: PolicyContent): Hex {
  return hashStruct({
    types: POLICY_CONTENT_TYPES,
    primaryType: "PolicyVersionContent",
    data: { kind, text: content.text, uri: content.uri, params: content.params },
  });
}

/** The heading of the generated section: everything from it to the end of the text is generated. */
export const ENFORCED_HEADING = "Enforced on-chain (generated from the typed parameters):";

/** Whole minutes, exactly (every non-zero unit: "1 d 2 h 5 min"), since the section must lose nothing. */
function minutes(total: number): string {
  const parts: string[] = [];
  const d = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  if (d) parts.push(`${d} d`);
  if (h) parts.push(`${h} h`);
  if (m || !parts.length) parts.push(`${m} min`);
  return parts.join(" ");
}

/** Seconds, exactly. */
const seconds = (total: number) => (total % 60 === 0 ? minutes(total / 60) : `${total} s`);

function slaLines(sla: SlaParams): string[] {
  const business = (i: number) => ((sla.businessHours ?? 0) >> i) & 1;
  const lines = PRIORITY_LABELS.map(
    (p, i) =>
      `- ${p}: first response within ${minutes(sla.firstResponseMinutes[i]!)}, resolved within ${minutes(sla.resolutionMinutes[i]!)}${business(i) ? " (business hours)" : ""}.`,
  ).reverse();
  if (sla.businessHours) lines.push(...calendarLines(sla));
  return lines;
}

function calendarLines(sla: SlaParams): string[] {
  return [
    `- Business hours: ${describeCalendar(sla.calendar ?? NO_CALENDAR)}${holidayList(sla.calendar)}.`,
    ...(sla.deskCalendars ?? []).map((d) => `- Desk #${d.deskId}'s business hours: ${describeCalendar(d.calendar)}${holidayList(d.calendar)}.`),
  ];
}

/** A date (days since 1970-01-01) as YYYY-MM-DD. */
export function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function holidayList(cal: CalendarParams | undefined): string {
  return cal?.holidays.length ? ` — closed ${cal.holidays.map(isoDay).join(", ")}` : "";
}

function rulesLines(rules: RatingRulesParams): string[] {
  return [
    `- Rating window: ${seconds(rules.ratingWindow)} after the ticket's last event.`,
    `- Scores: 1 to ${rules.scale}.`,
    `- Tags: ${rules.tags.length ? rules.tags.join(", ") : "none"}.`,
    ...(rules.categories?.length ? [`- Ticket categories: ${rules.categories.join(", ")}.`] : []),
  ];
}

function channelLines(c: OfficialChannelsParams): string[] {
  return [
    ...c.websites.map((w) => `- Website: ${w}`),
    ...c.emailDomains.map((d) => `- E-mail from: @${d}`),
    ...c.socials.map((s) => `- ${s.platform}: ${s.handle}`),
    ...c.phones.map((p) => `- Phone: ${p}`),
  ];
}

/** The generated section for typed parameters (empty when the kind has none). */
export function enforcedSection(typed: TypedParams): string {
  const lines =
    typed.kind === "sla"
      ? slaLines(typed.sla)
      : typed.kind === "rules"
        ? rulesLines(typed.rules)
        : typed.kind === "channels"
          ? channelLines(typed.channels)
          : [];
  return lines.length ? [ENFORCED_HEADING, ...lines].join("\n") : "";
}

/** Splits a version's text into the words its authors wrote and the generated section (if any). */
export function splitEnforcedSection(text: string): { prose: string; section: string | undefined } {
  const at = text.indexOf(ENFORCED_HEADING);
  if (at < 0) return { prose: text, section: undefined };
  return { prose: text.slice(0, at).trimEnd(), section: text.slice(at).trimEnd() };
}

/** The full text of a version: the prose followed by the section generated from its typed parameters. */
export function composePolicyText(prose: string, typed: TypedParams): string {
  const section = enforcedSection(typed);
  const words = splitEnforcedSection(prose).prose.trimEnd();
  return section ? `${words}\n\n${section}` : words;
}

/**
 * Why `text` disagrees with the typed parameters it is published with, as a sentence; undefined when it
 * agrees (its generated section is exactly what the parameters say, or the kind has no parameters).
 */
export function textParamsMismatch(kind: number, text: string, params: Hex): string | undefined {
  let typed: TypedParams;
  try {
    typed = decodeParams(kind, params);
  } catch {
    return "The typed parameters cannot be read, so the text cannot be checked against them.";
  }
  const expected = enforcedSection(typed);
  const { section } = splitEnforcedSection(text);
  if (!expected) return section ? "The text has a section of enforced values, but this version enforces none." : undefined;
  if (!section) return "The text does not state the values this version enforces: its generated section is missing.";
  if (section !== expected)
    return "The text's section of enforced values differs from what this version enforces: the contract applies the typed values, not the words.";
  return undefined;
}

/** One typed value that differs between two versions, in words. */
export interface ParamChange {
  name: string;
  before: string;
  after: string;
}

function entries(typed: TypedParams): [string, string][] {
  if (typed.kind === "sla") {
    const sla = typed.sla;
    const rows = PRIORITY_LABELS.flatMap((p, i): [string, string][] => [
      [`${p} first response`, minutes(sla.firstResponseMinutes[i]!)],
      [`${p} resolution`, minutes(sla.resolutionMinutes[i]!)],
      [`${p} clock`, ((sla.businessHours ?? 0) >> i) & 1 ? "business hours" : "calendar time"],
    ]);
    if (sla.businessHours) rows.push(["Business hours", calendarLines(sla).join(" ").replaceAll("- ", "")]);
    return rows;
  }
  if (typed.kind === "rules")
    return [
      ["Rating window", seconds(typed.rules.ratingWindow)],
      ["Highest score", String(typed.rules.scale)],
      ["Tags", typed.rules.tags.join(", ") || "none"],
      ["Ticket categories", typed.rules.categories?.join(", ") || "none"],
    ];
  if (typed.kind === "channels")
    return [
      ["Websites", typed.channels.websites.join(", ") || "none"],
      ["E-mail domains", typed.channels.emailDomains.join(", ") || "none"],
      ["Social accounts", typed.channels.socials.map((s) => `${s.platform} ${s.handle}`).join(", ") || "none"],
      ["Phones", typed.channels.phones.join(", ") || "none"],
    ];
  return [];
}

/** The typed values that change from `before` to `after` (both of `kind`), in words. */
export function paramChanges(kind: number, before: Hex, after: Hex): ParamChange[] {
  const read = (params: Hex) => {
    try {
      return new Map(entries(decodeParams(kind, params)));
    } catch {
      return new Map([["Typed parameters", "unreadable"]]);
    }
  };
  const a = read(before);
  const b = read(after);
  const names = [...new Set([...a.keys(), ...b.keys()])];
  return names.filter((n) => a.get(n) !== b.get(n)).map((name) => ({ name, before: a.get(name) ?? "—", after: b.get(name) ?? "—" }));
}
