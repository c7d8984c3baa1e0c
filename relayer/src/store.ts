/**
 * The relayer's durable state in SQLite (Node's built-in `node:sqlite`: no native add-on to build, no
 * install script). WAL with `synchronous = FULL`: a request is on disk before its 202 leaves, and every
 * signed transaction is on disk before it is broadcast, so a kill -9 at any point loses nothing and a
 * restart knows every nonce it has used.
 */
import { DatabaseSync } from "node:sqlite";
import type { RelayKind, RelayRequestView, RelayStatus } from "@support-quality/sdk";
import type { Address, Hex } from "viem";

export interface RequestRow {
  id: number;
  kind: RelayKind;
  /** The requester (rating) or voter (vote), lower-case. */
  signer: string;
  /** The signer's on-chain nonce the signature commits to. */
  signer_nonce: string;
  /** The signed intent's deadline (0: none, as for ballots). */
  deadline: number;
  ip: string;
  signature: string;
  to_address: string;
  data: string;
  status: RelayStatus;
  sentence: string | null;
  /** The relayer's own transaction nonce, fixed once the request is first signed into a transaction. */
  tx_nonce: number | null;
  gas_limit: number | null;
  gas_used: number | null;
  tx_hash: string | null;
  block_number: string | null;
  /** The UTC day (YYYY-MM-DD) its gas counts against. */
  day: string | null;
  not_before: number;
  created_at: number;
  updated_at: number;
}

export interface TxRow {
  hash: string;
  request_id: number;
  nonce: number;
  raw: string;
  max_fee: string;
  tip: string;
  sent_at: number;
}

/** node:sqlite returns untyped records; the schema above is what they are (the one cast at the SQLite boundary). */
function typed<T>(row: unknown): T {
  return row as T;
}

export const utcDay = (ms = Date.now()) => new Date(ms).toISOString().slice(0, 10);

export class Store {
  readonly db: DatabaseSync;

  constructor(file: string) {
    this.db = new DatabaseSync(file);
    this.db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      PRAGMA busy_timeout = 5000;
      CREATE TABLE IF NOT EXISTS requests (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        signer TEXT NOT NULL,
        signer_nonce TEXT NOT NULL,
        deadline INTEGER NOT NULL,
        ip TEXT NOT NULL,
        signature TEXT NOT NULL UNIQUE,
        to_address TEXT NOT NULL,
        data TEXT NOT NULL,
        status TEXT NOT NULL,
        sentence TEXT,
        tx_nonce INTEGER UNIQUE,
        gas_limit INTEGER,
        gas_used INTEGER,
        tx_hash TEXT,
        block_number TEXT,
        day TEXT,
        not_before INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS requests_status ON requests (status, id);
      CREATE INDEX IF NOT EXISTS requests_day ON requests (day);
      CREATE TABLE IF NOT EXISTS txs (
        hash TEXT PRIMARY KEY,
        request_id INTEGER NOT NULL REFERENCES requests (id),
        nonce INTEGER NOT NULL,
        raw TEXT NOT NULL,
        max_fee TEXT NOT NULL,
        tip TEXT NOT NULL,
        sent_at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS txs_request ON txs (request_id, sent_at);
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
  }

  close() {
    this.db.close();
  }

  private transaction<T>(work: () => T): T {
    this.db.exec("BEGIN IMMEDIATE");
    try {
      const result = work();
      this.db.exec("COMMIT");
      return result;
    } catch (error) {
      this.db.exec("ROLLBACK");
      throw error;
    }
  }

  insert(request: {
    kind: RelayKind;
    signer: Address;
    signerNonce: bigint;
    deadline: number;
    ip: string;
    signature: Hex;
    to: Address;
    data: Hex;
    sentence?: string;
  }): RequestRow {
    const now = Date.now();
    const row = this.db
      .prepare(
        `INSERT INTO requests (kind, signer, signer_nonce, deadline, ip, signature, to_address, data, status, sentence, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?) RETURNING *`,
      )
      .get(
        request.kind,
        request.signer.toLowerCase(),
        request.signerNonce.toString(),
        request.deadline,
        request.ip,
        request.signature.toLowerCase(),
        request.to,
        request.data,
        request.sentence ?? null,
        now,
        now,
      );
    return typed<RequestRow>(row);
  }

  get(id: number): RequestRow | undefined {
    return typed<RequestRow | undefined>(this.db.prepare("SELECT * FROM requests WHERE id = ?").get(id));
  }

  bySignature(signature: Hex): RequestRow | undefined {
    return typed<RequestRow | undefined>(this.db.prepare("SELECT * FROM requests WHERE signature = ?").get(signature.toLowerCase()));
  }

  /** Queued requests whose time has come, oldest first. */
  due(limit: number, now = Date.now()): RequestRow[] {
    return typed<RequestRow[]>(this.db.prepare("SELECT * FROM requests WHERE status = 'queued' AND not_before <= ? ORDER BY id LIMIT ?").all(now, limit));
  }

  inFlight(): RequestRow[] {
    return typed<RequestRow[]>(this.db.prepare("SELECT * FROM requests WHERE status = 'submitted' ORDER BY tx_nonce").all());
  }

  /** True when `signer` has a request in flight (its next signature can only be checked after it). */
  signerBusy(signer: string): boolean {
    return this.db.prepare("SELECT 1 FROM requests WHERE signer = ? AND status = 'submitted' LIMIT 1").get(signer.toLowerCase()) !== undefined;
  }

  countByStatus(): Record<RelayStatus, number> {
    const counts: Record<RelayStatus, number> = { queued: 0, submitted: 0, confirmed: 0, refused: 0 };
    for (const r of typed<{ status: RelayStatus; n: number }[]>(this.db.prepare("SELECT status, count(*) AS n FROM requests GROUP BY status").all()))
      counts[r.status] = r.n;
    return counts;
  }

  /** Gas spent (or reserved by transactions still pending) on `day`. */
  gasOn(day: string): number {
    const row = typed<{ gas: number }>(this.db.prepare("SELECT coalesce(sum(coalesce(gas_used, gas_limit)), 0) AS gas FROM requests WHERE day = ?").get(day));
    return Number(row.gas);
  }

  txsOf(requestId: number): TxRow[] {
    return typed<TxRow[]>(this.db.prepare("SELECT * FROM txs WHERE request_id = ? ORDER BY sent_at DESC, rowid DESC").all(requestId));
  }

  nextNonce(): number | undefined {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'next_nonce'").get() as { value: string } | undefined;
    return row ? Number(row.value) : undefined;
  }

  setNextNonce(nonce: number) {
    this.db.prepare("INSERT INTO meta (key, value) VALUES ('next_nonce', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(nonce));
  }

  defer(id: number, until: number, sentence: string | null) {
    this.db.prepare("UPDATE requests SET not_before = ?, sentence = ?, updated_at = ? WHERE id = ? AND status = 'queued'").run(until, sentence, Date.now(), id);
  }

  refuse(id: number, sentence: string, gasUsed?: number, txHash?: string, blockNumber?: bigint) {
    this.db
      .prepare(
        "UPDATE requests SET status = 'refused', sentence = ?, gas_used = coalesce(?, gas_used), tx_hash = coalesce(?, tx_hash), block_number = coalesce(?, block_number), updated_at = ? WHERE id = ?",
      )
      .run(sentence, gasUsed ?? null, txHash ?? null, blockNumber?.toString() ?? null, Date.now(), id);
  }

  /**
   * Records the first signed transaction of request `id` and the relayer's next nonce in one SQLite
   * transaction: from here on the request owns `tx.nonce`, on disk, before anything is broadcast.
   */
  markSubmitted(id: number, gasLimit: number, tx: Omit<TxRow, "request_id">) {
    this.transaction(() => {
      this.db
        .prepare("INSERT INTO txs (hash, request_id, nonce, raw, max_fee, tip, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .run(tx.hash, id, tx.nonce, tx.raw, tx.max_fee, tx.tip, tx.sent_at);
      this.db
        .prepare("UPDATE requests SET status = 'submitted', sentence = NULL, tx_nonce = ?, gas_limit = ?, tx_hash = ?, day = ?, updated_at = ? WHERE id = ?")
        .run(tx.nonce, gasLimit, tx.hash, utcDay(), Date.now(), id);
      this.setNextNonce(tx.nonce + 1);
    });
  }

  /** A replacement (same nonce, higher fees), on disk before it is broadcast. */
  addReplacement(id: number, tx: Omit<TxRow, "request_id">) {
    this.transaction(() => {
      this.db
        .prepare("INSERT INTO txs (hash, request_id, nonce, raw, max_fee, tip, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .run(tx.hash, id, tx.nonce, tx.raw, tx.max_fee, tx.tip, tx.sent_at);
      this.db.prepare("UPDATE requests SET tx_hash = ?, updated_at = ? WHERE id = ?").run(tx.hash, Date.now(), id);
    });
  }

  touchTx(hash: string, sentAt: number) {
    this.db.prepare("UPDATE txs SET sent_at = ? WHERE hash = ?").run(sentAt, hash);
  }

  confirm(id: number, txHash: string, blockNumber: bigint, gasUsed: number) {
    this.db
      .prepare("UPDATE requests SET status = 'confirmed', sentence = NULL, tx_hash = ?, block_number = ?, gas_used = ?, updated_at = ? WHERE id = ?")
      .run(txHash, blockNumber.toString(), gasUsed, Date.now(), id);
  }

  /** The chain the relayer last saw: its id and a block (number and hash), to notice a reset under it. */
  chainAnchor(): { chainId: number; number: bigint; hash: Hex } | undefined {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'chain_anchor'").get() as { value: string } | undefined;
    if (!row) return undefined;
    const [chainId, number, hash] = row.value.split(":");
    return { chainId: Number(chainId), number: BigInt(number), hash: hash as Hex };
  }

  setChainAnchor(anchor: { chainId: number; number: bigint; hash: Hex }) {
    this.db
      .prepare("INSERT INTO meta (key, value) VALUES ('chain_anchor', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .run(`${anchor.chainId}:${anchor.number}:${anchor.hash}`);
  }

  /** Confirmed requests, the most recently mined first. */
  confirmedNewestFirst(limit: number): RequestRow[] {
    return typed<RequestRow[]>(
      this.db.prepare("SELECT * FROM requests WHERE status = 'confirmed' ORDER BY CAST(block_number AS INTEGER) DESC, tx_nonce DESC LIMIT ?").all(limit),
    );
  }

  /**
   * After a chain reset: `requeued` go back to the queue with `sentence` (their transactions are gone), and
   * every nonce from `chainNonce` on is free again (the chain never saw those transactions), in one SQLite
   * transaction.
   */
  forgetReset(requeued: number[], chainNonce: number, sentence: string) {
    this.transaction(() => {
      const now = Date.now();
      for (const id of requeued)
        this.db
          .prepare(
            "UPDATE requests SET status = 'queued', tx_nonce = NULL, gas_limit = NULL, gas_used = NULL, tx_hash = NULL, block_number = NULL, day = NULL, not_before = 0, sentence = ?, updated_at = ? WHERE id = ?",
          )
          .run(sentence, now, id);
      this.db.prepare("UPDATE requests SET tx_nonce = NULL WHERE tx_nonce >= ?").run(chainNonce);
      this.db.prepare("DELETE FROM txs WHERE nonce >= ?").run(chainNonce);
      this.setNextNonce(chainNonce);
    });
  }

  /**
   * The request's nonce was used by a transaction the relayer does not know: back to the queue (its
   * simulation decides again, and the signer's on-chain nonce keeps it from taking effect twice).
   */
  requeue(id: number, sentence: string) {
    this.db
      .prepare("UPDATE requests SET status = 'queued', tx_nonce = NULL, gas_limit = NULL, day = NULL, sentence = ?, updated_at = ? WHERE id = ?")
      .run(sentence, Date.now(), id);
  }
}

export function view(row: RequestRow, note?: string): RelayRequestView {
  const pending = row.status === "queued" || row.status === "submitted";
  const sentence = row.sentence ?? (pending ? note : undefined);
  return {
    id: String(row.id),
    kind: row.kind,
    status: row.status,
    ...(sentence ? { sentence } : {}),
    ...(row.tx_hash ? { txHash: row.tx_hash as Hex } : {}),
    ...(row.block_number ? { blockNumber: row.block_number } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
