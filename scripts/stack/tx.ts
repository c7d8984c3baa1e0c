/**
 * Typed sends for the local stack and the tests: the call is checked against the ABI at the call site
 * (`functionName` and `args` are typed by it), then sent and confirmed.
 */
import type { Abi, Account, Address, ContractFunctionArgs, ContractFunctionName, Hex, PublicClient, TransactionReceipt, WalletClient } from "viem";
import { encodeFunctionData } from "viem";

type Writable = "nonpayable" | "payable";

/** A contract call as the ABI types it. */
export interface ContractCall<abi extends Abi, name extends ContractFunctionName<abi, Writable>> {
  address: Address;
  abi: abi;
  functionName: name;
  args: ContractFunctionArgs<abi, Writable, name> & readonly unknown[];
}

/** The account a wallet client sends from (hardhat-viem's clients always have one). */
export function accountOf(wallet: WalletClient): Account {
  if (!wallet.account) throw new Error("This wallet client has no account to send from.");
  return wallet.account;
}

/** The calldata of a typed call. */
export function calldata<const abi extends Abi, name extends ContractFunctionName<abi, Writable>>(c: ContractCall<abi, name>): Hex {
  // Checked against the ABI by ContractCall's types; encoding needs only the ABI item.
  return encodeFunctionData<Abi, string>({ abi: c.abi, functionName: c.functionName, args: c.args });
}

/** Sends a typed call from `wallet`, waits for it, and throws when it reverts. */
export async function sendTx<const abi extends Abi, name extends ContractFunctionName<abi, Writable>>(
  publicClient: PublicClient,
  wallet: WalletClient,
  c: ContractCall<abi, name>,
): Promise<TransactionReceipt> {
  const hash = await wallet.sendTransaction({ account: accountOf(wallet), chain: wallet.chain, to: c.address, data: calldata(c) });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`${c.functionName} reverted (${hash})`);
  return receipt;
}
