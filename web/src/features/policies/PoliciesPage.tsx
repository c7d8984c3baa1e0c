import { label, POLICY_KIND_LABELS } from "@support-quality/sdk";
import { Link } from "react-router";
import { DateTime } from "../../components/DateTime";
import { Empty, ErrorNote, Loading } from "../../components/States";
import { TableScroll } from "../../components/TableScroll";
import { useChainNow } from "../../lib/chainTime";
import { scheduledVersion, usePolicies, versionInForce } from "../../lib/policies";

export function PoliciesPage() {
  const policies = usePolicies();
  const now = useChainNow();
  return (
    <>
      <h1>Policies</h1>
      <p className="muted">The support rules the DAO has voted: every version is kept, with its full text and a content hash you can check.</p>
      {policies.isLoading && <Loading what="Reading the policy history" />}
      {policies.error && <ErrorNote error={policies.error} />}
      {policies.data?.length === 0 && <Empty>No policy has been published yet.</Empty>}
      {policies.data && policies.data.length > 0 && (
        <TableScroll label="Policies">
          <table data-testid="policies-table">
            <thead>
              <tr>
                <th>Policy</th>
                <th>Kind</th>
                <th className="num">Versions</th>
                <th>In force</th>
                <th>Next</th>
              </tr>
            </thead>
            <tbody>
              {policies.data.map((p) => {
                const current = versionInForce(p, now);
                const next = scheduledVersion(p, now);
                return (
                  <tr key={String(p.id)}>
                    <td>
                      <Link to={`/policies/${p.id}`}>{p.title}</Link>
                    </td>
                    <td>{label(POLICY_KIND_LABELS, p.kind)}</td>
                    <td className="num">{p.versions.length}</td>
                    <td>
                      {p.retiredAt !== undefined && now !== undefined && p.retiredAt <= Number(now) ? (
                        <span className="badge badge-bad">
                          retired <DateTime seconds={p.retiredAt} />
                        </span>
                      ) : current ? (
                        <>
                          v{String(current.version)} since <DateTime seconds={current.effectiveFrom} />
                        </>
                      ) : (
                        <span className="muted">not yet in force</span>
                      )}
                    </td>
                    <td>
                      {next ? (
                        <>
                          v{next.version} from <DateTime seconds={next.effectiveFrom} />
                        </>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
