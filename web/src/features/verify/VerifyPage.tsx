import {
  agentRegistryAbi,
  analyzeHandle,
  displayHandle,
  type HandleAnalysis,
  lookupHandle,
  PolicyKind,
  STANDING_NAMES,
  type Standing,
} from "@support-quality/sdk";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { zeroAddress } from "viem";
import { useReadContract, useReadContracts } from "wagmi";
import { AddressText } from "../../components/Address";
import { DateTime } from "../../components/DateTime";
import { ErrorNote, Loading } from "../../components/States";
import { useChainNow } from "../../lib/chainTime";
import { usePolicies, versionInForce } from "../../lib/policies";
import { usePageTitle } from "../../lib/usePageTitle";
import { useProtocol } from "../../lib/useProtocol";
import { AgentKindBadge, kindName } from "../agents/AgentKindBadge";
import { CredentialsInForce } from "../credentials/CredentialsInForce";
import { SecurityArticleLinks } from "../help/ArticleLinks";
import { ChannelResult } from "./ChannelResult";
import { ProofOfControl } from "./ProofOfControl";
import { ReportForm } from "./ReportForm";
import { isChannelInput, isMalformedAddress, parseSubject, type Subject } from "./subject";

interface StandingView {
  key: string;
  title: string;
  tone: string;
}

/** Standing (IAgentRegistry, generated) → how it is shown; keyed by member name, so a new standing is a compile error. */
const STANDING_VIEWS: Record<keyof typeof Standing, StandingView> = {
  Unknown: { key: "unknown", title: "Unknown: not an official agent", tone: "status-unknown" },
  OfficialAgent: { key: "official", title: "Official agent", tone: "status-official" },
  SuspendedAgent: { key: "suspended", title: "Suspended agent", tone: "status-suspended" },
  FormerAgent: { key: "former", title: "Former agent", tone: "status-former" },
  ReportedImpersonator: { key: "reported", title: "Reported impersonator", tone: "status-reported" },
  ConfirmedImpersonator: { key: "confirmed", title: "Confirmed impersonator", tone: "status-confirmed" },
};
const STANDING_VIEW: readonly StandingView[] = STANDING_NAMES.map((name) => STANDING_VIEWS[name]);

type KindName = NonNullable<ReturnType<typeof kindName>>;

/** How a registered agent of each kind is named in the result, so an AI assistant never reads as a person. */
const KIND_WORDS: Record<KindName, { official: string; noun: string; title: string; line?: (desk: string, official: boolean) => string }> = {
  Human: { official: "an official agent", noun: "an agent", title: "Official agent" },
  AIAssistant: {
    official: "an official AI assistant",
    noun: "an AI assistant",
    title: "Official AI assistant",
    line: (desk, official) => `${official ? "Official AI assistant" : "AI assistant"} of ${desk} — a program, not a person.`,
  },
  CommunityHelper: {
    official: "an official community helper",
    noun: "a community helper",
    title: "Community helper",
    line: (desk) => `Community helper of ${desk} — a volunteer, not staff.`,
  },
};

function useSecurityScript(): string | undefined {
  const policies = usePolicies();
  const now = useChainNow();
  const script = policies.data?.find((p) => p.kind === PolicyKind.SecurityScript);
  return script ? versionInForce(script, now)?.text : undefined;
}

/** What the result means for the page: whether it is official (no report form), or a look-alike to report in one click. */
export interface ResultOutcome {
  official: boolean;
  lookAlike?: { subject: string; evidence: string };
}

/**
 * A typed handle read against the registry: mapped onto the on-chain charset, then `lookAlikeOf` names the agent
 * whose handle reads the same; `analyzeHandle` says whether it is that handle or an imitation, and why.
 */
function useHandleAnalysis(subject: Subject): { analysis?: HandleAnalysis; lookup?: string; loading: boolean } {
  const { chainId, deployment } = useProtocol();
  const typed = subject.kind === "handle" ? subject.handle : "";
  const lookup = typed ? lookupHandle(typed) : null;
  const read = useReadContract({
    address: deployment.contracts.AgentRegistry,
    abi: agentRegistryAbi,
    chainId,
    functionName: "lookAlikeOf",
    args: [lookup ?? ""],
    query: { enabled: lookup !== null, staleTime: 15_000 },
  });
  if (!typed) return { loading: false };
  if (lookup === null) return { analysis: analyzeHandle(typed, []), loading: false };
  if (!read.data) return { loading: read.isLoading };
  const [agent, handle] = read.data;
  const officials = agent === zeroAddress ? [] : [{ handle, agent }];
  const analysis = analyzeHandle(typed, officials);
  return { analysis, lookup: analysis.match.kind === "exact" ? analysis.match.official.handle : typed, loading: false };
}

function LookAlikeResult({ analysis, onReport }: { analysis: HandleAnalysis; onReport: () => void }) {
  if (analysis.match.kind !== "look-alike") return null;
  return (
    <section className="status-panel status-confirmed" aria-live="polite" data-testid="verify-result" data-standing="look-alike">
      <h2>Look-alike handle</h2>
      <p data-testid="verify-summary">{analysis.match.explanation}.</p>
      {analysis.mixedScripts.length > 1 && <p>It mixes scripts ({analysis.mixedScripts.join(" + ")}), which genuine handles never do.</p>}
      <button type="button" className="primary" onClick={onReport} data-testid="report-look-alike">
        Report this look-alike
      </button>
    </section>
  );
}

function StatusResult({ subject, onOutcome }: { subject: Subject; onOutcome: (outcome: ResultOutcome) => void }) {
  const handle = useHandleAnalysis(subject);
  const analysis = handle.analysis;
  useEffect(() => {
    if (analysis?.match.kind === "look-alike" && subject.kind === "handle") {
      onOutcome({ official: false, lookAlike: { subject: subject.handle, evidence: `${analysis.match.explanation}.` } });
    }
  }, [analysis, subject, onOutcome]);
  if (handle.loading) return <Loading what="Checking the handle" />;
  if (analysis?.match.kind === "look-alike") {
    const lookAlike = analysis.match;
    return (
      <LookAlikeResult
        analysis={analysis}
        onReport={() =>
          onOutcome({ official: false, lookAlike: { subject: subject.kind === "handle" ? subject.handle : "", evidence: `${lookAlike.explanation}.` } })
        }
      />
    );
  }
  const resolved: Subject = subject.kind === "handle" && handle.lookup ? { kind: "handle", handle: handle.lookup } : subject;
  return <StandingResult subject={resolved} onOutcome={onOutcome} />;
}

function StandingResult({ subject, onOutcome }: { subject: Subject; onOutcome: (outcome: ResultOutcome) => void }) {
  const { chainId, deployment } = useProtocol();
  const registry = { address: deployment.contracts.AgentRegistry, abi: agentRegistryAbi, chainId } as const;
  const isAddress = subject.kind === "address";
  const base = useReadContracts({
    contracts: isAddress
      ? [
          { ...registry, functionName: "statusOf", args: [subject.address] },
          { ...registry, functionName: "agent", args: [subject.address] },
        ]
      : [
          { ...registry, functionName: "statusOfHandle", args: [subject.handle] },
          { ...registry, functionName: "agentOfHandle", args: [subject.handle] },
          { ...registry, functionName: "handleHash", args: [subject.handle] },
        ],
    allowFailure: false,
    query: { staleTime: 15_000 },
  });
  const standing = base.data ? Number(base.data[0]) : undefined;
  const handleAgent = !isAddress && base.data ? (base.data[1] as `0x${string}`) : undefined;
  const agentAddress = isAddress ? subject.address : handleAgent && handleAgent !== zeroAddress ? handleAgent : undefined;
  const subjectHash = isAddress ? subject.subject : (base.data?.[2] as `0x${string}` | undefined);

  const details = useReadContracts({
    contracts: [
      { ...registry, functionName: "agent", args: [agentAddress ?? zeroAddress] },
      { ...registry, functionName: "openReports", args: [subjectHash ?? `0x${"0".repeat(64)}`] },
    ],
    allowFailure: false,
    query: { enabled: base.data !== undefined, staleTime: 15_000 },
  });
  const agent = agentAddress ? details.data?.[0] : undefined;
  const deskRead = useReadContract({
    ...registry,
    functionName: "desk",
    args: [agent?.deskId ?? 0],
    query: { enabled: !!agent && agent.status !== 0, staleTime: 300_000 },
  });
  const deskName = deskRead.data?.name;
  const openReports = details.data?.[1];
  const advice = useSecurityScript();
  const registeredHandle = useReadContract({
    ...registry,
    functionName: "handleOf",
    args: [agentAddress ?? zeroAddress],
    query: { enabled: isAddress && !!agent && agent.status !== 0, staleTime: 300_000 },
  }).data;
  const official = standing === 1;
  useEffect(() => onOutcome({ official }), [official, onOutcome]);

  if (base.error) return <ErrorNote error={base.error} />;
  if (standing === undefined || details.isLoading) return <Loading what="Checking the registry" />;
  const view = STANDING_VIEW[standing] ?? STANDING_VIEW[0];
  const kind = agent ? KIND_WORDS[kindName(agent.kind) ?? "Human"] : KIND_WORDS.Human;
  // The kind line names the desk: it waits for the name rather than flash "its desk" first.
  const kindDesk = deskName ?? (deskRead.isError ? "its desk" : undefined);
  const kindLine = agent && agent.status !== 0 && kindDesk !== undefined && kind.line?.(kindDesk, view.key === "official");
  const who = isAddress ? (
    <>
      {registeredHandle && <strong data-testid="verify-handle">{displayHandle(registeredHandle)}</strong>} <AddressText address={subject.address} />
    </>
  ) : (
    <strong>{displayHandle(subject.handle)}</strong>
  );
  const desk = deskName ? <strong>{deskName}</strong> : "its desk";

  return (
    <section className={`status-panel ${view.tone}`} aria-live="polite" data-testid="verify-result" data-standing={view.key}>
      <h2>{view.key === "official" ? kind.title : view.title}</h2>
      {agent && agent.status !== 0 && (
        <p>
          <AgentKindBadge kind={agent.kind} />
          {kindLine && (
            <>
              {" "}
              <strong data-testid="verify-kind">{kindLine}</strong>
            </>
          )}
        </p>
      )}
      <p data-testid="verify-summary">
        {view.key === "official" && agent && (
          <>
            {who} is {kind.official} of {desk}, active since <DateTime seconds={agent.activeFrom} />.
            {!isAddress && agentAddress && (
              <>
                {" "}
                Its address is <AddressText address={agentAddress} />: only messages from it are genuine.
              </>
            )}
          </>
        )}
        {view.key === "official" && (
          <span className="muted" data-testid="verify-proof-note">
            {" "}
            A match proves nothing about the person you are talking to: anyone can quote an agent's address or handle. Only a signature from the agent's key
            shows they control it.
          </span>
        )}
        {view.key === "suspended" && agent && (
          <>
            {who} is {kind.noun} of {desk}, suspended since <DateTime seconds={agent.inactiveFrom} />. Do not act on its instructions until the desk reinstates
            it.
          </>
        )}
        {view.key === "former" && agent && (
          <>
            {who} was {kind.noun} of {desk} until <DateTime seconds={agent.inactiveFrom} /> and no longer speaks for it.
          </>
        )}
        {view.key === "reported" && (
          <>
            {who} has been reported as an impersonator ({String(openReports ?? 0n)} open report
            {openReports === 1n ? "" : "s"}). It is not an official agent: do not answer it, and never share your seed phrase.
          </>
        )}
        {view.key === "confirmed" && <>{who} is a confirmed impersonator. Block it and report the conversation on the platform where it contacted you.</>}
        {view.key === "unknown" && (
          <>
            {who} is not an official agent of any desk. Real support agents are all registered here: treat anyone else claiming to be support as a possible
            scam.
          </>
        )}
      </p>
      {view.key === "official" && agentAddress && (
        <div className="verify-credentials">
          <h3>Credentials</h3>
          <CredentialsInForce agent={agentAddress} />
        </div>
      )}
      {advice && (
        <div className="advice">
          <h3>What real support never does</h3>
          <p data-testid="verify-advice">{advice}</p>
        </div>
      )}
    </section>
  );
}

export function VerifyPage() {
  const params = useParams();
  const navigate = useNavigate();
  const current = params.addressOrHandle ? decodeURIComponent(params.addressOrHandle) : "";
  usePageTitle(current ? `Verify ${current}` : undefined);
  const [input, setInput] = useState(current);
  useEffect(() => setInput(current), [current]);
  const subject = parseSubject(current);
  const channel = isChannelInput(current);
  const malformed = isMalformedAddress(input);
  // Outcomes are kept per subject, so a new check starts with no report pre-filled and the form shown.
  const [outcome, setOutcome] = useState<ResultOutcome & { of: string }>({ of: "", official: false });
  const onOutcome = useCallback(
    (o: ResultOutcome) =>
      setOutcome((previous) => {
        const base = previous.of === current ? previous : { of: current, official: false };
        return { ...base, official: o.official, lookAlike: o.lookAlike ?? base.lookAlike };
      }),
    [current],
  );
  const official = outcome.of === current && outcome.official;
  const report = outcome.of === current ? outcome.lookAlike : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!parseSubject(input) || malformed) return;
    navigate(`/verify/${encodeURIComponent(input.trim())}`);
  };

  return (
    <>
      <h1>Verify an agent</h1>
      <p className="muted">
        Someone says they are support? Paste their address or handle — or the link, e-mail address, account or phone number they contacted you from — to learn
        at once whether they really are.
      </p>
      <form className="field-row" onSubmit={submit} role="search">
        <label style={{ flex: 1 }}>
          Address, handle, link, e-mail or phone
          <input
            name="subject"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            placeholder="0x…, @handle, https://… or name@domain"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={malformed}
            aria-describedby={malformed ? "subject-error" : undefined}
          />
        </label>
        <button type="submit" className="primary">
          Check
        </button>
      </form>
      {malformed && (
        <p id="subject-error" className="error-note">
          An address has 0x followed by exactly 40 hexadecimal characters; this one looks truncated.
        </p>
      )}
      {subject && channel && <ChannelResult input={current} />}
      {subject && !channel && <StatusResult key={current} subject={subject} onOutcome={onOutcome} />}
      {subject?.kind === "handle" && !channel && <ChannelResult input={current} quiet />}
      <ProofOfControl />
      {/* No report form under an official result: agents are suspended by their desk, not reported. */}
      {!official && !channel && <ReportForm initialSubject={report?.subject ?? current} initialEvidence={report?.evidence} />}
      <SecurityArticleLinks heading="How to recognise fake support" />
    </>
  );
}
