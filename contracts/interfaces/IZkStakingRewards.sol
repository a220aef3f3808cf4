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
/// last 5 counted proposals of the governor, read on-chain. Anyone may poke a stake whose delegatee's status
/// changed, for a bounded tip taken from that stake's rewards. Rewards are capped per season.
///
/// Counted proposals. Anyone may count a proposal with `recordProposal` once it has finished (Defeated, Succeeded,
/// Queued, Expired or Executed: never Pending, Active or Canceled) and reached quorum in For votes
/// (`forVotes >= quorum(proposalSnapshot)`, as ZK Nation counts quorum). The contract keeps the 5 latest-ending
/// counted proposals, sorted by deadline (ties by id), and accepts any proposal that ends after the oldest of them
/// (any at all while fewer than 5 are kept); the oldest then leaves. So the kept set is always the 5 latest-ending
/// of every proposal anyone recorded, whatever the order of the calls: the first caller cannot choose which
/// proposals count. A delegatee is active when it voted (`hasVoted`, any non-zero weight) in at least 2 of them.
/// Until 2 proposals are counted every delegatee counts as active (nothing to judge yet); once they are, that
/// state never comes back. A proposal below quorum or cancelled cannot be counted, and reaching quorum costs real
/// support. Works with any OpenZeppelin Governor, 4.9 or 5.x: nothing is enumerated.
///
/// The stream. A notification adds its reward to the reservoir and moves the end of the stream to the
/// reward-weighted mean of what was left and a full new period: `remaining' = (reservoir × remaining + reward ×
/// rewardDuration) / (reservoir + reward)`; a dust notification barely moves the end, so it cannot slow a stream.
/// The reservoir streams evenly until that end, so over time every position earns its stake × time share of
/// what streamed while it was staked. Stake never speeds the stream up: there is no rate floor that would make
/// the reservoir run out sooner when stake arrives (a floor on the stake earning *now* let a holder who staked
/// just after a notification take most of a stream in days). The stream pays at least the reservoir over one
/// period, so at least 3% a year whenever the reservoir holds a period's worth of 3%. The ceiling (`maxRateBps`,
/// 3% to 10% a year of the earning stake, default 10%) holds the stream back when little stake earns: the rest
/// waits and the end moves out; when more stake earns, the end comes back to the larger of one period and the
/// reservoir ÷ the new ceiling rate.
/// @dev Warning: notifiers must transfer the ZK before notifying. A proposal nobody records does not count; the
/// tooling records every countable proposal of the governor (`staking:record`, the keeper, `zip:execute`), and
/// anyone can. A counted proposal stays counted if the guardian later cancels it while queued: it reached quorum,
/// so it mattered.
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
    /// @notice The ceiling must lie within MIN_RATE_BPS and MAX_RATE_BPS.
    error StakingMaxRateInvalid(uint256 maxBps);
    error StakingTipAboveMax(uint256 tip, uint256 max);
    error StakingStakeCapInvalid(uint256 cap);
    error StakingUnchanged();
    error StakingProposalAlreadyCounted(uint256 proposalId);
    /// @notice The proposal is Pending, Active or Canceled.
    error StakingProposalNotFinished(uint256 proposalId, uint8 state);
    error StakingProposalBelowQuorum(uint256 proposalId, uint256 forVotes, uint256 quorum);
    /// @notice 5 proposals are counted and this one ended before the oldest of them: it can no longer matter.
    error StakingProposalTooOld(uint256 proposalId, uint256 deadline, uint256 oldestDeadline);

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
    event MaxRateUpdated(uint256 oldMaxBps, uint256 newMaxBps);
    event PokeTipUpdated(uint256 oldTip, uint256 newTip);
    event StakeCapUpdated(uint256 oldCap, uint256 newCap);
    event SurrogateDeployed(address indexed delegatee, address surrogate);
    /// @notice `proposalId` (voting ended at `deadline`) joined the counted proposals.
    event ProposalRecorded(uint256 indexed proposalId, uint256 deadline, uint256 forVotes, uint256 quorum);
    /// @notice `proposalId`, the oldest of 5, left the counted proposals when a later-ending one was counted.
    event ProposalRetired(uint256 indexed proposalId);

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

    /// @notice Counts a finished proposal that reached quorum and ends after the oldest of the 5 counted (if 5
    /// are). Anyone may call it, in any order.
    function recordProposal(uint256 proposalId) external;
    /// @notice The counted proposals (at most 5), oldest-ending first.
    function countedProposals() external view returns (uint256[] memory);
    function isCounted(uint256 proposalId) external view returns (bool);

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
    /// @notice The yearly rate ceiling, in basis points of the earning stake.
    function maxRateBps() external view returns (uint256);
    function setMaxRate(uint256 maxBps) external;
    function setPokeTip(uint256 newTip) external;
    function setStakeCap(uint256 newCap) external;
}
