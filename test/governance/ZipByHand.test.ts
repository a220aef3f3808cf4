import fs from "fs";
import path from "path";
import { expect } from "chai";
import hre from "hardhat";
import { deploySuite } from "../../deploy/suite";
import { runTask, tempDir } from "../helpers/tasks";

describe("Local governance by hand, through the tasks", function () {
  it("proposes right after delegating, says when each next step opens (in seconds), and zip:advance moves a local node there", async function () {
    const dir = tempDir("zip-by-hand");
    const file = path.join(dir, "suite.json");
    const suite = await deploySuite(hre, { file });
    const zip = path.join(dir, "fee.json");
    fs.writeFileSync(
      zip,
      JSON.stringify({
        title: `Raise the interop ZK fee (${path.basename(dir)})`,
        summary: "test",
        author: "test",
        sponsor: "test",
        version: "1",
        actions: [{ contract: "InteropFeeCollector", function: "setZkFeePerCall", args: ["12 ZK"] }],
      }),
    );
    process.env.DEPLOYMENT_NAME = file;
    const step = async (name: string, args: Record<string, unknown> = {}) => runTask(name, { zip, ...args });
    try {
      const delegated = await step("zip:delegate");
      expect(delegated.code, delegated.out).to.equal(undefined);
      // No block in between: the votes the next block will see count.
      const proposed = await step("zip:propose");
      expect(proposed.code, proposed.out).to.equal(undefined);
      expect(proposed.out).to.match(/^pre-flight: all 1 action/m);

      const early = await step("zip:vote", { support: "for" });
      expect(early.code).to.equal(1);
      expect(early.out).to.match(
        /^error: cannot vote: the proposal is Pending, not Active; voting opens at \d{4}-\d\d-\d\dT[\d:]+Z \(in [\d,]+ s\); on a local node, zip:advance moves time there$/,
      );
      const status = await step("zip:status");
      expect(status.out).to.match(/voting opens at .* \(in [\d,]+ s\)/);
      expect((await step("zip:advance")).out).to.match(/the proposal is Active$/);
      expect((await step("zip:vote", { support: "for" })).code).to.equal(undefined);

      const queueEarly = await step("zip:queue");
      expect(queueEarly.out).to.match(
        /^error: cannot queue: the proposal is Active, not Succeeded; voting ends at .* \(in [\d,]+ s\)/,
      );
      expect((await step("zip:advance")).out).to.match(/the proposal is Succeeded$/);
      const queued = await step("zip:queue");
      expect(queued.code, queued.out).to.equal(undefined);
      expect(queued.out).to.match(/^queued; executable from .* \(in [\d,]+ s\)/);

      const executeEarly = await step("zip:execute");
      expect(executeEarly.code).to.equal(1);
      expect(executeEarly.out).to.match(
        /^error: cannot execute yet: the timelock's delay runs until .* \(in [\d,]+ s\); on a local node, zip:advance moves time there$/,
      );
      expect(executeEarly.out).not.to.contain("TimelockUnexpectedOperationState");
      await step("zip:advance");
      const executed = await step("zip:execute");
      expect(executed.code, executed.out).to.equal(undefined);
      expect(await suite.collector.zkFeePerCall()).to.equal(hre.ethers.parseEther("12"));
      const nothing = await step("zip:advance");
      expect(nothing.out).to.match(/^error: nothing to wait for: the proposal is Executed$/);
    } finally {
      delete process.env.DEPLOYMENT_NAME;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
