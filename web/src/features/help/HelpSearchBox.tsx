/**
 * The overview's "Search help" box: the three articles that best answer a question, quoted. The search (MiniSearch)
 * and the article reads are loaded on first focus or submit, never with the first page.
 */
import type { ArticleHit } from "@support-quality/sdk/knowledge";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { Link } from "react-router";
import { useClient } from "wagmi";
import { ErrorNote } from "../../components/States";
import { useProtocol } from "../../lib/useProtocol";
import { useNowSeconds } from "./useNowSeconds";

const loadSearch = () => import("./searchArticles");

type Answer = { query: string; hits: ArticleHit[]; savedAt?: number } | { query: string; error: unknown };

export function HelpSearchBox() {
  const { chainId, deployment } = useProtocol();
  const client = useClient({ chainId });
  const queryClient = useQueryClient();
  const now = useNowSeconds();
  const search = useRef<ReturnType<typeof loadSearch>>(undefined);
  const [typed, setTyped] = useState("");
  const [answer, setAnswer] = useState<Answer>();
  const [busy, setBusy] = useState(false);

  /** The search code and the articles, fetched once (the Help centre shares the articles' cache). */
  const prepare = async () => {
    search.current ??= loadSearch();
    const module = await search.current;
    return { module, list: await module.fetchArticles(queryClient, client, deployment) };
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const query = typed.trim();
    if (!query) return;
    setBusy(true);
    try {
      const { module, list } = await prepare();
      setAnswer({ query, hits: module.searchArticles(list, query, now, 3), savedAt: list.savedAt });
    } catch (error) {
      setAnswer({ query, error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card help-search-box" aria-labelledby="help-search-title">
      <h2 id="help-search-title">Search help</h2>
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is not known to every browser the dApp supports (nor to jsdom) */}
      <form className="field-row" role="search" onSubmit={submit}>
        <label>
          <span className="visually-hidden">Search help</span>
          <input
            type="search"
            name="q"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onFocus={() => void prepare().catch(() => undefined)}
            placeholder="Ask a question: e.g. how do I back up my seed phrase?"
            autoComplete="off"
            data-testid="help-search"
          />
        </label>
        <button type="submit" className="primary" disabled={busy || !client} aria-busy={busy}>
          {busy ? "Searching…" : "Search"}
        </button>
      </form>
      <p className="hint">Retrieval only: quotations from the DAO's articles, no generated answers.</p>
      {answer && "error" in answer && <ErrorNote error={answer.error} />}
      {answer && "hits" in answer && (
        <div aria-live="polite">
          {answer.hits.length === 0 ? (
            <p className="empty">No article matches “{answer.query}”.</p>
          ) : (
            <ol className="help-results" data-testid="help-results">
              {answer.hits.map((hit) => (
                <li key={String(hit.article.id)}>
                  <Link to={`/help/${hit.article.id}`} className="help-result-title" lang={hit.version.language}>
                    {hit.version.title}
                  </Link>
                  <blockquote className="help-passage" lang={hit.version.language} data-testid="help-passage">
                    {hit.passage}
                  </blockquote>
                </li>
              ))}
            </ol>
          )}
          <p>
            <Link to={`/help?q=${encodeURIComponent(answer.query)}`}>All answers in the Help centre</Link>
            {answer.savedAt !== undefined && <span className="muted"> · from the articles saved on this device (the network cannot be reached)</span>}
          </p>
        </div>
      )}
    </section>
  );
}
