// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

/// @title SupportToken
/// @notice The governance token of the Support Quality Protocol: ERC20Votes on a timestamp clock
/// (ERC-6372 `mode=timestamp`), so that the governor, the policies and the ratings share one clock.
/// @dev The whole supply is minted once, at deployment, to `initialHolder`. There is no owner and no
/// further minting.
contract SupportToken is ERC20, ERC20Permit, ERC20Votes {
    constructor(address initialHolder, uint256 initialSupply)
        ERC20("Support Quality Token", "SQT")
        ERC20Permit("Support Quality Token")
    {
        _mint(initialHolder, initialSupply);
    }

    /// @dev ERC-6372: timestamps, not block numbers.
    function clock() public view override returns (uint48) {
        return Time.timestamp();
    }

    /// @dev ERC-6372: timestamps, not block numbers.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
