// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../base/Test.sol";

contract CanaryCounter {
    uint256 public count;

    function bump(uint256 by) external {
        count += by % 3;
    }
}

/// @notice A deliberately false invariant. `npm run test:invariants:canary` runs it and passes only if
/// forge fails on it, proving that a broken invariant fails the invariant command.
contract CanaryInvariants is Test {
    CanaryCounter internal counter;

    function setUp() public {
        counter = new CanaryCounter();
        targetContract(address(counter));
    }

    function invariant_canaryCountStaysZero() public view {
        assertEq(counter.count(), 0, "canary: count moved, as it must");
    }
}
