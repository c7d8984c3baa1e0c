/**
 * "Ask them to prove it": issue a one-time challenge, hand it to the person claiming to be support, and check the
 * signature they send back. No transaction and no gas: the challenge lives in this browser, the signature is
 * checked through the chain's `eth_call` (ERC-1271 accounts included) and the agent registry.
 */
import { decodeProof, encodeChallenge, issueChallenge, type ProofChallenge, type ProofVerdict, verifyProof } from "@support-quality/sdk";
import { type FormEvent, useEffect, useState } from "react";
import { usePublicClient } from "wagmi";
import { errorMessage } from "../../lib/errors";
import { useProtocol } from "../../lib/useProtocol";
import { AgentKindOf } from "../agents/AgentKindBadge";
import { challengeBook, recordIssued, recordUsed } from "./challengeBook";

const TTL_SECONDS = 300;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The part of a proof link after `#proof.`, if the page was opened from one. */
function proofFromLocation(): string {
  const hash = typeof location === "undefined" ? "" : location.hash;
  return hash.startsWith("#proof.") ? hash.slice("#proof.".length) : "";
}

export function ProofOfControl() {
  const { chainId, deployment } = useProtocol();
  const client = usePublicClient({ chainId });
  const [challenge, setChallenge] = useState<ProofChallenge | null>(null);
  const [pasted, setPasted] = useState(proofFromLocation);
  const [verdict, setVerdict] = useState<ProofVerdict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  const issue = () => {
    const now = nowSeconds();
    const next = issueChallenge(location.origin, now, TTL_SECONDS);
    recordIssued(chainId, next.nonce, Number(next.expiresAt), now);
    setChallenge(next);
    setVerdict(null);
    setError(null);
  };

  const check = async (text: string) => {
    setVerdict(null);
    setError(null);
    const proof = decodeProof(text);
    if (!proof) {
      setError("This is not a proof: paste the whole code (or link) the person sent back after signing your challenge.");
      return;
    }
    if (!client) {
      setError("The chain cannot be reached, so the signature cannot be checked yet: try again in a moment.");
      return;
    }
    setChecking(true);
    try {
      const now = nowSeconds();
      const result = await verifyProof(client, deployment.contracts.AgentRegistry, proof, { origin: location.origin, now, ...challengeBook(chainId, now) });
      // A challenge proves control once: whatever the answer, it cannot be presented again.
      if (result.ok || result.reason === "bad-signature" || result.reason === "not-official") {
        recordUsed(chainId, proof.challenge.nonce, Number(proof.challenge.expiresAt), now);
      }
      setVerdict(result);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setChecking(false);
    }
  };

  // A proof link (…/verify#proof.<code>) is checked as soon as the page opens.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, for the link the page was opened with
  useEffect(() => {
    const fromLink = proofFromLocation();
    if (fromLink && client) void check(fromLink);
  }, [client]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void check(pasted);
  };

  const code = challenge ? encodeChallenge(challenge) : "";
  const link = challenge ? `${location.origin}/desk/prove#${code}` : "";

  return (
    <section className="card proof" aria-labelledby="proof-title" data-testid="proof">
      <h2 id="proof-title">Ask them to prove it</h2>
      <p className="muted">
        Anyone can quote an agent's address or handle. A real agent can sign a challenge with the agent's key: it costs nothing, needs no transaction, and takes
        them a minute.
      </p>
      <p>
        <button type="button" onClick={issue} data-testid="proof-issue">
          {challenge ? "Issue a new challenge" : "Issue a challenge"}
        </button>
      </p>
      {challenge && (
        <div className="proof-challenge form" data-testid="proof-challenge" data-phrase={challenge.phrase}>
          <p>
            Send this link to the person. They open it in the desk console (“Prove I'm support”) and sign it with their agent key within five minutes. Ask them
            to read back the phrase <strong data-testid="proof-phrase">{challenge.phrase}</strong>.
          </p>
          <label>
            Challenge link
            <textarea readOnly rows={3} value={link} data-testid="proof-challenge-link" onFocus={(e) => e.currentTarget.select()} />
          </label>
          <p>
            <button type="button" onClick={() => void navigator.clipboard?.writeText(link)}>
              Copy link
            </button>
          </p>
        </div>
      )}
      <form className="form" onSubmit={submit}>
        <label>
          What they sent back
          <textarea
            rows={3}
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            placeholder="The proof link or code"
            spellCheck={false}
            data-testid="proof-input"
          />
        </label>
        <p>
          <button type="submit" className="primary" disabled={checking || pasted.trim() === ""} data-testid="proof-check">
            {checking ? "Checking…" : "Check the signature"}
          </button>
        </p>
      </form>
      {error && (
        <p className="error-note" role="alert" data-testid="proof-error">
          {error}
        </p>
      )}
      {verdict && (
        <p
          className={`status-panel ${verdict.ok ? "status-official" : "status-confirmed"}`}
          role="status"
          data-testid="proof-result"
          data-ok={verdict.ok}
          data-reason={verdict.ok ? "" : verdict.reason}
        >
          {verdict.sentence}
        </p>
      )}
      {verdict?.ok && (
        <p data-testid="proof-kind">
          <AgentKindOf address={verdict.agent} />
        </p>
      )}
    </section>
  );
}
