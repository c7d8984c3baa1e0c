import {
  type CalendarParams,
  decodeParams,
  formatPercent,
  formatTokens,
  isoDay,
  NO_CALENDAR,
  type OfficialChannelsParams,
  POLICY_KIND_LABELS,
  PolicyKind,
  PRIORITY_LABELS,
  splitEnforcedSection,
  supportGovernorAbi,
  supportTokenAbi,
  weekdayCalendar,
} from "@support-quality/sdk";
import { useEffect, useMemo, useState } from "react";
import { Link, useNavigate } from "react-router";
import { useReadContracts } from "wagmi";
import { ErrorNote, Loading } from "../../components/States";
import { TableScroll } from "../../components/TableScroll";
import { TxButton } from "../../components/TxButton";
import { TxStatus } from "../../components/TxStatus";
import { usePropose } from "../../lib/actions";
import { useChainNow } from "../../lib/chainTime";
import { type PolicyRecord, usePolicies, versionInForce } from "../../lib/policies";
import { useProtocol } from "../../lib/useProtocol";
import { useDeskNames } from "../agents/queries";
import { buildPolicyProposal, type PolicyEdit, validatePolicyEdit } from "./buildProposal";
import { CallView } from "./CallView";
import { ProposalPreview } from "./ProposalPreview";
import { createdProposalId } from "./proposals";

const { General: GENERAL, SLA, RatingRules: RATING_RULES, OfficialChannels: CHANNELS } = PolicyKind;

type Minutes = [number, number, number, number];

/** A business-hours calendar as edited: offset in minutes, "HH:MM" per weekday (Monday first), holidays as YYYY-MM-DD. */
interface CalendarDraft {
  utcOffset: number;
  opens: string[];
  closes: string[];
  holidays: string;
}

/** A desk's own calendar (it replaces the protocol-wide one for that desk's tickets). */
type DeskCalendarDraft = CalendarDraft & { deskId: number };

interface Draft {
  kind: number;
  policyId: bigint;
  title: string;
  text: string;
  uri: string;
  effectiveFrom: string; // datetime-local, UTC; empty = on execution
  first: Minutes;
  resolution: Minutes;
  /** Bitmask: priorities whose targets count business hours. */
  businessHours: number;
  /** The protocol-wide calendar as edited: offset in minutes, "HH:MM" per weekday (Monday first), holidays as YYYY-MM-DD. */
  utcOffset: number;
  opens: string[];
  closes: string[];
  holidays: string;
  /** Desks' own calendars, edited like the protocol-wide one. */
  deskCalendars: DeskCalendarDraft[];
  windowHours: number;
  scale: number;
  tags: string;
  categories: string;
  /** Official channels, one per line ("platform handle" for social accounts). */
  websites: string;
  emailDomains: string;
  socials: string;
  phones: string;
  proposalTitle: string;
  rationale: string;
}

const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
/** "HH:MM" (00:00–24:00) as minutes; NaN when it is not a time. */
const minutesOf = (text: string) => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  return m && Number(m[2]) < 60 ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
};
const week = (a: number[]): CalendarParams["opens"] => [a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!];

/** The calendar the draft describes (NaN where a time does not parse, which the validation names). */
function calendarOf(d: Partial<CalendarDraft>): CalendarParams {
  const holidays = (d.holidays ?? "")
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((day) => Math.floor(Date.parse(`${day}T00:00:00Z`) / 86_400_000));
  return { utcOffsetMinutes: d.utcOffset ?? 0, opens: week((d.opens ?? []).map(minutesOf)), closes: week((d.closes ?? []).map(minutesOf)), holidays };
}

function calendarDraft(c: CalendarParams): CalendarDraft {
  return { utcOffset: c.utcOffsetMinutes, opens: c.opens.map(hhmm), closes: c.closes.map(hhmm), holidays: c.holidays.map(isoDay).join(", ") };
}

/** Desk calendars as stored by an older draft ({ deskId, calendar }) or as edited now. */
function deskCalendarDrafts(list: readonly unknown[] | undefined): DeskCalendarDraft[] {
  return (list ?? []).map((entry) => {
    const d = entry as Partial<DeskCalendarDraft> & { deskId: number; calendar?: CalendarParams };
    return d.calendar ? { deskId: d.deskId, ...calendarDraft(d.calendar) } : (d as DeskCalendarDraft);
  });
}

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

function channelsOf(d: Draft): OfficialChannelsParams {
  return {
    websites: lines(d.websites),
    emailDomains: lines(d.emailDomains).map((e) => e.replace(/^@/, "")),
    socials: lines(d.socials).map((l) => {
      const [platform = "", ...rest] = l.split(/\s+/);
      return { platform, handle: rest.join(" ") };
    }),
    phones: lines(d.phones),
  };
}

/** Drafts survive a reload or a failed submission: kept per chain in the browser, one per policy. */
const draftsKey = (chainId: number) => `sqp:proposal-drafts:${chainId}`;
const draftKey = (d: Pick<Draft, "kind" | "policyId">) => `${d.kind}:${d.policyId}`;

function loadDrafts(chainId: number): Record<string, Draft> {
  try {
    const raw = JSON.parse(localStorage.getItem(draftsKey(chainId)) ?? "{}") as Record<string, Draft & { policyId: string }>;
    return Object.fromEntries(
      Object.entries(raw).map(([k, d]) => [k, { ...d, policyId: BigInt(d.policyId), deskCalendars: deskCalendarDrafts(d.deskCalendars) }]),
    );
  } catch {
    return {};
  }
}

function saveDrafts(chainId: number, drafts: Record<string, Draft>): void {
  try {
    localStorage.setItem(
      draftsKey(chainId),
      JSON.stringify(drafts, (_, v) => (typeof v === "bigint" ? v.toString() : v)),
    );
  } catch {
    // Storage full or disabled: the draft stays in memory for this visit.
  }
}

/** Starts from the version in force, so an edit is a change to what exists. */
function draftFor(kind: number, policy: PolicyRecord | undefined, now: bigint | undefined): Draft {
  const current = policy ? (versionInForce(policy, now) ?? policy.versions.at(-1)) : undefined;
  let typed: ReturnType<typeof decodeParams> = { kind: "none" };
  try {
    if (current) typed = decodeParams(kind, current.params);
  } catch {
    // Unreadable values: start from the defaults below.
  }
  const channels = typed.kind === "channels" ? typed.channels : undefined;
  const sla = typed.kind === "sla" ? typed.sla : undefined;
  const calendar = sla?.businessHours ? (sla.calendar ?? NO_CALENDAR) : weekdayCalendar(9 * 60, 17 * 60);
  return {
    kind,
    policyId: policy?.id ?? 0n,
    title: policy?.title ?? "",
    // The words only: the section stating the enforced values is generated from the fields below.
    text: current ? splitEnforcedSection(current.text).prose : "",
    uri: current?.uri ?? "",
    effectiveFrom: "",
    first: typed.kind === "sla" ? ([...typed.sla.firstResponseMinutes] as Minutes) : [480, 240, 60, 15],
    resolution: typed.kind === "sla" ? ([...typed.sla.resolutionMinutes] as Minutes) : [4320, 2880, 480, 120],
    businessHours: sla?.businessHours ?? 0,
    ...calendarDraft(calendar),
    deskCalendars: (sla?.deskCalendars ?? []).map((d) => ({ deskId: d.deskId, ...calendarDraft(d.calendar) })),
    windowHours: typed.kind === "rules" ? typed.rules.ratingWindow / 3600 : 336,
    scale: typed.kind === "rules" ? typed.rules.scale : 5,
    tags: typed.kind === "rules" ? typed.rules.tags.join(", ") : "",
    categories: typed.kind === "rules" ? (typed.rules.categories ?? []).join(", ") : "",
    websites: channels?.websites.join("\n") ?? "",
    emailDomains: channels?.emailDomains.join("\n") ?? "",
    socials: channels?.socials.map((s) => `${s.platform} ${s.handle}`).join("\n") ?? "",
    phones: channels?.phones.join("\n") ?? "",
    proposalTitle: "",
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
    sla:
      d.kind === SLA
        ? {
            firstResponseMinutes: d.first,
            resolutionMinutes: d.resolution,
            businessHours: d.businessHours ?? 0,
            // No business-time target: no calendar (desk calendars are only taken with one).
            calendar: d.businessHours ? calendarOf(d) : NO_CALENDAR,
            // Strictly increasing desk ids, as the contract requires (duplicates are reported by validation).
            deskCalendars: d.businessHours
              ? [...(d.deskCalendars ?? [])].sort((a, b) => a.deskId - b.deskId).map((c) => ({ deskId: c.deskId, calendar: calendarOf(c) }))
              : [],
          }
        : undefined,
    rules:
      d.kind === RATING_RULES
        ? {
            ratingWindow: Math.round(d.windowHours * 3600),
            scale: d.scale,
            tags: d.tags
              .split(",")
              .map((t) => t.trim())
              .filter(Boolean),
            categories: (d.categories ?? "")
              .split(",")
              .map((t) => t.trim())
              .filter(Boolean),
          }
        : undefined,
    channels: d.kind === CHANNELS ? channelsOf(d) : undefined,
    proposalTitle: d.proposalTitle,
    rationale: d.rationale,
  };
}

/** A business-hours calendar: UTC offset, one window per weekday, holidays. `prefix` keeps field names unique. */
function CalendarFields({
  calendar,
  onChange,
  legend,
  prefix = "",
  children,
}: {
  calendar: Partial<CalendarDraft>;
  onChange: (patch: Partial<CalendarDraft>) => void;
  legend: string;
  prefix?: string;
  children?: React.ReactNode;
}) {
  const opens = calendar.opens ?? [];
  const closes = calendar.closes ?? [];
  const at = (list: string[], i: number, value: string) => list.map((v, j) => (j === i ? value : v));
  return (
    <fieldset data-testid={`${prefix}calendar-fields`}>
      <legend>{legend}</legend>
      {children}
      <label>
        UTC offset (minutes, e.g. 60 for UTC+01:00)
        <input
          type="number"
          name={`${prefix}utc-offset`}
          min={-720}
          max={840}
          value={calendar.utcOffset ?? 0}
          onChange={(e) => onChange({ utcOffset: Number(e.target.value) })}
        />
      </label>
      <TableScroll label="Proposed changes">
        <table>
          <tbody>
            {WEEKDAY_NAMES.map((day, i) => (
              <tr key={day}>
                <th scope="row">{day}</th>
                <td>
                  <input
                    aria-label={`${legend}: ${day} opens`}
                    name={`${prefix}opens-${i}`}
                    value={opens[i] ?? ""}
                    onChange={(e) => onChange({ opens: at(opens, i, e.target.value) })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`${legend}: ${day} closes`}
                    name={`${prefix}closes-${i}`}
                    value={closes[i] ?? ""}
                    onChange={(e) => onChange({ closes: at(closes, i, e.target.value) })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <label>
        Holidays (YYYY-MM-DD, comma-separated, at most 16)
        <input name={`${prefix}holidays`} value={calendar.holidays ?? ""} onChange={(e) => onChange({ holidays: e.target.value })} />
      </label>
    </fieldset>
  );
}

/** The protocol-wide calendar, then each desk's own (added from a copy of the protocol-wide one). */
function BusinessCalendars({ draft, set }: { draft: Draft; set: (patch: Partial<Draft>) => void }) {
  const desks = (useDeskNames().data ?? []).filter((d) => !d.removed);
  const own = draft.deskCalendars ?? [];
  const update = (i: number, patch: Partial<DeskCalendarDraft>) => set({ deskCalendars: own.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const free = desks.find((d) => !own.some((c) => c.deskId === d.id));
  return (
    <>
      <CalendarFields calendar={draft} onChange={set} legend="Business hours (one window per weekday; the same open and close time = closed)" />
      {own.map((c, i) => {
        const name = desks.find((d) => d.id === c.deskId)?.name ?? `Desk #${c.deskId}`;
        return (
          <CalendarFields key={c.deskId} calendar={c} onChange={(patch) => update(i, patch)} legend={`${name}'s own business hours`} prefix={`desk-${i}-`}>
            <label>
              Desk
              <select name={`desk-${i}-id`} value={c.deskId} onChange={(e) => update(i, { deskId: Number(e.target.value) })}>
                {!desks.some((d) => d.id === c.deskId) && <option value={c.deskId}>Desk #{c.deskId}</option>}
                {desks
                  .filter((d) => d.id === c.deskId || !own.some((o) => o.deskId === d.id))
                  .map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name} (#{d.id})
                    </option>
                  ))}
              </select>
            </label>
            <button type="button" onClick={() => set({ deskCalendars: own.filter((_, j) => j !== i) })}>
              Remove {name}'s calendar (it will use the protocol-wide one)
            </button>
          </CalendarFields>
        );
      })}
      {free && (
        <button
          type="button"
          data-testid="add-desk-calendar"
          onClick={() =>
            set({
              deskCalendars: [
                ...own,
                {
                  deskId: free.id,
                  utcOffset: draft.utcOffset ?? 0,
                  opens: [...(draft.opens ?? [])],
                  closes: [...(draft.closes ?? [])],
                  holidays: draft.holidays ?? "",
                },
              ],
            })
          }
        >
          Give a desk its own business hours
        </button>
      )}
    </>
  );
}

/** The quorum the proposal will need: critical or normal, as the governor decides for this call. */
export function QuorumPreview({ target, data }: { target: `0x${string}`; data: `0x${string}` }) {
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
  const { chainId, deployment } = useProtocol();
  const propose = usePropose();
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() => loadDrafts(chainId));
  const [draft, setDraftState] = useState<Draft | undefined>();
  const [generalId, setGeneralId] = useState<bigint>(0n);
  const setDraft = (next: Draft) => {
    setDraftState(next);
    const all = { ...drafts, [draftKey(next)]: next };
    setDrafts(all);
    saveDrafts(chainId, all);
  };

  const policyFor = (kind: number, id: bigint) =>
    kind === GENERAL ? policies.data?.find((p) => p.id === id && p.kind === GENERAL) : policies.data?.find((p) => p.kind === kind);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the first draft is made once, when the policies arrive; later edits are the user's
  useEffect(() => {
    if (!draft && policies.data) {
      const fresh = draftFor(SLA, policyFor(SLA, 0n), now);
      setDraftState(drafts[draftKey(fresh)] ?? fresh);
    }
  }, [policies.data]);

  const edited = draft ? policyFor(draft.kind, draft.policyId === 0n ? generalId : draft.policyId) : undefined;
  const latest = draft && draft.policyId !== 0n ? edited?.versions.at(-1) : undefined;
  const edit = draft ? toEdit(draft) : undefined;
  const problems = edit ? validatePolicyEdit(edit, latest) : [];
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the draft's content (a new object on every keystroke), not its identity
  const proposal = useMemo(
    () => (edit && problems.length === 0 ? buildPolicyProposal(deployment.contracts.PolicyRegistry, edit) : undefined),
    [JSON.stringify(draft, (_, v) => (typeof v === "bigint" ? v.toString() : v)), deployment.contracts.PolicyRegistry],
  );

  if (policies.isLoading || !draft) return <Loading what="Reading the policies in force" />;
  if (policies.error) return <ErrorNote error={policies.error} />;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  // Switching policy keeps every draft: coming back restores what was typed.
  const chooseKind = (kind: number, id = generalId) => {
    const fresh = draftFor(kind, policyFor(kind, id), now);
    setDraftState(drafts[draftKey(fresh)] ?? fresh);
  };
  const discard = () => {
    const fresh = draftFor(draft.kind, policyFor(draft.kind, draft.policyId === 0n ? 0n : draft.policyId), now);
    const { [draftKey(draft)]: _, ...rest } = drafts;
    setDrafts(rest);
    saveDrafts(chainId, rest);
    setDraftState(fresh);
  };
  const generals = policies.data?.filter((p) => p.kind === GENERAL && p.retiredAt === undefined) ?? [];

  const submit = async () => {
    if (!proposal) return;
    const receipt = await propose.propose([proposal.target], [0n], [proposal.data], proposal.description);
    const created = createdProposalId(receipt);
    if (created !== undefined) {
      // Submitted: the draft has done its job.
      const { [draftKey(draft)]: _, ...rest } = drafts;
      setDrafts(rest);
      saveDrafts(chainId, rest);
      navigate(`/governance/${created}`);
    }
  };

  return (
    <>
      <p>
        <Link to="/governance">← Governance</Link>
      </p>
      <h1>Propose a policy change</h1>
      <p className="hint">
        Help articles have their own editor: <Link to="/governance/new-article">propose a help-article change</Link>.
      </p>
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
            <TableScroll label="Parameters">
              <table>
                <thead>
                  <tr>
                    <th>Priority</th>
                    <th>First response</th>
                    <th>Resolution</th>
                    <th>Business hours</th>
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
                      <td>
                        <input
                          type="checkbox"
                          name={`business-${p}`}
                          aria-label={`${p}: count business hours`}
                          checked={(((draft.businessHours ?? 0) >> i) & 1) === 1}
                          onChange={() => set({ businessHours: (draft.businessHours ?? 0) ^ (1 << i) })}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            {(draft.businessHours ?? 0) !== 0 && <BusinessCalendars draft={draft} set={set} />}
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
            <label style={{ flex: 1 }}>
              Ticket categories (comma-separated)
              <input name="categories" value={draft.categories ?? ""} onChange={(e) => set({ categories: e.target.value })} />
            </label>
          </fieldset>
        )}

        {draft.kind === CHANNELS && (
          <fieldset>
            <legend>Official channels (one per line; Verify compares against these)</legend>
            <div className="field-row">
              <label>
                Website domains
                <textarea
                  name="websites"
                  rows={3}
                  value={draft.websites}
                  onChange={(e) => set({ websites: e.target.value })}
                  placeholder="support.example.com"
                />
              </label>
              <label>
                E-mail domains
                <textarea
                  name="email-domains"
                  rows={3}
                  value={draft.emailDomains}
                  onChange={(e) => set({ emailDomains: e.target.value })}
                  placeholder="example.com"
                />
              </label>
              <label>
                Social accounts (platform handle)
                <textarea name="socials" rows={3} value={draft.socials} onChange={(e) => set({ socials: e.target.value })} placeholder="X @ExampleSupport" />
              </label>
              <label>
                Phones (E.164)
                <textarea name="phones" rows={3} value={draft.phones} onChange={(e) => set({ phones: e.target.value })} placeholder="+15550100" />
              </label>
            </div>
          </fieldset>
        )}

        <label>
          Policy text
          <textarea name="text" rows={8} value={draft.text} onChange={(e) => set({ text: e.target.value })} />
          {(draft.kind === SLA || draft.kind === RATING_RULES || draft.kind === CHANNELS) && (
            <span className="hint">
              Write the words only: a section stating the enforced values is generated from the fields above and appended, so the two never disagree.
            </span>
          )}
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
          Proposal title
          <input
            name="proposal-title"
            value={draft.proposalTitle}
            onChange={(e) => set({ proposalTitle: e.target.value })}
            placeholder={draft.policyId === 0n ? `Create policy: ${draft.title || "…"}` : `Update policy #${draft.policyId}: ${draft.title}`}
          />
        </label>
        <label>
          Why this change (Markdown)
          <textarea name="rationale" rows={5} value={draft.rationale} onChange={(e) => set({ rationale: e.target.value })} />
        </label>
        <p className="hint">
          Your draft is kept in this browser until you submit it.{" "}
          <button type="button" className="link-button" onClick={discard}>
            Discard the draft
          </button>
        </p>
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
          <ProposalPreview calls={[{ target: proposal.target, value: 0n, data: proposal.data }]} />
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
