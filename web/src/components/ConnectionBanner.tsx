import { useChainHealth } from "../lib/chainHealth";
import { useProtocol } from "../lib/useProtocol";
import { IndexNotice } from "./IndexNotice";

/**
 * The one place that says the data source is in trouble: the chain node unreachable (sections then show a
 * short placeholder, not the same error again), else the index notice (behind / unavailable).
 */
export function ConnectionBanner() {
  const state = useChainHealth();
  const { chainName } = useProtocol();
  if (state === "offline") {
    return (
      <p className="connection-banner" role="alert" data-testid="connection-banner">
        <strong>Offline:</strong> the {chainName} node does not answer. What is shown is the last data read, if any; nothing can be sent until it is back
        (checked every few seconds).
      </p>
    );
  }
  return <IndexNotice />;
}
