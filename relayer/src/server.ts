/**
 * The HTTP API (Fastify). Every answer is a status and, when something is refused, one sentence:
 *
 *   POST /v1/ratings        a signed RatingIntent → 202 { id, status: "queued" }   (rateBySig)
 *   POST /v1/votes          a signed ballot       → 202 { id, status: "queued" }   (castVote*BySig)
 *   GET  /v1/requests/:id   queued → submitted → confirmed | refused (with its sentence)
 *   GET  /v1/health         chain, relayer address and balance, queue, limits
 *
 * A request is checked (schema, chain, contract, expiry, signature, replay, limits, budget, balance,
 * simulation) and stored in SQLite before the 202 is sent; the sender pays for it later.
 */
import {
  ballotTypedData,
  extendedBallotTypedData,
  isExtendedBallot,
  type RelayErrorBody,
  rateBySigCall,
  ratingIntentTypedData,
  revertSentence,
  supportGovernorAbi,
  supportRatingsAbi,
} from "@support-quality/sdk";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { type Address, encodeFunctionData, formatEther, type Hex, recoverTypedDataAddress } from "viem";
import { type Chain, RpcUnavailable, SimulatedRevert } from "./chain.js";
import type { Config, Targets } from "./config.js";
import { RateLimiter } from "./limits.js";
import { firstIssue, RatingBody, VoteBody } from "./schemas.js";
import { healthNote, nextUtcMidnight, type Sender } from "./sender.js";
import { type Store, utcDay, view } from "./store.js";

/** The gas a relayed call typically needs; used to refuse work the day's budget cannot pay. */
const TYPICAL_GAS = 250_000;

class Refusal extends Error {
  constructor(
    readonly status: number,
    sentence: string,
    readonly id?: string,
    readonly retryAfter?: number,
  ) {
    super(sentence);
  }
}

interface Accepted {
  kind: "rating" | "vote";
  signer: Address;
  signerNonce: bigint;
  deadline: number;
  signature: Hex;
  to: Address;
  data: Hex;
}

const nonceAbi = [
  { type: "function", name: "nonces", stateMutability: "view", inputs: [{ name: "owner", type: "address" }], outputs: [{ type: "uint256" }] },
] as const;

export function buildServer({
  config,
  targets,
  store,
  chain,
  sender,
}: {
  config: Config;
  targets: Targets;
  store: Store;
  chain: Chain;
  sender: Sender;
}): FastifyInstance {
  const app = Fastify({ trustProxy: config.trustProxy, bodyLimit: 64 * 1024 });
  // JSON only: a text/plain body is refused (415) rather than handed to the schema as a string.
  app.removeContentTypeParser("text/plain");
  // Browsers call it from the dApp's origin: CORS for any origin (it holds no cookies and no user data).
  app.addHook("onSend", async (_request, reply, payload) => {
    reply.header("access-control-allow-origin", "*");
    return payload;
  });
  app.options("/*", async (_request, reply) =>
    reply
      .header("access-control-allow-methods", "GET, POST")
      .header("access-control-allow-headers", "content-type")
      .header("access-control-max-age", "600")
      .code(204)
      .send(),
  );
  const perRequester = new RateLimiter(config.requesterLimit, config.limitWindowMs);
  const perIp = new RateLimiter(config.ipLimit, config.limitWindowMs);
  const windowText = `${config.limitWindowMs / 1000} s`;

  /**
   * Chain time, read for each request: expiry is judged as the contract will judge it. (A cached time lags
   * behind a chain whose clock jumps, and an expired intent would then be refused by the simulation instead,
   * with a different sentence.)
   */
  async function chainNow(): Promise<number> {
    const block = await chain.client.getBlock({ blockTag: "latest" }).catch(() => undefined);
    return block ? Number(block.timestamp) : Math.floor(Date.now() / 1000);
  }

  const send = (reply: FastifyReply, error: Refusal) => {
    if (error.retryAfter !== undefined) reply.header("retry-after", String(error.retryAfter));
    const body: RelayErrorBody = { error: error.message, ...(error.id ? { id: error.id } : {}) };
    return reply.code(error.status).send(body);
  };

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, _request, reply) => {
    if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") return send(reply, new Refusal(415, "Send the request as JSON (Content-Type: application/json)."));
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") return send(reply, new Refusal(413, "The request body is larger than 64 KiB."));
    if (error.code === "FST_ERR_CTP_EMPTY_JSON_BODY") return send(reply, new Refusal(400, "The request body is empty: send the signed request as JSON."));
    if (error.statusCode === 400) return send(reply, new Refusal(400, "The request body is not valid JSON."));
    app.log.error(error);
    return send(reply, new Refusal(500, "The relayer failed to handle the request; nothing was stored. Try again."));
  });

  /** The checks every kind shares, then persistence: only a stored request is acknowledged. */
  async function accept(ip: string, intent: Accepted, rateLimitKey: string) {
    const known = store.bySignature(intent.signature);
    if (known) throw new Refusal(409, `This signature was already received as request ${known.id} (${known.status}).`, String(known.id));
    const wait = perRequester.take(rateLimitKey);
    if (wait > 0)
      throw new Refusal(
        429,
        `${intent.signer} has sent ${config.requesterLimit} requests in the last ${windowText}, this relayer's limit; try again in ${wait} s.`,
        undefined,
        wait,
      );
    const spent = store.gasOn(utcDay());
    if (spent + TYPICAL_GAS > config.dailyGasBudget)
      throw new Refusal(
        503,
        `The relayer's daily gas budget is spent (${spent.toLocaleString("en-US")} of ${config.dailyGasBudget.toLocaleString("en-US")} gas today); it renews at 00:00 UTC. Pay the gas yourself, or try again then.`,
        undefined,
        Math.ceil((nextUtcMidnight() - Date.now()) / 1000),
      );
    if (sender.health.outOfGas)
      throw new Refusal(
        503,
        `The relayer is out of gas money (balance ${formatEther(sender.health.balance ?? 0n)} ETH, it needs at least ${formatEther(config.minBalanceWei)} ETH): pay the gas yourself, or try again later.`,
        undefined,
        60,
      );

    let sentence: string | undefined;
    try {
      const onChain = await chain.client.readContract({ address: intent.to, abi: nonceAbi, functionName: "nonces", args: [intent.signer] });
      if (intent.signerNonce < onChain)
        throw new Refusal(
          409,
          `This signature was already used on-chain: ${intent.signer}'s nonce is now ${onChain}, the signature carries ${intent.signerNonce}.`,
        );
      // A later signature of the same signer is checked once the earlier ones are through.
      if (intent.signerNonce === onChain && !store.signerBusy(intent.signer)) await chain.simulate(intent.to, intent.data);
    } catch (error) {
      if (error instanceof Refusal) throw error;
      if (error instanceof SimulatedRevert) throw new Refusal(422, error.sentence);
      if (error instanceof RpcUnavailable || error instanceof Error) {
        // Accept and keep it: the sender checks it again before paying, once the chain answers.
        sentence = "The chain's RPC is unreachable right now; the relayer keeps the request and checks it when the chain is back.";
      }
    }
    const row = store.insert({ ...intent, ip, sentence });
    sender.poke();
    return view(row);
  }

  /** Per-IP rate limit, before anything is parsed. */
  function limitIp(ip: string): void {
    const wait = perIp.take(ip);
    if (wait > 0) {
      throw new Refusal(
        429,
        `Your address sent ${config.ipLimit} requests in the last ${windowText}, this relayer's limit; try again in ${wait} s.`,
        undefined,
        wait,
      );
    }
  }

  /** The size limit of a comment or a vote reason, in UTF-8 bytes (what the transaction pays for). */
  function limitText(what: "comment" | "reason", text: string): void {
    const bytes = Buffer.byteLength(text, "utf8");
    if (bytes > config.maxCommentBytes) {
      throw new Refusal(
        413,
        `The ${what} is ${bytes} bytes; this relayer relays ${what}s of at most ${config.maxCommentBytes} bytes. Shorten it, or pay the gas yourself.`,
      );
    }
  }

  app.post("/v1/ratings", async (request, reply) => {
    try {
      limitIp(request.ip);
      const parsed = RatingBody.safeParse(request.body);
      if (!parsed.success) throw new Refusal(400, `The request is not a signed rating: ${firstIssue(parsed.error)}.`);
      const b = parsed.data;
      if (b.chainId !== targets.chainId)
        throw new Refusal(400, `This relayer relays on chain ${targets.chainId}; the rating is signed for chain ${b.chainId}.`);
      if (b.ratings !== targets.ratings)
        throw new Refusal(400, `This relayer relays to the ratings contract ${targets.ratings}; the rating is signed for ${b.ratings}.`);
      limitText("comment", b.comment);
      const now = await chainNow();
      if (b.deadline < now)
        throw new Refusal(422, `${revertSentence({ errorName: "RatingsRatingSignatureExpired", args: [BigInt(b.deadline), BigInt(now)] })} Sign it again.`);
      const intent = { receipt: b.receipt, score: b.score, tags: b.tags, comment: b.comment, nonce: b.nonce, deadline: b.deadline };
      const signer = await recoverTypedDataAddress({
        ...ratingIntentTypedData({ chainId: b.chainId, verifyingContract: b.ratings }, intent),
        signature: b.signature,
      }).catch(() => undefined);
      if (signer !== b.receipt.requester)
        throw new Refusal(422, revertSentence({ errorName: "RatingsInvalidRequesterSignature", args: [b.receipt.requester] }));
      const rating = { score: b.score, tags: b.tags, comment: b.comment, deadline: b.deadline };
      const data = encodeFunctionData({ abi: supportRatingsAbi, ...rateBySigCall(b.receipt, b.receiptSignature, b.receiptSigner, rating, b.signature) });
      const accepted = await accept(
        request.ip,
        { kind: "rating", signer, signerNonce: b.nonce, deadline: b.deadline, signature: b.signature, to: targets.ratings, data },
        `rating:${signer}`,
      );
      return reply.code(202).send(accepted);
    } catch (error) {
      if (error instanceof Refusal) return send(reply, error);
      throw error;
    }
  });

  app.post("/v1/votes", async (request, reply) => {
    try {
      limitIp(request.ip);
      const parsed = VoteBody.safeParse(request.body);
      if (!parsed.success) throw new Refusal(400, `The request is not a signed vote: ${firstIssue(parsed.error)}.`);
      const b = parsed.data;
      if (b.chainId !== targets.chainId) throw new Refusal(400, `This relayer relays on chain ${targets.chainId}; the vote is signed for chain ${b.chainId}.`);
      if (b.governor !== targets.governor)
        throw new Refusal(400, `This relayer relays to the governor ${targets.governor}; the vote is signed for ${b.governor}.`);
      limitText("reason", b.reason ?? "");
      const ballot = { proposalId: b.proposalId, support: b.support, voter: b.voter, nonce: b.nonce, reason: b.reason, params: b.params };
      const contract = { chainId: b.chainId, verifyingContract: b.governor };
      const extended = isExtendedBallot(ballot);
      const signer = await (extended
        ? recoverTypedDataAddress({ ...extendedBallotTypedData(contract, ballot), signature: b.signature })
        : recoverTypedDataAddress({ ...ballotTypedData(contract, ballot), signature: b.signature })
      ).catch(() => undefined);
      if (signer !== b.voter) throw new Refusal(422, revertSentence({ errorName: "GovernorInvalidSignature", args: [b.voter] }));
      const data = extended
        ? encodeFunctionData({
            abi: supportGovernorAbi,
            functionName: "castVoteWithReasonAndParamsBySig",
            args: [b.proposalId, b.support, b.voter, b.reason ?? "", b.params ?? "0x", b.signature],
          })
        : encodeFunctionData({ abi: supportGovernorAbi, functionName: "castVoteBySig", args: [b.proposalId, b.support, b.voter, b.signature] });
      const accepted = await accept(
        request.ip,
        { kind: "vote", signer, signerNonce: b.nonce, deadline: 0, signature: b.signature, to: targets.governor, data },
        `vote:${signer}`,
      );
      return reply.code(202).send(accepted);
    } catch (error) {
      if (error instanceof Refusal) return send(reply, error);
      throw error;
    }
  });

  app.get<{ Params: { id: string } }>("/v1/requests/:id", async (request, reply) => {
    const id = /^\d{1,15}$/.test(request.params.id) ? Number(request.params.id) : undefined;
    const row = id === undefined ? undefined : store.get(id);
    if (!row) return send(reply, new Refusal(404, `There is no request ${request.params.id} on this relayer.`));
    return reply.send(view(row, healthNote(sender.health, config)));
  });

  app.get("/v1/health", async (_request, reply) => {
    const note = healthNote(sender.health, config);
    return reply.code(sender.health.rpcDown ? 503 : 200).send({
      chainId: targets.chainId,
      relayer: chain.account.address,
      balance: sender.health.balance?.toString(),
      ratings: targets.ratings,
      governor: targets.governor,
      queue: store.countByStatus(),
      gasToday: store.gasOn(utcDay()),
      limits: {
        requesterPerWindow: config.requesterLimit,
        ipPerWindow: config.ipLimit,
        windowSeconds: config.limitWindowMs / 1000,
        dailyGasBudget: config.dailyGasBudget,
        maxCommentBytes: config.maxCommentBytes,
        minBalanceWei: config.minBalanceWei.toString(),
      },
      ...(note ? { sentence: note } : {}),
    });
  });

  return app;
}
