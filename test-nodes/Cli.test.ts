import { expect } from "chai";
import fs from "fs";
import net from "net";
import path from "path";
import { spawnSync, spawn } from "child_process";
import { ethers } from "ethers";
import { freePort, startAnvil, type LocalNode } from "../scripts/nodes";
import { CrossChainCounter__factory } from "../typechain-types";

const ROOT = path.join(__dirname, "..");

/** Runs a command of the project as a user would; returns its exit code and output. */
function cli(args: string[], env: Record<string, string> = {}, timeout = 120_000) {
  const result = spawnSync("npx", args, {
    cwd: ROOT,
    env: { ...process.env, ...env, FORCE_COLOR: "0" },
    encoding: "utf8",
    timeout,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.replace(/npm warn.*\n/g, "").trim() };
}

/** Writes a ZIP with `actions` to proposals/build/<name>.json (ignored by git) and returns its path. */
function writeZip(name: string, actions: unknown[]): string {
  const file = path.join(ROOT, "proposals", "build", `${name}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    JSON.stringify({ title: "t", summary: "s", author: "a", sponsor: "s", version: "1", actions }),
  );
  return file;
}

/** The error output is one line naming the problem: no stack trace, no "unexpected error". */
function expectOneLine(stderr: string, pattern: RegExp) {
  expect(stderr.split("\n"), stderr).to.have.length(1);
  expect(stderr).to.match(pattern);
  expect(stderr).not.to.match(/\n\s+at |An unexpected error occurred/);
}

describe("Command-line input errors and unreachable nodes", function () {
  this.timeout(300_000);

  it("times out on an RPC that accepts connections and never answers, naming the setting", async function () {
    const sockets: net.Socket[] = [];
    const server = net.createServer((socket) => sockets.push(socket));
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${port}`;
      // spawnSync kills a command still running after 120 s (status null): exit 1 means it ended by itself.
      const r = cli(["hardhat", "run", "deploy/run.ts", "--network", "localhost"], {
        LOCALHOST_RPC_URL: url,
        RPC_TIMEOUT_MS: "2000",
      });
      expect(r.status).to.equal(1);
      expectOneLine(
        r.stderr,
        new RegExp(`^error: cannot reach network localhost at LOCALHOST_RPC_URL=${url} .*no answer within 2 s`),
      );
    } finally {
      sockets.forEach((s) => s.destroy());
      server.close();
    }
  });

  it("names a refused or malformed RPC URL in one line", async function () {
    const port = await freePort();
    const refused = cli(["hardhat", "zip:status", "--zip", "proposals/staking-80-20.json", "--network", "localhost"], {
      LOCALHOST_RPC_URL: `http://127.0.0.1:${port}`,
    });
    expect(refused.status).to.equal(1);
    expectOneLine(
      refused.stderr,
      /^error: cannot reach network localhost at LOCALHOST_RPC_URL=http:\/\/127\.0\.0\.1:\d+/,
    );
    const malformed = cli(["hardhat", "feeflow:status", "--network", "localhost"], { LOCALHOST_RPC_URL: "not a url" });
    expect(malformed.status).to.equal(1);
    expectOneLine(malformed.stderr, /LOCALHOST_RPC_URL.*not a url/);
  });

  it("answers a keeper without a ZK price, a missing prices file and a unitless ZIP amount in one line each", function () {
    const noPrice = cli(["hardhat", "feeflow:keeper", "--asset", "USDC=1"]);
    expect(noPrice.status).to.equal(1);
    expectOneLine(noPrice.stderr, /^error: a ZK price is required: --zk-usd/);
    const scenario = cli(["hardhat", "feeflow:simulate", "--scenario", "Nope"]);
    expect(scenario.status).to.equal(1);
    expectOneLine(scenario.stderr, /^error: --scenario must be one of "Conservative", "Baseline"/);
    expect(scenario.stdout).not.to.contain("| Scenario |");
    const noFile = cli(["hardhat", "feeflow:keeper", "--prices", "nowhere.json"]);
    expect(noFile.status).to.equal(1);
    expectOneLine(noFile.stderr, /^error: --prices: no file at nowhere.json/);
    const zip = writeZip("unitless", [{ contract: "InteropFeeCollector", function: "setZkFeePerCall", args: ["12"] }]);
    try {
      const unitless = cli(["hardhat", "zip:build", "--zip", zip]);
      expect(unitless.status).to.equal(1);
      expectOneLine(
        unitless.stderr,
        /^error: "12" has no unit: write "12 ZK", "12 ETH" \(the native token\) or "12 wei"/,
      );
    } finally {
      fs.rmSync(zip, { force: true });
    }
  });

  it("describes the node task as the Hardhat node it starts, with its port and override", function () {
    const help = cli(["hardhat", "node", "--help"]);
    expect(help.status).to.equal(0);
    expect(help.stdout).to.contain("Starts a Hardhat node, an EVM JSON-RPC server on 127.0.0.1:8545");
    expect(help.stdout).to.contain("LOCALHOST_RPC_URL");
  });

  it("fails zip:build for a ZIP that could only fail at execution, with the decoded error", function () {
    const zip = writeZip("doomed", [
      {
        contract: "FeeDistributor",
        function: "setAllocations",
        args: [[{ recipient: "@ZkStakingRewards", bps: 12000, notify: true }]],
      },
    ]);
    try {
      const r = cli(["hardhat", "zip:build", "--zip", zip]);
      expect(r.status).to.equal(1);
      expect(r.stderr).to.match(
        /pre-flight: 1 of 1 action\(s\) would fail at execution[\s\S]*FeeDistributorBpsSumTooHigh\(12000, 10000\)/,
      );
      expect(r.stderr).not.to.match(/\n\s+at /);
    } finally {
      fs.rmSync(zip, { force: true });
    }
  });
});

describe("Relayer and interop:send from the command line, two chains of one network name", function () {
  this.timeout(300_000);
  let a: LocalNode;
  let b: LocalNode;
  const names = ["cli-relay-a", "cli-relay-b"];
  const files = names.map((n) => path.join(ROOT, "deployments", `${n}.json`));
  const config = path.join(ROOT, "deployments", "cli-relayer.json");
  before(async () => {
    [a, b] = await Promise.all([startAnvil("cli-a", 31337), startAnvil("cli-b", 31338)]);
  });
  after(async () => {
    for (const f of [...files, config, path.join(ROOT, "deployments", "cli-relayer-state.json")])
      fs.rmSync(f, { force: true });
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it("names a bad config in one line", function () {
    fs.mkdirSync(path.dirname(config), { recursive: true });
    fs.writeFileSync(config, JSON.stringify({ chains: [{ name: "A", rpc: "x", deployment: "d.json" }] }));
    const bad = cli(["ts-node", "--transpile-only", "scripts/relayer-cli.ts", config]);
    expect(bad.status).to.equal(1);
    expectOneLine(bad.stderr, /^relayer: .*"chains" must list at least two chains/);
  });

  it("deploys two anvil chains as two named deployments, sends with interop:send and delivers with the relayer CLI", async function () {
    for (const [i, node] of [a, b].entries()) {
      const r = cli(["hardhat", "run", "deploy/run.ts", "--network", "anvil"], {
        ANVIL_PORT: String(node.port),
        DEPLOYMENT_NAME: names[i],
      });
      expect(r.status, r.stderr).to.equal(0);
      expect(fs.existsSync(files[i])).to.equal(true);
    }
    const deploymentB = JSON.parse(fs.readFileSync(files[1], "utf8"));
    const ownerB = await b.provider.getSigner(0);
    const counter = await new CrossChainCounter__factory(ownerB).deploy(
      deploymentB.contracts.InteropHandler.address,
      deploymentB.contracts.InteropCenter.address,
      100n,
    );
    await counter.waitForDeployment();
    const senderA = (await a.provider.listAccounts())[0].address;
    await (await counter.setTrustedSender(31337n, senderA, true)).wait();

    const sent = cli(
      [
        "hardhat",
        "interop:send",
        "--network",
        "anvil",
        "--to",
        "31338",
        "--recipient",
        await counter.getAddress(),
        "--calls",
        "2",
      ],
      { ANVIL_PORT: String(a.port), DEPLOYMENT_NAME: names[0] },
    );
    expect(sent.status, sent.stderr).to.equal(0);
    expect(sent.stdout).to.match(/sent a bundle of 2 calls to chain 31338 .* the relayer delivers it/);

    fs.writeFileSync(
      config,
      JSON.stringify({
        chains: [
          { name: "A", rpc: a.url, deployment: `deployments/${names[0]}.json` },
          { name: "B", rpc: b.url, deployment: `deployments/${names[1]}.json` },
        ],
        stateFile: "deployments/cli-relayer-state.json",
        intervalMs: 200,
        metricsPort: 0,
      }),
    );
    // Node itself, not npx, so Ctrl-C (SIGINT) reaches the relayer.
    const tsNode = require.resolve("ts-node/dist/bin.js");
    const relayer = spawn(process.execPath, [tsNode, "--transpile-only", "scripts/relayer-cli.ts", config], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    relayer.stderr.on("data", (d) => (stderr += d));
    try {
      const deadline = Date.now() + 300_000;
      while ((await counter.count()) !== 2n) {
        if (Date.now() > deadline) throw new Error(`the relayer did not deliver: ${stderr}`);
        await new Promise((r) => setTimeout(r, 500));
      }
      // Run a while longer: no listener warning piles up on the relayer's stop signal.
      await new Promise((r) => setTimeout(r, 3_000));
    } finally {
      const exited = new Promise((r) => relayer.once("exit", r));
      relayer.kill("SIGINT");
      await exited;
    }
    expect(stderr).not.to.contain("MaxListenersExceededWarning");
    expect(ethers.isAddress(await counter.getAddress())).to.equal(true);
  });

  it("zip:simulate on a node rolls the chain back unless --keep is given, and says which", async function () {
    const deploymentA = JSON.parse(fs.readFileSync(files[0], "utf8"));
    const auction = new ethers.Contract(
      deploymentA.contracts.FeeFlowAuction.address,
      ["function price() view returns (uint256)"],
      a.provider,
    );
    const env = { ANVIL_PORT: String(a.port), DEPLOYMENT_NAME: names[0] };
    const args = ["hardhat", "zip:simulate", "--zip", "proposals/change-auction-price.json", "--network", "anvil"];
    const before = await auction.price();
    const rolledBack = cli(args, env);
    expect(rolledBack.status, rolledBack.stderr).to.equal(0);
    expect(rolledBack.stdout).to.contain("pre-flight");
    expect(rolledBack.stdout).to.contain("the chain was rolled back to before the simulation (--keep keeps it)");
    expect(await auction.price()).to.equal(before);
    const kept = cli([...args, "--keep"], env);
    expect(kept.status, kept.stderr).to.equal(0);
    expect(kept.stdout).to.contain("the chain keeps the simulation's changes (--keep)");
    expect(await auction.price()).to.equal(ethers.parseEther("2000"));

    // staking:record finds the executed ZIP already counted (zip:simulate counts it), reading logs 50 blocks at a
    // time, and refuses a span of 0 in one line.
    const record = cli(["hardhat", "staking:record", "--network", "anvil", "--max-span", "50", "--dry-run"], env);
    expect(record.status, record.stderr).to.equal(0);
    expect(record.stdout).to.match(
      /1 proposal\(s\) created in blocks \d+–\d+; 1 counted, 0 more countable, 0 to record/,
    );
    expect(record.stdout).to.contain("nothing to count");
    const zeroSpan = cli(["hardhat", "staking:record", "--network", "anvil", "--max-span", "0"], env);
    expect(zeroSpan.status).to.equal(1);
    expectOneLine(zeroSpan.stderr, /--max-span must be a whole number ≥ 1, not 0/);
  });
});
