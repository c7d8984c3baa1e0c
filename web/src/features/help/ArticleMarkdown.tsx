/**
 * An article's Markdown, rendered safely: HTML in the source is dropped (never parsed: no rehype-raw), link
 * addresses go through react-markdown's default urlTransform (a `javascript:` or `data:` link loses its address),
 * external links open in a new tab without referrer or opener, and images are offered as links instead of being
 * loaded (a remote image would tell its host who reads which article).
 */
import type { ReactNode } from "react";
import Markdown, { type Components } from "react-markdown";
import { Link } from "react-router";

const HAS_SCHEME = /^[a-z][a-z\d+.-]*:/i;

function ArticleLink({ href, title, children }: { href?: string; title?: string; children?: ReactNode }) {
  // No address left: it was refused by the urlTransform. The words stay, as text.
  if (!href) return <span>{children}</span>;
  if (!HAS_SCHEME.test(href) && !href.startsWith("//")) {
    return href.startsWith("#") ? (
      <a href={href} title={title}>
        {children}
      </a>
    ) : (
      <Link to={href} title={title}>
        {children}
      </Link>
    );
  }
  return (
    <a href={href} title={title} target="_blank" rel="noreferrer noopener">
      {children}
    </a>
  );
}

const components: Components = {
  a: ({ href, title, children }) => (
    <ArticleLink href={href} title={title}>
      {children}
    </ArticleLink>
  ),
  img: ({ src, alt }) => {
    const text = `Image${alt ? `: ${alt}` : ""}`;
    return typeof src === "string" && src ? <ArticleLink href={src}>{text}</ArticleLink> : <span>{text}</span>;
  },
};

export function ArticleMarkdown({ body, language }: { body: string; language?: string }) {
  return (
    <div className="markdown article-body" data-testid="article-body" lang={language}>
      <Markdown skipHtml components={components}>
        {body}
      </Markdown>
    </div>
  );
}
