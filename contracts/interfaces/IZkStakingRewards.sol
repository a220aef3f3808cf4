// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGoverned} from "./IGoverned.sol";
import {IRewardNotifiable} from "./IFeeDistributor.sol";

/// @title What the staking pilot reads from the governor
/// @notice A subset of OpenZeppelin's `IGovernor` shared by its 4.9 and 5.x versions (ZK Nation's Token Governor
/// included) with the counting module's `proposalVotes`: no enumeration of proposals is needed.
interface IGovernorHistory {
    /// @notice OpenZeppelin's `ProposalState`: 0 Pending, 1 Active, 2 Canceled, 3 Defeated, 4 Succeeded, 5 Queued,
    /// 6 Expired, 7 Executed.
    function state(uint256 proposalId) external view returns (uint8);
    function proposalSnapshot(uint256 proposalId) external view returns (uint256);
    function proposalDeadline(uint256 proposalId) external view returns (uint256);
    function quorum(uint256 timepoint) external view returns (uint256);
    function proposalVotes(
        uint256 proposalId
    ) external view returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes);
    function hasVoted(uint256 proposalId, address account) external view returns (bool);
}

/// @title ZkStakingRewards, the staking pilot
/// @notice Stake ZK and keep its voting power: each delegatee has a surrogate contract that holds the stake
/// delegated to it. Rewards in ZK arrive from notifiers (the fee distributor) and stream to stakers by earning
/// power: a stake earns only while its delegatee is an active representative, one who voted in at least 2 of the
/// last 5 finished proposals of the governor, read on-chain. Anyone may poke a stake whose delegatee's status
/// changed, for a bounded tip taken from that stake's rewards. Rewards are capped per season, and the stream is
/// kept between a minimum and a maximum yearly rate of the earning stake; what the maximum holds back stays in
/// the reservoir for later.
///
/// The active-representative rule reads a record of *counted* proposals kept here. Anyone may add a proposal with
/// `recordProposal` once it has finished (Defeated, Succeeded, Queued, Expired or Executed: never Pending, Active or
/// Canceled) and reached quorum in For votes (`forVotes >= quorum(proposalSnapshot)`, as ZK Nation counts quorum),
/// in the order the proposals ended (deadlines never decrease). The record is append-only and the rule reads its
/// last 5 entries: a delegatee is active when it voted (`hasVoted`) in at least 2 of them. So a proposal that
/// mattered counts and junk does not: a proposal below quorum or cancelled cannot be recorded, and reaching quorum
/// costs real support. Until 2 proposals are recorded every delegatee counts as active (nothing to judge yet); once
/// they are, that state never comes back. Works with any OpenZeppelin Governor, 4.9 or 5.x: nothing is enumerated.
///
/// A notification adds its reward to the reservoir and moves the end of the stream to the reward-weighted mean of
/// what was left and a full new period: `remaining' = (reservoir × remaining + reward × rewardDuration) /
/// (reservoir + reward)`. A dust notification barely moves the end, so it cannot slow a stream.
/// @dev Warning: notifiers must transfer the ZK before notifying. A proposal nobody records does not count; the
/// tooling records each finished proposal (`zip:execute`, `zip:simulate`), and anyone can. A recorded proposal
/// stays recorded if the guardian later cancels it while queued: it reached quorum, so it mattered.
interface IZkStakingRewards is IGoverned, IRewardNotifiable {
    struct Season {
        uint64 start;
        uint64 end;
        uint128 cap;
        uint128 notified;
    }

    error StakingZeroAmount();
    error StakingZeroAddress();
    error StakingInsufficientStake(uint256 stake, uint256 amount);
    error StakingUnauthorizedNotifier(address caller);
    error StakingRewardExceedsBalance(uint256 reward, uint256 available);
    error StakingNoActiveSeason(uint256 timestamp);
    error StakingSeasonCapExceeded(uint256 season, uint256 notified, uint256 cap);
    error StakingInvalidSeason(uint256 start, uint256 end, uint256 cap);
    error StakingStakeCapExceeded(uint256 totalStaked, uint256 cap);
    error StakingPokeUnchanged(address account);
    error StakingDurationBelowMin(uint256 duration, uint256 min);
    error StakingDurationAboveMax(uint256 duration, uint256 max);
    error StakingRateBoundsInvalid(uint256 minBps, uint256 maxBps);
    error StakingTipAboveMax(uint256 tip, uint256 max);
    error StakingStakeCapInvalid(uint256 cap);
    error StakingUnchanged();
    error StakingProposalAlreadyRecorded(uint256 proposalId);
    /// @notice The proposal is Pending, Active or Canceled.
    error StakingProposalNotFinished(uint256 proposalId, uint8 state);
    error StakingProposalBelowQuorum(uint256 proposalId, uint256 forVotes, uint256 quorum);
    /// @notice The proposal ended before the last one recorded: the record follows the order proposals ended.
    error StakingProposalOutOfOrder(uint256 proposalId, uint256 deadline, uint256 lastDeadline);

    event Staked(address indexed account, address indexed delegatee, uint256 amount);
    event Withdrawn(address indexed account, address indexed delegatee, uint256 amount);
    event DelegateeChanged(address indexed account, address indexed oldDelegatee, address indexed newDelegatee);
    event EarningPowerUpdated(address indexed account, uint256 oldEarningPower, uint256 newEarningPower);
    event Poked(address indexed account, address indexed poker, uint256 tip);
    event RewardPaid(address indexed account, uint256 reward);
    event RewardNotified(address indexed notifier, uint256 season, uint256 reward, uint256 reservoir);
    event RateUpdated(uint256 rewardRate, uint256 periodFinish);
    event NotifierUpdated(address indexed notifier, bool allowed);
    event SeasonAdded(uint256 indexed season, uint256 start, uint256 end, uint256 cap);
    event RewardDurationUpdated(uint256 oldDuration, uint256 newDuration);
    event RateBoundsUpdated(uint256 oldMinBps, uint256 oldMaxBps, uint256 newMinBps, uint256 newMaxBps);
    event PokeTipUpdated(uint256 oldTip, uint256 newTip);
    event StakeCapUpdated(uint256 oldCap, uint256 newCap);
    event SurrogateDeployed(address indexed delegatee, address surrogate);
    /// @notice `proposalId` joined the counted proposals at `index`.
    event ProposalRecorded(uint256 indexed proposalId, uint256 index, uint256 forVotes, uint256 quorum);

    function stake(uint256 amount, address delegatee) external;
    function stakeWithPermit(
        uint256 amount,
        address delegatee,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;
    function withdraw(uint256 amount) external;
    function changeDelegatee(address newDelegatee) external;
    function claimReward() external returns (uint256 reward);
    /// @notice Re-reads `account`'s delegatee status; pays the caller up to `pokeTip` from `account`'s rewards.
    function poke(address account) external returns (uint256 tip);
    /// @notice Accounts for ZK that arrived without a successful notification (within the season's cap).
    function notifyFreeBalance() external returns (uint256 reward);

    /// @notice Adds a finished proposal that reached quorum to the counted proposals. Anyone may call it.
    function recordProposal(uint256 proposalId) external;
    /// @notice How many proposals are counted.
    function recordedProposalCount() external view returns (uint256);
    /// @notice The `index`-th counted proposal (0 = the first recorded).
    function recordedProposalAt(uint256 index) external view returns (uint256);
    function isRecorded(uint256 proposalId) external view returns (bool);

    function isActive(address delegatee) external view returns (bool);
    function stakeOf(address account) external view returns (uint256);
    function earningPowerOf(address account) external view returns (uint256);
    function delegateeOf(address account) external view returns (address);
    function surrogates(address delegatee) external view returns (address);
    function totalStaked() external view returns (uint256);
    function totalEarningPower() external view returns (uint256);
    function earned(address account) external view returns (uint256);
    function reservoir() external view returns (uint256);
    function totalRewardsNotified() external view returns (uint256);
    function totalRewardsPaid() external view returns (uint256);
    function seasonCount() external view returns (uint256);
    function seasons(uint256 index) external view returns (uint64 start, uint64 end, uint128 cap, uint128 notified);

    function setNotifier(address notifier, bool allowed) external;
    function addSeason(uint64 start, uint64 end, uint128 cap) external;
    function setRewardDuration(uint256 newDuration) external;
    function setRateBounds(uint256 minBps, uint256 maxBps) external;
    function setPokeTip(uint256 newTip) external;
    function setStakeCap(uint256 newCap) external;
}
