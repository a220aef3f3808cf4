// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {LowLevelCall} from "@openzeppelin/contracts/utils/LowLevelCall.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IFeeDistributor, IRewardNotifiable} from "../interfaces/IFeeDistributor.sol";
import {IInteropFeeCollector} from "../interfaces/IInteropFeeCollector.sol";
import {IZkBurnable} from "../interfaces/IZkToken.sol";
import {Governed} from "../libraries/Governed.sol";

/// @title FeeDistributor
/// @notice See {IFeeDistributor}.
contract FeeDistributor is IFeeDistributor, Governed, ReentrancyGuardTransient {
    using SafeERC20 for IZkBurnable;

    /// @notice Enough for burn, staking and a few ecosystem recipients; bounds the gas of `distribute`.
    uint256 public constant MAX_RECIPIENTS = 8;
    uint256 public constant MAX_BPS = 10_000;
    /// @notice Gas given to each notification: a staking `notifyRewardAmount` needs well under this.
    uint256 public constant NOTIFY_GAS_LIMIT = 200_000;
    /// @notice Kept after each distribution so the next payment in writes a non-empty balance (5,000 gas, not
    /// 22,100): every claim and ZK fee pays the ordinary write, not the one after a burn emptied the balance.
    uint256 public constant RETAINED_BALANCE = 1;

    /// @inheritdoc IFeeDistributor
    IZkBurnable public immutable ZK;

    Allocation[] private _allocations;
    /// @inheritdoc IFeeDistributor
    uint256 public totalBurned;
    /// @inheritdoc IFeeDistributor
    uint256 public totalPaid;
    /// @inheritdoc IFeeDistributor
    mapping(address recipient => uint256) public paidTo;

    constructor(
        address initialGovernance,
        IZkBurnable zk,
        Allocation[] memory initialAllocations
    ) Governed(initialGovernance) {
        require(address(zk) != address(0), FeeDistributorZeroRecipient());
        ZK = zk;
        if (initialAllocations.length != 0) _setAllocations(initialAllocations);
    }

    /// @inheritdoc IFeeDistributor
    function distribute() external nonReentrant returns (uint256 burned) {
        uint256 balance = ZK.balanceOf(address(this));
        require(balance > RETAINED_BALANCE, FeeDistributorNothingToDistribute());
        uint256 amount = balance - RETAINED_BALANCE;
        uint256 paid;
        uint256 count = _allocations.length;
        for (uint256 i; i < count; ++i) {
            Allocation memory allocation = _allocations[i];
            uint256 share = (amount * allocation.bps) / MAX_BPS;
            if (share == 0) continue;
            paid += share;
            paidTo[allocation.recipient] += share;
            ZK.safeTransfer(allocation.recipient, share);
            emit Paid(allocation.recipient, share);
            if (allocation.notify) _notify(allocation.recipient, share);
        }
        burned = amount - paid;
        if (paid != 0) totalPaid += paid;
        if (burned != 0) {
            totalBurned += burned;
            ZK.burn(burned);
        }
        emit Distributed(msg.sender, amount, burned, paid);
    }

    /// @inheritdoc IFeeDistributor
    function setAllocations(Allocation[] calldata newAllocations) external onlyGovernance {
        require(
            keccak256(abi.encode(newAllocations)) != keccak256(abi.encode(_allocations)),
            FeeDistributorAllocationsUnchanged()
        );
        _setAllocations(newAllocations);
    }

    /// @inheritdoc IFeeDistributor
    function allocations() external view returns (Allocation[] memory) {
        return _allocations;
    }

    function _setAllocations(Allocation[] memory newAllocations) private {
        uint256 count = newAllocations.length;
        require(count <= MAX_RECIPIENTS, FeeDistributorTooManyRecipients(count, MAX_RECIPIENTS));
        uint256 sum;
        for (uint256 i; i < count; ++i) {
            Allocation memory allocation = newAllocations[i];
            address recipient = allocation.recipient;
            require(recipient != address(0), FeeDistributorZeroRecipient());
            require(
                recipient != address(ZK) && recipient != address(this) && !_sendsZkHere(recipient),
                FeeDistributorForbiddenRecipient(recipient)
            );
            // A notification to an account without code would revert the whole distribution.
            require(!allocation.notify || recipient.code.length != 0, FeeDistributorNotifyNotContract(recipient));
            require(allocation.bps != 0, FeeDistributorZeroBps(recipient));
            for (uint256 j; j < i; ++j) {
                require(newAllocations[j].recipient != recipient, FeeDistributorDuplicateRecipient(recipient));
            }
            sum += allocation.bps;
        }
        require(sum <= MAX_BPS, FeeDistributorBpsSumTooHigh(sum, MAX_BPS));

        Allocation[] memory oldAllocations = _allocations;
        delete _allocations;
        for (uint256 i; i < count; ++i) _allocations.push(newAllocations[i]);
        emit AllocationsUpdated(oldAllocations, newAllocations);
    }

    /// @dev The collector and the auction name this distributor as theirs: ZK paid to them would only come back
    /// through `forwardZk`. At most 64 bytes of the answer are copied.
    function _sendsZkHere(address recipient) private view returns (bool) {
        if (recipient.code.length == 0) return false;
        (bool ok, bytes32 answer, ) = LowLevelCall.staticcallReturn64Bytes(
            recipient,
            abi.encodeCall(IInteropFeeCollector.distributor, ())
        );
        return ok && LowLevelCall.returnDataSize() >= 32 && uint256(answer) == uint256(uint160(address(this)));
    }

    /// @dev A fixed gas limit and no copied return data: a hostile recipient can neither starve nor bomb the
    /// distribution. The caller must leave enough gas for the full limit, so nobody can make it fail on purpose.
    function _notify(address recipient, uint256 amount) private {
        require(
            gasleft() > (NOTIFY_GAS_LIMIT * 64) / 63 + 10_000,
            FeeDistributorInsufficientGasForNotification(recipient, gasleft())
        );
        // `notifyRewardAmount` returns nothing and the catch binds nothing: no return data is copied.
        try IRewardNotifiable(recipient).notifyRewardAmount{gas: NOTIFY_GAS_LIMIT}(amount) {
            // solhint-disable-next-line no-empty-blocks
        } catch {
            emit NotificationFailed(recipient, amount);
        }
    }
}
