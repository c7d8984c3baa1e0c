// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SupportToken} from "../../contracts/token/SupportToken.sol";

contract SupportTokenTest {
    SupportToken internal token;

    function setUp() public {
        token = new SupportToken(address(this), 1000e18);
    }

    function test_clock_isTimestamp() public view {
        require(token.clock() == block.timestamp, "clock");
        require(keccak256(bytes(token.CLOCK_MODE())) == keccak256("mode=timestamp"), "mode");
    }
}
