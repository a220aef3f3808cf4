import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { FeeDistributor__factory } from "../../typechain-types";
import { RETAINED, ZK, feeFlowFixture } from "./fixture";

enum NotifyMode {
  Record,
  Revert,
  ConsumeAllGas,
  Reenter,
}

describe("FeeDistributor", function () {
  /** Steady state: the distributor holds the 1 wei every earlier distribution left behind. */
  async function distributorFixture() {
    const f = await feeFlowFixture();
    const staking = await ethers.deployContract("NotifiableMock");
    const stakingAddress = await staking.getAddress();
    const fund = async (amount: bigint) => f.zk.transfer(await f.distributor.getAddress(), amount);
    await fund(RETAINED);
    return { ...f, staking, stakingAddress, fund };
  }

  it("keeps 1 wei of its first distribution, so the next claim pays into a non-empty balance", async function () {
    const { distributor, zk, auction, collector, gateway, user, searcher, requests } =
      await loadFixture(feeFlowFixture);
    const distributorAddress = await distributor.getAddress();
    expect(await distributor.RETAINED_BALANCE()).to.equal(RETAINED);
    await collector.connect(gateway).collectInteropFee(user.address, 2n, true);
    const supply = await zk.totalSupply();
    await expect(distributor.distribute())
      .to.emit(distributor, "Distributed")
      .withArgs(anyAddress(), ZK(20) - RETAINED, ZK(20) - RETAINED, 0n);
    expect(await zk.balanceOf(distributorAddress)).to.equal(RETAINED);
    expect(await zk.totalSupply()).to.equal(supply - ZK(20) + RETAINED);
    // The retained wei goes with the next distribution, and 1 wei stays again.
    await collector
      .connect(gateway)
      .collectInteropFee(user.address, 1n, false, { value: await collector.baseFeePerCall() });
    await auction.connect(searcher).claim(requests([ethers.ZeroAddress]), searcher.address, 1n, ZK(1_000), 2n ** 40n);
    await expect(distributor.distribute())
      .to.emit(distributor, "Distributed")
      .withArgs(anyAddress(), ZK(1_000), ZK(1_000), 0n);
    expect(await zk.balanceOf(distributorAddress)).to.equal(RETAINED);
    expect(await distributor.totalBurned()).to.equal(ZK(1_020) - RETAINED);
  });

  it("burns 100% by default and keeps the running total", async function () {
    const { distributor, zk, fund, other } = await loadFixture(distributorFixture);
    await fund(ZK(1_000));
    const supply = await zk.totalSupply();
    await expect(distributor.connect(other).distribute())
      .to.emit(distributor, "Distributed")
      .withArgs(other.address, ZK(1_000), ZK(1_000), 0n);
    expect(await zk.totalSupply()).to.equal(supply - ZK(1_000));
    expect(await zk.balanceOf(await distributor.getAddress())).to.equal(RETAINED);
    expect(await distributor.totalBurned()).to.equal(ZK(1_000));
    expect(await distributor.totalPaid()).to.equal(0n);
  });

  it("reverts when it holds only the retained wei, or nothing", async function () {
    const { distributor } = await loadFixture(distributorFixture);
    await expect(distributor.distribute()).to.be.revertedWithCustomError(
      distributor,
      "FeeDistributorNothingToDistribute",
    );
    const fresh = await loadFixture(feeFlowFixture);
    await expect(fresh.distributor.distribute()).to.be.revertedWithCustomError(
      fresh.distributor,
      "FeeDistributorNothingToDistribute",
    );
  });

  it("pays each allocation its exact share and burns the rest, dust included", async function () {
    const { distributor, zk, gov, fund, staking, stakingAddress, other } = await loadFixture(distributorFixture);
    await distributor.connect(gov).setAllocations([
      { recipient: stakingAddress, bps: 2_000, notify: true },
      { recipient: other.address, bps: 333, notify: false },
    ]);
    const amount = 10_007n;
    await fund(amount);
    const toStaking = (amount * 2_000n) / 10_000n;
    const toOther = (amount * 333n) / 10_000n;
    const burned = amount - toStaking - toOther;
    const supply = await zk.totalSupply();
    const tx = distributor.distribute();
    await expect(tx).to.changeTokenBalances(zk, [staking, other, distributor], [toStaking, toOther, -amount]);
    await expect(tx).to.emit(distributor, "Paid").withArgs(stakingAddress, toStaking);
    await expect(tx).to.emit(distributor, "Paid").withArgs(other.address, toOther);
    expect(await zk.totalSupply()).to.equal(supply - burned);
    expect(await staking.notified()).to.equal(toStaking);
    expect(await distributor.paidTo(stakingAddress)).to.equal(toStaking);
    expect(await distributor.paidTo(other.address)).to.equal(toOther);
    expect(await distributor.totalPaid()).to.equal(toStaking + toOther);
    expect(await distributor.totalBurned()).to.equal(burned);
  });

  it("pays everything when the allocations sum to 10,000 bps, burning only rounding dust", async function () {
    const { distributor, gov, fund, other, deployer } = await loadFixture(distributorFixture);
    await distributor.connect(gov).setAllocations([
      { recipient: other.address, bps: 3_333, notify: false },
      { recipient: deployer.address, bps: 6_667, notify: false },
    ]);
    await fund(10n);
    await expect(distributor.distribute()).to.emit(distributor, "Distributed").withArgs(anyAddress(), 10n, 1n, 9n);
  });

  it("skips a share that rounds to zero", async function () {
    const { distributor, gov, fund, other, zk } = await loadFixture(distributorFixture);
    await distributor.connect(gov).setAllocations([{ recipient: other.address, bps: 1, notify: false }]);
    await fund(9_999n);
    await expect(distributor.distribute()).to.changeTokenBalance(zk, other, 0n);
  });

  for (const [mode, name] of [
    [NotifyMode.Revert, "reverts"],
    [NotifyMode.ConsumeAllGas, "burns all its gas"],
    [NotifyMode.Reenter, "re-enters distribute"],
  ] as const) {
    it(`completes the distribution when a notification ${name}`, async function () {
      const { distributor, zk, gov, fund, staking, stakingAddress } = await loadFixture(distributorFixture);
      await staking.setMode(mode, await distributor.getAddress());
      await distributor.connect(gov).setAllocations([{ recipient: stakingAddress, bps: 5_000, notify: true }]);
      await fund(ZK(100));
      const tx = distributor.distribute({ gasLimit: 1_000_000 });
      await expect(tx).to.emit(distributor, "NotificationFailed").withArgs(stakingAddress, ZK(50));
      await expect(tx).to.changeTokenBalance(zk, staking, ZK(50));
      expect(await distributor.totalBurned()).to.equal(ZK(50));
    });
  }

  it("refuses to run a notification with less than its full gas limit", async function () {
    const { distributor, gov, fund, stakingAddress } = await loadFixture(distributorFixture);
    await distributor.connect(gov).setAllocations([{ recipient: stakingAddress, bps: 5_000, notify: true }]);
    await fund(ZK(100));
    await expect(distributor.distribute({ gasLimit: 150_000 })).to.be.revertedWithCustomError(
      distributor,
      "FeeDistributorInsufficientGasForNotification",
    );
  });

  describe("setAllocations", function () {
    it("replaces the list and emits the old and the new one", async function () {
      const { distributor, gov, other, stakingAddress } = await loadFixture(distributorFixture);
      await distributor.connect(gov).setAllocations([{ recipient: other.address, bps: 100, notify: false }]);
      await expect(distributor.connect(gov).setAllocations([{ recipient: stakingAddress, bps: 2_000, notify: true }]))
        .to.emit(distributor, "AllocationsUpdated")
        .withArgs([[other.address, 100n, false]], [[stakingAddress, 2_000n, true]]);
      expect(await distributor.allocations()).to.deep.equal([[stakingAddress, 2_000n, true]]);
      await expect(distributor.connect(gov).setAllocations([])).to.emit(distributor, "AllocationsUpdated");
      expect(await distributor.allocations()).to.deep.equal([]);
    });

    it("rejects a sum over 10,000 bps, and accepts exactly 10,000", async function () {
      const { distributor, gov, other, deployer } = await loadFixture(distributorFixture);
      await expect(
        distributor.connect(gov).setAllocations([
          { recipient: other.address, bps: 5_000, notify: false },
          { recipient: deployer.address, bps: 5_001, notify: false },
        ]),
      )
        .to.be.revertedWithCustomError(distributor, "FeeDistributorBpsSumTooHigh")
        .withArgs(10_001n, 10_000n);
      await distributor.connect(gov).setAllocations([
        { recipient: other.address, bps: 5_000, notify: false },
        { recipient: deployer.address, bps: 5_000, notify: false },
      ]);
    });

    it("rejects zero bps, zero address, duplicates, the token and the distributor itself", async function () {
      const { distributor, gov, other, zk } = await loadFixture(distributorFixture);
      const d = distributor.connect(gov);
      await expect(d.setAllocations([{ recipient: other.address, bps: 0, notify: false }]))
        .to.be.revertedWithCustomError(distributor, "FeeDistributorZeroBps")
        .withArgs(other.address);
      await expect(
        d.setAllocations([{ recipient: ethers.ZeroAddress, bps: 1, notify: false }]),
      ).to.be.revertedWithCustomError(distributor, "FeeDistributorZeroRecipient");
      await expect(
        d.setAllocations([
          { recipient: other.address, bps: 1, notify: false },
          { recipient: other.address, bps: 2, notify: false },
        ]),
      )
        .to.be.revertedWithCustomError(distributor, "FeeDistributorDuplicateRecipient")
        .withArgs(other.address);
      for (const forbidden of [await zk.getAddress(), await distributor.getAddress()]) {
        await expect(d.setAllocations([{ recipient: forbidden, bps: 1, notify: false }]))
          .to.be.revertedWithCustomError(distributor, "FeeDistributorForbiddenRecipient")
          .withArgs(forbidden);
      }
    });

    it("rejects the collector and the auction, which would send the ZK back, and a notified account without code", async function () {
      const { distributor, collector, auction, gov, other } = await loadFixture(distributorFixture);
      for (const contract of [collector, auction]) {
        const recipient = await contract.getAddress();
        await expect(distributor.connect(gov).setAllocations([{ recipient, bps: 1_000, notify: false }]))
          .to.be.revertedWithCustomError(distributor, "FeeDistributorForbiddenRecipient")
          .withArgs(recipient);
      }
      await expect(distributor.connect(gov).setAllocations([{ recipient: other.address, bps: 1_000, notify: true }]))
        .to.be.revertedWithCustomError(distributor, "FeeDistributorNotifyNotContract")
        .withArgs(other.address);
      await expect(
        distributor.connect(gov).setAllocations([{ recipient: other.address, bps: 1_000, notify: false }]),
      ).to.emit(distributor, "AllocationsUpdated");
    });

    it("rejects more than MAX_RECIPIENTS and an unchanged list", async function () {
      const { distributor, gov } = await loadFixture(distributorFixture);
      const max = Number(await distributor.MAX_RECIPIENTS());
      const list = Array.from({ length: max + 1 }, (_, i) => ({
        recipient: ethers.toBeHex(i + 1, 20),
        bps: 1,
        notify: false,
      }));
      await expect(distributor.connect(gov).setAllocations(list))
        .to.be.revertedWithCustomError(distributor, "FeeDistributorTooManyRecipients")
        .withArgs(max + 1, max);
      await distributor.connect(gov).setAllocations(list.slice(0, max));
      await expect(distributor.connect(gov).setAllocations(list.slice(0, max))).to.be.revertedWithCustomError(
        distributor,
        "FeeDistributorAllocationsUnchanged",
      );
      await expect(distributor.connect(gov).setAllocations([])).to.emit(distributor, "AllocationsUpdated");
      await expect(distributor.connect(gov).setAllocations([])).to.be.revertedWithCustomError(
        distributor,
        "FeeDistributorAllocationsUnchanged",
      );
    });

    it("rejects anyone but governance", async function () {
      const { distributor, gov, other } = await loadFixture(distributorFixture);
      await expect(distributor.connect(other).setAllocations([]))
        .to.be.revertedWithCustomError(distributor, "GovernedUnauthorized")
        .withArgs(other.address, gov.address);
      await expect(distributor.connect(other).transferGovernance(other.address))
        .to.be.revertedWithCustomError(distributor, "GovernedUnauthorized")
        .withArgs(other.address, gov.address);
    });

    it("validates allocations at deployment exactly like the setter", async function () {
      const { zk, deployer, other } = await loadFixture(distributorFixture);
      const factory = new FeeDistributor__factory(deployer);
      await expect(
        factory.deploy(deployer.address, await zk.getAddress(), [
          { recipient: other.address, bps: 10_001, notify: false },
        ]),
      )
        .to.be.revertedWithCustomError(factory, "FeeDistributorBpsSumTooHigh")
        .withArgs(10_001n, 10_000n);
      await expect(factory.deploy(deployer.address, ethers.ZeroAddress, [])).to.be.revertedWithCustomError(
        factory,
        "FeeDistributorZeroRecipient",
      );
      const d = await factory.deploy(deployer.address, await zk.getAddress(), [
        { recipient: other.address, bps: 10, notify: false },
      ]);
      expect(await d.allocations()).to.deep.equal([[other.address, 10n, false]]);
    });
  });
});

function anyAddress() {
  return (value: unknown) => typeof value === "string" && ethers.isAddress(value);
}
