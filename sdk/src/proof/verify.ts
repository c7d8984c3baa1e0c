/**
 * The answer to "does the person I am talking to control an official agent's key, right now?": a signed
 * proof-of-control challenge checked against this browser's challenge book, the signature (EOA or ERC-1271
 * smart account, through the chain) and the agent registry.
 */
import type { Address, PublicClient } from "viem";
import { shortAddress } from "../format.js";
import { agentRegistryAbi } from "../generated/abis.js";
import { AgentKind, Standing } from "../generated/enums.js";
import { displayHandle } from "../handles/index.js";
import { checkChallenge, PROOF_TYPES, type ProofRefusal, proofDomain, type SignedProof } from "./challenge.js";

export type ProofVerdict =
  | { ok: true; agent: Address; handle: string; desk: string; sentence: string }
  | { ok: false; reason: ProofRefusal["reason"] | "bad-signature" | "not-official"; sentence: string };

export interface ProofContext {
  /** The origin of the page checking the proof (`location.origin`). */
  origin: string;
  /** Now, in unix seconds (the checker's clock: no chain state is involved in a challenge's expiry). */
  now: number;
  /** Nonces of the challenges this browser issued, and of those already used. */
  issued: ReadonlySet<string>;
  used: ReadonlySet<string>;
}

/**
 * Checks a signed proof: the challenge first (origin, expiry, reuse, issued here), then the signature for the
 * claimed agent on `client`'s chain (ERC-1271 and ERC-6492 accounts included), then the agent's standing.
 */
export async function verifyProof(client: PublicClient, registry: Address, proof: SignedProof, context: ProofContext): Promise<ProofVerdict> {
  const refusal = checkChallenge(proof.challenge, context.origin, context.now, context.issued, context.used);
  if (refusal) return { ok: false, ...refusal };
  const signed = await client.verifyTypedData({
    address: proof.agent,
    domain: proofDomain(await client.getChainId()),
    types: PROOF_TYPES,
    primaryType: "ProofOfControl",
    message: proof.challenge,
    signature: proof.signature,
  });
  if (!signed) {
    return {
      ok: false,
      reason: "bad-signature",
      sentence: `The signature was not made by the key of ${shortAddress(proof.agent)}: whoever sent it does not control that agent. Treat this as a scam.`,
    };
  }
  const read = { address: registry, abi: agentRegistryAbi } as const;
  const [standing, agent, handle] = await Promise.all([
    client.readContract({ ...read, functionName: "statusOf", args: [proof.agent] }),
    client.readContract({ ...read, functionName: "agent", args: [proof.agent] }),
    client.readContract({ ...read, functionName: "handleOf", args: [proof.agent] }),
  ]);
  const who = handle ? displayHandle(handle) : shortAddress(proof.agent);
  if (standing !== Standing.OfficialAgent) {
    const why =
      standing === Standing.SuspendedAgent
        ? ` ${who} is suspended by its desk.`
        : standing === Standing.FormerAgent
          ? ` ${who} no longer works for its desk.`
          : standing === Standing.ReportedImpersonator || standing === Standing.ConfirmedImpersonator
            ? ` ${who} has been reported as an impersonator.`
            : "";
    return { ok: false, reason: "not-official", sentence: `The signature was not made by an official agent: treat this as a scam.${why}` };
  }
  const desk = await client.readContract({ ...read, functionName: "desk", args: [agent.deskId] });
  // Who is answering is said as plainly as whether it is official: a program is never "this person".
  const sentence =
    agent.kind === AgentKind.AIAssistant
      ? `This was signed by the key of ${who}, the official AI assistant of ${desk.name} — a program, not a person — right now.`
      : agent.kind === AgentKind.CommunityHelper
        ? `This person controls ${who}, a community helper of ${desk.name} — a volunteer, not staff — right now.`
        : `This person controls ${who}, official agent of ${desk.name}, right now.`;
  return { ok: true, agent: proof.agent, handle, desk: desk.name, sentence };
}
