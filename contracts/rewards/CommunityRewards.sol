// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {DaoOwned} from "../access/DaoOwned.sol";
import {IAgentRegistry} from "../agents/IAgentRegistry.sol";
import {ICommunityRewards} from "./ICommunityRewards.sol";
import {RewardVault} from "./RewardVault.sol";

/// @title CommunityRewards
/// @notice See {ICommunityRewards}. Owned by the DAO's timelock (its treasury) from deployment.
contract CommunityRewards is ICommunityRewards, DaoOwned {
    using SafeERC20 for IERC20;

    /// @dev Claims stay open at most a year: unclaimed funds do not sit outside the treasury for longer.
    uint48 private constant _MAX_CLAIM_PERIOD = 365 days;

    IAgentRegistry private immutable _agentRegistry;
    /// @dev What every epoch's vault is a clone of.
    address private immutable _vaultImplementation;

    uint32 private _epochCount;
    mapping(uint32 epochId => Epoch) private _epochs;

    constructor(address timelock, IAgentRegistry agentRegistry_) DaoOwned(timelock) {
        _agentRegistry = agentRegistry_;
        _vaultImplementation = address(new RewardVault());
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
        address vault = Clones.cloneWithImmutableArgs(
            _vaultImplementation, abi.encode(address(this), token, root, claimDeadline, epochId)
        );
        _epochs[epochId] = Epoch({
            token: token,
            claimDeadline: claimDeadline,
            vault: vault,
            budget: budget,
            root: root,
            total: total
        });
        emit EpochPublished(epochId, token, vault, budget, total, root, claimDeadline, formula);
        token.safeTransferFrom(msg.sender, vault, budget);
    }

    /// @inheritdoc ICommunityRewards
    function claim(uint32 epochId, uint256 index, address account, uint96 amount, bytes32[] calldata proof) external {
        RewardVault(_existingEpoch(epochId).vault).claim(index, account, amount, proof);
    }

    /// @inheritdoc ICommunityRewards
    function sweep(uint32 epochId) external {
        RewardVault(_existingEpoch(epochId).vault).sweep();
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
    function remaining(uint32 epochId) external view returns (uint256) {
        Epoch storage e = _existingEpoch(epochId);
        return e.token.balanceOf(e.vault);
    }

    /// @inheritdoc ICommunityRewards
    function isClaimed(uint32 epochId, uint256 index) external view returns (bool) {
        return RewardVault(_existingEpoch(epochId).vault).isClaimed(index);
    }

    function _existingEpoch(uint32 epochId) private view returns (Epoch storage e) {
        e = _epochs[epochId];
        if (e.vault == address(0)) revert RewardsUnknownEpoch(epochId);
    }
}
