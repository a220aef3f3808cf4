import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { spawn } from "child_process";
import hre from "hardhat";
import { deploySuite } from "../deploy/suite";
import { startAnvil, type LocalNode } from "../scripts/nodes";

const ROOT = path.join(__dirname, "..");

/** Runs a command of the project as a user would (asynchronously: the node keeps answering meanwhile). */
function cli(args: string[], env: Record<string, string>) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn("npx", args, { cwd: ROOT, env: { ...process.env, ...env, FORCE_COLOR: "0" } });
    let [stdout, stderr] = ["", ""];
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (status) => resolve({ status, stdout, stderr: stderr.replace(/npm warn.*\n/g, "").trim() }));
  });
}

describe("Every bad input is refused in one line, with exit code 1, and nothing sent", function () {
  this.timeout(1_800_000);
  let node: LocalNode;
  let dir: string;
  const files: Record<string, string> = {};

  before(async () => {
    node = await startAnvil("bad-inputs", 31_337);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "zknomics-bad-inputs-"));
    const good = path.join(dir, "good.json");
    const suite = await deploySuite(hre, { signer: await node.provider.getSigner(0), network: "anvil", file: good });
    const record = suite.deployment;
    const write = (name: string, content: string) => {
      files[name] = path.join(dir, `${name}.json`);
      fs.writeFileSync(files[name], content);
    };
    files.good = good;
    write("malformed", "{ not json");
    write("notARecord", JSON.stringify({ hello: "world" }));
    const { FeeFlowAuction: _a, InteropFeeCollector: _c, FeeDistributor: _d, ...withoutFlow } = record.contracts;
    write("noFeeFlow", JSON.stringify({ ...record, contracts: withoutFlow }));
    write("otherChain", JSON.stringify({ ...record, chainId: 324 }));
    const stale = Object.fromEntries(
      Object.entries(record.contracts).map(([k, v]) => [
        k,
        { ...v, address: "0x000000000000000000000000000000000000c0de" },
      ]),
    );
    write("stale", JSON.stringify({ ...record, contracts: stale }));
    write("pricesUnknownKey", JSON.stringify({ zk: 0.05, usd: { native: 3000 } }));
    write("pricesNotNumber", JSON.stringify({ zk: "cheap" }));
    write("pricesInfinite", JSON.stringify({ zk: 0.05, assets: { native: 1e308 * 10 } }).replace("null", "1e400"));
  });

  after(async () => {
    await node?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  // [what a user typed, the deployment record it names, the one line it must get]
  const send = ["interop:send", "--recipient", "0x00000000000000000000000000000000000000aa"];
  const keeper = ["feeflow:keeper", "--zk-usd", "0.05", "--native-usd", "3000"];
  const cases: [string[], string, RegExp][] = [
    [
      ["interop:send", "--to", "1".repeat(100), "--recipient", "0x00000000000000000000000000000000000000aa"],
      "good",
      /^error: --to must be a chain id, a whole number from 1 to 2\^256 - 1, not "1{100}"$/,
    ],
    [
      ["interop:send", "--to", "0", "--recipient", "0x00000000000000000000000000000000000000aa"],
      "good",
      /^error: --to must be a chain id.*not "0"$/,
    ],
    [
      ["interop:send", "--to", "-5", "--recipient", "0x00000000000000000000000000000000000000aa"],
      "good",
      /^error: --to must be a chain id.*not "-5"$/,
    ],
    [
      ["interop:send", "--to", "31337", "--recipient", "0x00000000000000000000000000000000000000aa"],
      "good",
      /^error: --to 31337 is this network's own chain/,
    ],
    [
      ["interop:send", "--to", "5002", "--recipient", "0x0000000000000000000000000000000000000000"],
      "good",
      /^error: --recipient must not be the zero address$/,
    ],
    [
      ["interop:send", "--to", "5002", "--recipient", "0x12"],
      "good",
      /^error: --recipient must be an address, not "0x12"$/,
    ],
    [[...send, "--to", "5002", "--data", "0x123"], "good", /^error: --data must be hex bytes .*not "0x123"$/],
    [
      [...send, "--to", "5002", "--calls", "1.5"],
      "good",
      /^error: --calls must be a whole number from 1 to 100, not "1\.5"$/,
    ],
    [
      [...send, "--to", "5002", "--calls", "-1"],
      "good",
      /^error: --calls must be a whole number from 1 to 100, not "-1"$/,
    ],
    [[...send, "--to", "5002"], "malformed", /^error: .*malformed\.json is not a readable deployment record: /],
    [
      ["feeflow:status"],
      "notARecord",
      /^error: .*notARecord\.json is not a deployment record \(it needs "chainId" and "contracts"\)$/,
    ],
    [
      ["feeflow:status"],
      "noFeeFlow",
      /^error: .*noFeeFlow\.json names no FeeFlowAuction, InteropFeeCollector, FeeDistributor: /,
    ],
    [
      ["feeflow:status"],
      "otherChain",
      /^error: .*otherChain\.json is a deployment on chain 324, and this node is chain 31337/,
    ],
    [["feeflow:status"], "stale", /^error: .*stale\.json does not match this chain: \w+ at 0x0+c0de has no code/],
    [["feeflow:sweep"], "stale", /^error: .*stale\.json does not match this chain/],
    [[...send, "--to", "5002"], "otherChain", /^error: .*otherChain\.json is a deployment on chain 324/],
    [
      ["zip:status", "--zip", "proposals/raise-interop-zk-fee.json"],
      "stale",
      /^error: .*stale\.json does not match this chain/,
    ],
    [
      ["zip:build", "--zip", "proposals/raise-interop-zk-fee.json"],
      "otherChain",
      /^error: .*otherChain\.json is a deployment on chain 324/,
    ],
    [
      ["feeflow:simulate", "--scale", "1e20"],
      "good",
      /^error: --scale must be a whole number from 1 to 1,000,000, not "1e20"$/,
    ],
    [
      ["feeflow:simulate", "--scale", "-5"],
      "good",
      /^error: --scale must be a whole number from 1 to 1,000,000, not "-5"$/,
    ],
    [
      ["feeflow:simulate", "--scale", "1000000", "--scenario", "Conservative"],
      "good",
      /^error: --scale 1000000 leaves no call of the Conservative day's/,
    ],
    [["feeflow:keeper", "--zk-usd", "-1"], "good", /^error: --zk-usd must be a finite number of USD > 0, not "-1"$/],
    [
      ["feeflow:keeper", "--zk-usd", "1e400"],
      "good",
      /^error: --zk-usd must be a finite number of USD > 0, not "1e400"$/,
    ],
    [
      ["feeflow:keeper", "--zk-usd", "0.05", "--native-usd", "-3000"],
      "good",
      /^error: --native-usd must be a finite number of USD ≥ 0/,
    ],
    [
      [...keeper, "--asset", "USDC=1e999"],
      "good",
      /^error: --asset USDC must be a finite number of USD ≥ 0, not "1e999"$/,
    ],
    [[...keeper, "--asset", "USDC"], "good", /^error: --asset: "USDC" is not NAME=USD/],
    [
      [...keeper, "--margin-bps", "1e20"],
      "good",
      /^error: --margin-bps must be a whole number from 0 to 10,000, not "1e20"$/,
    ],
    [
      [...keeper, "--margin-bps", "-5"],
      "good",
      /^error: --margin-bps must be a whole number from 0 to 10,000, not "-5"$/,
    ],
    [[...keeper, "--watch", "--poll-ms", "-1"], "good", /^error: --poll-ms must be a whole number ≥ 100, not "-1"$/],
    [[...keeper, "--account", "99"], "good", /^error: --account must be an index below \d+/],
    [
      ["feeflow:keeper", "--prices", "@pricesUnknownKey"],
      "good",
      /^error: --prices .*: unknown key "usd" \(known: "zk", "assets"\)$/,
    ],
    [
      ["feeflow:keeper", "--prices", "@pricesNotNumber"],
      "good",
      /^error: --prices .*: "zk" must be a finite number of USD > 0, not "cheap"$/,
    ],
    [
      ["feeflow:keeper", "--prices", "@pricesInfinite"],
      "good",
      /^error: --prices .*: the price of "native" must be a finite number/,
    ],
    [["dashboard", "--port", "70000"], "good", /^error: --port must be a whole number from 1 to 65,535, not "70000"$/],
    [["dashboard", "--port", "-1"], "good", /^error: --port must be a whole number from 1 to 65,535, not "-1"$/],
    [["indexer", "--max-span", "0"], "good", /^error: --max-span must be a whole number ≥ 1, not "0"$/],
    [["staking:record", "--max-span", "-3"], "good", /^error: --max-span must be a whole number ≥ 1, not -3$/],
  ];

  it(`refuses each of ${cases.length} bad inputs through the task entry points, and the chain does not move`, async function () {
    const accounts = await node.provider.listAccounts();
    const nonces = async () => Promise.all(accounts.map((a) => node.provider.getTransactionCount(a.address)));
    const [blockBefore, noncesBefore] = [await node.provider.getBlockNumber(), await nonces()];
    const failures: string[] = [];
    for (const [typed, record, expected] of cases) {
      const args = typed.map((a) => (a.startsWith("@") ? files[a.slice(1)] : a));
      const r = await cli(["hardhat", ...args, "--network", "anvil"], {
        ANVIL_PORT: String(node.port),
        DEPLOYMENT_NAME: files[record],
      });
      const lines = r.stderr.split("\n").filter(Boolean);
      const what = `${typed.join(" ")} [${record}]`;
      if (r.status !== 1)
        failures.push(`${what}: exit ${r.status}, stderr ${r.stderr}, stdout ${r.stdout.slice(-300)}`);
      else if (lines.length !== 1) failures.push(`${what}: ${lines.length} lines: ${r.stderr}`);
      else if (!expected.test(lines[0])) failures.push(`${what}: "${lines[0]}" does not match ${expected}`);
      else if (/\n\s+at |An unexpected error occurred/.test(r.stderr + r.stdout))
        failures.push(`${what}: a stack trace`);
      if ((await node.provider.getBlockNumber()) !== blockBefore) failures.push(`${what}: a block was mined`);
    }
    expect(failures, failures.join("\n")).to.deep.equal([]);
    expect(await nonces()).to.deep.equal(noncesBefore);
  });
});
