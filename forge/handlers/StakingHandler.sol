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

    function stake(uint256 who, uint256 rep, uint256 amount) external {
        address staker = stakers[who % stakers.length];
        amount = bound(amount, 1, ZK.balanceOf(staker) / 4 + 1);
        if (ZK.balanceOf(staker) < amount || STAKING.totalStaked() + amount > STAKING.stakeCap()) return;
        vm.prank(staker);
        STAKING.stake(amount, reps[rep % reps.length]);
    }

    function withdraw(uint256 who, uint256 amount) external {
        address staker = stakers[who % stakers.length];
        uint256 staked = STAKING.stakeOf(staker);
        if (staked == 0) return;
        vm.prank(staker);
        STAKING.withdraw(bound(amount, 1, staked));
    }

    function changeDelegatee(uint256 who, uint256 rep) external {
        address staker = stakers[who % stakers.length];
        address next = reps[rep % reps.length];
        if (STAKING.delegateeOf(staker) == next || STAKING.delegateeOf(staker) == address(0)) return;
        vm.prank(staker);
        STAKING.changeDelegatee(next);
    }

    function claim(uint256 who) external {
        vm.prank(stakers[who % stakers.length]);
        STAKING.claimReward();
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
        uint256 before = STAKING.recordedProposalCount();
        try STAKING.recordProposal(id) {
            assertTrue(state >= 3 && matters, "counted a proposal that did not matter");
        } catch {
            assertTrue(!(state >= 3 && matters), "refused a proposal that mattered");
            assertEq(STAKING.recordedProposalCount(), before, "a refused proposal was counted");
        }
    }

    /// @dev Brings every stake's earning power in line with its delegatee's status.
    function pokeAll() external {
        for (uint256 i; i < stakers.length; i++) {
            address staker = stakers[i];
            if (STAKING.stakeOf(staker) == 0) continue;
            bool shouldEarn = STAKING.isActive(STAKING.delegateeOf(staker));
            bool earns = STAKING.earningPowerOf(staker) != 0;
            if (shouldEarn != earns) STAKING.poke(staker);
        }
    }

    /// @dev Time passes; a stake with no earning power must earn nothing meanwhile.
    function warp(uint256 seconds_) external {
        uint256[] memory before = new uint256[](stakers.length);
        for (uint256 i; i < stakers.length; i++) before[i] = STAKING.earned(stakers[i]);
        vm.warp(block.timestamp + bound(seconds_, 1, 10 days));
        for (uint256 i; i < stakers.length; i++) {
            if (STAKING.earningPowerOf(stakers[i]) == 0 && STAKING.earned(stakers[i]) != before[i]) {
                inactiveAccrualViolations++;
            }
        }
    }
}
