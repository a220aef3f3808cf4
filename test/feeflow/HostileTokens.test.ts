import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { FAR_FUTURE, PRICE, RETAINED, feeFlowFixture } from "./fixture";

enum Mode {
  Normal,
  RevertOnTransfer,
  ConsumeAllGas,
  ReturnBomb,
  ReturnFalse,
  NoReturn,
  FeeOnTransfer,
  Reentrant,
  RevertOnBalanceOf,
}

const HELD = 1_000_000n;

describe("Fee flow against hostile tokens", function () {
  /** A claimable hostile token with HELD units in the collector. */
  async function hostileFixture() {
    const f = await feeFlowFixture();
    const token = await ethers.deployContract("HostileToken");
    const tokenAddress = await token.getAddress();
    await token.mint(await f.collector.getAddress(), HELD);
    await f.collector.connect(f.gov).setClaimable(tokenAddress, true);
    const nonce = await f.auction.nonce();
    const claim = (minAmount = 0n, overrides = {}) =>
      f.auction
        .connect(f.searcher)
        .claim([{ asset: tokenAddress, minAmount }], f.searcher.address, nonce, PRICE, FAR_FUTURE, overrides);
    /** Nothing moved: the collector still holds the token, the searcher kept its ZK, the nonce is unchanged. */
    const expectNothingLost = async (zkBefore: bigint) => {
      expect(await token.balanceOf(await f.collector.getAddress())).to.equal(HELD);
      expect(await f.zk.balanceOf(f.searcher.address)).to.equal(zkBefore);
      expect(await f.auction.nonce()).to.equal(nonce);
    };
    return { ...f, token, tokenAddress, nonce, claim, expectNothingLost };
  }

  it("a reverting token reverts the claim with its error and nothing is lost", async function () {
    const { token, zk, searcher, claim, expectNothingLost } = await loadFixture(hostileFixture);
    await token.setMode(Mode.RevertOnTransfer);
    const before = await zk.balanceOf(searcher.address);
    await expect(claim()).to.be.revertedWithCustomError(token, "HostileTokenRevert");
    await expectNothingLost(before);
  });

  it("a token that returns false reverts the claim with SafeERC20's error", async function () {
    const { token, tokenAddress, zk, searcher, claim, collector, expectNothingLost } =
      await loadFixture(hostileFixture);
    await token.setMode(Mode.ReturnFalse);
    const before = await zk.balanceOf(searcher.address);
    await expect(claim()).to.be.revertedWithCustomError(collector, "SafeERC20FailedOperation").withArgs(tokenAddress);
    await expectNothingLost(before);
  });

  it("a token whose balanceOf reverts fails with a clear collector error", async function () {
    const { token, tokenAddress, zk, searcher, claim, collector, expectNothingLost } =
      await loadFixture(hostileFixture);
    await token.setMode(Mode.RevertOnBalanceOf);
    const before = await zk.balanceOf(searcher.address);
    await expect(claim())
      .to.be.revertedWithCustomError(collector, "FeeCollectorBalanceQueryFailed")
      .withArgs(tokenAddress);
    await token.setMode(Mode.Normal);
    await expectNothingLost(before);
  });

  it("an out-of-gas token makes the claim run out of gas and nothing is lost", async function () {
    const { token, zk, searcher, claim, expectNothingLost } = await loadFixture(hostileFixture);
    await token.setMode(Mode.ConsumeAllGas);
    const before = await zk.balanceOf(searcher.address);
    await expect(claim(0n, { gasLimit: 2_000_000 })).to.be.reverted;
    await expectNothingLost(before);
  });

  it("a return-bomb token is read for 32 bytes only, and the claim succeeds at bounded cost", async function () {
    const { token, claim } = await loadFixture(hostileFixture);
    await token.setMode(Mode.ReturnBomb);
    const receipt = await (await claim()).wait();
    expect(receipt!.gasUsed).to.be.lessThan(300_000n);
  });

  it("a USDT-style token with no return value is released", async function () {
    const { token, searcher, claim } = await loadFixture(hostileFixture);
    await token.setMode(Mode.NoReturn);
    await expect(claim(HELD)).to.emit(token, "Transfer");
    expect(await token.balanceOf(searcher.address)).to.equal(HELD);
  });

  it("a fee-on-transfer token: the minimum applies to what left the collector; the recipient bears the fee", async function () {
    const { token, tokenAddress, searcher, claim, auction, nonce } = await loadFixture(hostileFixture);
    await token.setMode(Mode.FeeOnTransfer);
    await expect(claim(HELD))
      .to.emit(auction, "Claimed")
      .withArgs(nonce, searcher.address, searcher.address, PRICE, [tokenAddress], [HELD]);
    expect(await token.balanceOf(searcher.address)).to.equal(HELD - HELD / 100n);
  });

  it("a rebasing token: a rebase down after the quote trips the minimum; a rebase up pays the claimer more", async function () {
    const { token, tokenAddress, claim, collector, auction, nonce, searcher } = await loadFixture(hostileFixture);
    const [quoted] = await collector.claimableBalances([tokenAddress]);
    await token.rebase(9n * 10n ** 17n);
    await expect(claim(quoted))
      .to.be.revertedWithCustomError(collector, "FeeCollectorAmountBelowMin")
      .withArgs(tokenAddress, (quoted * 9n) / 10n, quoted);
    await token.rebase(2n * 10n ** 18n);
    await expect(claim(quoted))
      .to.emit(auction, "Claimed")
      .withArgs(nonce, searcher.address, searcher.address, PRICE, [tokenAddress], [quoted * 2n]);
  });

  it("a token that re-enters claim is stopped by the reentrancy guard and nothing is lost", async function () {
    const { token, tokenAddress, zk, auction, searcher, claim, nonce, expectNothingLost } =
      await loadFixture(hostileFixture);
    const reentry = auction.interface.encodeFunctionData("claim", [
      [{ asset: tokenAddress, minAmount: 0n }],
      await token.getAddress(),
      nonce + 1n,
      PRICE,
      FAR_FUTURE,
    ]);
    await token.setReentry(await auction.getAddress(), reentry);
    await token.setMode(Mode.Reentrant);
    const before = await zk.balanceOf(searcher.address);
    await expect(claim()).to.be.revertedWithCustomError(auction, "ReentrancyGuardReentrantCall");
    await token.setMode(Mode.Normal);
    await expectNothingLost(before);
  });

  it("a token that re-enters distribute during a claim only speeds up the burn of the price", async function () {
    const { token, zk, distributor, claim } = await loadFixture(hostileFixture);
    await token.setReentry(await distributor.getAddress(), distributor.interface.encodeFunctionData("distribute"));
    await token.setMode(Mode.Reentrant);
    const supply = await zk.totalSupply();
    await claim();
    expect(await zk.totalSupply()).to.equal(supply - PRICE + RETAINED);
    expect(await distributor.totalBurned()).to.equal(PRICE - RETAINED);
    expect(await zk.balanceOf(await distributor.getAddress())).to.equal(RETAINED);
  });
});
