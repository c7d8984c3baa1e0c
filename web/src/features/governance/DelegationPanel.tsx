import { formatTokens, supportTokenAbi } from "@support-quality/sdk";
import { useState } from "react";
import { isAddress, zeroAddress } from "viem";
import { useConnection, useReadContracts } from "wagmi";
import { AddressText } from "../../components/Address";
import { Loading } from "../../components/States";
import { TxButton } from "../../components/TxButton";
import { TxStatus } from "../../components/TxStatus";
import { useDelegate } from "../../lib/actions";
import { useProtocol } from "../../lib/useProtocol";

/** Voting power, and a prompt to delegate when the user's tokens do not count yet. */
export function DelegationPanel() {
  const connection = useConnection();
  const { chainId, deployment } = useProtocol();
  const account = connection.address;
  const token = { address: deployment.contracts.SupportToken, abi: supportTokenAbi, chainId } as const;
  const reads = useReadContracts({
    contracts: [
      { ...token, functionName: "balanceOf", args: [account ?? zeroAddress] },
      { ...token, functionName: "delegates", args: [account ?? zeroAddress] },
      { ...token, functionName: "getVotes", args: [account ?? zeroAddress] },
    ],
    allowFailure: false,
    query: { enabled: !!account, staleTime: 30_000 },
  });
  const tx = useDelegate();
  const [other, setOther] = useState("");

  if (!account) return <p className="muted">Connect a wallet to see your voting power and delegate.</p>;
  if (!reads.data) {
    // The panel stays in place while its numbers load or cannot be read, with a sentence instead of them.
    return (
      <section className="card" aria-labelledby="power-title" data-testid="delegation-panel">
        <h2 id="power-title">Your voting power</h2>
        {reads.error ? (
          <p className="empty" data-testid="voting-power-unavailable">
            Your voting power cannot be read right now: the chain node does not answer. It shows here again as soon as it does.
          </p>
        ) : (
          <Loading what="Reading your voting power" />
        )}
      </section>
    );
  }
  const [balance, delegatee, votes] = reads.data;
  const undelegated = delegatee === zeroAddress;

  return (
    <section className="card" aria-labelledby="power-title" data-testid="delegation-panel">
      <h2 id="power-title">Your voting power</h2>
      <dl className="facts">
        <dt>Tokens held</dt>
        <dd>{formatTokens(balance)}</dd>
        <dt>Voting power</dt>
        <dd data-testid="voting-power">{formatTokens(votes)}</dd>
        <dt>Delegated to</dt>
        <dd>{undelegated ? "nobody" : delegatee.toLowerCase() === account.toLowerCase() ? "yourself" : <AddressText address={delegatee} />}</dd>
      </dl>
      {undelegated && balance > 0n && (
        <p className="tx-status tx-pending" role="note" data-testid="delegate-prompt">
          Your {formatTokens(balance)} do not count in votes yet: tokens vote only once delegated — to yourself, or to someone you trust. Delegation takes
          effect for proposals created afterwards.
        </p>
      )}
      <div className="field-row">
        <TxButton pending={tx.pending} onClick={() => tx.delegate(account)} disabled={!undelegated && delegatee === account}>
          Delegate to myself
        </TxButton>
        <label>
          or to address
          <input value={other} onChange={(e) => setOther(e.target.value)} placeholder="0x…" name="delegatee" />
        </label>
        <TxButton pending={tx.pending} disabled={!isAddress(other)} onClick={() => tx.delegate(other as `0x${string}`)}>
          Delegate
        </TxButton>
      </div>
      <TxStatus state={tx} success="Delegated. Your votes count for proposals created from now on." />
    </section>
  );
}
