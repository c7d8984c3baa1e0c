/**
 * The sender: takes queued requests oldest first, simulates each right before paying (state may have
 * changed since it was accepted), signs it into a transaction from the relayer's key with the next nonce
 * (on disk first), broadcasts, follows it to a receipt, and replaces it with higher fees when it is stuck.
 *
 * Exactly once: a request gets one relayer nonce for life; replacements reuse it, so at most one of its
 * transactions can be mined; and the signer's own nonce (SupportRatings / Governor `nonces`) makes the
 * signature itself single-use on-chain, whatever any relayer does.
 */
import { formatEther, type Hex } from "viem";
import { type Chain, RpcUnavailable, SimulatedRevert } from "./chain.js";
import type { Config } from "./config.js";
import { type RequestRow, type Store, utcDay } from "./store.js";

export interface Health {
  rpcDown: boolean;
  /** Consecutive failed rounds against the RPC (backoff grows with it). */
  rpcFailures: number;
  nextRetryAt: number;
  balance?: bigint;
  /** The balance cannot pay for the next transaction: new work is refused, the queue is kept. */
  outOfGas: boolean;
}

/** A note shown on every pending request while the relayer cannot make progress. */
export function healthNote(health: Health, config: Config): string | undefined {
  if (health.rpcDown)
    return `The chain's RPC is unreachable; the relayer keeps the request and retries (attempt ${health.rpcFailures}, next in ${Math.max(0, Math.ceil((health.nextRetryAt - Date.now()) / 1000))} s).`;
  if (health.outOfGas)
    return `The relayer is out of gas money (balance ${formatEther(health.balance ?? 0n)} ETH, it needs at least ${formatEther(config.minBalanceWei)} ETH); the request is kept and sent once it is funded.`;
  return undefined;
}

const BUMP_NUM = 5n; // replacements pay 5/4 of the previous fees (nodes require at least +10 %)
const BUMP_DEN = 4n;

export class Sender {
  readonly health: Health = { rpcDown: false, rpcFailures: 0, nextRetryAt: 0, outOfGas: false };
  private nextNonce = 0;
  /** The balance that could not pay for the next transaction: out of gas until the balance grows. */
  private starvedAt?: bigint;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private wake?: () => void;

  constructor(
    private readonly store: Store,
    private readonly chain: Chain,
    private readonly config: Config,
    private readonly log: (line: string) => void = () => {},
  ) {}

  /** Recovers from the last run (rebroadcasts what it had signed), then runs rounds until stopped. */
  async start() {
    this.loop();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.wake?.();
  }

  /** Asks for a round soon (a request was just queued). */
  poke() {
    this.wake?.();
  }

  private async loop() {
    let recovered = false;
    while (!this.stopped) {
      if (Date.now() >= this.health.nextRetryAt) {
        try {
          if (!recovered) {
            await this.recover();
            recovered = true;
          }
          await this.round();
          if (this.health.rpcDown) this.log("The chain's RPC is back.");
          this.health.rpcDown = false;
          this.health.rpcFailures = 0;
        } catch (error) {
          if (!(error instanceof RpcUnavailable)) this.log(`Sender round failed: ${error instanceof Error ? error.message : String(error)}`);
          this.health.rpcDown = error instanceof RpcUnavailable;
          this.health.rpcFailures += 1;
          const backoff = Math.min(30_000, 250 * 2 ** Math.min(this.health.rpcFailures, 7));
          this.health.nextRetryAt = Date.now() + backoff;
          if (error instanceof RpcUnavailable) this.log(`${error.message} Retrying in ${backoff} ms; the queue is kept.`);
        }
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, this.config.pollMs);
      });
    }
  }

  private async rpc<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw error instanceof RpcUnavailable || error instanceof SimulatedRevert ? error : new RpcUnavailable(error);
    }
  }

  /** After a restart: the next nonce is past everything signed, and every pending transaction is rebroadcast. */
  private async recover() {
    const pending = await this.rpc(() => this.chain.client.getTransactionCount({ address: this.chain.account.address, blockTag: "pending" }));
    this.nextNonce = Math.max(pending, this.store.nextNonce() ?? 0);
    const inFlight = this.store.inFlight();
    for (const row of inFlight) {
      const [latest] = this.store.txsOf(row.id);
      if (latest) await this.chain.broadcast(latest.raw as Hex);
    }
    if (inFlight.length > 0) this.log(`Resumed ${inFlight.length} request(s) in flight; next nonce ${this.nextNonce}.`);
  }

  /**
   * Is the chain still the one the relayer wrote to? It keeps one block (number and hash, on disk) and
   * checks it each round: a chain whose id changed, that ends below that block, or that has another hash
   * there was reset (a local node restarted or reverted to a snapshot, or a reorg). Transactions the new
   * chain does not have are forgotten: their requests go back to the queue (simulated again: the signer's
   * on-chain nonce still keeps each signature single-use), and the nonces are read from the chain again.
   */
  private async checkChain() {
    const head = await this.rpc(() => this.chain.client.getBlock({ blockTag: "latest" }));
    const anchor = this.store.chainAnchor();
    let why: string | undefined;
    if (anchor && anchor.chainId !== this.chain.chainId) why = `its chain id is now ${this.chain.chainId}, it was ${anchor.chainId}`;
    else if (anchor && head.number < anchor.number) why = `it ends at block ${head.number}, the relayer had seen block ${anchor.number}`;
    else if (anchor) {
      const then = head.number === anchor.number ? head : await this.rpc(() => this.chain.client.getBlock({ blockNumber: anchor.number }));
      if (then.hash !== anchor.hash) why = `block ${anchor.number} now has hash ${then.hash}, the relayer had seen ${anchor.hash}`;
    }
    if (why) await this.forgetReset(why);
    if (head.hash) this.store.setChainAnchor({ chainId: this.chain.chainId, number: head.number, hash: head.hash });
  }

  private async forgetReset(why: string) {
    const onChain = async (hash: string | null) =>
      hash !== null &&
      (await this.rpc(() =>
        this.chain.client.getTransactionReceipt({ hash: hash as Hex }).then(
          () => true,
          (e: unknown) => {
            if (e instanceof Error && e.name === "TransactionReceiptNotFoundError") return false;
            throw e;
          },
        ),
      ));
    const gone: number[] = [];
    for (const row of this.store.inFlight()) {
      const txs = this.store.txsOf(row.id);
      let mined = false;
      for (const tx of txs) if (await onChain(tx.hash)) mined = true;
      if (!mined) gone.push(row.id);
    }
    // Newest first, until one is still on the chain: everything mined before it is too.
    for (const row of this.store.confirmedNewestFirst(10_000)) {
      if (await onChain(row.tx_hash)) break;
      gone.push(row.id);
    }
    const chainNonce = await this.rpc(() => this.chain.client.getTransactionCount({ address: this.chain.account.address, blockTag: "pending" }));
    const sentence = `The chain was reset under the relayer (${why}); its transaction is no longer on the chain, so the request is checked and sent again.`;
    this.store.forgetReset(gone, chainNonce, sentence);
    this.nextNonce = chainNonce;
    this.log(`The chain was reset under the relayer (${why}): ${gone.length} request(s) back in the queue; next nonce ${chainNonce}.`);
  }

  private async round() {
    await this.checkChain();
    const mined = await this.rpc(() => this.chain.client.getTransactionCount({ address: this.chain.account.address, blockTag: "latest" }));
    await this.follow(mined);
    const balance = await this.rpc(() => this.chain.client.getBalance({ address: this.chain.account.address }));
    this.health.balance = balance;
    if (this.starvedAt !== undefined && balance > this.starvedAt) this.starvedAt = undefined;
    this.health.outOfGas = balance < this.config.minBalanceWei || this.starvedAt !== undefined;
    await this.submit(balance);
  }

  /** Follows every transaction in flight: confirmed, reverted, or stuck (replaced with higher fees). */
  private async follow(minedNonce: number) {
    const inFlight = this.store.inFlight();
    let fees: { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint } | undefined;
    for (const row of inFlight) {
      const txs = this.store.txsOf(row.id);
      if (row.tx_nonce !== null && row.tx_nonce < minedNonce) {
        let found = false;
        for (const tx of txs) {
          const receipt = await this.rpc(() =>
            this.chain.client.getTransactionReceipt({ hash: tx.hash as Hex }).catch((e: unknown) => {
              if (e instanceof Error && e.name === "TransactionReceiptNotFoundError") return undefined;
              throw e;
            }),
          );
          if (!receipt) continue;
          found = true;
          if (receipt.status === "success") this.store.confirm(row.id, tx.hash, receipt.blockNumber, Number(receipt.gasUsed));
          else {
            const why = await this.chain.check(row.to_address as Hex, row.data as Hex).then(
              () => "it reverted on-chain.",
              (e: unknown) => (e instanceof SimulatedRevert ? e.sentence : "it reverted on-chain."),
            );
            this.store.refuse(row.id, `The transaction was mined but reverted: ${why}`, Number(receipt.gasUsed), tx.hash, receipt.blockNumber);
          }
          break;
        }
        if (!found) this.store.requeue(row.id, "Its nonce was used by another transaction of the relayer's key; checked again.");
        continue;
      }
      const latest = txs[0];
      if (!latest || Date.now() - latest.sent_at < this.config.replaceAfterMs) continue;
      // Stuck: the same nonce again with fees 25 % higher (or today's fees, if higher still).
      fees ??= await this.rpc(() => this.chain.client.estimateFeesPerGas());
      const tip = max((BigInt(latest.tip) * BUMP_NUM) / BUMP_DEN + 1n, fees.maxPriorityFeePerGas);
      const maxFee = max((BigInt(latest.max_fee) * BUMP_NUM) / BUMP_DEN + 1n, fees.maxFeePerGas, tip);
      const { raw, hash } = await this.chain.signTx({
        to: row.to_address as Hex,
        data: row.data as Hex,
        nonce: latest.nonce,
        gas: BigInt(row.gas_limit ?? 500_000),
        maxFeePerGas: maxFee,
        maxPriorityFeePerGas: tip,
      });
      const now = Date.now();
      this.store.addReplacement(row.id, { hash, nonce: latest.nonce, raw, max_fee: maxFee.toString(), tip: tip.toString(), sent_at: now });
      this.log(`Request ${row.id}: nonce ${latest.nonce} stuck for ${Math.round((now - latest.sent_at) / 1000)} s, replaced with fees ×1.25 (${hash}).`);
      await this.rpc(() => this.chain.broadcast(raw));
    }
  }

  /** Simulates, signs (on disk first) and broadcasts due requests, up to the in-flight limit. */
  private async submit(balance: bigint) {
    const inFlight = this.store.inFlight();
    let room = this.config.maxInFlight - inFlight.length;
    if (room <= 0) return;
    if (inFlight.length === 0 && this.store.due(1).length > 0) {
      // Nothing of ours is pending: the chain's count is the next nonce (this also follows a local chain
      // that was reverted to a snapshot).
      this.nextNonce = await this.rpc(() => this.chain.client.getTransactionCount({ address: this.chain.account.address, blockTag: "pending" }));
    }
    const busy = new Set(inFlight.map((r) => r.signer));
    const candidates: RequestRow[] = [];
    for (const row of this.store.due(room * 4)) {
      if (busy.has(row.signer)) continue;
      busy.add(row.signer);
      candidates.push(row);
      if (candidates.length >= room) break;
    }
    if (candidates.length === 0) return;
    const now = Math.floor(Date.now() / 1000);
    const checked = await Promise.all(
      candidates.map(async (row) => {
        try {
          return { row, gas: await this.chain.check(row.to_address as Hex, row.data as Hex) };
        } catch (error) {
          if (error instanceof SimulatedRevert) {
            // A later signature of a signer waits for the earlier one; anything else is refused with its sentence.
            if (/InvalidRequesterSignature|InvalidSignature/.test(error.errorName ?? "") && (row.deadline === 0 || row.deadline > now)) {
              const onChain = await this.signerNonce(row);
              if (onChain !== undefined && BigInt(row.signer_nonce) > onChain) {
                this.store.defer(row.id, Date.now() + 1000, `Waiting for the signer's earlier signature (nonce ${onChain}) to be relayed first.`);
                return undefined;
              }
            }
            this.store.refuse(row.id, error.sentence);
            this.log(`Request ${row.id} refused: ${error.sentence}`);
            return undefined;
          }
          throw error;
        }
      }),
    );
    const fees = await this.rpc(() => this.chain.client.estimateFeesPerGas());
    const day = utcDay();
    let spent = this.store.gasOn(day);
    let reserved = inFlight.reduce((sum, r) => sum + BigInt(r.gas_limit ?? 0) * fees.maxFeePerGas, 0n);
    const toSend: Hex[] = [];
    for (const c of checked) {
      if (!c || room <= 0) continue;
      const gas = (c.gas * 6n) / 5n; // 20 % headroom over the estimate
      if (spent + Number(gas) > this.config.dailyGasBudget) {
        this.store.defer(c.row.id, nextUtcMidnight(), `The relayer's daily gas budget is spent; the request is kept and sent after 00:00 UTC.`);
        continue;
      }
      const cost = gas * fees.maxFeePerGas;
      if (balance < reserved + cost || balance < this.config.minBalanceWei) {
        this.starvedAt = balance;
        this.health.outOfGas = true;
        continue;
      }
      const nonce = this.nextNonce;
      const { raw, hash } = await this.chain.signTx({
        to: c.row.to_address as Hex,
        data: c.row.data as Hex,
        nonce,
        gas,
        maxFeePerGas: fees.maxFeePerGas,
        maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
      });
      this.store.markSubmitted(c.row.id, Number(gas), {
        hash,
        nonce,
        raw,
        max_fee: fees.maxFeePerGas.toString(),
        tip: fees.maxPriorityFeePerGas.toString(),
        sent_at: Date.now(),
      });
      this.nextNonce = nonce + 1;
      spent += Number(gas);
      reserved += cost;
      room -= 1;
      toSend.push(raw);
    }
    // In nonce order; a failed broadcast stays on disk and is retried as a replacement or after a restart.
    for (const raw of toSend) await this.rpc(() => this.chain.broadcast(raw));
  }

  private async signerNonce(row: RequestRow): Promise<bigint | undefined> {
    const abi = [
      { type: "function", name: "nonces", stateMutability: "view", inputs: [{ name: "owner", type: "address" }], outputs: [{ type: "uint256" }] },
    ] as const;
    return this.rpc(() => this.chain.client.readContract({ address: row.to_address as Hex, abi, functionName: "nonces", args: [row.signer as Hex] }));
  }
}

function max(...values: bigint[]): bigint {
  let best = values[0] ?? 0n;
  for (const v of values) if (v > best) best = v;
  return best;
}

export function nextUtcMidnight(now = Date.now()): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}
