/**
 * Smoke: the built dApp loads against the seeded local chain, and connects through its real injected
 * wallet path (EIP-6963 discovery) to the harness wallet.
 */
import assert from "node:assert/strict";
import { agentRegistryAbi, deployments, supportGovernorAbi, supportRatingsAbi, supportTokenAbi } from "@support-quality/sdk";
import { createPublicClient, http, parseEther, zeroAddress } from "viem";
import { addressOf, env, openApp, rpc, screenshot, test } from "../harness/index.js";

test("the overview renders with the navigation", async ({ page }) => {
  await openApp(page);
  assert.equal(await page.title(), "Support Quality Protocol");
  await page.getByRole("link", { name: "Support Quality", exact: true }).waitFor();
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const label of ["Overview", "Governance", "Policies", "Verify"]) {
    await nav.getByRole("link", { name: label, exact: true }).waitFor();
  }
  await page.locator("main h1").first().waitFor();
  await screenshot(page, "00-overview");
});

test("the seeded chain is the one the app talks to", async () => {
  assert.equal(await rpc<string>("eth_chainId"), "0x7a69");
  // 35 unlocked dev accounts, in the order of scripts/stack/accounts.ts.
  const accounts = await rpc<string[]>("eth_accounts");
  assert.equal(accounts.length, 35);
  assert.equal(accounts[1], addressOf("ada").toLowerCase());
  assert.match(env.appUrl, /^http:\/\/127\.0\.0\.1:\d+\/$/);
});

test("connects the announced injected wallet and shows the account", async ({ page }) => {
  await openApp(page, { account: "ada" });
  await page.getByTestId("connect-open").click();
  await page.getByRole("dialog", { name: "Choose a wallet" }).getByRole("button", { name: "E2E Wallet" }).click();
  const connected = page.getByTestId("connected-account");
  await connected.waitFor({ state: "attached" });
  assert.match((await connected.textContent()) ?? "", new RegExp(addressOf("ada"), "i"));
  await screenshot(page, "00-connected");
});

test("the seeded world is the one the dev-account roles describe", async () => {
  const client = createPublicClient({ transport: http(env.rpcUrl) });
  const c = deployments[31337].contracts;

  // Rated tickets: 19 at Ledgerly (the AI assistant's, the human ticket it escalated to, and one the DAO voided,
  // which the count leaves out), 12 at Nimbus, 11 at Orbit — of which 5 on receipts its agents signed themselves,
  // kept out of the desk-verified score.
  const desks = await Promise.all(
    [1, 2, 3].map((id) => client.readContract({ address: c.SupportRatings, abi: supportRatingsAbi, functionName: "deskStats", args: [id] })),
  );
  assert.deepEqual(
    desks.map((d) => [d.count, d.voided]),
    [
      [18n, 1n],
      [12n, 0n],
      [6n, 0n],
    ],
  );
  const orbitAgents = await client.readContract({ address: c.AgentRegistry, abi: agentRegistryAbi, functionName: "deskAgents", args: [3] });
  const selfSigned = await Promise.all(
    orbitAgents.map((agent) => client.readContract({ address: c.SupportRatings, abi: supportRatingsAbi, functionName: "agentSelfSignedStats", args: [agent] })),
  );
  assert.equal(
    selfSigned.reduce((n, s) => n + s.count, 0n),
    5n,
  );
  const sam = await client.readContract({ address: c.SupportRatings, abi: supportRatingsAbi, functionName: "agentStats", args: [addressOf("sam")] });
  assert.equal(sam.voided, 1n);

  // Standing: 1 official, 2 suspended, 4 reported impersonator, 5 confirmed impersonator.
  assert.equal(await client.readContract({ address: c.AgentRegistry, abi: agentRegistryAbi, functionName: "statusOf", args: [addressOf("maya")] }), 1);
  assert.equal(await client.readContract({ address: c.AgentRegistry, abi: agentRegistryAbi, functionName: "statusOf", args: [addressOf("lee")] }), 2);
  assert.equal(await client.readContract({ address: c.AgentRegistry, abi: agentRegistryAbi, functionName: "statusOf", args: [addressOf("scammer")] }), 4);
  assert.equal(
    await client.readContract({ address: c.AgentRegistry, abi: agentRegistryAbi, functionName: "statusOfHandle", args: ["@Ledgerly_Support_Help"] }),
    5,
  );

  // Eve holds tokens but has not delegated; Ada votes with her own and Dana's.
  assert.equal(await client.readContract({ address: c.SupportToken, abi: supportTokenAbi, functionName: "delegates", args: [addressOf("eve")] }), zeroAddress);
  assert.equal(
    await client.readContract({ address: c.SupportToken, abi: supportTokenAbi, functionName: "balanceOf", args: [addressOf("eve")] }),
    parseEther("500000"),
  );
  assert.equal(
    await client.readContract({ address: c.SupportToken, abi: supportTokenAbi, functionName: "getVotes", args: [addressOf("ada")] }),
    parseEther("3300000"),
  );

  // Fourteen proposals: twelve executed (three founding, five opening the help centre, the void, the fake-support
  // article's v2, the community desk with its credential levels, and reward epoch 1), then one Queued (SLA v2)
  // and one Active (official channels).
  assert.equal(await client.readContract({ address: c.SupportGovernor, abi: supportGovernorAbi, functionName: "proposalCount" }), 14n);
  const states = [];
  for (let i = 0n; i < 14n; i++) {
    const [id] = await client.readContract({ address: c.SupportGovernor, abi: supportGovernorAbi, functionName: "proposalDetailsAt", args: [i] });
    states.push(await client.readContract({ address: c.SupportGovernor, abi: supportGovernorAbi, functionName: "state", args: [id] }));
  }
  assert.deepEqual(states, [...Array(12).fill(7), 5, 1]);
});
