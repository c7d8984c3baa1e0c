/**
 * The help-article editor: a new article, a new version of one, or its retirement, as a proposal. The body is
 * Markdown, previewed exactly as the help centre renders it, with a diff against the version in force; the
 * contract's limits are checked before anything is signed, and drafts are kept in the browser per article.
 */
import { type ArticleRecord, articleInForce } from "@support-quality/sdk";
import { useMemo, useState } from "react";
import { Link, useNavigate } from "react-router";
import { ErrorNote, Loading } from "../../components/States";
import { TxButton } from "../../components/TxButton";
import { TxStatus } from "../../components/TxStatus";
import { usePropose } from "../../lib/actions";
import { useChainNow } from "../../lib/chainTime";
import { useProtocol } from "../../lib/useProtocol";
import { useRulesAt } from "../agents/queries";
import { ArticleMarkdown } from "../help/ArticleMarkdown";
import { useArticles } from "../help/queries";
import { DiffView } from "../policies/DiffView";
import { ARTICLE_LIMITS, type ArticleEdit, buildArticleProposal, validateArticleEdit } from "./buildArticleProposal";
import { CallView } from "./CallView";
import { ProposalPreview } from "./ProposalPreview";
import { QuorumPreview } from "./ProposalWizard";
import { createdProposalId } from "./proposals";

interface ArticleDraft {
  articleId: string;
  category: number;
  title: string;
  body: string;
  language: string;
  effectiveFrom: string; // datetime-local, UTC; empty = on execution
  retire: boolean;
  proposalTitle: string;
  rationale: string;
}

const draftsKey = (chainId: number) => `sqp:article-drafts:${chainId}`;

function loadDrafts(chainId: number): Record<string, ArticleDraft> {
  try {
    return JSON.parse(localStorage.getItem(draftsKey(chainId)) ?? "{}") as Record<string, ArticleDraft>;
  } catch {
    return {};
  }
}

function saveDrafts(chainId: number, drafts: Record<string, ArticleDraft>): void {
  try {
    localStorage.setItem(draftsKey(chainId), JSON.stringify(drafts));
  } catch {
    // Storage full or disabled: the draft stays in memory for this visit.
  }
}

/** Starts from the version in force, so an update is a change to what readers see. */
function draftFor(article: ArticleRecord | undefined, now: number): ArticleDraft {
  const current = article ? (articleInForce(article, now) ?? article.versions.at(-1)) : undefined;
  return {
    articleId: String(article?.id ?? 0n),
    category: article?.category ?? 1,
    title: current?.title ?? "",
    body: current?.body ?? "",
    language: current?.language ?? "en",
    effectiveFrom: "",
    retire: false,
    proposalTitle: "",
    rationale: "",
  };
}

const bytes = (text: string) => new TextEncoder().encode(text).length;

export function ArticleWizardPage() {
  const { chainId, deployment } = useProtocol();
  const articles = useArticles();
  const rules = useRulesAt(undefined);
  const now = Number(useChainNow() ?? 0n);
  const navigate = useNavigate();
  const propose = usePropose();
  const [drafts, setDrafts] = useState<Record<string, ArticleDraft>>(() => loadDrafts(chainId));
  const [selected, setSelected] = useState(() => new URLSearchParams(location.search).get("article") ?? "0");
  const [showPreview, setShowPreview] = useState<"rendered" | "diff">("rendered");

  const live = (articles.data ?? []).filter((a) => a.retiredAt === undefined);
  const article = live.find((a) => String(a.id) === selected);
  const draft = drafts[selected] ?? draftFor(article, now);
  const set = (patch: Partial<ArticleDraft>) => {
    const all = { ...drafts, [selected]: { ...draft, ...patch } };
    setDrafts(all);
    saveDrafts(chainId, all);
  };
  const discard = () => {
    const { [selected]: _, ...rest } = drafts;
    setDrafts(rest);
    saveDrafts(chainId, rest);
  };

  const categories = rules.data?.categories ?? [];
  const inForce = article ? (articleInForce(article, now) ?? article.versions.at(-1)) : undefined;
  const latest = article?.versions.at(-1);
  const edit: ArticleEdit = {
    articleId: BigInt(draft.articleId),
    category: draft.category,
    title: draft.title,
    body: draft.body,
    language: draft.language,
    effectiveFrom: draft.effectiveFrom ? Math.floor(Date.parse(`${draft.effectiveFrom}:00Z`) / 1000) : 0,
    retire: draft.retire,
    proposalTitle: draft.proposalTitle,
    rationale: draft.rationale,
  };
  const problems = rules.data ? validateArticleEdit(edit, latest, categories.length) : [];
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the draft's content, not its identity
  const proposal = useMemo(
    () => (problems.length === 0 && rules.data ? buildArticleProposal(deployment.contracts.KnowledgeBase, edit) : undefined),
    [JSON.stringify(draft), deployment.contracts.KnowledgeBase, problems.length, !!rules.data],
  );

  if (articles.isLoading || rules.isLoading) return <Loading what="Reading the help articles and the ticket categories" />;
  if (articles.error && !articles.data) return <ErrorNote error={articles.error} />;
  if (rules.error) return <ErrorNote error={rules.error} />;

  const categoryName = (c: number) => (c === 0 ? "General" : (categories[c - 1] ?? `Category ${c}`));
  const submit = async () => {
    if (!proposal) return;
    const receipt = await propose.propose([proposal.target], [0n], [proposal.data], proposal.description);
    const created = createdProposalId(receipt);
    if (created !== undefined) {
      discard();
      navigate(`/governance/${created}`);
    }
  };

  return (
    <>
      <p>
        <Link to="/governance">← Governance</Link> · <Link to="/governance/new">propose a policy change</Link>
      </p>
      <h1>Propose a help-article change</h1>
      <form className="form" onSubmit={(e) => e.preventDefault()} aria-label="Help-article proposal">
        <label>
          Article
          <select name="article" value={selected} onChange={(e) => setSelected(e.target.value)}>
            <option value="0">A new article</option>
            {live.map((a) => (
              <option key={String(a.id)} value={String(a.id)}>
                #{String(a.id)} {a.versions.at(-1)?.title}
              </option>
            ))}
          </select>
          <span className="hint">{article ? `Publishes version ${(latest?.version ?? 0n) + 1n} of article #${article.id}.` : "Creates a new article."}</span>
        </label>
        {article && (
          <label className="checkbox">
            <input type="checkbox" name="retire" checked={draft.retire} onChange={(e) => set({ retire: e.target.checked })} /> Retire this article instead (it
            stays in history, it is no longer offered)
          </label>
        )}
        <label>
          Category
          <select name="category" value={draft.category} disabled={!!article} onChange={(e) => set({ category: Number(e.target.value) })}>
            <option value={0}>General</option>
            {categories.map((name, i) => (
              <option key={name} value={i + 1}>
                {name}
              </option>
            ))}
          </select>
          <span className="hint">
            {article ? "An article keeps its category: retire it and publish a new one to move it. " : ""}The security & phishing articles can only be changed
            by a proposal at the critical quorum.
          </span>
        </label>
        {!draft.retire && (
          <>
            <div className="field-row">
              <label style={{ flex: 1 }}>
                Title
                <input name="article-title" value={draft.title} onChange={(e) => set({ title: e.target.value })} maxLength={ARTICLE_LIMITS.title} />
              </label>
              <label>
                Language (BCP 47)
                <input name="language" value={draft.language} onChange={(e) => set({ language: e.target.value })} size={6} />
              </label>
            </div>
            <label>
              Body (Markdown: headings, lists, links; no HTML)
              <textarea name="body" rows={14} value={draft.body} onChange={(e) => set({ body: e.target.value })} />
              <span className="hint" data-testid="body-size">
                {bytes(draft.body).toLocaleString("en")} of {ARTICLE_LIMITS.body.toLocaleString("en")} bytes
              </span>
            </label>
            <label>
              Effective from (UTC, optional)
              <input type="datetime-local" name="effective-from" value={draft.effectiveFrom} onChange={(e) => set({ effectiveFrom: e.target.value })} />
              <span className="hint">Empty: the version takes effect when the proposal is executed.</span>
            </label>
          </>
        )}
        <label>
          Proposal title
          <input
            name="proposal-title"
            value={draft.proposalTitle}
            onChange={(e) => set({ proposalTitle: e.target.value })}
            placeholder={article ? `Update help article #${article.id}: ${draft.title}` : `New help article: ${draft.title || "…"}`}
          />
        </label>
        <label>
          Why this change (Markdown)
          <textarea name="rationale" rows={4} value={draft.rationale} onChange={(e) => set({ rationale: e.target.value })} />
        </label>
        <p className="hint">
          Your draft is kept in this browser until you submit it.{" "}
          <button type="button" className="link-button" onClick={discard}>
            Discard the draft
          </button>
        </p>
      </form>

      <h2>Preview</h2>
      {!draft.retire && (
        <section className="card" data-testid="article-preview">
          <div className="tabs" role="tablist" aria-label="Preview">
            <button type="button" role="tab" aria-selected={showPreview === "rendered"} onClick={() => setShowPreview("rendered")}>
              As readers will see it
            </button>
            <button type="button" role="tab" aria-selected={showPreview === "diff"} disabled={!inForce} onClick={() => setShowPreview("diff")}>
              Changes from version {String(inForce?.version ?? 0n)}
            </button>
          </div>
          <p className="muted">
            {categoryName(draft.category)} · {draft.language}
          </p>
          <h3>{draft.title || "Untitled"}</h3>
          {showPreview === "diff" && inForce ? (
            <DiffView before={`${inForce.title}\n\n${inForce.body}`} after={`${draft.title}\n\n${draft.body}`} mode="lines" />
          ) : (
            <ArticleMarkdown body={draft.body} />
          )}
        </section>
      )}
      {problems.length > 0 && (
        <ul className="error-note" data-testid="wizard-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {proposal && (
        <section data-testid="wizard-preview">
          <ProposalPreview calls={[{ target: proposal.target, value: 0n, data: proposal.data }]} />
          <CallView contracts={deployment.contracts} target={proposal.target} value={0n} data={proposal.data} />
          {proposal.contentHash && (
            <dl className="facts">
              <dt>Content hash</dt>
              <dd>
                <code data-testid="preview-hash">{proposal.contentHash}</code>
              </dd>
            </dl>
          )}
          <QuorumPreview target={proposal.target} data={proposal.data} />
          <TxButton pending={propose.pending} onClick={submit}>
            Submit proposal
          </TxButton>
          <TxStatus state={propose} success="Proposal submitted." />
        </section>
      )}
    </>
  );
}
