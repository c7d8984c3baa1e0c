// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {vm} from "./Vm.sol";

/// @notice The assertions, `bound` and invariant-target plumbing this suite needs (forge-std is not a
/// dependency). A failed assertion reverts with the expected and actual values, which fails the test.
abstract contract Test {
    /// @dev The shape EDR's invariant runner reads from `targetSelectors()` (as forge-std's StdInvariant).
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    address[] private _targetContracts;
    FuzzSelector[] private _targetSelectors;

    error AssertionFailed(string message);

    // ------------------------------------------------------------------ assertions

    function assertTrue(bool condition, string memory message) internal pure {
        if (!condition) revert AssertionFailed(message);
    }

    function assertFalse(bool condition, string memory message) internal pure {
        if (condition) revert AssertionFailed(message);
    }

    function assertEq(uint256 actual, uint256 expected, string memory message) internal pure {
        if (actual != expected) {
            revert AssertionFailed(
                string.concat(message, ": expected ", _toString(expected), ", got ", _toString(actual))
            );
        }
    }

    function assertEq(address actual, address expected, string memory message) internal pure {
        if (actual != expected) {
            revert AssertionFailed(
                string.concat(
                    message,
                    ": expected ",
                    _toString(uint256(uint160(expected))),
                    ", got ",
                    _toString(uint256(uint160(actual)))
                )
            );
        }
    }

    function assertEq(bool actual, bool expected, string memory message) internal pure {
        if (actual != expected) {
            revert AssertionFailed(string.concat(message, expected ? ": expected true" : ": expected false"));
        }
    }

    function assertEq(bytes32 actual, bytes32 expected, string memory message) internal pure {
        if (actual != expected) {
            revert AssertionFailed(
                string.concat(
                    message, ": expected ", _toString(uint256(expected)), ", got ", _toString(uint256(actual))
                )
            );
        }
    }

    function assertEq(string memory actual, string memory expected, string memory message) internal pure {
        if (keccak256(bytes(actual)) != keccak256(bytes(expected))) {
            revert AssertionFailed(string.concat(message, ": expected '", expected, "', got '", actual, "'"));
        }
    }

    function assertEq(bytes memory actual, bytes memory expected, string memory message) internal pure {
        if (keccak256(actual) != keccak256(expected)) revert AssertionFailed(string.concat(message, ": bytes differ"));
    }

    function assertEq(address[] memory actual, address[] memory expected, string memory message) internal pure {
        assertEq(actual.length, expected.length, string.concat(message, " (length)"));
        for (uint256 i = 0; i < actual.length; ++i) {
            assertEq(actual[i], expected[i], message);
        }
    }

    // ------------------------------------------------------------------ fuzz inputs

    /// @dev Maps `x` into `[min, max]` (inclusive) without discarding inputs; values already in range are kept.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 size = max - min;
        if (size == type(uint256).max) return x;
        return min + (x % (size + 1));
    }

    // ------------------------------------------------------------------ time

    /// @dev The chain's time, read through the cheatcode: with via-IR, `block.timestamp` read after a
    /// `vm.warp` in the same function may be the value cached before it.
    function _now() internal view returns (uint48) {
        return uint48(vm.getBlockTimestamp());
    }

    function _skip(uint256 seconds_) internal {
        vm.warp(vm.getBlockTimestamp() + seconds_);
    }

    // ------------------------------------------------------------------ invariant targets

    function targetContract(address target) internal {
        _targetContracts.push(target);
    }

    function targetSelector(FuzzSelector memory selector) internal {
        _targetSelectors.push(selector);
    }

    function targetContracts() public view returns (address[] memory) {
        return _targetContracts;
    }

    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _targetSelectors;
    }

    function _toString(uint256 value) private pure returns (string memory) {
        if (value == 0) return "0";
        uint256 digits;
        for (uint256 v = value; v != 0; v /= 10) ++digits;
        bytes memory buffer = new bytes(digits);
        for (; value != 0; value /= 10) buffer[--digits] = bytes1(uint8(48 + (value % 10)));
        return string(buffer);
    }
}
