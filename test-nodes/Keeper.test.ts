import { expect } from "chai";
import fs from "fs";
import path from "path";
import { spawn } from "child_process";
import hre, { ethers } from "hardhat";
import { deploySuite, deploymentFile, type Suite } from "../deploy/suite";
import { startAnvil, type LocalNode } from "../scripts/nodes";
import { LOST_RACE_EXIT_CODE } from "../scripts/cli";

const ROOT = path.join(__dirname, "..");
const ZK = (n: number) => ethers.parseEther(String(n));

/** Starts a keeper as a searcher would, through the task's entry point, in a process group of its own. */
function startKeeper(env: Record<string, string>, account: number, extra: string[] = []) {
  const args = ["feeflow:keeper", "--network", "anvil", "--zk-usd", "0.05", "--native-usd", "3000"];
  // Hardhat itself, not through npx: Ctrl-C reaches the keeper, which stops between blocks.
  const hardhat = path.join(ROOT, "node_modules", ".bin", "hardhat");
  const child = spawn(hardhat, [...args, "--skip-record", "--account", String(account), ...extra], {
    cwd: ROOT,
    env: { ...process.env, ...env, FORCE_COLOR: "0" },
    detached: true,
  });
  const out = { stdout: "", stderr: "" };
  child.stdout.on("data", (d) => (out.stdout += d));
  child.stderr.on("data", (d) => (out.stderr += d));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("exit", (code) =>
      resolve({ code, stdout: out.stdout, stderr: out.stderr.replace(/npm warn.*\n/g, "").trim() }),
    ),
  );
  return { child, out, done };
}

/** Runs a keeper once; resolves with its exit code and output. */
const keeper = (env: Record<string, string>, account: number, extra: string[] = []) =>
  startKeeper(env, account, extra).done;

/** Waits until `text` holds `pattern` (a liveness bound: fails only if it never comes). */
async function until(what: () => string, pattern: RegExp) {
  const deadline = Date.now() + 300_000;
  while (!pattern.test(what())) {
    if (Date.now() > deadline) throw new Error(`never printed ${pattern}:\n${what()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Searchers racing for one pool, and a chain that made no block for longer than a claim's deadline window. Each
 * keeper is a separate process started through the task, as a searcher runs it.
 */
describe("Keepers as searchers run them", function () {
  this.timeout(600_000);
  let node: LocalNode;
  let suite: Suite;
  const name = `cli-keeper-${process.pid}`;
  const searchers = [3, 4, 6];
  let env: Record<string, string>;

  before(async function () {
    // Blocks 400 s in the past: once the node's clock is set to now, its latest block is 400 s old, as on a chain
    // that made no block for that long.
    const wall = Math.floor(Date.now() / 1000);
    node = await startAnvil("keeper", 31_337, 20_000, ["--timestamp", String(wall - 400)]);
    const deployer = await node.provider.getSigner(0);
    suite = await deploySuite(hre, { signer: deployer, network: "anvil", file: deploymentFile(name) });
    for (const i of searchers) {
      const s = await node.provider.getSigner(i);
      await (await suite.token.connect(deployer).transfer(s.address, ZK(100_000))).wait();
    }
    // The first searcher approved the auction long ago, as searchers do: no approval is sent before its claim.
    const first = await node.provider.getSigner(searchers[0]);
    await (await suite.token.connect(first).approve(await suite.auction.getAddress(), ethers.MaxUint256)).wait();
    env = { ANVIL_PORT: String(node.port), DEPLOYMENT_NAME: name };
  });

  after(async function () {
    await node?.stop();
    fs.rmSync(deploymentFile(name), { force: true });
  });

  const fundPool = async () => {
    const deployer = await node.provider.getSigner(0);
    await (
      await deployer.sendTransaction({ to: await suite.collector.getAddress(), value: ethers.parseEther("1") })
    ).wait();
  };

  it("claims on a chain whose latest block is older than the deadline window: the deadline counts from now", async function () {
    await fundPool();
    const latest = (await node.provider.getBlock("latest"))!.timestamp;
    await node.provider.send("evm_setTime", [Math.floor(Date.now() / 1000)]);
    expect(Math.floor(Date.now() / 1000) - latest).to.be.greaterThan(120);
    const run = await keeper(env, searchers[0]);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/claimed 1(\.\d+)? native/);
    // The claim went through a permit for exactly the price: the old unlimited approval is spent down to nothing.
    const first = await node.provider.getSigner(searchers[0]);
    expect(
      await suite.token.connect(node.provider).allowance(first.address, await suite.auction.getAddress()),
    ).to.equal(0n);
  });

  it("three keepers race for one pool: one claims, each loser says so in one line with exit code 3 and no allowance left", async function () {
    await fundPool();
    const nonce = await suite.auction.connect(node.provider).nonce();
    // Every keeper quotes and sends before any block: their claims land in one block, in some order.
    await node.provider.send("evm_setAutomine", [false]);
    let runs;
    try {
      let exited = 0;
      const racing = searchers.map((i) => keeper(env, i).finally(() => exited++));
      // A keeper that quotes after another's claim reached the pool loses at once (the node estimates the claim
      // against the pending block); the others wait for the block with theirs.
      const until = Date.now() + 300_000;
      for (;;) {
        const pool = await node.provider.send("txpool_status", []);
        if (Number(pool.pending) + exited >= searchers.length && Number(pool.pending) > 0) break;
        if (Date.now() > until) throw new Error(`only ${Number(pool.pending)} claims reached the node`);
        await new Promise((r) => setTimeout(r, 200));
      }
      await node.provider.send("evm_mine", []);
      runs = await Promise.all(racing);
    } finally {
      await node.provider.send("evm_setAutomine", [true]);
    }
    const winners = runs.filter((r) => r.code === 0);
    const losers = runs.filter((r) => r.code !== 0);
    expect(winners, JSON.stringify(runs)).to.have.length(1);
    expect(winners[0].stdout).to.contain("claimed");
    expect(losers).to.have.length(2);
    for (const loser of losers) {
      expect(loser.code, loser.stderr).to.equal(LOST_RACE_EXIT_CODE);
      expect(loser.stderr.split("\n"), loser.stderr).to.have.length(1);
      expect(loser.stderr).to.equal(
        `lost: someone claimed nonce ${nonce} first; nothing was paid (no allowance left); next nonce ${nonce + 1n}, price 1,000 ZK`,
      );
    }
    const claims = await suite.auction.connect(node.provider).queryFilter(suite.auction.filters.Claimed(nonce));
    expect(claims).to.have.length(1);
    for (const i of searchers) {
      const s = await node.provider.getSigner(i);
      expect(await suite.token.connect(node.provider).allowance(s.address, await suite.auction.getAddress())).to.equal(
        0n,
      );
    }
  });

  it("--watch claims when the pool becomes profitable, not before, and stops cleanly on Ctrl-C", async function () {
    const watcher = startKeeper(env, searchers[1], ["--watch", "--poll-ms", "200"]);
    try {
      // The pool holds nothing worth the price: it says so and claims nothing, block after block.
      await until(() => watcher.out.stdout, /not profitable: nothing to do/);
      const nonce = await suite.auction.connect(node.provider).nonce();
      const deployer = await node.provider.getSigner(0);
      await (await deployer.sendTransaction({ to: deployer.address, value: 1n })).wait();
      await (await deployer.sendTransaction({ to: deployer.address, value: 1n })).wait();
      expect(await suite.auction.connect(node.provider).nonce()).to.equal(nonce);
      // Then the pool fills: it claims on the next block.
      await fundPool();
      await until(() => watcher.out.stdout, /claimed 1(\.\d+)? native/);
      const claims = await suite.auction.connect(node.provider).queryFilter(suite.auction.filters.Claimed(nonce));
      expect(claims).to.have.length(1);
      expect(claims[0].args.claimer).to.equal((await node.provider.getSigner(searchers[1])).address);
    } finally {
      process.kill(-watcher.child.pid!, "SIGINT");
    }
    const run = await watcher.done;
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/stopped after block \d+; 1 claim\(s\) made/);
  });
});
