// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {DaoOwned} from "../access/DaoOwned.sol";
import {IAgentRegistry} from "../agents/IAgentRegistry.sol";
import {ICommunityRewards} from "./ICommunityRewards.sol";

/// @title CommunityRewards
/// @notice See {ICommunityRewards}. Owned by the DAO's timelock (its treasury) from deployment.
contract CommunityRewards is ICommunityRewards, DaoOwned {
    using SafeERC20 for IERC20;

    /// @dev Claims stay open at most a year: unclaimed funds do not sit outside the treasury for longer.
    uint48 private constant _MAX_CLAIM_PERIOD = 365 days;

    IAgentRegistry private immutable _agentRegistry;

    uint32 private _epochCount;
    mapping(uint32 epochId => Epoch) private _epochs;
    /// @dev One bit per leaf index: a claim flips a bit in a word other claims of the epoch already use.
    mapping(uint32 epochId => mapping(uint256 word => uint256 bits)) private _claimed;

    constructor(address timelock, IAgentRegistry agentRegistry_) DaoOwned(timelock) {
        _agentRegistry = agentRegistry_;
    }

    /// @inheritdoc ICommunityRewards
    function publishEpoch(
        IERC20 token,
        uint96 budget,
        uint96 total,
        bytes32 root,
        uint48 claimDeadline,
        Formula calldata formula
    ) external onlyOwner returns (uint32 epochId) {
        if (budget == 0) revert RewardsEmptyBudget();
        if (total > budget) revert RewardsTotalExceedsBudget(total, budget);
        if (root == bytes32(0)) revert RewardsEmptyRoot();
        uint48 now_ = Time.timestamp();
        if (claimDeadline <= now_ || claimDeadline > now_ + _MAX_CLAIM_PERIOD) {
            revert RewardsInvalidDeadline(claimDeadline, now_, now_ + _MAX_CLAIM_PERIOD);
        }
        if (formula.fromBlock > formula.toBlock || formula.toBlock > formula.asOfBlock || formula.asOfBlock >= block.number) {
            revert RewardsInvalidWindow(formula.fromBlock, formula.toBlock, formula.asOfBlock, block.number);
        }
        if (!_agentRegistry.desk(formula.deskId).community) revert RewardsNotCommunityDesk(formula.deskId);
        if (formula.minScore == 0) revert RewardsInvalidMinScore(formula.minScore);

        epochId = ++_epochCount;
        _epochs[epochId] = Epoch({
            token: token,
            remaining: budget,
            root: root,
            claimDeadline: claimDeadline,
            budget: budget,
            total: total
        });
        emit EpochPublished(epochId, token, budget, total, root, claimDeadline, formula);
        token.safeTransferFrom(msg.sender, address(this), budget);
    }

    /// @inheritdoc ICommunityRewards
    function claim(uint32 epochId, uint256 index, address account, uint96 amount, bytes32[] calldata proof) external {
        Epoch storage e = _epochs[epochId];
        bytes32 root = e.root;
        if (root == bytes32(0)) revert RewardsUnknownEpoch(epochId);
        uint48 now_ = Time.timestamp();
        if (now_ >= e.claimDeadline) revert RewardsClaimClosed(epochId, e.claimDeadline, now_);

        mapping(uint256 => uint256) storage claimed = _claimed[epochId];
        uint256 bit = 1 << (index & 0xff);
        uint256 word = claimed[index >> 8];
        if (word & bit != 0) revert RewardsAlreadyClaimed(epochId, index);
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(index, account, uint256(amount)))));
        if (!MerkleProof.verifyCalldata(proof, root, leaf)) revert RewardsInvalidProof(epochId, index, account, amount);
        claimed[index >> 8] = word | bit;

        uint96 remaining = e.remaining;
        if (amount > remaining) revert RewardsBudgetExhausted(epochId, amount, remaining);
        unchecked {
            e.remaining = remaining - amount;
        }
        emit RewardClaimed(epochId, index, account, amount);
        e.token.safeTransfer(account, amount);
    }

    /// @inheritdoc ICommunityRewards
    function sweep(uint32 epochId) external {
        Epoch storage e = _existingEpoch(epochId);
        if (Time.timestamp() < e.claimDeadline) revert RewardsClaimOpen(epochId, e.claimDeadline);
        uint96 amount = e.remaining;
        e.remaining = 0;
        address treasury = owner();
        emit EpochSwept(epochId, treasury, amount);
        if (amount != 0) e.token.safeTransfer(treasury, amount);
    }

    /// @inheritdoc ICommunityRewards
    function epochCount() external view returns (uint32) {
        return _epochCount;
    }

    /// @inheritdoc ICommunityRewards
    function epoch(uint32 epochId) external view returns (Epoch memory) {
        return _existingEpoch(epochId);
    }

    /// @inheritdoc ICommunityRewards
    function isClaimed(uint32 epochId, uint256 index) external view returns (bool) {
        return _claimed[epochId][index >> 8] & (1 << (index & 0xff)) != 0;
    }

    function _existingEpoch(uint32 epochId) private view returns (Epoch storage e) {
        e = _epochs[epochId];
        if (e.root == bytes32(0)) revert RewardsUnknownEpoch(epochId);
    }
}
