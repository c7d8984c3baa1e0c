import { agentRegistry_desk, agentRegistryAbi, policyRegistryAbi, supportGovernorAbi } from "@support-quality/sdk";
import {
  type Abi,
  ChainMismatchError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  type Hex,
  HttpRequestError,
  InsufficientFundsError,
  pad,
  parseEther,
  TimeoutError,
  UserRejectedRequestError,
} from "viem";
import { hardhat, sepolia } from "viem/chains";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { errorMessage, loadRevertDecoder } from "./errors";

beforeAll(() => loadRevertDecoder());

const alice = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

/** What viem throws when a simulated call reverts: the revert wrapped in an execution error. */
function reverted(abi: Abi, data: Hex, functionName = "f") {
  const cause = new ContractFunctionRevertedError({ abi, data, functionName });
  return new ContractFunctionExecutionError(cause, { abi, args: [], functionName, contractAddress: alice });
}

describe("errorMessage: contract errors", () => {
  it("says an official agent cannot be reported, naming the agent", () => {
    const subject = pad(alice.toLowerCase() as `0x${string}`);
    const data = encodeErrorResult({ abi: agentRegistryAbi, errorName: "AgentRegistrySubjectIsAgent", args: [subject, alice] });
    expect(errorMessage(reverted(agentRegistryAbi, data, "reportImpersonator"))).toBe(
      "0x7099…79C8 is an official agent (or was one): agents are not reported as impersonators — ask their desk to suspend them instead.",
    );
  });

  it("formats token amounts for the proposal threshold", () => {
    const data = encodeErrorResult({
      abi: supportGovernorAbi,
      errorName: "GovernorInsufficientProposerVotes",
      args: [alice, parseEther("2500.5"), parseEther("10000")],
    });
    expect(errorMessage(reverted(supportGovernorAbi, data, "propose"))).toBe(
      "0x7099…79C8 has 2,500.5 SQT of voting power; proposing needs 10,000 SQT. Delegate your tokens to yourself first, or ask a delegate to propose.",
    );
  });

  it("names the proposal states a governor action expected", () => {
    // Expected Succeeded (bit 4) or Queued (bit 5); the proposal is Active.
    const expected = pad(`0x${((1n << 4n) | (1n << 5n)).toString(16)}` as `0x${string}`);
    const data = encodeErrorResult({ abi: supportGovernorAbi, errorName: "GovernorUnexpectedProposalState", args: [7n, 1, expected] });
    expect(errorMessage(reverted(supportGovernorAbi, data, "execute"))).toBe("The proposal is Active; this needs it to be Succeeded or Queued.");
  });

  it("decodes a policy error bubbled up through the governor's execute with dates in UTC", () => {
    const data = encodeErrorResult({
      abi: policyRegistryAbi,
      errorName: "PolicyRegistryEffectiveTooEarly",
      args: [1_700_000_000, 1_800_000_000],
    });
    expect(errorMessage(reverted(supportGovernorAbi, data, "execute"))).toBe(
      "The version would take effect on 14 Nov 2023, 22:13 UTC, but it cannot take effect before 15 Jan 2027, 08:00 UTC.",
    );
  });

  it("explains Solidity's Error(string) and unknown selectors without hex", () => {
    const data = encodeErrorResult({
      abi: [{ type: "error", name: "Error", inputs: [{ type: "string", name: "message" }] }],
      errorName: "Error",
      args: ["paused"],
    });
    expect(errorMessage(reverted([], data))).toBe("The transaction was refused: paused");
    expect(errorMessage(reverted([], "0xdeadbeef00000000000000000000000000000000000000000000000000000000000000001234"))).toBe(
      "The transaction was refused by a contract this app does not know.",
    );
  });
});

describe("errorMessage: reads made with a small ABI (single items, without the contract's errors)", () => {
  const data = encodeErrorResult({ abi: agentRegistryAbi, errorName: "AgentRegistrySubjectIsAgent", args: [pad(alice.toLowerCase() as Hex), alice] });

  it("give the sentence the whole ABI gives", () => {
    expect(errorMessage(reverted([agentRegistry_desk], data, "desk"))).toBe(errorMessage(reverted(agentRegistryAbi, data, "desk")));
  });

  it("before the revert decoder has loaded, say a contract refused, as the whole ABI does", async () => {
    vi.resetModules();
    const fresh = await import("./errors");
    expect(fresh.errorMessage(reverted([agentRegistry_desk], data, "desk"))).toBe("The contract refused the transaction.");
    expect(fresh.errorMessage(reverted(agentRegistryAbi, data, "desk"))).toBe("The contract refused the transaction.");
  });
});

describe("errorMessage: wallet and network errors", () => {
  it("treats a wallet rejection (viem error or raw EIP-1193 code 4001) as the user's choice", () => {
    expect(errorMessage(new UserRejectedRequestError(new Error("User denied")))).toBe("You rejected the request in your wallet; nothing was sent.");
    expect(errorMessage({ code: 4001, message: "User rejected the request." })).toBe("You rejected the request in your wallet; nothing was sent.");
  });

  it("names the network to switch to", () => {
    const error = new ChainMismatchError({ chain: hardhat, currentChainId: sepolia.id });
    expect(errorMessage(error, { expectedChainName: "Local chain" })).toBe("Your wallet is on the wrong network: switch to Local chain.");
  });

  it("explains missing gas money, a slow node and an unreachable node", () => {
    expect(errorMessage(new InsufficientFundsError())).toBe("Your account does not have enough ETH to pay for this transaction's gas.");
    expect(errorMessage(new TimeoutError({ body: {}, url: "http://127.0.0.1:8545" }))).toBe("The network node took too long to answer; try again in a moment.");
    expect(errorMessage(new HttpRequestError({ url: "http://127.0.0.1:8545", details: "fetch failed" }))).toBe(
      "The network node cannot be reached; check your connection (or that the local chain is running) and try again.",
    );
  });

  it("never shows raw data in the fallback sentence", () => {
    const message = errorMessage(new Error(`weird failure with ${`0x${"ab".repeat(40)}`}\nstack…`));
    expect(message).toBe("Something went wrong: weird failure with (data).");
  });
});
