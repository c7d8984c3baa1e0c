// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {AgentRegistry} from "../../../contracts/agents/AgentRegistry.sol";
import {IAgentRegistry} from "../../../contracts/agents/IAgentRegistry.sol";
import {SupportGovernor} from "../../../contracts/governance/SupportGovernor.sol";
import {PolicyRegistry} from "../../../contracts/policy/PolicyRegistry.sol";
import {IPolicyRegistry} from "../../../contracts/policy/IPolicyRegistry.sol";
import {SupportRatings} from "../../../contracts/ratings/SupportRatings.sol";
import {ISupportRatings} from "../../../contracts/ratings/ISupportRatings.sol";
import {SupportToken} from "../../../contracts/token/SupportToken.sol";
import {Test} from "./Test.sol";
import {vm} from "./Vm.sol";

/// @notice The protocol deployed and wired as `deploy/protocol.ts` does (same settings, same routine
/// list, deployer admin renounced), plus a small world: rating rules and an SLA in force, one desk with an
/// issuer key, an operator and two agents.
abstract contract Fixture is Test {
    // Settings of deploy/protocol.ts DEFAULT_OPTIONS.
    uint256 internal constant SUPPLY = 10_000_000e18;
    uint48 internal constant VOTING_DELAY = 1 hours;
    uint32 internal constant VOTING_PERIOD = 3 days;
    uint256 internal constant PROPOSAL_THRESHOLD = 10_000e18;
    uint48 internal constant LATE_QUORUM_EXTENSION = 1 days;
    uint256 internal constant QUORUM_PERCENT = 4;
    uint256 internal constant CRITICAL_QUORUM_PERCENT = 20;
    uint256 internal constant TIMELOCK_DELAY = 1 days;

    uint48 internal constant START = 1_750_000_000;
    uint32 internal constant RATING_WINDOW = 7 days;
    uint8 internal constant SCALE = 5;
    uint8 internal constant TAG_COUNT = 4;

    uint256 internal constant ISSUER_KEY = 0x1551E5;
    uint256 internal constant AGENT_KEY = 0xA6E17;
    uint256 internal constant AGENT2_KEY = 0xA6E172;
    uint256 internal constant REQUESTER_KEY = 0x5E0E57;
    uint256 internal constant WALLET_OWNER_KEY = 0x3A11E7;

    SupportToken internal token;
    TimelockController internal timelock;
    PolicyRegistry internal policies;
    AgentRegistry internal agents;
    SupportRatings internal ratings;
    SupportGovernor internal governor;

    address internal issuer;
    address internal agent;
    address internal agent2;
    address internal requester;
    address internal operator = address(0x0DE5C);
    address internal guardian = address(0x6A4D);
    address internal stranger = address(0x5714);

    uint32 internal deskId;
    uint256 internal rulesPolicyId;
    uint256 internal slaPolicyId;

    function setUp() public virtual {
        vm.warp(START);
        issuer = vm.addr(ISSUER_KEY);
        agent = vm.addr(AGENT_KEY);
        agent2 = vm.addr(AGENT2_KEY);
        requester = vm.addr(REQUESTER_KEY);
        _deploy();
        _seedWorld();
        // Tickets of the world are opened after the rules and agents exist.
        vm.warp(START + 1 days);
    }

    function _deploy() internal {
        token = new SupportToken(address(this), SUPPLY);
        token.delegate(address(this));
        address[] memory executors = new address[](1); // address(0): anyone may execute
        timelock = new TimelockController(TIMELOCK_DELAY, new address[](0), executors, address(this));
        ISupportRatings predictedRatings =
            ISupportRatings(vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 2));
        policies = new PolicyRegistry(address(timelock), predictedRatings);
        agents = new AgentRegistry(address(timelock), predictedRatings);
        ratings = new SupportRatings(address(timelock), agents, policies);

        (address[] memory targets, bytes[] memory prefixes) = _routineActions();
        governor = new SupportGovernor(IVotes(address(token)), timelock, guardian, _settings(), targets, prefixes);

        timelock.grantRole(timelock.PROPOSER_ROLE(), address(governor));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(governor));
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), address(this));
    }

    function _settings() internal pure returns (SupportGovernor.Settings memory) {
        return SupportGovernor.Settings({
            votingDelay: VOTING_DELAY,
            votingPeriod: VOTING_PERIOD,
            proposalThreshold: PROPOSAL_THRESHOLD,
            lateQuorumExtension: LATE_QUORUM_EXTENSION,
            quorumPercent: QUORUM_PERCENT,
            criticalQuorumPercent: CRITICAL_QUORUM_PERCENT
        });
    }

    /// @dev Mirrors `defaultRoutineActions` of deploy/protocol.ts: everything else is critical.
    function _routineActions() internal view returns (address[] memory targets, bytes[] memory prefixes) {
        targets = new address[](14);
        prefixes = new bytes[](14);
        uint256 n;
        IPolicyRegistry.PolicyKind[4] memory kinds = [
            IPolicyRegistry.PolicyKind.General,
            IPolicyRegistry.PolicyKind.SLA,
            IPolicyRegistry.PolicyKind.Escalation,
            IPolicyRegistry.PolicyKind.RatingRules
        ];
        for (uint256 i = 0; i < kinds.length; ++i) {
            n = _put(targets, prefixes, n, address(policies), _publishPrefix(kinds[i]));
            n = _put(targets, prefixes, n, address(policies), _cancelPrefix(kinds[i]));
        }
        n = _put(targets, prefixes, n, address(agents), abi.encodePacked(IAgentRegistry.suspendAgent.selector));
        n = _put(targets, prefixes, n, address(agents), abi.encodePacked(IAgentRegistry.setIssuer.selector));
        n = _put(targets, prefixes, n, address(agents), abi.encodePacked(IAgentRegistry.setSelfSigning.selector));
        n = _put(targets, prefixes, n, address(agents), abi.encodePacked(IAgentRegistry.resolveReport.selector));
        n = _put(targets, prefixes, n, address(agents), abi.encodePacked(IAgentRegistry.overturnReport.selector));
        n = _put(targets, prefixes, n, address(ratings), abi.encodePacked(ISupportRatings.voidRating.selector));
        require(n == 14, "routine list length");
    }

    function _put(address[] memory targets, bytes[] memory prefixes, uint256 n, address target, bytes memory prefix)
        private
        pure
        returns (uint256)
    {
        (targets[n], prefixes[n]) = (target, prefix);
        return n + 1;
    }

    function _publishPrefix(IPolicyRegistry.PolicyKind kind) internal pure returns (bytes memory) {
        return abi.encodePacked(IPolicyRegistry.publishPolicy.selector, uint256(kind));
    }

    function _cancelPrefix(IPolicyRegistry.PolicyKind kind) internal pure returns (bytes memory) {
        return abi.encodePacked(IPolicyRegistry.cancelScheduledVersion.selector, uint256(kind));
    }

    function _seedWorld() internal {
        vm.startPrank(address(timelock));
        (rulesPolicyId,) = policies.publishPolicy(
            IPolicyRegistry.PolicyKind.RatingRules, 0, 0, _content("Rating rules", "Rate within a week.", _rulesParams(RATING_WINDOW, SCALE, TAG_COUNT))
        );
        (slaPolicyId,) = policies.publishPolicy(
            IPolicyRegistry.PolicyKind.SLA, 0, 0, _content("Service levels", "We answer fast.", abi.encode(_sla()))
        );
        deskId = agents.registerDesk("Acme Wallet Support", true);
        agents.setIssuer(deskId, issuer, true);
        agents.setOperator(deskId, operator, true);
        agents.addAgent(deskId, agent, "alice", IAgentRegistry.AgentKind.Human);
        agents.addAgent(deskId, agent2, "bob", IAgentRegistry.AgentKind.Human);
        vm.stopPrank();
    }

    // ------------------------------------------------------------------ policy content

    /// @dev First response / resolution targets in minutes for Low, Normal, High, Urgent.
    function _sla() internal pure returns (IPolicyRegistry.SlaParams memory sla) {
        sla.firstResponseMinutes = [uint16(240), 60, 30, 15];
        sla.resolutionMinutes = [uint16(2880), 1440, 480, 240];
    }

    function _noCalendar() internal pure returns (IPolicyRegistry.CalendarParams memory cal) {}

    function _rulesParams(uint32 window, uint8 scale, uint256 tagCount) internal pure returns (bytes memory) {
        string[] memory tags = new string[](tagCount);
        for (uint256 i = 0; i < tagCount; ++i) tags[i] = "tag";
        string[] memory categories = new string[](3);
        (categories[0], categories[1], categories[2]) = ("Wallet setup & backup", "Transactions & gas", "Security & phishing");
        return abi.encode(
            IPolicyRegistry.RatingRulesParams({ratingWindow: window, scale: scale, tags: tags, categories: categories})
        );
    }

    function _content(string memory title, string memory text, bytes memory params)
        internal
        pure
        returns (IPolicyRegistry.PolicyContent memory)
    {
        return IPolicyRegistry.PolicyContent({title: title, text: text, uri: "", params: params});
    }

    // ------------------------------------------------------------------ receipts

    /// @dev A valid receipt of `agent` for `requester`: opened two hours ago, answered after ten minutes
    /// and resolved after one hour (within every SLA target of the Normal priority).
    function _receipt(uint64 ticketId) internal view returns (ISupportRatings.Receipt memory r) {
        uint48 opened = _now() - 2 hours;
        r = ISupportRatings.Receipt({
            ticketId: ticketId,
            deskId: deskId,
            agent: agent,
            requester: requester,
            priority: IPolicyRegistry.Priority.Normal,
            category: 2,
            openedAt: opened,
            firstResponseAt: opened + 10 minutes,
            resolvedAt: opened + 1 hours,
            pausedSeconds: 0,
            deadline: _now() + 30 days
        });
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    function _signReceipt(uint256 key, ISupportRatings.Receipt memory r) internal view returns (bytes memory) {
        return _sign(key, ratings.receiptDigest(r));
    }

    function _rate(ISupportRatings.Receipt memory r, uint8 score, uint32 tags) internal returns (bytes32) {
        bytes memory signature = _signReceipt(ISSUER_KEY, r);
        vm.prank(r.requester);
        return ratings.rate(r, signature, issuer, score, tags, "thanks");
    }

    function _receiptHash(ISupportRatings.Receipt memory r) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                keccak256(
                    "ReceiptV2(uint64 ticketId,uint32 deskId,address agent,address requester,uint48 openedAt,"
                    "uint48 firstResponseAt,uint48 resolvedAt,uint48 pausedSeconds,uint48 deadline,uint8 priority,"
                    "uint8 category)"
                ),
                r.ticketId,
                r.deskId,
                r.agent,
                r.requester,
                r.openedAt,
                r.firstResponseAt,
                r.resolvedAt,
                r.pausedSeconds,
                r.deadline,
                r.priority,
                r.category
            )
        );
    }

    // ------------------------------------------------------------------ governance

    function _single(address target, bytes memory data)
        internal
        pure
        returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas)
    {
        targets = new address[](1);
        values = new uint256[](1);
        calldatas = new bytes[](1);
        (targets[0], calldatas[0]) = (target, data);
    }

    /// @dev Proposes one call, votes For with this contract's votes, queues it and waits out the timelock.
    function _passAndQueue(address target, bytes memory data, string memory description)
        internal
        returns (uint256 id, address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash)
    {
        (targets, values, calldatas) = _single(target, data);
        id = governor.propose(targets, values, calldatas, description);
        _skip(VOTING_DELAY + 1);
        governor.castVote(id, 1);
        _skip(VOTING_PERIOD + 1);
        descriptionHash = keccak256(bytes(description));
        governor.queue(targets, values, calldatas, descriptionHash);
        _skip(TIMELOCK_DELAY + 1);
    }

    /// @dev Proposes, passes, queues and executes one call through the DAO.
    function _govern(address target, bytes memory data, string memory description) internal returns (uint256 id) {
        address[] memory targets;
        uint256[] memory values;
        bytes[] memory calldatas;
        bytes32 descriptionHash;
        (id, targets, values, calldatas, descriptionHash) = _passAndQueue(target, data, description);
        governor.execute(targets, values, calldatas, descriptionHash);
    }
}
