import { AgentKind } from "@support-quality/sdk";
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AgentKindBadge } from "./AgentKindBadge";

describe("AgentKindBadge", () => {
  it("says an AI assistant is a program and a community helper a volunteer, each in its own tone", () => {
    render(
      <>
        <AgentKindBadge kind={AgentKind.Human} />
        <AgentKindBadge kind={AgentKind.AIAssistant} />
        <AgentKindBadge kind={AgentKind.CommunityHelper} />
      </>,
    );
    const [human, ai, helper] = screen.getAllByTestId("agent-kind");
    expect([human!.textContent, human!.className, human!.dataset.kind]).toEqual(["human agent", "badge badge-kind-human", "Human"]);
    expect([ai!.textContent, ai!.className, ai!.dataset.kind]).toEqual(["AI assistant — a program, not a person", "badge badge-kind-ai", "AIAssistant"]);
    expect([helper!.textContent, helper!.className]).toEqual(["community helper — a volunteer, not staff", "badge badge-kind-community"]);
  });

  it("shows a kind this build does not know by its number", () => {
    render(<AgentKindBadge kind={7} />);
    expect(screen.getByTestId("agent-kind").textContent).toBe("#7");
  });
});
