// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ICommunityRewards} from "./ICommunityRewards.sol";

/// @title RewardVault
/// @notice One reward epoch's budget and claims (see {ICommunityRewards}). Each epoch is a clone of this
/// contract created by {CommunityRewards-publishEpoch}, whose code carries the epoch's constants (the
/// rewards contract, token, root, deadline and id): a claim reads no storage but its bitmap word, and pays
/// from this vault's own balance — the epoch's budget and nothing else.
contract RewardVault {
    using SafeERC20 for IERC20;

    /// @dev One bit per leaf index.
    mapping(uint256 word => uint256 bits) private _claimed;

    /// @notice Pays leaf `(index, account, amount)` of the epoch's tree to `account` (anyone may submit it).
    function claim(uint256 index, address account, uint96 amount, bytes32[] calldata proof) public {
        (, IERC20 token, bytes32 root, uint48 deadline, uint32 epochId) = _epoch();
        if (block.timestamp >= deadline) revert ICommunityRewards.RewardsClaimClosed(epochId, deadline, uint48(block.timestamp));
        uint256 bit = 1 << (index & 0xff);
        uint256 word = _claimed[index >> 8];
        if (word & bit != 0) revert ICommunityRewards.RewardsAlreadyClaimed(epochId, index);
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(index, account, uint256(amount)))));
        if (!MerkleProof.verifyCalldata(proof, root, leaf)) {
            revert ICommunityRewards.RewardsInvalidProof(epochId, index, account, amount);
        }
        _claimed[index >> 8] = word | bit;
        emit ICommunityRewards.RewardClaimed(epochId, index, account, amount);
        if (!token.trySafeTransfer(account, amount)) {
            uint256 left = token.balanceOf(address(this));
            if (left < amount) revert ICommunityRewards.RewardsBudgetExhausted(epochId, amount, left);
            revert SafeERC20.SafeERC20FailedOperation(address(token));
        }
    }

    /// @notice After the deadline, returns the vault's balance to the rewards contract's owner (anyone may call).
    function sweep() external {
        (address rewards, IERC20 token,, uint48 deadline, uint32 epochId) = _epoch();
        if (block.timestamp < deadline) revert ICommunityRewards.RewardsClaimOpen(epochId, deadline);
        address treasury = Ownable(rewards).owner();
        uint256 amount = token.balanceOf(address(this));
        emit ICommunityRewards.EpochSwept(epochId, treasury, amount);
        token.safeTransfer(treasury, amount);
    }

    function isClaimed(uint256 index) external view returns (bool) {
        return _claimed[index >> 8] & (1 << (index & 0xff)) != 0;
    }

    /// @notice The epoch's constants, from this clone's code (ABI-encoded by {CommunityRewards-publishEpoch}).
    function _epoch()
        private
        view
        returns (address rewards, IERC20 token, bytes32 root, uint48 deadline, uint32 epochId)
    {
        return abi.decode(Clones.fetchCloneArgs(address(this)), (address, IERC20, bytes32, uint48, uint32));
    }
}
