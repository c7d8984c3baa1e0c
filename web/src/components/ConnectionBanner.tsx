import { useIsFetching } from "@tanstack/react-query";
import { useConnection } from "wagmi";
import { useChainHealth } from "../lib/chainHealth";
import { useProtocol } from "../lib/useProtocol";
import { IndexNotice } from "./IndexNotice";

/**
 * The one place that says the data source is in trouble: the chain node unreachable (sections then show a
 * short placeholder, not the same error again; "reconnecting" while a new check is on its way), else a
 * wallet on another network, else the index notice (behind / unavailable / reset).
 */
export function ConnectionBanner() {
  const state = useChainHealth();
  const { chainId, chainName, wrongNetwork } = useProtocol();
  const reconnecting = useIsFetching({ queryKey: ["chain-health", chainId] }) > 0;
  const connection = useConnection();
  if (state === "offline") {
    return (
      <p className="connection-banner" role="alert" data-testid="connection-banner" data-state="offline">
        <strong>Offline:</strong> the {chainName} node does not answer. What is shown is the last data read, if any; nothing can be sent until it is back
        {reconnecting ? " (reconnecting now…)" : " (checked again every few seconds)."}
      </p>
    );
  }
  if (wrongNetwork) {
    return (
      <p className="connection-banner" role="status" data-testid="connection-banner" data-state="wrong-network">
        <strong>Wrong network:</strong> your wallet is on chain {connection.chainId}. Everything shown is read from {chainName}; to send anything, switch your
        wallet to {chainName} (the button at the top right).
      </p>
    );
  }
  return <IndexNotice />;
}
