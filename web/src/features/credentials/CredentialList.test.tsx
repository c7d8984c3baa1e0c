import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { localDate } from "../../components/DateTime";
import { CredentialList } from "./CredentialsInForce";
import type { CredentialEntry } from "./queries";

const entry = (tokenId: bigint, levelName: string, state: CredentialEntry["state"], expiresAt: number): CredentialEntry => ({
  tokenId,
  levelId: Number(tokenId),
  levelName,
  agent: "0x1111111111111111111111111111111111111111",
  grantedAt: 1_700_000_000,
  expiresAt,
  examiner: "0x2222222222222222222222222222222222222222",
  revokedAt: state === "revoked" ? 1_750_000_000 : 0,
  state,
});

describe("CredentialList", () => {
  it("lists only the credentials in force, each with the date it lapses", () => {
    render(
      <CredentialList
        credentials={[
          entry(1n, "Wallet basics", "expired", 1_720_000_000),
          entry(2n, "Security specialist", "valid", 1_812_000_000),
          entry(3n, "Wallet basics", "revoked", 1_830_000_000),
        ]}
      />,
    );
    const items = screen.getAllByTestId("credential");
    expect(items.map((i) => i.textContent)).toEqual([`Security specialist until ${localDate(1_812_000_000)}`]);
    expect(items[0]!.dataset.level).toBe("2");
  });

  it("says so when none is in force", () => {
    render(<CredentialList credentials={[entry(1n, "Wallet basics", "expired", 1_720_000_000)]} />);
    expect(screen.getByTestId("credentials-none").textContent).toBe("No credential in force.");
  });
});
