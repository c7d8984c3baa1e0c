/**
 * Which deployment the dApp reads: the connected wallet's chain when the protocol is deployed there,
 * otherwise the first deployed chain (the local chain in development). Wrong-network state comes from here.
 */
import { useChains, useConnection } from "wagmi";
import { deployedChainIds, deploymentOn, type ProtocolDeployment } from "./contracts";

export interface AppChain {
  chainId: number;
  chainName: string;
  deployment: ProtocolDeployment;
  /** The wallet is connected to a chain where the protocol is not deployed. */
  wrongNetwork: boolean;
}

export function useProtocol(): AppChain {
  const connection = useConnection();
  const chains = useChains();
  const walletChain = connection.status === "connected" ? connection.chainId : undefined;
  const walletDeployment = deploymentOn(walletChain);
  const fallbackId = chains.find((c) => deployedChainIds.includes(c.id))?.id ?? deployedChainIds[0]!;
  const deployment = walletDeployment ?? deploymentOn(fallbackId)!;
  const chainName = chains.find((c) => c.id === deployment.chainId)?.name ?? `chain ${deployment.chainId}`;
  return { chainId: deployment.chainId, chainName, deployment, wrongNetwork: walletChain !== undefined && !walletDeployment };
}
