import type { AbiError } from "abitype";
import { type Abi, type AbiParameter, encodeErrorResult, pad, toFunctionSelector } from "viem";
import { formatAbiItem } from "viem/utils";
import { describe, expect, it } from "vitest";
import { abis } from "../generated/abis.js";
import { decodeRevert, ERROR_SENTENCES, errorsAbi, revertSentence } from "./index.js";

const alice = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

function sampleValue(param: AbiParameter): unknown {
  const t = param.type;
  if (t === "address") return alice;
  if (t === "bool") return true;
  if (t === "string") return "sample";
  if (t === "bytes32") return pad("0x01");
  if (t.startsWith("bytes")) return "0x01";
  if (t.startsWith("uint") || t.startsWith("int")) return 1n;
  throw new Error(`no sample for ${t}`);
}

const selector = (error: AbiError) => toFunctionSelector(formatAbiItem(error));

describe("errors: generated ABI and sentences", () => {
  it("the errors-only ABI holds every custom error of every contract ABI, once", () => {
    const fromAbis = new Set(Object.values(abis).flatMap((abi: Abi) => abi.filter((i): i is AbiError => i.type === "error").map(selector)));
    expect(fromAbis.size).toBeGreaterThan(60);
    expect(new Set(errorsAbi.map(selector))).toEqual(fromAbis);
    expect(errorsAbi.length).toBe(fromAbis.size);
  });

  it("has a sentence for exactly the generated errors: none missing, none for an error that no longer exists", () => {
    expect(Object.keys(ERROR_SENTENCES).sort()).toEqual([...new Set(errorsAbi.map((e) => e.name))].sort());
  });

  it("decodes every custom error from raw revert data into its sentence, with no raw hex", () => {
    for (const error of errorsAbi) {
      const args = error.inputs.map(sampleValue);
      const abi: Abi = [error];
      const decoded = decodeRevert(encodeErrorResult({ abi, errorName: error.name, args }));
      expect(decoded?.errorName, error.name).toBe(error.name);
      const sentence = revertSentence(decoded!);
      expect(sentence, error.name).toBe(ERROR_SENTENCES[error.name](args));
      expect(sentence, error.name).not.toMatch(/0x[0-9a-fA-F]{41,}/);
      expect(sentence, error.name).not.toMatch(/refused \(/);
    }
  });

  it("explains an error no protocol contract has by name, and undecodable data not at all", () => {
    expect(revertSentence({ errorName: "SomethingElse", args: [] })).toBe("The transaction was refused (SomethingElse).");
    expect(decodeRevert("0xdeadbeef")).toBeUndefined();
  });
});
