import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { BASE_FEE, FAR_FUTURE, NATIVE, PRICE, RETAINED, USDC, ZK_FEE, feeFlowFixture } from "./fixture";

describe("Fee flow end to end", function () {
  it("turns interop fees and licence revenue into burned ZK, then pays a 20% share after allocations change", async function () {
    const {
      zk,
      usdc,
      usdcAddress,
      collector,
      auction,
      distributor,
      gov,
      gateway,
      user,
      enterprise,
      searcher,
      other,
      requests,
    } = await loadFixture(feeFlowFixture);
    const supplyStart = await zk.totalSupply();

    // Round 1: revenue enters the collector.
    await collector.connect(gateway).collectInteropFee(user.address, 3n, false, { value: BASE_FEE * 3n });
    await collector.connect(gateway).collectInteropFee(user.address, 5n, true);
    await collector.connect(gateway).collectInteropFee(user.address, 1n, true);
    await collector.connect(enterprise).depositRevenue(usdcAddress, USDC(25_000), ethers.id("licence/acme/2026"));
    const zkFees = ZK_FEE * 6n;
    expect(await zk.balanceOf(await distributor.getAddress())).to.equal(zkFees);

    // A searcher checks what is on offer and claims ETH and USDC.
    const [price, nonce, paused, amounts] = await auction.quote(requests([NATIVE, usdcAddress]).map((r) => r.asset));
    expect(paused).to.equal(false);
    const ethBefore = await ethers.provider.getBalance(searcher.address);
    const tx = await auction.connect(searcher).claim(
      requests([NATIVE, usdcAddress]).map((r, i) => ({ ...r, minAmount: amounts[i] })),
      searcher.address,
      nonce,
      price,
      FAR_FUTURE,
    );
    const receipt = (await tx.wait())!;
    expect(await usdc.balanceOf(searcher.address)).to.equal(USDC(25_000));
    expect(await ethers.provider.getBalance(searcher.address)).to.equal(
      ethBefore + BASE_FEE * 3n - receipt.gasUsed * receipt.gasPrice,
    );

    // distribute() burns everything but the 1 wei it keeps: supply falls by the ZK paid (fees + price) less it.
    await distributor.connect(other).distribute();
    expect(await zk.totalSupply()).to.equal(supplyStart - zkFees - PRICE + RETAINED);
    expect(await distributor.totalBurned()).to.equal(zkFees + PRICE - RETAINED);
    expect(await zk.balanceOf(await distributor.getAddress())).to.equal(RETAINED);

    // Governance moves 20% of the flow to a recipient.
    await distributor.connect(gov).setAllocations([{ recipient: other.address, bps: 2_000, notify: false }]);

    // Round 2.
    await collector.connect(gateway).collectInteropFee(user.address, 10n, true);
    await collector.connect(enterprise).depositRevenue(usdcAddress, USDC(1_000), ethers.id("licence/acme/2027"));
    await auction
      .connect(searcher)
      .claim(
        [{ asset: usdcAddress, minAmount: USDC(1_000) }],
        searcher.address,
        await auction.nonce(),
        PRICE,
        FAR_FUTURE,
      );
    const round2 = ZK_FEE * 10n + PRICE;
    const share = (round2 * 2_000n) / 10_000n;
    const supplyBefore2 = await zk.totalSupply();
    await expect(distributor.distribute()).to.changeTokenBalance(zk, other, share);
    expect(await zk.totalSupply()).to.equal(supplyBefore2 - (round2 - share));
    expect(await distributor.paidTo(other.address)).to.equal(share);
    expect(await zk.totalSupply()).to.equal(supplyStart - zkFees - PRICE + RETAINED - (round2 - share));
    // ZK in = burned + paid + balance, to the wei.
    expect(zkFees + PRICE + round2).to.equal(
      (await distributor.totalBurned()) +
        (await distributor.totalPaid()) +
        (await zk.balanceOf(await distributor.getAddress())),
    );
    expect(await zk.balanceOf(await collector.getAddress())).to.equal(0n);
    expect(await zk.balanceOf(await auction.getAddress())).to.equal(0n);
  });
});
