// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ZkToken} from "../../contracts/token/ZkToken.sol";
import {Test} from "../base/Test.sol";

/// @notice Drives ZkToken with random mint / burn / burnFrom / transfer / delegate sequences among a
/// fixed set of actors, so the invariants can sum over every holder and every delegatee.
contract ZkTokenHandler is Test {
    ZkToken public immutable TOKEN;
    address[] public actors;

    uint256 public mintRejectedAboveCap;

    constructor(ZkToken token) {
        TOKEN = token;
        for (uint160 i = 1; i <= 5; i++) actors.push(address(i * 0x1000));
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    /// @dev Mints up to 1,000 ZK above the cap's headroom: the part over it must revert.
    function mint(uint256 toSeed, uint256 amount) external {
        uint256 headroom = TOKEN.MAX_SUPPLY() - TOKEN.totalSupply();
        amount = bound(amount, 0, headroom + 1_000e18);
        if (amount > headroom) {
            vm.expectRevert(
                abi.encodeWithSignature(
                    "ERC20ExceededCap(uint256,uint256)",
                    TOKEN.totalSupply() + amount,
                    TOKEN.MAX_SUPPLY()
                )
            );
            mintRejectedAboveCap++;
        }
        TOKEN.mint(_actor(toSeed), amount);
    }

    /// @dev Fills the supply to the cap, then one mint of `excess` more must revert with the values.
    function mintToCapThenOver(uint256 toSeed, uint256 excess) external {
        address to = _actor(toSeed);
        TOKEN.mint(to, TOKEN.MAX_SUPPLY() - TOKEN.totalSupply());
        excess = bound(excess, 1, 1_000_000e18);
        vm.expectRevert(
            abi.encodeWithSignature(
                "ERC20ExceededCap(uint256,uint256)",
                TOKEN.MAX_SUPPLY() + excess,
                TOKEN.MAX_SUPPLY()
            )
        );
        TOKEN.mint(to, excess);
        mintRejectedAboveCap++;
    }

    function burn(uint256 fromSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        amount = bound(amount, 0, TOKEN.balanceOf(from));
        vm.prank(from);
        TOKEN.burn(amount);
    }

    /// @dev `burnFrom` needs BURNER_ROLE (held by this handler), as the live token: an allowance alone is refused.
    function burnFrom(uint256 ownerSeed, uint256 spenderSeed, uint256 amount) external {
        address owner = _actor(ownerSeed);
        address spender = _actor(spenderSeed);
        amount = bound(amount, 0, TOKEN.balanceOf(owner));
        vm.prank(owner);
        TOKEN.approve(spender, amount);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                spender,
                TOKEN.BURNER_ROLE()
            )
        );
        vm.prank(spender);
        TOKEN.burnFrom(owner, amount);
        TOKEN.burnFrom(owner, amount);
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        amount = bound(amount, 0, TOKEN.balanceOf(from));
        vm.prank(from);
        TOKEN.transfer(_actor(toSeed), amount);
    }

    function delegate(uint256 fromSeed, uint256 toSeed) external {
        vm.prank(_actor(fromSeed));
        TOKEN.delegate(_actor(toSeed));
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 30 days));
    }
}
