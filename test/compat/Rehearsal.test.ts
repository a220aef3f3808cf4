import fs from "fs";
import path from "path";
import { expect } from "chai";
import { ethers } from "hardhat";
import { runTask, tempDir } from "../helpers/tasks";

describe("npm run rehearse: a local ZK Nation joined as on mainnet", function () {
  it("deploys the 4.9 copy at mainnet's parameters, joins it through the env variables, and runs a governor-setting ZIP and a fee ZIP through it", async function () {
    const out = tempDir("rehearsal");
    const env = { token: process.env.ZK_TOKEN_ADDRESS, governor: process.env.ZK_GOVERNOR_ADDRESS };
    try {
      const r = await runTask("rehearse", {
        zips: "proposals/raise-quorum.json,proposals/raise-interop-zk-fee.json",
        out,
      });
      expect(r.code, r.out).to.equal(undefined);
      expect(r.out).to.match(/quorum 630,000,000 ZK For/);
      expect(r.out).to.contain("suite deployed into it (existing governance");
      // The governor's own setter, encoded from ZK Nation's interface and pre-flighted through its execute.
      const built = JSON.parse(fs.readFileSync(path.join(out, "raise-quorum.rehearsal.json"), "utf8"));
      expect(built.calldatas[0].slice(0, 10)).to.equal(ethers.id("setQuorum(uint224)").slice(0, 10));
      expect(r.out).to.match(/ZkTokenGovernor\.quorum\(now\): 630,000,000 ZK → 700,000,000 ZK/);
      expect(r.out).to.match(/InteropFeeCollector\.zkFeePerCall\(\): 10 ZK → 15 ZK/);
      expect(r.out).to.contain("rehearsal passed: 2 ZIP(s)");
      const record = JSON.parse(fs.readFileSync(path.join(out, "rehearsal.json"), "utf8"));
      expect(record.contracts.ZkTokenGovernor).to.deep.include({ artifact: "IZkNationGovernor", existing: true });
      expect(record.contracts.ZkTimelock).to.deep.include({ artifact: "ITimelockControllerV4", existing: true });
      expect(record.contracts.ZkToken).to.equal(undefined);
      // The variables it set for the deploy are the caller's again.
      expect(process.env.ZK_TOKEN_ADDRESS).to.equal(env.token);
      expect(process.env.ZK_GOVERNOR_ADDRESS).to.equal(env.governor);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it("stops at a ZIP that would fail at execution, with the governor's decoded error in one line", async function () {
    const out = tempDir("rehearsal-fail");
    const zip = path.join(out, "quorum-zero.json");
    fs.writeFileSync(
      zip,
      JSON.stringify({
        title: "Quorum of zero",
        summary: "test",
        author: "test",
        sponsor: "test",
        version: "1",
        actions: [{ contract: "ZkTokenGovernor", function: "setVotingPeriod", args: [0] }],
      }),
    );
    try {
      const r = await runTask("rehearse", { zips: zip, out });
      expect(r.code).to.equal(1);
      expect(r.out).to.match(/error: pre-flight: 1 of 1 action\(s\) would fail at execution/);
      expect(r.out).to.match(/setVotingPeriod.*voting period too low/);
      expect(r.out).not.to.contain("rehearsal passed");
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
