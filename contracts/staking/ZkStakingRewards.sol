// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IZkStakingRewards} from "../interfaces/IZkStakingRewards.sol";
import {IRewardNotifiable} from "../interfaces/IFeeDistributor.sol";
import {Governed} from "../libraries/Governed.sol";

/// @notice Holds the stake delegated to one delegatee, so staked ZK keeps voting for it.
contract DelegationSurrogate {
    constructor(IERC20 token, address delegatee) {
        IVotes(address(token)).delegate(delegatee);
        token.approve(msg.sender, type(uint256).max);
    }
}

/// @title ZkStakingRewards
/// @notice See {IZkStakingRewards}.
contract ZkStakingRewards is IZkStakingRewards, Governed, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Shorter streams turn rewards into a race to stake just before a notification.
    uint256 public constant MIN_REWARD_DURATION = 1 days;
    /// @notice Longer streams pay today's stakers for years.
    uint256 public constant MAX_REWARD_DURATION = 365 days;
    /// @dev The rate and the reward per token each carry 1e18 of extra precision, so rounding costs a staker at
    /// most a wei or two over a whole period, whatever the stake.
    uint256 private constant PRECISION = 1e18;

    IERC20 public immutable ZK;

    uint256 public rewardDuration;
    uint256 public periodFinish;
    /// @notice Reward per second, scaled by 1e18 so small rewards are not lost to rounding.
    uint256 public rewardRate;
    uint256 public lastUpdate;
    uint256 public rewardPerTokenStored;
    /// @inheritdoc IZkStakingRewards
    uint256 public totalStaked;
    /// @inheritdoc IZkStakingRewards
    uint256 public totalRewardsNotified;
    /// @inheritdoc IZkStakingRewards
    uint256 public totalRewardsPaid;

    mapping(address account => uint256) public stakeOf;
    mapping(address account => address) public delegateeOf;
    mapping(address delegatee => address) public surrogates;
    mapping(address notifier => bool) public isNotifier;
    mapping(address account => uint256) private _paidPerToken;
    mapping(address account => uint256) private _owed;

    constructor(address initialGovernance, IERC20 zk, uint256 initialDuration) Governed(initialGovernance) {
        require(address(zk) != address(0), StakingZeroAddress());
        ZK = zk;
        _setRewardDuration(initialDuration);
    }

    modifier settle(address account) {
        rewardPerTokenStored = rewardPerToken();
        lastUpdate = _lastApplicable();
        if (account != address(0)) {
            _owed[account] = earned(account);
            _paidPerToken[account] = rewardPerTokenStored;
        }
        _;
    }

    /// @inheritdoc IZkStakingRewards
    function stake(uint256 amount, address delegatee) external nonReentrant settle(msg.sender) {
        require(amount != 0, StakingZeroAmount());
        require(delegatee != address(0), StakingZeroAddress());
        address current = delegateeOf[msg.sender];
        uint256 existing = stakeOf[msg.sender];
        // Moving to a new delegatee moves the existing stake with it.
        if (current != address(0) && current != delegatee && existing != 0) {
            ZK.safeTransferFrom(surrogates[current], _surrogate(delegatee), existing);
            emit Withdrawn(msg.sender, current, existing);
            emit Staked(msg.sender, delegatee, existing);
        }
        delegateeOf[msg.sender] = delegatee;
        stakeOf[msg.sender] = existing + amount;
        totalStaked += amount;
        ZK.safeTransferFrom(msg.sender, _surrogate(delegatee), amount);
        emit Staked(msg.sender, delegatee, amount);
    }

    /// @inheritdoc IZkStakingRewards
    function withdraw(uint256 amount) external nonReentrant settle(msg.sender) {
        require(amount != 0, StakingZeroAmount());
        uint256 existing = stakeOf[msg.sender];
        require(amount <= existing, StakingInsufficientStake(existing, amount));
        stakeOf[msg.sender] = existing - amount;
        totalStaked -= amount;
        address delegatee = delegateeOf[msg.sender];
        ZK.safeTransferFrom(surrogates[delegatee], msg.sender, amount);
        emit Withdrawn(msg.sender, delegatee, amount);
    }

    /// @inheritdoc IZkStakingRewards
    function claimReward() external nonReentrant settle(msg.sender) returns (uint256 reward) {
        reward = _owed[msg.sender];
        if (reward == 0) return 0;
        _owed[msg.sender] = 0;
        totalRewardsPaid += reward;
        ZK.safeTransfer(msg.sender, reward);
        emit RewardPaid(msg.sender, reward);
    }

    /// @inheritdoc IRewardNotifiable
    function notifyRewardAmount(uint256 reward) external settle(address(0)) {
        require(isNotifier[msg.sender], StakingUnauthorizedNotifier(msg.sender));
        // Rewards already promised stay covered: the new reward must be in the free balance.
        uint256 promised = totalRewardsNotified - totalRewardsPaid;
        uint256 available = ZK.balanceOf(address(this)) - promised;
        require(reward <= available, StakingRewardExceedsBalance(reward, available));
        uint256 remaining = block.timestamp < periodFinish ? (periodFinish - block.timestamp) * rewardRate : 0;
        rewardRate = (reward * PRECISION + remaining) / rewardDuration;
        periodFinish = block.timestamp + rewardDuration;
        lastUpdate = block.timestamp;
        totalRewardsNotified += reward;
        emit RewardNotified(msg.sender, reward, rewardRate, periodFinish);
    }

    /// @inheritdoc IZkStakingRewards
    function setNotifier(address notifier, bool allowed) external onlyGovernance {
        require(notifier != address(0), StakingZeroAddress());
        require(isNotifier[notifier] != allowed, StakingUnchanged());
        isNotifier[notifier] = allowed;
        emit NotifierUpdated(notifier, allowed);
    }

    /// @inheritdoc IZkStakingRewards
    function setRewardDuration(uint256 newDuration) external onlyGovernance {
        require(block.timestamp >= periodFinish, StakingDurationDuringPeriod(periodFinish));
        _setRewardDuration(newDuration);
    }

    function rewardPerToken() public view returns (uint256) {
        if (totalStaked == 0) return rewardPerTokenStored;
        return rewardPerTokenStored + ((_lastApplicable() - lastUpdate) * rewardRate * PRECISION) / totalStaked;
    }

    /// @inheritdoc IZkStakingRewards
    function earned(address account) public view returns (uint256) {
        return
            _owed[account] + (stakeOf[account] * (rewardPerToken() - _paidPerToken[account])) / (PRECISION * PRECISION);
    }

    function _lastApplicable() private view returns (uint256) {
        return block.timestamp < periodFinish ? block.timestamp : periodFinish;
    }

    function _surrogate(address delegatee) private returns (address surrogate) {
        surrogate = surrogates[delegatee];
        if (surrogate == address(0)) {
            surrogate = address(new DelegationSurrogate(ZK, delegatee));
            surrogates[delegatee] = surrogate;
            emit SurrogateDeployed(delegatee, surrogate);
        }
    }

    function _setRewardDuration(uint256 newDuration) private {
        require(newDuration >= MIN_REWARD_DURATION, StakingDurationBelowMin(newDuration, MIN_REWARD_DURATION));
        require(newDuration <= MAX_REWARD_DURATION, StakingDurationAboveMax(newDuration, MAX_REWARD_DURATION));
        uint256 old = rewardDuration;
        require(newDuration != old, StakingUnchanged());
        rewardDuration = newDuration;
        emit RewardDurationUpdated(old, newDuration);
    }
}
