/**
 * A public RPC in front of the local node: what a free public endpoint does to a dApp, an indexer or the
 * audit, reproduced for tests, the bench and the public-deployment rehearsal.
 *   - `eth_getLogs` over more than `maxLogBlocks` blocks, or matching more than `maxLogResults` logs, is
 *     refused with JSON-RPC error -32005 and the message public providers use;
 *   - more than `burst` requests within `windowMs` get HTTP 429;
 *   - every answer waits `latencyMs`.
 * Batched requests count one request per call. Every refusal is counted (`stats`).
 *
 *   tsx scripts/stack/public-rpc.ts [--upstream http://127.0.0.1:8545] [--port 8546] [--latency 50]
 */
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

export interface PublicRpcOptions {
  upstream: string;
  /** Default 0: a free port. */
  port?: number;
  maxLogBlocks?: number;
  maxLogResults?: number;
  /** Requests allowed per window before HTTP 429 (default 50 per second). */
  burst?: number;
  windowMs?: number;
  latencyMs?: number;
}

export interface PublicRpcStats {
  requests: number;
  /** eth_getLogs refused as too large (blocks or results). */
  refusedLogs: number;
  /** HTTP 429 answers. */
  rateLimited: number;
  /** The widest eth_getLogs range asked for, in blocks. */
  widestLogRange: number;
}

export interface PublicRpc {
  url: string;
  stats: PublicRpcStats;
  close(): Promise<void>;
}

interface JsonRpcRequest {
  jsonrpc: "2.0";
  id: number | string | null;
  method: string;
  params?: unknown[];
}

const quantity = (value: unknown, latest: number): number => {
  if (value === undefined || value === "latest" || value === "pending" || value === "safe" || value === "finalized") return latest;
  if (value === "earliest") return 0;
  return Number(value);
};

export async function startPublicRpc(options: PublicRpcOptions): Promise<PublicRpc> {
  const { upstream } = options;
  const maxLogBlocks = options.maxLogBlocks ?? 10_000;
  const maxLogResults = options.maxLogResults ?? 10_000;
  const burst = options.burst ?? 50;
  const windowMs = options.windowMs ?? 1_000;
  const latencyMs = options.latencyMs ?? 0;
  const stats: PublicRpcStats = { requests: 0, refusedLogs: 0, rateLimited: 0, widestLogRange: 0 };
  let window: number[] = [];

  const forward = async (body: unknown): Promise<unknown> => {
    const response = await fetch(upstream, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return response.json();
  };

  const latestBlock = async () => Number(((await forward({ jsonrpc: "2.0", id: 0, method: "eth_blockNumber", params: [] })) as { result: string }).result);

  const handle = async (call: JsonRpcRequest): Promise<unknown> => {
    if (call.method === "eth_getLogs") {
      const filter = (call.params?.[0] ?? {}) as { fromBlock?: string; toBlock?: string; blockHash?: string };
      if (!filter.blockHash) {
        const latest = filter.fromBlock === undefined || filter.toBlock === undefined || !/^0x/.test(filter.toBlock) ? await latestBlock() : 0;
        const from = quantity(filter.fromBlock, latest);
        const to = quantity(filter.toBlock, latest);
        const blocks = to - from + 1;
        stats.widestLogRange = Math.max(stats.widestLogRange, blocks);
        if (blocks > maxLogBlocks) {
          stats.refusedLogs++;
          return {
            jsonrpc: "2.0",
            id: call.id,
            error: { code: -32005, message: `query exceeds max block range ${maxLogBlocks}` },
          };
        }
      }
      const answer = (await forward(call)) as { result?: unknown[] };
      if (Array.isArray(answer.result) && answer.result.length > maxLogResults) {
        stats.refusedLogs++;
        return { jsonrpc: "2.0", id: call.id, error: { code: -32005, message: `query returned more than ${maxLogResults} results` } };
      }
      return answer;
    }
    return forward(call);
  };

  const server = http.createServer((req, res) => {
    const cors = { "access-control-allow-origin": "*", "access-control-allow-headers": "content-type", "access-control-allow-methods": "POST, OPTIONS" };
    if (req.method === "OPTIONS") {
      res.writeHead(204, cors).end();
      return;
    }
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", async () => {
      let body: JsonRpcRequest | JsonRpcRequest[];
      try {
        body = JSON.parse(raw);
      } catch {
        res
          .writeHead(400, { ...cors, "content-type": "application/json" })
          .end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } }));
        return;
      }
      const calls = Array.isArray(body) ? body.length : 1;
      stats.requests += calls;
      const now = Date.now();
      window = window.filter((t) => now - t < windowMs);
      if (window.length + calls > burst) {
        stats.rateLimited++;
        res
          .writeHead(429, { ...cors, "content-type": "application/json", "retry-after": "1" })
          .end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: 429, message: "Too Many Requests" } }));
        return;
      }
      for (let i = 0; i < calls; i++) window.push(now);
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      try {
        const answer = Array.isArray(body) ? await Promise.all(body.map(handle)) : await handle(body);
        res.writeHead(200, { ...cors, "content-type": "application/json" }).end(JSON.stringify(answer));
      } catch {
        res
          .writeHead(502, { ...cors, "content-type": "application/json" })
          .end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32603, message: "Upstream unavailable" } }));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: {
      upstream: { type: "string", default: "http://127.0.0.1:8545" },
      port: { type: "string", default: "8546" },
      latency: { type: "string", default: "50" },
      burst: { type: "string", default: "50" },
    },
  });
  const rpc = await startPublicRpc({ upstream: values.upstream, port: Number(values.port), latencyMs: Number(values.latency), burst: Number(values.burst) });
  console.log(
    `Public-RPC simulator at ${rpc.url} in front of ${values.upstream}: eth_getLogs ≤ 10,000 blocks/results, HTTP 429 beyond ${values.burst} requests/s, ${values.latency} ms latency.`,
  );
}
