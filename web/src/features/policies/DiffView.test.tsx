import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { DiffView } from "./DiffView";

describe("DiffView", () => {
  it("marks removed and added words, keeping the rest", () => {
    render(<DiffView before="Reply within 60 minutes." after="Reply within 30 minutes." />);
    const diff = screen.getByTestId("policy-diff");
    expect([...diff.querySelectorAll("del")].map((e) => e.textContent)).toEqual(["60"]);
    expect([...diff.querySelectorAll("ins")].map((e) => e.textContent)).toEqual(["30"]);
    expect(diff.textContent).toBe("Reply within 6030 minutes.");
  });

  it("diffs whole lines in line mode", () => {
    render(<DiffView mode="lines" before={"a\nb\n"} after={"a\nc\n"} />);
    const diff = screen.getByTestId("policy-diff");
    expect(diff.querySelector("del")?.textContent).toBe("b\n");
    expect(diff.querySelector("ins")?.textContent).toBe("c\n");
  });

  it("says so when nothing changed", () => {
    render(<DiffView before="same" after="same" />);
    expect(screen.getByTestId("policy-diff").textContent).toBe("The two texts are identical.");
  });
});
