import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { loadZip, validateZip, ZipError } from "../../scripts/zip/zip";
import { simulate, propose, vote, STATES } from "../../scripts/zip/lifecycle";
import { buildZip } from "../../scripts/zip/zip";
import { preflight } from "../../scripts/zip/preflight";
import { suiteFixture } from "./fixture";

const quiet = () => undefined;

describe("ZIP tooling", function () {
  describe("schema", function () {
    it("accepts every example proposal", function () {
      for (const file of [
        "raise-interop-zk-fee",
        "change-auction-price",
        "register-claimable-asset",
        "staking-80-20",
      ]) {
        expect(loadZip(`proposals/${file}.json`).actions.length).to.be.greaterThan(0);
      }
    });

    it("names every problem of an invalid ZIP", function () {
      expect(() =>
        validateZip({ title: "", actions: [{ contract: "X", args: "no", extra: 1 }], bogus: true }),
      ).to.throw(
        ZipError,
        /"title" must be a non-empty string[\s\S]*actions\[0\].function must be a string[\s\S]*actions\[0\].args must be an array[\s\S]*unknown key "extra"[\s\S]*unknown key "bogus"/,
      );
      expect(() => validateZip([])).to.throw(ZipError, /must be a JSON object/);
    });

    it("writes native-token amounts in ETH, in arguments and as a call's value, and shows them so to voters", async function () {
      const { build } = await loadFixture(suiteFixture);
      const built = await build({
        title: "native",
        actions: [{ contract: "InteropFeeCollector", function: "setBaseFeePerCall", args: ["0.00002 ETH"] }],
      });
      expect(built.description).to.contain("setBaseFeePerCall(0.00002 ETH)");
      expect(ethers.AbiCoder.defaultAbiCoder().decode(["uint256"], "0x" + built.calldatas[0].slice(10))[0]).to.equal(
        ethers.parseEther("0.00002"),
      );
      const paid = await build({
        title: "with value",
        actions: [
          {
            contract: "ZkTokenGovernor",
            function: "relay",
            args: ["@InteropFeeCollector", 0, "0x"],
            value: "0.5 ETH",
          },
        ],
      });
      expect(paid.values).to.deep.equal([ethers.parseEther("0.5")]);
      expect(paid.description).to.match(
        /relay\(InteropFeeCollector \(0x[0-9a-fA-F]{40}\), 0, "0x"\)` with 0\.5 ETH on /,
      );
      const inWei = await build({
        title: "in wei",
        actions: [
          { contract: "ZkTokenGovernor", function: "relay", args: ["@InteropFeeCollector", 0, "0x"], value: "1000" },
        ],
      });
      expect(inWei.description).to.contain("with 0.000000000000001 ETH on");
      expect(() =>
        validateZip({
          title: "t",
          summary: "s",
          author: "a",
          sponsor: "s",
          version: "1",
          actions: [{ contract: "X", function: "f", args: [], value: "1 ZK" }],
        }),
      ).to.throw(ZipError, /value must be native token: "0\.1 ETH", "7 wei" or a decimal string of wei/);
    });

    it("writes amounts as people do: units required, no negatives, no more than 18 decimals", async function () {
      const { build } = await loadFixture(suiteFixture);
      const fee = (arg: unknown) =>
        build({ title: "t", actions: [{ contract: "InteropFeeCollector", function: "setZkFeePerCall", args: [arg] }] });
      await expect(fee("12")).to.be.rejectedWith(
        ZipError,
        /"12" has no unit: write "12 ZK", "12 ETH" \(the native token\) or "12 wei"/,
      );
      await expect(fee("-5 ZK")).to.be.rejectedWith(ZipError, /"-5 ZK" is negative/);
      await expect(fee("0.0000000000000000001 ZK")).to.be.rejectedWith(ZipError, /more than 18 decimals/);
      await expect(fee("1.5 wei")).to.be.rejectedWith(ZipError, /wei has no fractions/);
      const built = await fee("15 ZK");
      expect(built.description).to.contain("setZkFeePerCall(15 ZK)");
      expect(built.description).not.to.contain("15000000000000000000");
      expect(ethers.AbiCoder.defaultAbiCoder().decode(["uint256"], "0x" + built.calldatas[0].slice(10))[0]).to.equal(
        ethers.parseEther("15"),
      );
    });

    it("rejects unknown contracts, functions and badly typed arguments when building", async function () {
      const { build } = await loadFixture(suiteFixture);
      await expect(build({ title: "t", actions: [{ contract: "Nope", function: "f", args: [] }] })).to.be.rejectedWith(
        ZipError,
        /no contract "Nope"/,
      );
      await expect(
        build({ title: "t", actions: [{ contract: "FeeFlowAuction", function: "setNothing", args: [] }] }),
      ).to.be.rejectedWith(ZipError, /has no function "setNothing"/);
      await expect(
        build({ title: "t", actions: [{ contract: "FeeFlowAuction", function: "setPrice", args: ["lots"] }] }),
      ).to.be.rejectedWith(ZipError, /cannot encode FeeFlowAuction.setPrice/);
      await expect(
        build({
          title: "t",
          actions: [{ contract: "InteropFeeCollector", function: "setClaimable", args: ["@Ghost", true] }],
        }),
      ).to.be.rejectedWith(ZipError, /"@Ghost" is not in the deployment/);
    });

    it("renders the ZK Nation template and the proposal id the governor computes", async function () {
      const { governor, deployment } = await loadFixture(suiteFixture);
      const built = await buildZip(hre, loadZip("proposals/change-auction-price.json"), deployment);
      for (const heading of [
        "# Set the fee-flow auction price",
        "## Proposal Type",
        "## Summary",
        "## Specification",
        "## Author",
        "## Sponsor",
        "## Date",
        "## Version",
      ]) {
        expect(built.description).to.contain(heading);
      }
      // Sections the ZIP does not give are left out, and amounts read as people write them.
      expect(built.description).not.to.contain("## Links");
      expect(built.description).not.to.contain("## Motivation");
      expect(await governor.hashProposal(built.targets, built.values, built.calldatas, built.descriptionHash)).to.equal(
        built.proposalId,
      );
    });
  });

  describe("pre-flight", function () {
    it("names each action that could only fail at execution, with its decoded error, and leaves the chain as it was", async function () {
      const { build, deployment, auction, token, signers } = await loadFixture(suiteFixture);
      const cases: [string, string, unknown[], RegExp][] = [
        ["InteropFeeCollector", "setZkFeePerCall", ["0 ZK"], /FeeCollectorZkFeeBelowMin\(0, /],
        [
          "InteropFeeCollector",
          "setZkFeePerCall",
          ["10000 ZK"],
          /FeeCollectorZkFeeAboveMax\(10000000000000000000000, /,
        ],
        ["FeeFlowAuction", "setPrice", ["20000000 ZK"], /FeeFlowAuctionPriceAboveCeiling/],
        [
          "FeeDistributor",
          "setAllocations",
          [[{ recipient: signers[5].address, bps: 12_000, notify: false }]],
          /FeeDistributorBpsSumTooHigh\(12000, 10000\)/,
        ],
        ["ZkToken", "mint", [signers[5].address, "1 ZK"], /AccessControlUnauthorizedAccount\(.*, MINTER_ROLE\)/],
        ["InteropFeeCollector", "release", [[], signers[5].address], /FeeCollectorUnauthorizedReleaser/],
      ];
      for (const [contract, fn, args, error] of cases) {
        const built = await build({ title: `${contract}.${fn}`, actions: [{ contract, function: fn, args }] });
        const { problems } = await preflight(hre, built, deployment);
        expect(problems, `${contract}.${fn}`).to.have.length(1);
        expect(problems[0]).to.match(error);
      }
      const good = await build({
        title: "two in order",
        actions: [
          { contract: "FeeFlowAuction", function: "setPrice", args: ["3000 ZK"] },
          { contract: "FeeFlowAuction", function: "setPrice", args: ["4000 ZK"] },
        ],
      });
      const price = await auction.price();
      const supply = await token.totalSupply();
      const result = await preflight(hre, good, deployment);
      expect(result.problems).to.deep.equal([]);
      expect(result.method).to.contain("snapshot that was reverted");
      expect(await auction.price()).to.equal(price);
      expect(await token.totalSupply()).to.equal(supply);
    });
  });

  describe("simulate", function () {
    it("raises the interop ZK fee through a full proposal", async function () {
      const { collector, deployment } = await loadFixture(suiteFixture);
      const built = await buildZip(hre, loadZip("proposals/raise-interop-zk-fee.json"), deployment);
      const changes = await simulate(hre, built, deployment, quiet);
      expect(await collector.zkFeePerCall()).to.equal(ethers.parseEther("15"));
      expect(changes.get("InteropFeeCollector.zkFeePerCall()")).to.deep.equal([
        JSON.stringify(ethers.parseEther("10").toString()),
        JSON.stringify(ethers.parseEther("15").toString()),
      ]);
    });

    it("changes the auction price and bumps its nonce", async function () {
      const { auction, deployment } = await loadFixture(suiteFixture);
      const nonce = await auction.nonce();
      const built = await buildZip(hre, loadZip("proposals/change-auction-price.json"), deployment);
      const changes = await simulate(hre, built, deployment, quiet);
      expect(await auction.price()).to.equal(ethers.parseEther("2000"));
      expect(await auction.nonce()).to.equal(nonce + 1n);
      expect([...changes.keys()]).to.include.members(["FeeFlowAuction.price()", "FeeFlowAuction.nonce()"]);
    });

    it("registers a new claimable asset", async function () {
      const { collector, mocks, deployment } = await loadFixture(suiteFixture);
      const dai = await mocks.DAI.getAddress();
      const built = await buildZip(hre, loadZip("proposals/register-claimable-asset.json"), deployment);
      const changes = await simulate(hre, built, deployment, quiet);
      expect(await collector.isClaimable(dai)).to.equal(true);
      expect(changes.get(`InteropFeeCollector.isClaimable(${dai})`)).to.deep.equal(["false", "true"]);
    });

    it("fails at execution with the contract's error for an out-of-bound value, and changes nothing", async function () {
      const { collector, build, deployment, governor } = await loadFixture(suiteFixture);
      const built = await build({
        title: "Too high a fee",
        actions: [{ contract: "InteropFeeCollector", function: "setZkFeePerCall", args: ["1001 ZK"] }],
      });
      await expect(simulate(hre, built, deployment, quiet)).to.be.rejectedWith(
        ZipError,
        /execute reverted: FeeCollectorZkFeeAboveMax\(1001000000000000000000, 1000000000000000000000\)/,
      );
      expect(await collector.zkFeePerCall()).to.equal(ethers.parseEther("10"));
      expect(STATES[Number(await governor.state(built.proposalId))]).to.equal("Queued");
    });
  });

  describe("votes", function () {
    async function proposedFixture() {
      const f = await suiteFixture();
      const { token, signers, build } = f;
      const [proposer, small, abstainer] = [signers[7], signers[8], signers[9]];
      await token.transfer(proposer.address, ethers.parseEther("2000000"));
      await token.transfer(small.address, ethers.parseEther("1000000"));
      await token.transfer(abstainer.address, ethers.parseEther("100000000"));
      for (const s of [proposer, small, abstainer]) await token.connect(s).delegate(s.address);
      await time.increase(1);
      const built = await build({
        title: "Price to 3,000 ZK",
        actions: [{ contract: "FeeFlowAuction", function: "setPrice", args: ["3000 ZK"] }],
      });
      await propose(hre, built, proposer, quiet);
      await time.increase((await f.governor.votingDelay()) + 1n);
      return { ...f, built, proposer, small, abstainer };
    }

    it("defeats a proposal below quorum", async function () {
      const { governor, built, proposer, small } = await loadFixture(proposedFixture);
      await vote(hre, built, proposer, 1, quiet);
      await vote(hre, built, small, 1, quiet);
      await time.increase((await governor.votingPeriod()) + 1n);
      expect(STATES[Number(await governor.state(built.proposalId))]).to.equal("Defeated");
    });

    it("counts only For votes toward quorum: a large Abstain does not carry a proposal", async function () {
      const { governor, built, proposer, abstainer } = await loadFixture(proposedFixture);
      await vote(hre, built, proposer, 1, quiet);
      await vote(hre, built, abstainer, 2, quiet);
      await time.increase((await governor.votingPeriod()) + 1n);
      expect(STATES[Number(await governor.state(built.proposalId))]).to.equal("Defeated");
    });

    it("extends the deadline when quorum is reached late", async function () {
      const { governor, built, abstainer } = await loadFixture(proposedFixture);
      const deadline = await governor.proposalDeadline(built.proposalId);
      await time.increaseTo(deadline - 10n);
      await vote(hre, built, abstainer, 1, quiet);
      expect(await governor.proposalDeadline(built.proposalId)).to.be.greaterThan(deadline);
    });

    it("splits a delegate's weight with a fractional vote on our governor too", async function () {
      const { build, token, governor, signers } = await loadFixture(suiteFixture);
      const [proposer, splitter] = [signers[7], signers[8]];
      for (const d of [proposer, splitter]) {
        await token.transfer(d.address, ethers.parseEther("2000000"));
        await token.connect(d).delegate(d.address);
      }
      await time.increase(1);
      const built = await build({
        title: "split",
        actions: [{ contract: "FeeFlowAuction", function: "setPrice", args: ["2500 ZK"] }],
      });
      await propose(hre, built, proposer, quiet);
      await time.increase(61);
      const ZKn = (n: string) => ethers.parseEther(n);
      await vote(hre, built, splitter, { for: ZKn("1200000"), against: ZKn("500000"), abstain: ZKn("300000") }, quiet);
      expect(await governor.proposalVotes(built.proposalId)).to.deep.equal([
        ZKn("500000"),
        ZKn("1200000"),
        ZKn("300000"),
      ]);
      await expect(
        vote(hre, built, proposer, { for: ZKn("3000000"), against: 0n, abstain: 0n }, quiet),
      ).to.be.rejectedWith(ZipError, /cannot split 3000000.0 ZK: .* had 2000000.0 ZK of votes/);
    });

    it("refuses a vote when the proposal is not active, with a clear message", async function () {
      const { governor, built, proposer } = await loadFixture(proposedFixture);
      await time.increase((await governor.votingPeriod()) + 1n);
      await expect(vote(hre, built, proposer, 1, quiet)).to.be.rejectedWith(
        ZipError,
        /cannot vote: the proposal is Defeated, not Active/,
      );
    });

    it("refuses to propose without enough votes, saying how many are needed", async function () {
      const { build, signers } = await loadFixture(suiteFixture);
      const built = await build({
        title: "x",
        actions: [{ contract: "FeeFlowAuction", function: "setPrice", args: ["4000 ZK"] }],
      });
      await expect(propose(hre, built, signers[12], quiet)).to.be.rejectedWith(ZipError, /threshold is 1000000.0 ZK/);
    });
  });
});
