import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { FeeFlowAuction__factory } from "../../typechain-types";
import { signPermit } from "../../tools/permit";
import { FAR_FUTURE, NATIVE, PRICE, PRICE_CEILING, PRICE_FLOOR, USDC, ZK, feeFlowFixture } from "./fixture";

describe("FeeFlowAuction", function () {
  /** The fee flow with revenue waiting: 2 ETH of native fees and deposits, 5,000 USDC, 3 WETH. */
  async function fundedFixture() {
    const f = await feeFlowFixture();
    const { collector, enterprise, usdcAddress, weth } = f;
    await collector.connect(enterprise).depositRevenue(NATIVE, ethers.parseEther("2"), ethers.ZeroHash, {
      value: ethers.parseEther("2"),
    });
    await collector.connect(enterprise).depositRevenue(usdcAddress, USDC(5_000), ethers.id("licence"));
    await weth.mint(await collector.getAddress(), ethers.parseEther("3"));
    const nonce = await f.auction.nonce();
    return { ...f, nonce };
  }

  describe("deployment", function () {
    it("starts at the configured price within fixed bounds, unpaused, with nonce 1 from the first price", async function () {
      const { auction, zk, collector, gov, guardian } = await loadFixture(feeFlowFixture);
      expect(await auction.price()).to.equal(PRICE);
      expect(await auction.PRICE_FLOOR()).to.equal(PRICE_FLOOR);
      expect(await auction.PRICE_CEILING()).to.equal(PRICE_CEILING);
      expect(await auction.nonce()).to.equal(1n);
      expect(await auction.paused()).to.equal(false);
      expect(await auction.MAX_ASSETS()).to.equal(20n);
      expect(await auction.ZK()).to.equal(await zk.getAddress());
      expect(await auction.COLLECTOR()).to.equal(await collector.getAddress());
      expect(await auction.guardian()).to.equal(guardian.address);
      expect(await auction.governance()).to.equal(gov.address);
    });

    it("rejects bad bounds, a price outside them, and zero addresses at deployment", async function () {
      const { zk, collector, deployer } = await loadFixture(feeFlowFixture);
      const factory = new FeeFlowAuction__factory(deployer);
      const [z, c, d] = [await zk.getAddress(), await collector.getAddress(), deployer.address];
      await expect(factory.deploy(d, z, c, d, 5n, 0n, 10n))
        .to.be.revertedWithCustomError(factory, "FeeFlowAuctionInvalidBounds")
        .withArgs(0n, 10n);
      await expect(factory.deploy(d, z, c, d, 5n, 11n, 10n))
        .to.be.revertedWithCustomError(factory, "FeeFlowAuctionInvalidBounds")
        .withArgs(11n, 10n);
      await expect(factory.deploy(d, z, c, d, 5n, 1n, 2n ** 96n)).to.be.revertedWithCustomError(
        factory,
        "FeeFlowAuctionInvalidBounds",
      );
      await expect(factory.deploy(d, z, c, d, 11n, 1n, 10n))
        .to.be.revertedWithCustomError(factory, "FeeFlowAuctionPriceAboveCeiling")
        .withArgs(11n, 10n);
      await expect(factory.deploy(d, ethers.ZeroAddress, c, d, 5n, 1n, 10n)).to.be.revertedWithCustomError(
        factory,
        "FeeFlowAuctionZeroAddress",
      );
      await expect(factory.deploy(d, z, c, ethers.ZeroAddress, 5n, 1n, 10n)).to.be.revertedWithCustomError(
        factory,
        "FeeFlowAuctionZeroAddress",
      );
    });
  });

  describe("claim", function () {
    it("takes every requested balance for the price, paid to the distributor, and bumps the nonce", async function () {
      const {
        auction,
        zk,
        usdc,
        weth,
        usdcAddress,
        wethAddress,
        distributor,
        collector,
        searcher,
        other,
        nonce,
        requests,
      } = await loadFixture(fundedFixture);
      const req = requests([NATIVE, usdcAddress, wethAddress]);
      const amounts = req.map((r) =>
        r.asset === NATIVE ? ethers.parseEther("2") : r.asset === usdcAddress ? USDC(5_000) : ethers.parseEther("3"),
      );
      const tx = auction.connect(searcher).claim(req, other.address, nonce, PRICE, FAR_FUTURE);
      await expect(tx).to.changeTokenBalances(zk, [searcher, distributor, auction, collector], [-PRICE, PRICE, 0n, 0n]);
      await expect(tx).to.changeTokenBalances(usdc, [collector, other], [-USDC(5_000), USDC(5_000)]);
      await expect(tx).to.changeTokenBalances(
        weth,
        [collector, other],
        [-ethers.parseEther("3"), ethers.parseEther("3")],
      );
      await expect(tx).to.changeEtherBalances([collector, other], [-ethers.parseEther("2"), ethers.parseEther("2")]);
      await expect(tx)
        .to.emit(auction, "Claimed")
        .withArgs(
          nonce,
          searcher.address,
          other.address,
          PRICE,
          req.map((r) => r.asset),
          amounts,
        );
      expect(await auction.nonce()).to.equal(nonce + 1n);
    });

    it("returns the amounts it sent", async function () {
      const { auction, usdcAddress, searcher, nonce } = await loadFixture(fundedFixture);
      const amounts = await auction
        .connect(searcher)
        .claim.staticCall([{ asset: usdcAddress, minAmount: 0n }], searcher.address, nonce, PRICE, FAR_FUTURE);
      expect(amounts).to.deep.equal([USDC(5_000)]);
    });

    it("quotes price, nonce, paused and claimable balances in one call", async function () {
      const { auction, usdcAddress, nonce } = await loadFixture(fundedFixture);
      const [price, currentNonce, paused, amounts] = await auction.quote([NATIVE, usdcAddress]);
      expect(price).to.equal(PRICE);
      expect(currentNonce).to.equal(nonce);
      expect(paused).to.equal(false);
      expect(amounts).to.deep.equal([ethers.parseEther("2"), USDC(5_000)]);
    });

    it("reverts when the nonce is stale", async function () {
      const { auction, usdcAddress, searcher, nonce } = await loadFixture(fundedFixture);
      await expect(
        auction
          .connect(searcher)
          .claim([{ asset: usdcAddress, minAmount: 0n }], searcher.address, nonce - 1n, PRICE, FAR_FUTURE),
      )
        .to.be.revertedWithCustomError(auction, "FeeFlowAuctionNonceMismatch")
        .withArgs(nonce - 1n, nonce);
    });

    it("lets only the first of two racing claimers through; the second pays nothing", async function () {
      const { auction, zk, usdcAddress, searcher, other, nonce } = await loadFixture(fundedFixture);
      const req = [{ asset: usdcAddress, minAmount: USDC(4_000) }];
      await auction.connect(other).claim(req, other.address, nonce, PRICE, FAR_FUTURE);
      const before = await zk.balanceOf(searcher.address);
      await expect(auction.connect(searcher).claim(req, searcher.address, nonce, PRICE, FAR_FUTURE))
        .to.be.revertedWithCustomError(auction, "FeeFlowAuctionNonceMismatch")
        .withArgs(nonce, nonce + 1n);
      expect(await zk.balanceOf(searcher.address)).to.equal(before);
    });

    it("reverts a claim quoted before a price rise, on the nonce and on the max price", async function () {
      const { auction, usdcAddress, searcher, gov, nonce } = await loadFixture(fundedFixture);
      await auction.connect(gov).setPrice(PRICE * 2n);
      const req = [{ asset: usdcAddress, minAmount: 0n }];
      await expect(auction.connect(searcher).claim(req, searcher.address, nonce, PRICE, FAR_FUTURE))
        .to.be.revertedWithCustomError(auction, "FeeFlowAuctionNonceMismatch")
        .withArgs(nonce, nonce + 1n);
      await expect(auction.connect(searcher).claim(req, searcher.address, nonce + 1n, PRICE, FAR_FUTURE))
        .to.be.revertedWithCustomError(auction, "FeeFlowAuctionPriceAboveMax")
        .withArgs(PRICE * 2n, PRICE);
    });

    it("reverts after the deadline", async function () {
      const { auction, usdcAddress, searcher, nonce } = await loadFixture(fundedFixture);
      const deadline = BigInt(await time.latest()) + 5n;
      await time.setNextBlockTimestamp(deadline + 1n);
      await expect(
        auction
          .connect(searcher)
          .claim([{ asset: usdcAddress, minAmount: 0n }], searcher.address, nonce, PRICE, deadline),
      )
        .to.be.revertedWithCustomError(auction, "FeeFlowAuctionDeadlinePassed")
        .withArgs(deadline, deadline + 1n);
    });

    it("reverts an empty claim, and one of 21 assets", async function () {
      const { auction, searcher, nonce } = await loadFixture(fundedFixture);
      await expect(
        auction.connect(searcher).claim([], searcher.address, nonce, PRICE, FAR_FUTURE),
      ).to.be.revertedWithCustomError(auction, "FeeFlowAuctionNoAssets");
      const many = Array.from({ length: 21 }, (_, i) => ({ asset: ethers.toBeHex(i + 1, 20), minAmount: 0n }));
      await expect(auction.connect(searcher).claim(many, searcher.address, nonce, PRICE, FAR_FUTURE))
        .to.be.revertedWithCustomError(auction, "FeeFlowAuctionTooManyAssets")
        .withArgs(21n, 20n);
    });

    it("reverts a duplicate asset and an unsorted list", async function () {
      const { auction, collector, usdcAddress, wethAddress, searcher, nonce } = await loadFixture(fundedFixture);
      await expect(
        auction.connect(searcher).claim(
          [
            { asset: usdcAddress, minAmount: 0n },
            { asset: usdcAddress, minAmount: 0n },
          ],
          searcher.address,
          nonce,
          PRICE,
          FAR_FUTURE,
        ),
      )
        .to.be.revertedWithCustomError(collector, "FeeCollectorDuplicateAsset")
        .withArgs(usdcAddress);
      const [low, high] =
        BigInt(usdcAddress) < BigInt(wethAddress) ? [usdcAddress, wethAddress] : [wethAddress, usdcAddress];
      await expect(
        auction.connect(searcher).claim(
          [
            { asset: high, minAmount: 0n },
            { asset: low, minAmount: 0n },
          ],
          searcher.address,
          nonce,
          PRICE,
          FAR_FUTURE,
        ),
      )
        .to.be.revertedWithCustomError(collector, "FeeCollectorAssetsUnsorted")
        .withArgs(high, low);
    });

    it("never sells ZK, nor an asset that is not claimable", async function () {
      const { auction, zk, searcher, other, collector, nonce } = await loadFixture(fundedFixture);
      await expect(
        auction
          .connect(searcher)
          .claim([{ asset: await zk.getAddress(), minAmount: 0n }], searcher.address, nonce, PRICE, FAR_FUTURE),
      ).to.be.revertedWithCustomError(collector, "FeeCollectorAssetIsZk");
      await expect(
        auction
          .connect(searcher)
          .claim([{ asset: other.address, minAmount: 0n }], searcher.address, nonce, PRICE, FAR_FUTURE),
      )
        .to.be.revertedWithCustomError(collector, "FeeCollectorAssetNotClaimable")
        .withArgs(other.address);
    });

    it("reverts when a released amount is below its minimum", async function () {
      const { auction, collector, usdcAddress, searcher, nonce } = await loadFixture(fundedFixture);
      await expect(
        auction
          .connect(searcher)
          .claim([{ asset: usdcAddress, minAmount: USDC(5_001) }], searcher.address, nonce, PRICE, FAR_FUTURE),
      )
        .to.be.revertedWithCustomError(collector, "FeeCollectorAmountBelowMin")
        .withArgs(usdcAddress, USDC(5_000), USDC(5_001));
    });

    it("reverts a zero recipient", async function () {
      const { auction, usdcAddress, searcher, nonce } = await loadFixture(fundedFixture);
      await expect(
        auction
          .connect(searcher)
          .claim([{ asset: usdcAddress, minAmount: 0n }], ethers.ZeroAddress, nonce, PRICE, FAR_FUTURE),
      ).to.be.revertedWithCustomError(auction, "FeeFlowAuctionZeroRecipient");
    });

    it("reverts without enough ZK allowance", async function () {
      const { auction, zk, usdcAddress, searcher, nonce } = await loadFixture(fundedFixture);
      const auctionAddress = await auction.getAddress();
      await zk.connect(searcher).approve(auctionAddress, PRICE - 1n);
      await expect(
        auction
          .connect(searcher)
          .claim([{ asset: usdcAddress, minAmount: 0n }], searcher.address, nonce, PRICE, FAR_FUTURE),
      )
        .to.be.revertedWithCustomError(zk, "ERC20InsufficientAllowance")
        .withArgs(auctionAddress, PRICE - 1n, PRICE);
    });

    it("reverts the whole claim when the recipient rejects the native token", async function () {
      const { auction, collector, searcher, nonce } = await loadFixture(fundedFixture);
      const rejecterAddress = await (await ethers.deployContract("NativeRejecter")).getAddress();
      await expect(
        auction.connect(searcher).claim([{ asset: NATIVE, minAmount: 0n }], rejecterAddress, nonce, PRICE, FAR_FUTURE),
      )
        .to.be.revertedWithCustomError(collector, "FeeCollectorNativeTransferFailed")
        .withArgs(rejecterAddress, ethers.parseEther("2"));
      expect(await auction.nonce()).to.equal(nonce);
    });

    it("releases zero for an empty claimable asset, which a zero minimum accepts", async function () {
      const { auction, collector, gov, searcher, nonce } = await loadFixture(fundedFixture);
      const empty = await ethers.deployContract("MockERC20", ["Empty", "EMP", 18]);
      await collector.connect(gov).setClaimable(await empty.getAddress(), true);
      const amounts = await auction
        .connect(searcher)
        .claim.staticCall(
          [{ asset: await empty.getAddress(), minAmount: 0n }],
          searcher.address,
          nonce,
          PRICE,
          FAR_FUTURE,
        );
      expect(amounts).to.deep.equal([0n]);
    });
  });

  describe("recipients and stray ZK", function () {
    it("refuses the collector, the auction or the distributor as recipient: the claimer would pay and nothing would leave", async function () {
      const { auction, collector, distributor, searcher, requests, usdcAddress, nonce } =
        await loadFixture(fundedFixture);
      const recipients = [await collector.getAddress(), await auction.getAddress(), await distributor.getAddress()];
      for (const recipient of recipients) {
        await expect(auction.connect(searcher).claim(requests([usdcAddress]), recipient, nonce, PRICE, FAR_FUTURE))
          .to.be.revertedWithCustomError(auction, "FeeFlowAuctionInvalidRecipient")
          .withArgs(recipient);
      }
    });

    it("forwards ZK sent to the auction to the distributor, for anyone", async function () {
      const { auction, distributor, zk, other, deployer } = await loadFixture(feeFlowFixture);
      await expect(auction.connect(other).forwardZk()).to.be.revertedWithCustomError(
        auction,
        "FeeFlowAuctionNothingToForward",
      );
      await zk.connect(deployer).transfer(await auction.getAddress(), ZK(3));
      expect(await auction.distributor()).to.equal(await distributor.getAddress());
      const distributorAddress = await distributor.getAddress();
      const tx = auction.connect(other).forwardZk();
      await expect(tx).to.emit(auction, "ZkForwarded").withArgs(distributorAddress, ZK(3));
      await expect(tx).to.changeTokenBalances(zk, [auction, distributor], [-ZK(3), ZK(3)]);
    });
  });

  describe("a broken collector", function () {
    /** An auction wired to `collector`, with the searcher's allowance, and the guardian as governance. */
    async function auctionOn(collectorOf: string | (() => Promise<string>)) {
      const f = await loadFixture(feeFlowFixture);
      const collector = typeof collectorOf === "string" ? collectorOf : await collectorOf();
      const auction = await new FeeFlowAuction__factory(f.deployer).deploy(
        f.gov.address,
        await f.zk.getAddress(),
        collector,
        f.guardian.address,
        PRICE,
        PRICE_FLOOR,
        PRICE_CEILING,
      );
      await f.zk.connect(f.searcher).approve(await auction.getAddress(), ethers.MaxUint256);
      const claim = () =>
        auction
          .connect(f.searcher)
          .claim([{ asset: NATIVE, minAmount: 0n }], f.searcher.address, 1n, PRICE, FAR_FUTURE);
      return { ...f, auction, claim };
    }

    it("refuses a collector that is not a contract at deployment", async function () {
      const [, , , , , , , , stranger] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("FeeFlowAuction");
      await expect(auctionOn(stranger.address))
        .to.be.revertedWithCustomError(factory, "FeeFlowAuctionCollectorNotContract")
        .withArgs(stranger.address);
    });

    it("reverts when `release` answers out of shape, and takes nothing", async function () {
      const [, , , , , , , , stranger] = await ethers.getSigners();
      const { auction, claim, zk, searcher } = await auctionOn(async () => {
        const broken = await ethers.deployContract("BrokenCollectorMock", [stranger.address]);
        return broken.getAddress();
      });
      const before = await zk.balanceOf(searcher.address);
      await expect(claim()).to.be.reverted;
      expect(await zk.balanceOf(searcher.address)).to.equal(before);
      expect(await auction.nonce()).to.equal(1n);
    });
  });

  describe("claimWithPermit", function () {
    const permitFor = async (f: Awaited<ReturnType<typeof fundedFixture>>, value: bigint) =>
      signPermit(f.searcher, f.zk, await f.auction.getAddress(), value, BigInt(await time.latest()) + 3600n);

    it("claims with an allowance granted by permit in the same transaction", async function () {
      const f = await loadFixture(fundedFixture);
      const { auction, zk, usdcAddress, searcher, distributor, nonce } = f;
      await zk.connect(searcher).approve(await auction.getAddress(), 0n);
      const permit = await permitFor(f, PRICE);
      await expect(
        auction
          .connect(searcher)
          .claimWithPermit([{ asset: usdcAddress, minAmount: 0n }], searcher.address, nonce, PRICE, FAR_FUTURE, permit),
      ).to.changeTokenBalances(zk, [searcher, distributor], [-PRICE, PRICE]);
    });

    it("still claims when someone front-ran the permit", async function () {
      const f = await loadFixture(fundedFixture);
      const { auction, zk, usdcAddress, searcher, other, nonce } = f;
      await zk.connect(searcher).approve(await auction.getAddress(), 0n);
      const permit = await permitFor(f, PRICE);
      await zk
        .connect(other)
        .permit(
          searcher.address,
          await auction.getAddress(),
          permit.value,
          permit.deadline,
          permit.v,
          permit.r,
          permit.s,
        );
      await expect(
        auction
          .connect(searcher)
          .claimWithPermit([{ asset: usdcAddress, minAmount: 0n }], searcher.address, nonce, PRICE, FAR_FUTURE, permit),
      ).to.emit(auction, "Claimed");
    });

    it("reverts with the allowance and the price when a failed permit left too little allowance", async function () {
      const f = await loadFixture(fundedFixture);
      const { auction, zk, usdcAddress, searcher, nonce } = f;
      await zk.connect(searcher).approve(await auction.getAddress(), 5n);
      const permit = await permitFor(f, PRICE);
      const broken = { ...permit, s: ethers.ZeroHash };
      await expect(
        auction
          .connect(searcher)
          .claimWithPermit([{ asset: usdcAddress, minAmount: 0n }], searcher.address, nonce, PRICE, FAR_FUTURE, broken),
      )
        .to.be.revertedWithCustomError(auction, "FeeFlowAuctionPermitInsufficient")
        .withArgs(5n, PRICE);
    });
  });

  describe("price, pause and guardian", function () {
    it("sets the price within the bounds, bumps the nonce, and emits (old, new, nonce)", async function () {
      const { auction, gov } = await loadFixture(feeFlowFixture);
      const nonce = await auction.nonce();
      await expect(auction.connect(gov).setPrice(PRICE_FLOOR))
        .to.emit(auction, "PriceUpdated")
        .withArgs(PRICE, PRICE_FLOOR, nonce + 1n);
      await expect(auction.connect(gov).setPrice(PRICE_CEILING))
        .to.emit(auction, "PriceUpdated")
        .withArgs(PRICE_FLOOR, PRICE_CEILING, nonce + 2n);
      expect(await auction.nonce()).to.equal(nonce + 2n);
    });

    it("rejects a price at floor − 1, at ceiling + 1, or unchanged", async function () {
      const { auction, gov } = await loadFixture(feeFlowFixture);
      await expect(auction.connect(gov).setPrice(PRICE_FLOOR - 1n))
        .to.be.revertedWithCustomError(auction, "FeeFlowAuctionPriceBelowFloor")
        .withArgs(PRICE_FLOOR - 1n, PRICE_FLOOR);
      await expect(auction.connect(gov).setPrice(PRICE_CEILING + 1n))
        .to.be.revertedWithCustomError(auction, "FeeFlowAuctionPriceAboveCeiling")
        .withArgs(PRICE_CEILING + 1n, PRICE_CEILING);
      await expect(auction.connect(gov).setPrice(PRICE))
        .to.be.revertedWithCustomError(auction, "FeeFlowAuctionPriceUnchanged")
        .withArgs(PRICE);
    });

    it("lets the guardian pause, and only governance unpause", async function () {
      const { auction, gov, guardian, searcher, usdcAddress } = await loadFixture(fundedFixture);
      await expect(auction.connect(guardian).pause()).to.emit(auction, "Paused").withArgs(guardian.address);
      await expect(auction.connect(guardian).pause()).to.be.revertedWithCustomError(auction, "FeeFlowAuctionPaused");
      const nonce = await auction.nonce();
      await expect(
        auction
          .connect(searcher)
          .claim([{ asset: usdcAddress, minAmount: 0n }], searcher.address, nonce, PRICE, FAR_FUTURE),
      ).to.be.revertedWithCustomError(auction, "FeeFlowAuctionPaused");
      await expect(auction.connect(guardian).unpause())
        .to.be.revertedWithCustomError(auction, "GovernedUnauthorized")
        .withArgs(guardian.address, gov.address);
      await expect(auction.connect(gov).unpause()).to.emit(auction, "Unpaused").withArgs(gov.address);
      await expect(auction.connect(gov).unpause()).to.be.revertedWithCustomError(auction, "FeeFlowAuctionNotPaused");
      expect(await auction.nonce()).to.equal(nonce);
    });

    it("keeps the guardian from changing anything but the pause", async function () {
      const { auction, guardian, gov } = await loadFixture(feeFlowFixture);
      const g = auction.connect(guardian);
      for (const call of [
        () => g.setPrice(PRICE * 2n),
        () => g.setGuardian(guardian.address),
        () => g.unpause(),
        () => g.transferGovernance(guardian.address),
      ]) {
        await expect(call())
          .to.be.revertedWithCustomError(auction, "GovernedUnauthorized")
          .withArgs(guardian.address, gov.address);
      }
    });

    it("rejects a pause by anyone else", async function () {
      const { auction, searcher } = await loadFixture(feeFlowFixture);
      await expect(auction.connect(searcher).pause())
        .to.be.revertedWithCustomError(auction, "FeeFlowAuctionUnauthorizedGuardian")
        .withArgs(searcher.address);
    });

    it("replaces the guardian through governance only, never with zero or the same", async function () {
      const { auction, gov, guardian, other } = await loadFixture(feeFlowFixture);
      await expect(auction.connect(gov).setGuardian(other.address))
        .to.emit(auction, "GuardianUpdated")
        .withArgs(guardian.address, other.address);
      await expect(auction.connect(gov).setGuardian(other.address))
        .to.be.revertedWithCustomError(auction, "FeeFlowAuctionGuardianUnchanged")
        .withArgs(other.address);
      await expect(auction.connect(gov).setGuardian(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        auction,
        "FeeFlowAuctionZeroAddress",
      );
    });

    it("rejects price changes from anyone but governance", async function () {
      const { auction, searcher, gov } = await loadFixture(feeFlowFixture);
      await expect(auction.connect(searcher).setPrice(PRICE * 2n))
        .to.be.revertedWithCustomError(auction, "GovernedUnauthorized")
        .withArgs(searcher.address, gov.address);
    });
  });
});
