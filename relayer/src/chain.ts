/**
 * What the relayer asks of the chain: simulate a call (and say why it would revert, with the SDK's
 * sentence), estimate its gas, sign and broadcast its own transactions. RPC failures are told apart from
 * reverts, so an outage keeps the queue instead of refusing it.
 */
import { decodeRevert, revertSentence } from "@support-quality/sdk";
import { type Address, BaseError, createPublicClient, type Hex, HttpRequestError, http, isHex, keccak256, type PublicClient, TimeoutError } from "viem";
import { type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";

export class RpcUnavailable extends Error {
  constructor(cause: unknown) {
    super(`The chain's RPC is unreachable (${cause instanceof BaseError ? cause.shortMessage : String(cause)}).`);
    this.name = "RpcUnavailable";
  }
}

/** A simulated call that reverts, with the sentence of its custom error. */
export class SimulatedRevert extends Error {
  constructor(
    readonly sentence: string,
    readonly errorName?: string,
  ) {
    super(sentence);
    this.name = "SimulatedRevert";
  }
}

/** The revert data inside a viem error, if the node returned any. */
function revertData(error: unknown): Hex | undefined {
  if (!(error instanceof BaseError)) return undefined;
  let found: Hex | undefined;
  error.walk((e) => {
    const data = (e as { data?: unknown }).data;
    if (typeof data === "string" && isHex(data) && data.length >= 10) found = data;
    else if (data && typeof data === "object" && "data" in data && typeof data.data === "string" && isHex(data.data) && data.data.length >= 10)
      found = data.data;
    return false;
  });
  return found;
}

function isRevert(error: unknown): boolean {
  if (!(error instanceof BaseError)) return false;
  const text = `${error.shortMessage} ${error.details ?? ""}`.toLowerCase();
  return revertData(error) !== undefined || text.includes("revert") || text.includes("execution reverted");
}

/** Turns a failed simulation into a SimulatedRevert (with the SDK's sentence) or an RpcUnavailable. */
export function classify(error: unknown): SimulatedRevert | RpcUnavailable {
  const data = revertData(error);
  if (data) {
    const decoded = decodeRevert(data);
    if (decoded) return new SimulatedRevert(revertSentence(decoded), decoded.errorName);
    return new SimulatedRevert(`The transaction would revert (unrecognised error ${data.slice(0, 10)}).`);
  }
  if (isRevert(error)) return new SimulatedRevert("The transaction would revert (no reason given).");
  return new RpcUnavailable(error);
}

export interface Chain {
  client: PublicClient;
  account: PrivateKeyAccount;
  chainId: number;
  /** Simulates `data` to `to` from the relayer (eth_call); throws SimulatedRevert or RpcUnavailable. */
  simulate(to: Address, data: Hex): Promise<void>;
  /** Simulates, then returns the gas it needs (eth_estimateGas); throws SimulatedRevert or RpcUnavailable. */
  check(to: Address, data: Hex): Promise<bigint>;
  signTx(tx: { to: Address; data: Hex; nonce: number; gas: bigint; maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }): Promise<{ raw: Hex; hash: Hex }>;
  /** Broadcasts; resolves false when the node already has (or has mined) this nonce. */
  broadcast(raw: Hex): Promise<boolean>;
}

export async function connect(rpcUrl: string, privateKey: Hex): Promise<Chain> {
  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0, timeout: 10_000 }) });
  const account = privateKeyToAccount(privateKey);
  const chainId = await client.getChainId().catch((error) => {
    throw new RpcUnavailable(error);
  });
  async function simulate(to: Address, data: Hex) {
    try {
      await client.call({ account: account.address, to, data });
    } catch (error) {
      throw classify(error);
    }
  }
  return {
    client,
    account,
    chainId,
    simulate,
    async check(to, data) {
      await simulate(to, data);
      try {
        return await client.estimateGas({ account: account.address, to, data });
      } catch (error) {
        throw classify(error);
      }
    },
    async signTx({ to, data, nonce, gas, maxFeePerGas, maxPriorityFeePerGas }) {
      const raw = await account.signTransaction({ chainId, type: "eip1559", to, data, nonce, gas, maxFeePerGas, maxPriorityFeePerGas });
      return { raw, hash: keccak256(raw) };
    },
    async broadcast(raw) {
      try {
        await client.sendRawTransaction({ serializedTransaction: raw });
        return true;
      } catch (error) {
        const text = error instanceof BaseError ? `${error.shortMessage} ${error.details ?? ""}`.toLowerCase() : String(error).toLowerCase();
        if (/nonce too low|already known|known transaction|already imported|replacement transaction underpriced|nonce has already been used/.test(text))
          return false;
        const transport = error instanceof BaseError && error.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError) !== null;
        if (transport || !(error instanceof BaseError)) throw new RpcUnavailable(error);
        // The node answered but would not take it (e.g. insufficient funds): it stays on disk and is
        // rebroadcast as a replacement later.
        return false;
      }
    },
  };
}
