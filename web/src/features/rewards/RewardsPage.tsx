/**
 * Community rewards: every epoch the DAO published for a community desk — budget, deadline, formula — with what
 * each helper earned recomputed here from the ratings and its Merkle root checked against the published one,
 * and, for the connected helper, the claim.
 */
import { communityRewardsAbi, formatTokens, relativeTime, shortAddress, shortHash, TOKEN_DECIMALS } from "@support-quality/sdk";
import { type HelperReward, rewardProof } from "@support-quality/sdk/rewards";
import { Link } from "react-router";
import { erc20Abi, formatUnits } from "viem";
import { useConnection, useReadContract, useReadContracts } from "wagmi";
import { AddressText } from "../../components/Address";
import { DateTime } from "../../components/DateTime";
import { Empty, ErrorNote, Loading } from "../../components/States";
import { TableScroll } from "../../components/TableScroll";
import { TxButton } from "../../components/TxButton";
import { TxStatus } from "../../components/TxStatus";
import { useAgentHandles } from "../../lib/agentHandles";
import { useChainNow } from "../../lib/chainTime";
import { useProtocol } from "../../lib/useProtocol";
import { useDeskNames } from "../agents/queries";
import { describeFormula } from "./formula";
import { type EpochRewards, useRewardEpochs } from "./queries";
import { useClaimReward } from "./useClaimReward";

type Amount = (value: bigint) => string;

const NO_HANDLES: ReadonlyMap<string, string> = new Map();

export function RewardsPage() {
  const epochs = useRewardEpochs();
  const desks = useDeskNames();
  const deskName = (id: number) => desks.data?.find((d) => d.id === id)?.name ?? `desk #${id}`;
  return (
    <section>
      <h1>Community rewards</h1>
      <p className="muted">
        The DAO funds reward epochs for the volunteer helpers of community desks. Every reward below is recomputed in your browser from the ratings on the
        chain, with the formula the DAO voted, and its Merkle root compared with the one the DAO published.
      </p>
      {epochs.isPending && <Loading what="Reading the reward epochs and recomputing them from the ratings" />}
      {epochs.error && <ErrorNote error={epochs.error} />}
      {epochs.data?.length === 0 && <Empty>No reward epoch has been published yet: the DAO publishes one by proposal.</Empty>}
      {epochs.data
        ?.slice()
        .reverse()
        .map((epoch) => (
          <EpochCard key={epoch.epochId} epoch={epoch} deskName={deskName(epoch.formula.deskId)} />
        ))}
    </section>
  );
}

function EpochCard({ epoch, deskName }: { epoch: EpochRewards; deskName: string }) {
  const { chainId, deployment } = useProtocol();
  const now = useChainNow();
  const handles = useAgentHandles().data ?? NO_HANDLES;
  const rewardsContract = { address: deployment.contracts.CommunityRewards, abi: communityRewardsAbi, chainId } as const;
  const token = { address: epoch.token, abi: erc20Abi, chainId } as const;
  const live = useReadContracts({
    contracts: [
      { ...rewardsContract, functionName: "remaining", args: [epoch.epochId] },
      { ...token, functionName: "symbol" },
      { ...token, functionName: "decimals" },
    ],
    allowFailure: false,
    query: { staleTime: 15_000 },
  });
  const claimed = useReadContracts({
    contracts: epoch.computed.rewards.map((r) => ({ ...rewardsContract, functionName: "isClaimed", args: [epoch.epochId, BigInt(r.index)] }) as const),
    allowFailure: false,
    query: { staleTime: 15_000 },
  });

  const { computed } = epoch;
  const heading = (
    <h2>
      Epoch {epoch.epochId} · {deskName}
    </h2>
  );
  if (live.error) {
    return (
      <article className="card epoch" data-testid="epoch" data-epoch={epoch.epochId}>
        {heading}
        <ErrorNote error={live.error} />
      </article>
    );
  }
  if (!live.data) {
    return (
      <article className="card epoch" data-testid="epoch" data-epoch={epoch.epochId}>
        {heading}
        <Loading what="Reading the epoch" />
      </article>
    );
  }
  const [remaining, symbol, decimals] = live.data;
  const amount: Amount = (value) => (decimals === TOKEN_DECIMALS ? formatTokens(value, symbol) : `${formatUnits(value, decimals)} ${symbol}`);
  const closed = now !== undefined && now >= BigInt(epoch.claimDeadline);
  const rootOk = computed.root?.toLowerCase() === epoch.root.toLowerCase() && computed.total === epoch.total;

  return (
    <article className="card epoch" data-testid="epoch" data-epoch={epoch.epochId}>
      {heading}
      <dl className="facts">
        <dt>Budget</dt>
        <dd data-testid="epoch-budget">{amount(epoch.budget)}</dd>
        <dt>Allocated</dt>
        <dd data-testid="epoch-total">
          {amount(epoch.total)} <span className="muted">(what the rewards add up to; the rest returns to the treasury)</span>
        </dd>
        <dt>Unclaimed</dt>
        <dd data-testid="epoch-remaining">
          {amount(remaining)} <span className="muted">(held by the epoch's vault</span> <AddressText address={epoch.vault} />
          <span className="muted">)</span>
        </dd>
        <dt>Claims</dt>
        <dd data-testid="epoch-deadline">
          {closed ? "closed on" : "open until"} <DateTime seconds={epoch.claimDeadline} />
          {now !== undefined && !closed && <span className="muted"> ({relativeTime(epoch.claimDeadline, now)})</span>}
        </dd>
        <dt>Published</dt>
        <dd>
          <DateTime seconds={epoch.time} /> <span className="muted">(block {epoch.block})</span>
        </dd>
        <dt>Formula</dt>
        <dd data-testid="epoch-formula">{describeFormula(epoch.formula, deskName, amount)}</dd>
      </dl>
      <RootCheck epoch={epoch} amount={amount} />
      <h3>What each helper earned</h3>
      {computed.rewards.length === 0 ? (
        <Empty>Nobody earned a reward under this formula.</Empty>
      ) : (
        <TableScroll label="What each helper earned">
          <table data-testid="epoch-rewards">
            <thead>
              <tr>
                <th>Helper</th>
                <th className="num">Reward</th>
                <th>Claim</th>
              </tr>
            </thead>
            <tbody>
              {computed.rewards.map((r, i) => (
                <tr key={r.account} data-testid="helper-reward" data-account={r.account}>
                  <td>
                    <Link to={`/agents/${r.account}`} title={r.account}>
                      {handles.get(r.account.toLowerCase()) ?? shortAddress(r.account)}
                    </Link>
                    <div className="muted" data-testid="helper-points">
                      {r.points} point{r.points === 1 ? "" : "s"} · {r.ratings} rating{r.ratings === 1 ? "" : "s"}
                    </div>
                  </td>
                  <td className="num" data-testid="helper-amount">
                    {amount(r.amount)}
                  </td>
                  <td data-testid="helper-claimed">
                    {claimed.data === undefined ? (
                      "…"
                    ) : claimed.data[i] ? (
                      <span className="badge badge-good">claimed</span>
                    ) : closed ? (
                      "not claimed"
                    ) : (
                      "not yet"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ClaimPanel
        epoch={epoch}
        amount={amount}
        closed={closed}
        rootOk={rootOk}
        remaining={remaining}
        claimed={(reward) => claimed.data?.[computed.rewards.indexOf(reward)]}
      />
    </article>
  );
}

/** The recomputed root and total against the published ones: a quiet tick, or a loud warning. */
export function RootCheck({ epoch, amount }: { epoch: EpochRewards; amount: Amount }) {
  const { root, total } = epoch.computed;
  const rootOk = root?.toLowerCase() === epoch.root.toLowerCase();
  const totalOk = total === epoch.total;
  if (rootOk && totalOk) {
    return (
      <p className="hash-ok" data-testid="root-check" data-ok="true">
        ✓ Root matches the published root ({shortHash(epoch.root)}): recomputed from the ratings, these rewards are exactly what the DAO published.
      </p>
    );
  }
  return (
    <div className="status-panel status-confirmed" role="alert" data-testid="root-check" data-ok="false">
      <h3>✗ These rewards do not match what the DAO published</h3>
      {!rootOk && (
        <p>
          Recomputed from the ratings, the root is <code>{root ?? "none (nobody earned a reward)"}</code>, but the published root is <code>{epoch.root}</code>.
        </p>
      )}
      {!totalOk && (
        <p>
          Recomputed, the rewards add up to {amount(total)}; the DAO published {amount(epoch.total)}.
        </p>
      )}
      <p>Do not rely on this epoch's table: the proposal that published it did not follow its own formula, or the ratings changed. Raise it with the DAO.</p>
    </div>
  );
}

interface ClaimPanelProps {
  epoch: EpochRewards;
  amount: Amount;
  closed: boolean;
  rootOk: boolean;
  remaining: bigint;
  claimed: (reward: HelperReward) => boolean | undefined;
}

/** The connected account's reward in this epoch, and the claim — or, disabled, the sentence saying why not. */
function ClaimPanel({ epoch, amount, closed, rootOk, remaining, claimed }: ClaimPanelProps) {
  const connection = useConnection();
  const { chainId } = useProtocol();
  const tx = useClaimReward();
  const account = connection.status === "connected" ? connection.address : undefined;
  const reward = account ? epoch.computed.rewards.find((r) => r.account.toLowerCase() === account.toLowerCase()) : undefined;
  const balance = useReadContract({
    address: epoch.token,
    abi: erc20Abi,
    chainId,
    functionName: "balanceOf",
    args: account ? [account] : undefined,
    query: { enabled: !!account, staleTime: 15_000 },
  });
  const isClaimed = reward ? claimed(reward) : undefined;

  const note = !account ? (
    "Connect your wallet to claim a reward you earned."
  ) : !reward ? (
    `${shortAddress(account)} earned nothing in epoch ${epoch.epochId}.`
  ) : isClaimed ? (
    `Claimed: you received your ${amount(reward.amount)} from epoch ${epoch.epochId}.`
  ) : closed ? (
    <>
      Claims for epoch {epoch.epochId} closed on <DateTime seconds={epoch.claimDeadline} />: unclaimed rewards return to the treasury.
    </>
  ) : !rootOk ? (
    "Claiming is off for this epoch: the rewards recomputed from the ratings do not match the published root, so no proof built here would be accepted."
  ) : remaining < reward.amount ? (
    `Only ${amount(remaining)} is left in this epoch, less than your ${amount(reward.amount)}: the contract would refuse the claim.`
  ) : (
    `You earned ${amount(reward.amount)}: ${reward.points} ${reward.points === 1 ? "user" : "different users"} rated you well in ${reward.ratings} rating${reward.ratings === 1 ? "" : "s"}.`
  );
  const canClaim = !!reward && isClaimed === false && !closed && rootOk && remaining >= reward.amount;

  return (
    <div className="claim-panel" data-testid="claim-panel">
      <h3>Your reward</h3>
      <p id={`claim-note-${epoch.epochId}`} data-testid="claim-note" data-state={isClaimed ? "claimed" : canClaim ? "claimable" : "blocked"}>
        {note}
      </p>
      {account && balance.data !== undefined && (
        <p className="muted" data-testid="token-balance">
          Your balance: {amount(balance.data)}
        </p>
      )}
      <TxButton
        pending={tx.pending}
        disabled={!canClaim}
        aria-describedby={`claim-note-${epoch.epochId}`}
        onClick={() => reward && void tx.claim(epoch, reward, rewardProof(epoch.computed.rewards, reward))}
      >
        {reward ? `Claim ${amount(reward.amount)}` : "Claim"}
      </TxButton>
      <TxStatus state={tx} success={reward ? `You claimed ${amount(reward.amount)}.` : undefined} />
    </div>
  );
}
