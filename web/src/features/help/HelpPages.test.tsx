import { type ArticleContent, type ArticleRecord, articleContentHash, localDeployments, PolicyKind } from "@support-quality/sdk";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { fireEvent, render, screen, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { MemoryRouter, Route, Routes, useLocation, useNavigate } from "react-router";
import type { Hex } from "viem";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createConfig, http, WagmiProvider } from "wagmi";
import { hardhat } from "wagmi/chains";
import { mock } from "wagmi/connectors";
import { ArticlePage } from "./ArticlePage";
import { HelpCentrePage } from "./HelpCentrePage";
import { HelpSearchBox } from "./HelpSearchBox";

const NOW = 1_800_000_000;
const { TimelockController } = localDeployments[31337].contracts;
const EDITOR = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const CATEGORIES = ["Wallet setup & backup", "Transactions & gas", "dApp connection", "Security & phishing", "Asset recovery"];

/** An article whose versions took effect a day apart, the last a day before NOW. */
function article(id: number, category: number, versions: ArticleContent[], extra: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    id: BigInt(id),
    category,
    versions: versions.map((content, i) => ({
      ...content,
      articleId: BigInt(id),
      version: BigInt(i + 1),
      category,
      contentHash: articleContentHash(category, content),
      effectiveFrom: NOW - 86_400 * (versions.length - i),
      publisher: i === 0 ? EDITOR : TimelockController,
      blockNumber: BigInt(10 * id + i),
      transactionHash: `0x${String(i).padStart(2, "0").repeat(32)}`,
      helpful: i === versions.length - 1 ? 12 : 1,
      notHelpful: i === versions.length - 1 ? 2 : 0,
    })),
    ...extra,
  };
}
const en = (title: string, body: string): ArticleContent => ({ title, body, language: "en" });

const BACKUP = article(1, 1, [
  en("Back up your seed phrase", "Write the words on paper."),
  en("Back up your seed phrase", "Your seed phrase restores your wallet.\n\nWrite the twelve words on paper and keep them dry."),
]);
const STUCK = article(2, 2, [en("Speed up a stuck transaction", "A stuck transaction waits for a higher fee: send a replacement with the same nonce.")]);
const FAKE = article(3, 4, [en("Recognise fake support", "Real support never asks for your seed phrase.")]);
const RETIRED = article(4, 1, [en("Old backup advice", "Photograph your seed phrase.")], { retiredAt: NOW - 3600 });
const ARTICLES = [BACKUP, STUCK, FAKE, RETIRED];

const state = vi.hoisted(() => ({ savedAt: undefined as number | undefined, stored: new Map<string, Hex>() }));

vi.mock("./queries", () => ({
  useArticles: () => ({ data: ARTICLES, isLoading: false, error: null }),
  useArticlesSavedAt: () => state.savedAt,
  articlesQuery: () => ({ queryKey: ["help-articles"], queryFn: async () => ({ articles: ARTICLES, savedAt: state.savedAt }) }),
}));
vi.mock("./categories", async (original) => ({ ...(await original<typeof import("./categories")>()), useTicketCategories: () => CATEGORIES }));
vi.mock("./useNowSeconds", () => ({ useNowSeconds: () => NOW }));
vi.mock("../../lib/policies", () => ({
  usePolicies: () => ({ data: [{ id: 4n, kind: PolicyKind.SecurityScript, title: "Security script", versions: [] }] }),
}));
// The contract's side: versionInForce and each version's stored hash and tally (no chain in unit tests).
vi.mock("wagmi", async (original) => {
  const wagmi = await original<typeof import("wagmi")>();
  type Call = { functionName: string; args: readonly unknown[] };
  const version = ([id, v]: readonly unknown[]) => {
    const record = ARTICLES.find((a) => a.id === id)!.versions.find((x) => x.version === v)!;
    const stored = state.stored.get(`${id}:${v}`) ?? record.contentHash;
    return { contentHash: stored, effectiveFrom: record.effectiveFrom, publishedAt: record.effectiveFrom, previous: 0, helpful: 13, notHelpful: 2 };
  };
  return {
    ...wagmi,
    useReadContract: (call: Call) => ({ data: call.functionName === "versionInForce" ? 2n : undefined }),
    useReadContracts: ({ contracts }: { contracts: Call[] }) => ({ data: contracts.map((c) => version(c.args)), error: null }),
  };
});

const config = createConfig({ chains: [hardhat], connectors: [mock({ accounts: [EDITOR] })], transports: { [hardhat.id]: http() } });

function Location() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <output data-testid="location">{location.pathname + location.search}</output>
      <button type="button" onClick={() => navigate(-1)}>
        Back
      </button>
    </>
  );
}

function open(path: string | string[], page: ReactNode) {
  const entries = typeof path === "string" ? [path] : path;
  return render(
    <WagmiProvider config={config as never}>
      <QueryClientProvider client={new QueryClient()}>
        <MemoryRouter initialEntries={entries} initialIndex={entries.length - 1}>
          <Routes>
            <Route path="/help" element={page} />
            <Route path="/help/:articleId" element={page} />
            <Route path="/" element={page} />
          </Routes>
          <Location />
        </MemoryRouter>
      </QueryClientProvider>
    </WagmiProvider>,
  );
}

beforeEach(() => {
  state.savedAt = undefined;
  state.stored.clear();
});

describe("HelpCentrePage", () => {
  it("answers the query in the URL with quotations, best first", () => {
    open("/help?q=seed%20phrase", <HelpCentrePage />);
    expect((screen.getByTestId("help-search") as HTMLInputElement).value).toBe("seed phrase");
    const results = within(screen.getByTestId("help-results")).getAllByRole("listitem");
    expect(within(results[0]!).getByRole("link").textContent).toBe("Back up your seed phrase");
    expect(within(results[0]!).getByTestId("help-passage").textContent).toBe("Your seed phrase restores your wallet.");
    expect(results[0]!.textContent).toContain("Wallet setup & backup");
    expect(screen.getByText("Answers are quotations of articles the DAO published — nothing is generated.")).toBeTruthy();
    // The retired article is not offered.
    expect(screen.queryByText("Old backup advice")).toBeNull();
  });

  it("keeps what is typed in the URL", () => {
    open("/help", <HelpCentrePage />);
    expect(screen.queryByTestId("help-results")).toBeNull();
    fireEvent.change(screen.getByTestId("help-search"), { target: { value: "stuck transaction" } });
    expect(screen.getByTestId("location").textContent).toBe("/help?q=stuck+transaction");
    const [first] = within(screen.getByTestId("help-results")).getAllByRole("listitem");
    expect(within(first!).getByRole("link").getAttribute("href")).toBe("/help/2");
  });

  it("follows the URL back to the previous search", () => {
    open(["/help?q=stuck%20transaction", "/help?q=seed%20phrase"], <HelpCentrePage />);
    expect((screen.getByTestId("help-search") as HTMLInputElement).value).toBe("seed phrase");
    fireEvent.click(screen.getByRole("button", { name: "Back" }));
    expect(screen.getByTestId("location").textContent).toBe("/help?q=stuck%20transaction");
    expect((screen.getByTestId("help-search") as HTMLInputElement).value).toBe("stuck transaction");
    const [first] = within(screen.getByTestId("help-results")).getAllByRole("listitem");
    expect(within(first!).getByRole("link").textContent).toBe("Speed up a stuck transaction");
  });

  it("lists the live articles by category, with their helpful counts", () => {
    open("/help", <HelpCentrePage />);
    const wallet = screen.getByTestId("help-category-1");
    expect(within(wallet).getByRole("heading").textContent).toBe("Wallet setup & backup");
    expect(
      within(wallet)
        .getAllByRole("link")
        .map((a) => a.textContent),
    ).toEqual(["Back up your seed phrase"]);
    expect(wallet.textContent).toContain("12 of 14 found this helpful");
    expect(within(screen.getByTestId("help-category-4")).getByRole("heading").textContent).toBe("Security & phishing");
    expect(screen.queryByTestId("help-offline")).toBeNull();
  });

  it("says when the articles are the copy saved on this device", () => {
    state.savedAt = 1_796_000_000_000;
    open("/help", <HelpCentrePage />);
    expect(screen.getByTestId("help-offline").textContent).toMatch(/^Showing the articles saved on this device on .+: the network cannot be reached\.$/);
  });
});

describe("ArticlePage", () => {
  it("shows the version in force with its facts, the DAO's counts and a hash that matches", () => {
    open("/help/1", <ArticlePage />);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Back up your seed phrase");
    expect(screen.getByTestId("article-facts").textContent).toMatch(
      /^Wallet setup & backup · English \(en\) · Version 2, in force since .+ · by a DAO proposal$/,
    );
    expect([...screen.getByTestId("article-body").querySelectorAll("p")].map((p) => p.textContent)).toEqual([
      "Your seed phrase restores your wallet.",
      "Write the twelve words on paper and keep them dry.",
    ]);
    expect(screen.getByTestId("article-hash-check").dataset.ok).toBe("true");
    expect(screen.getByTestId("article-hash-check").textContent).toMatch(/^✓ matches 0x/);
    // The stored tally (13 + 2), not the list's: the contract is read after a vote.
    expect(screen.getByTestId("helpful-count").textContent).toBe("13 of 15 found this helpful");
    expect(screen.queryByTestId("security-script-link")).toBeNull();
  });

  it("lists the versions with their publishers and the changes from the previous one", () => {
    open("/help/1", <ArticlePage />);
    const history = screen.getByTestId("article-history");
    expect(
      within(history)
        .getAllByRole("listitem")
        .map((li) => li.dataset.testid),
    ).toEqual(["article-version-2", "article-version-1"]);
    expect(within(history).getByTestId("article-version-1").textContent).toContain("by the DAO's appointed editor");
    const diff = screen.getByTestId("article-diff");
    expect(diff.querySelectorAll("del")).toHaveLength(0);
    expect([...diff.querySelectorAll("ins")].map((e) => e.textContent)).toEqual(["Your seed phrase restores your wallet.\n\n", "twelve ", "and keep them dry"]);
    expect(screen.getByRole("heading", { name: "Changes in version 2 (from version 1)" })).toBeTruthy();
  });

  it("says when the stored hash does not match the published text", () => {
    state.stored.set("1:2", `0x${"ee".repeat(32)}`);
    open("/help/1", <ArticlePage />);
    const check = screen.getByTestId("article-hash-check");
    expect(check.dataset.ok).toBe("false");
    expect(check.textContent).toMatch(/^✗ does not match: /);
  });

  it("asks whether it helped, with the reason's byte count, and needs a wallet to answer", () => {
    open("/help/1", <ArticlePage />);
    expect((screen.getByTestId("helpful-yes") as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId("helpful-no") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("helpful-connect").textContent).toBe("Connect a wallet to answer: one answer per address and version, recorded on-chain.");
    fireEvent.change(screen.getByRole("textbox", { name: /Why\?/ }), { target: { value: "é".repeat(141) } });
    expect(screen.getByTestId("helpful-reason-bytes").textContent).toBe("282 / 280 bytes: shorten the reason to send it.");
  });

  it("links the security script under a security & phishing article", () => {
    open("/help/3", <ArticlePage />);
    expect(within(screen.getByTestId("security-script-link")).getByRole("link").getAttribute("href")).toBe("/policies/4");
  });

  it("shows a retired article as retired, without the vote", () => {
    open("/help/4", <ArticlePage />);
    expect(screen.getByTestId("article-retired").textContent).toMatch(/Retired on .+: the DAO no longer offers this article/);
    expect(screen.queryByTestId("helpful-yes")).toBeNull();
  });

  it("says so for an article that does not exist", () => {
    open("/help/99", <ArticlePage />);
    expect(screen.getByText(/There is no help article #99\./)).toBeTruthy();
  });
});

describe("HelpSearchBox", () => {
  it("quotes the three best articles once a question is submitted, and says it generates nothing", async () => {
    open("/", <HelpSearchBox />);
    expect(screen.getByText("Retrieval only: quotations from the DAO's articles, no generated answers.")).toBeTruthy();
    fireEvent.change(screen.getByTestId("help-search"), { target: { value: "How do I back up my seed phrase?" } });
    fireEvent.submit(screen.getByRole("search"));
    const results = await screen.findByTestId("help-results");
    const items = within(results).getAllByRole("listitem");
    expect(items.length).toBeLessThanOrEqual(3);
    expect(within(items[0]!).getByRole("link").getAttribute("href")).toBe("/help/1");
    expect(within(items[0]!).getByTestId("help-passage").textContent).toBe("Your seed phrase restores your wallet.");
    expect(screen.getByRole("link", { name: "All answers in the Help centre" }).getAttribute("href")).toBe(
      "/help?q=How%20do%20I%20back%20up%20my%20seed%20phrase%3F",
    );
  });
});
