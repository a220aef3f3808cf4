// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Vm} from "./Vm.sol";

/// @notice A small test base: cheatcodes, assertions that revert with both values, `bound`, and the
/// target lists forge reads for invariant runs.
abstract contract Test {
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    error AssertionFailed(string what, uint256 left, uint256 right);
    error AssertionFailedAddress(string what, address left, address right);
    error AssertionFailedBool(string what);

    bool public IS_TEST = true;

    address[] private _targetContracts;
    FuzzSelector[] private _targetSelectors;
    address[] private _targetSenders;

    function targetContracts() public view returns (address[] memory) {
        return _targetContracts;
    }

    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _targetSelectors;
    }

    function targetSenders() public view returns (address[] memory) {
        return _targetSenders;
    }

    function targetContract(address target) internal {
        _targetContracts.push(target);
    }

    function targetSelector(address target, bytes4[] memory selectors) internal {
        _targetSelectors.push(FuzzSelector(target, selectors));
    }

    function targetSender(address sender) internal {
        _targetSenders.push(sender);
    }

    function assertEq(uint256 left, uint256 right, string memory what) internal pure {
        if (left != right) revert AssertionFailed(what, left, right);
    }

    function assertEq(address left, address right, string memory what) internal pure {
        if (left != right) revert AssertionFailedAddress(what, left, right);
    }

    function assertLe(uint256 left, uint256 right, string memory what) internal pure {
        if (left > right) revert AssertionFailed(what, left, right);
    }

    function assertGe(uint256 left, uint256 right, string memory what) internal pure {
        if (left < right) revert AssertionFailed(what, left, right);
    }

    function assertTrue(bool condition, string memory what) internal pure {
        if (!condition) revert AssertionFailedBool(what);
    }

    /// @dev Maps any `x` into [min, max] without discarding runs.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 size = max - min + 1;
        return min + (x % size);
    }
}
