import { useConnection, useSwitchChain } from "wagmi";
import { useChainHealth } from "../lib/chainHealth";
import { errorMessage } from "../lib/errors";
import { useProtocol } from "../lib/useProtocol";

/**
 * The chain the dApp reads and whether its node answers (green online, grey while checking, red offline);
 * when the wallet is elsewhere, a warning with a "Switch network" button.
 */
export function NetworkBadge() {
  const connection = useConnection();
  const { chainId, chainName, wrongNetwork } = useProtocol();
  const { switchChain, isPending, error } = useSwitchChain();
  const health = useChainHealth();
  if (!wrongNetwork) {
    const status = health === "offline" ? "offline" : health === "checking" ? "connecting…" : undefined;
    return (
      <span className={`badge badge-network badge-network-${health}`} data-testid="network-badge" data-state={health}>
        <span className="status-dot" aria-hidden="true" />
        {chainName}
        {status && ` — ${status}`}
      </span>
    );
  }
  return (
    <div className="wrong-network" role="alert" data-testid="wrong-network">
      <span className="badge badge-bad">Wrong network (chain {connection.chainId})</span>
      <button type="button" className="primary" disabled={isPending} onClick={() => switchChain({ chainId })}>
        {isPending ? "Switching…" : `Switch network to ${chainName}`}
      </button>
      {error && <span className="error-note">{errorMessage(error, { expectedChainName: chainName })}</span>}
    </div>
  );
}
