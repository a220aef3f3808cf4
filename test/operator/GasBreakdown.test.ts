import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { gasBreakdown, perUnit } from "../../tools/gas-breakdown";
import { FAR_FUTURE, PRICE, USDC, feeFlowFixture } from "../feeflow/fixture";

describe("Gas breakdown (bench:gas)", function () {
  it("splits a claim by contract and kind, and the parts add up to its gas", async function () {
    const { auction, collector, zk, usdc, usdcAddress, enterprise, searcher } = await loadFixture(feeFlowFixture);
    await collector.connect(enterprise).depositRevenue(usdcAddress, USDC(10), ethers.ZeroHash);
    const tx = await auction
      .connect(searcher)
      .claim([{ asset: usdcAddress, minAmount: 1n }], searcher.address, await auction.nonce(), PRICE, FAR_FUTURE);
    const receipt = await tx.wait();
    const labels = {
      [(await auction.getAddress()).toLowerCase()]: "auction",
      [(await collector.getAddress()).toLowerCase()]: "collector",
      [(await zk.getAddress()).toLowerCase()]: "zk",
      [(await usdc.getAddress()).toLowerCase()]: "usdc",
    };
    const b = await gasBreakdown(ethers.provider, tx.hash, labels);
    const sum = b.rows.reduce((s, r) => s + r.storage + r.calls + r.logs + r.execution, 0);
    expect(b.base + b.calldata + sum - b.refund).to.equal(Number(receipt!.gasUsed));
    expect(b.rows.map((r) => r.contract).sort()).to.deep.equal(["auction", "collector", "usdc", "zk"]);
    const row = (name: string) => b.rows.find((r) => r.contract === name)!;
    // The auction calls ZK cold (2,600), the collector cold for the distributor (2,600), then warm to release (100).
    expect(row("auction").calls).to.equal(5_300);
    // The collector emptied its USDC balance: one cleared slot, 4,800 refunded.
    expect(b.refund).to.equal(4_800);
    expect(row("zk").logs).to.be.greaterThan(0);

    const half = perUnit(b, b, 1);
    expect(half.gasUsed).to.equal(0);
    expect(half.rows.every((r) => r.storage === 0 && r.execution === 0)).to.equal(true);
  });

  it("sees a plain transfer of the native token as base cost only", async function () {
    const [a, b] = await ethers.getSigners();
    const tx = await a.sendTransaction({ to: b.address, value: 1n });
    await tx.wait();
    const breakdown = await gasBreakdown(ethers.provider, tx.hash, {});
    expect(breakdown).to.deep.include({ gasUsed: 21_000, base: 21_000, calldata: 0, refund: 0 });
    expect(breakdown.rows).to.deep.equal([]);
  });
});
