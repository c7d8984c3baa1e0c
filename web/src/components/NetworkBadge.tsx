import { useConnection, useSwitchChain } from "wagmi";
import { errorMessage } from "../lib/errors";
import { useProtocol } from "../lib/useProtocol";

/** The chain the dApp reads; when the wallet is elsewhere, a warning with a "Switch network" button. */
export function NetworkBadge() {
  const connection = useConnection();
  const { chainId, chainName, wrongNetwork } = useProtocol();
  const { switchChain, isPending, error } = useSwitchChain();
  if (!wrongNetwork) {
    return (
      <span className="badge badge-network" data-testid="network-badge">
        {chainName}
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
