/**
 * Reading the protocol's Ponder indexer over HTTP: read-only SQL (the `/sql/db` endpoint that
 * `@ponder/client` speaks) and `/status` (the last indexed block, for the dApp's lag notice).
 * Plain fetch, no dependency: safe in the browser, the CLIs and tests.
 */

/** A failure to read the index, in one sentence. */
export class IndexerError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "IndexerError";
  }
}

/** A row as the SQL endpoint returns it: numeric(78) columns as decimal strings, arrays and json parsed. */
export type IndexRow = Record<string, unknown>;

export interface IndexerStatus {
  chainId: number;
  /** The last block the index holds. */
  block: number;
  timestamp: number;
}

const endpoint = (base: string, path: string) => new URL(path, base.endsWith("/") ? base : `${base}/`);

/**
 * Runs one read-only `sql` statement (`$1`… placeholders for `params`) against the index at `url`.
 * The request is what `@ponder/client` sends: `GET /sql/db?sql=<superjson {sql, params}>`.
 */
export async function queryIndex(url: string, sql: string, params: readonly (string | number | boolean | null)[] = [], init: { signal?: AbortSignal } = {}) {
  const target = endpoint(url, "sql/db");
  target.searchParams.set("sql", JSON.stringify({ json: { sql, params } }));
  let response: Response;
  try {
    response = await fetch(target, { signal: init.signal ?? AbortSignal.timeout(15_000) });
  } catch {
    throw new IndexerError(`The index at ${url} cannot be reached.`);
  }
  if (!response.ok) {
    const text = (await response.text()).split("\n")[0].slice(0, 200);
    throw new IndexerError(`The index refused a query (HTTP ${response.status}): ${text || response.statusText}.`, response.status);
  }
  const body = (await response.json()) as { rows?: IndexRow[] };
  if (!Array.isArray(body.rows)) throw new IndexerError(`The index at ${url} answered without rows.`);
  return body.rows;
}

/** The index's position on its chain, or undefined when it does not answer (down, or still starting). */
export async function indexerStatus(url: string, init: { signal?: AbortSignal } = {}): Promise<IndexerStatus | undefined> {
  try {
    const response = await fetch(endpoint(url, "status"), { signal: init.signal ?? AbortSignal.timeout(5_000) });
    if (!response.ok) return undefined;
    const chains = Object.values((await response.json()) as Record<string, { id: number; block: { number: number; timestamp: number } }>);
    const chain = chains[0];
    return chain ? { chainId: chain.id, block: chain.block.number, timestamp: chain.block.timestamp } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the index still describes the chain it reads (its `/chain-check`): `{ consistent: false, reason }`
 * after a chain reset or a deep revert under it, with the index's own sentence; undefined when the index
 * does not answer or predates the check.
 */
export async function indexerChainCheck(url: string, init: { signal?: AbortSignal } = {}): Promise<{ consistent: boolean; reason?: string } | undefined> {
  try {
    const response = await fetch(endpoint(url, "chain-check"), { signal: init.signal ?? AbortSignal.timeout(5_000) });
    if (response.status !== 200 && response.status !== 409) return undefined;
    const body = (await response.json()) as { consistent?: unknown; reason?: unknown };
    if (typeof body.consistent !== "boolean") return undefined;
    return { consistent: body.consistent, ...(typeof body.reason === "string" ? { reason: body.reason } : {}) };
  } catch {
    return undefined;
  }
}
