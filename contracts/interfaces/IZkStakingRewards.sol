// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGoverned} from "./IGoverned.sol";
import {IRewardNotifiable} from "./IFeeDistributor.sol";

/// @title ZkStakingRewards
/// @notice Stake ZK and keep its voting power: each delegatee has a surrogate contract that holds the stake
/// delegated to it. Rewards in ZK arrive from notifiers (the fee distributor) and stream to stakers, pro rata,
/// over `rewardDuration`.
/// @dev Warning: notifiers must transfer the ZK before notifying; a notification beyond the contract's free
/// balance reverts. This is the first part of the staking pilot: the active-representative rule and seasons are
/// not part of it.
interface IZkStakingRewards is IGoverned, IRewardNotifiable {
    error StakingZeroAmount();
    error StakingZeroAddress();
    error StakingInsufficientStake(uint256 stake, uint256 amount);
    error StakingUnauthorizedNotifier(address caller);
    error StakingRewardExceedsBalance(uint256 reward, uint256 available);
    error StakingDurationBelowMin(uint256 duration, uint256 min);
    error StakingDurationAboveMax(uint256 duration, uint256 max);
    error StakingDurationDuringPeriod(uint256 periodFinish);
    error StakingUnchanged();

    event Staked(address indexed account, address indexed delegatee, uint256 amount);
    event Withdrawn(address indexed account, address indexed delegatee, uint256 amount);
    event RewardPaid(address indexed account, uint256 reward);
    event RewardNotified(address indexed notifier, uint256 reward, uint256 rewardRate, uint256 periodFinish);
    event NotifierUpdated(address indexed notifier, bool allowed);
    event RewardDurationUpdated(uint256 oldDuration, uint256 newDuration);
    event SurrogateDeployed(address indexed delegatee, address surrogate);

    function stake(uint256 amount, address delegatee) external;
    function withdraw(uint256 amount) external;
    function claimReward() external returns (uint256 reward);

    function stakeOf(address account) external view returns (uint256);
    function delegateeOf(address account) external view returns (address);
    function surrogates(address delegatee) external view returns (address);
    function totalStaked() external view returns (uint256);
    function earned(address account) external view returns (uint256);
    function totalRewardsNotified() external view returns (uint256);
    function totalRewardsPaid() external view returns (uint256);

    function setNotifier(address notifier, bool allowed) external;
    function setRewardDuration(uint256 newDuration) external;
}
