import {
  calendarProblem,
  composePolicyText,
  decodeOfficialChannelsParams,
  decodeRatingRulesParams,
  decodeSlaParams,
  NO_CALENDAR,
  policyContentHash,
  policyRegistryAbi,
  weekdayCalendar,
} from "@support-quality/sdk";
import { decodeFunctionData } from "viem";
import { describe, expect, it } from "vitest";
import { buildPolicyProposal, type PolicyEdit, validatePolicyEdit } from "./buildProposal";

const registry = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";
const sla = { firstResponseMinutes: [480, 120, 30, 10], resolutionMinutes: [4320, 1440, 480, 120] } as const;
const base: PolicyEdit = {
  kind: 1,
  policyId: 2n,
  title: "Service levels",
  text: "Urgent tickets get a first reply within 10 minutes.",
  uri: "",
  effectiveFrom: 0,
  sla,
  rationale: "Faster urgent replies.",
};

describe("buildPolicyProposal", () => {
  it("encodes publishPolicy with the SLA targets ABI-encoded as SlaParams", () => {
    const p = buildPolicyProposal(registry, base);
    const { functionName, args } = decodeFunctionData({ abi: policyRegistryAbi, data: p.data });
    expect(functionName).toBe("publishPolicy");
    const text = composePolicyText(base.text, { kind: "sla", sla });
    expect(args).toEqual([1, 2n, 0, { title: base.title, text, uri: "", params: p.params }]);
    expect(decodeSlaParams(p.params)).toEqual({ ...sla, businessHours: 0, calendar: NO_CALENDAR, deskCalendars: [] });
    expect(p.target).toBe(registry);
    expect(p.contentHash).toBe(policyContentHash(1, { text, uri: "", params: p.params }));
    expect(text).toBe(
      [
        base.text,
        "",
        "Enforced on-chain (generated from the typed parameters):",
        "- Urgent: first response within 10 min, resolved within 2 h.",
        "- High: first response within 30 min, resolved within 8 h.",
        "- Normal: first response within 2 h, resolved within 1 d.",
        "- Low: first response within 8 h, resolved within 3 d.",
      ].join("\n"),
    );
    expect(p.description).toBe("# Update policy #2: Service levels\n\nFaster urgent replies.");
  });

  it("encodes rating rules as RatingRulesParams and names a new policy in the description", () => {
    const rules = { ratingWindow: 14 * 86400, scale: 5, tags: ["friendly", "fast", "solved"] };
    const p = buildPolicyProposal(registry, { ...base, kind: 5, policyId: 0n, sla: undefined, rules, effectiveFrom: 1_900_000_000 });
    const { args } = decodeFunctionData({ abi: policyRegistryAbi, data: p.data });
    expect(args?.slice(0, 3)).toEqual([5, 0n, 1_900_000_000]);
    expect(decodeRatingRulesParams(p.params)).toEqual({ ...rules, categories: [] });
    expect(p.description.startsWith("# Create policy: Service levels\n\n")).toBe(true);
  });

  it("takes the proposer's own title, and the typed official channels", () => {
    const channels = { websites: ["support.acme.example"], emailDomains: ["acme.example"], socials: [{ platform: "X", handle: "@Acme" }], phones: [] };
    const p = buildPolicyProposal(registry, { ...base, kind: 4, sla: undefined, channels, proposalTitle: "Add Acme's X account" });
    expect(decodeOfficialChannelsParams(p.params)).toEqual(channels);
    expect(p.description).toBe("# Add Acme's X account\n\nFaster urgent replies.");
    expect(p.text.endsWith("- Website: support.acme.example\n- E-mail from: @acme.example\n- X: @Acme")).toBe(true);
  });

  it("a parameter-only change is a different content hash", () => {
    const faster = { ...sla, firstResponseMinutes: [480, 120, 30, 5] as const };
    expect(buildPolicyProposal(registry, { ...base, sla: faster }).contentHash).not.toBe(buildPolicyProposal(registry, base).contentHash);
  });

  it("sends no params for text-only kinds", () => {
    const p = buildPolicyProposal(registry, { ...base, kind: 3, sla: undefined });
    expect(p.params).toBe("0x");
  });
});

describe("validatePolicyEdit", () => {
  it("accepts a complete edit", () => {
    expect(validatePolicyEdit(base)).toEqual([]);
  });

  it("refuses an edit identical to the newest version, as the registry would", () => {
    const latest = { version: 4n, contentHash: buildPolicyProposal(registry, base).contentHash };
    expect(validatePolicyEdit(base, latest)).toEqual(["This says and enforces exactly what version 4 does: change the text, the link or the values first."]);
    expect(validatePolicyEdit({ ...base, text: `${base.text} Always.` }, latest)).toEqual([]);
  });

  it("names each broken SLA row, as the registry would refuse it", () => {
    const broken = { firstResponseMinutes: [480, 0, 30, 10], resolutionMinutes: [4320, 1440, 20, 120] } as const;
    expect(validatePolicyEdit({ ...base, sla: broken })).toEqual([
      "Normal: targets must be whole minutes from 1 to 65,535.",
      "High: the resolution target cannot be shorter than the first response.",
    ]);
  });

  it("checks desks' own calendars like the protocol-wide one, and one calendar per desk", () => {
    const nineToFive = weekdayCalendar(9 * 60, 17 * 60);
    const tokyo = { ...weekdayCalendar(9 * 60, 18 * 60), utcOffsetMinutes: 540 };
    const impossible = { ...nineToFive, opens: [18 * 60, ...nineToFive.opens.slice(1)] as unknown as typeof nineToFive.opens };
    const withDesks = (deskCalendars: { deskId: number; calendar: typeof nineToFive }[]) => ({
      ...base,
      sla: { ...sla, businessHours: 0b1000, calendar: nineToFive, deskCalendars },
    });
    expect(validatePolicyEdit(withDesks([{ deskId: 2, calendar: tokyo }]))).toEqual([]);
    expect(validatePolicyEdit(withDesks([{ deskId: 1, calendar: impossible }]))).toEqual([`Desk #1's calendar: ${calendarProblem(impossible)}`]);
    expect(
      validatePolicyEdit(
        withDesks([
          { deskId: 2, calendar: tokyo },
          { deskId: 2, calendar: nineToFive },
        ]),
      ),
    ).toEqual(["Desk #2 is given two calendars: keep one."]);
    // What the registry stores: the desk's calendar under the new SLA version.
    const p = buildPolicyProposal(registry, withDesks([{ deskId: 2, calendar: tokyo }]));
    expect(decodeSlaParams(p.params).deskCalendars).toEqual([{ deskId: 2, calendar: tokyo }]);
  });

  it("checks the rating rules' window and scale, and requires a text", () => {
    expect(validatePolicyEdit({ ...base, kind: 5, text: " ", rules: { ratingWindow: 60, scale: 9, tags: [] } })).toEqual([
      "Write the policy text.",
      "The rating window must be at least one hour.",
      "The score scale must be 2 to 8.",
    ]);
  });
});
