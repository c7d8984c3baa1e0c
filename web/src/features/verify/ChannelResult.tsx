/**
 * A link, domain, e-mail address, social account or phone number read against the typed parameters of the
 * Official channels policy in force: official, a look-alike of an official one (and of which), or not official.
 */
import { type ChannelVerdict, checkChannel, decodeParams, PolicyKind } from "@support-quality/sdk";
import { Loading } from "../../components/States";
import { useChainNow } from "../../lib/chainTime";
import { usePolicies, versionInForce } from "../../lib/policies";

const TONE: Record<ChannelVerdict["verdict"], { tone: string; title: string }> = {
  official: { tone: "status-official", title: "Official channel" },
  "look-alike": { tone: "status-confirmed", title: "Look-alike of an official channel" },
  "not-official": { tone: "status-unknown", title: "Not an official channel" },
};

/** `quiet`: under an agent lookup, say something only when the input is (or imitates) an official channel. */
export function ChannelResult({ input, quiet = false }: { input: string; quiet?: boolean }) {
  const policies = usePolicies();
  const now = useChainNow();
  const policy = policies.data?.find((p) => p.kind === PolicyKind.OfficialChannels);
  const version = policy ? versionInForce(policy, now) : undefined;
  const typed = version ? decodeParams(PolicyKind.OfficialChannels, version.params) : undefined;
  if (policies.isLoading) return quiet ? null : <Loading what="Reading the official channels" />;
  if (typed?.kind !== "channels") {
    return quiet ? null : (
      <p className="error-note" data-testid="channel-result" data-verdict="unknown">
        No Official channels policy with typed channels is in force yet, so this cannot be checked: trust no support channel you cannot confirm with the desk.
      </p>
    );
  }
  const verdict = checkChannel(input, typed.channels);
  if (!verdict || (quiet && verdict.verdict === "not-official")) return null;
  const view = TONE[verdict.verdict];
  return (
    <section className={`status-panel ${view.tone}`} aria-live="polite" data-testid="channel-result" data-verdict={verdict.verdict}>
      <h2>{view.title}</h2>
      <p data-testid="channel-summary">{verdict.sentence}</p>
      {verdict.verdict !== "official" && (
        <p className="muted">
          The official channels are set by the DAO in the Official channels policy (v{version?.version.toString()}): anything else claiming to be support is
          not.
        </p>
      )}
    </section>
  );
}
