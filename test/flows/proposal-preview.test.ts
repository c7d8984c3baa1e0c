/**
 * What you vote on is exactly what runs: a policy version's hash covers its typed parameters, an identical
 * version is refused, and a proposal's simulated effects (before the vote) are what its execution does —
 * for every policy kind and for desk, agent and governance actions.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import {
  AgentStatus,
  composePolicyText,
  describeProposal,
  type Effect,
  encodeParams,
  type OfficialChannelsParams,
  PolicyKind,
  type PublishedVersion,
  paramChanges,
  policyContentHash,
  policyRegistryAbi,
  simulateProposal,
  type TypedParams,
  textParamsMismatch,
} from "@support-quality/sdk";
import { network } from "hardhat";
import type { Hex } from "viem";
import { type Call, call } from "../../scripts/stack/govern.js";
import { type Connection, govern, latestTimestamp, ratingWorld, SLA_PARAMS, type World } from "../support/fixtures.js";
import { queueWithCriticalSupport } from "../support/governance-steps.js";

const CHANNELS: OfficialChannelsParams = {
  websites: ["support.acme.example"],
  emailDomains: ["acme.example"],
  socials: [{ platform: "X", handle: "@AcmeSupport" }],
  phones: ["+15550100"],
};

/** The newest version of every policy, from PolicyPublished events (what the dApp and indexer read). */
async function latestVersions(world: World): Promise<(policyId: bigint) => PublishedVersion | undefined> {
  const logs = await world.publicClient.getContractEvents({
    address: world.protocol.policyRegistry.address,
    abi: policyRegistryAbi,
    eventName: "PolicyPublished",
    fromBlock: 0n,
  });
  const latest = new Map<bigint, PublishedVersion>();
  for (const l of logs) latest.set(l.args.policyId!, { version: l.args.version!, params: l.args.content!.params });
  return (id) => latest.get(id);
}

function publish(world: World, kind: number, policyId: bigint, prose: string, typed: TypedParams, title = "Policy"): Call {
  const p = world.protocol.policyRegistry;
  return call(p.address, p.abi, "publishPolicy", [kind, policyId, 0, { title, text: composePolicyText(prose, typed), uri: "", params: encodeParams(typed) }]);
}

/** Simulates `calls` and describes them, as the proposal page does before the vote. */
async function preview(world: World, calls: Call[]) {
  const { deployment, governor, timelock } = world.protocol;
  const proposalCalls = calls.map((c) => ({ target: c.target, value: c.value ?? 0n, data: c.data }));
  const outcome = await simulateProposal(world.publicClient, { governor: governor.address, timelock: timelock.address }, proposalCalls);
  const effects = await describeProposal(
    world.publicClient,
    { deployment, latestVersion: await latestVersions(world), now: await latestTimestamp(world) },
    proposalCalls,
  );
  return { outcome, effects };
}

/** Asserts the chain now shows each predicted effect. */
async function assertHappened(world: World, effects: Effect[], executedLogs: Hex[]) {
  const { policyRegistry, agentRegistry, governor } = world.protocol;
  for (const e of effects) {
    switch (e.type) {
      case "policyVersion": {
        const p = await policyRegistry.read.policy([e.policyId]);
        assert.equal(BigInt(p.versionCount), e.version, e.sentence);
        assert.equal(p.kind, e.kind, e.sentence);
        const logs = await world.publicClient.getContractEvents({
          address: policyRegistry.address,
          abi: policyRegistryAbi,
          eventName: "PolicyPublished",
          fromBlock: 0n,
        });
        const published = logs.filter((l) => l.args.policyId === e.policyId);
        const now = published.at(-1)!;
        assert.equal(now.args.version, e.version, e.sentence);
        assert.ok(executedLogs.includes(now.transactionHash), "published by this execution");
        const before = published.at(-2)?.args.content?.params ?? "0x";
        assert.deepEqual(paramChanges(e.kind, before, now.args.content!.params), e.changes, e.sentence);
        break;
      }
      case "deskRegistered":
        assert.equal((await agentRegistry.read.desk([e.deskId])).name, e.name, e.sentence);
        break;
      case "deskRemoved":
        assert.notEqual((await agentRegistry.read.desk([e.deskId])).removedAt, 0, e.sentence);
        break;
      case "role":
        assert.equal(await (e.role === "operator" ? agentRegistry.read.isOperator : agentRegistry.read.isIssuer)([e.deskId, e.account]), e.enabled, e.sentence);
        break;
      case "agent": {
        const a = await agentRegistry.read.agent([e.account]);
        const expected = { add: AgentStatus.Active, suspend: AgentStatus.Suspended, reinstate: AgentStatus.Active, remove: AgentStatus.Removed }[e.action];
        assert.equal(a.status, expected, e.sentence);
        if (e.deskId !== undefined) assert.equal(a.deskId, e.deskId, e.sentence);
        break;
      }
      case "setting": {
        const again = await describeProposal(world.publicClient, { deployment: world.protocol.deployment, latestVersion: () => undefined, now: 0 }, [
          { target: governor.address, value: 0n, data: settingsCalls.get(e.name)! },
        ]);
        const after = again[0];
        assert.ok(after?.type === "setting", e.sentence);
        assert.equal(after.from, e.to, `${e.sentence} (now ${after.from})`);
        break;
      }
      default:
        assert.fail(`unexpected effect ${e.type}: ${e.sentence}`);
    }
  }
}

// A setting's effect is checked by describing the same call again after execution: its "from" is the new value.
const settingsCalls = new Map<string, Hex>();

async function previewThenExecute(world: World, calls: Call[], description: string) {
  const { outcome, effects } = await preview(world, calls);
  assert.deepEqual(outcome, { ok: true });
  for (const e of effects) if (e.type === "setting") settingsCalls.set(e.name, calls[e.call]!.data);
  const id = await govern(world, calls, description);
  const executed = await world.publicClient.getContractEvents({
    address: world.protocol.governor.address,
    abi: world.protocol.governor.abi,
    eventName: "ProposalExecuted",
    fromBlock: 0n,
  });
  const tx = executed.find((l) => l.args.proposalId === id)!.transactionHash;
  await assertHappened(world, effects, [tx]);
  return effects;
}

describe("what you vote on is what runs", () => {
  let connection: Connection;
  before(async () => {
    connection = await network.create();
  });

  it("a parameter-only change is a new hash, shown as a parameter diff, and the contract and the SDK agree on it", async () => {
    const world = await connection.networkHelpers.loadFixture(ratingWorld);
    const { policyRegistry } = world.protocol;
    const slaId = await policyRegistry.read.policyOfKind([PolicyKind.SLA]);
    const faster = {
      ...SLA_PARAMS,
      firstResponseMinutes: [SLA_PARAMS.firstResponseMinutes[0], SLA_PARAMS.firstResponseMinutes[1], SLA_PARAMS.firstResponseMinutes[2], 5] as const,
    };
    const prose = "Support answers within these targets.";
    const v2 = publish(world, PolicyKind.SLA, slaId, prose, { kind: "sla", sla: SLA_PARAMS });
    const v3 = publish(world, PolicyKind.SLA, slaId, prose, { kind: "sla", sla: faster });
    await govern(world, [v2], "SLA v2: words and the generated section");
    const effects = await previewThenExecute(world, [v3], "SLA v3: Urgent first response to 5 minutes");

    const hash2 = (await policyRegistry.read.version([slaId, 2n])).contentHash;
    const hash3 = (await policyRegistry.read.version([slaId, 3n])).contentHash;
    assert.notEqual(hash2, hash3);
    const content3 = { text: composePolicyText(prose, { kind: "sla", sla: faster }), uri: "", params: encodeParams({ kind: "sla", sla: faster }) };
    assert.equal(hash3, policyContentHash(PolicyKind.SLA, content3));
    assert.equal(await policyRegistry.read.contentHashOf([PolicyKind.SLA, { title: "", ...content3 }]), hash3);
    const urgent = SLA_PARAMS.firstResponseMinutes[3];
    assert.deepEqual(effects[0]?.type === "policyVersion" && effects[0].changes, [{ name: "Urgent first response", before: `${urgent} min`, after: "5 min" }]);
    assert.equal(effects[0]?.sentence, `Service levels v3 would take effect on execution: Urgent first response ${urgent} min → 5 min.`);
  });

  it("refuses a version identical to the newest one, before the vote (simulation) and on execution", async () => {
    const world = await connection.networkHelpers.loadFixture(ratingWorld);
    const { policyRegistry, governor } = world.protocol;
    const general = publish(world, PolicyKind.General, 0n, "Agents name their desk.", { kind: "none" }, "Code of conduct");
    await govern(world, [general], "Code of conduct");
    const id = await policyRegistry.read.policyCount();
    const same = publish(world, PolicyKind.General, id, "Agents name their desk.", { kind: "none" }, "Code of conduct");
    const hash = policyContentHash(PolicyKind.General, { text: "Agents name their desk.", uri: "", params: "0x" });

    const { outcome } = await preview(world, [same]);
    assert.deepEqual(outcome, {
      ok: false,
      failedCall: 0,
      reason: `This says and enforces exactly what version 1 of policy #${id} does (content hash ${hash.slice(0, 10)}…): change the text, the link or the values.`,
    });

    const proposal = await queueWithCriticalSupport(world, [same], "Republish the code of conduct unchanged");
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      governor.write.execute([proposal], { account: world.alice.account }),
      policyRegistry,
      "PolicyRegistryUnchanged",
      [id, 1n, hash],
    );
  });

  it("refuses more than 32 official channels in one version, before the vote", async () => {
    const world = await connection.networkHelpers.loadFixture(ratingWorld);
    const many = { ...CHANNELS, websites: Array.from({ length: 30 }, (_, i) => `site${i}.acme.example`) };
    const { outcome } = await preview(world, [
      publish(world, PolicyKind.OfficialChannels, 0n, "Only these.", { kind: "channels", channels: many }, "Channels"),
    ]);
    assert.deepEqual(outcome, { ok: false, failedCall: 0, reason: "33 official channels is too many for one version: at most 32." });
  });

  it("says when a text's enforced section disagrees with the typed values", () => {
    const typed: TypedParams = { kind: "sla", sla: SLA_PARAMS };
    const stale = composePolicyText("Targets below.", { kind: "sla", sla: { ...SLA_PARAMS, firstResponseMinutes: [480, 60, 30, 30] } });
    assert.equal(
      textParamsMismatch(PolicyKind.SLA, stale, encodeParams(typed)),
      "The text's section of enforced values differs from what this version enforces: the contract applies the typed values, not the words.",
    );
    assert.equal(textParamsMismatch(PolicyKind.SLA, composePolicyText("Targets below.", typed), encodeParams(typed)), undefined);
    assert.equal(
      textParamsMismatch(PolicyKind.SLA, "Urgent: first response within 30 minutes.", encodeParams(typed)),
      "The text does not state the values this version enforces: its generated section is missing.",
    );
  });

  it("simulates every policy kind exactly as execution publishes it", async () => {
    const world = await connection.networkHelpers.loadFixture(ratingWorld);
    const { policyRegistry } = world.protocol;
    const rulesId = await policyRegistry.read.policyOfKind([PolicyKind.RatingRules]);
    const calls = [
      publish(world, PolicyKind.General, 0n, "Agents name their desk.", { kind: "none" }, "Code of conduct"),
      publish(world, PolicyKind.Escalation, 0n, "Tier 2 takes over after half the resolution target.", { kind: "none" }, "Escalation"),
      publish(world, PolicyKind.SecurityScript, 0n, "Support never asks for your seed phrase.", { kind: "none" }, "Security script"),
      publish(world, PolicyKind.OfficialChannels, 0n, "Only these channels are support.", { kind: "channels", channels: CHANNELS }, "Official channels"),
      publish(world, PolicyKind.RatingRules, rulesId, "Rate within the window.", {
        kind: "rules",
        rules: { ratingWindow: 3 * 86400, scale: 5, tags: ["fast"] },
      }),
    ];
    const effects = await previewThenExecute(world, calls, "Every kind of policy at once");
    assert.deepEqual(
      effects.map((e) => e.sentence),
      [
        "New General policy “Code of conduct” (v1) would take effect on execution.",
        "New Escalation policy “Escalation” (v1) would take effect on execution.",
        "New Security script policy “Security script” (v1) would take effect on execution.",
        "New Official channels policy “Official channels” (v1) would take effect on execution: Websites support.acme.example; E-mail domains acme.example; Social accounts X @AcmeSupport; Phones +15550100.",
        "Rating rules v2 would take effect on execution: Rating window 7 d → 3 d; Tags fast, friendly, solved, escalated → fast; Ticket categories Wallet setup & backup, Transactions & gas, dApp connection, Security & phishing, Asset recovery → none.",
      ],
    );
  });

  it("simulates desk, agent and governance actions exactly as execution applies them", async () => {
    const world = await connection.networkHelpers.loadFixture(ratingWorld);
    const { agentRegistry: r, governor: g } = world.protocol;
    const next = (await r.read.deskCount()) + 1;
    const onboarding = [
      call(r.address, r.abi, "registerDesk", ["Nimbus Help", false]),
      call(r.address, r.abi, "setOperator", [next, world.dave.account.address, true]),
      call(r.address, r.abi, "setIssuer", [next, world.stranger.account.address, true]),
      call(r.address, r.abi, "addAgent", [next, world.otherUser.account.address, "nimbus-ana", 0]),
    ];
    const onboarded = await previewThenExecute(world, onboarding, "Onboard Nimbus Help");
    assert.deepEqual(
      onboarded.map((e) => e.type),
      ["deskRegistered", "role", "role", "agent"],
    );
    await previewThenExecute(world, [call(r.address, r.abi, "suspendAgent", [world.otherUser.account.address, "Asked a user for a seed phrase"])], "Suspend");
    await previewThenExecute(world, [call(r.address, r.abi, "removeDesk", [next])], "Remove Nimbus Help");
    const settings = await previewThenExecute(
      world,
      [
        call(g.address, g.abi, "setCriticalQuorumNumerator", [25n]),
        call(g.address, g.abi, "updateQuorumNumerator", [5n]),
        call(g.address, g.abi, "setVotingPeriod", [5 * 86400]),
      ],
      "Governance settings",
    );
    assert.deepEqual(
      settings.map((e) => e.sentence),
      [
        "The critical quorum would change from 20 % to 25 %.",
        "The normal quorum would change from 4 % to 5 %.",
        "The voting period would change from 3 d to 5 d.",
      ],
    );
  });

  it("names the call that would revert, and why, before anyone votes", async () => {
    const world = await connection.networkHelpers.loadFixture(ratingWorld);
    const { governor: g, policyRegistry } = world.protocol;
    const calls = [
      publish(world, PolicyKind.General, 0n, "Agents name their desk.", { kind: "none" }, "Code of conduct"),
      call(g.address, g.abi, "updateQuorumNumerator", [30n]),
    ];
    const { outcome } = await preview(world, calls);
    assert.deepEqual(outcome, {
      ok: false,
      failedCall: 1,
      reason: "The normal quorum cannot be 30 %: it may not exceed the critical quorum (20 %), or critical changes would need less support than routine ones.",
    });
    // Nothing was written: the simulation is a call.
    assert.equal(await policyRegistry.read.policyCount(), 2n);
  });
});
