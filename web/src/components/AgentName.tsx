import { shortAddress } from "@support-quality/sdk";
import { Link } from "react-router";

/** An agent by handle (short address until handles are read, or for an address that never was an agent), linking to its profile. */
export function AgentName({ address, handles }: { address: string; handles?: Map<string, string> }) {
  const handle = handles?.get(address.toLowerCase());
  return (
    <Link to={`/agents/${address}`} title={address}>
      {handle || <code className="address">{shortAddress(address)}</code>}
    </Link>
  );
}
