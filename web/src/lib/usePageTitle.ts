import { useEffect } from "react";

export const SITE_NAME = "Support Quality Protocol";

/** "Page — Support Quality Protocol" (the overview is the site name alone). */
export function pageTitle(page?: string): string {
  return page ? `${page} — ${SITE_NAME}` : SITE_NAME;
}

/** Sets the document title for a page whose title depends on what it shows (a proposal, a policy…). */
export function usePageTitle(page: string | undefined) {
  useEffect(() => {
    if (page) document.title = pageTitle(page);
  }, [page]);
}
