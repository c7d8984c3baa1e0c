// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title ICommunityRewards
/// @notice Reward epochs of a community desk: the DAO funds an epoch with a budget of an ERC-20 from its
/// treasury and publishes, by proposal, the Merkle root of what each helper earned under the epoch's
/// formula; helpers claim with a proof until the deadline; what is left then returns to the treasury.
/// @dev The formula and its inputs travel in {EpochPublished}, so anyone recomputes the root from the
/// chain's events (`npm run audit` does, and fails on a difference). A leaf is OpenZeppelin's standard
/// Merkle-tree leaf of `(uint256 index, address account, uint256 amount)`. Each epoch's budget sits in a vault
/// of its own (a clone of {RewardVault} carrying the token, root and deadline in its code), which is where
/// claims are paid from: whatever the root says, an epoch never pays out more than its budget, and never
/// another epoch's funds. Claim at the vault (cheapest) or through {claim} here.
interface ICommunityRewards {
    /// @notice How an epoch's rewards are computed from its ratings (the audit's `rewardsOf` in the SDK):
    /// a helper's points are the distinct requesters whose rating of them, rated in blocks
    /// `[fromBlock, toBlock]` on desk `deskId` and not voided by block `asOfBlock`, scored at least
    /// `minScore`; helpers with fewer than `minRatings` such non-voided ratings (any score) earn nothing;
    /// the rest share the budget by points, each capped at `capPerHelper` (rounded down; what the caps and
    /// rounding leave stays unallocated and returns to the treasury).
    struct Formula {
        uint32 deskId;
        uint64 fromBlock;
        uint64 toBlock;
        uint64 asOfBlock;
        uint8 minScore;
        uint16 minRatings;
        uint96 capPerHelper;
    }

    /// @notice An epoch. Its unclaimed budget is the vault's balance of `token` ({remaining}).
    struct Epoch {
        IERC20 token;
        uint48 claimDeadline;
        address vault;
        uint96 budget;
        bytes32 root;
        uint96 total;
    }

    event EpochPublished(
        uint32 indexed epochId,
        IERC20 indexed token,
        address vault,
        uint96 budget,
        uint96 total,
        bytes32 root,
        uint48 claimDeadline,
        Formula formula
    );
    /// @notice Emitted by the epoch's vault.
    event RewardClaimed(uint32 indexed epochId, uint256 index, address indexed account, uint96 amount);
    /// @notice Emitted by the epoch's vault: what was left returned to `treasury` (the owner) after the deadline.
    event EpochSwept(uint32 indexed epochId, address treasury, uint256 amount);

    error RewardsUnknownEpoch(uint32 epochId);
    /// @notice The root's total exceeds the epoch's budget.
    error RewardsTotalExceedsBudget(uint96 total, uint96 budget);
    error RewardsEmptyBudget();
    error RewardsEmptyRoot();
    /// @notice The claim deadline must be after `currentTime` and at most `maxDeadline`.
    error RewardsInvalidDeadline(uint48 claimDeadline, uint48 currentTime, uint48 maxDeadline);
    /// @notice The window must be ordered (`fromBlock ≤ toBlock ≤ asOfBlock`) and in the past (`< currentBlock`).
    error RewardsInvalidWindow(uint64 fromBlock, uint64 toBlock, uint64 asOfBlock, uint256 currentBlock);
    /// @notice Rewards are for a community desk; `deskId` is not one.
    error RewardsNotCommunityDesk(uint32 deskId);
    /// @notice `minScore` must be at least 1.
    error RewardsInvalidMinScore(uint8 minScore);
    error RewardsInvalidProof(uint32 epochId, uint256 index, address account, uint96 amount);
    error RewardsAlreadyClaimed(uint32 epochId, uint256 index);
    /// @notice The epoch's claims closed at `claimDeadline`.
    error RewardsClaimClosed(uint32 epochId, uint48 claimDeadline, uint48 currentTime);
    /// @notice The epoch cannot pay `amount`: only `remaining` of its budget is left.
    error RewardsBudgetExhausted(uint32 epochId, uint96 amount, uint256 remaining);
    /// @notice The epoch's claims are open until `claimDeadline`: it cannot be swept before.
    error RewardsClaimOpen(uint32 epochId, uint48 claimDeadline);

    /// @notice Funds and publishes an epoch (owner only): pulls `budget` of `token` from the owner (approve
    /// it in the same proposal).
    function publishEpoch(
        IERC20 token,
        uint96 budget,
        uint96 total,
        bytes32 root,
        uint48 claimDeadline,
        Formula calldata formula
    ) external returns (uint32 epochId);
    /// @notice Pays leaf `(index, account, amount)` of the epoch's tree to `account` (anyone may submit it).
    function claim(uint32 epochId, uint256 index, address account, uint96 amount, bytes32[] calldata proof) external;
    /// @notice After the deadline, returns what is left of the epoch to the treasury (anyone may call).
    function sweep(uint32 epochId) external;

    function epochCount() external view returns (uint32);
    function epoch(uint32 epochId) external view returns (Epoch memory);
    /// @notice The epoch's budget not yet claimed or swept (its vault's balance).
    function remaining(uint32 epochId) external view returns (uint256);
    function isClaimed(uint32 epochId, uint256 index) external view returns (bool);
}
