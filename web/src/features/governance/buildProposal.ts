/**
 * Turns a policy edit from the wizard into the governor call: `publishPolicy(kind, policyId, effectiveFrom,
 * (title, text, uri, params))` on the policy registry, with typed params ABI-encoded per IPolicyRegistry.
 */
import {
  encodeRatingRulesParams,
  encodeSlaParams,
  PolicyKind,
  PRIORITY_LABELS,
  policyRegistryAbi,
  type RatingRulesParams,
  type SlaParams,
} from "@support-quality/sdk";
import { type Address, encodeFunctionData, type Hex, keccak256, toBytes } from "viem";

export interface PolicyEdit {
  kind: number;
  /** 0 creates a new policy (the first of a singleton kind, or a new General policy). */
  policyId: bigint;
  title: string;
  text: string;
  uri: string;
  /** Unix seconds; 0 = as soon as the proposal executes. */
  effectiveFrom: number;
  sla?: SlaParams;
  rules?: RatingRulesParams;
  /** Why the change: goes into the proposal description under the title. */
  rationale: string;
}

export interface PolicyProposal {
  target: Address;
  data: Hex;
  description: string;
  contentHash: Hex;
  params: Hex;
}

/** Problems with the edit, as sentences; empty when it can be proposed. */
export function validatePolicyEdit(edit: PolicyEdit): string[] {
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
  }
  if (edit.kind === PolicyKind.RatingRules) {
    if (!edit.rules) problems.push("Fill in the rating rules.");
    else {
      if (edit.rules.ratingWindow < 3600) problems.push("The rating window must be at least one hour.");
      if (edit.rules.scale < 2 || edit.rules.scale > 8) problems.push("The score scale must be 2 to 8.");
      if (edit.rules.tags.length > 32) problems.push("At most 32 tags.");
    }
  }
  return problems;
}

export function buildPolicyProposal(registry: Address, edit: PolicyEdit): PolicyProposal {
  const params =
    edit.kind === PolicyKind.SLA && edit.sla
      ? encodeSlaParams(edit.sla)
      : edit.kind === PolicyKind.RatingRules && edit.rules
        ? encodeRatingRulesParams(edit.rules)
        : "0x";
  const data = encodeFunctionData({
    abi: policyRegistryAbi,
    functionName: "publishPolicy",
    args: [edit.kind, edit.policyId, edit.effectiveFrom, { title: edit.title, text: edit.text, uri: edit.uri, params }],
  });
  const heading = edit.policyId === 0n ? `Create policy: ${edit.title}` : `Update policy #${edit.policyId}: ${edit.title}`;
  const description = `# ${heading}\n\n${edit.rationale.trim() || "Publishes a new version of this policy."}`;
  return { target: registry, data, description, contentHash: keccak256(toBytes(edit.text)), params };
}
