import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { simulate, propose } from "../../scripts/zip/lifecycle";
import { suiteFixture } from "./fixture";

const quiet = () => undefined;

describe("Governance", function () {
  it("lets the guardian cancel a proposal, and pause claims", async function () {
    const { governor, auction, token, signers, build, guardianSigner } = await loadFixture(suiteFixture);
    const proposer = signers[7];
    await token.transfer(proposer.address, ethers.parseEther("2000000"));
    await token.connect(proposer).delegate(proposer.address);
    await time.increase(1);
    const built = await build({
      title: "p",
      actions: [{ contract: "FeeFlowAuction", function: "setPrice", args: ["5000 ZK"] }],
    });
    await propose(hre, built, proposer, quiet);
    await expect(
      governor.connect(guardianSigner).cancel(built.targets, built.values, built.calldatas, built.descriptionHash),
    )
      .to.emit(governor, "ProposalCanceled")
      .withArgs(built.proposalId);
    await expect(auction.connect(guardianSigner).pause()).to.emit(auction, "Paused");
  });

  it("gives the guardian nothing else: no setter, no unpause, no role, no timelock operation", async function () {
    const {
      governor,
      auction,
      collector,
      distributor,
      token,
      timelock,
      guardianSigner: g,
      config,
    } = await loadFixture(suiteFixture);
    const tl = await timelock.getAddress();
    const unauthorized = [
      () => auction.connect(g).setPrice(ethers.parseEther("5000")),
      () => auction.connect(g).unpause(),
      () => auction.connect(g).setGuardian(g.address),
      () => collector.connect(g).setZkFeePerCall(ethers.parseEther("1")),
      () => collector.connect(g).setReleaser(g.address),
      () => collector.connect(g).setDistributor(g.address),
      () => collector.connect(g).recover(ethers.ZeroAddress, g.address, 1n),
      () => distributor.connect(g).setAllocations([{ recipient: g.address, bps: 10_000, notify: false }]),
    ];
    for (const call of unauthorized) {
      await expect(call()).to.be.revertedWithCustomError(collector, "GovernedUnauthorized").withArgs(g.address, tl);
    }
    await expect(governor.connect(g).setQuorum(1n)).to.be.revertedWithCustomError(governor, "GovernorOnlyExecutor");
    await expect(governor.connect(g).setProposalGuardian(g.address)).to.be.revertedWithCustomError(
      governor,
      "GovernorOnlyExecutor",
    );
    await expect(token.connect(g).grantRole(await token.MINTER_ROLE(), g.address)).to.be.revertedWithCustomError(
      token,
      "AccessControlUnauthorizedAccount",
    );
    await expect(
      timelock
        .connect(g)
        .schedule(await auction.getAddress(), 0, "0x", ethers.ZeroHash, ethers.ZeroHash, config.timelockDelay),
    ).to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount");
  });

  it("rejects every setter of every contract from anyone but the timelock", async function () {
    const { governor, auction, collector, distributor, staking, token, timelock, deployer } =
      await loadFixture(suiteFixture);
    const tl = await timelock.getAddress();
    const d = deployer;
    const governed = [
      () => auction.connect(d).setPrice(ethers.parseEther("5000")),
      () => auction.connect(d).unpause(),
      () => auction.connect(d).setGuardian(d.address),
      () => auction.connect(d).transferGovernance(d.address),
      () => collector.connect(d).setZkFeePerCall(ethers.parseEther("1")),
      () => collector.connect(d).setBaseFeePerCall(10n ** 12n),
      () => collector.connect(d).setReleaser(d.address),
      () => collector.connect(d).setDistributor(d.address),
      () => collector.connect(d).setGateway(d.address, true),
      () => collector.connect(d).setClaimable(d.address, true),
      () => collector.connect(d).recover(d.address, d.address, 1n),
      () => collector.connect(d).transferGovernance(d.address),
      () => distributor.connect(d).setAllocations([]),
      () => distributor.connect(d).transferGovernance(d.address),
      () => staking.connect(d).setNotifier(d.address, true),
      () => staking.connect(d).addSeason(0, 1, 1),
      () => staking.connect(d).setRewardDuration(86_400),
      () => staking.connect(d).setMaxRate(900),
      () => staking.connect(d).setPokeTip(1),
      () => staking.connect(d).setStakeCap(1),
      () => staking.connect(d).transferGovernance(d.address),
    ];
    for (const call of governed) {
      await expect(call()).to.be.revertedWithCustomError(collector, "GovernedUnauthorized").withArgs(d.address, tl);
    }
    for (const call of [
      () => governor.connect(d).setQuorum(1n),
      () => governor.connect(d).setVotingDelay(1),
      () => governor.connect(d).setVotingPeriod(10),
      () => governor.connect(d).setProposalThreshold(0),
      () => governor.connect(d).setLateQuorumVoteExtension(1),
      () => governor.connect(d).setProposalGuardian(d.address),
      () => governor.connect(d).updateTimelock(d.address),
    ]) {
      await expect(call()).to.be.revertedWithCustomError(governor, "GovernorOnlyExecutor").withArgs(d.address);
    }
    await expect(timelock.connect(d).updateDelay(1)).to.be.revertedWithCustomError(
      timelock,
      "TimelockUnauthorizedCaller",
    );
    for (const role of [await token.MINTER_ROLE(), await token.BURNER_ROLE(), await token.DEFAULT_ADMIN_ROLE()]) {
      await expect(token.connect(d).grantRole(role, d.address)).to.be.revertedWithCustomError(
        token,
        "AccessControlUnauthorizedAccount",
      );
    }
  });

  describe("quorum", function () {
    it("is set through a proposal and emits (old, new)", async function () {
      const { governor, build, deployment } = await loadFixture(suiteFixture);
      const built = await build({
        title: "q",
        actions: [{ contract: "ZkTokenGovernor", function: "setQuorum", args: ["40000000 ZK"] }],
      });
      await simulate(hre, built, deployment, quiet);
      expect(await governor.quorum(await governor.clock())).to.equal(ethers.parseEther("40000000"));
    });

    it("rejects MIN − 1, MAX + 1 and the same value through proposals, with the values", async function () {
      const { governor, build, deployment, config } = await loadFixture(suiteFixture);
      const [min, max] = [await governor.MIN_QUORUM(), await governor.MAX_QUORUM()];
      const cases: [bigint, RegExp][] = [
        [min - 1n, new RegExp(`ZkTokenGovernorQuorumBelowMin\\(${min - 1n}, ${min}\\)`)],
        [max + 1n, new RegExp(`ZkTokenGovernorQuorumAboveMax\\(${max + 1n}, ${max}\\)`)],
        [config.governor.quorum, new RegExp(`ZkTokenGovernorQuorumUnchanged\\(${config.governor.quorum}\\)`)],
      ];
      for (const [value, error] of cases) {
        const built = await build({
          title: `quorum ${value}`,
          actions: [{ contract: "ZkTokenGovernor", function: "setQuorum", args: [`${value} wei`] }],
        });
        await expect(simulate(hre, built, deployment, quiet)).to.be.rejectedWith(error);
      }
      expect(await governor.quorum(await governor.clock())).to.equal(config.governor.quorum);
    });
  });
});
