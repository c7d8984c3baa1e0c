/**
 * Every credential an agent was ever granted, newest first: who examined them, until when, the evidence the
 * examiner recorded, and — kept in history, never deleted — expiries and revocations with their reason.
 */
import type { Address } from "viem";
import { AddressText } from "../../components/Address";
import { DateTime } from "../../components/DateTime";
import { ErrorNote, Loading } from "../../components/States";
import { TableScroll } from "../../components/TableScroll";
import { CredentialList } from "./CredentialsInForce";
import { type CredentialEntry, type CredentialRecord, useCredentialRecords, useCredentials } from "./queries";

const STATE_BADGE: Record<CredentialEntry["state"], string> = { valid: "badge-good", expired: "badge-warn", revoked: "badge-bad" };

/** A link when the evidence is a web address; any other reference (a content hash) as text. */
function Evidence({ text }: { text: string | undefined }) {
  if (text === undefined) return <span className="muted">—</span>;
  if (/^https?:\/\/\S+$/i.test(text)) {
    return (
      <a href={text} rel="noopener noreferrer nofollow" target="_blank">
        {text}
      </a>
    );
  }
  return <code>{text}</code>;
}

function StateCell({ credential, record }: { credential: CredentialEntry; record?: CredentialRecord }) {
  const badge = <span className={`badge nowrap ${STATE_BADGE[credential.state]}`}>{credential.state === "valid" ? "in force" : credential.state}</span>;
  if (credential.state === "revoked") {
    return (
      <>
        {badge} on <DateTime seconds={credential.revokedAt} />
        {record?.revokeReason && <>: {record.revokeReason}</>}
        {record?.revokedBy && (
          <>
            {" "}
            (by <AddressText address={record.revokedBy} />)
          </>
        )}
      </>
    );
  }
  return badge;
}

export function CredentialHistory({ agent }: { agent: Address }) {
  const credentials = useCredentials(agent);
  const records = useCredentialRecords(agent);
  if (credentials.isPending && credentials.fetchStatus !== "idle") return <Loading what="Reading the credentials" />;
  if (credentials.error) return <ErrorNote error={credentials.error} />;
  if (!credentials.data) return null;
  if (credentials.data.length === 0) return <p className="empty">No credential was ever granted to this agent.</p>;
  const newestFirst = [...credentials.data].reverse();
  return (
    <>
      <CredentialList credentials={credentials.data} />
      <h3>History</h3>
      {records.error && <ErrorNote error={records.error} />}
      <TableScroll label="Credential history">
        <table data-testid="credential-history">
          <thead>
            <tr>
              <th>Credential</th>
              <th>Granted</th>
              <th>Examiner</th>
              <th>Valid until</th>
              <th>State</th>
              <th>Evidence</th>
            </tr>
          </thead>
          <tbody>
            {newestFirst.map((c) => {
              const record = records.data?.get(String(c.tokenId));
              return (
                <tr key={String(c.tokenId)} data-testid="credential-row" data-state={c.state}>
                  <td>
                    {c.levelName} <span className="muted">#{String(c.tokenId)}</span>
                  </td>
                  <td>
                    <DateTime seconds={c.grantedAt} />
                  </td>
                  <td>
                    <AddressText address={c.examiner} />
                  </td>
                  <td>
                    <DateTime seconds={c.expiresAt} />
                  </td>
                  <td>
                    <StateCell credential={c} record={record} />
                  </td>
                  <td>{records.isPending ? <span className="muted">…</span> : <Evidence text={record?.evidence} />}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
