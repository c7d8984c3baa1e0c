import { knowledgeBaseAbi } from "@support-quality/sdk";
import { getContractEventsBounded } from "@support-quality/sdk/logs";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { type Address, zeroAddress } from "viem";
import { useClient, useConnection, useReadContract } from "wagmi";
import { TxButton } from "../../components/TxButton";
import { TxStatus } from "../../components/TxStatus";
import { useProtocol } from "../../lib/useProtocol";
import { REASON_MAX_BYTES, useHelpfulVote } from "./useHelpfulVote";

/** Whether `voter` answered on this version (hasVoted), and how (their HelpfulVoted event). */
function useMyAnswer(articleId: bigint, version: bigint, voter: Address | undefined) {
  const { chainId, deployment } = useProtocol();
  const client = useClient({ chainId });
  const knowledgeBase = { address: deployment.contracts.KnowledgeBase, abi: knowledgeBaseAbi } as const;
  const voted = useReadContract({
    ...knowledgeBase,
    chainId,
    functionName: "hasVoted",
    args: [articleId, version, voter ?? zeroAddress],
    query: { enabled: !!voter, staleTime: 30_000 },
  });
  const answer = useQuery({
    queryKey: ["events", chainId, "HelpfulVoted", knowledgeBase.address, String(articleId), String(version), voter],
    enabled: !!client && !!voter && voted.data === true,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => {
      const [log] = await getContractEventsBounded(client!, {
        ...knowledgeBase,
        eventName: "HelpfulVoted",
        args: { articleId, version, voter: voter! },
        fromBlock: deployment.deploymentBlock,
      });
      return log?.args.helpful ?? null;
    },
  });
  return { voted: voted.data, helpful: answer.data ?? undefined };
}

const answered = (helpful: boolean, version: bigint) => `You said this ${helpful ? "helped" : "did not help"} (version ${version}).`;

/** "Was this helpful?": Yes / No with an optional public reason, one answer per address and version. */
export function HelpfulVote({ articleId, version }: { articleId: bigint; version: bigint }) {
  const connection = useConnection();
  const tx = useHelpfulVote();
  const mine = useMyAnswer(articleId, version, connection.address);
  const [reason, setReason] = useState("");
  // The answer just sent, for the account that sent it (hasVoted catches up once the reads refresh).
  const [sent, setSent] = useState<{ helpful: boolean; version: bigint; account: Address }>();
  const bytes = new TextEncoder().encode(reason.trim()).length;
  const tooLong = bytes > REASON_MAX_BYTES;
  const connected = connection.status === "connected";
  const justSent = sent && sent.account === connection.address && sent.version === version ? sent : undefined;

  const answer = async (helpful: boolean) => {
    const receipt = await tx.vote(articleId, version, helpful, reason.trim());
    if (receipt && connection.address) setSent({ helpful, version, account: connection.address });
  };

  if (justSent || mine.voted) {
    const helpful = justSent?.helpful ?? mine.helpful;
    return (
      <>
        <p data-testid="helpful-mine">{helpful === undefined ? `You already said whether version ${version} helped.` : answered(helpful, version)}</p>
        <TxStatus state={tx} success="Thank you: your answer is recorded on-chain." />
      </>
    );
  }
  return (
    <>
      <label>
        Why? (optional, public: kept on-chain with your answer)
        <textarea
          name="helpful-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          readOnly={tx.pending}
          aria-describedby="helpful-reason-bytes"
        />
        <span id="helpful-reason-bytes" className={tooLong ? "hint hash-bad" : "hint"} data-testid="helpful-reason-bytes">
          {bytes} / {REASON_MAX_BYTES} bytes{tooLong ? ": shorten the reason to send it." : ""}
        </span>
      </label>
      <div className="field-row">
        <TxButton pending={tx.pending} disabled={tooLong} onClick={() => answer(true)} data-testid="helpful-yes">
          Yes, it helped
        </TxButton>
        <TxButton pending={tx.pending} disabled={tooLong} onClick={() => answer(false)} data-testid="helpful-no">
          No, it did not
        </TxButton>
      </div>
      {!connected && (
        <p className="hint" data-testid="helpful-connect">
          Connect a wallet to answer: one answer per address and version, recorded on-chain.
        </p>
      )}
      <TxStatus state={tx} />
    </>
  );
}
