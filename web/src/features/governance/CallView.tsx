import { formatTokens, label, POLICY_KIND_LABELS, shortAddress } from "@support-quality/sdk";
import type { Address, Hex } from "viem";
import { DateTime } from "../../components/DateTime";
import type { ProtocolAddresses } from "../../lib/contracts";
import { usePolicies } from "../../lib/policies";
import { categoryName, useTicketCategories } from "../help/categories";
import { useArticles } from "../help/queries";
import { DiffView } from "../policies/DiffView";
import { ParamChangesTable, ParamsView } from "../policies/ParamsView";
import { decodeCall } from "./decodeCall";

function show(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return /^0x[0-9a-fA-F]{40}$/.test(value) ? shortAddress(value) : value;
  if (Array.isArray(value)) return `[${value.map(show).join(", ")}]`;
  if (value && typeof value === "object")
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${show(v)}`)
      .join(", ")} }`;
  return String(value);
}

/** One call of a proposal, in words: the policy it publishes, or the function and its arguments. */
export function CallView({ contracts, target, value, data }: { contracts: ProtocolAddresses; target: Address; value: bigint; data: Hex }) {
  const call = decodeCall(contracts, target, data);
  const policies = usePolicies();
  if (call.functionName === "publishArticle") return <ArticleCallView args={call.args} />;
  if (call.functionName === "publishPolicy") {
    const [kind, policyId, effectiveFrom, content] = call.args as [number, bigint, number, { title: string; text: string; uri: string; params: Hex }];
    // Against the policy's newest version: what a voter needs to see is what changes.
    const previous = policyId === 0n ? undefined : policies.data?.find((p) => p.id === policyId)?.versions.at(-1);
    return (
      <div className="card" data-testid="decoded-call">
        <h3>
          {policyId === 0n ? "Create" : `Publish a new version of policy #${policyId}:`} {label(POLICY_KIND_LABELS, kind)} — “{content.title}”
        </h3>
        <dl className="facts">
          <dt>Call</dt>
          <dd>
            <code>PolicyRegistry.publishPolicy</code>
          </dd>
          <dt>Takes effect</dt>
          <dd>{effectiveFrom === 0 ? "when the proposal is executed" : <DateTime seconds={effectiveFrom} />}</dd>
          {content.uri && (
            <>
              <dt>Document</dt>
              <dd>{content.uri}</dd>
            </>
          )}
        </dl>
        <ParamsView kind={kind} params={content.params} />
        {previous ? (
          <>
            <h4>Changes against version {String(previous.version)}</h4>
            <ParamChangesTable kind={kind} before={previous.params} after={content.params} />
            <DiffView before={previous.text} after={content.text} mode="lines" />
          </>
        ) : (
          <pre className="policy-text">{content.text}</pre>
        )}
      </div>
    );
  }
  return (
    <div className="card" data-testid="decoded-call">
      <h3>
        <code>
          {call.contract ?? shortAddress(target)}.{call.functionName ?? "(unknown function)"}
        </code>
      </h3>
      {value > 0n && <p>Sends {formatTokens(value, "ETH")}</p>}
      {call.functionName ? (
        <ol>
          {call.args.map((arg, i) => (
            <li key={i}>
              <code>{show(arg)}</code>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">This call is not to a protocol contract; its data cannot be shown in words. Review it with care.</p>
      )}
    </div>
  );
}

/** A help-article version a proposal publishes: its words, and what changes against the article's newest version. */
function ArticleCallView({ args }: { args: readonly unknown[] }) {
  const [category, articleId, effectiveFrom, content] = args as [number, bigint, number, { title: string; body: string; language: string }];
  const articles = useArticles();
  const categories = useTicketCategories();
  const previous = articleId === 0n ? undefined : articles.data?.find((a) => a.id === articleId)?.versions.at(-1);
  return (
    <div className="card" data-testid="decoded-call">
      <h3>
        {articleId === 0n ? "Create a help article" : `Publish a new version of help article #${articleId}:`} “{content.title}”
      </h3>
      <dl className="facts">
        <dt>Call</dt>
        <dd>
          <code>KnowledgeBase.publishArticle</code>
        </dd>
        <dt>Category</dt>
        <dd>{categoryName(categories, category)}</dd>
        <dt>Language</dt>
        <dd>{content.language}</dd>
        <dt>Takes effect</dt>
        <dd>{effectiveFrom === 0 ? "when the proposal is executed" : <DateTime seconds={effectiveFrom} />}</dd>
      </dl>
      {previous ? (
        <>
          <h4>Changes against version {String(previous.version)}</h4>
          <DiffView before={`${previous.title}\n\n${previous.body}`} after={`${content.title}\n\n${content.body}`} mode="lines" testId="article-diff" />
        </>
      ) : (
        <pre className="policy-text">{content.body}</pre>
      )}
    </div>
  );
}
