/**
 * "What it would do": a proposal's calls run against the current chain state as the timelock would run
 * them (SDK simulateProposal: one eth_call, no transaction), and their effects in words (SDK
 * describeProposal). Re-run whenever a protocol transaction lands, so a stale preview is never shown.
 */
import { describeProposal, type Effect, type ProposalCall, simulateProposal } from "@support-quality/sdk";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { getBlockNumber } from "viem/actions";
import { useClient } from "wagmi";
import { ErrorNote, Loading } from "../../components/States";
import { useChainNow } from "../../lib/chainTime";
import { usePolicies } from "../../lib/policies";
import { useProtocol } from "../../lib/useProtocol";

export function useProposalPreview(calls: readonly ProposalCall[] | undefined) {
  const { chainId, deployment } = useProtocol();
  const client = useClient({ chainId });
  const policies = usePolicies();
  const now = useChainNow();
  const contracts = Object.values(deployment.contracts).map((a) => a.toLowerCase());
  const key = calls?.map((c) => `${c.target}:${c.value}:${c.data}`).join("|");
  return useQuery({
    // A "protocol" key lists the contracts it reads: any protocol transaction re-runs the simulation.
    queryKey: ["protocol", chainId, contracts, "proposal-preview", key],
    enabled: !!client && !!calls && !!policies.data && now !== undefined,
    staleTime: 15_000,
    queryFn: async () => {
      const latestVersion = (policyId: bigint) => {
        const v = policies.data?.find((p) => p.id === policyId)?.versions.at(-1);
        return v && { version: v.version, params: v.params };
      };
      const governors = { governor: deployment.contracts.SupportGovernor, timelock: deployment.contracts.TimelockController };
      const [outcome, effects, block] = await Promise.all([
        simulateProposal(client!, governors, calls!),
        describeProposal(client!, { deployment, latestVersion, now: Number(now) }, calls!),
        getBlockNumber(client!, { cacheTime: 0 }),
      ]);
      return { outcome, effects, block };
    },
  });
}

function EffectLine({ effect }: { effect: Effect }) {
  const flagged = effect.type === "unknown";
  return (
    <li className={flagged ? "effect effect-flagged" : "effect"} data-testid="effect">
      {flagged && <span className="badge badge-bad">not decoded</span>} {effect.sentence}
      {effect.type === "policyVersion" && (
        <>
          {" "}
          <Link to={`/policies/${effect.policyId}`}>policy #{String(effect.policyId)}</Link>
          {effect.textWarning && (
            <span className="error-note" data-testid="text-warning">
              {" "}
              {effect.textWarning}
            </span>
          )}
        </>
      )}
    </li>
  );
}

/** The simulated outcome and effects of `calls`, as of the latest block. */
export function ProposalPreview({ calls }: { calls: readonly ProposalCall[] }) {
  const preview = useProposalPreview(calls);
  if (preview.error) return <ErrorNote error={preview.error} />;
  if (!preview.data) return <Loading what="Simulating the proposal against the current chain state" />;
  const { outcome, effects, block } = preview.data;
  return (
    <section className="card" aria-labelledby="preview-title" data-testid="proposal-preview">
      <h2 id="preview-title">What it would do</h2>
      {outcome.ok ? (
        <p className="hash-ok" data-testid="simulation-outcome" data-ok="true">
          ✓ Simulated against block {String(block)}: every call runs, as the timelock would execute them now.
        </p>
      ) : (
        <p className="error-note" data-testid="simulation-outcome" data-ok="false">
          ✗ {outcome.failedCall === undefined ? "It would revert" : `Call ${outcome.failedCall + 1} would revert`} if executed now: {outcome.reason}
        </p>
      )}
      <ol>
        {effects.map((e) => (
          <EffectLine key={e.call} effect={e} />
        ))}
      </ol>
      <p className="hint">
        Simulated with the chain as it is now; what runs is decided at execution, after the vote and the timelock delay. The preview re-runs when the protocol's
        state changes.
      </p>
    </section>
  );
}
