import { fireEvent, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it } from "vitest";
import { ArticleMarkdown } from "./ArticleMarkdown";

type Pwned = { __pwned?: number };
const pwned = () => (window as unknown as Pwned).__pwned;

const HOSTILE = [
  "# Stay safe",
  "<script>window.__pwned=1</script>",
  '<img src=x onerror="window.__pwned=2">',
  "[click](javascript:window.__pwned=3)",
  '<a href="javascript:alert(1)">x</a>',
  "[shout](JAVASCRIPT:window.__pwned=4) [data](data:text/html,<script>window.__pwned=5</script>)",
  "![pixel](https://tracker.example/p.gif)",
  "Read [the guide](https://example.org/guide) and [the security script](/policies/3).",
].join("\n\n");

function renderBody(body: string) {
  render(
    <MemoryRouter>
      <ArticleMarkdown body={body} language="en" />
    </MemoryRouter>,
  );
  return screen.getByTestId("article-body");
}

describe("ArticleMarkdown renders an article's Markdown safely", () => {
  afterEach(() => {
    delete (window as unknown as Pwned).__pwned;
  });

  it("creates no script, no image, no event-handler attribute and no javascript: link", () => {
    const root = renderBody(HOSTILE);
    expect(document.querySelectorAll("script")).toHaveLength(0);
    expect(document.querySelectorAll("img")).toHaveLength(0);
    for (const element of root.querySelectorAll("*")) {
      expect([...element.attributes].filter((a) => a.name.toLowerCase().startsWith("on")).map((a) => a.name)).toEqual([]);
    }
    const hrefs = [...root.querySelectorAll("a")].map((a) => a.getAttribute("href"));
    expect(hrefs.filter((h) => /^\s*javascript:/i.test(h ?? ""))).toEqual([]);
    expect(hrefs).toEqual(["https://tracker.example/p.gif", "https://example.org/guide", "/policies/3"]);
    expect(pwned()).toBeUndefined();
  });

  it("keeps the words of a refused link as text, and clicking them runs nothing", () => {
    const root = renderBody(HOSTILE);
    const click = screen.getByText("click");
    expect(click.tagName).toBe("SPAN");
    expect(click.closest("a")).toBeNull();
    fireEvent.click(click);
    fireEvent.click(screen.getByText("shout"));
    expect(pwned()).toBeUndefined();
    // The raw HTML is dropped, not shown as text and not parsed.
    expect(root.textContent).not.toContain("window.__pwned=1");
    expect(root.textContent).not.toContain("onerror");
  });

  it("opens external links in a new tab without referrer or opener, keeps internal ones in the app, offers images as links", () => {
    renderBody(HOSTILE);
    const external = screen.getByRole("link", { name: "the guide" });
    expect(external.getAttribute("target")).toBe("_blank");
    expect(external.getAttribute("rel")).toBe("noreferrer noopener");
    const internal = screen.getByRole("link", { name: "the security script" });
    expect(internal.getAttribute("href")).toBe("/policies/3");
    expect(internal.getAttribute("target")).toBeNull();
    const image = screen.getByRole("link", { name: "Image: pixel" });
    expect(image.getAttribute("rel")).toBe("noreferrer noopener");
  });

  it("renders the Markdown itself: headings, emphasis, lists", () => {
    const root = renderBody("## Steps\n\n1. Open **Settings**.\n2. Write the words down.");
    expect(root.querySelector("h2")?.textContent).toBe("Steps");
    expect([...root.querySelectorAll("ol li")].map((li) => li.textContent)).toEqual(["Open Settings.", "Write the words down."]);
    expect(root.querySelector("strong")?.textContent).toBe("Settings");
    expect(root.getAttribute("lang")).toBe("en");
  });
});
