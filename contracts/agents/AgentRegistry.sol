// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {ISupportRatings} from "../ratings/ISupportRatings.sol";
import {IAgentRegistry} from "./IAgentRegistry.sol";

/// @title AgentRegistry
/// @notice See {IAgentRegistry}. Owned by the DAO's timelock from deployment.
contract AgentRegistry is IAgentRegistry, Ownable {
    using EnumerableSet for EnumerableSet.AddressSet;

    ISupportRatings private immutable _ratings;

    uint32 private _deskCount;
    mapping(uint32 deskId => Desk) private _desks;
    mapping(uint32 deskId => address[]) private _deskAgents;
    mapping(uint32 deskId => EnumerableSet.AddressSet) private _issuers;
    mapping(uint32 deskId => mapping(address account => bool)) private _operators;
    mapping(address account => Agent) private _agents;
    mapping(bytes32 handleHash => address agent) private _handleOwner;

    uint256 private _reportCount;
    mapping(uint256 reportId => Report) private _reports;
    mapping(bytes32 subject => uint256) private _openReports;
    mapping(bytes32 subject => bool) private _confirmed;
    mapping(bytes32 subject => mapping(address reporter => uint256 reportId)) private _openReportOf;

    modifier onlyDeskManager(uint32 deskId) {
        _checkDeskManager(deskId);
        _;
    }

    /// @param ratings_ The ratings contract whose mirror this registry keeps (deployed right after it).
    constructor(address timelock, ISupportRatings ratings_) Ownable(timelock) {
        _ratings = ratings_;
    }

    // ---------------------------------------------------------------- desks (owner)

    /// @inheritdoc IAgentRegistry
    function registerDesk(string calldata name, bool selfSigning) external onlyOwner returns (uint32 deskId) {
        if (bytes(name).length == 0) revert AgentRegistryEmptyName();
        deskId = ++_deskCount;
        _desks[deskId] = Desk({createdAt: Time.timestamp(), removedAt: 0, selfSigning: selfSigning, name: name});
        if (selfSigning) _ratings.syncSelfSigning(deskId, true);
        emit DeskRegistered(deskId, name, selfSigning);
    }

    /// @inheritdoc IAgentRegistry
    /// @dev Removes every agent and revokes every issuer key of the desk, so no receipt of it verifies.
    function removeDesk(uint32 deskId) external onlyOwner {
        Desk storage d = _liveDesk(deskId);
        uint48 now_ = Time.timestamp();
        d.removedAt = now_;
        address[] storage agents = _deskAgents[deskId];
        for (uint256 i = 0; i < agents.length; ++i) {
            if (_agents[agents[i]].status != AgentStatus.Removed) _setStatus(agents[i], AgentStatus.Removed, "desk removed");
        }
        EnumerableSet.AddressSet storage issuers = _issuers[deskId];
        while (issuers.length() != 0) {
            address issuer = issuers.at(issuers.length() - 1);
            issuers.remove(issuer);
            _ratings.syncIssuer(deskId, issuer, false);
            emit IssuerSet(deskId, issuer, false, msg.sender);
        }
        emit DeskRemoved(deskId, now_);
    }

    /// @inheritdoc IAgentRegistry
    function setSelfSigning(uint32 deskId, bool selfSigning) external onlyOwner {
        Desk storage d = _liveDesk(deskId);
        emit DeskSelfSigningSet(deskId, d.selfSigning, selfSigning);
        d.selfSigning = selfSigning;
        _ratings.syncSelfSigning(deskId, selfSigning);
    }

    /// @inheritdoc IAgentRegistry
    function setOperator(uint32 deskId, address operator, bool enabled) external onlyOwner {
        _liveDesk(deskId);
        if (operator == address(0)) revert AgentRegistryZeroAddress();
        emit OperatorSet(deskId, operator, enabled, msg.sender);
        _operators[deskId][operator] = enabled;
    }

    // ---------------------------------------------------------------- desks (owner or operator)

    /// @inheritdoc IAgentRegistry
    function setIssuer(uint32 deskId, address issuer, bool enabled) external onlyDeskManager(deskId) {
        _liveDesk(deskId);
        if (issuer == address(0)) revert AgentRegistryZeroAddress();
        emit IssuerSet(deskId, issuer, enabled, msg.sender);
        if (enabled) _issuers[deskId].add(issuer);
        else _issuers[deskId].remove(issuer);
        _ratings.syncIssuer(deskId, issuer, enabled);
    }

    /// @inheritdoc IAgentRegistry
    function addAgent(uint32 deskId, address account, string calldata handle) external onlyDeskManager(deskId) {
        _liveDesk(deskId);
        if (account == address(0)) revert AgentRegistryZeroAddress();
        if (bytes(handle).length == 0) revert AgentRegistryEmptyName();
        Agent storage a = _agents[account];
        if (a.status != AgentStatus.None) revert AgentRegistryAgentExists(account, a.deskId);
        bytes32 subject = _addressSubject(account);
        if (_confirmed[subject]) revert AgentRegistryConfirmedImpersonator(subject);
        bytes32 hash = _handleHash(handle);
        if (_handleOwner[hash] != address(0)) revert AgentRegistryHandleTaken(hash, _handleOwner[hash]);
        if (_confirmed[hash]) revert AgentRegistryConfirmedImpersonator(hash);

        _agents[account] = Agent({
            deskId: deskId,
            status: AgentStatus.Active,
            activeFrom: Time.timestamp(),
            inactiveFrom: 0,
            suspendedFrom: 0,
            suspendedUntil: 0
        });
        _ratings.syncAgent(account, _agents[account]);
        _handleOwner[hash] = account;
        _deskAgents[deskId].push(account);
        emit AgentAdded(deskId, account, handle, msg.sender);
    }

    /// @inheritdoc IAgentRegistry
    function suspendAgent(address account, string calldata reason) external {
        _changeAgent(account, AgentStatus.Active, AgentStatus.Suspended, reason);
    }

    /// @inheritdoc IAgentRegistry
    function reinstateAgent(address account, string calldata reason) external {
        _changeAgent(account, AgentStatus.Suspended, AgentStatus.Active, reason);
    }

    /// @inheritdoc IAgentRegistry
    function removeAgent(address account, string calldata reason) external {
        AgentStatus status = _agents[account].status;
        if (status == AgentStatus.Removed) revert AgentRegistryInvalidAgentStatus(account, status);
        _changeAgent(account, status, AgentStatus.Removed, reason);
    }

    // ---------------------------------------------------------------- impersonator reports

    /// @inheritdoc IAgentRegistry
    function reportImpersonator(bytes32 subject, uint32 deskId, string calldata evidence)
        external
        returns (uint256 reportId)
    {
        _liveDesk(deskId);
        if (bytes(evidence).length == 0) revert AgentRegistryEmptyEvidence();
        address agentAddress = _agentOfSubject(subject);
        if (agentAddress != address(0)) revert AgentRegistrySubjectIsAgent(subject, agentAddress);
        uint256 open = _openReportOf[subject][msg.sender];
        if (open != 0) revert AgentRegistryDuplicateReport(subject, msg.sender, open);

        reportId = ++_reportCount;
        _reports[reportId] = Report({
            subject: subject,
            reporter: msg.sender,
            deskId: deskId,
            status: ReportStatus.Open,
            createdAt: Time.timestamp()
        });
        _openReportOf[subject][msg.sender] = reportId;
        ++_openReports[subject];
        emit ImpersonatorReported(reportId, subject, deskId, msg.sender, evidence);
    }

    /// @inheritdoc IAgentRegistry
    function resolveReport(uint256 reportId, bool confirmed) external {
        Report storage r = _reports[reportId];
        if (r.status == ReportStatus.None) revert AgentRegistryUnknownReport(reportId);
        _checkDeskManager(r.deskId);
        if (r.status != ReportStatus.Open) revert AgentRegistryReportClosed(reportId, r.status);
        ReportStatus status = confirmed ? ReportStatus.Confirmed : ReportStatus.Dismissed;
        r.status = status;
        --_openReports[r.subject];
        delete _openReportOf[r.subject][r.reporter];
        if (confirmed) _confirmed[r.subject] = true;
        emit ReportResolved(reportId, r.subject, r.deskId, status, msg.sender);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IAgentRegistry
    function statusOf(address account) external view returns (Standing) {
        return _standing(account, _addressSubject(account));
    }

    /// @inheritdoc IAgentRegistry
    function statusOfHandle(string calldata handle) external view returns (Standing) {
        bytes32 hash = _handleHash(handle);
        return _standing(_handleOwner[hash], hash);
    }

    /// @inheritdoc IAgentRegistry
    function handleHash(string calldata handle) external pure returns (bytes32) {
        return _handleHash(handle);
    }

    /// @inheritdoc IAgentRegistry
    function deskCount() external view returns (uint32) {
        return _deskCount;
    }

    /// @inheritdoc IAgentRegistry
    function desk(uint32 deskId) external view returns (Desk memory) {
        Desk memory d = _desks[deskId];
        if (d.createdAt == 0) revert AgentRegistryUnknownDesk(deskId);
        return d;
    }

    /// @inheritdoc IAgentRegistry
    function deskAgents(uint32 deskId) external view returns (address[] memory) {
        return _deskAgents[deskId];
    }

    /// @inheritdoc IAgentRegistry
    function deskIssuers(uint32 deskId) external view returns (address[] memory) {
        return _issuers[deskId].values();
    }

    /// @inheritdoc IAgentRegistry
    function isOperator(uint32 deskId, address account) external view returns (bool) {
        return _operators[deskId][account];
    }

    /// @inheritdoc IAgentRegistry
    function isIssuer(uint32 deskId, address account) external view returns (bool) {
        return _issuers[deskId].contains(account);
    }

    /// @inheritdoc IAgentRegistry
    function agent(address account) external view returns (Agent memory) {
        return _agents[account];
    }

    /// @inheritdoc IAgentRegistry
    function agentOfHandle(string calldata handle) external view returns (address) {
        return _handleOwner[_handleHash(handle)];
    }

    /// @inheritdoc IAgentRegistry
    function reportCount() external view returns (uint256) {
        return _reportCount;
    }

    /// @inheritdoc IAgentRegistry
    function report(uint256 reportId) external view returns (Report memory) {
        Report memory r = _reports[reportId];
        if (r.status == ReportStatus.None) revert AgentRegistryUnknownReport(reportId);
        return r;
    }

    /// @inheritdoc IAgentRegistry
    function openReports(bytes32 subject) external view returns (uint256) {
        return _openReports[subject];
    }

    /// @inheritdoc IAgentRegistry
    function ratings() external view returns (ISupportRatings) {
        return _ratings;
    }

    // ---------------------------------------------------------------- internals

    function _changeAgent(address account, AgentStatus from, AgentStatus to, string calldata reason) private {
        Agent storage a = _agents[account];
        if (a.status == AgentStatus.None) revert AgentRegistryUnknownAgent(account);
        _checkDeskManager(a.deskId);
        if (a.status != from) revert AgentRegistryInvalidAgentStatus(account, a.status);
        _setStatus(account, to, reason);
    }

    function _setStatus(address account, AgentStatus to, string memory reason) private {
        Agent storage a = _agents[account];
        AgentStatus from = a.status;
        uint48 now_ = Time.timestamp();
        if (to == AgentStatus.Active) {
            // Reinstated: tickets opened during the suspension stay unratable.
            (a.suspendedFrom, a.suspendedUntil, a.inactiveFrom) = (a.inactiveFrom, now_, 0);
        } else if (from == AgentStatus.Active) {
            a.inactiveFrom = now_;
        }
        a.status = to;
        _ratings.syncAgent(account, a);
        emit AgentStatusChanged(a.deskId, account, from, to, msg.sender, reason);
    }

    function _standing(address agentAddress, bytes32 subject) private view returns (Standing) {
        AgentStatus status = _agents[agentAddress].status;
        if (agentAddress != address(0) && status != AgentStatus.None) {
            if (status == AgentStatus.Active) return Standing.OfficialAgent;
            if (status == AgentStatus.Suspended) return Standing.SuspendedAgent;
            return Standing.FormerAgent;
        }
        if (_confirmed[subject]) return Standing.ConfirmedImpersonator;
        if (_openReports[subject] != 0) return Standing.ReportedImpersonator;
        return Standing.Unknown;
    }

    /// @dev The agent a subject names: an address that is an agent, or a handle an agent holds.
    function _agentOfSubject(bytes32 subject) private view returns (address) {
        address handleOwner = _handleOwner[subject];
        if (handleOwner != address(0)) return handleOwner;
        if (uint256(subject) >> 160 == 0) {
            address account = address(uint160(uint256(subject)));
            if (_agents[account].status != AgentStatus.None) return account;
        }
        return address(0);
    }

    function _liveDesk(uint32 deskId) private view returns (Desk storage d) {
        d = _desks[deskId];
        if (d.createdAt == 0) revert AgentRegistryUnknownDesk(deskId);
        if (d.removedAt != 0) revert AgentRegistryDeskRemoved(deskId, d.removedAt);
    }

    function _checkDeskManager(uint32 deskId) private view {
        if (msg.sender != owner() && !_operators[deskId][msg.sender]) {
            revert AgentRegistryUnauthorized(msg.sender, deskId);
        }
    }

    function _addressSubject(address account) private pure returns (bytes32) {
        return bytes32(uint256(uint160(account)));
    }

    /// @dev Handles are compared case-insensitively (ASCII): `keccak256` of the lower-cased bytes.
    function _handleHash(string calldata handle) private pure returns (bytes32) {
        bytes memory lower = bytes(handle);
        for (uint256 i = 0; i < lower.length; ++i) {
            bytes1 c = lower[i];
            if (c >= "A" && c <= "Z") lower[i] = bytes1(uint8(c) + 32);
        }
        return keccak256(lower);
    }
}
