// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {AgentRegistry} from "../../contracts/agents/AgentRegistry.sol";
import {SupportGovernor} from "../../contracts/governance/SupportGovernor.sol";
import {IPolicyRegistry} from "../../contracts/policy/IPolicyRegistry.sol";
import {PolicyRegistry} from "../../contracts/policy/PolicyRegistry.sol";
import {SupportRatings} from "../../contracts/ratings/SupportRatings.sol";
import {Fixture} from "./utils/Fixture.sol";
import {vm} from "./utils/Vm.sol";

/// @notice Calls every owner-only (and governance-only) function from random senders that are not the
/// timelock, with random arguments, and records whether any call went through.
contract AccessHandler {
    PolicyRegistry internal immutable policies;
    AgentRegistry internal immutable agents;
    SupportRatings internal immutable ratings;
    SupportGovernor internal immutable governor;
    TimelockController internal immutable timelock;

    bool public unauthorizedSucceeded;
    uint256 public calls;

    constructor(PolicyRegistry p, AgentRegistry a, SupportRatings r, SupportGovernor g, TimelockController t) {
        (policies, agents, ratings, governor, timelock) = (p, a, r, g, t);
    }

    function _sender(uint256 seed) internal view returns (address sender) {
        sender = address(uint160(seed));
        if (sender == address(timelock) || sender == address(0)) sender = address(0xDEAD);
    }

    function _record(bool success) internal {
        ++calls;
        if (success) unauthorizedSucceeded = true;
    }

    function publishPolicy(uint256 seed, uint8 kind, uint256 policyId, string calldata text) external {
        IPolicyRegistry.PolicyContent memory c = IPolicyRegistry.PolicyContent("t", bytes(text).length == 0 ? "x" : text, "", "");
        vm.prank(_sender(seed));
        try policies.publishPolicy(IPolicyRegistry.PolicyKind(kind % 6), policyId % 4, 0, c) {
            _record(true);
        } catch {
            _record(false);
        }
    }

    function retirePolicy(uint256 seed, uint256 policyId) external {
        vm.prank(_sender(seed));
        try policies.retirePolicy(policyId % 4) {
            _record(true);
        } catch {
            _record(false);
        }
    }

    function registerDesk(uint256 seed, bool selfSigning) external {
        vm.prank(_sender(seed));
        try agents.registerDesk("rogue desk", selfSigning) {
            _record(true);
        } catch {
            _record(false);
        }
    }

    function removeDesk(uint256 seed, uint32 deskId) external {
        vm.prank(_sender(seed));
        try agents.removeDesk(deskId % 3) {
            _record(true);
        } catch {
            _record(false);
        }
    }

    function setSelfSigning(uint256 seed, uint32 deskId, bool on) external {
        vm.prank(_sender(seed));
        try agents.setSelfSigning(deskId % 3, on) {
            _record(true);
        } catch {
            _record(false);
        }
    }

    function setOperator(uint256 seed, uint32 deskId, address operator, bool on) external {
        address sender = _sender(seed);
        vm.prank(sender);
        try agents.setOperator(deskId % 3, operator == address(0) ? sender : operator, on) {
            _record(true);
        } catch {
            _record(false);
        }
    }

    function voidRating(uint256 seed, bytes32 ratingId) external {
        vm.prank(_sender(seed));
        try ratings.voidRating(ratingId, "x") {
            _record(true);
        } catch {
            _record(false);
        }
    }

    function transferOwnership(uint256 seed, uint8 which) external {
        address sender = _sender(seed);
        vm.prank(sender);
        (bool success,) = [address(policies), address(agents), address(ratings)][which % 3].call(
            abi.encodeWithSignature("transferOwnership(address)", sender)
        );
        _record(success);
    }

    function governorSetter(uint256 seed, uint8 which, uint256 value) external {
        bytes[8] memory data = [
            abi.encodeWithSignature("setVotingDelay(uint48)", uint48(value)),
            abi.encodeWithSignature("setVotingPeriod(uint32)", uint32(value % 1e6 + 1)),
            abi.encodeWithSignature("setProposalThreshold(uint256)", value),
            abi.encodeWithSignature("updateQuorumNumerator(uint256)", value % 101),
            abi.encodeWithSignature("setLateQuorumVoteExtension(uint48)", uint48(value)),
            abi.encodeWithSignature("setProposalGuardian(address)", address(uint160(value))),
            abi.encodeWithSignature("setCriticalQuorumNumerator(uint256)", value % 101),
            abi.encodeWithSignature("setRoutineAction(address,bytes,bool)", address(uint160(value)), hex"01020304", true)
        ];
        vm.prank(_sender(seed));
        (bool success,) = address(governor).call(data[which % 8]);
        _record(success);
    }

    function timelockAdmin(uint256 seed, uint8 which, uint256 value) external {
        address sender = _sender(seed);
        bytes memory data = which % 2 == 0
            ? abi.encodeWithSignature("updateDelay(uint256)", value % 30 days)
            : abi.encodeWithSignature("grantRole(bytes32,address)", timelock.PROPOSER_ROLE(), sender);
        vm.prank(sender);
        (bool success,) = address(timelock).call(data);
        _record(success);
    }
}

contract AccessInvariantTest is Fixture {
    AccessHandler internal handler;
    bytes32 internal initialState;

    function setUp() public override {
        super.setUp();
        _rate(_receipt(1), 4, 0); // a rating to (fail to) void
        handler = new AccessHandler(policies, agents, ratings, governor, timelock);
        targetContract(address(handler));
        initialState = _fingerprint();
    }

    /// @dev Everything only the timelock may change: policies, rating terms, desks, operators, ratings,
    /// ownership, governor parameters and the critical list, timelock delay and roles.
    function _fingerprint() internal view returns (bytes32) {
        bytes32 ratingId = ratings.ratingIdOf(deskId, 1);
        return keccak256(
            abi.encode(
                abi.encode(
                    policies.policyCount(),
                    policies.ratingTermsCount(),
                    policies.policy(slaPolicyId).retiredAt,
                    policies.policy(rulesPolicyId).retiredAt,
                    agents.deskCount(),
                    agents.desk(deskId),
                    ratings.rating(ratingId).voided,
                    ratings.agentStats(agent).count
                ),
                abi.encode(
                    policies.owner(),
                    agents.owner(),
                    ratings.owner(),
                    governor.votingDelay(),
                    governor.votingPeriod(),
                    governor.proposalThreshold(),
                    governor.quorumNumerator(),
                    governor.lateQuorumVoteExtension(),
                    governor.proposalGuardian(),
                    governor.criticalQuorumNumerator(),
                    timelock.getMinDelay()
                )
            )
        );
    }

    function invariant_onlyTimelockChangesPoliciesAndParameters() public view {
        assertFalse(handler.unauthorizedSucceeded(), "a non-timelock sender changed protected state");
        assertEq(_fingerprint(), initialState, "protected state changed");
        assertFalse(agents.isOperator(1, address(0xDEAD)), "no self-appointed operator");
        assertFalse(timelock.hasRole(timelock.PROPOSER_ROLE(), address(0xDEAD)), "no self-granted proposer");
    }
}
