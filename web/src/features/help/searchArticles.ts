/**
 * What the overview's search box loads on first use, as one lazy chunk: the search (MiniSearch) and the article
 * reads (the Help centre's query, so both share one cache).
 */
import { buildArticleSearch } from "@support-quality/sdk/knowledge";
import type { QueryClient } from "@tanstack/react-query";
import type { Client } from "viem";
import type { ProtocolDeployment } from "../../lib/contracts";
import type { ArticleList } from "./deviceCache";
import { articlesQuery } from "./queries";

export function fetchArticles(queryClient: QueryClient, client: Client | undefined, deployment: ProtocolDeployment): Promise<ArticleList> {
  return queryClient.fetchQuery(articlesQuery(client, deployment));
}

/** The `limit` best answers to `query` among the articles in force at `now`. */
export function searchArticles(list: ArticleList, query: string, now: number, limit: number) {
  return buildArticleSearch(list.articles, now).search(query, limit);
}
