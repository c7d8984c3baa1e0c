/**
 * What a person typed as a support handle, read the way an attacker hopes it will not be: any Unicode input is
 * normalised (ENSIP-15 via @adraffy/ens-normalize, then TR39 confusables) onto the registry's charset, its
 * skeleton compared with the official handles', and every invisible, foreign or look-alike character named.
 */
import { ens_normalize, ens_normalize_fragment } from "@adraffy/ens-normalize";
import { CONFUSABLES } from "./confusables.generated.js";
import { invisibleName } from "./invisible.js";
import { handleSkeleton, isCanonicalHandle } from "./skeleton.js";

const PROTOTYPE = new Map<number, readonly [string, string]>(CONFUSABLES.map(([cp, ascii, name]) => [cp, [ascii, name]]));
// IDNA (NFKC) turns some confusables into other non-ASCII characters (U+FFE8 HALFWIDTH FORMS LIGHT VERTICAL
// becomes U+2502): those read the same, so they inherit the prototype.
for (const [cp, ascii] of CONFUSABLES) {
  const folded = String.fromCodePoint(cp).normalize("NFKC");
  const code = folded.codePointAt(0) ?? 0;
  if ([...folded].length === 1 && code >= 0x80 && !PROTOTYPE.has(code)) PROTOTYPE.set(code, [ascii, ""]);
}
const HANDLE_CHAR = /^[a-z0-9._-]$/;

/** A character of the input that is not what it looks like. `position` counts from 1, after "@" and spaces. */
export interface HandleFinding {
  kind: "invisible" | "confusable" | "space";
  char: string;
  codePoint: number;
  /** The Unicode name, when known ("CYRILLIC SMALL LETTER A"). */
  name: string;
  position: number;
  /** The ASCII it imitates ("" for invisible characters). */
  imitates: string;
}

export interface OfficialHandle {
  handle: string;
  agent: `0x${string}`;
}

export type HandleMatch =
  | { kind: "exact"; official: OfficialHandle }
  | { kind: "look-alike"; official: OfficialHandle; explanation: string }
  | { kind: "none" };

export interface HandleAnalysis {
  /** The input without surrounding spaces and one leading "@". */
  typed: string;
  /** The input mapped onto the registry's charset (what a lookup should use), or null when it cannot be. */
  mapped: string | null;
  skeleton: string | null;
  findings: HandleFinding[];
  /** Scripts of the letters when more than one is mixed ("Latin", "Cyrillic"), else empty. */
  mixedScripts: string[];
  /** Why ENSIP-15 normalisation refuses the input, if it does. */
  ensRefusal: string | null;
  match: HandleMatch;
}

/** "U+0430 CYRILLIC SMALL LETTER A". */
export function codePointLabel(codePoint: number, name: string): string {
  const hex = codePoint.toString(16).toUpperCase().padStart(4, "0");
  return name ? `U+${hex} ${name}` : `U+${hex}`;
}

/** Removes surrounding spaces and one leading "@" (or a full-width "＠"). */
export function stripHandle(input: string): string {
  const trimmed = trimSpaces(input);
  return trimmed.startsWith("@") || trimmed.startsWith("\uff20") ? trimSpaces(trimmed.slice(1)) : trimmed;
}

/** Like `trim()` but keeps U+FEFF (ZERO WIDTH NO-BREAK SPACE), which `trim()` silently drops: it is an invisible character to report. */
export function trimSpaces(text: string): string {
  return text.replace(/^[\p{Zs}\t\n\r]+|[\p{Zs}\t\n\r]+$/gu, "");
}

/** The ASCII a single non-ASCII character reads as, with its name; undefined when it reads as nothing in the charset. */
function asciiOf(char: string): { ascii: string; name: string } | undefined {
  const cp = char.codePointAt(0) ?? 0;
  // IDNA lower-cases what it encodes: a small letter whose capital imitates ASCII imitates it too.
  const direct = PROTOTYPE.get(cp) ?? PROTOTYPE.get(char.toLowerCase().codePointAt(0) ?? 0) ?? PROTOTYPE.get(char.toUpperCase().codePointAt(0) ?? 0);
  if (direct) return { ascii: direct[0], name: direct[1] };
  let normalized: string;
  try {
    normalized = ens_normalize_fragment(char);
  } catch {
    normalized = char.normalize("NFKC").toLowerCase();
  }
  // Strip accents: "é" reads as "e" to most people in a chat window.
  const bare = normalized.normalize("NFD").replace(/\p{M}/gu, "");
  const mapped = [...bare].map((c) => (HANDLE_CHAR.test(c) ? c : (PROTOTYPE.get(c.codePointAt(0) ?? 0)?.[0] ?? "\u0000"))).join("");
  if (mapped.length === 0 || mapped.includes("\u0000")) return undefined;
  return { ascii: mapped, name: PROTOTYPE.get(cp)?.[1] ?? "" };
}

const SCRIPTS = ["Latin", "Cyrillic", "Greek", "Armenian", "Cherokee", "Georgian", "Hebrew", "Arabic", "Han", "Coptic", "Lisu", "Vai"] as const;

const SCRIPT_TESTS = SCRIPTS.map((s) => [s, new RegExp(`^\\p{Script=${s}}$`, "u")] as const);

function scriptsOf(text: string): string[] {
  const found = new Set<string>();
  for (const c of text) {
    if (!/\p{L}/u.test(c)) continue;
    const script = SCRIPT_TESTS.find(([, test]) => test.test(c))?.[0];
    found.add(script ?? "Other");
  }
  return [...found];
}

function ensRefusalOf(text: string): string | null {
  try {
    ens_normalize(text);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Explains why `analysis` reads like `official` though it is not it. */
function explain(analysis: Omit<HandleAnalysis, "match">, official: OfficialHandle): string {
  const first = analysis.findings[0];
  const subject = `LOOK-ALIKE of official agent @${official.handle}`;
  if (first) {
    const label = codePointLabel(first.codePoint, first.name);
    const what =
      first.kind === "invisible" ? `an invisible character (${label})` : first.kind === "space" ? `a space (${label})` : `'${first.char}' (${label})`;
    return `${subject} — ${what} at position ${first.position}: treat as an impersonator`;
  }
  const mapped = analysis.mapped ?? "";
  let i = 0;
  while (i < mapped.length && mapped[i] === official.handle[i]) i++;
  const theirs = mapped.slice(i, i + 2) || "(end)";
  const ours = official.handle.slice(i, i + 2) || "(end)";
  return `${subject} — '${theirs}' instead of '${ours}' at position ${i + 1}: treat as an impersonator`;
}

/** `text` mapped onto the registry's charset character by character (null when some character cannot be), with what had to change. */
export function mapToCharset(text: string): { mapped: string | null; findings: HandleFinding[] } {
  const findings: HandleFinding[] = [];
  let mapped = "";
  let mappable = true;
  let position = 0;
  for (const char of text) {
    position++;
    const codePoint = char.codePointAt(0) ?? 0;
    const invisible = invisibleName(char);
    if (invisible !== undefined) {
      findings.push({ kind: "invisible", char, codePoint, name: invisible, position, imitates: "" });
      continue;
    }
    if (/\s/u.test(char)) {
      findings.push({ kind: "space", char, codePoint, name: codePoint === 0x20 ? "SPACE" : "WHITE SPACE", position, imitates: "" });
      continue;
    }
    const lower = codePoint < 0x80 ? char.toLowerCase() : char;
    if (HANDLE_CHAR.test(lower)) {
      mapped += lower;
      continue;
    }
    const ascii = asciiOf(char);
    if (ascii === undefined) {
      mappable = false;
      findings.push({ kind: "confusable", char, codePoint, name: "", position, imitates: "" });
      continue;
    }
    findings.push({ kind: "confusable", char, codePoint, name: ascii.name, position, imitates: ascii.ascii });
    mapped += ascii.ascii;
  }
  return { mapped: mappable ? mapped : null, findings };
}

/**
 * Reads `input` as a handle and compares it with `officials`: "exact" when it is an official handle up to
 * case, a leading "@" and surrounding spaces; "look-alike" when its skeleton equals an official handle's
 * skeleton (or it carries invisible or foreign characters over one); "none" otherwise.
 */
export function analyzeHandle(input: string, officials: readonly OfficialHandle[]): HandleAnalysis {
  const typed = stripHandle(input);
  const { mapped, findings } = mapToCharset(typed);
  const mappable = mapped !== null;
  const base = {
    typed,
    mapped,
    skeleton: mappable ? handleSkeleton(mapped) : null,
    findings,
    mixedScripts: (() => {
      const scripts = scriptsOf(typed);
      return scripts.length > 1 ? scripts : [];
    })(),
    ensRefusal: ensRefusalOf(typed),
  };
  const plain = typed.toLowerCase();
  const exact = officials.find((o) => o.handle === plain && findings.length === 0);
  if (exact) return { ...base, match: { kind: "exact", official: exact } };
  if (base.skeleton !== null && base.skeleton.length > 0) {
    const alike = officials.find((o) => handleSkeleton(o.handle) === base.skeleton);
    if (alike) return { ...base, match: { kind: "look-alike", official: alike, explanation: explain(base, alike) } };
  }
  return { ...base, match: { kind: "none" } };
}

/** The form to look `input` up on-chain with: mapped onto the charset when possible and registrable-shaped. */
export function lookupHandle(input: string): string | null {
  const analysis = analyzeHandle(input, []);
  return analysis.mapped !== null && isCanonicalHandle(analysis.mapped) ? analysis.mapped : null;
}
