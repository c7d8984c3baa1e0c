/**
 * SLAs in business hours (help-desk issue): a calendar voted into the SLA, verdicts that count only the
 * desk's open hours, a desk's own calendar, time waiting on the requester left out of the resolution
 * time, ticket categories from the rating rules — and the SDK's preview agreeing with the contract.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import {
  businessSeconds,
  checkReceipt,
  encodeSlaParams,
  PolicyKind,
  packCalendar,
  type Receipt,
  type SlaParams,
  SlaVerdict,
  weekdayCalendar,
} from "@support-quality/sdk";
import { network } from "hardhat";
import { parseEther } from "viem";
import { call } from "../../scripts/stack/govern.js";
import { type Connection, govern, issue, makeReceipt, mined, rateArgs, ratingWorld, SLA_PARAMS, TICKET_CATEGORIES } from "../support/fixtures.js";

type RatingWorld = Awaited<ReturnType<typeof ratingWorld>>;

const HOUR = 3600;
const DAY = 24 * HOUR;
const Priority = { Normal: 1, High: 2 } as const;
/** Mon–Fri 09:00–17:00 UTC. */
const NINE_TO_FIVE = weekdayCalendar(9 * 60, 17 * 60);

/** SLA v2: 8 h first reply and 16 h resolution for every priority; Normal counts business hours, High calendar time. */
const BUSINESS_SLA: SlaParams = {
  firstResponseMinutes: [480, 480, 480, 480],
  resolutionMinutes: [960, 960, 960, 960],
  businessHours: 1 << Priority.Normal,
  calendar: NINE_TO_FIVE,
};

async function publishSla(world: RatingWorld, sla: SlaParams, text: string) {
  const p = world.protocol.policyRegistry;
  const slaId = await p.read.policyOfKind([PolicyKind.SLA]);
  await govern(world, [call(p.address, p.abi, "publishPolicy", [PolicyKind.SLA, slaId, 0, { title: "", text, uri: "", params: encodeSlaParams(sla) }])], text);
}

/** The first Friday 17:00 UTC at least a day after `after`. */
function nextFriday17(after: number): number {
  const day = Math.floor((after + DAY) / DAY) + 1;
  // 1970-01-01 was a Thursday: day d is a Friday when (d + 3) % 7 === 4 (Monday = 0).
  const friday = day + ((4 - ((day + 3) % 7) + 7) % 7);
  return friday * DAY + 17 * HOUR;
}

async function rateAs(world: RatingWorld, receipt: Receipt) {
  const hash = world.protocol.ratings.write.rate(rateArgs(receipt, world.issuer.account.address, await issue(world, receipt), 4, 0, "Weekend ticket."), {
    account: world.requester.account,
  });
  await mined(world, hash);
  const id = await world.protocol.ratings.read.ratingIdOf([receipt.deskId, receipt.ticketId]);
  return (await world.protocol.ratings.read.rating([id])).verdict;
}

describe("business-hours SLAs", () => {
  let connection: Connection;
  let world: RatingWorld;
  let friday: number;
  before(async () => {
    connection = await network.create();
    world = await connection.networkHelpers.loadFixture(ratingWorld);
    await publishSla(world, BUSINESS_SLA, "SLA v2: Normal tickets are measured in business hours, Mon–Fri 09:00–17:00 UTC.");
    friday = nextFriday17(Number((await world.publicClient.getBlock()).timestamp));
  });

  it("a ticket opened Friday 17:00 and answered Monday 09:00 meets 8 business hours and breaches 8 calendar hours", async () => {
    const monday9 = friday + 2 * DAY + 16 * HOUR;
    await connection.networkHelpers.time.increaseTo(monday9 + 4 * HOUR);
    const times = { openedAt: friday, firstResponseAt: monday9, resolvedAt: monday9 + 3 * HOUR };
    const business = await makeReceipt(world, world.deskId, { ...times, priority: Priority.Normal });
    const calendar = await makeReceipt(world, world.deskId, { ...times, priority: Priority.High });

    // The SDK's pre-flight check reads the calendar and predicts what the contract records.
    const deployment = { chainId: world.protocol.deployment.chainId, contracts: world.protocol.deployment.contracts };
    const preview = await checkReceipt(world.publicClient, { deployment, receipt: business, signer: world.issuer.account.address });
    assert.equal(preview.problem, undefined);
    assert.deepEqual(preview.judgement.ok && [preview.judgement.verdict, preview.judgement.firstResponse, preview.judgement.resolution], [
      "Met",
      { target: 8 * HOUR, taken: 0, met: true, clock: "business" },
      { target: 16 * HOUR, taken: 3 * HOUR, met: true, clock: "business" },
    ]);
    const packed = await world.protocol.ratings.read.calendarOf([2, world.deskId]);
    assert.deepEqual({ calendar: packed[0], holidays: packed[1] }, packCalendar(NINE_TO_FIVE));
    assert.equal(await world.protocol.ratings.read.businessSeconds([packed[0], packed[1], friday, monday9]), 0n);

    assert.equal(await rateAs(world, business), SlaVerdict.Met);
    assert.equal(await rateAs(world, calendar), SlaVerdict.Breached);
  });

  it("leaves time waiting on the requester out of the resolution time, and refuses more than the ticket lived", async () => {
    const strict = { ...BUSINESS_SLA, resolutionMinutes: [600, 600, 600, 600] as const };
    await publishSla(world, strict, "SLA v3: resolution within 10 business hours.");
    // Opened Monday 09:00, answered at once, resolved Tuesday 13:00: 12 business hours, 4 of them pending.
    const monday9 = nextFriday17(Number((await world.publicClient.getBlock()).timestamp)) + 2 * DAY + 16 * HOUR;
    const t = { openedAt: monday9, firstResponseAt: monday9 + 600, resolvedAt: monday9 + DAY + 4 * HOUR, priority: Priority.Normal };
    await connection.networkHelpers.time.increaseTo(t.resolvedAt + HOUR);
    assert.equal(await rateAs(world, await makeReceipt(world, world.deskId, t)), SlaVerdict.Breached, "12 business hours > 10");
    assert.equal(await rateAs(world, await makeReceipt(world, world.deskId, { ...t, pausedSeconds: 4 * HOUR })), SlaVerdict.Met, "8 of them the desk's");

    const life = t.resolvedAt - t.openedAt;
    const tooLong = await makeReceipt(world, world.deskId, { ...t, pausedSeconds: life + 1 });
    await connection.viem.assertions.revertWithCustomErrorWithArgs(
      world.protocol.ratings.write.rate(rateArgs(tooLong, world.issuer.account.address, await issue(world, tooLong), 4, 0, ""), {
        account: world.requester.account,
      }),
      world.protocol.ratings,
      "RatingsPausedTooLong",
      [life + 1, BigInt(life)],
    );
  });

  it("gives a desk its own calendar (UTC+9) while the others keep the protocol's", async () => {
    const tokyo = weekdayCalendar(9 * 60, 17 * 60, 9 * 60);
    await publishSla(world, { ...BUSINESS_SLA, deskCalendars: [{ deskId: world.deskId, calendar: tokyo }] }, "SLA v4: desk 1 keeps Tokyo hours.");
    const fri = nextFriday17(Number((await world.publicClient.getBlock()).timestamp));
    // Friday 17:00 UTC is Saturday 02:00 in Tokyo; Monday 09:00 UTC is 18:00 there: Monday's 8 open hours.
    const monday9 = fri + 2 * DAY + 16 * HOUR;
    await connection.networkHelpers.time.increaseTo(monday9 + HOUR);
    const [cal, holidays] = await world.protocol.ratings.read.calendarOf([4, world.deskId]);
    assert.equal(await world.protocol.ratings.read.businessSeconds([cal, holidays, fri, monday9]), BigInt(8 * HOUR));
    assert.equal(businessSeconds(packCalendar(tokyo), fri, monday9), 8 * HOUR);
    assert.deepEqual(await world.protocol.ratings.read.calendarOf([4, 99]), [packCalendar(NINE_TO_FIVE).calendar, 0n], "other desks: the protocol's");
    const exactly = await makeReceipt(world, world.deskId, { openedAt: fri, firstResponseAt: monday9, resolvedAt: monday9, priority: Priority.Normal });
    assert.equal(await rateAs(world, exactly), SlaVerdict.Met, "8 business hours = the 8 h target");
  });

  it("refuses impossible calendars and unknown categories with the values", async () => {
    const { policyRegistry: p, ratings } = world.protocol;
    const timelock = world.protocol.timelock.address;
    await connection.networkHelpers.impersonateAccount(timelock);
    await connection.networkHelpers.setBalance(timelock, parseEther("1"));
    const publish = (sla: SlaParams) =>
      p.write.publishPolicy([PolicyKind.SLA, 1n, 0, { title: "", text: "Bad calendar.", uri: "", params: encodeSlaParams(sla) }], { account: timelock });
    const { assertions } = connection.viem;
    const wednesdayBackwards = { ...NINE_TO_FIVE, opens: [540, 540, 1020, 540, 540, 0, 0] as const, closes: [1020, 1020, 540, 1020, 1020, 0, 0] as const };
    await assertions.revertWithCustomErrorWithArgs(publish({ ...BUSINESS_SLA, calendar: wednesdayBackwards }), p, "PolicyRegistryInvalidBusinessHours", [
      0n,
      2n,
      1020,
      540,
    ]);
    await assertions.revertWithCustomErrorWithArgs(
      publish({ ...BUSINESS_SLA, calendar: { ...NINE_TO_FIVE, holidays: [20_500, 20_400] } }),
      p,
      "PolicyRegistryInvalidHolidays",
      [0n, 1n, 20_400, 20_500],
    );
    await assertions.revertWithCustomErrorWithArgs(publish({ ...BUSINESS_SLA, calendar: weekdayCalendar(0, 0) }), p, "PolicyRegistryNoBusinessHours", [0n]);
    await assertions.revertWithCustomErrorWithArgs(
      publish({ ...BUSINESS_SLA, calendar: weekdayCalendar(540, 1020, 900) }),
      p,
      "PolicyRegistryInvalidUtcOffset",
      [0n, 900],
    );
    await assertions.revertWithCustomErrorWithArgs(publish({ ...SLA_PARAMS, businessHours: 0b1_0000 }), p, "PolicyRegistryInvalidBusinessHoursMask", [16]);
    await connection.networkHelpers.stopImpersonatingAccount(timelock);

    const receipt = await makeReceipt(world, world.deskId, { category: TICKET_CATEGORIES.length + 1 });
    await assertions.revertWithCustomErrorWithArgs(
      ratings.write.rate(rateArgs(receipt, world.issuer.account.address, await issue(world, receipt), 4, 0, ""), { account: world.requester.account }),
      ratings,
      "RatingsUnknownCategory",
      [TICKET_CATEGORIES.length + 1, TICKET_CATEGORIES.length],
    );
  });
});
