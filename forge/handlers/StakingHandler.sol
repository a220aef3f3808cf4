// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ZkStakingRewards} from "../../contracts/staking/ZkStakingRewards.sol";
import {MockGovernorHistory} from "../../contracts/test/InteropMocks.sol";
import {ZkToken} from "../../contracts/token/ZkToken.sol";
import {Test} from "../base/Test.sol";

/// @notice Random stakes, withdrawals, delegatee changes, claims, pokes, notifications and governance history,
/// with ghost records of what inactive stakes earned while inactive.
contract StakingHandler is Test {
    ZkToken public immutable ZK;
    ZkStakingRewards public immutable STAKING;
    MockGovernorHistory public immutable HISTORY;
    address public immutable NOTIFIER;

    address[] public stakers;
    address[] public reps;
    /// @notice reps[0] votes on every proposal that matters; reps[2] never votes.
    uint256 public inactiveAccrualViolations;
    /// @notice Times a stake, withdrawal, delegatee change or poke brought the stream's end closer than both its
    /// old end and a full period from now.
    uint256 public streamShortenedByStake;
    /// @notice Per staker: its stake × time share of what streamed while it earned (the sum over each stretch of
    /// time of streamed × its earning power ÷ the total), and what it claimed.
    mapping(address staker => uint256) public fairShare;
    mapping(address staker => uint256) public claimed;
    /// @notice Stretches of time streamed: each may round the fair share down by 1 wei.
    uint256 public stretches;

    constructor(ZkToken zk, ZkStakingRewards staking, MockGovernorHistory history, address notifier) {
        (ZK, STAKING, HISTORY, NOTIFIER) = (zk, staking, history, notifier);
        for (uint160 i = 1; i <= 4; i++) stakers.push(address(i * 0x2000000));
        for (uint160 i = 1; i <= 3; i++) reps.push(address(i * 0x3000000));
    }

    function stakerCount() external view returns (uint256) {
        return stakers.length;
    }

    function repCount() external view returns (uint256) {
        return reps.length;
    }

    /// @dev Checks that what changes earning power never brings the stream's end closer than both its old end
    /// and a full period from now: stake cannot speed the stream up.
    modifier stakeMove() {
        uint256 endBefore = _streamEnd();
        uint256 rateBefore = STAKING.rewardRate();
        _;
        uint256 fullPeriod = block.timestamp + STAKING.rewardDuration();
        uint256 bound = endBefore < fullPeriod ? endBefore : fullPeriod;
        // Rounding: 1 s, and the time 1 wei of the reservoir lasts at the old rate (what is streamed is floored).
        uint256 slack = 1 + (rateBefore == 0 ? 0 : 1e18 / rateBefore);
        uint256 endAfter = _streamEnd();
        if (STAKING.reservoir() != 0 && endAfter < bound && bound - endAfter > slack) streamShortenedByStake++;
    }

    /// @dev When the reservoir runs out: at the current rate (the rate decides it, a rate above what the end
    /// needs empties the reservoir sooner), and never after the end while that lies ahead. While nothing earns,
    /// the stream waits with the time it had left.
    function _streamEnd() private view returns (uint256) {
        uint256 rate = STAKING.rewardRate();
        if (rate == 0) return type(uint256).max;
        uint256 finish = STAKING.periodFinish();
        if (STAKING.totalEarningPower() == 0) {
            uint256 last = STAKING.lastUpdate();
            return finish > last ? block.timestamp + (finish - last) : type(uint256).max;
        }
        uint256 atRate = block.timestamp + (STAKING.reservoir() * 1e18) / rate;
        return finish > block.timestamp && finish < atRate ? finish : atRate;
    }

    function stake(uint256 who, uint256 rep, uint256 amount) external stakeMove {
        address staker = stakers[who % stakers.length];
        amount = bound(amount, 1, ZK.balanceOf(staker) / 4 + 1);
        if (ZK.balanceOf(staker) < amount || STAKING.totalStaked() + amount > STAKING.stakeCap()) return;
        vm.prank(staker);
        STAKING.stake(amount, reps[rep % reps.length]);
    }

    function withdraw(uint256 who, uint256 amount) external stakeMove {
        address staker = stakers[who % stakers.length];
        uint256 staked = STAKING.stakeOf(staker);
        if (staked == 0) return;
        vm.prank(staker);
        STAKING.withdraw(bound(amount, 1, staked));
    }

    function changeDelegatee(uint256 who, uint256 rep) external stakeMove {
        address staker = stakers[who % stakers.length];
        address next = reps[rep % reps.length];
        if (STAKING.delegateeOf(staker) == next || STAKING.delegateeOf(staker) == address(0)) return;
        vm.prank(staker);
        STAKING.changeDelegatee(next);
    }

    function claim(uint256 who) external {
        address staker = stakers[who % stakers.length];
        vm.prank(staker);
        claimed[staker] += STAKING.claimReward();
    }

    function notify(uint256 amount) external {
        amount = bound(amount, 1, 100_000e18);
        (, , uint128 cap, uint128 notified) = STAKING.seasons(0);
        if (notified + amount > cap) return;
        vm.prank(NOTIFIER);
        ZK.transfer(address(STAKING), amount);
        vm.prank(NOTIFIER);
        STAKING.notifyRewardAmount(amount);
    }

    /// @dev A proposal in any state with any support. The diligent representative (reps[0]) votes in every proposal
    /// that reaches quorum; the absent one (reps[2]) never votes; reps[1] votes at random, on junk too. Anyone then
    /// tries to record it: only a finished proposal with quorum is counted, whatever junk or cancellations came before.
    function propose(uint256 stateSeed, uint256 forVotes, bool vote1) external {
        uint8 state = uint8(stateSeed % 8);
        forVotes = bound(forVotes, 0, 2 * HISTORY.quorumVotes());
        bool matters = forVotes >= HISTORY.quorumVotes();
        address[] memory voters = new address[](2);
        uint256 n;
        if (matters) voters[n++] = reps[0];
        if (vote1) voters[n++] = reps[1];
        address[] memory exact = new address[](n);
        for (uint256 i; i < n; i++) exact[i] = voters[i];
        uint256 id = HISTORY.addProposal(state, forVotes, exact);
        try STAKING.recordProposal(id) {
            assertTrue(state >= 3 && matters, "counted a proposal that did not matter");
        } catch {
            assertTrue(!(state >= 3 && matters), "refused a proposal that mattered");
            assertTrue(!STAKING.isCounted(id), "a refused proposal was counted");
        }
    }

    /// @dev Brings every stake's earning power in line with its delegatee's status.
    function pokeAll() external stakeMove {
        for (uint256 i; i < stakers.length; i++) {
            address staker = stakers[i];
            if (STAKING.stakeOf(staker) == 0) continue;
            bool shouldEarn = STAKING.isActive(STAKING.delegateeOf(staker));
            bool earns = STAKING.earningPowerOf(staker) != 0;
            if (shouldEarn != earns) STAKING.poke(staker);
        }
    }

    /// @dev Time passes; a stake with no earning power must earn nothing meanwhile, and each stake's fair share
    /// of what streamed grows by its earning power ÷ the total (earning power is constant within a stretch).
    function warp(uint256 seconds_) external {
        uint256[] memory before = new uint256[](stakers.length);
        for (uint256 i; i < stakers.length; i++) before[i] = STAKING.earned(stakers[i]);
        uint256 reservoirBefore = STAKING.reservoir();
        vm.warp(block.timestamp + bound(seconds_, 1, 10 days));
        uint256 streamed = reservoirBefore - STAKING.reservoir();
        uint256 total = STAKING.totalEarningPower();
        if (streamed != 0) stretches++;
        for (uint256 i; i < stakers.length; i++) {
            uint256 power = STAKING.earningPowerOf(stakers[i]);
            if (power == 0 && STAKING.earned(stakers[i]) != before[i]) inactiveAccrualViolations++;
            if (streamed != 0) fairShare[stakers[i]] += (streamed * power) / total;
        }
    }
}
