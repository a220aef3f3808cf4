// `npm run bench:relayer`: how fast the relayer drains a backlog of bundles (10, 100, 1,000 on one route A→B, and
// 1,000 spread over both directions) and how long one bundle takes from its send to its execution on an idle
// relayer. Two anvil nodes on 127.0.0.1, started and stopped here. Writes bench/relayer.json and bench/RELAYER.md.
// A benchmark, not a test: its figures depend on the machine and its load, which the report records.
// BENCH_QUICK=1 runs only the small cases (a check of the bench itself); BENCH_VERBOSE=1 prints the relayer's lines.
//
// BENCH_RELAYER_MODULE=<path> measures another relayer module with the same `Relayer` class interface
// (constructor(chains, { log }), run(signal, intervalMs)), e.g. an earlier version, for a comparison.
import fs from "fs";
import os from "os";
import path from "path";
import hre from "hardhat";
import type { JsonRpcSigner } from "ethers";
import { deploySuite, type Suite } from "../deploy/suite";
import { machineFacts } from "./machine";
import { startAnvil, type LocalNode } from "../scripts/nodes";
import { counterPayload, erc7930 } from "../scripts/interop";
import { CrossChainCounter__factory, type CrossChainCounter } from "../typechain-types";
import type { RelayChain } from "../scripts/relayer";

interface RelayerLike {
  run(signal: AbortSignal, intervalMs?: number): Promise<void>;
}
type RelayerClass = new (chains: RelayChain[], opts: { log?: (line: string) => void }) => RelayerLike;

interface Side {
  name: "A" | "B";
  id: number;
  node: LocalNode;
  suite: Suite;
  user: JsonRpcSigner;
  counter: CrossChainCounter;
}

const BENCH_DIR = path.join(__dirname, "..", "bench");
const INTERVAL_MS = 100;

async function main() {
  const modulePath = process.env.BENCH_RELAYER_MODULE;
  const { Relayer } = (await import(modulePath ? path.resolve(modulePath) : "../scripts/relayer")) as {
    Relayer: RelayerClass;
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zknomics-bench-relayer-"));
  const nodes: LocalNode[] = [];
  try {
    const sides: Side[] = [];
    for (const [name, id] of [
      ["A", 7_001],
      ["B", 7_002],
    ] as const) {
      const node = await startAnvil(`bench-${name}`, id);
      nodes.push(node);
      const deployer = await node.provider.getSigner(0);
      const suite = await deploySuite(hre, {
        signer: deployer,
        network: "anvil",
        file: path.join(dir, `${name}.json`),
      });
      const counter = await new CrossChainCounter__factory(deployer).deploy(
        await suite.handler.getAddress(),
        await suite.center.getAddress(),
        1_000_000n,
      );
      await counter.waitForDeployment();
      sides.push({ name, id, node, suite, user: await node.provider.getSigner(5), counter });
    }
    for (const side of sides) {
      const other = sides.find((s) => s !== side)!;
      await (await side.counter.setTrustedSender(other.id, other.user.address, true)).wait();
    }
    /** The next block of each side: where a relayer started now would begin to read. */
    const heads = () => Promise.all(sides.map(async (s) => (await s.node.provider.getBlockNumber()) + 1));
    const chains = async (fromBlocks: number[]): Promise<RelayChain[]> =>
      Promise.all(
        sides.map(async (s, i) => ({
          name: s.name,
          chainId: BigInt(s.id),
          provider: s.node.provider,
          signer: await s.node.provider.getSigner(2),
          center: await s.suite.center.getAddress(),
          handler: await s.suite.handler.getAddress(),
          verifier: s.suite.verifier,
          fromBlock: fromBlocks[i],
        })),
      );

    /** Sends `count` one-call bundles from `from` to the other side, back to back; returns when all are mined. */
    async function backlog(from: Side, count: number) {
      const to = sides.find((s) => s !== from)!;
      const center = from.suite.center.connect(from.user);
      const fee = await from.suite.collector.connect(from.node.provider).baseFeePerCall();
      const recipient = erc7930(to.id, await to.counter.getAddress());
      let nonce = await from.node.provider.getTransactionCount(from.user.address, "pending");
      const hashes: string[] = [];
      for (let i = 0; i < count; i++) {
        const tx = await center.sendMessage(recipient, counterPayload(1), [], {
          value: fee,
          nonce: nonce++,
          gasLimit: 300_000,
        });
        hashes.push(tx.hash);
      }
      await Promise.all(hashes.map((h) => from.node.provider.waitForTransaction(h)));
    }

    /** Runs a relayer until `expected` executions are logged; returns the drain time and each execution's time. */
    async function drain(expected: number, fromBlocks: number[]) {
      const done: number[] = [];
      const stop = new AbortController();
      let started = 0;
      let resolveAll: () => void = () => undefined;
      const all = new Promise<void>((r) => (resolveAll = r));
      const relayer = new Relayer(await chains(fromBlocks), {
        log: (line) => {
          if (process.env.BENCH_VERBOSE) console.log(line);
          if (/executed/.test(line) && !/already executed|executed by someone else|\d+ executed/.test(line)) {
            done.push(performance.now() - started);
            if (done.length >= expected) resolveAll();
          }
        },
      });
      started = performance.now();
      const running = relayer.run(stop.signal, INTERVAL_MS);
      await all;
      const seconds = (performance.now() - started) / 1000;
      stop.abort();
      await running;
      const sorted = [...done].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1000;
      return { bundles: expected, seconds, perSecond: expected / seconds, p50: at(0.5), p95: at(0.95), max: at(1) };
    }

    const results: Record<string, unknown>[] = [];
    for (const n of process.env.BENCH_QUICK ? [10] : [10, 100, 1_000]) {
      const from = await heads();
      await backlog(sides[0], n);
      const r = await drain(n, from);
      results.push({ case: `backlog ${n}, A→B`, ...r });
      console.log(`backlog ${n} A→B: ${r.seconds.toFixed(2)} s, ${r.perSecond.toFixed(1)} bundles/s`);
    }
    const from = await heads();
    const half = process.env.BENCH_QUICK ? 5 : 500;
    await backlog(sides[0], half);
    await backlog(sides[1], half);
    const both = await drain(2 * half, from);
    results.push({ case: "backlog 1000, 500 A→B + 500 B→A", ...both });
    console.log(`backlog 1000 both ways: ${both.seconds.toFixed(2)} s, ${both.perSecond.toFixed(1)} bundles/s`);

    // Latency on an idle relayer: one bundle at a time, from its send's receipt to its execution on B.
    const latencies: number[] = [];
    {
      const stop = new AbortController();
      const relayer = new Relayer(await chains(await heads()), { log: () => undefined });
      const running = relayer.run(stop.signal, INTERVAL_MS);
      const handler = sides[1].suite.handler.connect(sides[1].node.provider);
      const center = sides[0].suite.center.connect(sides[0].user);
      const fee = await sides[0].suite.collector.connect(sides[0].node.provider).baseFeePerCall();
      const recipient = erc7930(sides[1].id, await sides[1].counter.getAddress());
      for (let i = 0; i < 20; i++) {
        const receipt = (await (await center.sendMessage(recipient, counterPayload(1), [], { value: fee })).wait())!;
        const sent = performance.now();
        const hash = center.interface.parseLog(
          receipt.logs.find((l) => l.topics[0] === center.interface.getEvent("BundleSent")!.topicHash)!,
        )!.args.bundleHash as string;
        while (!(await handler.executed(hash))) await new Promise((r) => setTimeout(r, 5));
        latencies.push((performance.now() - sent) / 1000);
      }
      stop.abort();
      await running;
    }
    latencies.sort((a, b) => a - b);
    const latency = { samples: latencies.length, p50: latencies[10], max: latencies[latencies.length - 1] };
    console.log(`idle latency: median ${latency.p50.toFixed(3)} s, max ${latency.max.toFixed(3)} s`);

    const machine = {
      ...machineFacts(),
      relayer: modulePath ?? "scripts/relayer.ts",
      intervalMs: INTERVAL_MS,
    };
    const report = { machine, results, latency };
    const suffix = modulePath ? `-${path.basename(modulePath, ".ts")}` : "";
    if (process.env.BENCH_QUICK) return;
    fs.mkdirSync(BENCH_DIR, { recursive: true });
    fs.writeFileSync(path.join(BENCH_DIR, `relayer${suffix}.json`), JSON.stringify(report, null, 2) + "\n");
    if (!modulePath) fs.writeFileSync(path.join(BENCH_DIR, "RELAYER.md"), markdown(report));
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function markdown(report: {
  machine: Record<string, unknown>;
  results: Record<string, unknown>[];
  latency: { samples: number; p50: number; max: number };
}): string {
  const n = (v: unknown, d = 2) => (v as number).toFixed(d);
  const m = report.machine;
  return [
    "# Relayer benchmark",
    "",
    "Measured by `npm run bench:relayer`: two anvil nodes on 127.0.0.1 (automine), the suite deployed on each, a",
    "relayer (`scripts/relayer.ts`, the class the CLI runs) draining a backlog of one-call bundles that all exist",
    "before it starts. Latency of a backlog bundle counts from the relayer's start to its execution's receipt.",
    "",
    `Machine: ${m.cpus} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, load average at the end ${(m.loadAverage as number[]).join(" / ")}; idle interval ${m.intervalMs} ms.`,
    "",
    "| backlog | drain time (s) | bundles/s | p50 latency (s) | p95 latency (s) | max latency (s) |",
    "|---|---:|---:|---:|---:|---:|",
    ...report.results.map(
      (r) => `| ${r.case} | ${n(r.seconds)} | ${n(r.perSecond, 1)} | ${n(r.p50)} | ${n(r.p95)} | ${n(r.max)} |`,
    ),
    "",
    `One bundle at a time on an idle relayer, from its send's receipt to its execution: median ${n(report.latency.p50, 3)} s,`,
    `max ${n(report.latency.max, 3)} s over ${report.latency.samples} bundles.`,
    "",
  ].join("\n");
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
