import { label, POLICY_KIND_LABELS, policyContentHash, policyRegistryAbi, shortHash, supportGovernorAbi, textParamsMismatch } from "@support-quality/sdk";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { type Hash, parseEventLogs } from "viem";
import { getTransactionReceipt } from "viem/actions";
import { useClient, useReadContracts } from "wagmi";
import { AddressText } from "../../components/Address";
import { DateTime } from "../../components/DateTime";
import { Empty, ErrorNote, Loading } from "../../components/States";
import { useChainNow } from "../../lib/chainTime";
import { type PolicyRecord, type PolicyVersion, usePolicies, versionInForce } from "../../lib/policies";
import { useProtocol } from "../../lib/useProtocol";
import { type DiffMode, DiffView } from "./DiffView";
import { ParamChangesTable, ParamsView } from "./ParamsView";

/** The proposal whose execution published a version: the ProposalExecuted event in the same transaction. */
function usePublishingProposal(transactionHash: Hash) {
  const { chainId, deployment } = useProtocol();
  const client = useClient({ chainId });
  return useQuery({
    queryKey: ["tx-proposal", chainId, transactionHash],
    enabled: !!client,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => {
      const receipt = await getTransactionReceipt(client!, { hash: transactionHash });
      const governor = deployment.contracts.SupportGovernor.toLowerCase();
      const logs = parseEventLogs({
        abi: supportGovernorAbi,
        eventName: "ProposalExecuted",
        logs: receipt.logs.filter((l) => l.address.toLowerCase() === governor),
      });
      return logs[0]?.args.proposalId ?? null;
    },
  });
}

function PublishedBy({ version }: { version: PolicyVersion }) {
  const proposal = usePublishingProposal(version.transactionHash);
  return (
    <>
      {proposal.data ? (
        <Link to={`/governance/${proposal.data}`} data-testid="published-by-proposal">
          proposal {shortHash(`0x${proposal.data.toString(16)}`)}
        </Link>
      ) : (
        <AddressText address={version.publisher} />
      )}{" "}
      in block {String(version.blockNumber)}
    </>
  );
}

/** Recomputes each version's hash from its event text and compares it with the hash stored on-chain. */
function useStoredHashes(policy: PolicyRecord | undefined) {
  const { chainId, deployment } = useProtocol();
  return useReadContracts({
    contracts: (policy?.versions ?? []).map(
      (v) =>
        ({
          address: deployment.contracts.PolicyRegistry,
          abi: policyRegistryAbi,
          chainId,
          functionName: "version",
          args: [v.policyId, v.version],
        }) as const,
    ),
    allowFailure: false,
    query: { enabled: !!policy, staleTime: 300_000 },
  });
}

function HashCheck({ version, stored }: { version: PolicyVersion; stored: `0x${string}` | undefined }) {
  const recomputed = policyContentHash(version.kind, version);
  if (!stored) return <span className="muted">checking…</span>;
  const ok = recomputed === stored && recomputed === version.contentHash;
  return ok ? (
    <span className="hash-ok" data-testid="hash-check" data-ok="true" title={`hash of kind, text, link and typed values = ${recomputed}`}>
      ✓ matches {shortHash(stored)}
    </span>
  ) : (
    <span className="hash-bad" data-testid="hash-check" data-ok="false" title={`hash of kind, text, link and typed values = ${recomputed}, stored ${stored}`}>
      ✗ mismatch: the published content hashes to {shortHash(recomputed)}, the registry holds {shortHash(stored)}
    </span>
  );
}

export function PolicyPage() {
  const { policyId } = useParams();
  const policies = usePolicies();
  const now = useChainNow();
  const policy = policies.data?.find((p) => String(p.id) === policyId);
  const hashes = useStoredHashes(policy);
  const count = policy?.versions.length ?? 0;
  const [from, setFrom] = useState<number | undefined>();
  const [to, setTo] = useState<number | undefined>();
  const [mode, setMode] = useState<DiffMode>("words");

  if (policies.isLoading) return <Loading what="Reading the policy history" />;
  if (policies.error) return <ErrorNote error={policies.error} />;
  if (!policy)
    return (
      <Empty>
        There is no policy #{policyId}. <Link to="/policies">All policies</Link>
      </Empty>
    );

  const current = versionInForce(policy, now);
  const a = from ?? Math.max(1, count - 1);
  const b = to ?? count;

  return (
    <>
      <p>
        <Link to="/policies">← All policies</Link>
      </p>
      <h1>{policy.title}</h1>
      <p className="muted">
        {label(POLICY_KIND_LABELS, policy.kind)} · policy #{String(policy.id)} · {count} version{count === 1 ? "" : "s"}
        {current && ` · version ${current.version} in force`}
        {policy.retiredAt !== undefined && (
          <>
            {" "}
            · retired <DateTime seconds={policy.retiredAt} />
          </>
        )}
      </p>

      {count >= 2 && (
        <section className="card">
          <h2>Compare versions</h2>
          <div className="field-row">
            <VersionSelect label="From" name="diff-from" versions={policy.versions} value={a} onChange={setFrom} />
            <VersionSelect label="To" name="diff-to" versions={policy.versions} value={b} onChange={setTo} />
            <label>
              Granularity
              <select value={mode} onChange={(e) => setMode(e.target.value as DiffMode)}>
                <option value="words">Words</option>
                <option value="lines">Lines</option>
              </select>
            </label>
          </div>
          <ParamChangesTable kind={policy.kind} before={policy.versions[a - 1]?.params ?? "0x"} after={policy.versions[b - 1]?.params ?? "0x"} />
          <DiffView before={policy.versions[a - 1]?.text ?? ""} after={policy.versions[b - 1]?.text ?? ""} mode={mode} />
        </section>
      )}

      <h2>Version history</h2>
      {hashes.error && <ErrorNote error={hashes.error} />}
      {[...policy.versions].reverse().map((v) => (
        <article className="card" key={String(v.version)} data-testid={`policy-version-${v.version}`}>
          <h3>
            Version {String(v.version)} {current?.version === v.version && <span className="badge badge-good">in force</span>}
          </h3>
          <dl className="facts">
            <dt>Effective from</dt>
            <dd>
              <DateTime seconds={v.effectiveFrom} />
            </dd>
            <dt>Published by</dt>
            <dd>
              <PublishedBy version={v} />
            </dd>
            <dt>Content hash</dt>
            <dd>
              <HashCheck version={v} stored={hashes.data?.[Number(v.version) - 1]?.contentHash} />
            </dd>
            {v.uri && (
              <>
                <dt>Document</dt>
                <dd>
                  <a href={v.uri} rel="noreferrer noopener" target="_blank">
                    {v.uri}
                  </a>
                </dd>
              </>
            )}
          </dl>
          <ParamsView kind={v.kind} params={v.params} />
          <MismatchNote kind={v.kind} text={v.text} params={v.params} />
          <pre className="policy-text">{v.text}</pre>
        </article>
      ))}
    </>
  );
}

/** Picks one of a policy's versions (by number) for the diff. */
function VersionSelect(props: { label: string; name: string; versions: readonly { version: bigint }[]; value: number; onChange: (version: number) => void }) {
  const { label, name, versions, value, onChange } = props;
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(Number(e.target.value))} name={name}>
        {versions.map((v) => (
          <option key={String(v.version)} value={Number(v.version)}>
            v{String(v.version)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A version whose words disagree with its typed values (published outside the dApp), said once. */
function MismatchNote({ kind, text, params }: { kind: number; text: string; params: `0x${string}` }) {
  const mismatch = textParamsMismatch(kind, text, params);
  return mismatch ? (
    <p className="error-note" data-testid="text-params-mismatch">
      ⚠ {mismatch}
    </p>
  ) : null;
}
