/**
 * The help articles kept on this device: each successful read is saved (bigints as decimal strings), and a read
 * that fails — no network, the node or the index down — serves the saved list with the time it was saved. Help
 * is most needed when something is wrong, the connection included.
 */
import type { ArticleRecord } from "@support-quality/sdk";

/** The list the pages show; `savedAt` (ms) is set when it is the device's copy because the network failed. */
export interface ArticleList {
  articles: ArticleRecord[];
  savedAt?: number;
}

/** A value as JSON keeps it: bigints become decimal strings. */
type Stored<T> = T extends bigint ? string : T extends readonly (infer U)[] ? Stored<U>[] : T extends object ? { [K in keyof T]: Stored<T[K]> } : T;

interface SavedArticles {
  savedAt: number;
  articles: ArticleRecord[];
}

export function serializeArticles(articles: readonly ArticleRecord[], savedAt: number): string {
  return JSON.stringify({ savedAt, articles }, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
}

/** The saved list, or undefined when there is none or it cannot be read (another format, a damaged entry). */
export function deserializeArticles(text: string | null): SavedArticles | undefined {
  if (!text) return undefined;
  try {
    const saved = JSON.parse(text) as Stored<SavedArticles>;
    if (typeof saved.savedAt !== "number" || !Array.isArray(saved.articles)) return undefined;
    return {
      savedAt: saved.savedAt,
      articles: saved.articles.map((a) => ({
        ...a,
        id: BigInt(a.id),
        versions: a.versions.map((v) => ({ ...v, articleId: BigInt(v.articleId), version: BigInt(v.version), blockNumber: BigInt(v.blockNumber) })),
      })),
    };
  } catch {
    return undefined;
  }
}

/** Where the list is saved: one entry per chain and knowledge-base contract. */
export function deviceCacheKey(chainId: number, knowledgeBase: string): string {
  return `sqp:help-articles:v1:${chainId}:${knowledgeBase.toLowerCase()}`;
}

/** localStorage, or undefined where the browser refuses it (storage disabled, some private modes). */
export function deviceStorage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** `load()`, saved on the device when it succeeds; the saved list when it fails (the failure when there is none). */
export async function loadWithDeviceCache(
  load: () => Promise<ArticleRecord[]>,
  key: string,
  storage: Storage | undefined,
  now: () => number = Date.now,
): Promise<ArticleList> {
  try {
    const articles = await load();
    try {
      storage?.setItem(key, serializeArticles(articles, now()));
    } catch {
      // A full or read-only storage: the list is still shown, only not saved.
    }
    return { articles };
  } catch (error) {
    let saved: SavedArticles | undefined;
    try {
      saved = deserializeArticles(storage?.getItem(key) ?? null);
    } catch {
      saved = undefined;
    }
    if (saved) return saved;
    throw error;
  }
}
