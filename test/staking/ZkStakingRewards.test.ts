import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { MockProposalHistory__factory, ZkStakingRewards__factory, ZkToken__factory } from "../../typechain-types";
import { suiteFixture } from "../governance/fixture";
import { buildZip, loadZip } from "../../scripts/zip/zip";
import { simulate } from "../../scripts/zip/lifecycle";
import { signPermit } from "../../scripts/permit";

const ZK = (n: number | string) => ethers.parseEther(String(n));
const WEEK = 7 * 24 * 3600;
const YEAR = 365 * 24 * 3600;
const [PENDING, ACTIVE, CANCELED, DEFEATED, SUCCEEDED, , , EXECUTED] = [0, 1, 2, 3, 4, 5, 6, 7];

describe("ZkStakingRewards (staking pilot)", function () {
  async function stakingFixture() {
    const [deployer, gov, notifier, alice, bob, repA, repB, poker] = await ethers.getSigners();
    const zk = await new ZkToken__factory(deployer).deploy(deployer.address, deployer.address, ZK(1_000_000_000));
    const history = await new MockProposalHistory__factory(deployer).deploy();
    const staking = await new ZkStakingRewards__factory(deployer).deploy(
      gov.address,
      await zk.getAddress(),
      await history.getAddress(),
      WEEK,
      ZK(10_000_000),
    );
    await staking.connect(gov).setNotifier(notifier.address, true);
    const now = await time.latest();
    await staking.connect(gov).addSeason(now, now + YEAR, ZK(10_000_000));
    for (const s of [alice, bob]) {
      await zk.transfer(s.address, ZK(2_000_000));
      await zk.connect(s).approve(await staking.getAddress(), ethers.MaxUint256);
    }
    const notify = async (amount: bigint) => {
      await zk.transfer(await staking.getAddress(), amount);
      return staking.connect(notifier).notifyRewardAmount(amount);
    };
    /** Two finished proposals in which only repA voted: repA is active, repB is not. */
    const onlyRepAActive = async () => {
      await history.addProposal(EXECUTED, [repA.address]);
      await history.addProposal(DEFEATED, [repA.address]);
    };
    return { zk, staking, history, deployer, gov, notifier, alice, bob, repA, repB, poker, notify, onlyRepAActive };
  }

  describe("stake and votes", function () {
    it("keeps the voting power of staked ZK with the chosen delegatee", async function () {
      const { zk, staking, alice, repA } = await loadFixture(stakingFixture);
      await expect(staking.connect(alice).stake(ZK(100), repA.address))
        .to.emit(staking, "Staked")
        .withArgs(alice.address, repA.address, ZK(100));
      expect(await zk.getVotes(repA.address)).to.equal(ZK(100));
      expect(await zk.balanceOf(await staking.surrogates(repA.address))).to.equal(ZK(100));
    });

    it("moves stake and votes when the delegatee changes", async function () {
      const { zk, staking, alice, repA, repB } = await loadFixture(stakingFixture);
      await staking.connect(alice).stake(ZK(100), repA.address);
      await expect(staking.connect(alice).changeDelegatee(repB.address))
        .to.emit(staking, "DelegateeChanged")
        .withArgs(alice.address, repA.address, repB.address);
      expect(await zk.getVotes(repA.address)).to.equal(0n);
      expect(await zk.getVotes(repB.address)).to.equal(ZK(100));
      await staking.connect(alice).stake(ZK(50), repA.address);
      expect(await zk.getVotes(repA.address)).to.equal(ZK(150));
      await expect(staking.connect(alice).changeDelegatee(repA.address)).to.be.revertedWithCustomError(
        staking,
        "StakingUnchanged",
      );
      await expect(staking.connect(alice).changeDelegatee(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        staking,
        "StakingZeroAddress",
      );
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

    it("refuses stake above the cap", async function () {
      const { staking, alice, repA } = await loadFixture(stakingFixture);
      await staking.connect(alice).stake(ZK(1_000_000), repA.address);
      await expect(staking.connect(alice).stake(ZK(9_000_001), repA.address))
        .to.be.revertedWithCustomError(staking, "StakingStakeCapExceeded")
        .withArgs(ZK(10_000_001), ZK(10_000_000));
    });

    it("stakes with a permit, even when the permit was front-run", async function () {
      const { zk, staking, alice, bob, repA } = await loadFixture(stakingFixture);
      await zk.connect(alice).approve(await staking.getAddress(), 0);
      const deadline = BigInt(await time.latest()) + 3600n;
      const p = await signPermit(alice, zk, await staking.getAddress(), ZK(10), deadline);
      await staking.connect(alice).stakeWithPermit(ZK(10), repA.address, p.deadline, p.v, p.r, p.s);
      const q = await signPermit(alice, zk, await staking.getAddress(), ZK(5), deadline);
      await zk.connect(bob).permit(alice.address, await staking.getAddress(), ZK(5), deadline, q.v, q.r, q.s);
      await staking.connect(alice).stakeWithPermit(ZK(5), repA.address, q.deadline, q.v, q.r, q.s);
      expect(await staking.stakeOf(alice.address)).to.equal(ZK(15));
    });
  });

  describe("active representatives", function () {
    it("counts everyone active while fewer than 2 proposals have finished", async function () {
      const { staking, history, repB, repA } = await loadFixture(stakingFixture);
      expect(await staking.isActive(repB.address)).to.equal(true);
      await history.addProposal(EXECUTED, [repA.address]);
      await history.addProposal(ACTIVE, []);
      expect(await staking.isActive(repB.address)).to.equal(true);
    });

    it("requires votes in 2 of the last 5 finished proposals, ignoring pending, active and canceled ones", async function () {
      const { staking, history, repA, repB } = await loadFixture(stakingFixture);
      await history.addProposal(EXECUTED, [repA.address, repB.address]);
      await history.addProposal(DEFEATED, [repA.address, repB.address]);
      for (let i = 0; i < 4; i++) await history.addProposal(SUCCEEDED, [repA.address]);
      // repB's two votes are now 6th and 5th from the end: only one is in the last 5.
      expect(await staking.isActive(repA.address)).to.equal(true);
      expect(await staking.isActive(repB.address)).to.equal(false);
      await history.addProposal(PENDING, []);
      await history.addProposal(CANCELED, []);
      expect(await staking.isActive(repA.address)).to.equal(true);
    });

    it("pays no reward to stake behind an inactive delegatee", async function () {
      const { staking, alice, bob, repA, repB, notify, onlyRepAActive } = await loadFixture(stakingFixture);
      await onlyRepAActive();
      await staking.connect(alice).stake(ZK(1_000_000), repA.address);
      await staking.connect(bob).stake(ZK(1_000_000), repB.address);
      expect(await staking.earningPowerOf(bob.address)).to.equal(0n);
      await notify(ZK(70));
      await time.increase(WEEK);
      expect(await staking.earned(bob.address)).to.equal(0n);
      expect(ZK(70) - (await staking.earned(alice.address))).to.be.lessThanOrEqual(2n);
    });

    it("stops accrual from the poke once the delegatee turns inactive, and tips the poker from those rewards", async function () {
      const { staking, history, gov, alice, repA, repB, poker, notify, zk } = await loadFixture(stakingFixture);
      await history.addProposal(EXECUTED, [repA.address, repB.address]);
      await history.addProposal(EXECUTED, [repA.address, repB.address]);
      await staking.connect(gov).setPokeTip(ZK(1));
      await staking.connect(alice).stake(ZK(1_000_000), repA.address);
      await notify(ZK(700));
      await expect(staking.connect(poker).poke(alice.address))
        .to.be.revertedWithCustomError(staking, "StakingPokeUnchanged")
        .withArgs(alice.address);
      await time.increase(WEEK / 7);
      for (let i = 0; i < 4; i++) await history.addProposal(EXECUTED, [repB.address]);
      const before = await staking.earned(alice.address);
      await expect(staking.connect(poker).poke(alice.address)).to.changeTokenBalance(zk, poker, ZK(1));
      expect(await staking.earningPowerOf(alice.address)).to.equal(0n);
      const afterPoke = await staking.earned(alice.address);
      expect(afterPoke).to.be.lessThan(before + ZK(1));
      await time.increase(WEEK);
      expect(await staking.earned(alice.address)).to.equal(afterPoke);
    });
  });

  it("tips at most what the poked stake has earned, and nothing when the tip is zero", async function () {
    const { staking, history, gov, alice, bob, repA, repB, poker, zk } = await loadFixture(stakingFixture);
    await history.addProposal(EXECUTED, [repA.address, repB.address]);
    await history.addProposal(EXECUTED, [repA.address, repB.address]);
    await staking.connect(alice).stake(ZK(1_000_000), repA.address);
    await staking.connect(bob).stake(ZK(1_000_000), repB.address);
    for (let i = 0; i < 4; i++) await history.addProposal(EXECUTED, [repB.address]);
    await expect(staking.connect(poker).poke(alice.address))
      .to.emit(staking, "Poked")
      .withArgs(alice.address, poker.address, 0n);
    await staking.connect(gov).setPokeTip(ZK(10));
    for (let i = 0; i < 5; i++) await history.addProposal(EXECUTED, [repA.address]);
    await expect(staking.connect(poker).poke(bob.address)).to.changeTokenBalance(zk, poker, 0n);
    expect(await staking.earningPowerOf(bob.address)).to.equal(0n);
  });

  describe("rewards", function () {
    it("splits a stream exactly by earning power, to within 2 wei per staker", async function () {
      const { staking, alice, bob, repA, notify } = await loadFixture(stakingFixture);
      await staking.connect(alice).stake(ZK(1_500_000), repA.address);
      await staking.connect(bob).stake(ZK(500_000), repA.address);
      const reward = ZK(2_000);
      await notify(reward);
      await time.increase(WEEK + 10);
      const [a, b] = [await staking.earned(alice.address), await staking.earned(bob.address)];
      // Rounding: the rate and the reward per unit of power carry 1e18 extra precision; each share is floored.
      expect((reward * 3n) / 4n - a).to.be.lessThanOrEqual(2n);
      expect(reward / 4n - b).to.be.lessThanOrEqual(2n);
      await expect(staking.connect(alice).claimReward()).to.emit(staking, "RewardPaid").withArgs(alice.address, a);
      expect(await staking.totalRewardsPaid()).to.equal(a);
      expect(await staking.connect(alice).claimReward.staticCall()).to.equal(0n);
    });

    it("keeps the yearly rate at most 10% of the earning stake; the excess waits in the reservoir", async function () {
      const { staking, alice, repA, notify } = await loadFixture(stakingFixture);
      await staking.connect(alice).stake(ZK(1_000_000), repA.address);
      await notify(ZK(1_000_000));
      await time.increase(YEAR / 2);
      const paidInHalfYear = await staking.earned(alice.address);
      // 10% a year of 1,000,000 ZK over half a year is 50,000 ZK.
      expect(paidInHalfYear).to.be.closeTo(ZK(50_000), ZK(1));
      expect(await staking.reservoir()).to.be.closeTo(ZK(950_000), ZK(1));
      await staking.connect(alice).claimReward();
      expect(await staking.reservoir()).to.be.closeTo(ZK(950_000), ZK(1));
    });

    it("keeps the yearly rate at least 3% of the earning stake while the reservoir lasts", async function () {
      const { staking, alice, repA, notify } = await loadFixture(stakingFixture);
      await staking.connect(alice).stake(ZK(1_000_000), repA.address);
      await notify(ZK(100));
      // 3% a year of 1,000,000 ZK is ~82 ZK a day: 100 ZK lasts about 1.2 days, not the 7-day period.
      await time.increase(2 * 24 * 3600);
      expect(ZK(100) - (await staking.earned(alice.address))).to.be.lessThanOrEqual(2n);
    });

    it("streams nothing while nothing earns, and nothing is lost", async function () {
      const { staking, alice, repA, notify } = await loadFixture(stakingFixture);
      await notify(ZK(70));
      await time.increase(WEEK * 2);
      expect(await staking.reservoir()).to.equal(ZK(70));
      await staking.connect(alice).stake(ZK(1_000_000), repA.address);
      await time.increase(WEEK * 2);
      expect(ZK(70) - (await staking.earned(alice.address))).to.be.lessThanOrEqual(2n);
    });

    it("caps each season, refuses notifications outside seasons, and accounts a refused reward later", async function () {
      const { staking, gov, notifier, zk, notify, alice } = await loadFixture(stakingFixture);
      await expect(staking.connect(alice).notifyRewardAmount(1))
        .to.be.revertedWithCustomError(staking, "StakingUnauthorizedNotifier")
        .withArgs(alice.address);
      await notify(ZK(9_000_000));
      await zk.transfer(await staking.getAddress(), ZK(2_000_000));
      await expect(staking.connect(notifier).notifyRewardAmount(ZK(2_000_000)))
        .to.be.revertedWithCustomError(staking, "StakingSeasonCapExceeded")
        .withArgs(0, ZK(11_000_000), ZK(10_000_000));
      await expect(staking.connect(notifier).notifyRewardAmount(ZK(3_000_000)))
        .to.be.revertedWithCustomError(staking, "StakingRewardExceedsBalance")
        .withArgs(ZK(3_000_000), ZK(2_000_000));
      const [, end] = await staking.seasons(0);
      await time.increaseTo(end);
      await expect(staking.notifyFreeBalance()).to.be.revertedWithCustomError(staking, "StakingNoActiveSeason");
      await staking.connect(gov).addSeason(end, end + BigInt(YEAR), ZK(25_000_000));
      await expect(staking.notifyFreeBalance())
        .to.emit(staking, "RewardNotified")
        .withArgs(anyAddress(), 1n, ZK(2_000_000), anyValue());
      expect(await staking.totalRewardsNotified()).to.equal(ZK(11_000_000));
      await expect(staking.notifyFreeBalance()).to.be.revertedWithCustomError(staking, "StakingZeroAmount");
    });
  });

  describe("governance", function () {
    it("bounds every parameter and lets only governance set it", async function () {
      const { staking, gov, alice } = await loadFixture(stakingFixture);
      const g = staking.connect(gov);
      const [minD, maxD] = [await staking.MIN_REWARD_DURATION(), await staking.MAX_REWARD_DURATION()];
      await expect(g.setRewardDuration(minD - 1n))
        .to.be.revertedWithCustomError(staking, "StakingDurationBelowMin")
        .withArgs(minD - 1n, minD);
      await expect(g.setRewardDuration(maxD + 1n))
        .to.be.revertedWithCustomError(staking, "StakingDurationAboveMax")
        .withArgs(maxD + 1n, maxD);
      await expect(g.setRewardDuration(WEEK)).to.be.revertedWithCustomError(staking, "StakingUnchanged");
      await expect(g.setRewardDuration(minD)).to.emit(staking, "RewardDurationUpdated").withArgs(WEEK, minD);
      await expect(g.setRateBounds(299, 1_000))
        .to.be.revertedWithCustomError(staking, "StakingRateBoundsInvalid")
        .withArgs(299, 1_000);
      await expect(g.setRateBounds(300, 1_001))
        .to.be.revertedWithCustomError(staking, "StakingRateBoundsInvalid")
        .withArgs(300, 1_001);
      await expect(g.setRateBounds(800, 700)).to.be.revertedWithCustomError(staking, "StakingRateBoundsInvalid");
      await expect(g.setRateBounds(300, 1_000)).to.be.revertedWithCustomError(staking, "StakingUnchanged");
      await expect(g.setRateBounds(300, 900)).to.emit(staking, "RateBoundsUpdated").withArgs(300, 1_000, 300, 900);
      await expect(g.setRateBounds(400, 900)).to.emit(staking, "RateBoundsUpdated").withArgs(300, 900, 400, 900);
      const maxTip = await staking.MAX_POKE_TIP();
      await expect(g.setPokeTip(maxTip + 1n))
        .to.be.revertedWithCustomError(staking, "StakingTipAboveMax")
        .withArgs(maxTip + 1n, maxTip);
      await expect(g.setPokeTip(maxTip)).to.emit(staking, "PokeTipUpdated").withArgs(0, maxTip);
      await expect(g.setPokeTip(maxTip)).to.be.revertedWithCustomError(staking, "StakingUnchanged");
      await expect(g.setStakeCap(0)).to.be.revertedWithCustomError(staking, "StakingStakeCapInvalid").withArgs(0);
      await expect(g.setStakeCap(ZK(21_000_000_001))).to.be.revertedWithCustomError(staking, "StakingStakeCapInvalid");
      await expect(g.setStakeCap(ZK(10_000_000))).to.be.revertedWithCustomError(staking, "StakingUnchanged");
      await expect(g.setStakeCap(ZK(1)))
        .to.emit(staking, "StakeCapUpdated")
        .withArgs(ZK(10_000_000), ZK(1));
      await expect(g.setNotifier(ethers.ZeroAddress, true)).to.be.revertedWithCustomError(
        staking,
        "StakingZeroAddress",
      );
      await expect(g.setNotifier(alice.address, false)).to.be.revertedWithCustomError(staking, "StakingUnchanged");
      const now = await time.latest();
      await expect(g.addSeason(now, now - 1, 1)).to.be.revertedWithCustomError(staking, "StakingInvalidSeason");
      await expect(g.addSeason(now + YEAR * 2, now + YEAR * 3, ZK(100_000_001))).to.be.revertedWithCustomError(
        staking,
        "StakingInvalidSeason",
      );
      await expect(g.addSeason(now, now + 10, 1)).to.be.revertedWithCustomError(staking, "StakingInvalidSeason");
      const history = await staking.GOVERNOR();
      await expect(
        new ZkStakingRewards__factory(alice).deploy(gov.address, ethers.ZeroAddress, history, WEEK, 1),
      ).to.be.revertedWithCustomError(staking, "StakingZeroAddress");
      await expect(
        new ZkStakingRewards__factory(alice).deploy(gov.address, history, ethers.ZeroAddress, WEEK, 1),
      ).to.be.revertedWithCustomError(staking, "StakingZeroAddress");
      const a = staking.connect(alice);
      for (const call of [
        () => a.setRewardDuration(minD),
        () => a.setRateBounds(300, 1_000),
        () => a.setPokeTip(1),
        () => a.setStakeCap(1),
        () => a.setNotifier(alice.address, true),
        () => a.addSeason(0, 1, 1),
      ]) {
        await expect(call())
          .to.be.revertedWithCustomError(staking, "GovernedUnauthorized")
          .withArgs(alice.address, gov.address);
      }
    });
  });

  it("end to end: a ZIP routes 20% to staking; fees flow; only stake behind active representatives earns", async function () {
    const { token, distributor, staking, deployment, signers, build } = await loadFixture(suiteFixture);
    // Two governance cycles in which the test delegates (accounts 7-9) vote; account 14 never votes.
    await simulate(
      hre,
      await buildZip(hre, loadZip("proposals/staking-80-20.json"), deployment),
      deployment,
      () => undefined,
    );
    await simulate(
      hre,
      await build({
        title: "fee",
        actions: [{ contract: "InteropFeeCollector", function: "setZkFeePerCall", args: ["11 ZK"] }],
      }),
      deployment,
      () => undefined,
    );
    const [active, inactive] = [signers[13], signers[15]];
    for (const [staker, rep] of [
      [active, signers[7]],
      [inactive, signers[14]],
    ] as const) {
      await token.transfer(staker.address, ZK(2_000_000));
      await token.connect(staker).approve(await staking.getAddress(), ethers.MaxUint256);
      await staking.connect(staker).stake(ZK(2_000_000), rep.address);
    }
    expect(await staking.isActive(signers[7].address)).to.equal(true);
    expect(await staking.isActive(signers[14].address)).to.equal(false);
    await token.transfer(await distributor.getAddress(), ZK(10_000));
    const supply = await token.totalSupply();
    await distributor.distribute();
    expect(await token.totalSupply()).to.equal(supply - ZK(8_000));
    expect(await staking.totalRewardsNotified()).to.equal(ZK(2_000));
    await time.increase(WEEK + 1);
    expect(ZK(2_000) - (await staking.earned(active.address))).to.be.lessThanOrEqual(2n);
    expect(await staking.earned(inactive.address)).to.equal(0n);
  });
});

function anyAddress() {
  return (v: unknown) => typeof v === "string" && ethers.isAddress(v);
}
function anyValue() {
  return () => true;
}
