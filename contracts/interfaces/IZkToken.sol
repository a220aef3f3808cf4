// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

/// @title The ZK token surface the fee flow relies on
/// @notice Plain ERC-20, ERC-2612 permit and the permissionless `burn(uint256)` of ZIP-14. The fee-flow
/// contracts use nothing else, so they work unchanged against the live ZK token (ZkTokenV3).
interface IZkBurnable is IERC20, IERC20Permit {
    /// @notice Burns `amount` of the caller's own balance, lowering the total supply by exactly `amount`.
    function burn(uint256 amount) external;
}

/// @title ZK token
/// @notice The ZKsync governance token: "ZKsync" / "ZK", 18 decimals, ERC-2612 permit (domain "ZKsync", "1"),
/// ERC20Votes on a timestamp clock, and a hard cap of 21,000,000,000 ZK.
/// @dev Warning: holders of `MINTER_ROLE` can mint up to the cap; holders of `BURNER_ROLE` can burn any
/// holder's balance (`burn(address,uint256)` and `burnFrom`, no allowance, as in the live ZkTokenV3).
interface IZkToken is IZkBurnable {
    /// @notice A delegation signature was used after its expiry.
    error ZkTokenDelegationExpired(uint256 expiry, uint256 timestamp);

    /// @notice A delegation signature does not come from `signer` (ECDSA or ERC-1271).
    error ZkTokenInvalidDelegationSignature(address signer);

    /// @notice The hard cap on the total supply, 21,000,000,000 ZK.
    function maxSupply() external view returns (uint256);

    /// @notice Mints `amount` to `to`. Needs `MINTER_ROLE`. Reverts `ERC20ExceededCap(newSupply, cap)` above the cap.
    function mint(address to, uint256 amount) external;

    /// @notice Burns `amount` from `from` without an allowance. Needs `BURNER_ROLE`.
    function burn(address from, uint256 amount) external;

    /// @notice Burns `amount` from `from` without an allowance. Needs `BURNER_ROLE` (as the live ZkTokenV3).
    function burnFrom(address from, uint256 amount) external;

    /// @notice Delegates `signer`'s votes to `delegatee` with a signature over the EIP-712 type
    /// `Delegation(address owner,address delegatee,uint256 nonce,uint256 expiry)`.
    /// @dev Accepts ECDSA signatures from EOAs and ERC-1271 signatures from contract wallets. The nonce is
    /// shared with `permit` and `delegateBySig`, so each signature is usable once.
    function delegateOnBehalf(address signer, address delegatee, uint256 expiry, bytes calldata signature) external;
}
