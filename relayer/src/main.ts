/**
 * The relayer service: `npm run relayer` (configuration in relayer/README.md; the key comes from the
 * environment, e.g. `RELAYER_PRIVATE_KEY=$(npx hardhat keystore get RELAYER_PRIVATE_KEY)`).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { formatEther } from "viem";
import { connect } from "./chain.js";
import { loadConfig, loadTargets } from "./config.js";
import { Sender } from "./sender.js";
import { buildServer } from "./server.js";
import { Store } from "./store.js";

const log = (line: string) => console.log(`[relayer] ${line}`);

try {
  const config = loadConfig();
  mkdirSync(path.dirname(path.resolve(config.dbFile)), { recursive: true });
  const store = new Store(config.dbFile);
  const chain = await connect(config.rpcUrl, config.privateKey);
  const targets = loadTargets(chain.chainId, config.deploymentFile);
  const sender = new Sender(store, chain, config, log);
  const app = buildServer({ config, targets, store, chain, sender });
  const address = await app.listen({ host: config.host, port: config.port });
  await sender.start();
  const balance = await chain.client.getBalance({ address: chain.account.address }).catch(() => undefined);
  log(
    `Listening at ${address} for chain ${chain.chainId}: relayer ${chain.account.address} (${balance === undefined ? "balance unknown" : `${formatEther(balance)} ETH`}), store ${config.dbFile}.`,
  );
  const shutdown = async () => {
    sender.stop();
    await app.close();
    store.close();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
} catch (error) {
  console.error(`[relayer] Could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
