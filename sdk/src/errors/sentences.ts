/**
 * A sentence for every custom error of every protocol contract, OpenZeppelin's included. Keyed by the
 * generated error names: a renamed or removed error is a compile error here, and so is a new error
 * without a sentence (run `npm run generate` after changing a contract, then add its sentence).
 */
import type { ContractErrorName, Hex } from "viem";
import { formatDate, formatDuration, formatTokens, shortAddress, shortHash } from "../format.js";
import type { errorsAbi } from "../generated/errors.js";
import {
  AGENT_KIND_LABELS,
  AGENT_STATUS_LABELS,
  label,
  POLICY_KIND_LABELS,
  PRIORITY_LABELS,
  PROPOSAL_STATES,
  REPORT_STATUS_LABELS,
  statesInBitmap,
  TIMELOCK_OPERATION_STATES,
} from "../labels.js";

/** The name of any custom error a protocol contract can revert with. */
export type ProtocolErrorName = ContractErrorName<typeof errorsAbi>;

/** The decoded arguments of a custom error, in ABI order. */
export type Args = readonly unknown[];
export type Sentence = (args: Args) => string;

const a = (x: unknown) => shortAddress(String(x));
const n = (x: unknown) => String(x);
const date = (x: unknown) => formatDate(x as bigint);
const tokens = (x: unknown) => formatTokens(BigInt(x as bigint));
const h = (x: unknown) => shortHash(String(x));
/** A report subject: a left-padded address, or the hash of a handle. */
const subject = (x: unknown) => {
  const s = String(x);
  return /^0x0{24}[0-9a-fA-F]{40}$/.test(s) ? `address ${shortAddress(`0x${s.slice(26)}`)}` : `the handle with hash ${h(s)}`;
};
const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const calendarName = (desk: unknown) => (BigInt(desk as bigint) === 0n ? "The protocol-wide calendar" : `Desk #${n(desk)}'s calendar`);
const orList = (items: string[]) => (items.length <= 1 ? (items[0] ?? "none") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`);

/** A sentence for every custom error of every contract the dApp talks to, OpenZeppelin's included. */
export const ERROR_SENTENCES: { readonly [N in ProtocolErrorName]: Sentence } = {
  // AgentRegistry
  AgentRegistryUnknownDesk: ([desk]) => `There is no desk #${n(desk)}.`,
  AgentRegistryDeskRemoved: ([desk, at]) => `Desk #${n(desk)} was removed on ${date(at)}.`,
  AgentRegistryEmptyName: () => "A name is required.",
  AgentRegistryUnauthorized: ([caller, desk]) => `${a(caller)} is not an operator of desk #${n(desk)}: only its operators or the DAO may do this.`,
  AgentRegistryKindNotAllowed: ([desk, kind]) =>
    `A ${label(AGENT_KIND_LABELS, kind).split(" — ")[0]} cannot join desk #${n(desk)}: community desks take community helpers only, and only community desks take them.`,
  AgentRegistryZeroAddress: () => "The zero address cannot be used here.",
  AgentRegistryAgentExists: ([agent, desk]) => `${a(agent)} already is (or was) an agent of desk #${n(desk)}: an address serves one desk, once.`,
  AgentRegistryHandleTaken: ([, agent]) => `This handle is already used by agent ${a(agent)}.`,
  AgentRegistryHandleLength: ([length, min, max]) => `A handle is ${n(min)} to ${n(max)} characters long; this one has ${n(length)}.`,
  AgentRegistryHandleCharacter: ([position, character]) =>
    `Character ${Number(position) + 1} of the handle (byte ${String(character)}) is not allowed there: handles use lower-case a–z, digits and ".", "_", "-" (not first or last).`,
  AgentRegistryHandleLookAlike: ([, , agent]) =>
    `This handle reads like the handle of agent ${a(agent)} (same letters once look-alikes such as 0/o, 1/l/i, rn/m and separators are folded): choose a clearly different handle.`,
  AgentRegistryUnknownAgent: ([agent]) => `${a(agent)} is not an agent.`,
  AgentRegistryInvalidAgentStatus: ([agent, status]) => `Agent ${a(agent)} is ${label(AGENT_STATUS_LABELS, status)}, which does not allow this change.`,
  AgentRegistryConfirmedImpersonator: ([s]) => `${subject(s)} is a confirmed impersonator and cannot become an agent.`,
  AgentRegistrySubjectIsAgent: ([, agent]) =>
    `${a(agent)} is an official agent (or was one): agents are not reported as impersonators — ask their desk to suspend them instead.`,
  AgentRegistryDuplicateReport: ([s, , id]) => `You already have an open report (#${n(id)}) about ${subject(s)}.`,
  AgentRegistryUnknownReport: ([id]) => `There is no report #${n(id)}.`,
  AgentRegistryReportClosed: ([id, status]) => `Report #${n(id)} is already ${label(REPORT_STATUS_LABELS, status)}.`,
  AgentRegistryEmptyEvidence: () => "Describe what happened: the evidence text is required.",
  AgentRegistryProtectedSubject: ([s]) =>
    `${subject(s)} is a protocol address (the DAO, a protocol contract, a desk's issuer key or operator) and cannot be reported as an impersonator. If a desk's key was stolen, the desk revokes it.`,
  AgentRegistryTooManyOpenReports: ([, max]) => `You already have ${n(max)} open reports: wait until a desk or the DAO rules on one of them.`,
  AgentRegistrySubjectReported: ([s, open]) =>
    `${subject(s)} has ${n(open)} open impersonator report(s): a desk cannot onboard it until they are resolved (the DAO can, knowingly).`,
  AgentRegistrySuspendedByOwner: ([agent]) => `The DAO suspended agent ${a(agent)}: only a DAO proposal can reinstate it.`,
  AgentRegistryTooManyIssuers: ([desk, max]) => `Desk #${n(desk)} already has ${n(max)} issuer keys: revoke one before adding another.`,

  // KnowledgeBase
  KnowledgeBaseFieldLength: ([field, length, min, max]) =>
    Number(length) < Number(min)
      ? `The article's ${String(field)} must not be empty${Number(min) > 1 ? ` (at least ${n(min)} bytes)` : ""}.`
      : field === "body"
        ? `The article body is ${n(length)} bytes: at most ${n(max)}, so that a proposal carrying it fits in one transaction. Split it into two articles.`
        : `The ${String(field)} is ${n(length)} bytes: at most ${n(max)}.`,
  KnowledgeBaseUnknownCategory: ([category, count]) =>
    `Category ${n(category)} is not one of the ${n(count)} ticket categories of the rating rules in force (0 is "General").`,
  KnowledgeBaseNotPublisher: ([account, category]) =>
    `${a(account)} may not write articles in category ${n(category)}: only the DAO may, and its appointed editor outside the protected categories (security & phishing).`,
  KnowledgeBaseUnknownArticle: ([id]) => `There is no article #${n(id)}.`,
  KnowledgeBaseCategoryMismatch: ([id, category, given]) =>
    `Article #${n(id)} is in category ${n(category)}, not ${n(given)}: an article keeps its category (retire it and publish a new one to move it).`,
  KnowledgeBaseArticleRetired: ([id, at]) => `Article #${n(id)} was retired on ${date(at)}.`,
  KnowledgeBaseUnchanged: ([id, version, hash]) =>
    `This says exactly what version ${n(version)} of article #${n(id)} says (hash ${h(hash)}): change something before proposing it.`,
  KnowledgeBaseEffectiveTooEarly: ([from, earliest]) => `The version would take effect on ${date(from)}, but it cannot take effect before ${date(earliest)}.`,
  KnowledgeBaseEffectiveTooLate: ([from, latest]) =>
    `The version would take effect on ${date(from)}: at most a year ahead (${date(latest)}). Was the time given in milliseconds?`,
  KnowledgeBaseChangeScheduled: ([id, at]) => `Article #${n(id)} has a version scheduled for ${date(at)}: it can be retired once that takes effect.`,
  KnowledgeBaseVersionNotInForce: ([id, version, current]) =>
    BigInt(current as bigint) === 0n
      ? `Article #${n(id)} has no version in force yet.`
      : `Article #${n(id)} changed: version ${n(current)} is in force now, not version ${n(version)}. Read the new version and vote on it.`,
  KnowledgeBaseAlreadyVoted: ([id, version]) => `You already said whether version ${n(version)} of article #${n(id)} helped: one vote per address and version.`,
  // PolicyRegistry
  PolicyRegistryUnknownPolicy: ([id]) => `There is no policy #${n(id)}.`,
  PolicyRegistryUnknownVersion: ([id, v]) => `Policy #${n(id)} has no version ${n(v)}.`,
  PolicyRegistryKindMismatch: ([id, expected, given]) =>
    `Policy #${n(id)} is a ${label(POLICY_KIND_LABELS, expected)} policy, not ${label(POLICY_KIND_LABELS, given)}.`,
  PolicyRegistryKindTaken: ([kind, id]) => `A ${label(POLICY_KIND_LABELS, kind)} policy already exists (#${n(id)}): publish a new version of it instead.`,
  PolicyRegistryPolicyRetired: ([id, at]) => `Policy #${n(id)} was retired on ${date(at)} and takes no new versions.`,
  PolicyRegistryChangeScheduled: ([id, at]) =>
    `Policy #${n(id)} cannot be retired yet: a change it affects is scheduled to take effect on ${date(at)}. Retire it after that.`,
  PolicyRegistryEffectiveTooEarly: ([from, earliest]) => `The version would take effect on ${date(from)}, but it cannot take effect before ${date(earliest)}.`,
  PolicyRegistryEffectiveTooLate: ([from, latest]) =>
    `The version would take effect on ${date(from)}: a version can be scheduled at most a year ahead (until ${date(latest)}). Was the time typed in milliseconds?`,
  PolicyRegistryVersionInForce: ([policy, version, from]) =>
    `Version ${n(version)} of policy #${n(policy)} has been in force since ${date(from)}: only a version that has not taken effect can be cancelled.`,
  PolicyRegistryNotNewest: ([policy, version]) =>
    `Version ${n(version)} of policy #${n(policy)} is not the newest scheduled change: cancel the change scheduled after it first.`,
  PolicyRegistryNothingScheduled: ([policy]) => `Policy #${n(policy)} has no version to cancel.`,
  PolicyRegistryEmptyText: () => "The policy title and text must not be empty.",
  PolicyRegistryInvalidSlaTarget: ([p, first, resolution]) =>
    `The ${label(PRIORITY_LABELS, p)} SLA targets are invalid (first response ${n(first)} min, resolution ${n(resolution)} min): both must be above zero and resolution at least the first response.`,
  PolicyRegistryInvalidScale: ([scale]) => `A rating scale of ${n(scale)} is not allowed: it must be 2 to 8.`,
  PolicyRegistryInvalidRatingWindow: ([w]) =>
    `A rating window of ${formatDuration(w as bigint)} is not allowed: it must be at least one hour and at most 194 days (16,777,215 seconds).`,
  PolicyRegistryTooManyTags: ([count, max]) => `${n(count)} rating tags is too many: at most ${n(max)}.`,
  PolicyRegistryTooManyCategories: ([count, max]) => `${n(count)} ticket categories is too many: at most ${n(max)}.`,
  PolicyRegistryInvalidBusinessHours: ([desk, day, opens, closes]) =>
    `${calendarName(desk)}: ${WEEKDAY_NAMES[Number(day)] ?? `day ${n(day)}`}'s hours are impossible (opens at minute ${n(opens)}, closes at minute ${n(closes)}): a day must open before it closes, and close by 24:00 (minute 1440).`,
  PolicyRegistryInvalidUtcOffset: ([desk, offset]) =>
    `${calendarName(desk)}: a UTC offset of ${n(offset)} minutes does not exist; it must be between −720 (UTC−12:00) and 840 (UTC+14:00).`,
  PolicyRegistryNoBusinessHours: ([desk]) =>
    `${calendarName(desk)} is never open, so business-time targets could never be met: give at least one weekday some hours.`,
  PolicyRegistryInvalidHolidays: ([desk, index, date, previous]) =>
    `${calendarName(desk)}: holiday ${n(index)} (day ${n(date)}) is not after the one before it (day ${n(previous)}); holidays must be distinct dates in increasing order.`,
  PolicyRegistryTooManyHolidays: ([desk, count, max]) => `${calendarName(desk)} lists ${n(count)} holidays: at most ${n(max)}.`,
  PolicyRegistryInvalidBusinessHoursMask: ([mask]) =>
    `The business-hours choice ${n(mask)} names a priority that does not exist: only the four priorities (bits 0 to 3) can count business time.`,
  PolicyRegistryInvalidDeskCalendars: ([index, desk]) =>
    `Desk calendar ${n(index)} (desk #${n(desk)}) is not allowed: desks must be listed once each in increasing order, at most 16, and only an SLA with business-time targets takes calendars.`,
  PolicyRegistryUnexpectedParams: ([kind]) => `${label(POLICY_KIND_LABELS, kind)} policies take no typed parameters.`,
  PolicyRegistryUnchanged: ([policyId, version, hash]) =>
    `This says and enforces exactly what version ${n(version)} of policy #${n(policyId)} does (content hash ${String(hash).slice(0, 10)}…): change the text, the link or the values.`,
  PolicyRegistryTooManyChannels: ([count, max]) => `${n(count)} official channels is too many for one version: at most ${n(max)}.`,

  // SupportRatings
  RatingsAlreadyRated: ([desk, ticket]) => `Ticket ${n(ticket)} of desk #${n(desk)} has already been rated.`,
  RatingsNotRequester: ([caller, requester]) => `Only the person who asked for help (${a(requester)}) may rate this ticket, not ${a(caller)}.`,
  RatingsInvalidSignature: ([signer]) => `The receipt's signature is not valid for ${a(signer)}: the link may be damaged.`,
  RatingsUnauthorizedSigner: ([desk, signer]) => `${a(signer)} may not sign receipts for desk #${n(desk)}.`,
  RatingsAgentNotActive: ([desk, agent, at]) => `${a(agent)} was not an active agent of desk #${n(desk)} when the ticket was opened (${date(at)}).`,
  RatingsSelfRating: ([requester]) => `${a(requester)} cannot rate their own ticket.`,
  RatingsReceiptExpired: ([deadline]) => `This receipt expired on ${date(deadline)}.`,
  RatingsInvalidTimes: ([opened, first, resolved]) =>
    `The ticket's times are out of order or in the future (opened ${date(opened)}, first response ${date(first)}, resolved ${date(resolved)}).`,
  RatingsNoRatingRules: ([opened]) => `No rating rules were in force when the ticket was opened (${date(opened)}).`,
  RatingsWindowClosed: ([closed]) => `The rating window closed on ${date(closed)}.`,
  RatingsScoreOutOfRange: ([score, scale]) => `A score of ${n(score)} is out of range: choose 1 to ${n(scale)}.`,
  RatingsUnknownTags: ([, count]) => `One of the chosen tags does not exist: the rules list ${n(count)} tags.`,
  RatingsUnknownCategory: ([category, count]) =>
    `The receipt's category ${n(category)} does not exist: the rating rules in force list ${n(count)} categories (0 = uncategorised).`,
  RatingsPausedTooLong: ([paused, life]) =>
    `The receipt says the ticket waited on its requester for ${formatDuration(paused as bigint)}, longer than it lived (${formatDuration(life as bigint)} from opening to its last event).`,
  RatingsCommentTooLong: ([length, max]) => `The comment is ${n(length)} bytes long: at most ${n(max)}.`,
  RatingsUnknownRating: ([id]) => `There is no rating ${h(id)}.`,
  RatingsNotAgent: ([caller, agent]) => `Only the agent ${a(agent)} may reply to this rating, not ${a(caller)}.`,
  RatingsAlreadyReplied: () => "This rating already has a reply.",
  RatingsAlreadyVoided: () => "This rating has already been voided.",
  RatingsEmptyText: () => "The text must not be empty.",
  RatingsRatingSignatureExpired: ([deadline]) => `The signed rating expired on ${date(deadline)}.`,
  RatingsInvalidRequesterSignature: ([requester]) => `The rating was not signed by the requester ${a(requester)}.`,
  RatingsNotRegistry: ([caller, registry]) => `Only the registry ${a(registry)} keeps the ratings contract's copy of its records; ${a(caller)} cannot.`,
  RatingsRegistryMismatch: ([registry, ratings]) =>
    `The registry ${a(registry)} was deployed for another ratings contract (${a(ratings)}): redeploy them together.`,
  RatingsInvalidEscalation: ([deskId, ticketId, from]) =>
    BigInt(from as bigint) === 0n
      ? `This escalated receipt of ticket #${n(ticketId)} (desk #${n(deskId)}) names no AI assistant's ticket it came from.`
      : `Ticket #${n(ticketId)} of desk #${n(deskId)} cannot be escalated from itself.`,
  RatingsEscalationToAssistant: ([deskId, agent]) =>
    `${a(agent)} is an AI assistant of desk #${n(deskId)}: an escalation goes from an AI assistant to a person, not to another assistant.`,
  RatingsEscalationNotFromAssistant: ([deskId, from, agent]) =>
    `Ticket #${n(from)} of desk #${n(deskId)} was handled by ${a(agent)}, who is not an AI assistant: only an AI assistant's ticket can be escalated to a person.`,
  TallyOverflow: ([score]) => `Score ${n(score)} cannot be counted.`,

  // Governor (OpenZeppelin + critical quorum)
  GovernorInvalidCriticalQuorum: ([num, min, den]) =>
    `A critical quorum of ${n(num)}/${n(den)} is not allowed: it must be between ${n(min)}/${n(den)} and 100 %.`,
  GovernorInvalidActionPrefix: ([len]) => `A routine action is a 4-byte selector or a selector plus one argument (36 bytes), not ${n(len)} bytes.`,
  GovernorQuorumAboveCritical: ([quorum, critical]) =>
    `The normal quorum cannot be ${n(quorum)} %: it may not exceed the critical quorum (${n(critical)} %), or critical changes would need less support than routine ones.`,
  DaoOwnedRenounceRefused: () => "The DAO's ownership of the protocol's contracts can be transferred by a critical proposal, never renounced.",
  GovernorInvalidProposalLength: ([t, c, v]) => `The proposal is malformed: ${n(t)} targets, ${n(c)} calldatas and ${n(v)} values must be equal and non-zero.`,
  GovernorAlreadyCastVote: ([voter]) => `${a(voter)} has already voted on this proposal.`,
  GovernorDisabledDeposit: () => "The governor does not accept ETH.",
  GovernorOnlyExecutor: ([account]) => `Only the timelock may do this, not ${a(account)}.`,
  GovernorNonexistentProposal: ([id]) => `There is no proposal ${h(`0x${BigInt(id as bigint).toString(16)}`)}.`,
  GovernorUnexpectedProposalState: ([, current, expected]) =>
    `The proposal is ${label(PROPOSAL_STATES, current)}; this needs it to be ${orList(statesInBitmap(expected as Hex, PROPOSAL_STATES))}.`,
  GovernorInvalidVotingPeriod: ([p]) => `A voting period of ${formatDuration(p as bigint)} is not allowed.`,
  GovernorInsufficientProposerVotes: ([proposer, votes, threshold]) =>
    `${a(proposer)} has ${tokens(votes)} of voting power; proposing needs ${tokens(threshold)}. Delegate your tokens to yourself first, or ask a delegate to propose.`,
  GovernorRestrictedProposer: ([proposer]) => `${a(proposer)} may not submit this proposal.`,
  GovernorInvalidVoteType: () => "That is not a valid vote: choose For, Against or Abstain.",
  GovernorInvalidVoteParams: () => "The vote parameters are not valid.",
  GovernorAlreadyQueuedProposal: () => "The proposal is already queued.",
  GovernorProposalQueueingFailed: () => "The proposal could not be queued in the timelock.",
  GovernorProposalQueueingNotRequired: () => "The proposal does not need to be queued.",
  GovernorInvalidSignature: ([voter]) => `The vote signature is not valid for ${a(voter)}.`,
  GovernorUnableToCancel: ([, account]) => `${a(account)} may not cancel this proposal now.`,
  GovernorInvalidQuorumFraction: ([num, den]) => `A quorum of ${n(num)}/${n(den)} is not allowed.`,
  GovernorPreventLateQuorumVoteExtensionTooLarge: ([ext, max]) =>
    `A late-quorum extension of ${formatDuration(ext as bigint)} is too long: at most ${formatDuration(max as bigint)}.`,

  // TimelockController and AccessControl
  TimelockInvalidOperationLength: ([t, p, v]) => `The timelock operation is malformed: ${n(t)} targets, ${n(p)} payloads and ${n(v)} values.`,
  TimelockInsufficientDelay: ([delay, min]) =>
    `A delay of ${formatDuration(delay as bigint)} is shorter than the timelock's minimum of ${formatDuration(min as bigint)}.`,
  TimelockUnexpectedOperationState: ([, expected]) =>
    `The timelock operation is not ${orList(statesInBitmap(expected as Hex, TIMELOCK_OPERATION_STATES).map((s) => s.toLowerCase()))} yet: wait until its delay has passed.`,
  TimelockUnexecutedPredecessor: ([id]) => `The operation ${h(id)} it depends on has not been executed.`,
  TimelockUnauthorizedCaller: ([caller]) => `${a(caller)} may not call the timelock directly.`,
  AccessControlUnauthorizedAccount: ([account, role]) => `${a(account)} lacks the role ${h(role)} needed for this.`,
  AccessControlBadConfirmation: () => "An account can only renounce its own roles.",

  // Ownable (the timelock owns every protocol contract)
  OwnableUnauthorizedAccount: ([account]) => `${a(account)} may not do this: only the DAO (through a proposal) may.`,
  OwnableInvalidOwner: ([owner]) => `${a(owner)} cannot be the owner.`,

  // SupportToken (ERC20, ERC20Permit, ERC20Votes)
  ERC20InsufficientBalance: ([sender, balance, needed]) => `${a(sender)} holds ${tokens(balance)}, but ${tokens(needed)} is needed.`,
  ERC20InsufficientAllowance: ([spender, allowance, needed]) => `${a(spender)} is allowed to spend ${tokens(allowance)}, but ${tokens(needed)} is needed.`,
  ERC20InvalidSender: ([s]) => `${a(s)} cannot send tokens.`,
  ERC20InvalidReceiver: ([r]) => `${a(r)} cannot receive tokens.`,
  ERC20InvalidApprover: ([x]) => `${a(x)} cannot approve a spender.`,
  ERC20InvalidSpender: ([x]) => `${a(x)} cannot be approved as a spender.`,
  ERC20ExceededSafeSupply: ([supply, cap]) => `A supply of ${tokens(supply)} would exceed the voting cap of ${tokens(cap)}.`,
  ERC2612ExpiredSignature: ([deadline]) => `The permit signature expired on ${date(deadline)}.`,
  ERC2612InvalidSigner: ([signer, owner]) => `The permit was signed by ${a(signer)}, not by the owner ${a(owner)}.`,
  ERC5805FutureLookup: ([t, clock]) => `Voting power at ${date(t)} is not known yet (it is now ${date(clock)}).`,
  ERC6372InconsistentClock: () => "The token's clock does not match the governor's.",
  VotesExpiredSignature: ([expiry]) => `The delegation signature expired on ${date(expiry)}.`,
  InvalidAccountNonce: ([account, nonce]) => `The signature for ${a(account)} was already used (next nonce ${n(nonce)}).`,
  CheckpointUnorderedInsertion: () => "Voting power history cannot be rewritten.",

  // AgentCredentials
  CredentialsUnknownLevel: ([level]) => `There is no credential level #${n(level)}.`,
  CredentialsLevelRetired: ([level, at]) => `Credential level #${n(level)} was retired on ${date(at)}: it can no longer be granted.`,
  CredentialsInvalidValidity: ([validity, min, max]) =>
    `A credential lasts ${formatDuration(Number(min))} to ${formatDuration(Number(max))}; ${formatDuration(Number(validity))} is outside that.`,
  CredentialsFieldLength: ([field, length, min, max]) =>
    Number(length) < Number(min) ? `The ${String(field)} is required.` : `The ${String(field)} is ${n(length)} bytes long; at most ${n(max)} are allowed.`,
  CredentialsNotExaminer: ([account, level]) =>
    `${a(account)} is not an examiner of credential level #${n(level)}: only its examiners or the DAO may grant or revoke it.`,
  CredentialsNotAnAgent: ([agent, status]) => `${a(agent)} is ${label(AGENT_STATUS_LABELS, status)}: credentials go to active agents only.`,
  CredentialsSelfGrant: ([examiner]) => `${a(examiner)} cannot certify themselves: another examiner (or the DAO) must.`,
  CredentialsUnknownCredential: ([id]) => `There is no credential #${n(id)}.`,
  CredentialsAlreadyRevoked: ([id, at]) => `Credential #${n(id)} was already revoked on ${date(at)}.`,
  CredentialsLocked: () => "A credential stays with the agent it was granted to: it cannot be transferred or approved.",
  CredentialsZeroAddress: () => "The zero address cannot be an examiner.",
  ERC721IncorrectOwner: ([sender, id, owner]) => `Credential #${n(id)} belongs to ${a(owner)}, not ${a(sender)}.`,
  ERC721InsufficientApproval: ([operator, id]) => `${a(operator)} may not move credential #${n(id)}.`,
  ERC721InvalidApprover: ([approver]) => `${a(approver)} cannot approve this credential.`,
  ERC721InvalidOperator: ([operator]) => `${a(operator)} cannot be an operator.`,
  ERC721InvalidOwner: ([owner]) => `${a(owner)} cannot own a credential.`,
  ERC721InvalidReceiver: ([receiver]) => `${a(receiver)} cannot receive a credential.`,
  ERC721InvalidSender: ([sender]) => `${a(sender)} cannot send a credential.`,
  ERC721NonexistentToken: ([id]) => `There is no credential #${n(id)}.`,

  // CommunityRewards
  RewardsUnknownEpoch: ([epoch]) => `There is no reward epoch #${n(epoch)}.`,
  RewardsTotalExceedsBudget: ([total, budget]) => `The rewards add up to ${tokens(total)}, more than the epoch's budget of ${tokens(budget)}.`,
  RewardsEmptyBudget: () => "A reward epoch needs a budget.",
  RewardsEmptyRoot: () => "A reward epoch needs the Merkle root of its rewards.",
  RewardsInvalidDeadline: ([deadline, now, max]) => `The claim deadline ${date(deadline)} must be after now (${date(now)}) and no later than ${date(max)}.`,
  RewardsInvalidWindow: ([from, to, asOf, current]) =>
    `The epoch's blocks must be ordered and past: from ${n(from)} to ${n(to)}, voids as of ${n(asOf)}, all before the current block ${n(current)}.`,
  RewardsNotCommunityDesk: ([desk]) => `Desk #${n(desk)} is not a community desk: rewards are for community helpers.`,
  RewardsInvalidMinScore: ([score]) => `The minimum score must be at least 1, not ${n(score)}.`,
  RewardsInvalidProof: ([epoch, index, account, amount]) =>
    `Epoch #${n(epoch)} has no reward of ${tokens(amount)} for ${a(account)} at position ${n(index)}: the proof does not match its published root.`,
  RewardsAlreadyClaimed: ([epoch, index]) => `The reward at position ${n(index)} of epoch #${n(epoch)} was already claimed.`,
  RewardsClaimClosed: ([epoch, deadline]) => `Claims for epoch #${n(epoch)} closed on ${date(deadline)}: unclaimed rewards return to the treasury.`,
  RewardsBudgetExhausted: ([epoch, amount, remaining]) => `Epoch #${n(epoch)} has only ${tokens(remaining)} left, less than the ${tokens(amount)} claimed.`,
  RewardsClaimOpen: ([epoch, deadline]) => `Claims for epoch #${n(epoch)} are open until ${date(deadline)}: it can be swept after that.`,
  SafeERC20FailedOperation: ([token]) => `The token ${a(token)} refused the transfer.`,

  // Libraries
  ECDSAInvalidSignature: () => "The signature is not valid.",
  ECDSAInvalidSignatureLength: ([length]) => `The signature is ${n(length)} bytes long; 65 are expected.`,
  ECDSAInvalidSignatureS: () => "The signature is malformed (its s value is out of range).",
  SafeCastOverflowedUintDowncast: ([bits, value]) => `The value ${n(value)} does not fit in ${n(bits)} bits.`,
  FailedCall: () => "A call inside the transaction failed.",
  FailedDeployment: () => "Creating the epoch's vault failed.",
  CloneArgumentsTooLong: () => "The epoch's vault could not carry its settings.",
  InsufficientBalance: ([balance, needed]) => `The contract holds ${n(balance)} wei, less than the ${n(needed)} needed.`,
  StringTooLong: () => "The text is too long.",
  InvalidShortString: () => "The text is not a valid short string.",
};
