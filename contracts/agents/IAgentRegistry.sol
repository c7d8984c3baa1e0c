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

    enum ReportStatus {
        None,
        Open,
        Confirmed,
        Dismissed
    }

    struct Desk {
        uint48 createdAt;
        uint48 removedAt;
        bool selfSigning;
        string name;
    }

    /// @notice An agent. Its tickets count when opened in `[activeFrom, inactiveFrom)` (`inactiveFrom` is 0
    /// while active, else the time of the suspension or removal) and outside its last suspension
    /// `[suspendedFrom, suspendedUntil)`.
    struct Agent {
        uint32 deskId;
        AgentStatus status;
        uint48 activeFrom;
        uint48 inactiveFrom;
        uint48 suspendedFrom;
        uint48 suspendedUntil;
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

    /// @notice A desk was registered.
    event DeskRegistered(uint32 indexed deskId, string name, bool selfSigning);
    /// @notice A desk was removed; its agents are removed and its issuer keys revoked.
    event DeskRemoved(uint32 indexed deskId, uint48 removedAt);
    /// @notice Whether a desk's agents may sign their own receipts changed.
    event DeskSelfSigningSet(uint32 indexed deskId, bool oldSelfSigning, bool newSelfSigning);
    /// @notice An operator was appointed to or dismissed from a desk.
    event OperatorSet(uint32 indexed deskId, address indexed operator, bool enabled, address indexed by);
    /// @notice An issuer key was authorised or revoked for a desk.
    event IssuerSet(uint32 indexed deskId, address indexed issuer, bool enabled, address indexed by);
    /// @notice An agent joined a desk.
    event AgentAdded(uint32 indexed deskId, address indexed agent, string handle, address indexed by);
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

    function registerDesk(string calldata name, bool selfSigning) external returns (uint32 deskId);
    function removeDesk(uint32 deskId) external;
    function setSelfSigning(uint32 deskId, bool selfSigning) external;
    function setOperator(uint32 deskId, address operator, bool enabled) external;
    function setIssuer(uint32 deskId, address issuer, bool enabled) external;
    function addAgent(uint32 deskId, address agent, string calldata handle) external;
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

    /// @notice What `account` is: official, suspended or former agent, reported or confirmed impersonator, or unknown.
    function statusOf(address account) external view returns (Standing);
    /// @notice The same for a handle (case-insensitive).
    function statusOfHandle(string calldata handle) external view returns (Standing);
    /// @notice `keccak256` of the lower-cased handle: the subject of a handle report.
    function handleHash(string calldata handle) external pure returns (bytes32);

    function deskCount() external view returns (uint32);
    function desk(uint32 deskId) external view returns (Desk memory);
    function deskAgents(uint32 deskId) external view returns (address[] memory);
    function deskIssuers(uint32 deskId) external view returns (address[] memory);
    function isOperator(uint32 deskId, address account) external view returns (bool);
    function isIssuer(uint32 deskId, address account) external view returns (bool);
    function agent(address account) external view returns (Agent memory);
    function agentOfHandle(string calldata handle) external view returns (address);
    function reportCount() external view returns (uint256);
    function report(uint256 reportId) external view returns (Report memory);
    function openReports(bytes32 subject) external view returns (uint256);

    /// @notice The ratings contract this registry keeps in sync (see {ISupportRatings-syncAgent}).
    function ratings() external view returns (ISupportRatings);
}
