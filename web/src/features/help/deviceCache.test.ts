import type { ArticleRecord } from "@support-quality/sdk";
import { beforeEach, describe, expect, it } from "vitest";
import { deserializeArticles, deviceCacheKey, loadWithDeviceCache, serializeArticles } from "./deviceCache";

const KB = "0x5FC8d32690cc91D4c39d9d3abcBD16989F875707";
const KEY = deviceCacheKey(31337, KB);
const SAVED_AT = 1_796_000_000_000;

const ARTICLES: ArticleRecord[] = [
  {
    id: 1n,
    category: 1,
    versions: [
      {
        articleId: 1n,
        version: 1n,
        category: 1,
        contentHash: `0x${"ab".repeat(32)}`,
        effectiveFrom: 1_795_000_000,
        publisher: "0xa513E6E4b8f2a923D98304ec87F64353C4D5C853",
        title: "Back up your seed phrase",
        body: "Write the twelve words on paper.",
        language: "en",
        blockNumber: 12_345_678_901_234_567_890n,
        transactionHash: `0x${"cd".repeat(32)}`,
        helpful: 12,
        notHelpful: 2,
      },
    ],
  },
  { id: 2n, category: 4, retiredAt: 1_795_500_000, versions: [] },
];

describe("the articles saved on the device", () => {
  beforeEach(() => localStorage.clear());

  it("round-trips through JSON, bigints as decimal strings", () => {
    const text = serializeArticles(ARTICLES, SAVED_AT);
    expect(text).toContain('"id":"1"');
    expect(text).toContain('"blockNumber":"12345678901234567890"');
    expect(deserializeArticles(text)).toEqual({ savedAt: SAVED_AT, articles: ARTICLES });
  });

  it("reads nothing from a missing, damaged or foreign entry", () => {
    expect(deserializeArticles(null)).toBeUndefined();
    expect(deserializeArticles("{not json")).toBeUndefined();
    expect(deserializeArticles('{"articles":[]}')).toBeUndefined();
  });

  it("is keyed by chain and knowledge-base contract, whatever the address's case", () => {
    expect(KEY).toBe("sqp:help-articles:v1:31337:0x5fc8d32690cc91d4c39d9d3abcbd16989f875707");
    expect(deviceCacheKey(31337, KB.toLowerCase())).toBe(KEY);
    expect(deviceCacheKey(11155111, KB)).not.toBe(KEY);
  });

  it("saves each successful read and serves it, with its date, when the next read fails", async () => {
    expect(
      await loadWithDeviceCache(
        async () => ARTICLES,
        KEY,
        localStorage,
        () => SAVED_AT,
      ),
    ).toEqual({ articles: ARTICLES });
    expect(localStorage.getItem(KEY)).toBe(serializeArticles(ARTICLES, SAVED_AT));
    const offline = await loadWithDeviceCache(
      () => Promise.reject(new TypeError("Failed to fetch")),
      KEY,
      localStorage,
      () => SAVED_AT + 60_000,
    );
    expect(offline).toEqual({ articles: ARTICLES, savedAt: SAVED_AT });
  });

  it("lets the failure through when nothing was saved", async () => {
    const failure = new TypeError("Failed to fetch");
    await expect(loadWithDeviceCache(() => Promise.reject(failure), KEY, localStorage)).rejects.toBe(failure);
    await expect(loadWithDeviceCache(() => Promise.reject(failure), KEY, undefined)).rejects.toBe(failure);
  });

  it("still shows a fresh read when the storage refuses to save it", async () => {
    const refusing = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      },
    } as unknown as Storage;
    expect(await loadWithDeviceCache(async () => ARTICLES, KEY, refusing)).toEqual({ articles: ARTICLES });
  });
});
