import {
  AGENT_KIND_LABELS,
  AgentStatus,
  agentRegistryAbi,
  calendarForDesk,
  checkReceipt,
  deskProblemMessage,
  formatDuration,
  judgeReceipt,
  label,
  PRIORITY_LABELS,
  packCalendar,
  type Receipt,
  type ReceiptLink,
  ratingUrl,
  signReceipt,
} from "@support-quality/sdk";
import { useQuery } from "@tanstack/react-query";
import { QRCodeSVG } from "qrcode.react";
import { useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import { type Address, getAddress, isAddress } from "viem";
import { useConnection, usePublicClient, useSignTypedData } from "wagmi";
import { AddressText } from "../../components/Address";
import { localDate } from "../../components/DateTime";
import { ErrorNote, Loading } from "../../components/States";
import { errorMessage } from "../../lib/errors";
import { useProtocol } from "../../lib/useProtocol";
import { type AgentEntry, type DeskEntry, useDirectory, useRulesAt } from "../agents/queries";

const DAY = 86_400;

/** A unix time as the value of a `datetime-local` input (the browser's local time). */
function toLocalInput(seconds: number): string {
  const d = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
const fromLocalInput = (value: string) => (value ? Math.floor(new Date(value).getTime() / 1000) : 0);

interface SigningRight {
  desk: DeskEntry;
  as: "issuer" | "agent";
  agents: AgentEntry[];
}

/** The desks the connected account may sign for: as an issuer key (any agent) or as a self-signing agent (itself). */
function useSigningRights(account: Address | undefined) {
  const { chainId, deployment } = useProtocol();
  const client = usePublicClient({ chainId });
  const directory = useDirectory();
  return useQuery({
    queryKey: ["protocol", "signing-rights", [deployment.contracts.AgentRegistry.toLowerCase()], chainId, account?.toLowerCase()],
    enabled: !!client && !!account && !!directory.data,
    queryFn: async (): Promise<SigningRight[]> => {
      const desks = directory.data!.filter((d) => !d.removed);
      const issuerOf = await Promise.all(
        desks.map((d) =>
          client!.readContract({ address: deployment.contracts.AgentRegistry, abi: agentRegistryAbi, functionName: "isIssuer", args: [d.id, account!] }),
        ),
      );
      return desks.flatMap((d, i): SigningRight[] => {
        if (issuerOf[i]) return [{ desk: d, as: "issuer", agents: d.agents.filter((a) => a.status === AgentStatus.Active) }];
        const self = d.agents.find((a) => a.address.toLowerCase() === account!.toLowerCase() && a.status === AgentStatus.Active);
        return d.selfSigning && self ? [{ desk: d, as: "agent", agents: [self] }] : [];
      });
    },
  });
}

/** Desk console: fill a closed ticket's data, sign the receipt with the connected key, hand the requester a link and QR code. */
export function DeskConsolePage() {
  const connection = useConnection();
  const account = connection.status === "connected" ? connection.address : undefined;
  const { chainId, deployment, wrongNetwork } = useProtocol();
  const client = usePublicClient({ chainId });
  const rights = useSigningRights(account);
  const chainNow = useQuery({
    queryKey: ["chain-now", chainId],
    enabled: !!client,
    queryFn: async () => Number((await client!.getBlock()).timestamp),
  });
  const { signTypedDataAsync } = useSignTypedData();

  const [deskId, setDeskId] = useState(0);
  const [agent, setAgent] = useState("");
  const [ticketId, setTicketId] = useState("");
  const [escalatedFrom, setEscalatedFrom] = useState("");
  const [requester, setRequester] = useState("");
  const [priority, setPriority] = useState(1);
  const [category, setCategory] = useState(0);
  const [pausedMinutes, setPausedMinutes] = useState("0");
  const [openedAt, setOpenedAt] = useState("");
  const [firstResponseAt, setFirstResponseAt] = useState("");
  const [resolvedAt, setResolvedAt] = useState("");
  const [validDays, setValidDays] = useState(30);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [link, setLink] = useState<{ url: string; receipt: Receipt }>();

  // Sensible defaults once the chain's clock is known: a ticket opened two hours ago, answered and resolved since.
  useEffect(() => {
    if (chainNow.data && !openedAt) {
      setOpenedAt(toLocalInput(chainNow.data - 2 * 3600));
      setFirstResponseAt(toLocalInput(chainNow.data - 2 * 3600 + 20 * 60));
      setResolvedAt(toLocalInput(chainNow.data - 15 * 60));
    }
  }, [chainNow.data, openedAt]);
  const options = rights.data ?? [];
  const selected = options.find((o) => o.desk.id === deskId) ?? options[0];
  useEffect(() => {
    if (selected && selected.desk.id !== deskId) setDeskId(selected.desk.id);
  }, [selected, deskId]);
  const opened = fromLocalInput(openedAt);
  const rules = useRulesAt(opened || undefined);

  const draft = useMemo((): Receipt | string => {
    if (!selected) return "Choose a desk.";
    const agentAddress = agent || selected.agents[0]?.address;
    if (!agentAddress) return "This desk has no active agent.";
    if (!/^\d+$/.test(ticketId.trim())) return "Enter the ticket id (a whole number).";
    if (BigInt(ticketId.trim()) >= 1n << 64n) return "The ticket id is too large (at most 64 bits).";
    const from = escalatedFrom.trim();
    if (from !== "" && !/^\d+$/.test(from)) return "Enter the AI assistant's ticket id as a whole number, or leave it empty.";
    if (from !== "" && (BigInt(from) === 0n || BigInt(from) >= 1n << 64n)) return "The AI assistant's ticket id must be from 1 to 2^64 − 1.";
    if (from !== "" && BigInt(from) === BigInt(ticketId.trim())) return "A ticket cannot be escalated from itself.";
    if (!isAddress(requester.trim(), { strict: false })) return "Enter the requester's wallet address (0x followed by 40 hex characters).";
    if (!/^\d+$/.test(pausedMinutes.trim())) return "Enter the time the ticket waited on the requester in whole minutes (0 if none).";
    if (!chainNow.data) return "Reading the chain's clock…";
    return {
      ticketId: BigInt(ticketId.trim()),
      deskId: selected.desk.id,
      agent: getAddress(agentAddress),
      requester: getAddress(requester.trim()),
      priority,
      category,
      openedAt: opened,
      firstResponseAt: fromLocalInput(firstResponseAt),
      resolvedAt: fromLocalInput(resolvedAt),
      pausedSeconds: Math.min(Number(pausedMinutes.trim()) * 60, 2 ** 48 - 1),
      deadline: chainNow.data + validDays * DAY,
      ...(from === "" ? {} : { escalatedFrom: BigInt(from) }),
    };
  }, [selected, agent, ticketId, escalatedFrom, requester, chainNow.data, priority, category, opened, firstResponseAt, resolvedAt, pausedMinutes, validDays]);
  // The desk's calendar from the SLA's typed parameters, for business-time priorities.
  const calendar = rules.data?.slaParams && selected ? packCalendar(calendarForDesk(rules.data.slaParams, selected.desk.id)) : undefined;
  const preview = typeof draft !== "string" && rules.data && chainNow.data ? judgeReceipt(draft, rules.data.terms, chainNow.data, calendar) : undefined;

  async function sign() {
    if (typeof draft === "string" || !account || !client) return;
    setProblem(undefined);
    setLink(undefined);
    setBusy(true);
    try {
      // The SDK's pre-flight check (the CLI runs the same), before the wallet is asked to sign anything.
      const contract = deployment.contracts.SupportRatings;
      const check = await checkReceipt(client, { deployment: { chainId, contracts: deployment.contracts }, receipt: draft, signer: getAddress(account) });
      if (check.problem) return setProblem(check.judgement.ok ? check.problem.message : deskProblemMessage(check.judgement.problem));
      const signature = await signReceipt(signTypedDataAsync, { chainId, verifyingContract: contract }, draft);
      const payload: ReceiptLink = { chainId, contract, receipt: draft, signer: getAddress(account), signature };
      setLink({ url: ratingUrl(new URL(import.meta.env.BASE_URL, window.location.origin).toString(), payload), receipt: draft });
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <h1>Desk console</h1>
      <p className="muted">
        When a ticket closes, sign its receipt here and send the link to the person you helped. The receipt travels inside the link: nothing is stored anywhere
        but in it, until the rating lands on-chain.
      </p>
      <p>
        A user asks you to prove you are support? <Link to="/desk/prove">Prove I'm support</Link> signs their challenge with your agent key.
      </p>
      {!account && (
        <p className="error-note" role="alert">
          Connect the wallet of a desk issuer key (or of an agent of a self-signing desk) to sign receipts.
        </p>
      )}
      {account && wrongNetwork && (
        <p className="error-note" role="alert">
          Your wallet is on a network where the protocol is not deployed.
        </p>
      )}
      {account && rights.isPending && <Loading what="Checking what this account may sign" />}
      {rights.error && <ErrorNote error={rights.error} />}
      {account && rights.data && options.length === 0 && (
        <p className="error-note" role="alert" data-testid="no-rights">
          <AddressText address={account} /> is not an issuer key of any desk, nor an active agent of a self-signing desk: it cannot sign receipts.
        </p>
      )}
      {selected && (
        <form
          className="form"
          data-testid="receipt-form"
          onSubmit={(e) => {
            e.preventDefault();
            void sign();
          }}
        >
          <div className="field-row">
            <label>
              Desk
              <select
                value={selected.desk.id}
                onChange={(e) => {
                  setDeskId(Number(e.target.value));
                  setAgent("");
                }}
              >
                {options.map((o) => (
                  <option key={o.desk.id} value={o.desk.id}>
                    {o.desk.name} ({o.as === "issuer" ? "issuer key" : "self-signing agent"})
                  </option>
                ))}
              </select>
            </label>
            <label>
              Agent
              <select name="agent" value={agent || selected.agents[0]?.address || ""} onChange={(e) => setAgent(e.target.value)}>
                {selected.agents.map((a) => (
                  <option key={a.address} value={a.address}>
                    {a.handle || a.address} — {label(AGENT_KIND_LABELS, a.kind)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="field-row">
            <label>
              Ticket id
              <input name="ticketId" inputMode="numeric" value={ticketId} onChange={(e) => setTicketId(e.target.value)} required />
            </label>
            <label>
              Escalated from AI ticket <span className="hint">(optional)</span>
              <input
                name="escalatedFrom"
                inputMode="numeric"
                value={escalatedFrom}
                onChange={(e) => setEscalatedFrom(e.target.value)}
                aria-describedby="escalated-hint"
              />
              <span id="escalated-hint" className="hint">
                The ticket id the desk's AI assistant handled before handing over to a person: both tickets get rated.
              </span>
            </label>
            <label>
              Priority
              <select name="priority" value={priority} onChange={(e) => setPriority(Number(e.target.value))}>
                {PRIORITY_LABELS.map((p, i) => (
                  <option key={p} value={i}>
                    {p}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Category
              <select name="category" value={category} onChange={(e) => setCategory(Number(e.target.value))}>
                <option value={0}>None</option>
                {(rules.data?.categories ?? []).map((c, i) => (
                  <option key={c} value={i + 1}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label>
            Requester's wallet address
            <input name="requester" value={requester} onChange={(e) => setRequester(e.target.value)} placeholder="0x…" required spellCheck={false} />
          </label>
          <p className="hint">Times are in your browser's time zone.</p>
          <div className="field-row">
            <label>
              Opened
              <input name="openedAt" type="datetime-local" value={openedAt} onChange={(e) => setOpenedAt(e.target.value)} required />
            </label>
            <label>
              First response <span className="hint">(empty: never answered)</span>
              <input name="firstResponseAt" type="datetime-local" value={firstResponseAt} onChange={(e) => setFirstResponseAt(e.target.value)} />
            </label>
            <label>
              Resolved <span className="hint">(empty: not resolved)</span>
              <input name="resolvedAt" type="datetime-local" value={resolvedAt} onChange={(e) => setResolvedAt(e.target.value)} />
            </label>
          </div>
          <label>
            Waiting on the requester (minutes) <span className="hint">(time the ticket was pending on them; not counted against your resolution time)</span>
            <input name="pausedMinutes" inputMode="numeric" value={pausedMinutes} onChange={(e) => setPausedMinutes(e.target.value)} />
          </label>
          <label>
            Link valid for (days)
            <input name="validDays" type="number" min={1} max={365} value={validDays} onChange={(e) => setValidDays(Math.max(1, Number(e.target.value)))} />
          </label>
          {typeof draft === "string" ? (
            <p className="hint" data-testid="draft-hint">
              {draft}
            </p>
          ) : (
            preview && (
              <p className={preview.ok ? "hint" : "error-note"} data-testid="console-preview">
                {preview.ok
                  ? `If rated now, the contract will record: ${preview.verdict === "None" ? "no SLA in force" : `SLA ${preview.verdict.toLowerCase()}`}${preview.firstResponse?.clock === "business" ? " (business hours)" : ""}. The requester has ${formatDuration(preview.secondsLeft)} to rate, until ${localDate(preview.rateBy)}.`
                  : deskProblemMessage(preview.problem)}
              </p>
            )
          )}
          <div>
            <button type="submit" className="primary" disabled={typeof draft === "string" || busy || wrongNetwork} aria-busy={busy}>
              {busy ? "Signing…" : "Sign receipt"}
            </button>
          </div>
          {problem && (
            <p className="error-note" role="alert" data-testid="console-error">
              {problem}
            </p>
          )}
        </form>
      )}
      {link && (
        <div className="card" data-testid="rating-link">
          <h2>Rating link for ticket {link.receipt.ticketId.toString()}</h2>
          <p>Send this link to the requester; it opens the rate page with the signed receipt.</p>
          <QRCodeSVG value={link.url} size={220} marginSize={2} role="img" aria-label="QR code of the rating link" />
          <p>
            <textarea readOnly value={link.url} data-testid="rating-url" onFocus={(e) => e.currentTarget.select()} rows={4} />
          </p>
          <button type="button" onClick={() => void navigator.clipboard?.writeText(link.url)}>
            Copy link
          </button>
        </div>
      )}
    </section>
  );
}
