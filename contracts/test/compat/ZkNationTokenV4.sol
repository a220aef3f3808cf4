// SPDX-License-Identifier: MIT
// solhint-disable compiler-version, max-line-length
// (ZK Nation builds with solc 0.8.24 on OpenZeppelin 4.9: this fixture does too, and its import paths are long.)
pragma solidity 0.8.24;

import {AccessControlUpgradeable} from "@openzeppelin/contracts-upgradeable-v4/access/AccessControlUpgradeable.sol";
import {ERC20VotesUpgradeable} from "@openzeppelin/contracts-upgradeable-v4/token/ERC20/extensions/ERC20VotesUpgradeable.sol";

/// @notice Test fixture: a ZK token built like the live one before ZIP-14 (OpenZeppelin 4.9 upgradeable
/// ERC20Votes with permit, a timestamp clock, MINTER_ROLE and BURNER_ROLE), behind a proxy. It has no
/// `burn(uint256)`, so the fee flow must refuse it.
contract ZkNationTokenV4NoBurn is ERC20VotesUpgradeable, AccessControlUpgradeable {
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    bytes32 public constant BURNER_ROLE = keccak256("BURNER_ROLE");

    constructor() {
        _disableInitializers();
    }

    function initialize(address admin, address mintReceiver, uint256 mintAmount) external initializer {
        __ERC20_init("ZKsync", "ZK");
        __ERC20Permit_init("ZKsync");
        __AccessControl_init();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _mint(mintReceiver, mintAmount);
    }

    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }

    function burn(address from, uint256 amount) external onlyRole(BURNER_ROLE) {
        _burn(from, amount);
    }

    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }
}

/// @notice Test fixture: the same token after ZIP-14, with the permissionless `burn(uint256)` the fee flow uses.
contract ZkNationTokenV4 is ZkNationTokenV4NoBurn {
    function burn(uint256 amount) external {
        _burn(_msgSender(), amount);
    }
}
