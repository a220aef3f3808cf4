import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deploySuite } from "../../deploy/suite";
import { configFor, type SuiteConfig } from "../../deploy/config";
import { NATIVE } from "../../deploy/feeflow";
import { buildZip, validateZip, ZipError, type Zip } from "../../scripts/zip/zip";
import { cancel, execute, propose, queue, recordInStaking, simulate, status, vote } from "../../scripts/zip/lifecycle";
import { feeFlowStatus } from "../../scripts/feeflow/ops";
import { recordCountable } from "../../scripts/staking/record";
import type { CompatTimelockV4, ZkNationGovernorV4, ZkNationTokenV4 } from "../../typechain-types";

const ZK = (n: number | string) => ethers.parseEther(String(n));
const quiet = () => undefined;

/** Deploys a ZK token behind a proxy (OpenZeppelin 4.9 upgradeable; with or without ZIP-14's burn). */
async function tokenV4(withBurn: boolean, holder: string) {
  const impl = await ethers.deployContract(withBurn ? "ZkNationTokenV4" : "ZkNationTokenV4NoBurn");
  const init = impl.interface.encodeFunctionData("initialize", [holder, holder, ZK(1_000_000_000)]);
  const proxy = await ethers.deployContract("CompatProxyV4", [await impl.getAddress(), init]);
  return (await ethers.getContractAt("ZkNationTokenV4", await proxy.getAddress())) as unknown as ZkNationTokenV4;
}

describe("ZK Nation compatibility (OpenZeppelin 4.9 governor, timelock and upgradeable token)", function () {
  /** Governance built like ZK Nation's Token Governor, then the suite deployed to join it. */
  async function zkNationFixture() {
    const signers = await ethers.getSigners();
    const [deployer, , , vetoGuardian, proposeGuardian] = signers;
    const token = await tokenV4(true, deployer.address);
    const timelock = (await ethers.deployContract("CompatTimelockV4", [
      60,
      [],
      [ethers.ZeroAddress],
      deployer.address,
    ])) as unknown as CompatTimelockV4;
    const governor = (await ethers.deployContract("ZkNationGovernorV4", [
      {
        token: await token.getAddress(),
        timelock: await timelock.getAddress(),
        votingDelay: 60,
        votingPeriod: 3_600,
        proposalThreshold: ZK(1_000_000),
        quorum: ZK(30_000_000),
        voteExtension: 600,
        vetoGuardian: vetoGuardian.address,
        proposeGuardian: proposeGuardian.address,
        isProposeGuarded: false,
      },
    ])) as unknown as ZkNationGovernorV4;
    const [governorAddress, timelockAddress] = [await governor.getAddress(), await timelock.getAddress()];
    await timelock.grantRole(await timelock.PROPOSER_ROLE(), governorAddress);
    await timelock.grantRole(await timelock.CANCELLER_ROLE(), governorAddress);
    await timelock.renounceRole(await timelock.TIMELOCK_ADMIN_ROLE(), deployer.address);

    const config: SuiteConfig = {
      ...configFor("hardhat"),
      zkToken: await token.getAddress(),
      governance: {
        governor: governorAddress,
        timelock: timelockAddress,
        governorInterface: "IZkNationGovernor",
        timelockInterface: "ITimelockControllerV4",
      },
    };
    const before = await ethers.provider.getBlockNumber();
    const suite = await deploySuite(hre, { config });
    const after = await ethers.provider.getBlockNumber();
    const build = (zip: Omit<Zip, "author" | "sponsor" | "version" | "summary"> & Partial<Zip>) =>
      buildZip(
        hre,
        validateZip({ author: "test", sponsor: "test", version: "1", summary: "test", ...zip }),
        suite.deployment,
      );
    return {
      ...suite,
      token,
      timelock,
      governor,
      signers,
      deployer,
      vetoGuardian,
      proposeGuardian,
      config,
      build,
      deployBlocks: [before + 1, after] as const,
    };
  }

  /** Three delegates holding 15M ZK each, self-delegated: together above quorum and each above the threshold. */
  async function withDelegates(f: Awaited<ReturnType<typeof zkNationFixture>>) {
    const delegates = f.signers.slice(7, 10);
    for (const d of delegates) {
      await f.token.transfer(d.address, ZK(15_000_000));
      await f.token.connect(d).delegate(d.address);
    }
    await time.increase(1);
    return delegates;
  }

  it("joins the existing governance: every setter goes to the 4.9 timelock, and nothing is sent to the governor, the timelock or the token", async function () {
    const f = await loadFixture(zkNationFixture);
    const tl = await f.timelock.getAddress();
    for (const c of [f.distributor, f.collector, f.auction, f.staking]) expect(await c.governance()).to.equal(tl);
    expect(await f.staking.GOVERNOR()).to.equal(await f.governor.getAddress());
    expect(f.existingGovernance).to.equal(true);
    expect(f.deployment.contracts.ZkTokenGovernor).to.deep.include({
      address: await f.governor.getAddress(),
      artifact: "IZkNationGovernor",
      existing: true,
    });
    expect(f.deployment.contracts.ZkTimelock).to.deep.include({ artifact: "ITimelockControllerV4", existing: true });
    expect(f.deployment.contracts.ZkToken).to.equal(undefined);
    const logs = await ethers.provider.getLogs({
      fromBlock: f.deployBlocks[0],
      toBlock: f.deployBlocks[1],
      address: [await f.governor.getAddress(), tl, await f.token.getAddress()],
    });
    expect(logs).to.deep.equal([]);
    // The deployer never held a role on the timelock it joined, and still holds none.
    expect(await f.timelock.hasRole(await f.timelock.TIMELOCK_ADMIN_ROLE(), f.deployer.address)).to.equal(false);
  });

  it("refuses a token without burn(uint256), naming ZIP-14, before any transaction", async function () {
    const f = await loadFixture(zkNationFixture);
    const old = await tokenV4(false, f.deployer.address);
    const nonce = await ethers.provider.getTransactionCount(f.deployer.address);
    await expect(
      deploySuite(hre, { config: { ...f.config, zkToken: await old.getAddress(), governance: undefined } }),
    ).to.be.rejectedWith(/has no burn\(uint256\) \(ZIP-14\)/);
    expect(await ethers.provider.getTransactionCount(f.deployer.address)).to.equal(nonce);
  });

  it("refuses existing governance that is not wired as configured, before any transaction", async function () {
    const f = await loadFixture(zkNationFixture);
    const nonce = await ethers.provider.getTransactionCount(f.deployer.address);
    const other = f.signers[15].address;
    const governance = f.config.governance!;
    await expect(
      deploySuite(hre, { config: { ...f.config, governance: { ...governance, timelock: other } } }),
    ).to.be.rejectedWith(/existing timelock: no contract at/);
    await expect(
      deploySuite(hre, {
        config: { ...f.config, governance: { ...governance, timelock: await f.collector.getAddress() } },
      }),
    ).to.be.rejectedWith(/executes through .* not the configured timelock/);
    await expect(
      deploySuite(hre, {
        config: { ...f.config, governance: { ...governance, governor: await f.collector.getAddress() } },
      }),
    ).to.be.rejectedWith(/does not answer timelock\(\) and token\(\)/);
    expect(await ethers.provider.getTransactionCount(f.deployer.address)).to.equal(nonce);
  });

  it("runs a fee-flow ZIP through propose, split votes, queue and execute, and counts it for staking", async function () {
    const f = await loadFixture(zkNationFixture);
    const [d1, d2, d3] = await withDelegates(f);
    const built = await f.build({
      title: "Raise the interop ZK fee",
      actions: [{ contract: "InteropFeeCollector", function: "setZkFeePerCall", args: ["12 ZK"] }],
    });
    await propose(hre, built, d1, quiet);
    await time.increase(61);
    await vote(hre, built, d1, { for: ZK(10_000_000), against: ZK(1_000_000), abstain: ZK(4_000_000) }, quiet);
    await vote(hre, built, d2, { for: ZK(15_000_000), against: 0n, abstain: 0n }, quiet);
    await vote(hre, built, d3, 1, quiet);
    expect(await f.governor.proposalVotes(built.proposalId)).to.deep.equal([
      ZK(1_000_000),
      ZK(40_000_000),
      ZK(4_000_000),
    ]);
    expect(await f.governor.voteWeightCast(built.proposalId, d1.address)).to.equal(ZK(15_000_000));
    await expect(vote(hre, built, d1, { for: 1n, against: 0n, abstain: 0n }, quiet)).to.be.rejectedWith(
      ZipError,
      /castVoteWithReasonAndParams reverted: FractionalAllWeightCast/,
    );
    await time.increase(3_600);
    const lines: string[] = [];
    await status(hre, built, ethers.provider, (l) => lines.push(l));
    expect(lines[0]).to.contain("Succeeded");
    expect(lines.join("\n")).to.match(
      /For 40,000,000 \/ Against 1,000,000 \/ Abstain 4,000,000 ZK; quorum 30,000,000 ZK/,
    );
    expect(lines.join("\n")).to.match(/voting: from \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ to \d{4}-\d\d-\d\dT/);
    await queue(hre, built, d1, quiet);
    await time.increase(61);
    await execute(hre, built, d1, quiet);
    expect(await f.collector.zkFeePerCall()).to.equal(ZK(12));
    await recordInStaking(hre, built, f.deployment, d1, quiet);
    expect(await f.staking.isCounted(built.proposalId)).to.equal(true);
  });

  it("encodes the governor's own setter from its interface: setQuorum(uint224)", async function () {
    const f = await loadFixture(zkNationFixture);
    const built = await f.build({
      title: "Quorum",
      actions: [{ contract: "ZkTokenGovernor", function: "setQuorum", args: ["40000000 ZK"] }],
    });
    expect(built.calldatas[0].slice(0, 10)).to.equal(ethers.id("setQuorum(uint224)").slice(0, 10));
    await simulate(hre, built, f.deployment, quiet);
    expect(await f.governor.quorum(await time.latest())).to.equal(ZK(40_000_000));
  });

  it("in propose-guarded mode tells a signer who may propose, sends nothing, and simulates as the propose guardian", async function () {
    const f = await loadFixture(zkNationFixture);
    const guard = await f.build({
      title: "Guard",
      actions: [{ contract: "ZkTokenGovernor", function: "setIsProposeGuarded", args: [true] }],
    });
    await simulate(hre, guard, f.deployment, quiet);
    expect(await f.governor.isProposeGuarded()).to.equal(true);
    const [d1] = await withDelegates(f);
    const price = await f.build({
      title: "Price",
      actions: [{ contract: "FeeFlowAuction", function: "setPrice", args: ["2000 ZK"] }],
    });
    const nonce = await ethers.provider.getTransactionCount(d1.address);
    await expect(propose(hre, price, d1, quiet)).to.be.rejectedWith(
      ZipError,
      new RegExp(`propose-guarded mode and only the propose guardian ${f.proposeGuardian.address} may propose`),
    );
    expect(await ethers.provider.getTransactionCount(d1.address)).to.equal(nonce);
    const lines: string[] = [];
    await simulate(hre, price, f.deployment, (l) => lines.push(l));
    expect(lines.join("\n")).to.contain(`proposing as the propose guardian ${f.proposeGuardian.address}`);
    expect(await f.auction.price()).to.equal(ZK(2_000));
  });

  it("checks before moving anything that the local accounts can reach quorum", async function () {
    const f = await loadFixture(zkNationFixture);
    await simulate(
      hre,
      await f.build({
        title: "Huge quorum",
        actions: [{ contract: "ZkTokenGovernor", function: "setQuorum", args: ["2000000000 ZK"] }],
      }),
      f.deployment,
      quiet,
    );
    const holders = f.signers.slice(0, 10);
    const balances = await Promise.all(holders.map((s) => f.token.balanceOf(s.address)));
    const next = await f.build({
      title: "Next",
      actions: [{ contract: "FeeFlowAuction", function: "setPrice", args: ["3000 ZK"] }],
    });
    await expect(simulate(hre, next, f.deployment, quiet)).to.be.rejectedWith(
      ZipError,
      /to reach the quorum of 2,000,000,000 ZK.*nothing was moved/,
    );
    expect(await Promise.all(holders.map((s) => f.token.balanceOf(s.address)))).to.deep.equal(balances);
  });

  it("lets only the veto guardian cancel, while the proposal is Pending or Active", async function () {
    const f = await loadFixture(zkNationFixture);
    const [d1] = await withDelegates(f);
    const built = await f.build({
      title: "To cancel",
      actions: [{ contract: "FeeFlowAuction", function: "setPrice", args: ["4000 ZK"] }],
    });
    await propose(hre, built, d1, quiet);
    await expect(cancel(hre, built, d1, quiet)).to.be.rejectedWith(
      ZipError,
      new RegExp(`only the veto guardian ${f.vetoGuardian.address} may cancel`),
    );
    await cancel(hre, built, f.vetoGuardian, quiet);
    expect(await f.governor.state(built.proposalId)).to.equal(2n);
    await expect(cancel(hre, built, f.vetoGuardian, quiet)).to.be.rejectedWith(ZipError, /the proposal is Canceled/);
  });

  it("claims, distributes and burns with the 4.9 token, and the staking rule reads the 4.9 governor", async function () {
    const f = await loadFixture(zkNationFixture);
    const [searcher, enterprise, staker] = [f.signers[11], f.signers[12], f.signers[13]];
    await f.mocks.USDC.mint(enterprise.address, 5_000n * 10n ** 6n);
    await f.mocks.USDC.connect(enterprise).approve(await f.collector.getAddress(), ethers.MaxUint256);
    await f.collector
      .connect(enterprise)
      .depositRevenue(await f.mocks.USDC.getAddress(), 5_000n * 10n ** 6n, ethers.ZeroHash);
    await f.token.transfer(searcher.address, ZK(10_000));
    await f.token.connect(searcher).approve(await f.auction.getAddress(), ethers.MaxUint256);
    const price = await f.auction.price();
    await f.auction
      .connect(searcher)
      .claim(
        [{ asset: await f.mocks.USDC.getAddress(), minAmount: 1n }],
        searcher.address,
        await f.auction.nonce(),
        price,
        2n ** 40n,
      );
    const supply = await f.token.totalSupply();
    await f.distributor.distribute();
    // The distributor keeps 1 wei (RETAINED_BALANCE) of the first ZK it ever distributes.
    expect(await f.token.totalSupply()).to.equal(supply - price + 1n);

    // Two counted proposals in which d1 voted and d2 did not: stake behind d2 earns nothing.
    const [d1, d2, d3] = await withDelegates(f);
    for (const fee of ["11 ZK", "13 ZK"]) {
      const built = await f.build({
        title: `fee ${fee}`,
        actions: [{ contract: "InteropFeeCollector", function: "setZkFeePerCall", args: [fee] }],
      });
      await simulate(hre, built, f.deployment, quiet, { delegates: [d1, d3] });
    }
    expect(await f.staking.countedProposals()).to.have.length(2);
    expect(await f.staking.isActive(d1.address)).to.equal(true);
    expect(await f.staking.isActive(d2.address)).to.equal(false);
    await f.token.transfer(staker.address, ZK(1_000));
    await f.token.connect(staker).approve(await f.staking.getAddress(), ethers.MaxUint256);
    await f.staking.connect(staker).stake(ZK(1_000), d2.address);
    expect(await f.staking.earningPowerOf(staker.address)).to.equal(0n);
    expect(await f.collector.isClaimable(NATIVE)).to.equal(true);
  });

  it("feeflow:status reads a token without maxSupply() and uses ZIP-14's 21B cap", async function () {
    const f = await loadFixture(zkNationFixture);
    const lines: string[] = [];
    await feeFlowStatus(f.deployment, f.deployer, (l) => lines.push(l));
    expect(lines.join("\n")).to.contain("of 21,000,000,000 ZK (ZIP-14's cap: this token has no maxSupply())");
  });

  it("names an unknown governor interface in one line when building", async function () {
    const f = await loadFixture(zkNationFixture);
    const deployment = structuredClone(f.deployment);
    deployment.contracts.ZkTokenGovernor.artifact = "IForeignGovernor";
    await expect(
      buildZip(
        hre,
        validateZip({
          title: "t",
          summary: "s",
          author: "a",
          sponsor: "s",
          version: "1",
          actions: [{ contract: "ZkTokenGovernor", function: "setQuorum", args: ["1 ZK"] }],
        }),
        deployment,
      ),
    ).to.be.rejectedWith(ZipError, /recorded with interface "IForeignGovernor", which this project does not have/);
  });

  it("staking: counts every finished proposal with quorum, defeated and never executed ones too, in bounded spans", async function () {
    const f = await loadFixture(zkNationFixture);
    const [d1, d2, d3] = await withDelegates(f);
    await f.token.transfer(d3.address, ZK(20_000_000));
    await time.increase(1);
    const ids: bigint[] = [];
    // Three proposals in one voting window: one defeated (35M against) after reaching quorum in For votes (30M),
    // one succeeded and never queued, one below quorum. None reaches zip:execute, which used to be the only place
    // proposals were counted.
    const votes = [
      { voters: [d1, d2], against: [d3] },
      { voters: [d2, d3], against: [] },
      { voters: [d1], against: [] },
    ];
    for (const [i] of votes.entries()) {
      const built = await f.build({
        title: `fee ${11 + i}`,
        actions: [{ contract: "InteropFeeCollector", function: "setZkFeePerCall", args: [`${11 + i} ZK`] }],
      });
      await propose(hre, built, d1, quiet);
      ids.push(BigInt(built.proposalId));
    }
    await time.increase(61);
    for (const [i, v] of votes.entries()) {
      for (const d of v.voters) await f.governor.connect(d).castVote(ids[i], 1);
      for (const d of v.against) await f.governor.connect(d).castVote(ids[i], 0);
    }
    await time.increase(3_601);
    const lines: string[] = [];
    const recorded = await recordCountable(
      await f.staking.getAddress(),
      f.deployer,
      { fromBlock: f.deployBlocks[0], maxSpan: 7 },
      (l) => lines.push(l),
    );
    expect(await f.governor.state(ids[0])).to.equal(3n); // Defeated
    expect(await f.governor.state(ids[1])).to.equal(4n); // Succeeded
    expect(recorded).to.deep.equal([ids[0], ids[1]]);
    expect(await f.staking.countedProposals()).to.deep.equal([ids[0], ids[1]]);
    expect(lines.join("\n")).to.contain("3 proposal(s) created");
    // d3 voted against the first and for the second: it voted in both, so it is active; nothing is left to count.
    expect(await f.staking.isActive(d3.address)).to.equal(true);
    expect(await recordCountable(await f.staking.getAddress(), f.deployer, { fromBlock: 0 }, quiet)).to.deep.equal([]);
  });
});
