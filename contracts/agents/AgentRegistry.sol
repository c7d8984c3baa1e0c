// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {DaoOwned} from "../access/DaoOwned.sol";
import {ISupportRatings} from "../ratings/ISupportRatings.sol";
import {IAgentRegistry} from "./IAgentRegistry.sol";

/// @title AgentRegistry
/// @notice See {IAgentRegistry}. Owned by the DAO's timelock from deployment.
/// @dev Two of its state variables are the handle book (`_handles`, `_skeletonOwner`): one record per concern.
// solhint-disable-next-line max-states-count
contract AgentRegistry is IAgentRegistry, DaoOwned {
    using EnumerableSet for EnumerableSet.AddressSet;

    /// @dev Bounds the work of {removeDesk}, which revokes every issuer key of the desk.
    uint256 private constant _MAX_ISSUERS_PER_DESK = 16;
    /// @dev Report spam is bounded per reporter (and each report costs its reporter a transaction).
    uint256 private constant _MAX_OPEN_REPORTS_PER_REPORTER = 3;
    /// @dev Handle bounds: at most 31 bytes, so a handle and its skeleton each fit in one word.
    uint256 private constant _MIN_HANDLE_LENGTH = 3;
    uint256 private constant _MAX_HANDLE_LENGTH = 31;

    ISupportRatings private immutable _ratings;

    uint32 private _deskCount;
    mapping(uint32 deskId => Desk) private _desks;
    mapping(uint32 deskId => address[]) private _deskAgents;
    mapping(uint32 deskId => EnumerableSet.AddressSet) private _issuers;
    mapping(uint32 deskId => mapping(address account => bool)) private _operators;
    mapping(address account => Agent) private _agents;
    mapping(address account => Suspension[]) private _suspensions;
    /// @dev How many desks `account` is an issuer key or operator of: such protocol addresses cannot be branded.
    mapping(address account => uint256) private _roleCount;
    mapping(bytes32 handleHash => address agent) private _handleOwner;
    mapping(address agent => string) private _handles;
    /// @dev The agent holding each confusable skeleton (see {skeletonOf}): one handle per look-alike class.
    mapping(bytes32 skeleton => address agent) private _skeletonOwner;

    uint256 private _reportCount;
    mapping(uint256 reportId => Report) private _reports;
    mapping(bytes32 subject => uint256) private _openReports;
    /// @dev The number of standing (not overturned) confirmations of a subject.
    mapping(bytes32 subject => uint256) private _confirmations;
    mapping(bytes32 subject => mapping(address reporter => uint256 reportId)) private _openReportOf;
    mapping(address reporter => uint256) private _openReportsBy;

    modifier onlyDeskManager(uint32 deskId) {
        _checkDeskManager(deskId);
        _;
    }

    /// @param ratings_ The ratings contract whose mirror this registry keeps (deployed right after it).
    constructor(address timelock, ISupportRatings ratings_) DaoOwned(timelock) {
        _ratings = ratings_;
    }

    // ---------------------------------------------------------------- desks (owner)

    /// @inheritdoc IAgentRegistry
    function registerDesk(string calldata name, bool selfSigning) external onlyOwner returns (uint32 deskId) {
        deskId = _registerDesk(name, selfSigning, false);
    }

    /// @inheritdoc IAgentRegistry
    function registerCommunityDesk(string calldata name) external onlyOwner returns (uint32 deskId) {
        deskId = _registerDesk(name, true, true);
        emit CommunityDeskRegistered(deskId);
    }

    function _registerDesk(string calldata name, bool selfSigning, bool community) private returns (uint32 deskId) {
        if (bytes(name).length == 0) revert AgentRegistryEmptyName();
        deskId = ++_deskCount;
        _desks[deskId] = Desk({
            createdAt: Time.timestamp(),
            removedAt: 0,
            selfSigning: selfSigning,
            community: community,
            name: name
        });
        if (selfSigning) _ratings.syncSelfSigning(deskId, true);
        emit DeskRegistered(deskId, name, selfSigning);
    }

    /// @inheritdoc IAgentRegistry
    /// @dev Bounded work whatever the desk's size: agents are not visited (an agent of a removed desk reads as
    /// removed from `removedAt`, see {_effective}), operators lose their powers through {_checkDeskManager},
    /// and at most {_MAX_ISSUERS_PER_DESK} issuer keys are revoked, so no receipt of the desk verifies.
    function removeDesk(uint32 deskId) external onlyOwner {
        Desk storage d = _liveDesk(deskId);
        uint48 now_ = Time.timestamp();
        d.removedAt = now_;
        EnumerableSet.AddressSet storage issuers = _issuers[deskId];
        while (issuers.length() != 0) {
            address issuer = issuers.at(issuers.length() - 1);
            issuers.remove(issuer);
            --_roleCount[issuer];
            _ratings.syncIssuer(deskId, issuer, false);
            emit IssuerSet(deskId, issuer, false, msg.sender);
        }
        if (d.selfSigning) _ratings.syncSelfSigning(deskId, false);
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
        if (_operators[deskId][operator] != enabled) {
            if (enabled) ++_roleCount[operator];
            else --_roleCount[operator];
        }
        _operators[deskId][operator] = enabled;
    }

    // ---------------------------------------------------------------- desks (owner or operator)

    /// @inheritdoc IAgentRegistry
    function setIssuer(uint32 deskId, address issuer, bool enabled) external onlyDeskManager(deskId) {
        _liveDesk(deskId);
        if (issuer == address(0)) revert AgentRegistryZeroAddress();
        EnumerableSet.AddressSet storage issuers = _issuers[deskId];
        if (enabled && !issuers.contains(issuer)) {
            if (issuers.length() >= _MAX_ISSUERS_PER_DESK) revert AgentRegistryTooManyIssuers(deskId, _MAX_ISSUERS_PER_DESK);
            issuers.add(issuer);
            ++_roleCount[issuer];
        } else if (!enabled && issuers.remove(issuer)) {
            --_roleCount[issuer];
        }
        emit IssuerSet(deskId, issuer, enabled, msg.sender);
        _ratings.syncIssuer(deskId, issuer, enabled);
    }

    /// @inheritdoc IAgentRegistry
    function addAgent(uint32 deskId, address account, string calldata handle, AgentKind kind)
        external
        onlyDeskManager(deskId)
    {
        if (_liveDesk(deskId).community != (kind == AgentKind.CommunityHelper)) {
            revert AgentRegistryKindNotAllowed(deskId, kind);
        }
        if (account == address(0)) revert AgentRegistryZeroAddress();
        bytes32 skeleton = _skeleton(handle, true);
        Agent storage a = _agents[account];
        if (a.status != AgentStatus.None) revert AgentRegistryAgentExists(account, a.deskId);
        bytes32 hash = keccak256(bytes(handle));
        if (_handleOwner[hash] != address(0)) revert AgentRegistryHandleTaken(hash, _handleOwner[hash]);
        address lookAlike = _skeletonOwner[skeleton];
        if (lookAlike != address(0)) {
            revert AgentRegistryHandleLookAlike(hash, keccak256(bytes(_handles[lookAlike])), lookAlike);
        }
        _checkOnboardable(_addressSubject(account));
        _checkOnboardable(hash);

        uint48 now_ = Time.timestamp();
        _agents[account] = Agent({
            deskId: deskId,
            status: AgentStatus.Active,
            activeFrom: now_,
            inactiveFrom: 0,
            suspendedByOwner: false,
            suspensionCount: 0,
            kind: kind
        });
        _ratings.syncAgent(account, deskId, now_);
        _handleOwner[hash] = account;
        _handles[account] = handle;
        _skeletonOwner[skeleton] = account;
        _deskAgents[deskId].push(account);
        emit AgentAdded(deskId, account, handle, msg.sender, kind);
    }

    /// @inheritdoc IAgentRegistry
    function suspendAgent(address account, string calldata reason) external {
        _changeAgent(account, AgentStatus.Active, AgentStatus.Suspended, reason);
    }

    /// @inheritdoc IAgentRegistry
    /// @dev An operator cannot undo the DAO: a suspension the DAO made is lifted only by the DAO.
    function reinstateAgent(address account, string calldata reason) external {
        if (_agents[account].suspendedByOwner && msg.sender != owner()) revert AgentRegistrySuspendedByOwner(account);
        _changeAgent(account, AgentStatus.Suspended, AgentStatus.Active, reason);
    }

    /// @inheritdoc IAgentRegistry
    function removeAgent(address account, string calldata reason) external {
        AgentStatus status = _effective(_agents[account]).status;
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
        _checkReportable(subject);
        uint256 open = _openReportOf[subject][msg.sender];
        if (open != 0) revert AgentRegistryDuplicateReport(subject, msg.sender, open);
        if (_openReportsBy[msg.sender] >= _MAX_OPEN_REPORTS_PER_REPORTER) {
            revert AgentRegistryTooManyOpenReports(msg.sender, _MAX_OPEN_REPORTS_PER_REPORTER);
        }

        reportId = ++_reportCount;
        _reports[reportId] = Report({
            subject: subject,
            reporter: msg.sender,
            deskId: deskId,
            status: ReportStatus.Open,
            createdAt: Time.timestamp()
        });
        _openReportOf[subject][msg.sender] = reportId;
        ++_openReportsBy[msg.sender];
        ++_openReports[subject];
        emit ImpersonatorReported(reportId, subject, deskId, msg.sender, evidence);
    }

    /// @inheritdoc IAgentRegistry
    function resolveReport(uint256 reportId, bool confirmed) external {
        Report storage r = _reports[reportId];
        if (r.status == ReportStatus.None) revert AgentRegistryUnknownReport(reportId);
        _checkDeskManager(r.deskId);
        if (r.status != ReportStatus.Open) revert AgentRegistryReportClosed(reportId, r.status);
        bytes32 subject = r.subject;
        // The subject may have become an agent or a protocol address since it was reported.
        if (confirmed) _checkReportable(subject);
        ReportStatus status = confirmed ? ReportStatus.Confirmed : ReportStatus.Dismissed;
        r.status = status;
        --_openReports[subject];
        --_openReportsBy[r.reporter];
        delete _openReportOf[subject][r.reporter];
        if (confirmed) ++_confirmations[subject];
        emit ReportResolved(reportId, subject, r.deskId, status, msg.sender);
    }

    /// @inheritdoc IAgentRegistry
    function overturnReport(uint256 reportId, string calldata reason) external onlyOwner {
        Report storage r = _reports[reportId];
        if (r.status == ReportStatus.None) revert AgentRegistryUnknownReport(reportId);
        if (r.status != ReportStatus.Confirmed) revert AgentRegistryReportClosed(reportId, r.status);
        if (bytes(reason).length == 0) revert AgentRegistryEmptyEvidence();
        r.status = ReportStatus.Overturned;
        --_confirmations[r.subject];
        emit ReportOverturned(reportId, r.subject, r.deskId, reason);
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
    function handleOf(address account) external view returns (string memory) {
        return _handles[account];
    }

    /// @inheritdoc IAgentRegistry
    function skeletonOf(string calldata handle) external pure returns (bytes32) {
        return _skeleton(handle, false);
    }

    /// @inheritdoc IAgentRegistry
    function lookAlikeOf(string calldata handle) external view returns (address lookAlike, string memory lookAlikeHandle) {
        lookAlike = _skeletonOwner[_skeleton(handle, false)];
        lookAlikeHandle = _handles[lookAlike];
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
        return _operators[deskId][account] && _desks[deskId].removedAt == 0;
    }

    /// @inheritdoc IAgentRegistry
    function isIssuer(uint32 deskId, address account) external view returns (bool) {
        return _issuers[deskId].contains(account);
    }

    /// @inheritdoc IAgentRegistry
    function agent(address account) external view returns (Agent memory) {
        return _effective(_agents[account]);
    }

    /// @inheritdoc IAgentRegistry
    function suspensions(address account) external view returns (Suspension[] memory) {
        return _suspensions[account];
    }

    /// @inheritdoc IAgentRegistry
    /// @dev O(log n) in the agent's lifted suspensions: they are ordered and disjoint.
    function wasActiveAt(address account, uint32 deskId, uint48 timepoint) external view returns (bool) {
        Agent memory a = _effective(_agents[account]);
        if (a.deskId != deskId || a.activeFrom == 0 || timepoint < a.activeFrom) return false;
        if (a.inactiveFrom != 0 && timepoint >= a.inactiveFrom) return false;
        Suspension[] storage past = _suspensions[account];
        (uint256 low, uint256 high) = (0, past.length);
        while (low < high) {
            uint256 mid = (low + high) / 2;
            if (past[mid].until <= timepoint) low = mid + 1;
            else high = mid;
        }
        // `low` is the first suspension lifted after `timepoint`: the only one that can contain it.
        return low == past.length || timepoint < past[low].from;
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
        _liveDesk(a.deskId);
        if (a.status != from) revert AgentRegistryInvalidAgentStatus(account, a.status);
        uint48 now_ = Time.timestamp();
        if (to == AgentStatus.Active) {
            // Reinstated: tickets opened during the suspension stay unratable, whatever follows.
            _suspensions[account].push(Suspension({from: a.inactiveFrom, until: now_}));
            ++a.suspensionCount;
            (a.inactiveFrom, a.suspendedByOwner) = (0, false);
            _ratings.syncAgent(account, a.deskId, now_);
        } else {
            if (from == AgentStatus.Active) {
                a.inactiveFrom = now_;
                _ratings.syncAgent(account, a.deskId, 0);
            }
            a.suspendedByOwner = to == AgentStatus.Suspended && msg.sender == owner();
        }
        a.status = to;
        emit AgentStatusChanged(a.deskId, account, from, to, msg.sender, reason);
    }

    /// @dev The record in effect: an active or suspended agent of a removed desk is removed from the removal.
    function _effective(Agent memory a) private view returns (Agent memory) {
        if (a.status == AgentStatus.Active || a.status == AgentStatus.Suspended) {
            uint48 removedAt = _desks[a.deskId].removedAt;
            if (removedAt != 0) {
                if (a.status == AgentStatus.Active) a.inactiveFrom = removedAt;
                a.status = AgentStatus.Removed;
            }
        }
        return a;
    }

    function _standing(address agentAddress, bytes32 subject) private view returns (Standing) {
        if (agentAddress != address(0)) {
            AgentStatus status = _effective(_agents[agentAddress]).status;
            if (status == AgentStatus.Active) return Standing.OfficialAgent;
            if (status == AgentStatus.Suspended) return Standing.SuspendedAgent;
            if (status == AgentStatus.Removed) return Standing.FormerAgent;
        }
        if (_confirmations[subject] != 0) return Standing.ConfirmedImpersonator;
        if (_openReports[subject] != 0) return Standing.ReportedImpersonator;
        return Standing.Unknown;
    }

    /// @dev Agents (suspend them instead) and protocol addresses are never branded impersonators.
    function _checkReportable(bytes32 subject) private view {
        address agentAddress = _agentOfSubject(subject);
        if (agentAddress != address(0)) revert AgentRegistrySubjectIsAgent(subject, agentAddress);
        if (uint256(subject) >> 160 == 0) {
            address account = address(uint160(uint256(subject)));
            if (
                account == owner() || account == address(this) || account == address(_ratings)
                    || account == address(_ratings.policyRegistry()) || _roleCount[account] != 0
            ) revert AgentRegistryProtectedSubject(subject);
        }
    }

    /// @dev A confirmed impersonator never becomes an agent (the DAO may overturn a wrong confirmation first);
    /// a reported one only through the DAO.
    function _checkOnboardable(bytes32 subject) private view {
        if (_confirmations[subject] != 0) revert AgentRegistryConfirmedImpersonator(subject);
        uint256 open = _openReports[subject];
        if (open != 0 && msg.sender != owner()) revert AgentRegistrySubjectReported(subject, open);
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

    /// @dev Operators act only on their own desk, and only while it exists.
    function _checkDeskManager(uint32 deskId) private view {
        if (msg.sender == owner()) return;
        if (!_operators[deskId][msg.sender] || _desks[deskId].removedAt != 0) {
            revert AgentRegistryUnauthorized(msg.sender, deskId);
        }
    }

    function _addressSubject(address account) private pure returns (bytes32) {
        return bytes32(uint256(uint160(account)));
    }

    /// @dev Lookups are forgiving: ASCII case is folded and one leading at sign dropped (registered handles are
    /// lower-case without an at sign, so `keccak256` of the registered handle is its hash).
    function _handleHash(string calldata handle) private pure returns (bytes32) {
        bytes memory lower = bytes(_withoutAt(handle));
        for (uint256 i = 0; i < lower.length; ++i) {
            bytes1 c = lower[i];
            if (c >= "A" && c <= "Z") lower[i] = bytes1(uint8(c) + 32);
        }
        return keccak256(lower);
    }

    function _withoutAt(string calldata handle) private pure returns (string calldata) {
        return bytes(handle).length != 0 && bytes(handle)[0] == "@" ? handle[1:] : handle;
    }

    /**
     * @dev The confusable skeleton of a handle, packed left-aligned in one word (handles are at most 31 bytes,
     * and no skeleton byte is zero, so the packing is exact). The contract checks the charset itself, then folds
     * what a reader cannot tell apart in a chat window (after Unicode TR39's confusables, restricted to the
     * charset): separators carry no identity and are dropped ("maya.ledgerly" = "maya_ledgerly" = "mayaledgerly");
     * `0` reads as `o`, `1` and `i` as `l`, `5` as `s`; `rn` reads as `m`, `vv` as `w`, `cl` as `d`.
     * With `strict` (registration) the handle must be canonical: lower-case, no at sign, starting and ending with a
     * letter or digit. Lookups fold ASCII case and drop one leading at sign first.
     */
    function _skeleton(string calldata handle, bool strict) private pure returns (bytes32 skeleton) {
        bytes calldata h = bytes(strict ? handle : _withoutAt(handle));
        uint256 length = h.length;
        if (length < _MIN_HANDLE_LENGTH || length > _MAX_HANDLE_LENGTH) {
            revert AgentRegistryHandleLength(length, _MIN_HANDLE_LENGTH, _MAX_HANDLE_LENGTH);
        }
        uint256 n;
        for (uint256 i = 0; i < length; ++i) {
            bytes1 c = h[i];
            if (!strict && c >= "A" && c <= "Z") c = bytes1(uint8(c) + 32);
            bool separator = c == "." || c == "_" || c == "-";
            bool alphanumeric = (c >= "a" && c <= "z") || (c >= "0" && c <= "9");
            if (!alphanumeric && !(separator && i != 0 && i != length - 1)) revert AgentRegistryHandleCharacter(i, c);
            if (separator) continue;
            if (c == "0") c = "o";
            else if (c == "1" || c == "i") c = "l";
            else if (c == "5") c = "s";
            if (n != 0) {
                bytes1 pair = _pairFold(skeleton[n - 1], c);
                if (pair != 0) {
                    // Replace the previous byte: clear it, then write the folded one.
                    uint256 shift = 8 * (31 - (n - 1));
                    skeleton = (skeleton & ~bytes32(uint256(0xff) << shift)) | bytes32(uint256(uint8(pair)) << shift);
                    continue;
                }
            }
            skeleton |= bytes32(c) >> (8 * n);
            ++n;
        }
    }

    /// @dev Two letters that read as one: `rn` → `m`, `vv` → `w`, `cl` → `d` (0 when they do not).
    function _pairFold(bytes1 first, bytes1 second) private pure returns (bytes1) {
        if (first == "r" && second == "n") return "m";
        if (first == "v" && second == "v") return "w";
        if (first == "c" && second == "l") return "d";
        return 0;
    }
}
