import { agentRegistryAbi } from "@support-quality/sdk";
import { useEffect, useState } from "react";
import { useReadContract, useReadContracts } from "wagmi";
import { TxButton } from "../../components/TxButton";
import { TxStatus } from "../../components/TxStatus";
import { useReportImpersonator } from "../../lib/actions";
import { useProtocol } from "../../lib/useProtocol";
import { parseSubject } from "./subject";

/** The desks, for the "which desk is being impersonated" choice. */
function useDesks() {
  const { chainId, deployment } = useProtocol();
  const registry = { address: deployment.contracts.AgentRegistry, abi: agentRegistryAbi, chainId } as const;
  const count = useReadContract({ ...registry, functionName: "deskCount", query: { staleTime: 300_000 } }).data ?? 0;
  const ids = Array.from({ length: Number(count) }, (_, i) => i + 1);
  const desks = useReadContracts({
    contracts: ids.map((id) => ({ ...registry, functionName: "desk", args: [id] }) as const),
    allowFailure: false,
    query: { enabled: ids.length > 0, staleTime: 300_000 },
  });
  return ids
    .map((id, i) => ({ id, desk: desks.data?.[i] }))
    .filter((d) => d.desk && d.desk.removedAt === 0)
    .map((d) => ({ id: d.id, name: d.desk!.name }));
}

export function ReportForm({ initialSubject, initialEvidence = "" }: { initialSubject: string; initialEvidence?: string }) {
  const { chainId, deployment } = useProtocol();
  const desks = useDesks();
  const [subjectText, setSubjectText] = useState(initialSubject);
  const [deskId, setDeskId] = useState<number | undefined>();
  const [evidence, setEvidence] = useState(initialEvidence);
  const tx = useReportImpersonator();
  useEffect(() => setSubjectText(initialSubject), [initialSubject]);
  useEffect(() => {
    if (initialEvidence) setEvidence(initialEvidence);
  }, [initialEvidence]);

  const parsed = parseSubject(subjectText);
  // A handle's subject is the registry's own hash of it (lower-cased), read rather than recomputed.
  const handleHash = useReadContract({
    address: deployment.contracts.AgentRegistry,
    abi: agentRegistryAbi,
    chainId,
    functionName: "handleHash",
    args: [parsed?.kind === "handle" ? parsed.handle : ""],
    query: { enabled: parsed?.kind === "handle", staleTime: Infinity },
  }).data;
  const subject = parsed?.kind === "address" ? parsed.subject : parsed?.kind === "handle" ? handleHash : undefined;
  const chosenDesk = deskId ?? desks[0]?.id;

  return (
    <section className="card" aria-labelledby="report-title">
      <h2 id="report-title">Report an impersonator</h2>
      <p className="muted">
        Contacted by a fake agent? Report the address or handle: the desk's operators review it, and everyone who checks it here is warned.
      </p>
      <form className="form" onSubmit={(e) => e.preventDefault()}>
        <label>
          Address or handle of the impersonator
          <input name="report-subject" value={subjectText} onChange={(e) => setSubjectText(e.target.value)} placeholder="0x… or @handle" />
        </label>
        <label>
          Desk it pretends to be
          <select name="report-desk" value={chosenDesk ?? ""} onChange={(e) => setDeskId(Number(e.target.value))}>
            {desks.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          What happened
          <span className="hint">Where it contacted you and what it asked for. This text is public.</span>
          <textarea name="report-evidence" value={evidence} onChange={(e) => setEvidence(e.target.value)} />
        </label>
        <div>
          <TxButton
            pending={tx.pending}
            disabled={!subject || chosenDesk === undefined}
            onClick={() => subject && chosenDesk !== undefined && tx.report(subject, chosenDesk, evidence)}
          >
            Report impersonator
          </TxButton>
        </div>
        <TxStatus state={tx} success="Report filed. The desk's operators will review it." />
      </form>
    </section>
  );
}
