import fs from "fs";
import path from "path";
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { deploySuite, type Suite } from "../../deploy/suite";
import { NATIVE } from "../../deploy/feeflow";
import { setPaused } from "../../scripts/feeflow/steps";
import { runTask, tempDir } from "../helpers/tasks";

describe("The loop's own steps from the command line", function () {
  let suite: Suite;
  let dir: string;

  before(async function () {
    dir = tempDir("steps");
    const file = path.join(dir, "suite.json");
    suite = await deploySuite(hre, { file });
    process.env.DEPLOYMENT_NAME = file;
  });
  after(function () {
    delete process.env.DEPLOYMENT_NAME;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("feeflow:deposit pays a licence in USDC, native or ZK, approving exactly the amount", async function () {
    const [me] = await ethers.getSigners();
    const usdc = suite.mocks.USDC;
    await usdc.mint(me.address, 5_000_000_000n);
    const collector = await suite.collector.getAddress();
    const r = await runTask("feeflow:deposit", { asset: "USDC", amount: "5000", ref: "licence/acme" });
    expect(r.code, r.out).to.equal(undefined);
    expect(r.out).to.match(/^deposited 5,000 USDC as "licence\/acme", waiting for the auction/);
    expect(await usdc.balanceOf(collector)).to.equal(5_000_000_000n);
    expect(await usdc.allowance(me.address, collector)).to.equal(0n);
    const events = await suite.collector.queryFilter(suite.collector.filters.RevenueDeposited());
    expect(events.at(-1)!.args.ref).to.equal(ethers.encodeBytes32String("licence/acme"));

    const before = await ethers.provider.getBalance(collector);
    expect((await runTask("feeflow:deposit", { asset: "native", amount: "0.25", ref: "x" })).code).to.equal(undefined);
    expect((await ethers.provider.getBalance(collector)) - before).to.be.gte(ethers.parseEther("0.25"));
    const distributor = await suite.distributor.getAddress();
    const held = await suite.token.balanceOf(distributor);
    const zk = await runTask("feeflow:deposit", { asset: "ZK", amount: "100", ref: "x" });
    expect(zk.out).to.match(/straight to the distributor/);
    expect((await suite.token.balanceOf(distributor)) - held).to.equal(ethers.parseEther("100"));

    for (const [args, expected] of [
      [{ asset: "DOGE", amount: "1" }, /^error: --asset: unknown asset "DOGE": give native, ZK, /],
      [{ asset: "USDC", amount: "-1" }, /^error: --amount must be a positive number of USDC, not "-1"$/],
      [{ asset: "USDC", amount: "0.0000001" }, /^error: --amount 0.0000001: USDC has 6 decimals$/],
      [{ asset: "USDC", amount: "1", ref: "x".repeat(33) }, /^error: --ref must be at most 32 characters, not 33$/],
      [{ asset: "USDC", amount: "1000000000" }, /^error: 0x[0-9a-fA-F]{40} holds 0 USDC, less than 1000000000$/],
    ] as const) {
      const bad = await runTask("feeflow:deposit", { ref: "x", ...args });
      expect(bad.code, JSON.stringify(args)).to.equal(1);
      expect(bad.out, JSON.stringify(args)).to.match(expected);
    }
  });

  it("feeflow:distribute burns what the distributor holds, and says when there is nothing", async function () {
    const supply = await suite.token.totalSupply();
    await suite.token.transfer(await suite.distributor.getAddress(), ethers.parseEther("50"));
    const r = await runTask("feeflow:distribute");
    expect(r.code, r.out).to.equal(undefined);
    expect(r.out).to.match(/^distributed [\d,.]+ ZK: burned [\d,.]+ ZK, paid 0 ZK to allocations/);
    expect(await suite.token.totalSupply()).to.be.lessThan(supply);
    const again = await runTask("feeflow:distribute");
    expect(again.code).to.equal(undefined);
    expect(again.out).to.match(/^nothing to distribute: the distributor holds 0\.0000 ZK|^nothing to distribute/);
  });

  it("feeflow:pause and unpause say who may, and the guardian pauses", async function () {
    const [me, guardian] = await ethers.getSigners();
    const refused = await runTask("feeflow:pause");
    expect(refused.code).to.equal(1);
    expect(refused.out).to.match(
      new RegExp(
        `^error: only the guardian ${guardian.address} or governance 0x[0-9a-fA-F]{40} may pause claims, not ${me.address}$`,
      ),
    );
    const lines: string[] = [];
    await setPaused(suite.deployment, guardian, true, (l) => lines.push(l));
    expect(await suite.auction.paused()).to.equal(true);
    expect(lines[0]).to.match(/^claims paused \(tx 0x/);
    const unpause = await runTask("feeflow:unpause");
    expect(unpause.out).to.match(
      /^error: only governance 0x[0-9a-fA-F]{40} may unpause claims \(a ZIP calling FeeFlowAuction\.unpause\)/,
    );
    expect((await runTask("feeflow:pause")).out).to.match(/^the auction is already paused: nothing sent$/);
  });

  it("staking:poke pokes a stake, and names a revert by its error", async function () {
    const [me, , , , , , , , staker] = await ethers.getSigners();
    await suite.token.transfer(staker.address, ethers.parseEther("1000"));
    await suite.token.connect(staker).approve(await suite.staking.getAddress(), ethers.parseEther("1000"));
    await suite.staking.connect(staker).stake(ethers.parseEther("1000"), me.address);
    const unchanged = await runTask("staking:poke", { account: staker.address });
    expect(unchanged.code, unchanged.out).to.equal(undefined);
    expect(unchanged.out).to.match(/^nothing to poke: .* already matches its delegatee's status; nothing sent$/);
    // Any other revert is named by its custom error, in one line.
    const none = ethers.Wallet.createRandom().address;
    const stakingAddress = await suite.staking.getAddress();
    const code = await ethers.provider.getCode(stakingAddress);
    expect(code).not.to.equal("0x");
    const r = await runTask("staking:poke", { account: none });
    expect(r.out).to.match(/^(nothing to poke|error: a transaction would revert: Staking\w+\()/);
    const bad = await runTask("staking:poke", { account: "0x12" });
    expect(bad.out).to.match(/^error: --account must be an address, not "0x12"$/);
  });

  it("interop:recipient deploys a CrossChainCounter that trusts the senders given", async function () {
    const sender = ethers.Wallet.createRandom().address;
    const r = await runTask("interop:recipient", { trust: `5002:${sender}` });
    expect(r.code, r.out).to.equal(undefined);
    const address = r.out.match(/CrossChainCounter deployed at (0x[0-9a-fA-F]{40})/)![1];
    const counter = await ethers.getContractAt("CrossChainCounter", address);
    expect(await counter.isTrustedSender(5002n, sender)).to.equal(true);
    expect(await counter.HANDLER()).to.equal(suite.deployment.contracts.InteropHandler.address);
    const more = ethers.Wallet.createRandom().address;
    expect((await runTask("interop:recipient", { trust: `5003:${more}`, at: address })).out).to.contain(
      `trusts ${ethers.getAddress(more)} on chain 5003`,
    );
    expect(await counter.isTrustedSender(5003n, more)).to.equal(true);
    const bad = await runTask("interop:recipient", { trust: "5002-0xabc" });
    expect(bad.out).to.match(/^error: --trust: "5002-0xabc" is not CHAIN_ID:ADDRESS/);
    expect(NATIVE).to.equal(ethers.ZeroAddress);
  });
});
