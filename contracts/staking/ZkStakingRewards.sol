// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Arrays} from "@openzeppelin/contracts/utils/Arrays.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IGovernorHistory, IZkStakingRewards} from "../interfaces/IZkStakingRewards.sol";
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
/// @dev No reentrancy guard: every external call goes to the ZK token (no transfer hooks), to surrogates this
/// contract deploys, or (views only) to the governor. One contract holds the whole pilot's state on purpose, so
/// the state count is above solhint's default.
// solhint-disable-next-line max-states-count
contract ZkStakingRewards is IZkStakingRewards, Governed {
    using SafeERC20 for IERC20;
    using Arrays for uint256[];

    /// @notice Shorter streams turn rewards into a race to stake just before a notification.
    uint256 public constant MIN_REWARD_DURATION = 1 days;
    /// @notice Longer streams pay today's stakers for years.
    uint256 public constant MAX_REWARD_DURATION = 365 days;
    /// @notice The yearly rate ceiling governance may set: 3% to 10% of the earning stake.
    uint256 public constant MIN_RATE_BPS = 300;
    uint256 public constant MAX_RATE_BPS = 1_000;
    /// @notice A poke tip above 10 ZK would make poking a business rather than upkeep.
    uint256 public constant MAX_POKE_TIP = 10e18;
    /// @notice A season cap above 100M ZK is beyond anything the pilot contemplates (live: 10M, then 25M).
    uint256 public constant MAX_SEASON_CAP = 100_000_000e18;
    /// @notice Active representative: at least VOTES_REQUIRED votes in the last LOOKBACK counted proposals.
    uint256 public constant LOOKBACK = 5;
    uint256 public constant VOTES_REQUIRED = 2;
    uint8 private constant CANCELED = 2;
    uint8 private constant DEFEATED = 3;
    uint256 private constant PRECISION = 1e18;
    uint256 private constant YEAR = 365 days;
    uint256 private constant BPS = 10_000;

    IERC20 public immutable ZK;
    IGovernorHistory public immutable GOVERNOR;

    uint256 public rewardDuration;
    /// @inheritdoc IZkStakingRewards
    uint256 public maxRateBps;
    uint256 public pokeTip;
    uint256 public stakeCap;

    /// @notice Reward per second, scaled by 1e18.
    uint256 public rewardRate;
    uint256 public periodFinish;
    uint256 public lastUpdate;
    /// @notice Reward per unit of earning power, scaled by 1e36.
    uint256 public rewardPerPowerStored;
    /// @dev Rewards notified and not yet streamed, as of `lastUpdate`.
    uint256 private _reservoir;

    /// @inheritdoc IZkStakingRewards
    uint256 public totalStaked;
    /// @inheritdoc IZkStakingRewards
    uint256 public totalEarningPower;
    /// @inheritdoc IZkStakingRewards
    uint256 public totalRewardsNotified;
    /// @inheritdoc IZkStakingRewards
    uint256 public totalRewardsPaid;

    mapping(address account => uint256) public stakeOf;
    mapping(address account => uint256) public earningPowerOf;
    mapping(address account => address) public delegateeOf;
    mapping(address delegatee => address) public surrogates;
    mapping(address notifier => bool) public isNotifier;
    mapping(address account => uint256) private _paidPerPower;
    mapping(address account => uint256) private _owed;
    Season[] private _seasons;
    /// @dev Each season's end, in order: a binary search finds the current season in O(log n) gas.
    uint256[] private _seasonEnds;
    /// @dev The last LOOKBACK counted proposals, sorted by (deadline, id), oldest first.
    uint256[] private _counted;

    constructor(
        address initialGovernance,
        IERC20 zk,
        IGovernorHistory governor,
        uint256 initialDuration,
        uint256 initialStakeCap
    ) Governed(initialGovernance) {
        require(address(zk) != address(0) && address(governor) != address(0), StakingZeroAddress());
        ZK = zk;
        GOVERNOR = governor;
        _setRewardDuration(initialDuration);
        _setMaxRate(MAX_RATE_BPS);
        _setStakeCap(initialStakeCap);
    }

    // ---- stakers ----

    /// @inheritdoc IZkStakingRewards
    function stake(uint256 amount, address delegatee) public {
        _settle(msg.sender);
        require(amount != 0, StakingZeroAmount());
        require(delegatee != address(0), StakingZeroAddress());
        require(totalStaked + amount <= stakeCap, StakingStakeCapExceeded(totalStaked + amount, stakeCap));
        if (delegateeOf[msg.sender] != delegatee) _moveStake(msg.sender, delegatee);
        stakeOf[msg.sender] += amount;
        totalStaked += amount;
        ZK.safeTransferFrom(msg.sender, _surrogate(delegatee), amount);
        emit Staked(msg.sender, delegatee, amount);
        _updateEarningPower(msg.sender);
    }

    /// @inheritdoc IZkStakingRewards
    function stakeWithPermit(
        uint256 amount,
        address delegatee,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        // A permit front-run by someone else still set the allowance; the stake goes through on it.
        try IERC20Permit(address(ZK)).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        stake(amount, delegatee);
    }

    /// @inheritdoc IZkStakingRewards
    function withdraw(uint256 amount) external {
        _settle(msg.sender);
        require(amount != 0, StakingZeroAmount());
        uint256 existing = stakeOf[msg.sender];
        require(amount <= existing, StakingInsufficientStake(existing, amount));
        stakeOf[msg.sender] = existing - amount;
        totalStaked -= amount;
        address delegatee = delegateeOf[msg.sender];
        ZK.safeTransferFrom(surrogates[delegatee], msg.sender, amount);
        emit Withdrawn(msg.sender, delegatee, amount);
        _updateEarningPower(msg.sender);
    }

    /// @inheritdoc IZkStakingRewards
    function changeDelegatee(address newDelegatee) external {
        _settle(msg.sender);
        require(newDelegatee != address(0), StakingZeroAddress());
        require(newDelegatee != delegateeOf[msg.sender], StakingUnchanged());
        _moveStake(msg.sender, newDelegatee);
        _updateEarningPower(msg.sender);
    }

    /// @inheritdoc IZkStakingRewards
    function claimReward() external returns (uint256 reward) {
        _settle(msg.sender);
        reward = _owed[msg.sender];
        if (reward == 0) return 0;
        _owed[msg.sender] = 0;
        totalRewardsPaid += reward;
        ZK.safeTransfer(msg.sender, reward);
        emit RewardPaid(msg.sender, reward);
    }

    /// @inheritdoc IZkStakingRewards
    function poke(address account) external returns (uint256 tip) {
        _settle(account);
        uint256 old = earningPowerOf[account];
        uint256 fresh = _earningPower(account);
        require(fresh != old, StakingPokeUnchanged(account));
        _updateEarningPower(account);
        tip = _owed[account] < pokeTip ? _owed[account] : pokeTip;
        if (tip != 0) {
            _owed[account] -= tip;
            totalRewardsPaid += tip;
            ZK.safeTransfer(msg.sender, tip);
        }
        emit Poked(account, msg.sender, tip);
    }

    // ---- rewards in ----

    /// @inheritdoc IRewardNotifiable
    function notifyRewardAmount(uint256 reward) external {
        require(isNotifier[msg.sender], StakingUnauthorizedNotifier(msg.sender));
        require(reward != 0, StakingZeroAmount());
        uint256 available = _freeBalance();
        require(reward <= available, StakingRewardExceedsBalance(reward, available));
        _notify(reward);
    }

    /// @inheritdoc IZkStakingRewards
    function notifyFreeBalance() external returns (uint256 reward) {
        reward = _freeBalance();
        require(reward != 0, StakingZeroAmount());
        _notify(reward);
    }

    // ---- governance history ----

    /// @inheritdoc IZkStakingRewards
    function recordProposal(uint256 proposalId) external {
        require(!isCounted(proposalId), StakingProposalAlreadyCounted(proposalId));
        uint8 state = GOVERNOR.state(proposalId);
        require(state >= DEFEATED, StakingProposalNotFinished(proposalId, state));
        (, uint256 forVotes, ) = GOVERNOR.proposalVotes(proposalId);
        uint256 quorum = GOVERNOR.quorum(GOVERNOR.proposalSnapshot(proposalId));
        require(forVotes >= quorum, StakingProposalBelowQuorum(proposalId, forVotes, quorum));
        uint256 deadline = GOVERNOR.proposalDeadline(proposalId);

        uint256 count = _counted.length;
        bool full = count == LOOKBACK;
        uint256 retired;
        if (full) {
            // Full: the newcomer must end after the oldest counted proposal, which then leaves the window.
            retired = _counted[0];
            uint256 oldestDeadline = GOVERNOR.proposalDeadline(retired);
            require(
                _endsAfter(deadline, proposalId, oldestDeadline, retired),
                StakingProposalTooOld(proposalId, deadline, oldestDeadline)
            );
            for (uint256 i = 1; i < count; ++i) _counted[i - 1] = _counted[i];
            _counted.pop();
            --count;
        }
        // Insertion sort: shift every proposal that ends after the newcomer one place up.
        _counted.push(proposalId);
        uint256 slot = count;
        while (slot != 0) {
            uint256 before = _counted[slot - 1];
            if (!_endsAfter(GOVERNOR.proposalDeadline(before), before, deadline, proposalId)) break;
            _counted[slot] = before;
            --slot;
        }
        _counted[slot] = proposalId;
        emit ProposalRecorded(proposalId, deadline, forVotes, quorum);
        if (full) emit ProposalRetired(retired);
    }

    // ---- views ----

    /// @inheritdoc IZkStakingRewards
    function isActive(address delegatee) public view returns (bool) {
        uint256 window = _counted.length;
        if (window < VOTES_REQUIRED) return true;
        uint256 votes;
        for (uint256 i; i < window; ++i) {
            if (GOVERNOR.hasVoted(_counted[window - 1 - i], delegatee)) {
                // Enough votes already: no need to read further back.
                if (++votes == VOTES_REQUIRED) return true;
            } else if (i + 1 - votes > window - VOTES_REQUIRED) {
                // Too many misses to reach VOTES_REQUIRED within the window.
                return false;
            }
        }
        return false;
    }

    /// @inheritdoc IZkStakingRewards
    function countedProposals() external view returns (uint256[] memory) {
        return _counted;
    }

    /// @inheritdoc IZkStakingRewards
    function isCounted(uint256 proposalId) public view returns (bool) {
        uint256 window = _counted.length;
        for (uint256 i; i < window; ++i) if (_counted[i] == proposalId) return true;
        return false;
    }

    /// @inheritdoc IZkStakingRewards
    function reservoir() external view returns (uint256) {
        (, uint256 streamed) = _accrued();
        return _reservoir - streamed;
    }

    function rewardPerPower() public view returns (uint256) {
        (uint256 perPower, ) = _accrued();
        return perPower;
    }

    /// @inheritdoc IZkStakingRewards
    function earned(address account) public view returns (uint256) {
        return
            _owed[account] +
            (earningPowerOf[account] * (rewardPerPower() - _paidPerPower[account])) / (PRECISION * PRECISION);
    }

    /// @inheritdoc IZkStakingRewards
    function seasonCount() external view returns (uint256) {
        return _seasons.length;
    }

    /// @inheritdoc IZkStakingRewards
    function seasons(uint256 index) external view returns (uint64 start, uint64 end, uint128 cap, uint128 notified) {
        Season memory season = _seasons[index];
        return (season.start, season.end, season.cap, season.notified);
    }

    // ---- governance ----

    /// @inheritdoc IZkStakingRewards
    function setNotifier(address notifier, bool allowed) external onlyGovernance {
        require(notifier != address(0), StakingZeroAddress());
        require(isNotifier[notifier] != allowed, StakingUnchanged());
        isNotifier[notifier] = allowed;
        emit NotifierUpdated(notifier, allowed);
    }

    /// @inheritdoc IZkStakingRewards
    function addSeason(uint64 start, uint64 end, uint128 cap) external onlyGovernance {
        uint256 previousEnd = _seasons.length == 0 ? 0 : _seasons[_seasons.length - 1].end;
        require(
            start >= previousEnd && end > start && cap != 0 && cap <= MAX_SEASON_CAP,
            StakingInvalidSeason(start, end, cap)
        );
        _seasons.push(Season(start, end, cap, 0));
        _seasonEnds.push(end);
        emit SeasonAdded(_seasons.length - 1, start, end, cap);
    }

    /// @inheritdoc IZkStakingRewards
    function setRewardDuration(uint256 newDuration) external onlyGovernance {
        _setRewardDuration(newDuration);
    }

    /// @inheritdoc IZkStakingRewards
    function setMaxRate(uint256 maxBps) external onlyGovernance {
        // Settle at the old ceiling before the rate changes.
        _settle(address(0));
        _setMaxRate(maxBps);
        _updateRate();
    }

    /// @inheritdoc IZkStakingRewards
    function setPokeTip(uint256 newTip) external onlyGovernance {
        require(newTip <= MAX_POKE_TIP, StakingTipAboveMax(newTip, MAX_POKE_TIP));
        require(newTip != pokeTip, StakingUnchanged());
        emit PokeTipUpdated(pokeTip, newTip);
        pokeTip = newTip;
    }

    /// @inheritdoc IZkStakingRewards
    function setStakeCap(uint256 newCap) external onlyGovernance {
        _setStakeCap(newCap);
    }

    // ---- internals ----

    /// @dev Streams the reservoir up to now at the current rate, only while something earns.
    function _accrued() private view returns (uint256 perPower, uint256 streamed) {
        perPower = rewardPerPowerStored;
        uint256 end = block.timestamp < periodFinish ? block.timestamp : periodFinish;
        if (totalEarningPower == 0 || end <= lastUpdate) return (perPower, 0);
        streamed = ((end - lastUpdate) * rewardRate) / PRECISION;
        if (streamed > _reservoir) streamed = _reservoir;
        perPower += (streamed * PRECISION * PRECISION) / totalEarningPower;
    }

    function _settle(address account) private {
        (uint256 perPower, uint256 streamed) = _accrued();
        rewardPerPowerStored = perPower;
        _reservoir -= streamed;
        // While nothing earns, time does not consume the reservoir: the stream simply waits, its end moving with
        // the clock, so the first stake after a wait does not find the stream nearly over.
        if (totalEarningPower == 0 && periodFinish > lastUpdate) periodFinish += block.timestamp - lastUpdate;
        lastUpdate = block.timestamp;
        if (account != address(0)) {
            _owed[account] += (earningPowerOf[account] * (perPower - _paidPerPower[account])) / (PRECISION * PRECISION);
            _paidPerPower[account] = perPower;
        }
    }

    function _notify(uint256 reward) private {
        uint256 index = _currentSeason();
        Season storage season = _seasons[index];
        uint256 notified = season.notified + reward;
        require(notified <= season.cap, StakingSeasonCapExceeded(index, notified, season.cap));
        _settle(address(0));
        season.notified = uint128(notified);
        // The end moves to the reward-weighted mean of what was left and a full period: dust barely moves it.
        uint256 left = _reservoir;
        uint256 remaining = periodFinish > block.timestamp ? periodFinish - block.timestamp : 0;
        periodFinish = block.timestamp + (left * remaining + reward * rewardDuration) / (left + reward);
        _reservoir = left + reward;
        totalRewardsNotified += reward;
        emit RewardNotified(msg.sender, index, reward, _reservoir);
        _updateRate();
    }

    /// @dev The reservoir spread over what is left of the stream, never more than a full period away, and never
    /// faster than the ceiling: over it, the rest waits and the end moves out until the reservoir lasts at the
    /// ceiling. An end the ceiling pushed out comes back (to a full period at most) as soon as the ceiling allows.
    /// Stake never speeds the stream up: it can only lift a ceiling that held the stream back.
    function _updateRate() private {
        uint256 left = _reservoir;
        if (left == 0) {
            rewardRate = 0;
            emit RateUpdated(0, periodFinish);
            return;
        }
        uint256 duration = rewardDuration;
        uint256 remaining = periodFinish > block.timestamp ? periodFinish - block.timestamp : duration;
        if (remaining > duration) remaining = duration;
        uint256 rate = (left * PRECISION) / remaining;
        uint256 ceiling = (totalEarningPower * maxRateBps * PRECISION) / (BPS * YEAR);
        if (ceiling != 0 && rate > ceiling) {
            rate = ceiling;
            remaining = (left * PRECISION) / rate;
        }
        periodFinish = block.timestamp + remaining;
        rewardRate = rate;
        emit RateUpdated(rate, periodFinish);
    }

    function _earningPower(address account) private view returns (uint256) {
        address delegatee = delegateeOf[account];
        return delegatee != address(0) && isActive(delegatee) ? stakeOf[account] : 0;
    }

    function _updateEarningPower(address account) private {
        uint256 old = earningPowerOf[account];
        uint256 fresh = _earningPower(account);
        if (fresh == old) return;
        earningPowerOf[account] = fresh;
        totalEarningPower = totalEarningPower - old + fresh;
        emit EarningPowerUpdated(account, old, fresh);
        _updateRate();
    }

    function _moveStake(address account, address newDelegatee) private {
        address old = delegateeOf[account];
        uint256 existing = stakeOf[account];
        address target = _surrogate(newDelegatee);
        if (old != address(0) && existing != 0) ZK.safeTransferFrom(surrogates[old], target, existing);
        delegateeOf[account] = newDelegatee;
        emit DelegateeChanged(account, old, newDelegatee);
    }

    function _surrogate(address delegatee) private returns (address surrogate) {
        surrogate = surrogates[delegatee];
        if (surrogate == address(0)) {
            surrogate = address(new DelegationSurrogate(ZK, delegatee));
            surrogates[delegatee] = surrogate;
            emit SurrogateDeployed(delegatee, surrogate);
        }
    }

    /// @dev ZK here that no one has been promised: not in the reservoir, not owed, not yet accounted.
    function _freeBalance() private view returns (uint256) {
        return ZK.balanceOf(address(this)) - (totalRewardsNotified - totalRewardsPaid);
    }

    /// @dev Seasons are sorted and never overlap: the current one is the first that ends after now, found by
    /// binary search, so seasons that ended cost O(log n) reads in total, never one each.
    function _currentSeason() private view returns (uint256 index) {
        index = _seasonEnds.upperBound(block.timestamp);
        require(
            index < _seasons.length && _seasons[index].start <= block.timestamp,
            StakingNoActiveSeason(block.timestamp)
        );
    }

    /// @dev Whether proposal (deadline, id) ends after (otherDeadline, otherId): by deadline, ties by id.
    function _endsAfter(
        uint256 deadline,
        uint256 id,
        uint256 otherDeadline,
        uint256 otherId
    ) private pure returns (bool) {
        return deadline > otherDeadline || (deadline == otherDeadline && id > otherId);
    }

    function _setRewardDuration(uint256 newDuration) private {
        require(newDuration >= MIN_REWARD_DURATION, StakingDurationBelowMin(newDuration, MIN_REWARD_DURATION));
        require(newDuration <= MAX_REWARD_DURATION, StakingDurationAboveMax(newDuration, MAX_REWARD_DURATION));
        uint256 old = rewardDuration;
        require(newDuration != old, StakingUnchanged());
        rewardDuration = newDuration;
        emit RewardDurationUpdated(old, newDuration);
    }

    function _setMaxRate(uint256 maxBps) private {
        require(maxBps >= MIN_RATE_BPS && maxBps <= MAX_RATE_BPS, StakingMaxRateInvalid(maxBps));
        require(maxBps != maxRateBps, StakingUnchanged());
        emit MaxRateUpdated(maxRateBps, maxBps);
        maxRateBps = maxBps;
    }

    function _setStakeCap(uint256 newCap) private {
        require(newCap != 0 && newCap <= 21_000_000_000e18, StakingStakeCapInvalid(newCap));
        require(newCap != stakeCap, StakingUnchanged());
        emit StakeCapUpdated(stakeCap, newCap);
        stakeCap = newCap;
    }
}
