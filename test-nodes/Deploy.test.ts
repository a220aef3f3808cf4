import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { spawn, execFileSync } from "child_process";
import { getCreateAddress } from "ethers";
import hre from "hardhat";
import { deploySuite } from "../deploy/suite";
import { freePort, localProvider, startAnvil, type LocalNode } from "../scripts/nodes";

/** `hardhat node` on a free loopback port, stopped by the caller. */
async function startHardhatNode(): Promise<LocalNode> {
  const port = await freePort();
  const child = spawn("npx", ["hardhat", "node", "--hostname", "127.0.0.1", "--port", String(port)], {
    stdio: "ignore",
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const provider = localProvider(url, 31337);
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      await provider.send("eth_chainId", []);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error("hardhat node did not start");
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    name: "hardhat-node",
    url,
    port,
    chainId: 31337,
    pid: child.pid!,
    provider,
    keep() {
      child.unref();
      return child.pid!;
    },
    async stop() {
      provider.destroy();
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
    },
  };
}

describe("Deploying to real local nodes", function () {
  this.timeout(240_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "zknomics-deploy-"));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  for (const [label, start, network] of [
    ["anvil", () => startAnvil("deploy", 31337), "anvil"],
    ["hardhat node (localhost)", startHardhatNode, "localhost"],
  ] as const) {
    describe(label, function () {
      let node: LocalNode;
      before(async () => (node = await start()));
      after(async () => node?.stop());

      it("deploys, records every contract and step, and resumes after an interruption without redeploying", async function () {
        const file = path.join(tmp, `${network}.json`);
        const signer = await node.provider.getSigner(0);
        await expect(deploySuite(hre, { signer, network, file, failAfter: 9 })).to.be.rejectedWith(
          /deployment interrupted/,
        );
        const partial = JSON.parse(fs.readFileSync(file, "utf8"));
        expect(partial.complete).to.equal(false);
        const firstContracts = { ...partial.contracts };
        expect(Object.keys(firstContracts).length).to.be.greaterThan(3);

        const suite = await deploySuite(hre, { signer, network, file });
        const done = JSON.parse(fs.readFileSync(file, "utf8"));
        expect(done.complete).to.equal(true);
        expect(done.chainId).to.equal(node.chainId);
        expect(done.gitCommit).to.match(/^[0-9a-f]{40}$|^unknown$/);
        for (const [name, record] of Object.entries(firstContracts)) {
          expect(done.contracts[name].address, `${name} was redeployed`).to.equal(
            (record as { address: string }).address,
          );
        }
        expect(await suite.collector.governance()).to.equal(await suite.timelock.getAddress());

        // A third run changes nothing: no transaction is sent.
        const nonce = await node.provider.getTransactionCount(await signer.getAddress());
        await deploySuite(hre, { signer, network, file });
        expect(await node.provider.getTransactionCount(await signer.getAddress())).to.equal(nonce);
      });
    });
  }

  it("refuses to resume on a reset chain (same chain id, new chain), sending nothing, and says what to do", async function () {
    const node = await startAnvil("reset", 31337);
    const file = path.join(tmp, "reset.json");
    try {
      const signer = await node.provider.getSigner(0);
      await deploySuite(hre, { signer, network: "anvil", file });
      // A restarted node: the same chain id, back at genesis.
      await node.provider.send("anvil_reset", []);
      const me = await signer.getAddress();
      await expect(deploySuite(hre, { signer, network: "anvil", file })).to.be.rejectedWith(
        /does not match this chain \(a restarted or reset node\?\): .* has no code.*Nothing was sent\. Move the file away/,
      );
      expect(await node.provider.getTransactionCount(me)).to.equal(0);
    } finally {
      await node.stop();
    }
  });

  it("resumes a deploy interrupted after a transaction was sent but before it was mined (anvil, 1 s blocks)", async function () {
    const node = await startAnvil("interrupted", 31337, 20_000, ["--block-time", "1"]);
    const file = path.join(tmp, "interrupted.json");
    try {
      const signer = await node.provider.getSigner(0);
      // Stop right after sending a setter (the 12th transaction), as Ctrl-C would, before it is mined.
      await expect(deploySuite(hre, { signer, network: "anvil", file, failAfterSend: 12 })).to.be.rejectedWith(
        /interrupted after sending/,
      );
      const partial = JSON.parse(fs.readFileSync(file, "utf8"));
      expect(Object.keys(partial.pending)).to.have.length(1);
      const suite = await deploySuite(hre, { signer, network: "anvil", file });
      const done = JSON.parse(fs.readFileSync(file, "utf8"));
      expect(done.complete).to.equal(true);
      expect(done.pending).to.deep.equal({});
      expect(await suite.collector.governance()).to.equal(await suite.timelock.getAddress());
    } finally {
      await node.stop();
    }
  });

  it("never creates a contract twice: a deploy killed after a creation was accepted and before it was recorded resumes with no duplicate and the baseline nonce", async function () {
    // The baseline: a whole deploy from a fresh chain, its deployer's final nonce.
    const clean = await startAnvil("baseline", 31337);
    let baseline: number;
    try {
      const signer = await clean.provider.getSigner(0);
      await deploySuite(hre, { signer, network: "anvil", file: path.join(tmp, "baseline.json") });
      baseline = await clean.provider.getTransactionCount(await signer.getAddress());
    } finally {
      await clean.stop();
    }
    for (const k of [0, 3, 7]) {
      const node = await startAnvil(`unrecorded-${k}`, 31337);
      const file = path.join(tmp, `unrecorded-${k}.json`);
      try {
        const signer = await node.provider.getSigner(0);
        const me = await signer.getAddress();
        await expect(deploySuite(hre, { signer, network: "anvil", file, failBeforeRecord: k })).to.be.rejectedWith(
          /before recording it/,
        );
        const partial = JSON.parse(fs.readFileSync(file, "utf8"));
        const [[name, pending]] = Object.entries(partial.pending) as [string, { txHash: string; nonce: number }][];
        expect(pending.txHash, name).to.equal("");
        const created = getCreateAddress({ from: me, nonce: pending.nonce });
        expect(await node.provider.getCode(created)).not.to.equal("0x");
        const lines: string[] = [];
        await deploySuite(hre, { signer, network: "anvil", file, log: (l) => lines.push(l) });
        expect(lines.join("\n")).to.contain(
          `${name}: found created at ${created} by an interrupted run (nonce ${pending.nonce})`,
        );
        const done = JSON.parse(fs.readFileSync(file, "utf8"));
        expect(done.contracts[name].address).to.equal(created);
        expect(done.complete).to.equal(true);
        expect(await node.provider.getTransactionCount(me)).to.equal(baseline);
      } finally {
        await node.stop();
      }
    }
  });

  it("killing npm run deploy's parent process stops the deploy too", async function () {
    const node = await startAnvil("parent-kill", 31337, 20_000, ["--block-time", "1"]);
    const name = `cli-parent-kill-${process.pid}`;
    const file = path.join(__dirname, "..", "deployments", `${name}.json`);
    try {
      const env = { ...process.env, ANVIL_PORT: String(node.port), DEPLOYMENT_NAME: name };
      // npx → hardhat → the forked script: kill the hardhat process once the deploy has started sending.
      // Output to a file, as a terminal or a service log would take it (a pipe would break when its writer dies).
      const log = path.join(tmp, "parent-kill.log");
      const fd = fs.openSync(log, "w");
      const parent = spawn("npx", ["hardhat", "run", "deploy/run.ts", "--network", "anvil"], {
        env,
        stdio: ["ignore", fd, fd],
      });
      fs.closeSync(fd);
      const output = () => fs.readFileSync(log, "utf8");
      const until = Date.now() + 300_000;
      while (!/\[0\d\] \w+: deployed at/.test(output())) {
        if (Date.now() > until || parent.exitCode !== null) throw new Error(`the deploy never started: ${output()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      // The processes of the deploy: npx, hardhat, and the script hardhat forked. Kill every one but the script.
      const pids = execFileSync("pgrep", ["-f", "deploy/run.ts"]).toString().trim().split("\n").map(Number);
      const ppid = (pid: number) => Number(fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[1]);
      const script = pids.filter((pid) => !pids.some((other) => other !== pid && ppid(other) === pid));
      for (const pid of pids) if (!script.includes(pid)) process.kill(pid, "SIGKILL");
      const children = script;
      // Every process running the deploy ends; the nonce stops moving.
      const gone = Date.now() + 60_000;
      for (;;) {
        const alive = children.filter((pid) => {
          try {
            process.kill(pid, 0);
            return true;
          } catch {
            return false;
          }
        });
        if (alive.length === 0) break;
        if (Date.now() > gone) throw new Error(`still running after its parent was killed: ${alive.join(", ")}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const me = (await node.provider.getSigner(0)).address;
      const nonce = await node.provider.getTransactionCount(me, "pending");
      await new Promise((r) => setTimeout(r, 3_000));
      expect(await node.provider.getTransactionCount(me, "pending")).to.equal(nonce);
      expect(output()).to.contain("error: the deploy's parent process ended; stopping (run it again to resume)");
      // It stopped part-way (its record says so), rather than finishing unseen.
      expect(JSON.parse(fs.readFileSync(file, "utf8")).complete).to.equal(false);
    } finally {
      fs.rmSync(file, { force: true });
      await node.stop();
    }
  });

  it("npm run deploy -- --network anvil writes its record, resumes, and never touches the user's deployments/anvil.json", async function () {
    const node = await startAnvil("cli", 31337);
    // A record of this test's own (deployments/cli-*.json is ignored by git); the user's anvil.json stays as it was.
    const name = `cli-deploy-${process.pid}`;
    const file = path.join(__dirname, "..", "deployments", `${name}.json`);
    const users = path.join(__dirname, "..", "deployments", "anvil.json");
    const before = fs.existsSync(users) ? fs.readFileSync(users, "utf8") : undefined;
    try {
      const env = { ...process.env, ANVIL_PORT: String(node.port), DEPLOYMENT_NAME: name };
      const first = execFileSync("npx", ["hardhat", "run", "deploy/run.ts", "--network", "anvil"], { env }).toString();
      expect(first).to.contain("Read-back check passed");
      const second = execFileSync("npx", ["hardhat", "run", "deploy/run.ts", "--network", "anvil"], { env }).toString();
      expect(second).to.match(/ZkToken: reusing/);
      expect(second).not.to.match(/deployed at/);
      expect(JSON.parse(fs.readFileSync(file, "utf8")).complete).to.equal(true);
      expect(fs.existsSync(users) ? fs.readFileSync(users, "utf8") : undefined).to.equal(before);
    } finally {
      fs.rmSync(file, { force: true });
      await node.stop();
    }
  });
});

describe("Deploying the EVM build with a zksync-ethers wallet", function () {
  this.timeout(120_000);
  it("runs the same routine through zksync-ethers' Wallet and Provider (the ZKsync OS / EVM-interpreter path)", async function () {
    const { Provider } = await import("zksync-ethers");
    const { EvmWallet } = await import("../deploy/zksync-signer");
    const node = await startAnvil("zksync-ethers", 31337);
    try {
      // anvil's first default account
      const key = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
      const wallet = new EvmWallet(key, new Provider(node.url));
      const suite = await deploySuite(hre, { signer: wallet, network: "anvil" });
      expect(await suite.auction.governance()).to.equal(await suite.timelock.getAddress());
    } finally {
      await node.stop();
    }
  });
});
