// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGoverned} from "../interfaces/IGoverned.sol";

/// @notice Mixin: one governance address owns every setter; it can hand them on, never to nobody.
abstract contract Governed is IGoverned {
    /// @inheritdoc IGoverned
    address public governance;

    modifier onlyGovernance() {
        _checkGovernance();
        _;
    }

    constructor(address initialGovernance) {
        _transferGovernance(initialGovernance);
    }

    /// @inheritdoc IGoverned
    function transferGovernance(address newGovernance) external onlyGovernance {
        _transferGovernance(newGovernance);
    }

    function _checkGovernance() internal view {
        require(msg.sender == governance, GovernedUnauthorized(msg.sender, governance));
    }

    function _transferGovernance(address newGovernance) internal {
        require(newGovernance != address(0), GovernedZeroAddress());
        address oldGovernance = governance;
        require(newGovernance != oldGovernance, GovernedUnchanged(newGovernance));
        governance = newGovernance;
        emit GovernanceTransferred(oldGovernance, newGovernance);
    }
}
