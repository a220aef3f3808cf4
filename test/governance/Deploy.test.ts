import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import fs from "fs";
import os from "os";
import path from "path";
import hre, { ethers } from "hardhat";
import { deploySuite, verifySuite } from "../../deploy/suite";
import { configFor } from "../../deploy/config";
import { NATIVE } from "../../deploy/feeflow";
import { suiteFixture } from "./fixture";

describe("Deployment", function () {
  it("wires every link and hands every setter and role admin to the timelock; the deployer keeps nothing", async function () {
    const { token, timelock, governor, distributor, collector, auction, deployer, guardianSigner, mocks, config } =
      await loadFixture(suiteFixture);
    const tl = await timelock.getAddress();
    for (const c of [distributor, collector, auction]) expect(await c.governance()).to.equal(tl);
    expect(await collector.releaser()).to.equal(await auction.getAddress());
    expect(await collector.distributor()).to.equal(await distributor.getAddress());
    expect(await auction.COLLECTOR()).to.equal(await collector.getAddress());
    expect(await auction.guardian()).to.equal(guardianSigner.address);
    expect(await governor.proposalGuardian()).to.equal(guardianSigner.address);
    expect(await governor.timelock()).to.equal(tl);
    expect(await governor.token()).to.equal(await token.getAddress());
    for (const asset of [NATIVE, await mocks.USDC.getAddress(), await mocks.WETH.getAddress()]) {
      expect(await collector.isClaimable(asset)).to.equal(true);
    }
    expect(await collector.isClaimable(await mocks.DAI.getAddress())).to.equal(false);
    for (const role of [
      await token.DEFAULT_ADMIN_ROLE(),
      await token.MINTER_ADMIN_ROLE(),
      await token.BURNER_ADMIN_ROLE(),
    ]) {
      expect(await token.hasRole(role, tl)).to.equal(true);
      expect(await token.hasRole(role, deployer.address)).to.equal(false);
    }
    expect(await timelock.hasRole(await timelock.DEFAULT_ADMIN_ROLE(), deployer.address)).to.equal(false);
    expect(await timelock.hasRole(await timelock.PROPOSER_ROLE(), await governor.getAddress())).to.equal(true);
    expect(await timelock.getMinDelay()).to.equal(BigInt(config.timelockDelay));
    expect(await governor.quorum((await governor.clock()) - 1n)).to.equal(config.governor.quorum);
    expect(await governor.proposalThreshold()).to.equal(config.governor.proposalThreshold);
    expect(await governor.CLOCK_MODE()).to.equal("mode=timestamp");
  });

  it("has a deploy config for every network the scripts name, the EraVM ones (<network>-eravm) included", function () {
    for (const network of [
      "hardhat",
      "localhost",
      "anvil",
      "zkSyncLocal",
      "zkSyncLocal-eravm",
      "zkSyncSepolia-eravm",
    ]) {
      expect(configFor(network).feeflow.zkFeePerCall, network).to.be.greaterThan(0n);
    }
    expect(configFor("zkSyncMainnet").governance).to.deep.include({
      governor: "0xb83FF6501214ddF40C91C9565d095400f3F45746",
      timelock: "0xe5d21A9179CA2E1F0F327d598D464CcF60d89c3d",
    });
    expect(configFor("zkSyncSepolia").governance).to.equal(undefined);
    expect(() => configFor("nowhere")).to.throw(/no deploy config for network "nowhere"/);
  });

  it("does not resend a step whose effect the chain already shows, though the file lost its record", async function () {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "zknomics-effect-")), "hardhat.json");
    const [deployer] = await ethers.getSigners();
    await deploySuite(hre, { file, network: "hardhat" });
    // As if a run had been stopped between sending these and writing them down, with no hash kept either.
    const recorded = JSON.parse(fs.readFileSync(file, "utf8"));
    for (const step of [
      "collector.setReleaser(auction)",
      "staking.addSeason(0)",
      "timelock.renounceRole(admin, deployer)",
    ]) {
      expect(recorded.steps[step], step).to.not.equal(undefined);
      delete recorded.steps[step];
    }
    recorded.complete = false;
    fs.writeFileSync(file, JSON.stringify(recorded));
    const nonce = await ethers.provider.getTransactionCount(deployer.address);
    const lines: string[] = [];
    await deploySuite(hre, { file, network: "hardhat", log: (l) => lines.push(l) });
    expect(await ethers.provider.getTransactionCount(deployer.address)).to.equal(nonce);
    expect(lines.filter((l) => l.includes("already in effect on chain"))).to.have.length(3);
    const done = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(done.complete).to.equal(true);
    expect(done.steps["staking.addSeason(0)"].foundDone).to.equal(true);
  });

  it("fails the read-back check loudly when a link is not what was intended", async function () {
    const suite = await loadFixture(suiteFixture);
    await expect(
      verifySuite(
        { ...suite, guardian: suite.deployer.address },
        { deployer: suite.deployer.address, claimable: [], ownsToken: true },
      ),
    ).to.be.rejectedWith(/auction.guardian/);
  });
});

describe("Deploy configuration from the environment", function () {
  const names = ["ZK_TOKEN_ADDRESS", "ZK_GOVERNOR_ADDRESS", "ZK_TIMELOCK_ADDRESS"] as const;
  const saved = Object.fromEntries(names.map((n) => [n, process.env[n]]));
  afterEach(() => {
    for (const n of names) {
      if (saved[n] === undefined) delete process.env[n];
      else process.env[n] = saved[n];
    }
  });
  const [token, governor, timelock] = [1, 2, 3].map((i) => ethers.zeroPadValue(ethers.toBeHex(i), 20));

  it("refuses one of ZK_GOVERNOR_ADDRESS and ZK_TIMELOCK_ADDRESS without the other, on every network, naming it", function () {
    for (const network of ["zkSyncMainnet", "zkSyncSepolia", "anvil", "localhost", "hardhat"]) {
      for (const only of ["ZK_GOVERNOR_ADDRESS", "ZK_TIMELOCK_ADDRESS"] as const) {
        for (const n of names) delete process.env[n];
        process.env[only] = governor;
        expect(() => configFor(network).governance, `${network} ${only}`).to.throw(`only ${only} is set`);
      }
    }
  });

  it("honours ZK_TOKEN_ADDRESS and existing governance on local networks instead of ignoring them", function () {
    for (const n of names) delete process.env[n];
    expect(configFor("anvil").governance).to.equal(undefined);
    expect(configFor("anvil").zkToken).to.equal(undefined);
    process.env.ZK_TOKEN_ADDRESS = token;
    process.env.ZK_GOVERNOR_ADDRESS = governor;
    process.env.ZK_TIMELOCK_ADDRESS = timelock;
    for (const network of ["anvil", "localhost", "hardhat"]) {
      const config = configFor(network);
      expect(config.zkToken).to.equal(token);
      expect(config.governance).to.deep.include({ governor, timelock, governorInterface: "IZkNationGovernor" });
    }
    // On mainnet the named ones replace ZK Nation's defaults together.
    expect(configFor("zkSyncMainnet").governance).to.deep.include({ governor, timelock });
  });
});
