// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title DaoOwned
/// @notice `Ownable` whose ownership can move (a critical proposal) but never be renounced: a contract
/// without an owner would freeze what only the DAO may do (desks, policies, voids) forever.
abstract contract DaoOwned is Ownable {
    /// @notice Renouncing the DAO's ownership is refused.
    /// @param owner The owner that stays.
    error DaoOwnedRenounceRefused(address owner);

    constructor(address timelock) Ownable(timelock) {}

    /// @notice Always reverts with {DaoOwnedRenounceRefused} (after the owner check).
    function renounceOwnership() public view override onlyOwner {
        revert DaoOwnedRenounceRefused(owner());
    }
}
