import {
  decodeParams,
  formatPercent,
  formatTokens,
  POLICY_KIND_LABELS,
  PolicyKind,
  PRIORITY_LABELS,
  supportGovernorAbi,
  supportTokenAbi,
} from "@support-quality/sdk";
import { useEffect, useMemo, useState } from "react";
import { Link, useNavigate } from "react-router";
import { decodeEventLog } from "viem";
import { useReadContracts } from "wagmi";
import { ErrorNote, Loading } from "../../components/States";
import { TxButton } from "../../components/TxButton";
import { TxStatus } from "../../components/TxStatus";
import { usePropose } from "../../lib/actions";
import { useChainNow } from "../../lib/chainTime";
import { type PolicyRecord, usePolicies, versionInForce } from "../../lib/policies";
import { useProtocol } from "../../lib/useProtocol";
import { buildPolicyProposal, type PolicyEdit, validatePolicyEdit } from "./buildProposal";
import { CallView } from "./CallView";

const { General: GENERAL, SLA, RatingRules: RATING_RULES } = PolicyKind;

type Minutes = [number, number, number, number];

interface Draft {
  kind: number;
  policyId: bigint;
  title: string;
  text: string;
  uri: string;
  effectiveFrom: string; // datetime-local, UTC; empty = on execution
  first: Minutes;
  resolution: Minutes;
  windowHours: number;
  scale: number;
  tags: string;
  rationale: string;
}

/** Starts from the version in force, so an edit is a change to what exists. */
function draftFor(kind: number, policy: PolicyRecord | undefined, now: bigint | undefined): Draft {
  const current = policy ? (versionInForce(policy, now) ?? policy.versions.at(-1)) : undefined;
  const typed = current ? decodeParams(kind, current.params) : { kind: "none" as const };
  return {
    kind,
    policyId: policy?.id ?? 0n,
    title: policy?.title ?? "",
    text: current?.text ?? "",
    uri: current?.uri ?? "",
    effectiveFrom: "",
    first: typed.kind === "sla" ? ([...typed.sla.firstResponseMinutes] as Minutes) : [480, 240, 60, 15],
    resolution: typed.kind === "sla" ? ([...typed.sla.resolutionMinutes] as Minutes) : [4320, 2880, 480, 120],
    windowHours: typed.kind === "rules" ? typed.rules.ratingWindow / 3600 : 336,
    scale: typed.kind === "rules" ? typed.rules.scale : 5,
    tags: typed.kind === "rules" ? typed.rules.tags.join(", ") : "",
    rationale: "",
  };
}

function toEdit(d: Draft): PolicyEdit {
  return {
    kind: d.kind,
    policyId: d.policyId,
    title: d.title,
    text: d.text,
    uri: d.uri,
    effectiveFrom: d.effectiveFrom ? Math.floor(Date.parse(`${d.effectiveFrom}:00Z`) / 1000) : 0,
    sla: d.kind === SLA ? { firstResponseMinutes: d.first, resolutionMinutes: d.resolution } : undefined,
    rules:
      d.kind === RATING_RULES
        ? {
            ratingWindow: Math.round(d.windowHours * 3600),
            scale: d.scale,
            tags: d.tags
              .split(",")
              .map((t) => t.trim())
              .filter(Boolean),
          }
        : undefined,
    rationale: d.rationale,
  };
}

/** The quorum the proposal will need: critical or normal, as the governor decides for this call. */
function QuorumPreview({ target, data }: { target: `0x${string}`; data: `0x${string}` }) {
  const { chainId, deployment } = useProtocol();
  const governor = { address: deployment.contracts.SupportGovernor, abi: supportGovernorAbi, chainId } as const;
  const q = useReadContracts({
    contracts: [
      { ...governor, functionName: "isCriticalCall", args: [target, 0n, data] },
      { ...governor, functionName: "criticalQuorumNumerator" },
      { ...governor, functionName: "quorumNumerator" },
      { ...governor, functionName: "quorumDenominator" },
      { address: deployment.contracts.SupportToken, abi: supportTokenAbi, chainId, functionName: "totalSupply" },
    ],
    allowFailure: false,
    query: { staleTime: 60_000 },
  });
  if (q.error) return <ErrorNote error={q.error} />;
  if (!q.data) return <Loading what="Working out the quorum" />;
  const [critical, criticalNum, normalNum, denominator, supply] = q.data;
  const numerator = critical ? criticalNum : normalNum;
  return (
    <p data-testid="quorum-preview">
      {critical ? <span className="badge badge-warn">critical action</span> : <span className="badge">ordinary action</span>} It will need a quorum of{" "}
      <strong>{formatPercent(numerator, denominator)}</strong> of the supply — about <strong>{formatTokens((supply * numerator) / denominator)}</strong> voting
      For or Abstain
      {critical && ` (ordinary proposals need ${formatPercent(normalNum, denominator)})`}.
    </p>
  );
}

export function ProposalWizardPage() {
  const policies = usePolicies();
  const now = useChainNow();
  const navigate = useNavigate();
  const { deployment } = useProtocol();
  const propose = usePropose();
  const [draft, setDraft] = useState<Draft | undefined>();
  const [generalId, setGeneralId] = useState<bigint>(0n);

  const policyFor = (kind: number, id: bigint) =>
    kind === GENERAL ? policies.data?.find((p) => p.id === id && p.kind === GENERAL) : policies.data?.find((p) => p.kind === kind);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the first draft is made once, when the policies arrive; later edits are the user's
  useEffect(() => {
    if (!draft && policies.data) setDraft(draftFor(SLA, policyFor(SLA, 0n), now));
  }, [policies.data]);

  const edit = draft ? toEdit(draft) : undefined;
  const problems = edit ? validatePolicyEdit(edit) : [];
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the draft's content (a new object on every keystroke), not its identity
  const proposal = useMemo(
    () => (edit && problems.length === 0 ? buildPolicyProposal(deployment.contracts.PolicyRegistry, edit) : undefined),
    [JSON.stringify(draft, (_, v) => (typeof v === "bigint" ? v.toString() : v)), deployment.contracts.PolicyRegistry],
  );

  if (policies.isLoading || !draft) return <Loading what="Reading the policies in force" />;
  if (policies.error) return <ErrorNote error={policies.error} />;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const chooseKind = (kind: number, id = generalId) => setDraft(draftFor(kind, policyFor(kind, id), now));
  const generals = policies.data?.filter((p) => p.kind === GENERAL && p.retiredAt === undefined) ?? [];

  const submit = async () => {
    if (!proposal) return;
    const receipt = await propose.propose([proposal.target], [0n], [proposal.data], proposal.description);
    const created = receipt?.logs
      .map((log) => {
        try {
          return decodeEventLog({ abi: supportGovernorAbi, data: log.data, topics: log.topics });
        } catch {
          return undefined;
        }
      })
      .find((e) => e?.eventName === "ProposalCreated");
    if (created?.eventName === "ProposalCreated") navigate(`/governance/${created.args.proposalId}`);
  };

  return (
    <>
      <p>
        <Link to="/governance">← Governance</Link>
      </p>
      <h1>Propose a policy change</h1>
      <form className="form" onSubmit={(e) => e.preventDefault()} aria-label="Policy proposal">
        <label>
          Policy
          <select name="kind" value={draft.kind} onChange={(e) => chooseKind(Number(e.target.value))}>
            {POLICY_KIND_LABELS.map((l, i) => (
              <option key={l} value={i}>
                {l}
              </option>
            ))}
          </select>
          <span className="hint">
            {draft.policyId === 0n ? "No such policy yet: this creates it." : `Publishes a new version of policy #${draft.policyId}.`}
          </span>
        </label>
        {draft.kind === GENERAL && (
          <label>
            Which general policy
            <select
              name="general-policy"
              value={String(generalId)}
              onChange={(e) => {
                setGeneralId(BigInt(e.target.value));
                chooseKind(GENERAL, BigInt(e.target.value));
              }}
            >
              <option value="0">A new general policy</option>
              {generals.map((p) => (
                <option key={String(p.id)} value={String(p.id)}>
                  #{String(p.id)} {p.title}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Title
          <input name="title" value={draft.title} onChange={(e) => set({ title: e.target.value })} readOnly={draft.policyId !== 0n} />
        </label>

        {draft.kind === SLA && (
          <fieldset>
            <legend>Targets per priority (minutes)</legend>
            <table>
              <thead>
                <tr>
                  <th>Priority</th>
                  <th>First response</th>
                  <th>Resolution</th>
                </tr>
              </thead>
              <tbody>
                {PRIORITY_LABELS.map((p, i) => (
                  <tr key={p}>
                    <td>{p}</td>
                    <td>
                      <MinutesInput
                        name={`first-${p}`}
                        label={`${p} first response, minutes`}
                        targets={draft.first}
                        index={i}
                        onChange={(first) => set({ first })}
                      />
                    </td>
                    <td>
                      <MinutesInput
                        name={`resolution-${p}`}
                        label={`${p} resolution, minutes`}
                        targets={draft.resolution}
                        index={i}
                        onChange={(resolution) => set({ resolution })}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </fieldset>
        )}

        {draft.kind === RATING_RULES && (
          <fieldset className="field-row">
            <legend>Rating rules</legend>
            <label>
              Rating window (hours)
              <input type="number" min={1} name="window-hours" value={draft.windowHours} onChange={(e) => set({ windowHours: Number(e.target.value) })} />
            </label>
            <label>
              Highest score (2–8)
              <input type="number" min={2} max={8} name="scale" value={draft.scale} onChange={(e) => set({ scale: Number(e.target.value) })} />
            </label>
            <label style={{ flex: 1 }}>
              Tags (comma-separated)
              <input name="tags" value={draft.tags} onChange={(e) => set({ tags: e.target.value })} />
            </label>
          </fieldset>
        )}

        <label>
          Policy text
          <textarea name="text" rows={8} value={draft.text} onChange={(e) => set({ text: e.target.value })} />
        </label>
        <label>
          Link to a fuller document (optional)
          <input name="uri" value={draft.uri} onChange={(e) => set({ uri: e.target.value })} placeholder="https://…" />
        </label>
        <label>
          Effective from (UTC, optional)
          <input type="datetime-local" name="effective-from" value={draft.effectiveFrom} onChange={(e) => set({ effectiveFrom: e.target.value })} />
          <span className="hint">Empty: the version takes effect when the proposal is executed.</span>
        </label>
        <label>
          Why this change
          <textarea name="rationale" value={draft.rationale} onChange={(e) => set({ rationale: e.target.value })} />
        </label>
      </form>

      <h2>Preview</h2>
      {problems.length > 0 && (
        <ul className="error-note" data-testid="wizard-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {proposal && (
        <section data-testid="wizard-preview">
          <CallView contracts={deployment.contracts} target={proposal.target} value={0n} data={proposal.data} />
          <dl className="facts">
            <dt>Content hash</dt>
            <dd>
              <code data-testid="preview-hash">{proposal.contentHash}</code>
            </dd>
            <dt>Description</dt>
            <dd>
              <pre className="policy-text">{proposal.description}</pre>
            </dd>
          </dl>
          <QuorumPreview target={proposal.target} data={proposal.data} />
          <TxButton pending={propose.pending} onClick={submit}>
            Submit proposal
          </TxButton>
          <TxStatus state={propose} success="Proposal submitted." />
        </section>
      )}
    </>
  );
}

/** One SLA target (whole minutes, uint16) of a per-priority row; reports the whole row with it replaced. */
function MinutesInput(props: { name: string; label: string; targets: Minutes; index: number; onChange: (targets: Minutes) => void }) {
  const { name, label, targets, index, onChange } = props;
  return (
    <input
      type="number"
      min={1}
      max={65535}
      step={1}
      name={name}
      aria-label={label}
      value={targets[index]}
      onChange={(e) => onChange(targets.map((v, j) => (j === index ? Number(e.target.value) : v)) as Minutes)}
    />
  );
}
