import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { suiteFixture } from "../governance/fixture";
import { simulate } from "../../scripts/zip/lifecycle";
import { NATIVE } from "../../deploy/feeflow";
import { SCENARIOS, feeFlowStatus, keep, parsePrices, projection, scaledDay } from "../../scripts/feeflow/ops";
import { UserError } from "../../scripts/cli";

describe("Operator tasks", function () {
  async function revenueFixture() {
    const f = await suiteFixture();
    const keeper = f.signers[15];
    await f.token.transfer(keeper.address, ethers.parseEther("100000"));
    await f.mocks.USDC.mint(await f.collector.getAddress(), 50_000n * 10n ** 6n);
    const usdc = await f.mocks.USDC.getAddress();
    const prices = { zk: 0.05, assets: { [NATIVE]: 3_000, [usdc]: 1 } };
    return { ...f, keeper, usdc, prices };
  }

  it("feeflow:status shows price, nonce, claimable balances, allocations and totals", async function () {
    const { deployment, keeper, usdc } = await loadFixture(revenueFixture);
    const lines: string[] = [];
    const status = await feeFlowStatus(deployment, keeper, (l) => lines.push(l));
    expect(status.nonce).to.equal(1n);
    expect(status.assets).to.include(usdc);
    const text = lines.join("\n");
    expect(text).to.match(/price 1,000 ZK \(bounds 100 ZK … 10,000,000 ZK\), nonce 1, open/);
    expect(text).to.contain(`claimable 50,000 USDC (${usdc})`);
    expect(text).to.contain("100% burned");
    expect(text).to.match(/ZK supply 1,000,000,000 ZK of 21,000,000,000 ZK/);
  });

  it("feeflow:keeper only says what it would do in a dry run", async function () {
    const { deployment, keeper, prices, auction } = await loadFixture(revenueFixture);
    const result = await keep(deployment, keeper, prices, { dryRun: true, marginBps: 500 }, () => undefined);
    expect(result.plan.profitable).to.equal(true);
    expect(result.claimed).to.equal(false);
    expect(await auction.nonce()).to.equal(1n);
  });

  it("feeflow:keeper claims a profitable pool once, and is safe to run again", async function () {
    const { deployment, keeper, prices, mocks, auction } = await loadFixture(revenueFixture);
    const first = await keep(deployment, keeper, prices, { dryRun: false, marginBps: 500 }, () => undefined);
    expect(first.claimed).to.equal(true);
    expect(await mocks.USDC.balanceOf(keeper.address)).to.equal(50_000n * 10n ** 6n);
    const again = await keep(deployment, keeper, prices, { dryRun: false, marginBps: 500 }, () => undefined);
    expect(again.claimed).to.equal(false);
    expect(await auction.nonce()).to.equal(2n);
  });

  it("feeflow:keeper takes prices by symbol, names what it leaves out for lack of a price, and reports the claim", async function () {
    const { deployment, keeper, mocks, collector } = await loadFixture(revenueFixture);
    await mocks.WETH.mint(await collector.getAddress(), ethers.parseEther("3"));
    const prices = await parsePrices({ zkUsd: 0.05, asset: "USDC=1" }, deployment, keeper);
    expect(prices.assets).to.deep.equal({ [await mocks.USDC.getAddress()]: 1 });
    const lines: string[] = [];
    const result = await keep(deployment, keeper, prices, { dryRun: false, marginBps: 500 }, (l) => lines.push(l));
    expect(result.claimed).to.equal(true);
    const text = lines.join("\n");
    expect(text).to.contain("pool: 50,000 USDC ≈ $50000.00");
    expect(text).to.contain("left out: 3 WETH (no price given)");
    expect(text).to.match(
      new RegExp(
        `claimed 50,000 USDC for 1,000 ZK to ${keeper.address}; expected profit \\$[0-9.]+ after gas and margin`,
      ),
    );
  });

  it("names every mistake in the keeper's prices in one line", async function () {
    const { deployment, keeper } = await loadFixture(revenueFixture);
    const cases: [Parameters<typeof parsePrices>[0], RegExp][] = [
      [{ asset: "USDC=1" }, /a ZK price is required: --zk-usd/],
      [{ zkUsd: 0.05, asset: "", file: "no/such/prices.json" }, /--prices: no file at no\/such\/prices.json/],
      [{ zkUsd: 0.05, asset: "USDC" }, /--asset: "USDC" is not NAME=USD/],
      [
        { zkUsd: 0.05, asset: "DOGE=1" },
        /unknown asset "DOGE": claimable here are native, (USDC, WETH|WETH, USDC) \(or give an address\)/,
      ],
    ];
    for (const [input, message] of cases) {
      await expect(parsePrices(input, deployment, keeper)).to.be.rejectedWith(UserError, message);
    }
  });

  it("feeflow:keeper leaves an unprofitable or paused pool alone", async function () {
    const { deployment, keeper, prices, auction, guardianSigner } = await loadFixture(revenueFixture);
    const cheap = { ...prices, assets: { ...prices.assets } };
    for (const k of Object.keys(cheap.assets)) cheap.assets[k] = 0.0000001;
    expect(
      (await keep(deployment, keeper, cheap, { dryRun: false, marginBps: 500 }, () => undefined)).claimed,
    ).to.equal(false);
    await auction.connect(guardianSigner).pause();
    const lines: string[] = [];
    expect(
      (await keep(deployment, keeper, prices, { dryRun: false, marginBps: 500 }, (l) => lines.push(l))).claimed,
    ).to.equal(false);
    expect(lines.join("\n")).to.contain("paused");
  });

  it("feeflow:simulate reproduces the article's table and burns exactly the projection of a scaled day", async function () {
    const { deployment, keeper } = await loadFixture(revenueFixture);
    const rows = projection(ethers.parseEther("10"), ethers.parseEther("21000000000"));
    expect(rows.map((r) => ethers.formatEther(r.yearly))).to.deep.equal([
      "18250000.0",
      "182500000.0",
      "730000000.0",
      "3650000000.0",
    ]);
    const { burned, retained, expected, calls, matches } = await scaledDay(
      hre,
      deployment,
      keeper,
      SCENARIOS[1],
      1_000,
      () => undefined,
    );
    expect(calls).to.equal(50);
    expect(matches).to.equal(true);
    expect(expected).to.equal(ethers.parseEther("500"));
    // The distributor's first distribution keeps 1 wei for the next one.
    expect(retained).to.equal(1n);
    expect(burned).to.equal(expected - 1n);
  });

  it("feeflow:simulate compares burned + paid with the projection once governance shares the flow", async function () {
    const { deployment, keeper, build } = await loadFixture(revenueFixture);
    await simulate(
      hre,
      await build({
        title: "share",
        actions: [
          {
            contract: "FeeDistributor",
            function: "setAllocations",
            args: [[{ recipient: "@ZkStakingRewards", bps: 2000, notify: true }]],
          },
        ],
      }),
      deployment,
      () => undefined,
    );
    const lines: string[] = [];
    const result = await scaledDay(hre, deployment, keeper, SCENARIOS[1], 1_000, (l) => lines.push(l));
    expect(result.matches).to.equal(true);
    // 500 ZK less the 1 wei the first distribution keeps, split 80 / 20 (the share rounds down).
    const split = ethers.parseEther("500") - 1n;
    expect(result.retained).to.equal(1n);
    expect(result.paid).to.equal((split * 2_000n) / 10_000n);
    expect(result.burned).to.equal(split - result.paid);
    expect(lines.join("\n")).to.match(/real transactions from .* paying 500.0 ZK of fees/);
    expect(lines.join("\n")).to.contain(
      "consumed 500.0 ZK (burned 400.0, paid to allocations 99.999999999999999999, kept for the next distribution " +
        "1 wei), projection 500.0 ZK: match",
    );
  });
});
