/**
 * "Prove I'm support": the agent signs the challenge a user issued on the Verify page, with the agent's key, and
 * sends back the proof link. A signature, not a transaction: nothing is paid and nothing is stored.
 */
import {
  agentRegistryAbi,
  decodeChallenge,
  displayHandle,
  encodeProof,
  PROOF_TYPES,
  proofDomain,
  relativeTime,
  type SignedProof,
  Standing,
} from "@support-quality/sdk";
import { useState } from "react";
import { getAddress } from "viem";
import { useConnection, useReadContracts, useSignTypedData } from "wagmi";
import { AddressText } from "../../components/Address";
import { errorMessage } from "../../lib/errors";
import { useProtocol } from "../../lib/useProtocol";

const nowSeconds = () => Math.floor(Date.now() / 1000);

export function ProvePage() {
  const connection = useConnection();
  const account = connection.status === "connected" ? connection.address : undefined;
  const { chainId, deployment, wrongNetwork } = useProtocol();
  const [pasted, setPasted] = useState(() => (typeof location === "undefined" ? "" : location.hash.slice(1)));
  const [proof, setProof] = useState<SignedProof | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { signTypedDataAsync, isPending } = useSignTypedData();
  const registry = { address: deployment.contracts.AgentRegistry, abi: agentRegistryAbi, chainId } as const;
  const me = useReadContracts({
    contracts: account
      ? [
          { ...registry, functionName: "statusOf", args: [account] },
          { ...registry, functionName: "handleOf", args: [account] },
        ]
      : [],
    allowFailure: false,
    query: { enabled: !!account },
  });
  const [standing, handle] = me.data ?? [];

  const challenge = pasted.trim() ? decodeChallenge(pasted.trim()) : null;
  const now = nowSeconds();
  const refusal = !challenge
    ? null
    : challenge.origin !== location.origin
      ? `This challenge was issued for ${challenge.origin}, not for this site (${location.origin}): do not sign it. Someone may be trying to borrow your identity.`
      : BigInt(now) >= challenge.expiresAt
        ? "This challenge has expired: ask the user to issue a new one on the Verify page."
        : null;

  const sign = async () => {
    if (!challenge || !account) return;
    setError(null);
    try {
      const signature = await signTypedDataAsync({ domain: proofDomain(chainId), types: PROOF_TYPES, primaryType: "ProofOfControl", message: challenge });
      setProof({ challenge, agent: getAddress(account), signature });
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const link = proof ? `${location.origin}/verify#proof.${encodeProof(proof)}` : "";

  return (
    <section>
      <h1>Prove I'm support</h1>
      <p className="muted">
        A user asked you to prove you are the agent you say you are. Paste the challenge link they sent you, check its phrase with them, and sign it with your
        agent key. It is a signature, not a transaction: it costs nothing.
      </p>
      <p className="advice" data-testid="prove-warning">
        Sign only a challenge that the user you are helping gave you, in a conversation in one of your desk's official channels. A scammer talking to a user may
        forward that user's challenge to you to borrow your identity.
      </p>
      <label>
        Challenge link or code
        <textarea
          rows={3}
          value={pasted}
          onChange={(e) => {
            setPasted(e.target.value);
            setProof(null);
          }}
          spellCheck={false}
          data-testid="prove-input"
        />
      </label>
      {pasted.trim() !== "" && !challenge && (
        <p className="error-note" role="alert" data-testid="prove-error">
          This is not a challenge: ask the user to copy the whole challenge link from the Verify page.
        </p>
      )}
      {challenge && (
        <dl className="facts" data-testid="prove-challenge">
          <dt>Phrase</dt>
          <dd>
            <strong data-testid="prove-phrase">{challenge.phrase}</strong> — the user sees the same phrase: read it to them.
          </dd>
          <dt>Issued on</dt>
          <dd>{challenge.origin}</dd>
          <dt>Expires</dt>
          <dd>{relativeTime(challenge.expiresAt, now)}</dd>
        </dl>
      )}
      {refusal && (
        <p className="error-note" role="alert" data-testid="prove-error">
          {refusal}
        </p>
      )}
      {!account && <p className="error-note">Connect the wallet that holds your agent key to sign.</p>}
      {account && wrongNetwork && <p className="error-note">Your wallet is on a network where the protocol is not deployed.</p>}
      {account && standing !== undefined && standing !== Standing.OfficialAgent && (
        <p className="error-note" data-testid="prove-not-agent">
          <AddressText address={account} /> is not an official agent: a user who checks your signature will be told to treat you as a scam.
        </p>
      )}
      {account && standing === Standing.OfficialAgent && (
        <p className="muted" data-testid="prove-as">
          You will sign as {handle ? <strong>{displayHandle(handle)}</strong> : null} <AddressText address={account} />.
        </p>
      )}
      <button
        type="button"
        className="primary"
        disabled={!challenge || !!refusal || !account || wrongNetwork || isPending}
        onClick={() => void sign()}
        data-testid="prove-sign"
      >
        {isPending ? "Waiting for your wallet…" : "Sign the challenge"}
      </button>
      {error && (
        <p className="error-note" role="alert">
          {error}
        </p>
      )}
      {proof && (
        <div data-testid="prove-result">
          <p>Send this link back to the user. It works once, on the page that issued the challenge, until the challenge expires.</p>
          <label>
            Proof link
            <textarea readOnly rows={4} value={link} data-testid="prove-link" onFocus={(e) => e.currentTarget.select()} />
          </label>
          <button type="button" onClick={() => void navigator.clipboard?.writeText(link)}>
            Copy link
          </button>
        </div>
      )}
    </section>
  );
}
