/** The credentials an agent holds now ("Security specialist until 3 Jun 2027, 10:00 UTC"), wherever the agent is shown. */
import type { Address } from "viem";
import { DateTime } from "../../components/DateTime";
import { ErrorNote } from "../../components/States";
import { type CredentialEntry, useCredentials } from "./queries";

export function CredentialList({ credentials }: { credentials: readonly CredentialEntry[] }) {
  const valid = credentials.filter((c) => c.state === "valid");
  if (valid.length === 0) {
    return (
      <span className="muted" data-testid="credentials-none">
        No credential in force.
      </span>
    );
  }
  return (
    <ul className="credential-list" data-testid="credentials">
      {valid.map((c) => (
        <li key={String(c.tokenId)} className="credential" data-testid="credential" data-level={c.levelId}>
          <strong>{c.levelName}</strong> until <DateTime seconds={c.expiresAt} />
        </li>
      ))}
    </ul>
  );
}

/** Reads `agent`'s credentials and lists those in force; says nothing while reading. */
export function CredentialsInForce({ agent }: { agent: Address }) {
  const credentials = useCredentials(agent);
  if (credentials.error) return <ErrorNote error={credentials.error} />;
  if (!credentials.data) return null;
  return <CredentialList credentials={credentials.data} />;
}
