// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ISupportRatings} from "../ratings/ISupportRatings.sol";

/// @title IAgentRegistry
/// @notice Help desks, their agents, operators and receipt-issuer keys, and impersonator reports: the
/// answer to "is this address (or handle) really support?".
/// @dev The owner (the DAO's timelock) registers and removes desks and appoints operators. A desk's
/// operators onboard, suspend and remove its agents, manage its issuer keys and rule on impersonator
/// reports naming the desk; the owner may do all of that too. An address is an agent of one desk, once:
/// agent history is never rewritten, so ratings stay attributable. Every change `rate` depends on (agent
/// records, issuer keys, self-signing) is pushed to the ratings contract's mirror in the same transaction.
interface IAgentRegistry {
    enum AgentStatus {
        None,
        Active,
        Suspended,
        Removed
    }

    /// @notice What an address or handle is, as far as the protocol knows.
    enum Standing {
        Unknown,
        OfficialAgent,
        SuspendedAgent,
        FormerAgent,
        ReportedImpersonator,
        ConfirmedImpersonator
    }

    /// @notice Who an agent is: a person employed by the desk, a program answering for it, or a volunteer of a
    /// community desk. Fixed at onboarding (a desk cannot later relabel its AI assistant as a person).
    enum AgentKind {
        Human,
        AIAssistant,
        CommunityHelper
    }

    enum ReportStatus {
        None,
        Open,
        Confirmed,
        Dismissed,
        Overturned
    }

    /// @param community A community desk (registered with {registerCommunityDesk}): its agents are volunteer
    /// `CommunityHelper`s who sign their own receipts, and only they.
    struct Desk {
        uint48 createdAt;
        uint48 removedAt;
        bool selfSigning;
        bool community;
        string name;
    }

    /// @notice An agent. Its tickets count when opened in `[activeFrom, inactiveFrom)` (`inactiveFrom` is 0
    /// while active, else the time of the current suspension or the removal) and outside every past
    /// suspension (see {suspensions}). An agent of a removed desk reads as `Removed` from the desk's removal.
    /// @param suspendedByOwner Whether the current suspension was made by the DAO: only the DAO lifts it.
    /// @param suspensionCount The number of past (lifted) suspensions kept in {suspensions}.
    struct Agent {
        uint32 deskId;
        AgentStatus status;
        uint48 activeFrom;
        uint48 inactiveFrom;
        bool suspendedByOwner;
        uint32 suspensionCount;
        AgentKind kind;
    }

    /// @notice A lifted suspension: tickets opened in `[from, until)` stay unratable forever.
    struct Suspension {
        uint48 from;
        uint48 until;
    }

    /// @notice An impersonator report. `subject` is an address (left-padded) or the hash of a handle.
    struct Report {
        bytes32 subject;
        address reporter;
        uint32 deskId;
        ReportStatus status;
        uint48 createdAt;
    }

    error AgentRegistryUnknownDesk(uint32 deskId);
    error AgentRegistryDeskRemoved(uint32 deskId, uint48 removedAt);
    error AgentRegistryEmptyName();
    /// @notice The caller is neither the owner nor an operator of the desk.
    error AgentRegistryUnauthorized(address caller, uint32 deskId);
    error AgentRegistryZeroAddress();
    /// @notice The address is, or was, an agent: an address serves one desk, once.
    error AgentRegistryAgentExists(address agent, uint32 deskId);
    error AgentRegistryHandleTaken(bytes32 handleHash, address agent);
    /// @notice A handle is `min` to `max` bytes long.
    error AgentRegistryHandleLength(uint256 length, uint256 min, uint256 max);
    /// @notice A registered handle uses lower-case ASCII letters, digits and `.`, `_`, `-` (not first or last);
    /// `character` at byte `position` is not allowed there.
    error AgentRegistryHandleCharacter(uint256 position, bytes1 character);
    /// @notice The handle reads like `existingAgent`'s handle (same confusable skeleton, see {skeletonOf}).
    error AgentRegistryHandleLookAlike(bytes32 handleHash, bytes32 existingHandleHash, address existingAgent);
    error AgentRegistryUnknownAgent(address agent);
    /// @notice The agent is not in a status that allows this change.
    error AgentRegistryInvalidAgentStatus(address agent, AgentStatus status);
    /// @notice A confirmed impersonator cannot become an agent.
    error AgentRegistryConfirmedImpersonator(bytes32 subject);
    /// @notice Agents are not reported as impersonators; suspend them through their desk.
    error AgentRegistrySubjectIsAgent(bytes32 subject, address agent);
    /// @notice One open report per reporter and subject.
    error AgentRegistryDuplicateReport(bytes32 subject, address reporter, uint256 openReportId);
    error AgentRegistryUnknownReport(uint256 reportId);
    error AgentRegistryReportClosed(uint256 reportId, ReportStatus status);
    error AgentRegistryEmptyEvidence();
    /// @notice Protocol addresses (the DAO's timelock, the protocol's contracts, issuer keys and operators)
    /// cannot be reported or confirmed as impersonators.
    error AgentRegistryProtectedSubject(bytes32 subject);
    /// @notice A reporter may have at most `max` open reports at a time (report spam is bounded).
    error AgentRegistryTooManyOpenReports(address reporter, uint256 max);
    /// @notice The subject has open impersonator reports: only the DAO may onboard it before they are resolved.
    error AgentRegistrySubjectReported(bytes32 subject, uint256 openReports);
    /// @notice The DAO suspended this agent: only the DAO may reinstate it.
    error AgentRegistrySuspendedByOwner(address agent);
    /// @notice `kind` cannot join this desk: a community desk takes only `CommunityHelper`s, and only a
    /// community desk takes them.
    error AgentRegistryKindNotAllowed(uint32 deskId, AgentKind kind);
    /// @notice A desk has at most `max` issuer keys (so removing a desk is bounded work).
    error AgentRegistryTooManyIssuers(uint32 deskId, uint256 max);

    /// @notice A desk was registered.
    event DeskRegistered(uint32 indexed deskId, string name, bool selfSigning);
    /// @notice The desk registered just before (same transaction) is a community desk.
    event CommunityDeskRegistered(uint32 indexed deskId);
    /// @notice A desk was removed: from `removedAt` its agents read as removed, its operators lose every power
    /// and its issuer keys are revoked (each with {IssuerSet}).
    event DeskRemoved(uint32 indexed deskId, uint48 removedAt);
    /// @notice Whether a desk's agents may sign their own receipts changed.
    event DeskSelfSigningSet(uint32 indexed deskId, bool oldSelfSigning, bool newSelfSigning);
    /// @notice An operator was appointed to or dismissed from a desk.
    event OperatorSet(uint32 indexed deskId, address indexed operator, bool enabled, address indexed by);
    /// @notice An issuer key was authorised or revoked for a desk.
    event IssuerSet(uint32 indexed deskId, address indexed issuer, bool enabled, address indexed by);
    /// @notice An agent joined a desk.
    event AgentAdded(uint32 indexed deskId, address indexed agent, string handle, address indexed by, AgentKind kind);
    /// @notice An agent's status changed.
    /// @param reason Why (free text, kept in history).
    event AgentStatusChanged(
        uint32 indexed deskId,
        address indexed agent,
        AgentStatus oldStatus,
        AgentStatus newStatus,
        address indexed by,
        string reason
    );
    /// @notice Someone reported a suspected impersonator of a desk.
    event ImpersonatorReported(
        uint256 indexed reportId, bytes32 indexed subject, uint32 indexed deskId, address reporter, string evidence
    );
    /// @notice A report was confirmed or dismissed.
    event ReportResolved(
        uint256 indexed reportId, bytes32 indexed subject, uint32 indexed deskId, ReportStatus status, address by
    );
    /// @notice The DAO overturned a confirmation: the subject is no longer confirmed by this report.
    /// @param reason Why (kept in history).
    event ReportOverturned(uint256 indexed reportId, bytes32 indexed subject, uint32 indexed deskId, string reason);

    function registerDesk(string calldata name, bool selfSigning) external returns (uint32 deskId);
    /// @notice Registers a community desk: self-signing, and its agents are `CommunityHelper`s.
    function registerCommunityDesk(string calldata name) external returns (uint32 deskId);
    function removeDesk(uint32 deskId) external;
    function setSelfSigning(uint32 deskId, bool selfSigning) external;
    function setOperator(uint32 deskId, address operator, bool enabled) external;
    function setIssuer(uint32 deskId, address issuer, bool enabled) external;
    /// @notice Onboards `agent` into desk `deskId` under `handle`, for good (a handle is never reassigned).
    /// @param handle Canonical: 3 to 31 bytes of `a-z`, `0-9`, `.`, `_`, `-`, starting and ending with a letter
    /// or digit, and no look-alike of any agent's handle, past or present (see {skeletonOf}).
    /// @param kind `CommunityHelper` on a community desk, `Human` or `AIAssistant` elsewhere; fixed for good.
    function addAgent(uint32 deskId, address agent, string calldata handle, AgentKind kind) external;
    /// @notice Suspends an agent at once (emergency): tickets opened from now on cannot be rated.
    function suspendAgent(address agent, string calldata reason) external;
    function reinstateAgent(address agent, string calldata reason) external;
    function removeAgent(address agent, string calldata reason) external;
    /// @notice Reports `subject` (an address as `bytes32(uint256(uint160(a)))`, or {handleHash} of a handle)
    /// as impersonating desk `deskId`.
    function reportImpersonator(bytes32 subject, uint32 deskId, string calldata evidence)
        external
        returns (uint256 reportId);
    function resolveReport(uint256 reportId, bool confirmed) external;
    /// @notice Undoes a confirmation. Only the owner (timelock): the one way back from a wrong confirmation.
    function overturnReport(uint256 reportId, string calldata reason) external;

    /// @notice What `account` is: official, suspended or former agent, reported or confirmed impersonator, or unknown.
    function statusOf(address account) external view returns (Standing);
    /// @notice The same for a handle (ASCII case-insensitive, one leading at sign ignored).
    function statusOfHandle(string calldata handle) external view returns (Standing);
    /// @notice `keccak256` of the lower-cased handle without a leading at sign: the subject of a handle report.
    function handleHash(string calldata handle) external pure returns (bytes32);
    /// @notice The handle `account` registered as an agent ("" if it never was one).
    function handleOf(address account) external view returns (string memory);
    /// @notice The confusable skeleton of `handle`, packed left-aligned: two handles with the same skeleton read
    /// alike, and only one of them can be registered. Lower-case `a-z0-9` with separators dropped and `0`→`o`,
    /// `1`/`i`→`l`, `5`→`s`, `rn`→`m`, `vv`→`w`, `cl`→`d`. ASCII case is folded and one leading at sign ignored;
    /// reverts with {AgentRegistryHandleLength} or {AgentRegistryHandleCharacter} outside the charset (map
    /// Unicode to it first, as the SDK does).
    function skeletonOf(string calldata handle) external pure returns (bytes32);
    /// @notice The agent whose handle reads like `handle` (same skeleton; the agent itself for its own handle),
    /// with that agent's handle; `address(0)` and "" if none.
    /// @return lookAlike The agent holding the skeleton.
    /// @return lookAlikeHandle Its registered handle.
    function lookAlikeOf(string calldata handle) external view returns (address lookAlike, string memory lookAlikeHandle);

    function deskCount() external view returns (uint32);
    function desk(uint32 deskId) external view returns (Desk memory);
    function deskAgents(uint32 deskId) external view returns (address[] memory);
    function deskIssuers(uint32 deskId) external view returns (address[] memory);
    function isOperator(uint32 deskId, address account) external view returns (bool);
    function isIssuer(uint32 deskId, address account) external view returns (bool);
    /// @notice An agent's record, with the status in effect (an agent of a removed desk reads `Removed`).
    function agent(address account) external view returns (Agent memory);
    /// @notice The agent's lifted suspensions, oldest first.
    function suspensions(address account) external view returns (Suspension[] memory);
    /// @notice Whether `account` was an active agent of `deskId` at `timepoint` (its whole history counts).
    function wasActiveAt(address account, uint32 deskId, uint48 timepoint) external view returns (bool);
    function agentOfHandle(string calldata handle) external view returns (address);
    function reportCount() external view returns (uint256);
    function report(uint256 reportId) external view returns (Report memory);
    function openReports(bytes32 subject) external view returns (uint256);

    /// @notice The ratings contract this registry keeps in sync (see {ISupportRatings-syncAgent}).
    function ratings() external view returns (ISupportRatings);
}
