/** The audit run (every event from the deployment block, recomputed and compared), shared by the Audit and Feedback pages. */
import { type Deployment, type Progress, runAudit } from "@support-quality/sdk/audit";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { usePublicClient } from "wagmi";
import { useProtocol } from "../../lib/useProtocol";

export function useAudit() {
  const { chainId, deployment } = useProtocol();
  const client = usePublicClient({ chainId });
  const [progress, setProgress] = useState<Progress>();
  const audit = useQuery({
    queryKey: ["audit", chainId, deployment.contracts.SupportRatings],
    enabled: client !== undefined,
    staleTime: Infinity,
    queryFn: async () => {
      const d: Deployment = { chainId, deploymentBlock: Number(deployment.deploymentBlock), deployedAt: 0, contracts: deployment.contracts };
      return runAudit(client!, d, { onProgress: setProgress, retry: { retries: 3, baseDelayMs: 300 } });
    },
  });
  return { audit, progress };
}
