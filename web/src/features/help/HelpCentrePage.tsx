import { type ArticleRecord, type ArticleVersionRecord, articleInForce } from "@support-quality/sdk";
import { buildArticleSearch } from "@support-quality/sdk/knowledge";
import { useMemo, useState } from "react";
import { Link, NavigationType, useLocation, useNavigationType, useSearchParams } from "react-router";
import { Empty, ErrorNote, Loading } from "../../components/States";
import { categoryName, useTicketCategories } from "./categories";
import { HelpfulCount } from "./HelpfulCount";
import { OfflineNotice } from "./OfflineNotice";
import { useArticles } from "./queries";
import { useNowSeconds } from "./useNowSeconds";

const RESULTS = 8;

interface Live {
  article: ArticleRecord;
  version: ArticleVersionRecord;
}

/** Help centre: search the DAO's articles (answers are quotations), or browse them by ticket category. */
export function HelpCentrePage() {
  const articles = useArticles();
  const categories = useTicketCategories();
  const now = useNowSeconds();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const navigationType = useNavigationType();
  // The query lives in the URL (?q=) for sharing and history; what is typed follows it on back and forward only,
  // so the URL catching up with fast typing never overwrites the box.
  const [typed, setTyped] = useState(params.get("q") ?? "");
  const [seenLocation, setSeenLocation] = useState(location.key);
  if (seenLocation !== location.key) {
    setSeenLocation(location.key);
    if (navigationType === NavigationType.Pop) setTyped(params.get("q") ?? "");
  }
  const query = typed.trim();

  const live: Live[] = (articles.data ?? []).flatMap((article) => {
    const version = articleInForce(article, now);
    return version ? [{ article, version }] : [];
  });
  // The index is rebuilt when the versions in force change, not on every tick of the clock.
  const liveKey = live.map((l) => `${l.article.id}:${l.version.version}`).join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the versions in force (liveKey), not by the clock
  const search = useMemo(() => buildArticleSearch(articles.data ?? [], now), [articles.data, liveKey]);
  const hits = query ? search.search(query, RESULTS) : [];

  const type = (value: string) => {
    // A new search is a new history entry; refining it replaces that entry (back returns to before the search).
    setParams(value ? { q: value } : {}, { replace: typed !== "" });
    setTyped(value);
  };

  const byCategory = new Map<number, Live[]>();
  for (const l of live) byCategory.set(l.article.category, [...(byCategory.get(l.article.category) ?? []), l]);
  const categoryIds = [...byCategory.keys()].sort((a, b) => a - b);

  return (
    <>
      <h1>Help centre</h1>
      <p className="muted">Help articles written and governed by the DAO: the same text for everyone, every version on-chain.</p>
      <OfflineNotice />
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is not known to every browser the dApp supports (nor to jsdom) */}
      <form className="card help-search" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search help
          <input
            type="search"
            name="q"
            value={typed}
            onChange={(e) => type(e.target.value)}
            placeholder="e.g. seed phrase, stuck transaction"
            autoComplete="off"
            data-testid="help-search"
          />
        </label>
        <p className="hint">Answers are quotations of articles the DAO published — nothing is generated.</p>
      </form>

      {articles.isLoading && <Loading what="Reading the help articles" />}
      {articles.error && !articles.data && <ErrorNote error={articles.error} />}

      {query && articles.data && (
        <section className="card" aria-labelledby="results-title">
          <h2 id="results-title">Answers for “{query}”</h2>
          {hits.length === 0 ? (
            <Empty>No article matches. Try other words, or browse the categories below.</Empty>
          ) : (
            <ol className="help-results" data-testid="help-results">
              {hits.map((hit) => (
                <li key={String(hit.article.id)}>
                  <Link to={`/help/${hit.article.id}`} className="help-result-title" lang={hit.version.language}>
                    {hit.version.title}
                  </Link>{" "}
                  <span className="badge">{categoryName(categories, hit.article.category)}</span>
                  <blockquote className="help-passage" lang={hit.version.language} data-testid="help-passage">
                    {hit.passage}
                  </blockquote>
                </li>
              ))}
            </ol>
          )}
        </section>
      )}

      {articles.data && (
        <section aria-labelledby="browse-title">
          <h2 id="browse-title">Browse by category</h2>
          {categoryIds.length === 0 && <Empty>No help article is published yet.</Empty>}
          <div className="grid">
            {categoryIds.map((c) => (
              <section key={c} className="card" aria-labelledby={`help-category-${c}`} data-testid={`help-category-${c}`}>
                <h3 id={`help-category-${c}`}>{categoryName(categories, c)}</h3>
                <ul className="help-list">
                  {byCategory.get(c)!.map(({ article, version }) => (
                    <li key={String(article.id)}>
                      <Link to={`/help/${article.id}`} lang={version.language}>
                        {version.title}
                      </Link>
                      <br />
                      <HelpfulCount helpful={version.helpful} notHelpful={version.notHelpful} />
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        </section>
      )}
    </>
  );
}
