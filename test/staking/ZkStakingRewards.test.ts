import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { ZkStakingRewards__factory, ZkToken__factory } from "../../typechain-types";
import { suiteFixture } from "../governance/fixture";
import { buildZip, loadZip } from "../../scripts/zip/zip";
import { simulate } from "../../scripts/zip/lifecycle";

const ZK = (n: number | string) => ethers.parseEther(String(n));
const WEEK = 7 * 24 * 3600;

describe("ZkStakingRewards", function () {
  async function stakingFixture() {
    const [deployer, gov, notifier, alice, bob, repA, repB] = await ethers.getSigners();
    const zk = await new ZkToken__factory(deployer).deploy(deployer.address, deployer.address, ZK(1_000_000_000));
    const staking = await new ZkStakingRewards__factory(deployer).deploy(gov.address, await zk.getAddress(), WEEK);
    await staking.connect(gov).setNotifier(notifier.address, true);
    for (const s of [alice, bob]) {
      await zk.transfer(s.address, ZK(1_000_000));
      await zk.connect(s).approve(await staking.getAddress(), ethers.MaxUint256);
    }
    const notify = async (amount: bigint) => {
      await zk.transfer(await staking.getAddress(), amount);
      return staking.connect(notifier).notifyRewardAmount(amount);
    };
    return { zk, staking, deployer, gov, notifier, alice, bob, repA, repB, notify };
  }

  it("keeps the voting power of staked ZK with the chosen delegatee", async function () {
    const { zk, staking, alice, repA } = await loadFixture(stakingFixture);
    await expect(staking.connect(alice).stake(ZK(100), repA.address))
      .to.emit(staking, "Staked")
      .withArgs(alice.address, repA.address, ZK(100));
    expect(await zk.getVotes(repA.address)).to.equal(ZK(100));
    expect(await staking.stakeOf(alice.address)).to.equal(ZK(100));
    expect(await zk.balanceOf(await staking.surrogates(repA.address))).to.equal(ZK(100));
  });

  it("moves stake and votes when the delegatee changes", async function () {
    const { zk, staking, alice, repA, repB } = await loadFixture(stakingFixture);
    await staking.connect(alice).stake(ZK(100), repA.address);
    await staking.connect(alice).stake(ZK(50), repB.address);
    expect(await zk.getVotes(repA.address)).to.equal(0n);
    expect(await zk.getVotes(repB.address)).to.equal(ZK(150));
    expect(await staking.delegateeOf(alice.address)).to.equal(repB.address);
  });

  it("withdraws stake and its votes, never more than staked", async function () {
    const { zk, staking, alice, repA } = await loadFixture(stakingFixture);
    await staking.connect(alice).stake(ZK(100), repA.address);
    await expect(staking.connect(alice).withdraw(ZK(101)))
      .to.be.revertedWithCustomError(staking, "StakingInsufficientStake")
      .withArgs(ZK(100), ZK(101));
    await expect(staking.connect(alice).withdraw(0)).to.be.revertedWithCustomError(staking, "StakingZeroAmount");
    await expect(staking.connect(alice).stake(0, repA.address)).to.be.revertedWithCustomError(
      staking,
      "StakingZeroAmount",
    );
    await expect(staking.connect(alice).stake(1, ethers.ZeroAddress)).to.be.revertedWithCustomError(
      staking,
      "StakingZeroAddress",
    );
    await expect(staking.connect(alice).withdraw(ZK(40))).to.changeTokenBalance(zk, alice, ZK(40));
    expect(await zk.getVotes(repA.address)).to.equal(ZK(60));
    expect(await staking.totalStaked()).to.equal(ZK(60));
  });

  it("streams a reward over the period, split by stake, to within 1 wei per staker", async function () {
    const { staking, alice, bob, repA, notify } = await loadFixture(stakingFixture);
    await staking.connect(alice).stake(ZK(300), repA.address);
    await staking.connect(bob).stake(ZK(100), repA.address);
    const reward = ZK(7_000);
    await notify(reward);
    await time.increase(WEEK + 10);
    const [a, b] = [await staking.earned(alice.address), await staking.earned(bob.address)];
    // Rounding: the rate is scaled by 1e18 and each share floored, so each staker loses at most 1 wei.
    expect((reward * 3n) / 4n - a).to.be.lessThanOrEqual(1n);
    expect(reward / 4n - b).to.be.lessThanOrEqual(1n);
    expect(a + b).to.be.lessThanOrEqual(reward);
    await expect(staking.connect(alice).claimReward()).to.emit(staking, "RewardPaid").withArgs(alice.address, a);
    expect(await staking.totalRewardsPaid()).to.equal(a);
    expect(await staking.connect(alice).claimReward.staticCall()).to.equal(0n);
  });

  it("accepts notifications only from notifiers, and only for ZK it holds beyond what it promised", async function () {
    const { zk, staking, alice, notifier, notify } = await loadFixture(stakingFixture);
    await expect(staking.connect(alice).notifyRewardAmount(1))
      .to.be.revertedWithCustomError(staking, "StakingUnauthorizedNotifier")
      .withArgs(alice.address);
    await notify(ZK(10));
    await expect(staking.connect(notifier).notifyRewardAmount(1))
      .to.be.revertedWithCustomError(staking, "StakingRewardExceedsBalance")
      .withArgs(1n, 0n);
    await zk.transfer(await staking.getAddress(), 5n);
    await expect(staking.connect(notifier).notifyRewardAmount(5n)).to.emit(staking, "RewardNotified");
  });

  it("bounds the reward duration, refuses a change mid-period, and lets only governance set anything", async function () {
    const { staking, gov, alice, notify } = await loadFixture(stakingFixture);
    const [min, max] = [await staking.MIN_REWARD_DURATION(), await staking.MAX_REWARD_DURATION()];
    await expect(staking.connect(gov).setRewardDuration(min - 1n))
      .to.be.revertedWithCustomError(staking, "StakingDurationBelowMin")
      .withArgs(min - 1n, min);
    await expect(staking.connect(gov).setRewardDuration(max + 1n))
      .to.be.revertedWithCustomError(staking, "StakingDurationAboveMax")
      .withArgs(max + 1n, max);
    await expect(staking.connect(gov).setRewardDuration(WEEK)).to.be.revertedWithCustomError(
      staking,
      "StakingUnchanged",
    );
    await expect(staking.connect(gov).setRewardDuration(min))
      .to.emit(staking, "RewardDurationUpdated")
      .withArgs(WEEK, min);
    await notify(ZK(1));
    await expect(staking.connect(gov).setRewardDuration(max)).to.be.revertedWithCustomError(
      staking,
      "StakingDurationDuringPeriod",
    );
    await expect(staking.connect(alice).setRewardDuration(max)).to.be.revertedWithCustomError(
      staking,
      "GovernedUnauthorized",
    );
    await expect(staking.connect(alice).setNotifier(alice.address, true)).to.be.revertedWithCustomError(
      staking,
      "GovernedUnauthorized",
    );
    await expect(staking.connect(gov).setNotifier(ethers.ZeroAddress, true)).to.be.revertedWithCustomError(
      staking,
      "StakingZeroAddress",
    );
    await expect(staking.connect(gov).setNotifier(alice.address, false)).to.be.revertedWithCustomError(
      staking,
      "StakingUnchanged",
    );
    await expect(staking.connect(gov).setNotifier(alice.address, true))
      .to.emit(staking, "NotifierUpdated")
      .withArgs(alice.address, true);
    await expect(
      new ZkStakingRewards__factory(alice).deploy(gov.address, ethers.ZeroAddress, WEEK),
    ).to.be.revertedWithCustomError(staking, "StakingZeroAddress");
  });

  it("end to end: a ZIP routes 20% of the distributor to staking; fees flow; stakers earn", async function () {
    const { token, distributor, staking, deployment, signers } = await loadFixture(suiteFixture);
    const built = await buildZip(hre, loadZip("proposals/staking-80-20.json"), deployment);
    await simulate(hre, built, deployment, () => undefined);
    const staker = signers[13];
    await token.transfer(staker.address, ZK(1_000));
    await token.connect(staker).approve(await staking.getAddress(), ethers.MaxUint256);
    await staking.connect(staker).stake(ZK(1_000), signers[14].address);
    await token.transfer(await distributor.getAddress(), ZK(10_000));
    const supply = await token.totalSupply();
    await distributor.distribute();
    expect(await token.totalSupply()).to.equal(supply - ZK(8_000));
    expect(await staking.totalRewardsNotified()).to.equal(ZK(2_000));
    await time.increase(WEEK + 1);
    expect(ZK(2_000) - (await staking.earned(staker.address))).to.be.lessThanOrEqual(1n);
  });
});
