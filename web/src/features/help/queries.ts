/**
 * The help articles, from the index (article, article_version) or the chain's events since the deployment block
 * (rebuilt by the SDK's articlesFromEvents), saved on this device after each read and served from there when the
 * network fails (deviceCache.ts).
 */
import { ARTICLE_EVENTS, type ArticleRecord, articlesFromEvents, knowledgeBaseAbi } from "@support-quality/sdk";
import { getContractEventsBounded } from "@support-quality/sdk/logs";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { Address, Client, Hash, Hex } from "viem";
import { useClient } from "wagmi";
import type { ProtocolDeployment } from "../../lib/contracts";
import { fromIndexOrChain, type IndexQuery } from "../../lib/indexer";
import { useProtocol } from "../../lib/useProtocol";
import { type ArticleList, deviceCacheKey, deviceStorage, loadWithDeviceCache } from "./deviceCache";

/** How often a list served from the device retries the network. */
const OFFLINE_RETRY_MS = 30_000;

/**
 * "events" keys are invalidated by transactions that emit one of the listed events (see useTx): the article
 * events, and a proposal's execution, which is how the DAO publishes and retires articles.
 */
export function articlesQueryKey(chainId: number, knowledgeBase: Address) {
  return ["events", chainId, [...ARTICLE_EVENTS, "ProposalExecuted"], knowledgeBase] as const;
}

/** The query behind useArticles, also fetched on demand (the overview's search box loads it on first use). */
export function articlesQuery(client: Client | undefined, deployment: ProtocolDeployment) {
  const knowledgeBase = deployment.contracts.KnowledgeBase;
  return queryOptions({
    queryKey: articlesQueryKey(deployment.chainId, knowledgeBase),
    enabled: !!client,
    staleTime: 60_000,
    refetchInterval: (query) => (query.state.data?.savedAt === undefined ? false : OFFLINE_RETRY_MS),
    queryFn: (): Promise<ArticleList> =>
      loadWithDeviceCache(
        () => fromIndexOrChain(client!, deployment.chainId, articlesFromIndex, () => articlesFromChain(client!, deployment)),
        deviceCacheKey(deployment.chainId, knowledgeBase),
        deviceStorage(),
      ),
  });
}

function useArticleList<T>(select: (list: ArticleList) => T) {
  const { chainId, deployment } = useProtocol();
  const client = useClient({ chainId });
  return useQuery({ ...articlesQuery(client, deployment), select });
}

const selectArticles = (list: ArticleList) => list.articles;
const selectSavedAt = (list: ArticleList) => list.savedAt;

/** Every article with its versions and helpful counts, by ascending id. */
export function useArticles() {
  return useArticleList(selectArticles);
}

/** When the articles shown were saved on this device (ms), if the network failed and they are that copy. */
export function useArticlesSavedAt(): number | undefined {
  return useArticleList(selectSavedAt).data;
}

async function articlesFromChain(client: Client, deployment: ProtocolDeployment): Promise<ArticleRecord[]> {
  const range = { address: deployment.contracts.KnowledgeBase, abi: knowledgeBaseAbi, fromBlock: deployment.deploymentBlock } as const;
  const [created, published, retired, votes] = await Promise.all([
    getContractEventsBounded(client, { ...range, eventName: "ArticleCreated" }),
    getContractEventsBounded(client, { ...range, eventName: "ArticlePublished" }),
    getContractEventsBounded(client, { ...range, eventName: "ArticleRetired" }),
    getContractEventsBounded(client, { ...range, eventName: "HelpfulVoted" }),
  ]);
  return articlesFromEvents({ created, published, retired, votes });
}

/** The same records from the index's article and article_version tables (the tallies are kept there). */
async function articlesFromIndex(query: IndexQuery): Promise<ArticleRecord[]> {
  const [articles, versions] = await Promise.all([
    query("select id, category, retired_at from article order by id"),
    query(
      "select article_id, version, category, content_hash, effective_from, publisher, title, body, language, helpful, not_helpful, block, tx from article_version order by article_id, version",
    ),
  ]);
  const byId = new Map<number, ArticleRecord>(
    articles.map((a) => [
      Number(a.id),
      {
        id: BigInt(String(a.id)),
        category: Number(a.category),
        versions: [],
        ...(a.retired_at == null ? {} : { retiredAt: Number(a.retired_at) }),
      },
    ]),
  );
  for (const v of versions) {
    byId.get(Number(v.article_id))?.versions.push({
      articleId: BigInt(String(v.article_id)),
      version: BigInt(String(v.version)),
      category: Number(v.category),
      contentHash: v.content_hash as Hex,
      effectiveFrom: Number(v.effective_from),
      publisher: v.publisher as Address,
      title: String(v.title),
      body: String(v.body),
      language: String(v.language),
      blockNumber: BigInt(String(v.block)),
      transactionHash: v.tx as Hash,
      helpful: Number(v.helpful),
      notHelpful: Number(v.not_helpful),
    });
  }
  return [...byId.values()];
}
