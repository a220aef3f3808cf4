import fs from "fs";
import path from "path";
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deploySuite } from "../../deploy/suite";
import { configFor, type SuiteConfig } from "../../deploy/config";
import { buildZip, validateZip, type Zip, type ZipAction } from "../../scripts/zip/zip";
import { preflight } from "../../scripts/zip/preflight";
import { deployZkNationCopy } from "../../scripts/rehearsal";
import { runTask, tempDir as tempFolder } from "../helpers/tasks";

const tempDir = () => tempFolder("governor-setters");

const ZK = (n: number | string) => ethers.parseEther(String(n));

function zipOf(title: string, actions: ZipAction[]): Zip {
  return validateZip({ title, summary: "test", author: "test", sponsor: "test", version: "1", actions });
}

/** Our governor (OpenZeppelin 5), deployed by the suite, recorded in a file of the test's own. */
async function ourGovernance() {
  const dir = tempDir();
  const file = path.join(dir, "ours.json");
  const suite = await deploySuite(hre, { file, log: () => undefined });
  return { dir, file, deployment: suite.deployment, governor: suite.governor as unknown as import("ethers").Contract };
}

/** ZK Nation's governor (OpenZeppelin 4.9, local-scale parameters), joined by the suite as on mainnet. */
async function zkNationGovernance() {
  const [deployer, , , veto, propose] = await ethers.getSigners();
  const copy = await deployZkNationCopy(hre, deployer, {
    votingDelay: 60,
    votingPeriod: 3_600,
    proposalThreshold: ZK(1_000_000),
    quorum: ZK(30_000_000),
    voteExtension: 600,
    timelockDelay: 60,
    vetoGuardian: veto.address,
    proposeGuardian: propose.address,
    isProposeGuarded: false,
    supply: ZK(1_000_000_000),
    holder: deployer.address,
  });
  const config: SuiteConfig = {
    ...configFor("hardhat"),
    zkToken: copy.token,
    governance: {
      governor: copy.governor,
      timelock: copy.timelock,
      governorInterface: "IZkNationGovernor",
      timelockInterface: "ITimelockControllerV4",
    },
  };
  const dir = tempDir();
  const file = path.join(dir, "zk-nation.json");
  const suite = await deploySuite(hre, { config, file, log: () => undefined });
  const governor = await ethers.getContractAt("ZkNationGovernorV4", copy.governor);
  return { dir, file, deployment: suite.deployment, governor: governor as unknown as import("ethers").Contract };
}

type Kind = { name: string; fixture: () => ReturnType<typeof ourGovernance>; quorum: string };

const KINDS: Kind[] = [
  { name: "our governor (OpenZeppelin 5)", fixture: ourGovernance, quorum: "setQuorum(uint256)" },
  { name: "ZK Nation's Token Governor (OpenZeppelin 4.9)", fixture: zkNationGovernance, quorum: "setQuorum(uint224)" },
];

/** Every setter a ZIP may call on each governor, with a value it accepts. */
function setters(kind: Kind, other: string, collector: string, zkFee: string): ZipAction[] {
  const common: ZipAction[] = [
    { contract: "ZkTokenGovernor", function: "setVotingDelay", args: [120] },
    { contract: "ZkTokenGovernor", function: "setVotingPeriod", args: [7_200] },
    { contract: "ZkTokenGovernor", function: "setProposalThreshold", args: ["2000000 ZK"] },
    { contract: "ZkTokenGovernor", function: "setLateQuorumVoteExtension", args: [900] },
    { contract: "ZkTokenGovernor", function: kind.quorum, args: ["40000000 ZK"] },
    { contract: "ZkTokenGovernor", function: "relay", args: [collector, 0, zkFee] },
  ];
  return kind === KINDS[0]
    ? [...common, { contract: "ZkTokenGovernor", function: "setProposalGuardian", args: [other] }]
    : [...common, { contract: "ZkTokenGovernor", function: "setIsProposeGuarded", args: [true] }];
}

for (const kind of KINDS) {
  describe(`ZIPs that change the governor itself: ${kind.name}`, function () {
    afterEach(function () {
      delete process.env.DEPLOYMENT_NAME;
    });

    it("pre-flights every governor setter as the governor's execute runs it, on a local node and by calls", async function () {
      const f = await loadFixture(kind.fixture);
      const other = (await ethers.getSigners())[6].address;
      const collector = f.deployment.contracts.InteropFeeCollector.address;
      const zkFee = new ethers.Interface(["function zkFeePerCall()"]).encodeFunctionData("zkFeePerCall");
      const actions: ZipAction[] = [
        ...setters(kind, other, collector, zkFee),
        { contract: "ZkTokenGovernor", function: "updateTimelock", args: ["@ZkTimelock"] },
      ];
      const quorumBefore = await f.governor.quorum(await time.latest());
      for (const action of actions) {
        const built = await buildZip(hre, zipOf(action.function, [action]), f.deployment);
        for (const local of [true, false]) {
          const result = await preflight(hre, built, f.deployment, { local });
          expect(result.problems, `${action.function} (${local ? "snapshot" : "calls"})`).to.deep.equal([]);
          expect(result.notes).to.deep.equal([]);
        }
      }
      // All at once, in order, in one snapshot; and nothing stays changed.
      const all = await buildZip(hre, zipOf("all", actions), f.deployment);
      expect((await preflight(hre, all, f.deployment)).problems).to.deep.equal([]);
      expect(await f.governor.quorum(await time.latest())).to.equal(quorumBefore);
      expect(await f.governor.votingPeriod()).to.equal(3_600n);
    });

    it("names the governor's own error for a value it refuses, on a local node and by calls", async function () {
      const f = await loadFixture(kind.fixture);
      const period = await buildZip(
        hre,
        zipOf("period 0", [{ contract: "ZkTokenGovernor", function: "setVotingPeriod", args: [0] }]),
        f.deployment,
      );
      const expected = kind === KINDS[0] ? /GovernorInvalidVotingPeriod\(0\)/ : /voting period too low/;
      for (const local of [true, false]) {
        const { problems } = await preflight(hre, period, f.deployment, { local });
        expect(problems).to.have.length(1);
        expect(problems[0]).to.match(/actions\[0\] `?ZkTokenGovernor\.setVotingPeriod/);
        expect(problems[0]).to.match(expected);
      }
    });

    it("builds, proposes, votes, queues and executes a ZIP of governor setters through the tasks", async function () {
      const f = await loadFixture(kind.fixture);
      const signers = await ethers.getSigners();
      const other = signers[6].address;
      const collector = f.deployment.contracts.InteropFeeCollector.address;
      const zkFee = new ethers.Interface(["function zkFeePerCall()"]).encodeFunctionData("zkFeePerCall");
      const zipFile = path.join(f.dir, "governor-setters.json");
      fs.writeFileSync(zipFile, JSON.stringify(zipOf("Governor settings", setters(kind, other, collector, zkFee))));
      process.env.DEPLOYMENT_NAME = f.file;

      const built = await runTask("zip:build", { zip: zipFile, out: path.join(f.dir, "built.json") });
      expect(built.code, built.out).to.equal(undefined);
      expect(built.out).to.match(/pre-flight: all 7 action\(s\) pass as they will run at execution/);

      const simulated = await runTask("zip:simulate", { zip: zipFile, keep: false });
      expect(simulated.code, simulated.out).to.equal(undefined);
      expect(simulated.out).to.contain("simulation passed");
      expect(simulated.out).to.match(/ZkTokenGovernor\.votingPeriod\(\): "3600" → "7200"/);
      expect(await f.governor.votingPeriod()).to.equal(3_600n); // rolled back

      for (const [name, args, wait] of [
        ["zip:delegate", {}, 1],
        ["zip:propose", {}, 61],
        ["zip:vote", { support: "for" }, 3_601],
        ["zip:queue", {}, 61],
        ["zip:execute", {}, 0],
      ] as const) {
        const r = await runTask(name, { zip: zipFile, ...args });
        expect(r.code, `${name}: ${r.out}`).to.equal(undefined);
        if (wait) await time.increase(wait);
      }
      expect(await f.governor.votingDelay()).to.equal(120n);
      expect(await f.governor.votingPeriod()).to.equal(7_200n);
      // (ZK Nation's answers a propose-guarded threshold of "infinite" to all but the propose guardian: read the event.)
      const thresholdSet = (await f.governor.queryFilter(f.governor.filters.ProposalThresholdSet())).at(
        -1,
      ) as import("ethers").EventLog;
      expect(thresholdSet.args).to.deep.equal([ZK(1_000_000), ZK(2_000_000)]);
      expect(await f.governor.lateQuorumVoteExtension()).to.equal(900n);
      expect(await f.governor.quorum(await time.latest())).to.equal(ZK(40_000_000));
      if (kind === KINDS[0]) expect(await f.governor.proposalGuardian()).to.equal(other);
      else expect(await f.governor.isProposeGuarded()).to.equal(true);
      fs.rmSync(f.dir, { recursive: true, force: true });
    });
  });
}
