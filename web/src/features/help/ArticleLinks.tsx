/**
 * The live help articles of one ticket category, as links: under a receipt on the Rate page, and the security &
 * phishing ones on the Verify page. Secondary to those pages: nothing is shown while loading, on failure, or when
 * the category has no article.
 */
import { articleInForce } from "@support-quality/sdk";
import { useId } from "react";
import { Link } from "react-router";
import { securityCategory, useTicketCategories } from "./categories";
import { useArticles } from "./queries";
import { useNowSeconds } from "./useNowSeconds";

export function ArticleLinks({ category, heading, testId = "article-links" }: { category: number; heading: string; testId?: string }) {
  const articles = useArticles();
  const now = useNowSeconds();
  const headingId = useId();
  const live = (articles.data ?? []).flatMap((article) => {
    const version = article.category === category ? articleInForce(article, now) : undefined;
    return version ? [{ article, version }] : [];
  });
  if (live.length === 0) return null;
  return (
    <section className="card" aria-labelledby={headingId} data-testid={testId}>
      <h2 id={headingId}>{heading}</h2>
      <ul>
        {live.map(({ article, version }) => (
          <li key={String(article.id)}>
            <Link to={`/help/${article.id}`} lang={version.language}>
              {version.title}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The articles of the category the rating rules name for security and phishing. */
export function SecurityArticleLinks({ heading }: { heading: string }) {
  const category = securityCategory(useTicketCategories());
  return category === undefined ? null : <ArticleLinks category={category} heading={heading} testId="security-article-links" />;
}
