/**
 * Is this link, domain, email address, social handle or phone number an official support channel? Answers
 * "official", "look-alike" (IDN/punycode homographs, the official name under someone else's domain such as
 * `ledgerly.example.evil.io` or `ledgerly-support.com`, typosquats within edit distance 1) or "not official".
 */

import type { OfficialChannelsParams } from "../policies/params.js";
import { codePointLabel, type HandleFinding, mapToCharset, trimSpaces } from "./analyze.js";
import { punycodeToUnicode } from "./punycode.js";
import { handleSkeleton } from "./skeleton.js";

export type ChannelKind = "website" | "email" | "social" | "phone";

export type ChannelVerdict =
  | { verdict: "official"; kind: ChannelKind; value: string; sentence: string }
  | { verdict: "look-alike"; kind: ChannelKind; value: string; official: string; sentence: string }
  | { verdict: "not-official"; kind: ChannelKind; value: string; sentence: string };

/** Levenshtein distance, bounded use (short strings). */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/** The last two labels: who owns a host (good enough for the desks' .com/.example domains). */
export function registrableDomain(host: string): string {
  return host.split(".").slice(-2).join(".");
}

/** A host label read as ASCII: confusables and invisible characters folded, then the handle skeleton. */
function labelSkeleton(label: string): { skeleton: string; findings: HandleFinding[] } {
  const { mapped, findings } = mapToCharset(label);
  return { skeleton: mapped === null ? label : handleSkeleton(mapped), findings };
}

function hostSkeleton(host: string): { skeleton: string; findings: HandleFinding[] } {
  const parts = host.split(".").map(labelSkeleton);
  return { skeleton: parts.map((p) => p.skeleton).join("."), findings: parts.flatMap((p) => p.findings) };
}

interface Parsed {
  kind: ChannelKind;
  value: string;
}

/** Reads what the person pasted: a phone number, an email address, a social handle or a URL/domain. */
export function parseChannel(input: string): Parsed | null {
  const text = trimSpaces(input);
  if (text === "") return null;
  if (/^\+?[\d\s().-]{7,}$/.test(text)) return { kind: "phone", value: text.replace(/[^\d+]/g, "") };
  const email = /^[^\s@]+@([^\s@]+\.[^\s@]+)$/u.exec(text);
  if (email) return { kind: "email", value: hostOf(email[1]) };
  const social = /^(?:https?:\/\/)?(?:www\.)?(x\.com|twitter\.com|discord\.gg|t\.me|telegram\.me)\/@?([^/?#\s]+)/iu.exec(text);
  if (social) return { kind: "social", value: `${platformOf(social[1])}:${social[2]}` };
  if (text.startsWith("@")) return { kind: "social", value: `*:${text.slice(1)}` };
  if (/\.[^.]/u.test(text) && !/[ \t\n]/u.test(text)) return { kind: "website", value: hostOf(text) };
  return null;
}

function platformOf(host: string): string {
  const h = host.toLowerCase();
  if (h === "x.com" || h === "twitter.com") return "x";
  if (h.startsWith("discord")) return "discord";
  return "telegram";
}

/**
 * The host of a URL or bare domain as typed (not through the URL parser, whose IDNA mapping silently drops
 * some invisible characters): Unicode with punycode labels decoded, lower case, without port or trailing dot.
 */
function hostOf(text: string): string {
  const withoutScheme = text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  const authority = withoutScheme.split(/[/?#]/u)[0];
  const host = authority.slice(authority.lastIndexOf("@") + 1).replace(/:\d+$/, "");
  return host
    .replace(/\.$/, "")
    .split(".")
    .map((label) => punycodeToUnicode(label))
    .join(".")
    .replace(/[A-Z]/g, (c) => c.toLowerCase()); // ASCII only: lower-casing a foreign capital would hide it
}

function describeFinding(f: HandleFinding): string {
  const label = codePointLabel(f.codePoint, f.name);
  return f.kind === "invisible" ? `an invisible character (${label})` : `'${f.char}' (${label})`;
}

/** A social handle without its leading "@" or "#", lower case: how two spellings of one account compare. */
function bareHandle(handle: string): string {
  return handle.replace(/^[@#]/u, "").toLowerCase();
}

/** Compares a host with every official website and e-mail domain of `channels`. */
function checkHost(kind: ChannelKind, host: string, channels: OfficialChannelsParams): ChannelVerdict {
  const officials = [...channels.websites, ...channels.emailDomains];
  // Only a plain ASCII host can be the official one: anything else merely looks like it.
  const punycode = /[^a-z0-9.-]/.test(host);
  for (const official of officials) {
    // An official domain's registrable domain is the desk's own, for mail as for the web.
    const owner = registrableDomain(official);
    if (!punycode && (host === official || host.endsWith(`.${official}`) || host === owner || host.endsWith(`.${owner}`))) {
      return { verdict: "official", kind, value: host, sentence: `${host} is an official support channel (${official} in the Official channels policy).` };
    }
  }
  const { skeleton, findings } = hostSkeleton(host);
  const theirOwner = registrableDomain(host);
  for (const official of officials) {
    const owner = registrableDomain(official);
    const ownerSkeleton = hostSkeleton(owner).skeleton;
    const brand = ownerSkeleton.split(".")[0];
    const lookAlike = (why: string): ChannelVerdict => ({
      verdict: "look-alike",
      kind,
      value: host,
      official: owner,
      sentence: `LOOK-ALIKE of official domain ${owner} — ${why}: treat it as a scam.`,
    });
    if (skeleton === hostSkeleton(official).skeleton || skeleton === ownerSkeleton || skeleton.endsWith(`.${ownerSkeleton}`)) {
      const first = findings[0];
      return lookAlike(first ? `${describeFinding(first)} at position ${first.position} of its label` : "look-alike letters");
    }
    const labels = skeleton.split(".");
    if (labels.slice(0, -1).some((l) => l.includes(brand)) || labels.some((l) => l !== brand && l.includes(brand))) {
      return lookAlike(`it carries the name "${brand}" but belongs to ${theirOwner}`);
    }
    if (editDistance(registrableDomain(skeleton), ownerSkeleton) <= 1 || editDistance(labels[labels.length - 2] ?? "", brand) <= 1) {
      return lookAlike(`one letter away from ${owner}`);
    }
  }
  return { verdict: "not-official", kind, value: host, sentence: `${host} is not an official support channel.` };
}

function checkSocial(value: string, channels: OfficialChannelsParams): ChannelVerdict {
  const [platform, handle] = value.split(/:(.*)/s);
  const typed = bareHandle(handle);
  const { skeleton } = labelSkeleton(handle.replace(/^[@#]/u, ""));
  for (const s of channels.socials) {
    if (platform !== "*" && s.platform.toLowerCase() !== platform) continue;
    const official = bareHandle(s.handle);
    if (typed === official) {
      return { verdict: "official", kind: "social", value: handle, sentence: `${s.handle} on ${s.platform} is an official support channel.` };
    }
    const officialSkeleton = handleSkeleton(official);
    if (skeleton === officialSkeleton || editDistance(skeleton, officialSkeleton) <= 1 || skeleton.includes(officialSkeleton)) {
      return {
        verdict: "look-alike",
        kind: "social",
        value: handle,
        official: s.handle,
        sentence: `LOOK-ALIKE of the official ${s.platform} account ${s.handle}: treat it as a scam.`,
      };
    }
  }
  return { verdict: "not-official", kind: "social", value: handle, sentence: `${handle} is not an official support account.` };
}

/** Answers for a URL, domain, email address, social handle or phone number; null when the input is none of these. */
export function checkChannel(input: string, channels: OfficialChannelsParams): ChannelVerdict | null {
  const parsed = parseChannel(input);
  if (parsed === null) return null;
  if (parsed.kind === "social") return checkSocial(parsed.value, channels);
  if (parsed.kind === "phone") {
    if (channels.phones.some((p) => p.replace(/[^\d+]/g, "") === parsed.value)) {
      return { verdict: "official", kind: "phone", value: parsed.value, sentence: `${parsed.value} is an official support phone line.` };
    }
    return { verdict: "not-official", kind: "phone", value: parsed.value, sentence: `${parsed.value} is not an official support phone line.` };
  }
  return checkHost(parsed.kind, parsed.value, channels);
}
