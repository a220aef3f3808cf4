// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGoverned} from "./IGoverned.sol";
import {IZkBurnable} from "./IZkToken.sol";

/// @title A recipient that wants to hear about the ZK it was paid (a staking rewards contract)
interface IRewardNotifiable {
    /// @notice `amount` ZK was just transferred to this contract as rewards.
    function notifyRewardAmount(uint256 amount) external;
}

/// @title FeeDistributor
/// @notice Every ZK that reaches the distributor leaves it through `distribute()`: each allocation gets its
/// basis-point share, and everything else, rounding dust included, is burned with `burn(uint256)`. With no
/// allocations (the default) all of it is burned. `RETAINED_BALANCE` (1 wei) stays behind each time, so the
/// next claim or ZK fee pays into a non-empty balance: ZK in = burned + paid + balance, balance ≥ 1 wei once
/// anything was distributed.
/// @dev Warning: a recipient's notification runs with a fixed gas limit and its failure never blocks
/// distribution; the recipient keeps the ZK either way.
interface IFeeDistributor is IGoverned {
    struct Allocation {
        address recipient;
        uint16 bps;
        bool notify;
    }

    error FeeDistributorNothingToDistribute();
    error FeeDistributorTooManyRecipients(uint256 count, uint256 max);
    error FeeDistributorZeroBps(address recipient);
    error FeeDistributorBpsSumTooHigh(uint256 sum, uint256 max);
    error FeeDistributorZeroRecipient();
    error FeeDistributorDuplicateRecipient(address recipient);
    /// @notice The recipient is the token, this distributor, or a contract that sends its ZK back here (one whose
    /// `distributor()` is this contract: the collector, the auction).
    error FeeDistributorForbiddenRecipient(address recipient);
    /// @notice A recipient to be notified has no code: the notification could never succeed.
    error FeeDistributorNotifyNotContract(address recipient);
    error FeeDistributorAllocationsUnchanged();
    /// @notice Too little gas was left to give a recipient's notification its full gas limit.
    error FeeDistributorInsufficientGasForNotification(address recipient, uint256 gasLeft);

    /// @notice One distribution: `amount` was split, `burned` burned and `paid` paid to recipients.
    event Distributed(address indexed caller, uint256 amount, uint256 burned, uint256 paid);
    /// @notice `recipient` received `amount` ZK.
    event Paid(address indexed recipient, uint256 amount);
    /// @notice A recipient's notification reverted or ran out of gas; it still holds the ZK it was paid.
    event NotificationFailed(address indexed recipient, uint256 amount);
    event AllocationsUpdated(Allocation[] oldAllocations, Allocation[] newAllocations);

    function ZK() external view returns (IZkBurnable);
    function MAX_RECIPIENTS() external view returns (uint256);
    function MAX_BPS() external view returns (uint256);
    function NOTIFY_GAS_LIMIT() external view returns (uint256);
    /// @notice ZK left in the distributor by each distribution (1 wei): it is distributed with the next one.
    function RETAINED_BALANCE() external view returns (uint256);

    function allocations() external view returns (Allocation[] memory);
    /// @notice ZK burned by this distributor, ever.
    function totalBurned() external view returns (uint256);
    /// @notice ZK paid to all recipients, ever.
    function totalPaid() external view returns (uint256);
    /// @notice ZK paid to `recipient`, ever.
    function paidTo(address recipient) external view returns (uint256);

    /// @notice Splits the ZK balance less `RETAINED_BALANCE`: shares to the allocations, the rest burned.
    /// Permissionless. Reverts `FeeDistributorNothingToDistribute` when the balance is at most `RETAINED_BALANCE`.
    /// @return burned The ZK burned.
    function distribute() external returns (uint256 burned);

    /// @notice Replaces the allocation list. Only governance. Each bps > 0, Σ bps ≤ 10,000, at most
    /// MAX_RECIPIENTS, no zero, duplicate, token or distributor recipient, none whose `distributor()` is this
    /// contract (the collector, the auction), and a recipient to notify must be a contract.
    function setAllocations(Allocation[] calldata newAllocations) external;
}
