import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { MockGovernorHistory__factory, ZkStakingRewards__factory, ZkToken__factory } from "../../typechain-types";
import { suiteFixture } from "../governance/fixture";
import { buildZip, loadZip } from "../../scripts/zip/zip";
import { simulate } from "../../scripts/zip/lifecycle";
import { signPermit } from "../../tools/permit";

const ZK = (n: number | string) => ethers.parseEther(String(n));
const WEEK = 7 * 24 * 3600;
const YEAR = 365 * 24 * 3600;
const [PENDING, ACTIVE, CANCELED, DEFEATED, SUCCEEDED, , EXPIRED, EXECUTED] = [0, 1, 2, 3, 4, 5, 6, 7];

describe("ZkStakingRewards (staking pilot)", function () {
  async function stakingFixture() {
    const [deployer, gov, notifier, alice, bob, repA, repB, poker] = await ethers.getSigners();
    const zk = await new ZkToken__factory(deployer).deploy(deployer.address, deployer.address, ZK(1_000_000_000));
    const history = await new MockGovernorHistory__factory(deployer).deploy();
    const QUORUM = await history.quorumVotes();
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
    /** A proposal that ended in `state` with `forVotes` For votes; `voters` voted in it. Returns its id. */
    const propose = async (state: number, voters: string[], forVotes = QUORUM) => {
      await history.addProposal(state, forVotes, voters);
      return history.proposalCount();
    };
    /** A proposal that reached quorum, recorded as counted. */
    const counted = async (state: number, voters: { address: string }[]) => {
      const id = await propose(
        state,
        voters.map((v) => v.address),
      );
      await staking.recordProposal(id);
      return id;
    };
    /** `count` seasons of 1,000 s after the first, and a distributor that sends all it gets to staking. */
    const shortSeasonsAndDistributor = async (count: bigint) => {
      const [, end] = await staking.seasons(0);
      for (let i = 0n; i < count; i++) {
        await staking.connect(gov).addSeason(end + i * 1_000n, end + (i + 1n) * 1_000n, ZK(1_000_000));
      }
      const distributor = await ethers.deployContract("FeeDistributor", [
        gov.address,
        await zk.getAddress(),
        [{ recipient: await staking.getAddress(), bps: 10_000, notify: true }],
      ]);
      await staking.connect(gov).setNotifier(await distributor.getAddress(), true);
      return { end, distributor };
    };
    /** Two counted proposals in which only repA voted: repA is active, repB is not. */
    const onlyRepAActive = async () => {
      await counted(EXECUTED, [repA]);
      await counted(DEFEATED, [repA]);
    };
    return {
      zk,
      staking,
      history,
      deployer,
      gov,
      notifier,
      alice,
      bob,
      repA,
      repB,
      poker,
      notify,
      propose,
      counted,
      onlyRepAActive,
      shortSeasonsAndDistributor,
      QUORUM,
    };
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
    it("counts everyone active until 2 proposals are counted, and never again after", async function () {
      const { staking, counted, repA, repB } = await loadFixture(stakingFixture);
      expect(await staking.isActive(repB.address)).to.equal(true);
      await counted(EXECUTED, [repA]);
      expect(await staking.isActive(repB.address)).to.equal(true);
      await counted(DEFEATED, [repA]);
      expect(await staking.isActive(repB.address)).to.equal(false);
      expect(await staking.isActive(repA.address)).to.equal(true);
      expect(await staking.countedProposals()).to.have.length(2);
    });

    it("requires votes in 2 of the last 5 counted proposals", async function () {
      const { staking, counted, repA, repB } = await loadFixture(stakingFixture);
      await counted(EXECUTED, [repA, repB]);
      await counted(DEFEATED, [repA, repB]);
      for (let i = 0; i < 3; i++) await counted(SUCCEEDED, [repA]);
      expect(await staking.isActive(repB.address)).to.equal(true);
      await counted(SUCCEEDED, [repA]);
      // repB's two votes are now 6th and 5th from the end: only one is in the last 5.
      expect(await staking.isActive(repA.address)).to.equal(true);
      expect(await staking.isActive(repB.address)).to.equal(false);
    });

    it("counts only proposals that finished with quorum, once each", async function () {
      const { staking, history, propose, counted, repA, QUORUM } = await loadFixture(stakingFixture);
      for (const state of [PENDING, ACTIVE, CANCELED]) {
        const id = await propose(state, [repA.address]);
        await expect(staking.recordProposal(id))
          .to.be.revertedWithCustomError(staking, "StakingProposalNotFinished")
          .withArgs(id, state);
      }
      const weak = await propose(DEFEATED, [repA.address], QUORUM - 1n);
      await expect(staking.recordProposal(weak))
        .to.be.revertedWithCustomError(staking, "StakingProposalBelowQuorum")
        .withArgs(weak, QUORUM - 1n, QUORUM);
      const late = await counted(EXECUTED, [repA]);
      await expect(staking.recordProposal(late))
        .to.be.revertedWithCustomError(staking, "StakingProposalAlreadyCounted")
        .withArgs(late);
      // The rule reads the standard Governor surface: an unknown proposal reverts in the governor.
      await expect(staking.recordProposal(999)).to.be.revertedWithCustomError(history, "MockUnknownProposal");
      const next = await propose(EXPIRED, [], QUORUM);
      const deadline = await history.proposalDeadline(next);
      await expect(staking.recordProposal(next))
        .to.emit(staking, "ProposalRecorded")
        .withArgs(next, deadline, QUORUM, QUORUM);
      expect(await staking.countedProposals()).to.deep.equal([late, next]);
      expect(await staking.isCounted(next)).to.equal(true);
      expect(await staking.isCounted(weak)).to.equal(false);
    });

    it("the first recorder cannot decide which proposals count: any order counts the same proposals", async function () {
      const { staking, history, repA, repB, QUORUM } = await loadFixture(stakingFixture);
      // Two proposals that mattered end close together; repB voted only on the first.
      await history.addProposal(EXECUTED, QUORUM, [repA.address, repB.address]);
      const first = await history.proposalCount();
      await history.addProposal(EXECUTED, QUORUM, [repA.address]);
      const second = await history.proposalCount();
      await history.addProposal(DEFEATED, QUORUM, [repA.address, repB.address]);
      const third = await history.proposalCount();
      // Recorded latest first: every one still counts, sorted by when it ended.
      await staking.recordProposal(third);
      await staking.recordProposal(first);
      await staking.recordProposal(second);
      expect(await staking.countedProposals()).to.deep.equal([first, second, third]);
      expect(await staking.isActive(repB.address)).to.equal(true);
    });

    it("keeps the 5 latest-ending counted proposals, retires the oldest, and refuses one older than all 5", async function () {
      const { staking, history, repA, QUORUM } = await loadFixture(stakingFixture);
      const ids: bigint[] = [];
      for (let i = 0; i < 7; i++) {
        await history.addProposal(EXECUTED, QUORUM, [repA.address]);
        ids.push(await history.proposalCount());
      }
      // Recorded newest first: the window fills with the 5 latest, the two oldest are too old.
      for (const id of [...ids].reverse().slice(0, 5)) await staking.recordProposal(id);
      expect(await staking.countedProposals()).to.deep.equal(ids.slice(2));
      const [oldestDeadline, tooOldDeadline] = [
        await history.proposalDeadline(ids[2]),
        await history.proposalDeadline(ids[1]),
      ];
      await expect(staking.recordProposal(ids[1]))
        .to.be.revertedWithCustomError(staking, "StakingProposalTooOld")
        .withArgs(ids[1], tooOldDeadline, oldestDeadline);
      // A later one enters in order and the oldest leaves.
      await history.addProposal(DEFEATED, QUORUM, []);
      const latest = await history.proposalCount();
      await expect(staking.recordProposal(latest)).to.emit(staking, "ProposalRetired").withArgs(ids[2]);
      expect(await staking.countedProposals()).to.deep.equal([...ids.slice(3), latest]);
      // A proposal ending inside the window, recorded late, still counts: ties on the deadline go by id.
      const deadline = await history.proposalDeadline(ids[4]);
      await history.addProposalEnding(SUCCEEDED, QUORUM, [], deadline);
      const tie = await history.proposalCount();
      await expect(staking.recordProposal(tie)).to.emit(staking, "ProposalRetired").withArgs(ids[3]);
      expect(await staking.countedProposals()).to.deep.equal([ids[4], tie, ids[5], ids[6], latest]);
    });

    it("junk proposals below quorum cannot make a diligent representative inactive", async function () {
      const { staking, propose, counted, alice, bob, repA, repB, notify } = await loadFixture(stakingFixture);
      // repA votes on what matters; repB is an attacker's delegate that votes only on its own junk.
      await counted(EXECUTED, [repA]);
      await counted(EXECUTED, [repA]);
      await staking.connect(alice).stake(ZK(1_000_000), repA.address);
      await staking.connect(bob).stake(ZK(1_000_000), repB.address);
      for (let i = 0; i < 5; i++) {
        const junk = await propose(DEFEATED, [repB.address], 0n);
        await expect(staking.recordProposal(junk)).to.be.revertedWithCustomError(staking, "StakingProposalBelowQuorum");
      }
      expect(await staking.isActive(repA.address)).to.equal(true);
      expect(await staking.isActive(repB.address)).to.equal(false);
      await notify(ZK(1_000));
      await time.increase(WEEK + 1);
      expect(ZK(1_000) - (await staking.earned(alice.address))).to.be.lessThanOrEqual(2n);
      expect(await staking.earned(bob.address)).to.equal(0n);
    });

    it("cancelled proposals cannot switch the rule off for a delegate who never votes", async function () {
      const { staking, propose, counted, alice, bob, repA, repB, notify } = await loadFixture(stakingFixture);
      await counted(EXECUTED, [repA]);
      await counted(EXECUTED, [repA]);
      for (let i = 0; i < 20; i++) {
        const cancelled = await propose(CANCELED, [], 0n);
        await expect(staking.recordProposal(cancelled)).to.be.revertedWithCustomError(
          staking,
          "StakingProposalNotFinished",
        );
      }
      await staking.connect(alice).stake(ZK(1_000_000), repA.address);
      await staking.connect(bob).stake(ZK(1_000_000), repB.address);
      expect(await staking.isActive(repB.address)).to.equal(false);
      await notify(ZK(2_000));
      await time.increase(WEEK + 1);
      expect(await staking.earned(bob.address)).to.equal(0n);
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
      const { staking, counted, gov, alice, repA, repB, poker, notify, zk } = await loadFixture(stakingFixture);
      await counted(EXECUTED, [repA, repB]);
      await counted(EXECUTED, [repA, repB]);
      await staking.connect(gov).setPokeTip(ZK(1));
      await staking.connect(alice).stake(ZK(1_000_000), repA.address);
      await notify(ZK(700));
      await expect(staking.connect(poker).poke(alice.address))
        .to.be.revertedWithCustomError(staking, "StakingPokeUnchanged")
        .withArgs(alice.address);
      await time.increase(WEEK / 7);
      for (let i = 0; i < 4; i++) await counted(EXECUTED, [repB]);
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
    const { staking, counted, gov, alice, bob, repA, repB, poker, zk } = await loadFixture(stakingFixture);
    await counted(EXECUTED, [repA, repB]);
    await counted(EXECUTED, [repA, repB]);
    await staking.connect(alice).stake(ZK(1_000_000), repA.address);
    await staking.connect(bob).stake(ZK(1_000_000), repB.address);
    for (let i = 0; i < 4; i++) await counted(EXECUTED, [repB]);
    await expect(staking.connect(poker).poke(alice.address))
      .to.emit(staking, "Poked")
      .withArgs(alice.address, poker.address, 0n);
    await staking.connect(gov).setPokeTip(ZK(10));
    for (let i = 0; i < 5; i++) await counted(EXECUTED, [repA]);
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

    it("stake never speeds the stream up: 100 ZK streams over the full period however much stake earns", async function () {
      const { staking, alice, repA, notify } = await loadFixture(stakingFixture);
      await staking.connect(alice).stake(ZK(1_000_000), repA.address);
      await notify(ZK(100));
      const end = await staking.periodFinish();
      // Far below 3% a year of the stake: the stream still takes its period, not the 1.2 days a floor would force.
      expect(end).to.equal(BigInt(await time.latest()) + BigInt(WEEK));
      await time.increase(2 * 24 * 3600);
      expect(await staking.earned(alice.address)).to.be.closeTo((ZK(100) * 2n) / 7n, ZK(1) / 10n);
      await time.increaseTo(end);
      expect(ZK(100) - (await staking.earned(alice.address))).to.be.lessThanOrEqual(2n);
    });

    it("stake that arrives just after a notification earns its time × stake share and cannot shorten the stream", async function () {
      const { zk, staking, gov, alice, bob, repA, notify } = await loadFixture(stakingFixture);
      const MONTH = 30 * 24 * 3600;
      await staking.connect(gov).setRewardDuration(MONTH);
      await staking.connect(gov).setStakeCap(ZK(600_000_000));
      await zk.transfer(alice.address, ZK(488_000_000));
      await zk.transfer(bob.address, ZK(18_000_000));
      // bob: 20M ZK staked all month (the 10% ceiling does not bind). alice: 490M ZK staked just after the
      // notification, for 3 days.
      await staking.connect(bob).stake(ZK(20_000_000), repA.address);
      await notify(ZK(100_000));
      const end = await staking.periodFinish();
      await staking.connect(alice).stake(ZK(490_000_000), repA.address);
      expect(await staking.periodFinish()).to.equal(end);
      await time.increase(3 * 24 * 3600 - 1);
      await staking.connect(alice).withdraw(ZK(490_000_000));
      await staking.connect(alice).claimReward();
      const taken = await staking.totalRewardsPaid();
      // Her share: 490/510 of 3 days of a 30-day stream of 100,000 ZK = 9,607.8 ZK.
      expect(taken).to.be.closeTo((ZK(100_000) * 490n * 3n) / (510n * 30n), ZK(1));
      await time.increaseTo(end);
      expect(await staking.earned(bob.address)).to.be.closeTo(ZK(100_000) - taken, ZK(1) / 1000n);
    });

    it("an end the ceiling pushed out comes back when more stake earns", async function () {
      const { zk, staking, gov, alice, bob, repA, notify } = await loadFixture(stakingFixture);
      await staking.connect(gov).setStakeCap(ZK(700_000_000));
      await zk.transfer(bob.address, ZK(600_000_000));
      await staking.connect(alice).stake(ZK(1_000_000), repA.address);
      await notify(ZK(1_000_000));
      // 10% a year of 1M ZK pays 100,000 ZK a year: the reservoir lasts 10 years.
      expect((await staking.periodFinish()) - BigInt(await time.latest())).to.be.closeTo(BigInt(10 * YEAR), 10n);
      // 500M more earning: 10% a year of 501M pays the reservoir in about 7.3 days, longer than the 7-day period.
      await staking.connect(bob).stake(ZK(500_000_000), repA.address);
      const reservoir = await staking.reservoir();
      const ceiling = (ZK(501_000_000) * 1_000n * 10n ** 18n) / (10_000n * BigInt(YEAR));
      const now = BigInt(await time.latest());
      expect(await staking.rewardRate()).to.equal(ceiling);
      expect(await staking.periodFinish()).to.equal(now + (reservoir * 10n ** 18n) / ceiling);
      // More still: the ceiling no longer binds and the stream takes one full period.
      await staking.connect(bob).stake(ZK(100_000_000), repA.address);
      expect(await staking.periodFinish()).to.equal(BigInt(await time.latest()) + BigInt(WEEK));
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

    it("a stream waits while nothing earns: the first stake after a wait finds the time the stream had left", async function () {
      const { staking, alice, bob, repA, notify } = await loadFixture(stakingFixture);
      await staking.connect(alice).stake(ZK(1_000_000), repA.address);
      await notify(ZK(700));
      await time.increase(WEEK / 7 - 1);
      await staking.connect(alice).withdraw(ZK(1_000_000));
      // Six days of the week were left; ten days pass with nothing earning.
      await time.increase(10 * 24 * 3600);
      await staking.connect(bob).stake(ZK(1_000_000), repA.address);
      expect((await staking.periodFinish()) - BigInt(await time.latest())).to.be.closeTo(BigInt((6 * WEEK) / 7), 2n);
      await time.increase(3 * 24 * 3600);
      expect(await staking.earned(bob.address)).to.be.closeTo(ZK(300), ZK(1) / 100n);
    });

    it("dust notifications barely move the end of a stream: 1 wei every 6 hours leaves ≥ 99% paid on time", async function () {
      const { zk, staking, alice, bob, repA, notify } = await loadFixture(stakingFixture);
      await staking.connect(alice).stake(ZK(1_000_000), repA.address);
      await notify(ZK(1_000));
      const start = BigInt(await time.latest());
      for (let i = 0; i < 27; i++) {
        await time.increase(6 * 3600);
        await zk.transfer(await staking.getAddress(), 1n);
        await staking.connect(bob).notifyFreeBalance();
      }
      await time.increaseTo(start + BigInt(WEEK));
      const paid = await staking.earned(alice.address);
      expect(paid).to.be.greaterThanOrEqual((ZK(1_000) * 99n) / 100n);
      expect(await staking.periodFinish()).to.be.lessThanOrEqual(start + BigInt(WEEK));
    });

    it("a large notification moves the end to the reward-weighted mean of what was left and a new period", async function () {
      const { staking, alice, repA, notify } = await loadFixture(stakingFixture);
      await staking.connect(alice).stake(ZK(1_000_000), repA.address);
      await notify(ZK(1_000));
      await time.increase(WEEK / 2);
      const left = await staking.reservoir();
      const remaining = (await staking.periodFinish()) - BigInt(await time.latest()) - 1n;
      await notify(ZK(1_000));
      const now = BigInt(await time.latest());
      const expected = (left * remaining + ZK(1_000) * BigInt(WEEK)) / (left + ZK(1_000));
      expect(await staking.periodFinish()).to.be.closeTo(now + expected, 2n);
    });

    it("finds the season in constant gas: a distribution notifies inside its gas limit with 50 seasons queued", async function () {
      const { zk, staking, deployer, notifier, shortSeasonsAndDistributor } = await loadFixture(stakingFixture);
      const { end, distributor } = await shortSeasonsAndDistributor(50n);
      // 1 wei more: the distributor keeps it (RETAINED_BALANCE) and distributes exactly 100 ZK.
      await zk.connect(deployer).transfer(await distributor.getAddress(), ZK(100) + 1n);
      await expect(distributor.distribute()).not.to.emit(distributor, "NotificationFailed");
      expect(await staking.totalRewardsNotified()).to.equal(ZK(100));
      await zk.transfer(await staking.getAddress(), ZK(1));
      const receipt = await (await staking.connect(notifier).notifyRewardAmount(ZK(1))).wait();
      expect(receipt!.gasUsed).to.be.lessThan(120_000n);
      // Later seasons are found by binary search as time moves on.
      await time.increaseTo(end + 10_500n);
      await zk.transfer(await staking.getAddress(), ZK(1));
      await expect(staking.connect(notifier).notifyRewardAmount(ZK(1)))
        .to.emit(staking, "RewardNotified")
        .withArgs(notifier.address, 11n, ZK(1), anyValue());
    });

    it("seasons that already ended cost no gas each: a distribution notifies inside its limit after 50 ended", async function () {
      const { zk, staking, deployer, alice, repA, shortSeasonsAndDistributor } = await loadFixture(stakingFixture);
      await staking.connect(alice).stake(ZK(1_000), repA.address);
      const { end, distributor } = await shortSeasonsAndDistributor(60n);
      // Season 0 and 50 short ones after it have ended: the current season is 51.
      await time.increaseTo(end + 50_500n);
      const distributorAddress = await distributor.getAddress();
      await zk.connect(deployer).transfer(distributorAddress, ZK(100) + 1n);
      await expect(distributor.distribute())
        .to.emit(staking, "RewardNotified")
        .withArgs(distributorAddress, 51n, ZK(100), anyValue())
        .and.not.to.emit(distributor, "NotificationFailed");
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
      await expect(g.setMaxRate(299)).to.be.revertedWithCustomError(staking, "StakingMaxRateInvalid").withArgs(299);
      await expect(g.setMaxRate(1_001)).to.be.revertedWithCustomError(staking, "StakingMaxRateInvalid").withArgs(1_001);
      await expect(g.setMaxRate(1_000)).to.be.revertedWithCustomError(staking, "StakingUnchanged");
      await expect(g.setMaxRate(900)).to.emit(staking, "MaxRateUpdated").withArgs(1_000, 900);
      await expect(g.setMaxRate(300)).to.emit(staking, "MaxRateUpdated").withArgs(900, 300);
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
        () => a.setMaxRate(300),
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
    // 1 wei more: the distributor keeps it (RETAINED_BALANCE) and distributes exactly 10,000 ZK.
    await token.transfer(await distributor.getAddress(), ZK(10_000) + 1n);
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
