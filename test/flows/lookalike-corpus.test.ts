/**
 * Look-alike detection, measured over a generated corpus (no chain needed): for every seeded handle and official
 * domain, every single-character substitution drawn from Unicode's confusables (TR39) for its letters, every
 * insertion of an invisible character, and case/space variants; then ≥ 1,000 generated legitimate handles and
 * domains that must not be flagged. Prints both numbers; fails below 100 % / above 0.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { domainToASCII } from "node:url";
import { analyzeHandle, CONFUSABLES, checkChannel, handleSkeleton, INVISIBLE_CODE_POINTS, type OfficialHandle, registrableDomain } from "@support-quality/sdk";
import { DEMO_DESKS } from "../../scripts/stack/accounts.js";
import { OFFICIAL_CHANNEL_PARAMS } from "../../scripts/stack/world-data.js";

const OFFICIALS: OfficialHandle[] = DEMO_DESKS.flatMap((d) =>
  d.agents.map(([, handle], i) => ({ handle, agent: `0x${String(d.id * 10 + i).padStart(40, "0")}` as const })),
);
const DOMAINS = [...OFFICIAL_CHANNEL_PARAMS.websites, ...OFFICIAL_CHANNEL_PARAMS.emailDomains];

/** Every character that reads as `c` (same skeleton), from the confusables table. */
function confusablesOf(c: string): string[] {
  return CONFUSABLES.filter(([, ascii]) => handleSkeleton(ascii) === handleSkeleton(c)).map(([cp]) => String.fromCodePoint(cp));
}

function substitutions(text: string): string[] {
  const out: string[] = [];
  const chars = [...text];
  chars.forEach((c, i) => {
    if (!/[a-z0-9]/.test(c)) return;
    for (const x of confusablesOf(c)) out.push([...chars.slice(0, i), x, ...chars.slice(i + 1)].join(""));
  });
  return out;
}

function insertions(text: string): string[] {
  const out: string[] = [];
  const chars = [...text];
  for (let i = 0; i <= chars.length; i++) {
    for (const cp of INVISIBLE_CODE_POINTS) out.push([...chars.slice(0, i), String.fromCodePoint(cp), ...chars.slice(i)].join(""));
  }
  return out;
}

const SYLLABLES = ["ka", "lo", "mi", "nu", "pe", "ra", "so", "ti", "vu", "ze", "ba", "do", "fe", "gu", "ho", "ja", "ne", "po", "ru", "se"];
const ORGS = ["acme", "bluefin", "copperleaf", "driftwood", "emberline", "foxglove", "granite", "harbor", "ivory", "juniper"];
const TLDS = ["com", "io", "org", "net", "example", "app"];

/** Deterministic legitimate names: two or three syllables, never an official one. */
function legitimateNames(count: number): string[] {
  const names = new Set<string>();
  let seed = 42;
  const next = () => {
    seed = (seed * 48271) % 2147483647; // MINSTD: stays exact in a double
    return seed;
  };
  while (names.size < count) {
    const parts = 2 + (next() % 2);
    let name = "";
    for (let i = 0; i < parts; i++) name += SYLLABLES[next() % SYLLABLES.length];
    names.add(name);
  }
  return [...names];
}

describe("look-alike corpus", () => {
  it("flags 100 % of confusable substitutions and invisible insertions, and resolves case/space variants", () => {
    let total = 0;
    let detected = 0;
    const misses: string[] = [];
    const expectLookAlike = (variant: string, official: string) => {
      total++;
      const m = analyzeHandle(variant, OFFICIALS).match;
      if (m.kind === "look-alike" && m.official.handle === official) detected++;
      else misses.push(`${JSON.stringify(variant)} → ${m.kind}`);
    };
    const expectSame = (variant: string, official: string) => {
      total++;
      const m = analyzeHandle(variant, OFFICIALS).match;
      if (m.kind === "exact" && m.official.handle === official) detected++;
      else misses.push(`${JSON.stringify(variant)} → ${m.kind}`);
    };
    for (const { handle } of OFFICIALS) {
      for (const v of substitutions(handle)) expectLookAlike(v, handle);
      for (const v of insertions(handle)) expectLookAlike(v, handle);
      for (const v of [handle.toUpperCase(), `@${handle}`, `  ${handle} `, ` @${handle.toUpperCase()}`, handle[0].toUpperCase() + handle.slice(1)])
        expectSame(v, handle);
    }
    let domainTotal = 0;
    let domainDetected = 0;
    const expectDomain = (variant: string, verdict: "look-alike" | "official") => {
      domainTotal++;
      const v = checkChannel(variant, OFFICIAL_CHANNEL_PARAMS);
      if (v?.verdict === verdict) domainDetected++;
      else misses.push(`${JSON.stringify(variant)} → ${v?.verdict}`);
    };
    for (const domain of DOMAINS) {
      const owner = registrableDomain(domain);
      const [brand, tld] = owner.split(".");
      for (const v of substitutions(domain)) {
        expectDomain(v, "look-alike");
        // The IDNA form of a homograph (xn--…); characters IDNA maps back to ASCII lead to the real domain itself.
        const ascii = domainToASCII(v);
        if (ascii.includes("xn--")) expectDomain(`https://${ascii}/login`, "look-alike");
      }
      for (const v of insertions(domain)) expectDomain(v, "look-alike");
      for (const v of [domain.toUpperCase(), ` https://${domain}/help `, `agent@${owner}`]) expectDomain(v, "official");
      for (const v of [`${owner}.evil.io`, `${brand}-support.com`, `support-${brand}.net`, `${brand}.com`, `https://${owner}.login.evil.io/x`])
        expectDomain(v, "look-alike");
      for (let i = 0; i < brand.length; i++) {
        expectDomain(`${brand.slice(0, i)}${brand.slice(i + 1)}.${tld}`, "look-alike"); // deletion
        expectDomain(`${brand.slice(0, i)}x${brand.slice(i)}.${tld}`, "look-alike"); // insertion
        expectDomain(`${brand.slice(0, i)}${brand[i] === "q" ? "z" : "q"}${brand.slice(i + 1)}.${tld}`, "look-alike"); // substitution
      }
    }
    console.log(`handles: ${detected}/${total} variants detected (${((100 * detected) / total).toFixed(2)} %)`);
    console.log(`domains: ${domainDetected}/${domainTotal} variants detected (${((100 * domainDetected) / domainTotal).toFixed(2)} %)`);
    if (misses.length) console.log(misses.slice(0, 40).join("\n"));
    assert.deepEqual(misses.slice(0, 20), []);
    assert.equal(detected, total);
    assert.equal(domainDetected, domainTotal);
  });

  it("raises 0 false look-alikes over 1,000+ legitimate handles and 1,000+ legitimate domains", () => {
    const names = legitimateNames(1200);
    const handles = names.map((n, i) => `${n}${i % 3 === 0 ? "." : i % 3 === 1 ? "_" : "-"}${ORGS[i % ORGS.length]}`);
    const domains = names.map((n, i) => `${i % 2 === 0 ? "www." : ""}${n}${ORGS[(i * 7) % ORGS.length]}.${TLDS[i % TLDS.length]}`);
    const flaggedHandles = handles.filter((h) => analyzeHandle(h, OFFICIALS).match.kind !== "none");
    const flaggedDomains = domains.filter((d) => checkChannel(d, OFFICIAL_CHANNEL_PARAMS)?.verdict !== "not-official");
    console.log(`false look-alikes: ${flaggedHandles.length}/${handles.length} handles, ${flaggedDomains.length}/${domains.length} domains`);
    assert.deepEqual(flaggedHandles, []);
    assert.deepEqual(flaggedDomains, []);
  });
});
