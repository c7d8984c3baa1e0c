/**
 * Turns a policy edit from the wizard into the governor call: `publishPolicy(kind, policyId, effectiveFrom,
 * (title, text, uri, params))` on the policy registry, with typed params ABI-encoded per IPolicyRegistry and
 * the text's "enforced" section generated from them, so the words and the enforced values cannot disagree.
 */
import {
  calendarProblem,
  composePolicyText,
  encodeParams,
  MAX_DESK_CALENDARS,
  NO_CALENDAR,
  type OfficialChannelsParams,
  PolicyKind,
  PRIORITY_LABELS,
  policyContentHash,
  policyRegistryAbi,
  type RatingRulesParams,
  type SlaParams,
  type TypedParams,
} from "@support-quality/sdk";
import { type Address, encodeFunctionData, type Hex } from "viem";

export interface PolicyEdit {
  kind: number;
  /** 0 creates a new policy (the first of a singleton kind, or a new General policy). */
  policyId: bigint;
  title: string;
  /** The words; the section stating the enforced values is generated and appended. */
  text: string;
  uri: string;
  /** Unix seconds; 0 = as soon as the proposal executes. */
  effectiveFrom: number;
  sla?: SlaParams;
  rules?: RatingRulesParams;
  channels?: OfficialChannelsParams;
  /** The proposal's title, as the proposer words it (a default names the policy when empty). */
  proposalTitle?: string;
  /** Why the change (Markdown): goes into the proposal description under the title. */
  rationale: string;
}

/** The version the edit would replace: its number and content hash. */
export interface VersionRef {
  version: bigint;
  contentHash: Hex;
}

export interface PolicyProposal {
  target: Address;
  data: Hex;
  description: string;
  contentHash: Hex;
  params: Hex;
  /** The full text as published: the words and the generated section. */
  text: string;
}

function typedOf(edit: PolicyEdit): TypedParams {
  if (edit.kind === PolicyKind.SLA && edit.sla) return { kind: "sla", sla: edit.sla };
  if (edit.kind === PolicyKind.RatingRules && edit.rules) return { kind: "rules", rules: edit.rules };
  if (edit.kind === PolicyKind.OfficialChannels && edit.channels) return { kind: "channels", channels: edit.channels };
  return { kind: "none" };
}

/**
 * Problems with the edit, as sentences; empty when it can be proposed. `latest` is the policy's newest
 * version: an edit identical to it is refused here, as the registry would refuse it on execution.
 */
export function validatePolicyEdit(edit: PolicyEdit, latest?: VersionRef): string[] {
  const problems: string[] = [];
  if (!edit.title.trim()) problems.push("Give the policy a title.");
  if (!edit.text.trim()) problems.push("Write the policy text.");
  if (edit.kind === PolicyKind.SLA) {
    if (!edit.sla) problems.push("Fill in the SLA targets.");
    else
      PRIORITY_LABELS.forEach((p, i) => {
        const first = edit.sla!.firstResponseMinutes[i]!;
        const resolution = edit.sla!.resolutionMinutes[i]!;
        if (!(first > 0 && first <= 65535) || !(resolution > 0 && resolution <= 65535)) problems.push(`${p}: targets must be whole minutes from 1 to 65,535.`);
        else if (resolution < first) problems.push(`${p}: the resolution target cannot be shorter than the first response.`);
      });
    const business = edit.sla?.businessHours ?? 0;
    if (edit.sla && business !== 0) {
      const problem = calendarProblem(edit.sla.calendar ?? NO_CALENDAR);
      if (problem) problems.push(`Business-hours calendar: ${problem}`);
      const desks = edit.sla.deskCalendars ?? [];
      if (desks.length > MAX_DESK_CALENDARS) problems.push(`At most ${MAX_DESK_CALENDARS} desks can have their own calendar (this gives ${desks.length}).`);
      desks.forEach((d, i) => {
        if (i > 0 && desks[i - 1]!.deskId === d.deskId) problems.push(`Desk #${d.deskId} is given two calendars: keep one.`);
        const deskProblem = calendarProblem(d.calendar);
        if (deskProblem) problems.push(`Desk #${d.deskId}'s calendar: ${deskProblem}`);
      });
    }
  }
  if (edit.kind === PolicyKind.RatingRules) {
    if (!edit.rules) problems.push("Fill in the rating rules.");
    else {
      if (edit.rules.ratingWindow < 3600) problems.push("The rating window must be at least one hour.");
      if (edit.rules.scale < 2 || edit.rules.scale > 8) problems.push("The score scale must be 2 to 8.");
      if (edit.rules.ratingWindow > 16_777_215) problems.push("The rating window must be at most 194 days.");
      if (edit.rules.tags.length > 32) problems.push("At most 32 tags.");
      if ((edit.rules.categories?.length ?? 0) > 32) problems.push("At most 32 ticket categories.");
    }
  }
  if (edit.kind === PolicyKind.OfficialChannels && edit.channels) {
    const c = edit.channels;
    const count = c.websites.length + c.emailDomains.length + c.socials.length + c.phones.length;
    if (count > 32) problems.push(`At most 32 official channels (this lists ${count}).`);
  }
  if (problems.length === 0 && latest) {
    const { contentHash } = buildPolicyProposal("0x0000000000000000000000000000000000000000", edit);
    if (contentHash === latest.contentHash)
      problems.push(`This says and enforces exactly what version ${latest.version} does: change the text, the link or the values first.`);
  }
  return problems;
}

export function buildPolicyProposal(registry: Address, edit: PolicyEdit): PolicyProposal {
  const typed = typedOf(edit);
  const params = encodeParams(typed);
  const text = composePolicyText(edit.text, typed);
  const data = encodeFunctionData({
    abi: policyRegistryAbi,
    functionName: "publishPolicy",
    args: [edit.kind, edit.policyId, edit.effectiveFrom, { title: edit.title, text, uri: edit.uri, params }],
  });
  const heading = edit.proposalTitle?.trim() || (edit.policyId === 0n ? `Create policy: ${edit.title}` : `Update policy #${edit.policyId}: ${edit.title}`);
  const description = `# ${heading}\n\n${edit.rationale.trim() || "Publishes a new version of this policy."}`;
  const contentHash = policyContentHash(edit.kind, { text, uri: edit.uri, params });
  return { target: registry, data, description, contentHash, params, text };
}
