// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";
import {ICommunityRewards} from "../../contracts/rewards/ICommunityRewards.sol";
import {CommunityRewards} from "../../contracts/rewards/CommunityRewards.sol";
import {SupportToken} from "../../contracts/token/SupportToken.sol";
import {Fixture} from "./utils/Fixture.sol";
import {vm} from "./utils/Vm.sol";

/// @notice An eight-leaf tree of OpenZeppelin's standard leaves `(index, account, amount)`, built here so
/// the tests can give a root any leaves — including leaves that add up to more than the budget.
abstract contract RewardTree {
    uint256 internal constant LEAVES = 8;

    function _leaf(uint256 index, address account, uint256 amount) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(index, account, amount))));
    }

    function _levels(bytes32[8] memory leaves) internal pure returns (bytes32[4] memory l1, bytes32[2] memory l2, bytes32 root) {
        for (uint256 i = 0; i < 4; ++i) l1[i] = Hashes.commutativeKeccak256(leaves[2 * i], leaves[2 * i + 1]);
        for (uint256 i = 0; i < 2; ++i) l2[i] = Hashes.commutativeKeccak256(l1[2 * i], l1[2 * i + 1]);
        root = Hashes.commutativeKeccak256(l2[0], l2[1]);
    }

    function _root(bytes32[8] memory leaves) internal pure returns (bytes32 root) {
        (,, root) = _levels(leaves);
    }

    function _proof(bytes32[8] memory leaves, uint256 index) internal pure returns (bytes32[] memory proof) {
        (bytes32[4] memory l1, bytes32[2] memory l2,) = _levels(leaves);
        proof = new bytes32[](3);
        proof[0] = leaves[index ^ 1];
        proof[1] = l1[(index >> 1) ^ 1];
        proof[2] = l2[(index >> 2) ^ 1];
    }
}

contract CommunityRewardsTest is Fixture, RewardTree {
    CommunityRewards internal rewards;
    uint32 internal communityDesk;
    uint96 internal constant BUDGET = 1_000e18;
    uint48 internal deadline;

    address[8] internal helpers;
    uint96[8] internal amounts = [uint96(300e18), 200e18, 150e18, 100e18, 80e18, 70e18, 50e18, 30e18]; // 980e18
    bytes32[8] internal leaves;

    function setUp() public override {
        super.setUp();
        rewards = new CommunityRewards(address(timelock), agents);
        vm.prank(address(timelock));
        communityDesk = agents.registerCommunityDesk("Wallet Helpers");
        token.transfer(address(timelock), 100_000e18);
        vm.roll(1_000);
        deadline = _now() + 30 days;
        for (uint256 i = 0; i < LEAVES; ++i) {
            helpers[i] = address(uint160(0xC0FFEE00 + i));
            leaves[i] = _leaf(i, helpers[i], amounts[i]);
        }
    }

    /// @dev The address of the next vault clone (CREATE from the rewards contract: its nonce).
    function _nextVault() internal view returns (address) {
        return vm.computeCreateAddress(address(rewards), vm.getNonce(address(rewards)));
    }

    function _vault(uint32 epochId) internal view returns (address) {
        return rewards.epoch(epochId).vault;
    }

    function _formula() internal view returns (ICommunityRewards.Formula memory) {
        return ICommunityRewards.Formula({
            deskId: communityDesk,
            fromBlock: 10,
            toBlock: 900,
            asOfBlock: 990,
            minScore: 4,
            minRatings: 2,
            capPerHelper: 300e18
        });
    }

    function _publish(uint96 budget, uint96 total, bytes32 root) internal returns (uint32 epochId) {
        vm.startPrank(address(timelock));
        token.approve(address(rewards), budget);
        epochId = rewards.publishEpoch(IERC20(address(token)), budget, total, root, deadline, _formula());
        vm.stopPrank();
    }

    function _claim(uint32 epochId, uint256 i) internal {
        rewards.claim(epochId, i, helpers[i], amounts[i], _proof(leaves, i));
    }

    // ------------------------------------------------------------------ publish

    function test_publish_pullsTheBudgetAndEmitsTheFormula() public {
        uint256 treasury = token.balanceOf(address(timelock));
        bytes32 root = _root(leaves);
        vm.startPrank(address(timelock));
        token.approve(address(rewards), BUDGET);
        vm.expectEmit(address(rewards));
        emit ICommunityRewards.EpochPublished(
            1, IERC20(address(token)), _nextVault(), BUDGET, 980e18, root, deadline, _formula()
        );
        rewards.publishEpoch(IERC20(address(token)), BUDGET, 980e18, root, deadline, _formula());
        vm.stopPrank();
        ICommunityRewards.Epoch memory e = rewards.epoch(1);
        assertEq(token.balanceOf(e.vault), BUDGET, "funded: the epoch's own vault");
        assertEq(token.balanceOf(address(rewards)), 0, "nothing pooled");
        assertEq(token.balanceOf(address(timelock)), treasury - BUDGET, "from the treasury");
        assertEq(rewards.remaining(1), BUDGET, "remaining");
        assertEq(e.root, root, "root");
        assertEq(e.claimDeadline, deadline, "deadline");
        assertEq(rewards.epochCount(), 1, "count");
    }

    function test_publish_revertsWhenTheTotalExceedsTheBudget() public {
        vm.startPrank(address(timelock));
        token.approve(address(rewards), BUDGET);
        vm.expectRevert(abi.encodeWithSelector(ICommunityRewards.RewardsTotalExceedsBudget.selector, BUDGET + 1, BUDGET));
        rewards.publishEpoch(IERC20(address(token)), BUDGET, BUDGET + 1, _root(leaves), deadline, _formula());
        vm.stopPrank();
    }

    function test_publish_revertsForAnOrdinaryDeskAWindowNotPastOrAStranger() public {
        ICommunityRewards.Formula memory f = _formula();
        f.deskId = deskId;
        vm.startPrank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(ICommunityRewards.RewardsNotCommunityDesk.selector, deskId));
        rewards.publishEpoch(IERC20(address(token)), BUDGET, 1, bytes32(uint256(1)), deadline, f);
        f = _formula();
        f.asOfBlock = 1_000;
        vm.expectRevert(abi.encodeWithSelector(ICommunityRewards.RewardsInvalidWindow.selector, 10, 900, 1_000, 1_000));
        rewards.publishEpoch(IERC20(address(token)), BUDGET, 1, bytes32(uint256(1)), deadline, f);
        vm.expectRevert(abi.encodeWithSelector(ICommunityRewards.RewardsInvalidDeadline.selector, _now(), _now(), _now() + 365 days));
        rewards.publishEpoch(IERC20(address(token)), BUDGET, 1, bytes32(uint256(1)), _now(), _formula());
        vm.stopPrank();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        rewards.publishEpoch(IERC20(address(token)), BUDGET, 1, bytes32(uint256(1)), deadline, _formula());
    }

    // ------------------------------------------------------------------ claim

    function test_claim_paysTheLeafOnceToItsAccount() public {
        uint32 epochId = _publish(BUDGET, 980e18, _root(leaves));
        vm.prank(stranger); // anyone may submit a claim; the reward goes to the leaf's account
        vm.expectEmit(_vault(epochId));
        emit ICommunityRewards.RewardClaimed(epochId, 2, helpers[2], amounts[2]);
        rewards.claim(epochId, 2, helpers[2], amounts[2], _proof(leaves, 2));
        assertEq(token.balanceOf(helpers[2]), amounts[2], "paid");
        assertEq(token.balanceOf(stranger), 0, "not to the submitter");
        assertTrue(rewards.isClaimed(epochId, 2), "claimed bit");
        assertEq(rewards.remaining(epochId), BUDGET - amounts[2], "remaining");

        vm.expectRevert(abi.encodeWithSelector(ICommunityRewards.RewardsAlreadyClaimed.selector, epochId, 2));
        rewards.claim(epochId, 2, helpers[2], amounts[2], _proof(leaves, 2));
    }

    function test_claim_revertsOnAWrongProofAmountOrAccount() public {
        uint32 epochId = _publish(BUDGET, 980e18, _root(leaves));
        bytes32[] memory proof = _proof(leaves, 3);
        vm.expectRevert(abi.encodeWithSelector(ICommunityRewards.RewardsInvalidProof.selector, epochId, 3, helpers[3], amounts[3] + 1));
        rewards.claim(epochId, 3, helpers[3], amounts[3] + 1, proof);
        vm.expectRevert(abi.encodeWithSelector(ICommunityRewards.RewardsInvalidProof.selector, epochId, 3, stranger, amounts[3]));
        rewards.claim(epochId, 3, stranger, amounts[3], proof);
        vm.expectRevert(abi.encodeWithSelector(ICommunityRewards.RewardsInvalidProof.selector, epochId, 3, helpers[3], amounts[3]));
        rewards.claim(epochId, 3, helpers[3], amounts[3], _proof(leaves, 4));
        vm.expectRevert(abi.encodeWithSelector(ICommunityRewards.RewardsUnknownEpoch.selector, 9));
        rewards.claim(9, 3, helpers[3], amounts[3], proof);
    }

    function test_claim_revertsAfterTheDeadlineAndTheRestReturnsToTheTreasury() public {
        uint32 epochId = _publish(BUDGET, 980e18, _root(leaves));
        _claim(epochId, 0);
        vm.expectRevert(abi.encodeWithSelector(ICommunityRewards.RewardsClaimOpen.selector, epochId, deadline));
        rewards.sweep(epochId);

        vm.warp(deadline);
        vm.expectRevert(abi.encodeWithSelector(ICommunityRewards.RewardsClaimClosed.selector, epochId, deadline, deadline));
        _claim(epochId, 1);
        uint256 treasury = token.balanceOf(address(timelock));
        vm.expectEmit(_vault(epochId));
        emit ICommunityRewards.EpochSwept(epochId, address(timelock), BUDGET - amounts[0]);
        rewards.sweep(epochId);
        assertEq(token.balanceOf(address(timelock)), treasury + BUDGET - amounts[0], "returned");
        assertEq(token.balanceOf(_vault(epochId)), 0, "nothing left behind");
        rewards.sweep(epochId); // a second sweep moves nothing
        assertEq(token.balanceOf(address(timelock)), treasury + BUDGET - amounts[0], "once");
    }

    /// @notice A root whose leaves add up to more than the budget (a wrong or malicious computation) still
    /// pays at most the budget: the epoch draws on its own balance, never on another epoch's.
    function test_claim_aLyingRootCannotDrainAnotherEpoch() public {
        uint32 honest = _publish(BUDGET, 980e18, _root(leaves));
        uint32 lying = _publish(400e18, 400e18, _root(leaves)); // the same leaves: 980e18 owed, 400e18 funded
        _claim(lying, 0); // 300e18
        vm.expectRevert(abi.encodeWithSelector(ICommunityRewards.RewardsBudgetExhausted.selector, lying, amounts[1], 100e18));
        _claim(lying, 1);
        for (uint256 i = 0; i < LEAVES; ++i) _claim(honest, i);
        assertEq(token.balanceOf(_vault(honest)), BUDGET - 980e18, "the honest epoch paid its own leaves");
        assertEq(token.balanceOf(_vault(lying)), 100e18, "the lying epoch kept what it could not pay");
    }

    /// @notice Any subset of claims, in any order, against any leaves: never more than the budget leaves.
    function testFuzz_anyClaimsInAnyOrderNeverPayMoreThanTheBudget(uint96[8] memory fuzzAmounts, uint96 budget, uint256 order, uint8 subset)
        public
    {
        budget = uint96(bound(budget, 1, 10_000e18));
        for (uint256 i = 0; i < LEAVES; ++i) {
            amounts[i] = uint96(bound(fuzzAmounts[i], 0, 5_000e18));
            leaves[i] = _leaf(i, helpers[i], amounts[i]);
        }
        uint32 epochId = _publish(budget, budget, _root(leaves));
        uint256 paid;
        for (uint256 k = 0; k < LEAVES; ++k) {
            uint256 i = (k + order % LEAVES) % LEAVES;
            if (subset & (1 << i) == 0) continue;
            uint256 remaining = rewards.remaining(epochId);
            if (amounts[i] > remaining) {
                vm.expectRevert(abi.encodeWithSelector(ICommunityRewards.RewardsBudgetExhausted.selector, epochId, amounts[i], remaining));
                _claim(epochId, i);
                continue;
            }
            _claim(epochId, i);
            paid += amounts[i];
            vm.expectRevert(abi.encodeWithSelector(ICommunityRewards.RewardsAlreadyClaimed.selector, epochId, i));
            _claim(epochId, i);
        }
        assertTrue(paid <= budget, "never more than the budget");
        assertEq(token.balanceOf(_vault(epochId)), budget - paid, "the rest stays in the epoch");
    }
}

/// @notice Random claims (right or wrong, repeated, for two epochs) by random senders.
contract RewardsHandler is RewardTree {
    CommunityRewards internal immutable rewards;
    address[8] internal helpers;
    uint96[8] internal amounts;
    bytes32[8] internal leaves;
    mapping(uint32 epochId => uint256) public paid;

    constructor(CommunityRewards rewards_, address[8] memory helpers_, uint96[8] memory amounts_) {
        rewards = rewards_;
        helpers = helpers_;
        amounts = amounts_;
        for (uint256 i = 0; i < LEAVES; ++i) leaves[i] = _leaf(i, helpers[i], amounts[i]);
    }

    function claim(uint8 epochSeed, uint8 index, bool tamper) external {
        uint32 epochId = uint32(1 + epochSeed % 2);
        uint256 i = index % LEAVES;
        uint96 amount = tamper ? amounts[i] * 2 + 1 : amounts[i];
        try rewards.claim(epochId, i, helpers[i], amount, _proof(leaves, i)) {
            paid[epochId] += amount;
        } catch {}
    }
}

contract CommunityRewardsInvariantTest is Fixture, RewardTree {
    CommunityRewards internal rewards;
    RewardsHandler internal handler;
    IERC20 internal reward;
    uint96 internal constant BUDGET_1 = 1_000e18;
    uint96 internal constant BUDGET_2 = 500e18; // less than its leaves add up to (980e18)

    function setUp() public override {
        super.setUp();
        rewards = new CommunityRewards(address(timelock), agents);
        reward = IERC20(address(new SupportToken(address(timelock), 10_000e18)));
        vm.prank(address(timelock));
        uint32 community = agents.registerCommunityDesk("Wallet Helpers");
        vm.roll(1_000);
        address[8] memory helpers;
        uint96[8] memory amounts = [uint96(300e18), 200e18, 150e18, 100e18, 80e18, 70e18, 50e18, 30e18];
        bytes32[8] memory leaves;
        for (uint256 i = 0; i < LEAVES; ++i) {
            helpers[i] = address(uint160(0xBEEF00 + i));
            leaves[i] = _leaf(i, helpers[i], amounts[i]);
        }
        ICommunityRewards.Formula memory f = ICommunityRewards.Formula(community, 1, 2, 3, 4, 1, 300e18);
        vm.startPrank(address(timelock));
        reward.approve(address(rewards), BUDGET_1 + BUDGET_2);
        rewards.publishEpoch(reward, BUDGET_1, 980e18, _root(leaves), _now() + 30 days, f);
        rewards.publishEpoch(reward, BUDGET_2, BUDGET_2, _root(leaves), _now() + 30 days, f);
        vm.stopPrank();
        handler = new RewardsHandler(rewards, helpers, amounts);
        targetContract(address(handler));
    }

    function invariant_noEpochEverPaysMoreThanItsBudget() public view {
        assertTrue(handler.paid(1) <= BUDGET_1, "epoch 1 within budget");
        assertTrue(handler.paid(2) <= BUDGET_2, "epoch 2 within budget");
        assertEq(rewards.remaining(1), BUDGET_1 - handler.paid(1), "epoch 1 accounting");
        assertEq(rewards.remaining(2), BUDGET_2 - handler.paid(2), "epoch 2 accounting");
    }
}
