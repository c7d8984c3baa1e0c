/**
 * `npm run rehearse`: the public deployment, rehearsed end to end on this machine (no public chain is
 * reachable from it). A second node plays Base Sepolia — an OP-stack chain with id 84532 — and is reached
 * only the way a public network is: through the public-RPC simulator (eth_getLogs capped at 10,000 blocks
 * or results, HTTP 429 on bursts, added latency), with the `baseSepolia` network of hardhat.config.ts and
 * its variables (BASE_SEPOLIA_RPC_URL, DEPLOYER_PRIVATE_KEY) set in the environment. Then:
 *
 *   1. `npm run deploy -- --network baseSepolia` is killed (SIGKILL) half-way and run again: it completes,
 *      keeping what exists, at the addresses CreateX predicts for the deployer (the same on every chain);
 *   2. the DAO is set up (tokens delegated; a desk, its issuer and agent onboarded by a critical proposal);
 *   3. a proposal is passed with **gasless votes** (signed ballots the relayer submits);
 *   4. a wallet user with no gas at all rates a ticket **gaslessly** through the relayer;
 *   5. 12,000 empty blocks give the history a public network's depth; the indexer (embedded PGlite)
 *      backfills it through the simulator;
 *   6. `npm run audit -- --indexer` recomputes everything from the chain and compares the index: exit 0;
 *   7. the public build of the dApp for chain 84532 (its RPC, indexer and relayer) shows the agent's rating
 *      in headless Chromium.
 *
 * Only two things go to the node directly, standing in for what a public network does by itself: the
 * faucet (hardhat_setBalance) and the passing of days (evm_increaseTime) during governance. Exit 0 when
 * every step passed; otherwise one line naming the step, and exit 1.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  type Deployment,
  ratingRelayBody,
  relayRating,
  relayVote,
  signBallot,
  signRatingIntent,
  signReceipt,
  VoteType,
  voteRelayBody,
  waitForRelay,
} from "@support-quality/sdk";
import { queryIndex } from "@support-quality/sdk/indexer";
import { network } from "hardhat";
import { type Address, getAddress, keccak256, parseEther, toHex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { create3Address, create3Salt } from "../deploy/createx.js";
import { attachProtocol, DEPLOY_ORDER } from "../deploy/protocol.js";
import { distributeAndDelegate, makeReceipt, ratingPolicyCalls, registerDesk, type World } from "../test/support/fixtures.js";
import { renderDeployments } from "./generate.js";
import { launchChromium } from "./stack/browser.js";
import { advanceTime, propose } from "./stack/govern.js";
import { freePort, startIndexer } from "./stack/indexer.js";
import { mineLinkedBlocks, startNode } from "./stack/node.js";
import { startPublicRpc } from "./stack/public-rpc.js";
import { startRelayerService } from "./stack/relayer.js";
import { ROOT, run, serveStatic } from "./stack/stack.js";

const CHAIN_ID = 84532;
const EMPTY_BLOCKS = 12_000;
const DESCRIPTION = "Adopt the SLA and the rating rules (rehearsal)";
const RATING_COMMENT = "Rehearsed on chain 84532.";
const CONTRACTS = DEPLOY_ORDER;

const started = Date.now();
const timings: [string, number][] = [];
const cleanups: (() => Promise<unknown>)[] = [];
let current = "starting";

function log(line: string) {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);
}

async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  current = what;
  log(`▶ ${what}`);
  const t = Date.now();
  const result = await run();
  timings.push([what, (Date.now() - t) / 1000]);
  log(`✓ ${what} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  return result;
}

function check(condition: unknown, sentence: string): asserts condition {
  if (!condition) throw new Error(sentence);
}

/**
 * `npm run deploy -- --network baseSepolia` (its deploy step: `npm run rehearse` compiled first) as its own
 * process group; SIGKILLed when `killOn` is printed.
 */
function deployCli(env: NodeJS.ProcessEnv, killOn?: RegExp): Promise<{ output: string; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      "npx",
      ["hardhat", "--build-profile", "production", "run", "--no-compile", "scripts/deploy.ts", "--network", "baseSepolia"],
      {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      },
    );
    let output = "";
    let killed = false;
    const onData = (d: Buffer) => {
      output += d;
      for (const line of String(d).split("\n")) if (line.trim()) log(`  deploy │ ${line.trim()}`);
      if (killOn && !killed && killOn.test(output)) {
        killed = true;
        process.kill(-child.pid!, "SIGKILL");
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (killed) resolve({ output, killed });
      else if (code === 0) resolve({ output, killed });
      else reject(new Error(`npm run deploy failed (${signal ?? `exit ${code}`}).`));
    });
  });
}

/** Runs `npm run audit`'s command; resolves with its exit code and output. */
function auditCli(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "scripts/audit.ts", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, output }));
  });
}

try {
  const work = mkdtempSync(path.join(tmpdir(), "sqp-rehearsal-"));
  cleanups.push(async () => rmSync(work, { recursive: true, force: true }));

  const { node, rpc } = await step("start the rehearsal chain (OP stack, chain 84532) behind the public-RPC simulator", async () => {
    const node = await startNode({ port: await freePort(), chainId: CHAIN_ID, chainType: "op" });
    cleanups.push(() => node.close());
    const rpc = await startPublicRpc({ upstream: node.url, latencyMs: 20 });
    cleanups.push(() => rpc.close());
    log(`  node ${node.url} (direct: faucet and time only); public RPC ${rpc.url}`);
    return { node, rpc };
  });
  const faucet = (address: Address, eth: string) => node.provider.request({ method: "hardhat_setBalance", params: [address, toHex(parseEther(eth))] });

  // Fresh keys, as a real operator would create them (never the repo's dev mnemonic).
  const keys = Array.from({ length: 14 }, () => generatePrivateKey());
  const deployerKey = keys[0]!;
  const deployer = privateKeyToAccount(deployerKey).address;
  const relayerKey = generatePrivateKey();
  const requesterKey = generatePrivateKey();
  await faucet(deployer, "10");
  for (const key of keys.slice(1)) await faucet(privateKeyToAccount(key).address, "1");
  await faucet(privateKeyToAccount(relayerKey).address, "1");

  const env = { BASE_SEPOLIA_RPC_URL: rpc.url, DEPLOYER_PRIVATE_KEY: deployerKey, DEPLOYMENTS_DIR: work };
  const predicted = await step("predict the protocol's addresses (CREATE3 through CreateX, salts permissioned to the deployer)", async () => {
    const out = Object.fromEntries(CONTRACTS.map((name) => [name, create3Address(deployer, create3Salt(deployer, name))])) as Record<
      (typeof CONTRACTS)[number],
      Address
    >;
    for (const name of CONTRACTS) log(`  ${name.padEnd(18)} ${out[name]}`);
    return out;
  });

  await step("npm run deploy -- --network baseSepolia, killed with SIGKILL half-way", async () => {
    const { killed } = await deployCli(env, /PolicyRegistry deployed at/);
    check(killed, "The deployment finished before it could be killed.");
    const code = async (a: Address) => ((await node.provider.request({ method: "eth_getCode", params: [a, "latest"] })) as string) !== "0x";
    check(await code(predicted.PolicyRegistry), "The policy registry is missing after the first run.");
    check(!(await code(predicted.SupportGovernor)), "The governor exists although the run was killed before it.");
    check(existsSync(path.join(work, `${CHAIN_ID}.journal.json`)), "The deployment journal was not written.");
    check(!existsSync(path.join(work, `${CHAIN_ID}.json`)), "A deployment record was written by a run that did not finish.");
    log("  killed after the policy registry: the token, timelock and policy registry exist; the governor does not.");
  });

  const deployment = await step("npm run deploy -- --network baseSepolia again: resumes and completes", async () => {
    const { output } = await deployCli(env);
    for (const name of ["SupportToken", "TimelockController", "PolicyRegistry"])
      check(output.includes(`${name} is already at ${predicted[name as (typeof CONTRACTS)[number]]}: kept.`), `The resumed run did not keep ${name}.`);
    check(output.includes(`SupportGovernor deployed at ${predicted.SupportGovernor}`), "The resumed run did not deploy the governor where predicted.");
    const record = JSON.parse(readFileSync(path.join(work, `${CHAIN_ID}.json`), "utf8")) as Deployment;
    check(!existsSync(path.join(work, `${CHAIN_ID}.journal.json`)), "The journal outlived the finished deployment.");
    for (const name of CONTRACTS) check(getAddress(record.contracts[name]) === predicted[name], `${name} is not at its predicted address.`);
    return record;
  });

  const world = await step("set up the DAO: tokens delegated; a desk, its issuer and agent onboarded (critical proposal)", async () => {
    const connection = await network.create({ network: "baseSepolia", override: { url: rpc.url, accounts: keys } });
    cleanups.push(() => connection.close());
    const direct = await network.create({ network: "localhost", override: { url: node.url } });
    cleanups.push(() => direct.close());
    const wallets = await connection.viem.getWalletClients();
    const [d, alice, bob, carol, dave, operator, issuer, agent, requester, otherUser, relayer, guardian, stranger, council] = wallets;
    const publicClient = await connection.viem.getPublicClient();
    const testClient = await direct.viem.getTestClient();
    const protocol = await attachProtocol(connection.viem, deployment, deployer);
    const world: World = {
      connection,
      protocol,
      clients: { publicClient, testClient },
      publicClient,
      testClient,
      deployer: d!,
      alice: alice!,
      bob: bob!,
      carol: carol!,
      dave: dave!,
      operator: operator!,
      issuer: issuer!,
      agent: agent!,
      requester: requester!,
      otherUser: otherUser!,
      relayer: relayer!,
      guardian: guardian!,
      stranger: stranger!,
      council: council!,
    };
    await distributeAndDelegate(world);
    const deskId = await registerDesk(world);
    log(`  desk ${deskId} registered with agent ${agent!.account.address}`);
    return { ...world, deskId };
  });

  const deploymentFile = path.join(work, `${CHAIN_ID}.json`);
  const relayer = await step("start the relayer (its own funded key, through the public RPC)", async () => {
    const service = await startRelayerService({ root: ROOT, rpcUrl: rpc.url, port: await freePort(), deploymentFile, privateKey: relayerKey, log });
    cleanups.push(() => service.close());
    return service;
  });

  await step("pass the rating rules and SLA with gasless votes (signed ballots, submitted by the relayer)", async () => {
    const { governor } = world.protocol;
    const calls = ratingPolicyCalls(world);
    const id = await propose(world.clients, governor, world.alice, calls, DESCRIPTION);
    await advanceTime(world.testClient, (await governor.read.votingDelay()) + 1n);
    const contract = { chainId: CHAIN_ID, verifyingContract: governor.address };
    for (const [voter, reason] of [
      [world.alice, "Clear targets for every desk."],
      [world.bob, "Agreed."],
    ] as const) {
      const ballot = {
        proposalId: id,
        support: VoteType.For,
        voter: voter.account.address,
        nonce: await governor.read.nonces([voter.account.address]),
        reason,
      };
      const balance = await world.publicClient.getBalance({ address: voter.account.address });
      const queued = await relayVote({ url: relayer.url }, voteRelayBody(contract, ballot, await signBallot(voter, contract, ballot)));
      const done = await waitForRelay({ url: relayer.url }, queued.id, {
        onStatus: (v) => log(`  vote ${v.id}: ${v.status}${v.txHash ? ` ${v.txHash}` : ""}`),
      });
      check(done.status === "confirmed", `The relayed vote ended ${done.status}.`);
      check((await world.publicClient.getBalance({ address: voter.account.address })) === balance, "A gasless voter paid gas.");
      check(await governor.read.hasVoted([id, voter.account.address]), "The relayed vote was not counted.");
    }
    const deadline = await governor.read.proposalDeadline([id]);
    const now = (await world.publicClient.getBlock()).timestamp;
    await advanceTime(world.testClient, deadline - now + 1n);
    const [targets, values, datas] = [calls.map((c) => c.target), calls.map((c) => c.value ?? 0n), calls.map((c) => c.data)];
    const descriptionHash = keccak256(toHex(DESCRIPTION));
    await world.publicClient.waitForTransactionReceipt({
      hash: await governor.write.queue([targets, values, datas, descriptionHash], { account: world.alice.account }),
    });
    const eta = await governor.read.proposalEta([id]);
    await advanceTime(world.testClient, eta - (await world.publicClient.getBlock()).timestamp + 1n);
    await world.publicClient.waitForTransactionReceipt({
      hash: await governor.write.execute([targets, values, datas, descriptionHash], { account: world.alice.account }),
    });
    check((await governor.read.state([id])) === 7, "The proposal was not executed.");
    // Tickets are rated under the rules in force when they were opened: let a day pass.
    await advanceTime(world.testClient, 24 * 60 * 60);
  });

  await step("rate a ticket gaslessly: a wallet user with 0 ETH signs, the relayer submits", async () => {
    const requester = privateKeyToAccount(requesterKey);
    const { ratings } = world.protocol;
    const contract = { chainId: CHAIN_ID, verifyingContract: ratings.address };
    const receipt = await makeReceipt(world, world.deskId, { requester: requester.address });
    const receiptSignature = await signReceipt(world.issuer, contract, receipt);
    const now = Number((await world.publicClient.getBlock()).timestamp);
    const intent = { receipt, score: 5, tags: 0b0001, comment: RATING_COMMENT, nonce: 0n, deadline: now + 3600 };
    const body = ratingRelayBody(
      contract,
      intent,
      getAddress(world.issuer.account.address),
      receiptSignature,
      await signRatingIntent(requester, contract, intent),
    );
    const queued = await relayRating({ url: relayer.url }, body);
    const done = await waitForRelay({ url: relayer.url }, queued.id, {
      onStatus: (v) => log(`  rating ${v.id}: ${v.status}${v.txHash ? ` ${v.txHash}` : ""}`),
    });
    check(done.status === "confirmed", `The relayed rating ended ${done.status}.`);
    check((await world.publicClient.getBalance({ address: requester.address })) === 0n, "The requester's balance moved.");
    check((await ratings.read.nonces([requester.address])) === 1n, "The rating's nonce was not used.");
    const stats = await ratings.read.agentStats([world.agent.account.address]);
    log(`  agent ${world.agent.account.address}: ${stats.count} rating(s)`);
  });

  const head = await step(`give the history a public network's depth (${EMPTY_BLOCKS.toLocaleString("en")} empty blocks)`, async () => {
    // One evm_mine each: Hardhat's OP-stack simulation cannot `hardhat_mine` a range (EDR panics building
    // the reserved blocks' header), and linked blocks are what a real chain has anyway.
    await mineLinkedBlocks(node.provider, EMPTY_BLOCKS, EMPTY_BLOCKS);
    return Number(await world.publicClient.getBlockNumber());
  });

  const indexer = await step("index the chain through the public RPC (Ponder on embedded PGlite)", async () => {
    const indexer = await startIndexer({ rpcUrl: rpc.url, chainId: CHAIN_ID, deploymentsDir: work, port: await freePort(), log });
    cleanups.push(() => indexer.stop());
    await indexer.waitFor(head, 300_000);
    const rows = (await queryIndex(indexer.url, "select count(*) as n from rating", [])) as { n: number | string }[];
    log(`  indexed to block ${head}; ratings in the index: ${rows[0]?.n}`);
    check(Number(rows[0]?.n) === 1, `The index holds ${rows[0]?.n} ratings, not 1.`);
    return indexer;
  });

  await step("npm run audit -- --indexer: recompute everything from the chain and compare the index", async () => {
    const out = path.join(work, "audit");
    const { code, output } = await auditCli(["--rpc", rpc.url, "--deployments", deploymentFile, "--indexer", indexer.url, "--out", out, "--no-cache"]);
    for (const line of output.trim().split("\n").slice(-8)) log(`  audit │ ${line}`);
    check(code === 0, `The audit exited ${code}.`);
  });

  await step("build the public dApp for chain 84532 and read the agent's rating in headless Chromium", async () => {
    // The build a public deployment serves (`--mode public`: no local chain, no dev accounts), against the
    // rehearsal's deployment record and endpoints instead of the committed ones.
    const module = path.join(work, "deployments.ts");
    writeFileSync(module, renderDeployments(work));
    const outDir = path.join(work, "web");
    await run("npx", ["vite", "build", "--config", "web/vite.config.ts", "--mode", "public", "--outDir", outDir, "--emptyOutDir"], undefined, {
      SQP_DEPLOYMENTS_MODULE: module,
      VITE_RPC_URLS: JSON.stringify({ [CHAIN_ID]: rpc.url }),
      VITE_RELAYER_URL: relayer.url,
      VITE_INDEXER_URL: indexer.url,
    });
    const server = await serveStatic(outDir, await freePort());
    cleanups.push(() => server.close());
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const url = `${server.url}agents/${world.agent.account.address}`;
    await page.goto(url);
    await page.getByText(RATING_COMMENT).first().waitFor({ timeout: 60_000 });
    check(await page.getByText("Base Sepolia").first().isVisible(), "The dApp does not name the chain Base Sepolia.");
    check(errors.length === 0, `The page threw: ${errors[0]}`);
    log(`  ${url} shows the rating "${RATING_COMMENT}" on Base Sepolia`);
  });

  log(
    `Rehearsal passed in ${((Date.now() - started) / 1000).toFixed(0)} s. Public-RPC simulator: ${rpc.stats.requests} requests, ${rpc.stats.refusedLogs} oversized eth_getLogs refused, ${rpc.stats.rateLimited} answered 429, widest eth_getLogs ${rpc.stats.widestLogRange} blocks.`,
  );
  for (const [what, seconds] of timings) console.log(`  ${seconds.toFixed(1).padStart(6)} s  ${what}`);
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  process.exit(0);
} catch (error) {
  console.error(`Rehearsal failed at "${current}": ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  process.exit(1);
}
