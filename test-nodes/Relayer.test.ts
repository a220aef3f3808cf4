import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { spawn, spawnSync } from "child_process";
import hre, { ethers } from "hardhat";
import type { JsonRpcSigner } from "ethers";
import { deploySuite, type Suite } from "../deploy/suite";
import { freePort, startAnvil, type LocalNode } from "../scripts/nodes";
import { counterPayload, erc7930 } from "../scripts/interop";
import { startRpcProxy, type RpcProxy } from "../tools/rpc-proxy";
import { CrossChainCounter__factory, type CrossChainCounter } from "../typechain-types";

const ROOT = path.join(__dirname, "..");
const TS_NODE = require.resolve("ts-node/dist/bin.js");
const ids = { A: 6_101, B: 6_102, C: 6_103 } as const;
type Name = keyof typeof ids;
const NAMES = Object.keys(ids) as Name[];

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
}

/** The relayer CLI as an operator runs it; `done` settles when the process ends, however it ends. */
function relayer(
  config: string,
  opts: { fault?: string; once?: boolean; env?: Record<string, string>; giveUpMs?: number } = {},
) {
  const child = spawn(
    process.execPath,
    [TS_NODE, "--transpile-only", "scripts/relayer-cli.ts", config, ...(opts.once ? ["--once"] : [])],
    {
      cwd: ROOT,
      env: { ...process.env, ...(opts.fault ? { RELAYER_FAULT: opts.fault } : {}), ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  // A run that should have ended by itself (a fault point, --once) and has not after `giveUpMs` is stopped
  // (SIGTERM), so the test fails on its exit status with the output instead of hanging.
  const giveUp = opts.giveUpMs ? setTimeout(() => child.kill("SIGTERM"), opts.giveUpMs) : undefined;
  const done = new Promise<Run>((resolve) =>
    child.once("exit", (code, signal) => {
      clearTimeout(giveUp);
      resolve({ code, signal, out });
    }),
  );
  return { child, done, out: () => out };
}

/** Polls `check` until it holds; a failure names what never happened (a liveness bound, not a timing test). */
async function until(what: string, check: () => Promise<boolean>, out?: () => string) {
  const deadline = Date.now() + 300_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}\n${out?.().slice(-4_000) ?? ""}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("Relayer: every bundle exactly once through crashes, outages and resets", function () {
  this.timeout(900_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zknomics-relayer-"));
  const stateFile = path.join(dir, "state.json");
  const nodes = {} as Record<Name, LocalNode>;
  const suites = {} as Record<Name, Suite>;
  const counters = {} as Record<Name, CrossChainCounter>;
  const users = {} as Record<Name, JsonRpcSigner>;
  /** Bundle hashes sent to each destination, in order. */
  const sent: Record<Name, string[]> = { A: [], B: [], C: [] };
  /** The source of each bundle hash. */
  const sourceOf = new Map<string, Name>();
  const deploymentFile = (name: Name) => path.join(dir, `${name}.json`);

  const writeConfig = (file: string, extra: Record<string, unknown> = {}, rpc: Partial<Record<Name, string>> = {}) => {
    fs.writeFileSync(
      file,
      JSON.stringify({
        chains: NAMES.map((name) => ({ name, rpc: rpc[name] ?? nodes[name].url, deployment: deploymentFile(name) })),
        stateFile,
        intervalMs: 100,
        metricsPort: 0,
        retryBaseMs: 200,
        retryMaxMs: 2_000,
        ...extra,
      }),
    );
    return file;
  };
  const config = path.join(dir, "relayer.json");

  /** Sends `count` one-call bundles from `from` to `to`'s counter; records their hashes. */
  async function send(from: Name, to: Name, count: number) {
    const center = suites[from].center.connect(users[from]);
    const fee = await suites[from].collector.connect(nodes[from].provider).baseFeePerCall();
    const recipient = erc7930(ids[to], await counters[to].getAddress());
    for (let i = 0; i < count; i++) {
      const receipt = (await (await center.sendMessage(recipient, counterPayload(1), [], { value: fee })).wait())!;
      const event = receipt.logs
        .map((log) => {
          try {
            return center.interface.parseLog(log);
          } catch {
            return null;
          }
        })
        .find((e) => e?.name === "BundleSent");
      sent[to].push(event!.args.bundleHash);
      sourceOf.set(event!.args.bundleHash, from);
    }
  }
  const sendAll = async (count: number) => {
    for (const from of NAMES) for (const to of NAMES) if (from !== to) await send(from, to, count);
  };

  /** Executions on `name`, by bundle hash, read from the chain. */
  async function executions(name: Name): Promise<Map<string, number>> {
    const handler = suites[name].handler.connect(nodes[name].provider);
    const logs = await handler.queryFilter(handler.filters.BundleExecuted(), 0);
    const counts = new Map<string, number>();
    for (const log of logs) counts.set(log.args.bundleHash, (counts.get(log.args.bundleHash) ?? 0) + 1);
    return counts;
  }
  const delivered = async (name: Name) =>
    (await counters[name].connect(nodes[name].provider).count()) === BigInt(sent[name].length);
  const allDelivered = async () => (await Promise.all(NAMES.map(delivered))).every(Boolean);

  async function expectExactlyOnce() {
    for (const name of NAMES) {
      const counts = await executions(name);
      expect(counts.size, `bundles executed on ${name}`).to.equal(sent[name].length);
      for (const hash of sent[name]) expect(counts.get(hash), `executions of ${hash} on ${name}`).to.equal(1);
      expect(await counters[name].connect(nodes[name].provider).count()).to.equal(BigInt(sent[name].length));
    }
  }

  async function startNode(name: Name, port?: number) {
    return startAnvil(`relayer-${name}`, ids[name], 20_000, ["--state", path.join(dir, `${name}-state.json`)], {
      port,
    });
  }

  before(async function () {
    for (const name of NAMES) nodes[name] = await startNode(name);
    for (const name of NAMES) {
      const deployer = await nodes[name].provider.getSigner(0);
      suites[name] = await deploySuite(hre, { signer: deployer, network: "anvil", file: deploymentFile(name) });
      users[name] = await nodes[name].provider.getSigner(5);
      const counter = await new CrossChainCounter__factory(deployer).deploy(
        await suites[name].handler.getAddress(),
        await suites[name].center.getAddress(),
        100n,
      );
      await counter.waitForDeployment();
      counters[name] = counter;
    }
    for (const name of NAMES) {
      for (const other of NAMES) {
        if (other !== name)
          await (await counters[name].setTrustedSender(ids[other], users[other].address, true)).wait();
      }
    }
    writeConfig(config);
  });

  after(async function () {
    await Promise.all(NAMES.map((n) => nodes[n]?.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("delivers every bundle once through SIGKILL at each named point, a lost or stale state file, and a destination that stops and comes back", async function () {
    await sendAll(8);

    // Killed at each named point of a delivery (RELAYER_FAULT makes the process SIGKILL itself there), restarted.
    // Fresh bundles on every route before each run: all three destinations reach every point, so the n-th
    // arrival at a point happens whatever order the destinations' loops run in.
    for (const fault of ["after-read:1", "after-post:1", "after-execute:2", "before-save:3"]) {
      if (fault !== "after-read:1") await sendAll(2);
      const run = await relayer(config, { fault, giveUpMs: 300_000 }).done;
      expect(run.signal, `${fault}\n${run.out}`).to.equal("SIGKILL");
      expect(run.out).to.contain(`killing this process at ${fault.split(":")[0]}`);
      if (fault.startsWith("after-post")) {
        // The kill left hashes posted and not executed: the next run must execute them, not skip them.
        let postedOnly = 0;
        for (const name of NAMES) {
          const abi = ["function posted(uint256,bytes32) view returns (bool)"];
          const verifier = new ethers.Contract(suites[name].verifier, abi, nodes[name].provider);
          const counts = await executions(name);
          for (const hash of sent[name]) {
            if (!counts.has(hash) && (await verifier.posted(ids[sourceOf.get(hash)!], hash))) postedOnly++;
          }
        }
        expect(postedOnly).to.be.greaterThan(0);
      }
    }
    const stale = fs.readFileSync(stateFile, "utf8");

    // The state file is lost: the next run reads every chain from its deployment block and loses nothing.
    fs.rmSync(stateFile);
    await sendAll(2);
    let run = await relayer(config, { once: true, giveUpMs: 300_000 }).done;
    expect(run.code, run.out).to.equal(0);
    await expectExactlyOnce();

    // A stale state file (from before the last deliveries) costs a rescan, never a bundle or a second execution.
    fs.writeFileSync(stateFile, stale);
    await sendAll(1);
    run = await relayer(config, { once: true, giveUpMs: 300_000 }).done;
    expect(run.code, run.out).to.equal(0);
    await expectExactlyOnce();

    // Two processes share the routes, one owning deliveries to A and B, the other to C: nothing is delivered twice.
    await sendAll(1);
    const [ab, c] = await Promise.all([
      relayer(
        writeConfig(path.join(dir, "ab.json"), { deliverTo: ["A", "B"], stateFile: path.join(dir, "ab-state.json") }),
        { once: true, giveUpMs: 300_000 },
      ).done,
      relayer(writeConfig(path.join(dir, "c.json"), { deliverTo: ["C"], stateFile: path.join(dir, "c-state.json") }), {
        once: true,
        giveUpMs: 300_000,
      }).done,
    ]);
    expect(ab.code, ab.out).to.equal(0);
    expect(c.code, c.out).to.equal(0);
    expect(ab.out).to.match(/delivering to A, B/);
    expect(ab.out).not.to.match(/→C bundle .* executed in tx/);
    expect(c.out).not.to.match(/→[AB] bundle .* executed in tx/);
    await expectExactlyOnce();

    // C stops (its state saved); bundles to it wait while A↔B keep their pace; C comes back and gets its bundles.
    const portC = nodes.C.port;
    await nodes.C.stop();
    await send("A", "B", 4);
    await send("B", "A", 4);
    await send("A", "C", 4);
    await send("B", "C", 4);
    const metricsPort = await freePort();
    const service = relayer(writeConfig(path.join(dir, "service.json"), { metricsPort, summaryMs: 1_000 }), {
      env: { RPC_TIMEOUT_MS: "2000" },
    });
    try {
      await until(
        "A and B receive their bundles while C is down",
        async () => (await delivered("A")) && (await delivered("B")),
        service.out,
      );
      await until(
        "the relayer says C's routes wait",
        async () => /chain C, (reading|delivering): .*routes wait/.test(service.out()),
        service.out,
      );
      // The metrics follow the relayer's receipts, which may land a moment after the counters move.
      const metricsShow = async (patterns: RegExp[]) => {
        const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
        return patterns.every((p) => p.test(text));
      };
      await until(
        "the metrics show C down, A→C waiting and A→B delivered",
        () =>
          metricsShow([
            /relayer_chain_up\{chain="C"\} 0/,
            // 4 new, and 1 delivered by the two-process run, which this state file predates: until C answers,
            // nothing says it was executed.
            /relayer_pending_bundles\{route="A→C"\} 5/,
            /relayer_bundles_delivered_total\{route="A→B"\} 4/,
          ]),
        service.out,
      );
      await until(
        "a summary line with the waiting route",
        async () => /summary: .*A→C 5 pending/.test(service.out()),
        service.out,
      );

      nodes.C = await startNode("C", portC);
      await until("C receives its bundles once it is back", () => delivered("C"), service.out);
      await until(
        "the relayer says C is back",
        async () => /chain C, (reading|delivering): back/.test(service.out()),
        service.out,
      );
    } finally {
      service.child.kill("SIGINT");
    }
    run = await service.done;
    expect(run.code, run.out).to.equal(0);
    expect(run.out).to.match(/stopping after the step in progress/);
    expect(run.out).to.match(/stopped: \d+ executed, 0 pending/);
    await expectExactlyOnce();
  });

  it("keeps the other routes going while a destination is frozen, then reset, and reports the reset", async function () {
    const service = relayer(writeConfig(path.join(dir, "reset.json")), { env: { RPC_TIMEOUT_MS: "1000" } });
    try {
      await until("the relayer watches", async () => service.out().includes("watching"), service.out);
      // Frozen: the node accepts connections and never answers.
      process.kill(nodes.C.pid, "SIGSTOP");
      await send("A", "C", 1);
      await send("A", "B", 2);
      await until("A→B is delivered while C is frozen", () => delivered("B"), service.out);
      process.kill(nodes.C.pid, "SIGCONT");
      await until("A→C is delivered once C answers again", () => delivered("C"), service.out);

      // Reset: C answers with its chain id, but its history and contracts are gone.
      const portC = nodes.C.port;
      await nodes.C.stop();
      fs.rmSync(path.join(dir, "C-state.json"), { force: true });
      nodes.C = await startNode("C", portC);
      await nodes.C.provider.send("anvil_mine", ["0x1"]);
      const before = sent.C.length;
      await send("A", "C", 1);
      await send("B", "A", 2);
      await until("B→A is delivered while C is reset", () => delivered("A"), service.out);
      await until(
        "the relayer reports C's reset",
        async () =>
          /chain C, delivering: no InteropHandler at 0x[0-9a-fA-F]+: the chain was reset or redeployed/.test(
            service.out(),
          ),
        service.out,
      );
      expect(sent.C.length).to.equal(before + 1);
    } finally {
      service.child.kill("SIGINT");
    }
    const run = await service.done;
    expect(run.code, run.out).to.equal(0);
    expect(run.out).to.match(/went back from block \d+ to \d+: it was reset/);
    // Nothing executed twice on the chains that kept their history.
    for (const name of ["A", "B"] as const) {
      for (const count of (await executions(name)).values()) expect(count).to.equal(1);
    }
  });
});

describe("Relayer: bounded log reads and a checked config", function () {
  this.timeout(600_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zknomics-relayer-cfg-"));
  let a: LocalNode;
  let b: LocalNode;
  let proxy: RpcProxy;
  const files = { A: path.join(dir, "a.json"), B: path.join(dir, "b.json") };
  let counter: CrossChainCounter;
  let sentCount = 0;

  const config = (extra: Record<string, unknown>, rpcA?: string, chainExtra: Record<string, unknown> = {}) => {
    const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify({
        chains: [
          { name: "A", rpc: rpcA ?? proxy.url, deployment: files.A, ...chainExtra },
          { name: "B", rpc: b.url, deployment: files.B },
        ],
        stateFile: path.join(dir, "state.json"),
        metricsPort: 0,
        ...extra,
      }),
    );
    return file;
  };

  before(async function () {
    [a, b] = await Promise.all([startAnvil("span-a", 6_201), startAnvil("span-b", 6_202)]);
    const [deployerA, deployerB] = [await a.provider.getSigner(0), await b.provider.getSigner(0)];
    const suiteA = await deploySuite(hre, { signer: deployerA, network: "anvil", file: files.A });
    const suiteB = await deploySuite(hre, { signer: deployerB, network: "anvil", file: files.B });
    counter = await new CrossChainCounter__factory(deployerB).deploy(
      await suiteB.handler.getAddress(),
      await suiteB.center.getAddress(),
      100n,
    );
    await counter.waitForDeployment();
    const user = await a.provider.getSigner(5);
    await (await counter.setTrustedSender(6_201, user.address, true)).wait();
    // 300 empty blocks between the deployment and the bundles: the first scan spans them all.
    await a.provider.send("anvil_mine", ["0x12c"]);
    const fee = await suiteA.collector.connect(a.provider).baseFeePerCall();
    const to = erc7930(6_202, await counter.getAddress());
    for (let i = 0; i < 3; i++) {
      await (await suiteA.center.connect(user).sendMessage(to, counterPayload(1), [], { value: fee })).wait();
      sentCount++;
    }
    proxy = await startRpcProxy(a.url, { maxLogSpan: 50 });
  });

  after(async function () {
    await proxy?.stop();
    await Promise.all([a?.stop(), b?.stop()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reads logs in spans the provider accepts, the first scan included", async function () {
    // Configured under the provider's limit: no span is ever refused.
    const run = await relayer(config({ maxSpan: 40 }), { once: true, giveUpMs: 300_000 }).done;
    expect(run.code, run.out).to.equal(0);
    expect(await counter.count()).to.equal(BigInt(sentCount));
    expect(proxy.refused).to.equal(0);
    expect(proxy.logSpans.length).to.be.greaterThan(7);
    expect(Math.max(...proxy.logSpans)).to.be.at.most(40);
  });

  it("survives a provider that refuses the default span: it halves the span until the provider answers", async function () {
    fs.rmSync(path.join(dir, "state.json"), { force: true });
    proxy.logSpans.length = 0;
    const run = await relayer(config({}), { once: true, giveUpMs: 300_000 }).done;
    expect(run.code, run.out).to.equal(0);
    expect(proxy.refused).to.be.greaterThan(0);
    expect(run.out).to.match(/eth_getLogs over \d+ blocks failed; reading \d+ at a time/);
    expect(Math.max(...proxy.logSpans)).to.be.at.most(50);
    // Everything was already executed: the rescan found it so and executed nothing again.
    expect(await counter.count()).to.equal(BigInt(sentCount));
  });

  it("refuses each config mistake in one line before sending anything", async function () {
    const nonces = async () => [
      await a.provider.getTransactionCount((await a.provider.getSigner(2)).address),
      await b.provider.getTransactionCount((await b.provider.getSigner(2)).address),
    ];
    const before = await nonces();
    const cases: [string, string, RegExp][] = [
      [
        "negative interval",
        config({ intervalMs: -5 }),
        /"intervalMs" must be a whole number from 1 to 3600000, not -5/,
      ],
      ["interval as text", config({ intervalMs: "abc" }), /"intervalMs" must be a whole number .* not "abc"/],
      [
        "state file in a missing folder",
        config({ stateFile: path.join(dir, "nope", "s.json") }),
        /"stateFile": no folder .*nope/,
      ],
      ["unknown setting", config({ interval: 5 }), /unknown setting "interval"/],
      [
        "an rpc of another chain",
        config({}, b.url),
        /chain A .* the node is chain 6202, the deployment file is for chain 6201/,
      ],
      [
        "a signer without RELAYER_ROLE",
        config({}, a.url, { signerIndex: 7 }),
        /lacks RELAYER_ROLE on the RelayedRootVerifier .* \(signerIndex 7\)/,
      ],
      ["a bad fault spec", config({}), /RELAYER_FAULT must be <point>\[:<n>\]/],
    ];
    for (const [what, file, pattern] of cases) {
      const env = what === "a bad fault spec" ? { ...process.env, RELAYER_FAULT: "somewhere" } : process.env;
      const r = spawnSync(process.execPath, [TS_NODE, "--transpile-only", "scripts/relayer-cli.ts", file], {
        cwd: ROOT,
        encoding: "utf8",
        env,
      });
      expect(r.status, `${what}: ${r.stdout}${r.stderr}`).to.equal(1);
      const lines = r.stderr.trim().split("\n");
      expect(lines, what).to.have.length(1);
      expect(lines[0], what).to.match(/^relayer: /);
      expect(lines[0], what).to.match(pattern);
      expect(r.stderr, what).not.to.match(/\n\s+at /);
    }
    expect(await nonces()).to.deep.equal(before);
  });

  it("answers --help without loading ethers, Hardhat or the compiler", function () {
    const r = spawnSync(process.execPath, [TS_NODE, "--transpile-only", "scripts/relayer-cli.ts", "--help"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NODE_DEBUG: "module" },
    });
    expect(r.status).to.equal(0);
    expect(r.stdout).to.contain('"deployment": "deployments/anvil-b.json"');
    expect(r.stdout).to.contain("--once");
    // NODE_DEBUG=module names every module loaded: the config reader is among them, nothing heavy is.
    expect(r.stderr).to.contain("relayer-config");
    expect(r.stderr).not.to.match(/'ethers'|'hardhat'|solc|typechain-types/);
  });
});
