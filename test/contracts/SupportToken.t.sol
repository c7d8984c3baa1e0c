// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {SupportToken} from "../../contracts/token/SupportToken.sol";
import {Test} from "./utils/Test.sol";
import {vm} from "./utils/Vm.sol";

contract SupportTokenTest is Test {
    uint256 internal constant SUPPLY = 1_000_000e18;
    uint256 internal constant HOLDER_KEY = 0x401DE5;

    SupportToken internal token;
    address internal holder;
    address internal other = address(0xB0B);

    function setUp() public {
        vm.warp(1_750_000_000);
        holder = vm.addr(HOLDER_KEY);
        token = new SupportToken(holder, SUPPLY);
    }

    function test_constructor_mintsWholeSupplyToHolder() public view {
        assertEq(token.name(), "Support Quality Token", "name");
        assertEq(token.symbol(), "SQT", "symbol");
        assertEq(token.totalSupply(), SUPPLY, "supply");
        assertEq(token.balanceOf(holder), SUPPLY, "holder balance");
    }

    function test_clock_isTimestamp() public {
        assertEq(token.clock(), 1_750_000_000, "clock at start");
        vm.warp(1_750_000_123);
        assertEq(token.clock(), 1_750_000_123, "clock follows the timestamp");
        assertEq(token.CLOCK_MODE(), "mode=timestamp", "clock mode");
    }

    function test_delegate_votesFollowBalanceOverTime() public {
        vm.prank(holder);
        vm.expectEmit(address(token));
        emit IVotes.DelegateChanged(holder, address(0), holder);
        vm.expectEmit(address(token));
        emit IVotes.DelegateVotesChanged(holder, 0, SUPPLY);
        token.delegate(holder);
        assertEq(token.getVotes(holder), SUPPLY, "votes after delegation");

        vm.warp(1_750_000_100);
        vm.prank(holder);
        token.transfer(other, 400e18);
        vm.warp(1_750_000_200);

        assertEq(token.getVotes(holder), SUPPLY - 400e18, "votes after transfer");
        assertEq(token.getPastVotes(holder, 1_750_000_099), SUPPLY, "votes before transfer");
        assertEq(token.getPastVotes(holder, 1_750_000_100), SUPPLY - 400e18, "votes at transfer");
        assertEq(token.getPastTotalSupply(1_750_000_150), SUPPLY, "past total supply");
        assertEq(token.getVotes(other), 0, "undelegated balance has no votes");
    }

    function test_getPastVotes_revertsForFutureTimepoint() public {
        vm.expectRevert(abi.encodeWithSignature("ERC5805FutureLookup(uint256,uint48)", 1_750_000_000, 1_750_000_000));
        token.getPastVotes(holder, 1_750_000_000);
    }

    function test_transfer_revertsBeyondBalance() public {
        vm.prank(other);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, other, 0, 1));
        token.transfer(holder, 1);
    }

    function test_permit_setsAllowanceAndRejectsReplay() public {
        uint256 deadline = 1_750_000_000 + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                holder,
                other,
                5e18,
                token.nonces(holder),
                deadline
            )
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(HOLDER_KEY, digest);
        token.permit(holder, other, 5e18, deadline, v, r, s);
        assertEq(token.allowance(holder, other), 5e18, "allowance");
        assertEq(token.nonces(holder), 1, "nonce consumed");

        // Replayed, the signature is checked against nonce 1 and recovers some unrelated address.
        bytes32 replayed = keccak256(
            abi.encodePacked(
                "\x19\x01",
                token.DOMAIN_SEPARATOR(),
                keccak256(
                    abi.encode(
                        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                        holder,
                        other,
                        5e18,
                        1,
                        deadline
                    )
                )
            )
        );
        vm.expectRevert(
            abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, ecrecover(replayed, v, r, s), holder)
        );
        token.permit(holder, other, 5e18, deadline, v, r, s);
    }

    function testFuzz_transfer_movesVotesWithTokens(uint256 amount, uint256 delay) public {
        amount = bound(amount, 0, SUPPLY);
        delay = bound(delay, 1, 365 days);
        vm.prank(holder);
        token.delegate(holder);
        vm.prank(other);
        token.delegate(other);
        uint256 t0 = 1_750_000_000 + delay;
        vm.warp(t0);
        vm.prank(holder);
        token.transfer(other, amount);
        vm.warp(t0 + 1);

        assertEq(token.getVotes(holder) + token.getVotes(other), SUPPLY, "votes are conserved");
        assertEq(token.getPastVotes(other, t0), amount, "receiver votes from the transfer time");
        assertEq(token.getPastVotes(other, t0 - 1), 0, "receiver had no votes before");
        assertEq(token.getPastVotes(holder, t0 - 1), SUPPLY, "sender votes before the transfer");
    }
}
