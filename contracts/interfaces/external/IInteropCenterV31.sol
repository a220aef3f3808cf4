// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title The fee surface of ZKsync's V31 InteropCenter (era-contracts, branch draft-v31)
/// @notice V31 keeps every interop fee in the InteropCenter itself, per `block.coinbase` of the block that sent the
/// bundle: base-token fees (`interopProtocolFee` per call, set by the operator) in `accumulatedProtocolFees`, fixed
/// ZK fees (`ZK_INTEROP_FEE` per call, 10 ZK, for bundles with `useFixedFee(true)`) in `accumulatedZKFees`. Only that
/// coinbase address can move them, to any receiver; a claim of nothing returns without a transfer or an event. On a
/// ZKsync OS chain the coinbase is the operator's fee-collector address; on Era it is the bootloader (0x8001),
/// which makes no call, so fees accumulated there stay.
/// @dev Signatures and events as published; the text is this project's.
interface IInteropCenterV31 {
    /// @notice `amount` of base token accumulated for `coinbase` by a bundle.
    event ProtocolFeesAccumulated(address indexed coinbase, uint256 amount);
    /// @notice `amount` of ZK pulled from `payer` and accumulated for `coinbase` by a bundle.
    event FixedZKFeesAccumulated(address indexed payer, address indexed coinbase, uint256 amount);
    /// @notice `coinbase` moved its accumulated base-token fees to `receiver`.
    event ProtocolFeesClaimed(address indexed coinbase, address indexed receiver, uint256 amount);
    /// @notice `coinbase` moved its accumulated ZK fees to `receiver`.
    event ZKFeesClaimed(address indexed coinbase, address indexed receiver, uint256 amount);

    /// @notice The base-token fee per call of a bundle that does not pay in ZK.
    function interopProtocolFee() external view returns (uint256);
    /// @notice The ZK fee per call of a bundle with `useFixedFee(true)`.
    function ZK_INTEROP_FEE() external view returns (uint256);
    /// @notice The ZK token fixed fees are paid in.
    function zkToken() external view returns (IERC20);
    /// @notice Base-token fees `coinbase` may claim.
    function accumulatedProtocolFees(address coinbase) external view returns (uint256);
    /// @notice ZK fees `coinbase` may claim.
    function accumulatedZKFees(address coinbase) external view returns (uint256);
    /// @notice Sends the caller's accumulated base-token fees to `receiver` (nothing if it has none).
    function claimProtocolFees(address receiver) external;
    /// @notice Sends the caller's accumulated ZK fees to `receiver` (nothing if it has none).
    function claimZKFees(address receiver) external;
}
