import {
  type ArticleRecord,
  type ArticleVersionRecord,
  articleContentHash,
  articleInForce,
  knowledgeBaseAbi,
  PolicyKind,
  shortHash,
} from "@support-quality/sdk";
import { useState } from "react";
import { Link, useParams } from "react-router";
import type { Address, Hex } from "viem";
import { useReadContract, useReadContracts } from "wagmi";
import { AddressText } from "../../components/Address";
import { DateTime } from "../../components/DateTime";
import { Empty, ErrorNote, Loading } from "../../components/States";
import { usePolicies } from "../../lib/policies";
import { usePageTitle } from "../../lib/usePageTitle";
import { useProtocol } from "../../lib/useProtocol";
import { DiffView } from "../policies/DiffView";
import { ArticleMarkdown } from "./ArticleMarkdown";
import { categoryName, securityCategory, useTicketCategories } from "./categories";
import { HelpfulCount } from "./HelpfulCount";
import { HelpfulVote } from "./HelpfulVote";
import { OfflineNotice } from "./OfflineNotice";
import { useArticles } from "./queries";
import { useNowSeconds } from "./useNowSeconds";

/** The version to show: the one in force; for a retired article the last one in force; else the first, scheduled. */
function shownVersion(article: ArticleRecord, now: number): ArticleVersionRecord | undefined {
  if (article.retiredAt !== undefined && article.retiredAt <= now) {
    return articleInForce({ ...article, retiredAt: undefined }, article.retiredAt) ?? article.versions[0];
  }
  return articleInForce(article, now) ?? article.versions[0];
}

/** "English (en)" for a BCP 47 tag; the tag alone when the browser does not know it. */
function languageName(tag: string): string {
  try {
    const name = new Intl.DisplayNames(["en"], { type: "language" }).of(tag);
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}

/** What a version says, as the diff compares it: the title, then the body. */
const asText = (v: ArticleVersionRecord) => `# ${v.title}\n\n${v.body}`;

/** The stored side of each version (content hash and tally), and the version votes go to. */
function useArticleOnChain(article: ArticleRecord | undefined) {
  const { chainId, deployment } = useProtocol();
  const knowledgeBase = { address: deployment.contracts.KnowledgeBase, abi: knowledgeBaseAbi, chainId } as const;
  const inForce = useReadContract({
    ...knowledgeBase,
    functionName: "versionInForce",
    args: [article?.id ?? 0n],
    query: { enabled: !!article, staleTime: 30_000 },
  });
  const versions = useReadContracts({
    contracts: (article?.versions ?? []).map((v) => ({ ...knowledgeBase, functionName: "articleVersion", args: [v.articleId, v.version] }) as const),
    allowFailure: false,
    query: { enabled: !!article, staleTime: 30_000 },
  });
  return { inForce: inForce.data, versions: versions.data, error: inForce.error ?? versions.error };
}

/**
 * The policy page's check for an article version: its hash recomputed from the event's text matches both the hash
 * the contract stored and the one the event carried.
 */
function HashCheck({ version, stored, testId }: { version: ArticleVersionRecord; stored: Hex | undefined; testId: string }) {
  const recomputed = articleContentHash(version.category, version);
  if (!stored) {
    return (
      <span className="muted" data-testid={testId}>
        checking…
      </span>
    );
  }
  const ok = recomputed.toLowerCase() === stored.toLowerCase() && recomputed.toLowerCase() === version.contentHash.toLowerCase();
  return ok ? (
    <span className="hash-ok" data-testid={testId} data-ok="true" title={`hash of category, title, body and language = ${recomputed}`}>
      ✓ matches {shortHash(stored)}
    </span>
  ) : (
    <span className="hash-bad" data-testid={testId} data-ok="false" title={`hash of category, title, body and language = ${recomputed}, stored ${stored}`}>
      ✗ does not match: the published text hashes to {shortHash(recomputed)}, the knowledge base holds {shortHash(stored)}
    </span>
  );
}

function Publisher({ publisher }: { publisher: Address }) {
  const { TimelockController } = useProtocol().deployment.contracts;
  return publisher.toLowerCase() === TimelockController.toLowerCase() ? (
    <>by a DAO proposal</>
  ) : (
    <>
      by the DAO's appointed editor <AddressText address={publisher} />
    </>
  );
}

/** Where real support's rules are written: the Security script policy. */
function SecurityScriptLink() {
  const script = usePolicies().data?.find((p) => p.kind === PolicyKind.SecurityScript);
  if (!script) return null;
  return (
    <p data-testid="security-script-link">
      Real support follows the DAO's <Link to={`/policies/${script.id}`}>{script.title}</Link>: what it will never ask of you is written there.
    </p>
  );
}

export function ArticlePage() {
  const { articleId } = useParams();
  const articles = useArticles();
  const now = useNowSeconds();
  const categories = useTicketCategories();
  const article = articles.data?.find((a) => String(a.id) === articleId);
  const onChain = useArticleOnChain(article);
  const shown = article && shownVersion(article, now);
  const [diffVersion, setDiffVersion] = useState<number>();
  usePageTitle(shown?.title);

  if (articles.isLoading) return <Loading what="Reading the article" />;
  if (articles.error && !articles.data) return <ErrorNote error={articles.error} />;
  if (!article || !shown) {
    return (
      <Empty>
        There is no help article #{articleId}. <Link to="/help">All help articles</Link>
      </Empty>
    );
  }

  const retired = article.retiredAt !== undefined && article.retiredAt <= now;
  const inForce = !retired && shown.effectiveFrom <= now;
  const scheduled = retired ? undefined : article.versions.find((v) => v.effectiveFrom > now && v.version > shown.version);
  const stored = (v: ArticleVersionRecord) => onChain.versions?.[article.versions.indexOf(v)];
  const tally = stored(shown) ?? shown;
  // Votes go to the version the contract has in force (the same as the one shown, unless the clock just moved).
  const voteVersion = onChain.inForce !== undefined && onChain.inForce > 0n ? onChain.inForce : shown.version;
  const category = categoryName(categories, article.category);
  const compared = diffVersion ?? (shown.version > 1n ? Number(shown.version) : article.versions.length);
  const after = article.versions.find((v) => Number(v.version) === compared);
  const before = article.versions.find((v) => Number(v.version) === compared - 1);

  return (
    <>
      <p>
        <Link to="/help">← Help centre</Link>
      </p>
      <OfflineNotice />
      <article className="card" aria-labelledby="article-title">
        <h1 id="article-title" lang={shown.language}>
          {shown.title}
        </h1>
        <p className="muted" data-testid="article-facts">
          {category} · {languageName(shown.language)} · Version {String(shown.version)},{" "}
          {inForce ? "in force since" : retired ? "in force from" : "takes effect on"} <DateTime seconds={shown.effectiveFrom} /> ·{" "}
          <Publisher publisher={shown.publisher} />
        </p>
        {retired && (
          <p data-testid="article-retired">
            <span className="badge badge-warn">retired</span> Retired on <DateTime seconds={article.retiredAt!} />: the DAO no longer offers this article; it
            stays here as it was.
          </p>
        )}
        {scheduled && (
          <p className="hint" data-testid="article-scheduled">
            Version {String(scheduled.version)} takes effect on <DateTime seconds={scheduled.effectiveFrom} />.
          </p>
        )}
        <ArticleMarkdown body={shown.body} language={shown.language} />
        <p className="hint">
          Content hash: <HashCheck version={shown} stored={stored(shown)?.contentHash} testId="article-hash-check" />
        </p>
        {securityCategory(categories) === article.category && <SecurityScriptLink />}
      </article>

      <section className="card" aria-labelledby="helpful-title">
        <h2 id="helpful-title">Was this helpful?</h2>
        <p>
          <HelpfulCount helpful={tally.helpful} notHelpful={tally.notHelpful} testId="helpful-count" />
        </p>
        {inForce && <HelpfulVote articleId={article.id} version={voteVersion} />}
        {!inForce && !retired && <p className="hint">Answers open when the article takes effect.</p>}
      </section>

      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">Version history</h2>
        {onChain.error && <ErrorNote error={onChain.error} />}
        <ol className="article-history" data-testid="article-history" reversed>
          {[...article.versions].reverse().map((v) => {
            const counts = stored(v) ?? v;
            return (
              <li key={String(v.version)} data-testid={`article-version-${v.version}`}>
                <strong>Version {String(v.version)}</strong>
                {v.version === shown.version && inForce && <span className="badge badge-good">in force</span>}
                {v.title !== shown.title && <> — “{v.title}”</>}
                <br />
                <span className="muted">
                  {v.effectiveFrom <= now ? "from" : "takes effect on"} <DateTime seconds={v.effectiveFrom} />, <Publisher publisher={v.publisher} /> ·{" "}
                </span>
                <HelpfulCount helpful={counts.helpful} notHelpful={counts.notHelpful} /> ·{" "}
                <HashCheck version={v} stored={stored(v)?.contentHash} testId={`article-hash-check-${v.version}`} />
                {v.version > 1n && (
                  <>
                    {" "}
                    ·{" "}
                    <button type="button" className="link-button" onClick={() => setDiffVersion(Number(v.version))} aria-controls="article-changes">
                      changes from version {String(v.version - 1n)}
                    </button>
                  </>
                )}
              </li>
            );
          })}
        </ol>
        {after && before && (
          <div id="article-changes">
            <h3>
              Changes in version {compared} (from version {compared - 1})
            </h3>
            <DiffView before={asText(before)} after={asText(after)} testId="article-diff" />
          </div>
        )}
      </section>
    </>
  );
}
