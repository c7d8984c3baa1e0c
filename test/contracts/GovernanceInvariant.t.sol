// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {SupportGovernor} from "../../contracts/governance/SupportGovernor.sol";
import {IPolicyRegistry} from "../../contracts/policy/IPolicyRegistry.sol";
import {SupportToken} from "../../contracts/token/SupportToken.sol";
import {Fixture} from "./utils/Fixture.sol";
import {vm} from "./utils/Vm.sol";

/// @notice Moves tokens and delegations among holders, moves time and votes on one open proposal.
/// The ghost freezes every holder's voting power the first time it acts after the snapshot: from then on
/// nothing the handler does may change a vote's weight.
contract GovernanceHandler {
    SupportToken internal immutable token;
    SupportGovernor internal immutable governor;
    uint256 public immutable proposalId;
    uint256 internal immutable snapshot;

    address[4] internal holders = [address(0x4001), address(0x4002), address(0x4003), address(0x4004)];
    bool internal frozen;
    mapping(address holder => uint256) internal frozenVotes;
    mapping(address holder => bool) internal voted;
    uint256[3] public ghostVotes; // Against, For, Abstain

    constructor(SupportToken token_, SupportGovernor governor_, uint256 proposalId_) {
        (token, governor, proposalId) = (token_, governor_, proposalId_);
        snapshot = governor_.proposalSnapshot(proposalId_);
    }

    function holder(uint256 i) external view returns (address) {
        return holders[i];
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        _freezeIfPastSnapshot();
        address from = holders[fromSeed % 4];
        uint256 balance = token.balanceOf(from);
        if (balance == 0) return;
        vm.prank(from);
        token.transfer(holders[toSeed % 4], amount % (balance + 1));
    }

    function delegate(uint256 fromSeed, uint256 toSeed) external {
        _freezeIfPastSnapshot();
        vm.prank(holders[fromSeed % 4]);
        token.delegate(holders[toSeed % 4]);
    }

    function vote(uint256 seed, uint8 support) external {
        address voter = holders[seed % 4];
        if (voted[voter] || governor.state(proposalId) != IGovernor.ProposalState.Active) return;
        _freezeIfPastSnapshot();
        support = support % 3;
        voted[voter] = true;
        ghostVotes[support] += frozenVotes[voter];
        vm.prank(voter);
        governor.castVote(proposalId, support);
    }

    function warp(uint256 seconds_) external {
        vm.warp(vm.getBlockTimestamp() + seconds_ % 12 hours);
    }

    /// @dev The handler is the only one moving tokens, so the current votes at the first action after the
    /// snapshot are the votes at the snapshot.
    function _freezeIfPastSnapshot() internal {
        if (frozen || vm.getBlockTimestamp() <= snapshot) return;
        frozen = true;
        for (uint256 i = 0; i < 4; ++i) frozenVotes[holders[i]] = token.getVotes(holders[i]);
    }
}

contract GovernanceInvariantTest is Fixture {
    GovernanceHandler internal handler;

    function setUp() public override {
        super.setUp();
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _single(
            address(policies),
            abi.encodeCall(
                IPolicyRegistry.publishPolicy, (IPolicyRegistry.PolicyKind.General, 0, 0, _content("Conduct", "Be kind.", ""))
            )
        );
        uint256 id = governor.propose(targets, values, calldatas, "conduct");
        handler = new GovernanceHandler(token, governor, id);
        for (uint256 i = 0; i < 4; ++i) {
            address h = handler.holder(i);
            token.transfer(h, (i + 1) * 100_000e18);
            if (i % 2 == 0) {
                vm.prank(h);
                token.delegate(h);
            }
        }
        targetContract(address(handler));
    }

    function invariant_tokenAndGovernorClocksAgree() public view {
        assertEq(governor.clock(), token.clock(), "clock");
        assertEq(governor.clock(), uint48(block.timestamp), "clock is the timestamp");
        assertEq(governor.CLOCK_MODE(), token.CLOCK_MODE(), "clock mode");
    }

    function invariant_votesCountedAtSnapshot() public view {
        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(handler.proposalId());
        assertEq(against, handler.ghostVotes(0), "against");
        assertEq(forVotes, handler.ghostVotes(1), "for");
        assertEq(abstain, handler.ghostVotes(2), "abstain");
    }
}
