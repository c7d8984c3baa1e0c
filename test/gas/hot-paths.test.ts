/**
 * Gas of the hot paths, checked against the committed snapshot of the build profile that compiled them
 * (`snapshots/gas.<profile>.json`), as Uniswap v4 commits `snapshots/`: any change fails until the
 * snapshot is updated on purpose (`GAS_SNAPSHOT=update`), so a regression shows in review.
 */
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { before, describe, it } from "node:test";
import { PolicyKind, RATING_INTENT_TYPES, RECEIPT_TYPES, ratingsDomain, VoteType } from "@support-quality/sdk";
import hre, { network } from "hardhat";
import { hashStruct, keccak256, toHex } from "viem";
import { call } from "../../scripts/stack/govern.js";
import { type Connection, issue, makeReceipt, mined, rateArgs, ratingWorld } from "../support/fixtures.js";
import { proposeAndOpen } from "../support/governance-steps.js";

// Instrumented bytecode (coverage) costs more gas: it has its own snapshot, as deterministic as the others.
const profile = `${hre.globalOptions.buildProfile ?? "default"}${hre.globalOptions.coverage ? ".coverage" : ""}`;
const file = path.resolve("snapshots", `gas.${profile}.json`);
const FIXED_TIME = 2_000_000_000;

describe(`gas of the hot paths (${profile} build)`, () => {
  let connection: Connection;
  before(async () => {
    connection = await network.create();
  });

  it("matches the committed snapshot", async () => {
    const world = await connection.networkHelpers.loadFixture(ratingWorld);
    const { ratings, governor, policyRegistry } = world.protocol;
    // Calldata gas depends on its zero bytes, so every signed value is fixed: the chain moves to a fixed time
    // and receipts and deadlines are constants (block times otherwise follow the wall clock).
    await connection.networkHelpers.time.increaseTo(FIXED_TIME);
    const times = {
      openedAt: FIXED_TIME - 3600,
      firstResponseAt: FIXED_TIME - 3000,
      resolvedAt: FIXED_TIME - 600,
      deadline: FIXED_TIME + 30 * 24 * 3600,
    };
    const measured: Record<string, number> = {};
    const gasOf = async (name: string, hash: Promise<`0x${string}`>) => {
      measured[name] = Number((await mined(world, hash)).gasUsed);
    };
    // Ticket ids are fixed too: the fixtures' counter depends on how many receipts earlier test files made.
    let ticketId = 1n;
    const rate = async (name: string, comment: string) => {
      const receipt = await makeReceipt(world, world.deskId, { ...times, ticketId: ticketId++ });
      const args = rateArgs(receipt, world.issuer.account.address, await issue(world, receipt), 5, 0b0101, comment);
      await gasOf(name, ratings.write.rate(args, { account: world.requester.account }));
    };
    await rate("rate: first rating of the agent", "Fast and clear, thanks!");
    await rate("rate: steady state (51-char comment)", "Solved my stuck transaction in ten minutes, thanks!");

    for (const name of ["rateBySig: first relayed rating of the requester", "rateBySig: steady state"]) {
      const receipt = await makeReceipt(world, world.deskId, { ...times, ticketId: ticketId++ });
      const comment = "Relayed.";
      const deadline = FIXED_TIME + 24 * 3600;
      const intent = await world.requester.signTypedData({
        account: world.requester.account,
        domain: ratingsDomain(world.protocol.deployment.chainId, ratings.address),
        types: RATING_INTENT_TYPES,
        primaryType: "RatingIntent",
        message: {
          receiptHash: hashStruct({ data: receipt, primaryType: "ReceiptV2", types: RECEIPT_TYPES }),
          score: 4,
          tags: 0,
          commentHash: keccak256(toHex(comment)),
          nonce: await ratings.read.nonces([receipt.requester]),
          deadline,
        },
      });
      const [r, signature, signer, score, tags] = rateArgs(receipt, world.issuer.account.address, await issue(world, receipt), 4, 0, comment);
      await gasOf(name, ratings.write.rateBySig([r, signature, signer, score, tags, comment, deadline, intent], { account: world.relayer.account }));
    }

    const general = call(policyRegistry.address, policyRegistry.abi, "publishPolicy", [
      PolicyKind.General,
      0n,
      0,
      { title: "Code of conduct", text: "Agents name their desk.", uri: "", params: "0x" },
    ]);
    const description = "Adopt a code of conduct";
    const id = await governor.read.getProposalId([[general.target], [0n], [general.data], keccak256(toHex(description))]);
    await gasOf("propose: routine", governor.write.propose([[general.target], [0n], [general.data], description], { account: world.alice.account }));
    const critical = call(world.protocol.agentRegistry.address, world.protocol.agentRegistry.abi, "registerDesk", ["Desk", false]);
    await gasOf("propose: critical", governor.write.propose([[critical.target], [0n], [critical.data], "Register a desk"], { account: world.alice.account }));
    await proposeAndOpen(world, world.alice, [general], "Open the vote");
    await gasOf("castVote", governor.write.castVote([id, VoteType.For], { account: world.council.account }));

    if (process.env.GAS_SNAPSHOT === "update") {
      await writeFile(file, `${JSON.stringify(measured, null, 2)}\n`);
      return;
    }
    const committed = JSON.parse(await readFile(file, "utf8").catch(() => "{}"));
    assert.deepEqual(measured, committed, `gas changed against ${path.relative(process.cwd(), file)}; run with GAS_SNAPSHOT=update to accept`);
  });
});
