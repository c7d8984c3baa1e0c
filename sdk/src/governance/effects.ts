/**
 * What a proposal's calls would do, in words a voter reads before voting: each call decoded against the
 * protocol's ABIs and set against the current chain state ("SLA v3 would take effect: Urgent first
 * response 30 min → 10 min", "desk Orbit Wallet Care (#3) would be removed"). A call to an unknown
 * contract or function is shown raw and flagged. Together with {@link simulateProposal} (does it run?), this
 * is the proposal page's and the wizard's preview.
 */
import { type Abi, type Address, type Client, decodeFunctionData, type Hex } from "viem";
import { readContract } from "viem/actions";
import { formatDate, formatDuration, formatPercent, formatTokens, shortAddress } from "../format.js";
import {
  agentRegistryAbi,
  type ContractName,
  knowledgeBaseAbi,
  policyRegistryAbi,
  supportGovernorAbi,
  supportRatingsAbi,
  supportTokenAbi,
  timelockControllerAbi,
} from "../generated/abis.js";
import { label, POLICY_KIND_LABELS } from "../labels.js";
import { type ParamChange, paramChanges, textParamsMismatch } from "../policies/content.js";
import type { ProposalCall } from "./simulate.js";

/** What one call would change; `sentence` says it to a voter. */
export type Effect = { call: number; sentence: string } & (
  | { type: "policyVersion"; policyId: bigint; version: bigint; kind: number; effectiveFrom: number; changes: ParamChange[]; textWarning?: string }
  | { type: "policyRetired"; policyId: bigint }
  | { type: "articleVersion"; articleId: bigint; version: bigint; category: number; title: string; effectiveFrom: number }
  | { type: "articleRetired"; articleId: bigint }
  | { type: "versionCancelled"; policyId: bigint; version: bigint }
  | { type: "deskRegistered"; deskId: number; name: string }
  | { type: "deskRemoved"; deskId: number }
  | { type: "role"; role: "operator" | "issuer"; deskId: number; account: Address; enabled: boolean }
  | { type: "agent"; action: "add" | "suspend" | "reinstate" | "remove"; account: Address; deskId?: number; handle?: string }
  | { type: "setting"; name: string; from: string; to: string }
  | { type: "other"; contract: string; functionName: string; args: readonly unknown[] }
  | { type: "unknown"; target: Address; selector: Hex }
);

/** The newest version of a policy as the events tell it: what a new version is compared with. */
export interface PublishedVersion {
  version: bigint;
  params: Hex;
}

export interface EffectContext {
  /** The protocol's addresses by contract name (a deployment). */
  deployment: { contracts: Readonly<Record<ContractName, Address>> };
  /** The newest version of each policy (from the events or the indexer), for parameter-by-parameter changes. */
  latestVersion: (policyId: bigint) => PublishedVersion | undefined;
  /** The chain's time (seconds): what "now" means for `effectiveFrom = 0`. */
  now: number;
}

const CONTRACT_ABIS: Record<string, Abi> = {
  AgentRegistry: agentRegistryAbi,
  KnowledgeBase: knowledgeBaseAbi,
  PolicyRegistry: policyRegistryAbi,
  SupportGovernor: supportGovernorAbi,
  SupportRatings: supportRatingsAbi,
  SupportToken: supportTokenAbi,
  TimelockController: timelockControllerAbi,
};

function contractAt(deployment: EffectContext["deployment"], target: Address): string | undefined {
  return Object.entries(deployment.contracts).find(([, address]) => address.toLowerCase() === target.toLowerCase())?.[0];
}

const when = (effectiveFrom: number, now: number) => (effectiveFrom === 0 || effectiveFrom <= now ? "on execution" : `from ${formatDate(effectiveFrom)}`);

/** The effects of `calls`, in order: one per call. */
export async function describeProposal(client: Client, ctx: EffectContext, calls: readonly ProposalCall[]): Promise<Effect[]> {
  const effects: Effect[] = [];
  // Calls of one proposal build on each other (a desk registered, then its operator appointed).
  const pending = { desks: 0, versions: new Map<bigint, bigint>(), articles: new Map<bigint, bigint>() };
  for (const [i, c] of calls.entries()) effects.push(await describeCall(client, ctx, c, i, pending));
  return effects;
}

async function describeCall(
  client: Client,
  ctx: EffectContext,
  c: ProposalCall,
  index: number,
  pending: { desks: number; versions: Map<bigint, bigint>; articles: Map<bigint, bigint> },
): Promise<Effect> {
  const { deployment } = ctx;
  const name = contractAt(deployment, c.target);
  const abi = name ? CONTRACT_ABIS[name] : undefined;
  const selector = c.data.slice(0, 10) as Hex;
  if (!name || !abi)
    return {
      call: index,
      type: "unknown",
      target: c.target,
      selector,
      sentence: `Calls ${shortAddress(c.target)}, a contract outside the protocol, with selector ${selector}: not decoded — check it yourself.`,
    };
  let decoded: { functionName: string; args: readonly unknown[] };
  try {
    const d = decodeFunctionData({ abi, data: c.data });
    decoded = { functionName: d.functionName, args: d.args ?? [] };
  } catch {
    return {
      call: index,
      type: "unknown",
      target: c.target,
      selector,
      sentence: `Calls ${name} with selector ${selector}, which its ABI does not know: not decoded — check it yourself.`,
    };
  }
  const { functionName: fn, args } = decoded;
  const c_ = deployment.contracts;
  const read = <T>(address: Address, abi_: Abi, functionName: string, args_: readonly unknown[] = []) =>
    readContract(client, { address, abi: abi_, functionName, args: args_ }) as Promise<T>;
  const deskName = async (deskId: number) => {
    if (deskId > 0 && deskId <= (await read<number>(c_.AgentRegistry, agentRegistryAbi, "deskCount"))) {
      return `${(await read<{ name: string }>(c_.AgentRegistry, agentRegistryAbi, "desk", [deskId])).name} (#${deskId})`;
    }
    return `desk #${deskId}`;
  };

  if (name === "PolicyRegistry" && fn === "publishPolicy") {
    const [kind, policyId, effectiveFrom, content] = args as [number, bigint, number, { title: string; text: string; uri: string; params: Hex }];
    let id = policyId;
    let version: bigint;
    let title = content.title;
    if (policyId === 0n) {
      id = (await read<bigint>(c_.PolicyRegistry, policyRegistryAbi, "policyCount")) + 1n + BigInt(pending.versions.size);
      version = 1n;
    } else {
      const policy = await read<{ versionCount: number; title: string }>(c_.PolicyRegistry, policyRegistryAbi, "policy", [policyId]);
      version = (pending.versions.get(policyId) ?? BigInt(policy.versionCount)) + 1n;
      title = policy.title;
    }
    pending.versions.set(id, version);
    const previous = policyId === 0n ? undefined : ctx.latestVersion(policyId);
    const changes = previous ? paramChanges(kind, previous.params, content.params) : paramChanges(kind, "0x", content.params);
    const textWarning = textParamsMismatch(kind, content.text, content.params);
    const kindLabel = label(POLICY_KIND_LABELS, kind);
    const listed = changes.map((ch) => (policyId === 0n ? `${ch.name} ${ch.after}` : `${ch.name} ${ch.before} → ${ch.after}`)).join("; ");
    const subject = policyId === 0n ? `New ${kindLabel} policy “${content.title}” (v1)` : `${title} v${version}`;
    const rest = listed
      ? `: ${listed}`
      : policyId === 0n
        ? ""
        : content.params === "0x"
          ? ", with a new text"
          : ", with the same enforced values (text or link only)";
    return {
      call: index,
      type: "policyVersion",
      policyId: id,
      version,
      kind,
      effectiveFrom,
      changes,
      textWarning,
      sentence: `${subject} would take effect ${when(effectiveFrom, ctx.now)}${rest}.`,
    };
  }
  if (name === "PolicyRegistry" && fn === "retirePolicy") {
    const [policyId] = args as [bigint];
    return { call: index, type: "policyRetired", policyId, sentence: `Policy #${policyId} would be retired: no version of it in force from then.` };
  }
  if (name === "PolicyRegistry" && fn === "cancelScheduledVersion") {
    const [, policyId] = args as [number, bigint];
    const p = await read<{ latestVersion: number }>(c_.PolicyRegistry, policyRegistryAbi, "policy", [policyId]);
    return {
      call: index,
      type: "versionCancelled",
      policyId,
      version: BigInt(p.latestVersion),
      sentence: `Scheduled version ${p.latestVersion} of policy #${policyId} would be cancelled before it takes effect.`,
    };
  }
  if (name === "KnowledgeBase" && fn === "publishArticle") {
    const [category, articleId, effectiveFrom, content] = args as [number, bigint, number, { title: string; body: string; language: string }];
    let id = articleId;
    let version = 1n;
    if (articleId === 0n) {
      id = (await read<bigint>(c_.KnowledgeBase, knowledgeBaseAbi, "articleCount")) + 1n + BigInt(pending.articles.size);
    } else {
      const article = await read<{ versionCount: number }>(c_.KnowledgeBase, knowledgeBaseAbi, "article", [articleId]);
      version = (pending.articles.get(articleId) ?? BigInt(article.versionCount)) + 1n;
    }
    pending.articles.set(id, version);
    const subject = articleId === 0n ? `New help article #${id} “${content.title}”` : `Help article #${id} v${version} “${content.title}”`;
    return {
      call: index,
      type: "articleVersion",
      articleId: id,
      version,
      category,
      title: content.title,
      effectiveFrom,
      sentence: `${subject} (${content.language}, category ${category}, ${content.body.length.toLocaleString("en")} characters) would take effect ${when(effectiveFrom, ctx.now)}.`,
    };
  }
  if (name === "KnowledgeBase" && fn === "retireArticle") {
    const [, articleId] = args as [number, bigint];
    return { call: index, type: "articleRetired", articleId, sentence: `Help article #${articleId} would be retired: no longer offered to users.` };
  }
  if (name === "KnowledgeBase" && fn === "setEditor") {
    const [account] = args as [Address];
    return {
      call: index,
      type: "setting",
      name: "The help-article editor",
      from: shortAddress(await read<Address>(c_.KnowledgeBase, knowledgeBaseAbi, "editor")),
      to: shortAddress(account),
      sentence: `${shortAddress(account)} would become the DAO's help-article editor (routine edits outside the protected categories, without a vote).`,
    };
  }
  if (name === "AgentRegistry" && fn === "registerDesk") {
    const [deskName_] = args as [string, boolean];
    const deskId = (await read<number>(c_.AgentRegistry, agentRegistryAbi, "deskCount")) + 1 + pending.desks++;
    return { call: index, type: "deskRegistered", deskId, name: deskName_, sentence: `Desk “${deskName_}” would be registered as desk #${deskId}.` };
  }
  if (name === "AgentRegistry" && fn === "removeDesk") {
    const [deskId] = args as [number];
    return {
      call: index,
      type: "deskRemoved",
      deskId,
      sentence: `Desk ${await deskName(deskId)} would be removed: its agents stop being official and its receipts stop rating.`,
    };
  }
  if (name === "AgentRegistry" && (fn === "setOperator" || fn === "setIssuer")) {
    const [deskId, account, enabled] = args as [number, Address, boolean];
    const role = fn === "setOperator" ? "operator" : "issuer";
    const what = role === "operator" ? "an operator" : "a receipt-issuer key";
    return {
      call: index,
      type: "role",
      role,
      deskId,
      account,
      enabled,
      sentence: `${shortAddress(account)} would ${enabled ? "become" : "stop being"} ${what} of ${await deskName(deskId)}.`,
    };
  }
  if (name === "AgentRegistry" && fn === "addAgent") {
    const [deskId, account, handle] = args as [number, Address, string];
    return {
      call: index,
      type: "agent",
      action: "add",
      account,
      deskId,
      handle,
      sentence: `${shortAddress(account)} would become official agent @${handle} of ${await deskName(deskId)}.`,
    };
  }
  if (name === "AgentRegistry" && (fn === "suspendAgent" || fn === "reinstateAgent" || fn === "removeAgent")) {
    const [account, reason] = args as [Address, string];
    const action = fn === "suspendAgent" ? "suspend" : fn === "reinstateAgent" ? "reinstate" : "remove";
    const verb = { suspend: "suspended", reinstate: "reinstated", remove: "removed" }[action];
    return { call: index, type: "agent", action, account, sentence: `Agent ${shortAddress(account)} would be ${verb} (“${reason}”).` };
  }
  if (name === "SupportGovernor") {
    const setting = await governorSetting(read, c_.SupportGovernor, fn, args);
    if (setting) return { call: index, type: "setting", ...setting, sentence: `${setting.name} would change from ${setting.from} to ${setting.to}.` };
  }
  if (name === "SupportToken" && fn === "transfer") {
    const [to, amount] = args as [Address, bigint];
    return {
      call: index,
      type: "other",
      contract: name,
      functionName: fn,
      args,
      sentence: `The DAO would send ${formatTokens(amount)} to ${shortAddress(to)}.`,
    };
  }
  const shown = args
    .map((a) => (typeof a === "bigint" ? a.toString() : typeof a === "string" ? a : JSON.stringify(a, (_, v) => (typeof v === "bigint" ? v.toString() : v))))
    .join(", ");
  return { call: index, type: "other", contract: name, functionName: fn, args, sentence: `${name}.${fn}(${shown}) would be called.` };
}

type Read = <T>(address: Address, abi: Abi, functionName: string, args?: readonly unknown[]) => Promise<T>;

async function governorSetting(
  read: Read,
  governor: Address,
  fn: string,
  args: readonly unknown[],
): Promise<{ name: string; from: string; to: string } | undefined> {
  const g = (functionName: string) => read<bigint | number | string>(governor, supportGovernorAbi, functionName);
  const denominator = Number(await g("quorumDenominator"));
  const pct = (n: bigint | number) => formatPercent(Number(n), denominator);
  switch (fn) {
    case "updateQuorumNumerator":
      return { name: "The normal quorum", from: pct((await g("quorumNumerator")) as bigint), to: pct(args[0] as bigint) };
    case "setCriticalQuorumNumerator":
      return { name: "The critical quorum", from: pct((await g("criticalQuorumNumerator")) as bigint), to: pct(args[0] as bigint) };
    case "setVotingDelay":
      return { name: "The voting delay", from: formatDuration(Number(await g("votingDelay"))), to: formatDuration(Number(args[0])) };
    case "setVotingPeriod":
      return { name: "The voting period", from: formatDuration(Number(await g("votingPeriod"))), to: formatDuration(Number(args[0])) };
    case "setProposalThreshold":
      return { name: "The proposal threshold", from: formatTokens((await g("proposalThreshold")) as bigint), to: formatTokens(args[0] as bigint) };
    case "setLateQuorumVoteExtension":
      return { name: "The late-quorum extension", from: formatDuration(Number(await g("lateQuorumVoteExtension"))), to: formatDuration(Number(args[0])) };
    case "setProposalGuardian":
      return { name: "The proposal guardian", from: shortAddress(String(await g("proposalGuardian"))), to: shortAddress(String(args[0])) };
    case "setRoutineAction": {
      const [target, prefix, routine] = args as [Address, Hex, boolean];
      const was = await read<boolean>(governor, supportGovernorAbi, "isRoutineAction", [target, prefix]);
      const words = (r: boolean) => (r ? "the normal quorum (routine)" : "the critical quorum");
      return { name: `What calls to ${shortAddress(target)} starting ${prefix} need`, from: words(was), to: words(routine) };
    }
    default:
      return undefined;
  }
}
