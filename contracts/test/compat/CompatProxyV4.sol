// SPDX-License-Identifier: MIT
// solhint-disable compiler-version, max-line-length
// (ZK Nation builds with solc 0.8.24 on OpenZeppelin 4.9: this fixture does too, and its import paths are long.)
pragma solidity 0.8.24;

import {ERC1967Proxy} from "@openzeppelin/contracts-v4/proxy/ERC1967/ERC1967Proxy.sol";
import {TimelockController} from "@openzeppelin/contracts-v4/governance/TimelockController.sol";

/// @notice Test fixture: an OpenZeppelin 4.9 ERC-1967 proxy (the live token is upgradeable).
contract CompatProxyV4 is ERC1967Proxy {
    constructor(address implementation, bytes memory data) ERC1967Proxy(implementation, data) {}
}

/// @notice Test fixture: an OpenZeppelin 4.9 TimelockController, as ZK Nation's Token Governor uses; its admin
/// role is TIMELOCK_ADMIN_ROLE, not DEFAULT_ADMIN_ROLE.
contract CompatTimelockV4 is TimelockController {
    constructor(
        uint256 minDelay,
        address[] memory proposers,
        address[] memory executors,
        address admin
    ) TimelockController(minDelay, proposers, executors, admin) {}
}
