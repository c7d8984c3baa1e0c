/**
 * Deterministic addresses for the protocol: every contract is created through CreateX's CREATE3
 * (https://github.com/pcaversaccio/createx, at 0xba5E…a5Ed on 150+ chains), so its address depends only on
 * the factory, the deployer and a salt — not on the deployer's nonce, the chain or the bytecode. Hence:
 *   - the same deployer gets the same addresses on every chain;
 *   - the registries can be built with the ratings contract's address before it exists (no nonce guess);
 *   - a deployment that stopped half-way resumes: what already has code at its address is kept.
 * The salts are **permissioned** (CreateX's guard: the first 20 bytes are the deployer, the 21st is 0x00),
 * so no one else can create a contract at these addresses — a squatter using the same salt lands elsewhere.
 *
 * CreateX's deployment transaction is keyless and presigned (the same on every chain): where the factory is
 * missing, the deployer funds the presigning address and broadcasts it, as anyone may. The factory's code is
 * checked against CreateX's published code hash before it is trusted. Both come from Hardhat Ignition's
 * pinned copy of CreateX (its `create2` strategy uses the same factory).
 */
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { HardhatViemHelpers } from "@nomicfoundation/hardhat-viem/types";
import { type Address, concat, getContractAddress, type Hex, keccak256, pad, parseAbi, parseEther, toHex } from "viem";

export const CREATEX_ADDRESS: Address = "0xba5Ed099633D3B313e4D5F7bdc1305d3c28ba5Ed";
/** keccak256 of CreateX v1.0.0's runtime code (as Ignition checks it). */
export const CREATEX_CODE_HASH: Hex = "0xbd8a7ea8cfca7b4e5f5041d7d4b17bc317c5ce42cfbc42066a00cf26b43eb53f";
/** The keyless account whose presigned transaction creates CreateX (gas 3,000,000 at 100 gwei: 0.3 ETH). */
export const CREATEX_PRESIGNED_DEPLOYER: Address = "0xeD456e05CaAb11d66C4c797dD6c1D6f9A7F352b5";
const CREATEX_PRESIGNED_COST = parseEther("0.3");

export const CREATEX_ABI = parseAbi([
  "function deployCreate3(bytes32 salt, bytes initCode) payable returns (address newContract)",
  "function computeCreate3Address(bytes32 salt) view returns (address computedAddress)",
  "error InvalidSalt(address emitter)",
  "error FailedContractCreation(address emitter)",
  "error FailedContractInitialisation(address emitter, bytes revertData)",
]);

/** Names the release in every salt: a new protocol version (new salts) gets new addresses. */
export const SALT_NAMESPACE = "support-quality-protocol/v1";

type PublicClient = Awaited<ReturnType<HardhatViemHelpers["getPublicClient"]>>;
type WalletClient = Awaited<ReturnType<HardhatViemHelpers["getWalletClients"]>>[number];

/**
 * The permissioned salt of `label` for `deployer`: deployer (20 bytes) ‖ 0x00 (no chain id in the guard:
 * the same address on every chain) ‖ the first 11 bytes of keccak256(namespace/label).
 */
export function create3Salt(deployer: Address, label: string): Hex {
  return concat([deployer, "0x00", keccak256(toHex(`${SALT_NAMESPACE}/${label}`)).slice(0, 24) as Hex]);
}

/** The salt CreateX derives from a permissioned `salt` sent by `deployer` (its `_guard`). */
export function guardedSalt(deployer: Address, salt: Hex): Hex {
  return keccak256(concat([pad(deployer, { size: 32 }), salt]));
}

/** CreateX's CREATE3 proxy: CREATE2-created by the factory, it CREATEs the contract (its nonce 1). */
const CREATE3_PROXY_INITCODE: Hex = "0x67363d3d37363d34f03d5260086018f3";

/** Where `deployer`'s contract with `salt` lives, computed offline (before CreateX is even on the chain). */
export function create3Address(deployer: Address, salt: Hex): Address {
  const proxy = getContractAddress({
    from: CREATEX_ADDRESS,
    salt: guardedSalt(deployer, salt),
    bytecodeHash: keccak256(CREATE3_PROXY_INITCODE),
    opcode: "CREATE2",
  });
  return getContractAddress({ from: proxy, nonce: 1n });
}

/** Where `deployer`'s contract with `salt` lives (CreateX's own computation, read from the chain). */
export function predictCreate3(publicClient: PublicClient, deployer: Address, salt: Hex): Promise<Address> {
  return publicClient.readContract({
    address: CREATEX_ADDRESS,
    abi: CREATEX_ABI,
    functionName: "computeCreate3Address",
    args: [guardedSalt(deployer, salt)],
  });
}

/** CreateX's keyless deployment transaction, from Hardhat Ignition's pinned copy of the factory. */
async function presignedCreateXTransaction(): Promise<Hex> {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve("@nomicfoundation/ignition-core/package.json"));
  const file = path.join(root, "dist/src/internal/execution/strategy/createx-artifact.js");
  const module = (await import(pathToFileURL(file).href)) as { presignedTx: Hex };
  return module.presignedTx;
}

/**
 * Makes sure CreateX is on the chain and is CreateX: trusts existing code only if its hash is CreateX's;
 * otherwise funds the presigning account from `payer` (0.3 ETH, once) and broadcasts the presigned
 * transaction. Fails with a sentence when the address holds other code.
 */
export async function ensureCreateX(publicClient: PublicClient, payer: WalletClient, log: (line: string) => void): Promise<void> {
  const code = await publicClient.getCode({ address: CREATEX_ADDRESS });
  if (code && code !== "0x") {
    if (keccak256(code) !== CREATEX_CODE_HASH)
      throw new Error(`The code at CreateX's address ${CREATEX_ADDRESS} is not CreateX (code hash ${keccak256(code)}): refusing to deploy through it.`);
    return;
  }
  log(`CreateX is not on this chain yet: broadcasting its keyless, presigned deployment (funding ${CREATEX_PRESIGNED_DEPLOYER} with 0.3 ETH).`);
  const balance = await publicClient.getBalance({ address: CREATEX_PRESIGNED_DEPLOYER });
  if (balance < CREATEX_PRESIGNED_COST) {
    const hash = await payer.sendTransaction({ to: CREATEX_PRESIGNED_DEPLOYER, value: CREATEX_PRESIGNED_COST - balance });
    await publicClient.waitForTransactionReceipt({ hash });
  }
  const hash = await publicClient.sendRawTransaction({ serializedTransaction: await presignedCreateXTransaction() });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success" || receipt.contractAddress?.toLowerCase() !== CREATEX_ADDRESS.toLowerCase())
    throw new Error(`CreateX's presigned deployment did not create it at ${CREATEX_ADDRESS} (transaction ${hash}).`);
  const deployed = await publicClient.getCode({ address: CREATEX_ADDRESS });
  if (!deployed || keccak256(deployed) !== CREATEX_CODE_HASH) throw new Error(`CreateX's presigned deployment left unexpected code at ${CREATEX_ADDRESS}.`);
}

/**
 * Creates `initCode` at the CREATE3 address of (`deployer`, `salt`) and returns the transaction's receipt;
 * checks that the contract is where it was predicted.
 */
export async function deployCreate3(publicClient: PublicClient, deployer: WalletClient, salt: Hex, initCode: Hex, expected: Address) {
  const hash = await deployer.writeContract({ address: CREATEX_ADDRESS, abi: CREATEX_ABI, functionName: "deployCreate3", args: [salt, initCode] });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`The CREATE3 deployment to ${expected} reverted (transaction ${hash}).`);
  const code = await publicClient.getCode({ address: expected });
  if (!code || code === "0x") throw new Error(`The CREATE3 deployment left no code at the predicted address ${expected} (transaction ${hash}).`);
  return receipt;
}
