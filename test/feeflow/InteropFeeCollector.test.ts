import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { InteropFeeCollector__factory } from "../../typechain-types";
import { BASE_FEE, NATIVE, USDC, ZK, ZK_FEE, feeFlowFixture } from "./fixture";

describe("InteropFeeCollector", function () {
  describe("deployment", function () {
    it("is wired to the distributor and the auction, with the default fees", async function () {
      const { collector, distributor, auction, zk, gov, usdcAddress } = await loadFixture(feeFlowFixture);
      expect(await collector.ZK()).to.equal(await zk.getAddress());
      expect(await collector.distributor()).to.equal(await distributor.getAddress());
      expect(await collector.releaser()).to.equal(await auction.getAddress());
      expect(await collector.zkFeePerCall()).to.equal(ZK_FEE);
      expect(await collector.baseFeePerCall()).to.equal(BASE_FEE);
      expect(await collector.governance()).to.equal(gov.address);
      expect(await collector.isClaimable(NATIVE)).to.equal(true);
      expect(await collector.isClaimable(usdcAddress)).to.equal(true);
    });

    it("validates the constructor exactly like the setters", async function () {
      const { zk, distributor, deployer } = await loadFixture(feeFlowFixture);
      const factory = new InteropFeeCollector__factory(deployer);
      const [zkA, distA] = [await zk.getAddress(), await distributor.getAddress()];
      await expect(
        factory.deploy(deployer.address, ethers.ZeroAddress, distA, ZK_FEE, BASE_FEE),
      ).to.be.revertedWithCustomError(factory, "FeeCollectorZeroAddress");
      await expect(
        factory.deploy(deployer.address, zkA, ethers.ZeroAddress, ZK_FEE, BASE_FEE),
      ).to.be.revertedWithCustomError(factory, "FeeCollectorZeroAddress");
      await expect(factory.deploy(ethers.ZeroAddress, zkA, distA, ZK_FEE, BASE_FEE)).to.be.revertedWithCustomError(
        factory,
        "GovernedZeroAddress",
      );
      await expect(factory.deploy(deployer.address, zkA, distA, 10n ** 15n - 1n, BASE_FEE))
        .to.be.revertedWithCustomError(factory, "FeeCollectorZkFeeBelowMin")
        .withArgs(10n ** 15n - 1n, 10n ** 15n);
      await expect(factory.deploy(deployer.address, zkA, distA, ZK_FEE, 0n))
        .to.be.revertedWithCustomError(factory, "FeeCollectorBaseFeeBelowMin")
        .withArgs(0n, 10n ** 9n);
    });
  });

  describe("collectInteropFee", function () {
    it("pulls zkFeePerCall × calls from the payer straight to the distributor, once per bundle", async function () {
      const { collector, distributor, zk, gateway, user } = await loadFixture(feeFlowFixture);
      const tx = collector.connect(gateway).collectInteropFee(user.address, 3n, true);
      await expect(tx).to.changeTokenBalances(zk, [user, distributor, collector], [-ZK(30), ZK(30), 0n]);
      await expect(tx)
        .to.emit(collector, "InteropFeeCollected")
        .withArgs(gateway.address, user.address, 3n, true, ZK(30));
    });

    it("keeps exactly baseFeePerCall × calls of native token", async function () {
      const { collector, gateway, user } = await loadFixture(feeFlowFixture);
      const tx = collector.connect(gateway).collectInteropFee(user.address, 4n, false, { value: BASE_FEE * 4n });
      await expect(tx).to.changeEtherBalances([gateway, collector], [-BASE_FEE * 4n, BASE_FEE * 4n]);
      await expect(tx)
        .to.emit(collector, "InteropFeeCollected")
        .withArgs(gateway.address, user.address, 4n, false, BASE_FEE * 4n);
    });

    it("rejects a native fee that is not exact", async function () {
      const { collector, gateway, user } = await loadFixture(feeFlowFixture);
      await expect(collector.connect(gateway).collectInteropFee(user.address, 2n, false, { value: BASE_FEE }))
        .to.be.revertedWithCustomError(collector, "FeeCollectorWrongValue")
        .withArgs(BASE_FEE, BASE_FEE * 2n);
      await expect(
        collector.connect(gateway).collectInteropFee(user.address, 1n, false, { value: BASE_FEE + 1n }),
      ).to.be.revertedWithCustomError(collector, "FeeCollectorWrongValue");
    });

    it("rejects native value sent with a ZK fee", async function () {
      const { collector, gateway, user } = await loadFixture(feeFlowFixture);
      await expect(collector.connect(gateway).collectInteropFee(user.address, 1n, true, { value: 1n }))
        .to.be.revertedWithCustomError(collector, "FeeCollectorWrongValue")
        .withArgs(1n, 0n);
    });

    it("rejects zero calls", async function () {
      const { collector, gateway, user } = await loadFixture(feeFlowFixture);
      await expect(collector.connect(gateway).collectInteropFee(user.address, 0n, true)).to.be.revertedWithCustomError(
        collector,
        "FeeCollectorZeroCallCount",
      );
    });

    it("rejects a caller that is not a registered gateway", async function () {
      const { collector, user } = await loadFixture(feeFlowFixture);
      await expect(collector.connect(user).collectInteropFee(user.address, 1n, true))
        .to.be.revertedWithCustomError(collector, "FeeCollectorUnauthorizedGateway")
        .withArgs(user.address);
    });

    it("charges the fee in force after governance changes it", async function () {
      const { collector, distributor, zk, gov, gateway, user } = await loadFixture(feeFlowFixture);
      await collector.connect(gov).setZkFeePerCall(ZK(25));
      await expect(collector.connect(gateway).collectInteropFee(user.address, 2n, true)).to.changeTokenBalance(
        zk,
        distributor,
        ZK(50),
      );
    });
  });

  describe("depositRevenue", function () {
    it("takes an ERC-20 licence payment and records its reference", async function () {
      const { collector, usdc, usdcAddress, enterprise } = await loadFixture(feeFlowFixture);
      const ref = ethers.encodeBytes32String("licence-2026-Q4");
      const tx = collector.connect(enterprise).depositRevenue(usdcAddress, USDC(5_000), ref);
      await expect(tx).to.changeTokenBalances(usdc, [enterprise, collector], [-USDC(5_000), USDC(5_000)]);
      await expect(tx)
        .to.emit(collector, "RevenueDeposited")
        .withArgs(enterprise.address, usdcAddress, USDC(5_000), ref);
    });

    it("takes native revenue when the value equals the amount", async function () {
      const { collector, enterprise } = await loadFixture(feeFlowFixture);
      const ref = ethers.id("invoice-7");
      await expect(collector.connect(enterprise).depositRevenue(NATIVE, 1000n, ref, { value: 1000n }))
        .to.emit(collector, "RevenueDeposited")
        .withArgs(enterprise.address, NATIVE, 1000n, ref);
      await expect(collector.connect(enterprise).depositRevenue(NATIVE, 1000n, ref, { value: 999n }))
        .to.be.revertedWithCustomError(collector, "FeeCollectorWrongValue")
        .withArgs(999n, 1000n);
    });

    it("sends ZK revenue straight to the distributor", async function () {
      const { collector, distributor, zk, enterprise } = await loadFixture(feeFlowFixture);
      await expect(
        collector.connect(enterprise).depositRevenue(await zk.getAddress(), ZK(7), ethers.ZeroHash),
      ).to.changeTokenBalances(zk, [enterprise, distributor, collector], [-ZK(7), ZK(7), 0n]);
      await expect(
        collector.connect(enterprise).depositRevenue(await zk.getAddress(), ZK(7), ethers.ZeroHash, { value: 1n }),
      ).to.be.revertedWithCustomError(collector, "FeeCollectorWrongValue");
    });

    it("rejects zero, value with an ERC-20, and assets that are not claimable", async function () {
      const { collector, usdcAddress, enterprise, other } = await loadFixture(feeFlowFixture);
      await expect(
        collector.connect(enterprise).depositRevenue(usdcAddress, 0n, ethers.ZeroHash),
      ).to.be.revertedWithCustomError(collector, "FeeCollectorZeroAmount");
      await expect(collector.connect(enterprise).depositRevenue(usdcAddress, 1n, ethers.ZeroHash, { value: 1n }))
        .to.be.revertedWithCustomError(collector, "FeeCollectorWrongValue")
        .withArgs(1n, 0n);
      await expect(collector.connect(enterprise).depositRevenue(other.address, 1n, ethers.ZeroHash))
        .to.be.revertedWithCustomError(collector, "FeeCollectorAssetNotClaimable")
        .withArgs(other.address);
    });

    it("records what arrived of a fee-on-transfer token", async function () {
      const { collector, gov, enterprise } = await loadFixture(feeFlowFixture);
      const hostile = await ethers.deployContract("HostileToken");
      await hostile.setMode(6); // FeeOnTransfer
      await hostile.mint(enterprise.address, 1_000n);
      await hostile.connect(enterprise).approve(await collector.getAddress(), 1_000n);
      await collector.connect(gov).setClaimable(await hostile.getAddress(), true);
      const hostileAddress = await hostile.getAddress();
      await expect(collector.connect(enterprise).depositRevenue(hostileAddress, 1_000n, ethers.ZeroHash))
        .to.emit(collector, "RevenueDeposited")
        .withArgs(enterprise.address, hostileAddress, 990n, ethers.ZeroHash);
    });

    it("accepts plain native transfers and says so", async function () {
      const { collector, user } = await loadFixture(feeFlowFixture);
      await expect(user.sendTransaction({ to: await collector.getAddress(), value: 5n }))
        .to.emit(collector, "NativeReceived")
        .withArgs(user.address, 5n);
    });
  });

  describe("release and claimableBalances", function () {
    it("lets only the releaser release", async function () {
      const { collector, user } = await loadFixture(feeFlowFixture);
      const releaser = await collector.releaser();
      await expect(collector.connect(user).release([{ asset: NATIVE, minAmount: 0n }], user.address))
        .to.be.revertedWithCustomError(collector, "FeeCollectorUnauthorizedReleaser")
        .withArgs(user.address, releaser);
    });

    it("releases in one checked pass and answers the assets and amounts it sent", async function () {
      const { collector, usdc, usdcAddress, wethAddress, zk, enterprise, gov, other, requests } =
        await loadFixture(feeFlowFixture);
      await collector.connect(gov).setReleaser(other.address);
      await collector.connect(enterprise).depositRevenue(usdcAddress, USDC(3), ethers.ZeroHash);
      await collector.connect(enterprise).depositRevenue(NATIVE, 9n, ethers.ZeroHash, { value: 9n });
      const all = requests([NATIVE, usdcAddress, wethAddress]);
      const [assets, amounts] = await collector.connect(other).release.staticCall(all, other.address);
      expect(assets).to.deep.equal(all.map((r) => r.asset));
      expect(amounts).to.deep.equal(all.map((r) => ({ [NATIVE]: 9n, [usdcAddress]: USDC(3) })[r.asset] ?? 0n));

      const [low, high] = requests([usdcAddress, wethAddress]);
      await expect(collector.connect(other).release([high, low], other.address))
        .to.be.revertedWithCustomError(collector, "FeeCollectorAssetsUnsorted")
        .withArgs(high.asset, low.asset);
      await expect(collector.connect(other).release([low, low], other.address))
        .to.be.revertedWithCustomError(collector, "FeeCollectorDuplicateAsset")
        .withArgs(low.asset);
      await expect(collector.connect(other).release([{ asset: usdcAddress, minAmount: USDC(3) + 1n }], other.address))
        .to.be.revertedWithCustomError(collector, "FeeCollectorAmountBelowMin")
        .withArgs(usdcAddress, USDC(3), USDC(3) + 1n);
      await expect(
        collector.connect(other).release([{ asset: await zk.getAddress(), minAmount: 0n }], other.address),
      ).to.be.revertedWithCustomError(collector, "FeeCollectorAssetIsZk");

      // A word with dirty high bits is no address and no registered asset.
      const dirty = collector.interface.encodeFunctionData("release", [
        [{ asset: usdcAddress, minAmount: 0n }],
        other.address,
      ]);
      const word = 4 + 3 * 32; // selector, offset, recipient, length: then the first request's asset word
      const bytes = ethers.getBytes(dirty);
      bytes[word] = 0x01;
      await expect(other.sendTransaction({ to: await collector.getAddress(), data: ethers.hexlify(bytes) })).to.be
        .reverted;
      // Whatever the revert says must decode under strict ABI rules (no dirty address in the error data).
      const revertData = await ethers.provider
        .call({ from: other.address, to: await collector.getAddress(), data: ethers.hexlify(bytes) })
        .then(
          () => "no revert",
          (e: { data?: string }) => e.data ?? "0x",
        );
      if (revertData !== "0x") {
        const error = collector.interface.parseError(revertData)!;
        expect(collector.interface.encodeErrorResult(error.fragment, error.args)).to.equal(revertData);
      }
      expect(await usdc.balanceOf(await collector.getAddress())).to.equal(USDC(3));

      await expect(collector.connect(other).release(all, other.address)).to.changeTokenBalance(usdc, other, USDC(3));
      expect(await collector.claimableBalances([NATIVE, usdcAddress])).to.deep.equal([0n, 0n]);
    });

    it("reports claimable balances and rejects assets that are not claimable", async function () {
      const { collector, usdcAddress, enterprise, other } = await loadFixture(feeFlowFixture);
      await collector.connect(enterprise).depositRevenue(usdcAddress, USDC(3), ethers.ZeroHash);
      await collector.connect(enterprise).depositRevenue(NATIVE, 9n, ethers.ZeroHash, { value: 9n });
      expect(await collector.claimableBalances([NATIVE, usdcAddress])).to.deep.equal([9n, USDC(3)]);
      await expect(collector.claimableBalances([other.address]))
        .to.be.revertedWithCustomError(collector, "FeeCollectorAssetNotClaimable")
        .withArgs(other.address);
    });
  });

  describe("ZK sent here directly", function () {
    it("is forwarded to the distributor by anyone, with an event, so no ZK rests here", async function () {
      const { collector, distributor, zk, other, deployer } = await loadFixture(feeFlowFixture);
      await expect(collector.connect(other).forwardZk()).to.be.revertedWithCustomError(
        collector,
        "FeeCollectorZeroAmount",
      );
      await zk.connect(deployer).transfer(await collector.getAddress(), ZK(5));
      const distributorAddress = await distributor.getAddress();
      const tx = collector.connect(other).forwardZk();
      await expect(tx).to.emit(collector, "ZkForwarded").withArgs(distributorAddress, ZK(5));
      await expect(tx).to.changeTokenBalances(zk, [collector, distributor], [-ZK(5), ZK(5)]);
    });
  });

  describe("recover", function () {
    it("returns a non-claimable token sent by mistake, only through governance", async function () {
      const { collector, gov, user, deployer } = await loadFixture(feeFlowFixture);
      const stray = await ethers.deployContract("MockERC20", ["Stray", "STR", 18]);
      await stray.mint(await collector.getAddress(), 50n);
      const strayAddress = await stray.getAddress();
      await expect(collector.connect(user).recover(strayAddress, user.address, 50n))
        .to.be.revertedWithCustomError(collector, "GovernedUnauthorized")
        .withArgs(user.address, gov.address);
      const tx = collector.connect(gov).recover(strayAddress, deployer.address, 50n);
      await expect(tx).to.changeTokenBalances(stray, [collector, deployer], [-50n, 50n]);
      await expect(tx).to.emit(collector, "AssetRecovered").withArgs(strayAddress, deployer.address, 50n);
    });

    it("never recovers a claimable asset or ZK", async function () {
      const { collector, gov, usdcAddress, zk } = await loadFixture(feeFlowFixture);
      await expect(collector.connect(gov).recover(usdcAddress, gov.address, 1n))
        .to.be.revertedWithCustomError(collector, "FeeCollectorRecoverClaimableAsset")
        .withArgs(usdcAddress);
      await expect(collector.connect(gov).recover(NATIVE, gov.address, 1n))
        .to.be.revertedWithCustomError(collector, "FeeCollectorRecoverClaimableAsset")
        .withArgs(NATIVE);
      await expect(
        collector.connect(gov).recover(await zk.getAddress(), gov.address, 1n),
      ).to.be.revertedWithCustomError(collector, "FeeCollectorAssetIsZk");
    });

    it("recovers native token once native is no longer claimable, and rejects zero target or amount", async function () {
      const { collector, gov, user } = await loadFixture(feeFlowFixture);
      await user.sendTransaction({ to: await collector.getAddress(), value: 10n });
      await collector.connect(gov).setClaimable(NATIVE, false);
      await expect(collector.connect(gov).recover(NATIVE, ethers.ZeroAddress, 10n)).to.be.revertedWithCustomError(
        collector,
        "FeeCollectorZeroAddress",
      );
      await expect(collector.connect(gov).recover(NATIVE, user.address, 0n)).to.be.revertedWithCustomError(
        collector,
        "FeeCollectorZeroAmount",
      );
      await expect(collector.connect(gov).recover(NATIVE, user.address, 10n)).to.changeEtherBalance(user, 10n);
      const rejecter = await ethers.deployContract("NativeRejecter");
      await user.sendTransaction({ to: await collector.getAddress(), value: 10n });
      const rejecterAddress = await rejecter.getAddress();
      await expect(collector.connect(gov).recover(NATIVE, rejecterAddress, 10n))
        .to.be.revertedWithCustomError(collector, "FeeCollectorNativeTransferFailed")
        .withArgs(rejecterAddress, 10n);
    });
  });

  describe("setters", function () {
    it("bounds zkFeePerCall at MIN and MAX, rejects the same value, and emits (old, new)", async function () {
      const { collector, gov } = await loadFixture(feeFlowFixture);
      const [min, max] = [await collector.MIN_ZK_FEE_PER_CALL(), await collector.MAX_ZK_FEE_PER_CALL()];
      await expect(collector.connect(gov).setZkFeePerCall(min - 1n))
        .to.be.revertedWithCustomError(collector, "FeeCollectorZkFeeBelowMin")
        .withArgs(min - 1n, min);
      await expect(collector.connect(gov).setZkFeePerCall(max + 1n))
        .to.be.revertedWithCustomError(collector, "FeeCollectorZkFeeAboveMax")
        .withArgs(max + 1n, max);
      await expect(collector.connect(gov).setZkFeePerCall(ZK_FEE)).to.be.revertedWithCustomError(
        collector,
        "FeeCollectorUnchanged",
      );
      await expect(collector.connect(gov).setZkFeePerCall(min))
        .to.emit(collector, "ZkFeePerCallUpdated")
        .withArgs(ZK_FEE, min);
      await expect(collector.connect(gov).setZkFeePerCall(max))
        .to.emit(collector, "ZkFeePerCallUpdated")
        .withArgs(min, max);
    });

    it("bounds baseFeePerCall at MIN and MAX and emits (old, new)", async function () {
      const { collector, gov } = await loadFixture(feeFlowFixture);
      const [min, max] = [await collector.MIN_BASE_FEE_PER_CALL(), await collector.MAX_BASE_FEE_PER_CALL()];
      await expect(collector.connect(gov).setBaseFeePerCall(min - 1n))
        .to.be.revertedWithCustomError(collector, "FeeCollectorBaseFeeBelowMin")
        .withArgs(min - 1n, min);
      await expect(collector.connect(gov).setBaseFeePerCall(max + 1n))
        .to.be.revertedWithCustomError(collector, "FeeCollectorBaseFeeAboveMax")
        .withArgs(max + 1n, max);
      await expect(collector.connect(gov).setBaseFeePerCall(BASE_FEE)).to.be.revertedWithCustomError(
        collector,
        "FeeCollectorUnchanged",
      );
      await expect(collector.connect(gov).setBaseFeePerCall(max))
        .to.emit(collector, "BaseFeePerCallUpdated")
        .withArgs(BASE_FEE, max);
    });

    it("re-points the releaser and the distributor without moving funds", async function () {
      const { collector, gov, auction, distributor, other, enterprise } = await loadFixture(feeFlowFixture);
      await collector.connect(enterprise).depositRevenue(NATIVE, 77n, ethers.ZeroHash, { value: 77n });
      const [auctionAddress, distributorAddress] = [await auction.getAddress(), await distributor.getAddress()];
      await expect(collector.connect(gov).setReleaser(other.address))
        .to.emit(collector, "ReleaserUpdated")
        .withArgs(auctionAddress, other.address);
      await expect(collector.connect(gov).setDistributor(other.address))
        .to.emit(collector, "DistributorUpdated")
        .withArgs(distributorAddress, other.address);
      expect(await ethers.provider.getBalance(await collector.getAddress())).to.equal(77n);
      await expect(
        collector.connect(other).release([{ asset: NATIVE, minAmount: 0n }], other.address),
      ).to.changeEtherBalance(other, 77n);
      await expect(collector.connect(gov).setReleaser(other.address)).to.be.revertedWithCustomError(
        collector,
        "FeeCollectorUnchanged",
      );
      await expect(collector.connect(gov).setReleaser(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        collector,
        "FeeCollectorZeroAddress",
      );
      await expect(collector.connect(gov).setDistributor(other.address)).to.be.revertedWithCustomError(
        collector,
        "FeeCollectorUnchanged",
      );
      await expect(collector.connect(gov).setDistributor(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        collector,
        "FeeCollectorZeroAddress",
      );
    });

    it("registers gateways and claimable assets, never ZK, never twice", async function () {
      const { collector, gov, other, zk } = await loadFixture(feeFlowFixture);
      await expect(collector.connect(gov).setGateway(other.address, true))
        .to.emit(collector, "GatewayUpdated")
        .withArgs(other.address, true);
      await expect(collector.connect(gov).setGateway(other.address, true)).to.be.revertedWithCustomError(
        collector,
        "FeeCollectorUnchanged",
      );
      await expect(collector.connect(gov).setGateway(ethers.ZeroAddress, true)).to.be.revertedWithCustomError(
        collector,
        "FeeCollectorZeroAddress",
      );
      await expect(collector.connect(gov).setClaimable(other.address, true))
        .to.emit(collector, "ClaimableAssetUpdated")
        .withArgs(other.address, true);
      await expect(collector.connect(gov).setClaimable(other.address, true)).to.be.revertedWithCustomError(
        collector,
        "FeeCollectorUnchanged",
      );
      await expect(collector.connect(gov).setClaimable(await zk.getAddress(), true)).to.be.revertedWithCustomError(
        collector,
        "FeeCollectorAssetIsZk",
      );
    });

    it("rejects every setter from anyone but governance", async function () {
      const { collector, gov, user } = await loadFixture(feeFlowFixture);
      const c = collector.connect(user);
      const calls = [
        () => c.setZkFeePerCall(ZK(1)),
        () => c.setBaseFeePerCall(10n ** 10n),
        () => c.setReleaser(user.address),
        () => c.setDistributor(user.address),
        () => c.setGateway(user.address, true),
        () => c.setClaimable(user.address, true),
        () => c.recover(user.address, user.address, 1n),
        () => c.transferGovernance(user.address),
      ];
      for (const call of calls) {
        await expect(call())
          .to.be.revertedWithCustomError(collector, "GovernedUnauthorized")
          .withArgs(user.address, gov.address);
      }
    });

    it("hands governance on, never to zero or to itself", async function () {
      const { collector, gov, other } = await loadFixture(feeFlowFixture);
      await expect(collector.connect(gov).transferGovernance(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        collector,
        "GovernedZeroAddress",
      );
      await expect(collector.connect(gov).transferGovernance(gov.address))
        .to.be.revertedWithCustomError(collector, "GovernedUnchanged")
        .withArgs(gov.address);
      await expect(collector.connect(gov).transferGovernance(other.address))
        .to.emit(collector, "GovernanceTransferred")
        .withArgs(gov.address, other.address);
      expect(await collector.governance()).to.equal(other.address);
    });
  });
});
