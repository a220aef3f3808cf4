// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IGovernorHistory} from "../contracts/interfaces/IZkStakingRewards.sol";
import {ZkStakingRewards} from "../contracts/staking/ZkStakingRewards.sol";
import {MockGovernorHistory} from "../contracts/test/InteropMocks.sol";
import {ZkToken} from "../contracts/token/ZkToken.sol";
import {Test} from "./base/Test.sol";
import {StakingHandler} from "./handlers/StakingHandler.sol";
import {RecordOrderHandler} from "./handlers/RecordOrderHandler.sol";

/// @notice The staking pilot's invariants: Σ stakes = staked balance, rewards paid ≤ rewards notified, no reward
/// accrues to inactive delegation, and the active-representative rule cannot be gamed with junk or cancelled
/// proposals: a representative who votes on everything that matters stays active, one who never votes is inactive
/// once history exists.
contract StakingInvariants is Test {
    ZkToken internal zk;
    ZkStakingRewards internal staking;
    StakingHandler internal handler;
    address internal constant GOV = address(0x7100);
    address internal constant NOTIFIER = address(0x7200);

    function setUp() public {
        zk = new ZkToken(address(this), address(this), 1_000_000_000e18);
        MockGovernorHistory history = new MockGovernorHistory();
        staking = new ZkStakingRewards(
            GOV,
            IERC20(address(zk)),
            IGovernorHistory(address(history)),
            7 days,
            500_000_000e18
        );
        vm.startPrank(GOV);
        staking.setNotifier(NOTIFIER, true);
        staking.addSeason(uint64(block.timestamp), uint64(block.timestamp + 3650 days), 100_000_000e18);
        staking.setPokeTip(1e18);
        vm.stopPrank();
        handler = new StakingHandler(zk, staking, history, NOTIFIER);
        for (uint256 i; i < handler.stakerCount(); i++) {
            address staker = handler.stakers(i);
            zk.transfer(staker, 50_000_000e18);
            vm.prank(staker);
            zk.approve(address(staking), type(uint256).max);
        }
        zk.transfer(NOTIFIER, 200_000_000e18);
        targetContract(address(handler));
    }

    function invariant_stakesSumToStakedBalance() public view {
        uint256 sumStakes;
        for (uint256 i; i < handler.stakerCount(); i++) sumStakes += staking.stakeOf(handler.stakers(i));
        uint256 held;
        for (uint256 i; i < handler.repCount(); i++) {
            address surrogate = staking.surrogates(handler.reps(i));
            if (surrogate != address(0)) held += zk.balanceOf(surrogate);
        }
        assertEq(sumStakes, staking.totalStaked(), "stakes != totalStaked");
        assertEq(held, staking.totalStaked(), "surrogate balances != totalStaked");
    }

    function invariant_rewardsPaidNeverExceedNotified() public view {
        assertLe(staking.totalRewardsPaid(), staking.totalRewardsNotified(), "paid more than notified");
        uint256 owed;
        for (uint256 i; i < handler.stakerCount(); i++) owed += staking.earned(handler.stakers(i));
        assertLe(
            staking.totalRewardsPaid() + owed + staking.reservoir(),
            staking.totalRewardsNotified(),
            "paid + owed + reservoir above notified"
        );
        assertLe(
            staking.totalRewardsNotified() - staking.totalRewardsPaid(),
            zk.balanceOf(address(staking)),
            "promised rewards not covered by the balance"
        );
    }

    function invariant_noRewardAccruesToInactiveDelegation() public view {
        assertEq(handler.inactiveAccrualViolations(), 0, "an inactive stake earned");
    }

    function invariant_diligentRepresentativeStaysActive() public view {
        assertTrue(staking.isActive(handler.reps(0)), "junk or cancelled proposals made a diligent rep inactive");
    }

    /// @notice Fairness: a stake, withdrawal, delegatee change or poke never brings the stream's end closer than
    /// both its old end and a full period from now (stake that arrives just in time cannot speed the stream up).
    function invariant_stakeNeverShortensTheStream() public view {
        assertEq(handler.streamShortenedByStake(), 0, "a stake move shortened the stream");
    }

    /// @notice Fairness: no position earns more than its stake × time share of what streamed while it earned
    /// (each stretch of time: streamed × its earning power ÷ the total), plus 1 wei of rounding per stretch.
    function invariant_noPositionEarnsMoreThanItsTimeStakeShare() public view {
        for (uint256 i; i < handler.stakerCount(); i++) {
            address staker = handler.stakers(i);
            assertLe(
                staking.earned(staker) + handler.claimed(staker),
                handler.fairShare(staker) + handler.stretches(),
                "a position earned more than its stake x time share"
            );
        }
    }

    /// @notice The band's top: the stream never pays more than the ceiling a year of the earning stake.
    function invariant_rateNeverAboveCeiling() public view {
        uint256 power = staking.totalEarningPower();
        if (power == 0) return;
        assertLe(
            staking.rewardRate(),
            (power * staking.maxRateBps() * 1e18) / (10_000 * 365 days),
            "the stream pays above the ceiling"
        );
    }

    function invariant_absentDelegateInactiveOnceHistoryExists() public view {
        if (staking.countedProposals().length >= staking.VOTES_REQUIRED()) {
            assertTrue(!staking.isActive(handler.reps(2)), "a delegate who never votes counts as active");
        }
    }
}

/// @notice The record of counted proposals cannot be steered by whoever records first: two pilots offered the same
/// proposals in different orders count the same ones, namely the 5 latest-ending of them.
contract StakingRecordOrderInvariants is Test {
    ZkStakingRewards internal first;
    ZkStakingRewards internal second;
    RecordOrderHandler internal handler;

    function setUp() public {
        ZkToken zk = new ZkToken(address(this), address(this), 1e18);
        MockGovernorHistory history = new MockGovernorHistory();
        first = new ZkStakingRewards(address(1), IERC20(address(zk)), IGovernorHistory(address(history)), 7 days, 1);
        second = new ZkStakingRewards(address(1), IERC20(address(zk)), IGovernorHistory(address(history)), 7 days, 1);
        handler = new RecordOrderHandler(first, second, history);
        targetContract(address(handler));
    }

    function invariant_countedProposalsDoNotDependOnRecordOrder() public view {
        uint256[] memory expected = handler.expectedFirst();
        uint256[] memory counted = first.countedProposals();
        assertEq(counted.length, expected.length, "counted a different number of proposals than the 5 latest");
        for (uint256 i; i < counted.length; i++) assertEq(counted[i], expected[i], "not the 5 latest-ending");
        if (handler.caughtUp()) {
            uint256[] memory other = second.countedProposals();
            assertEq(other.length, counted.length, "another order counted a different number");
            for (uint256 i; i < counted.length; i++) assertEq(other[i], counted[i], "another order counted others");
        }
    }
}
