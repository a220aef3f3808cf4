// `npm run bench:indexer`: the read side at 1,000, 10,000 and 100,000 blocks. For each length: a fresh anvil chain
// running the suite, grown with fee-flow traffic (tools/chain-load.ts: fees, claims, burns, votes; at most 300
// rounds, the rest empty blocks); the indexer's catch-up from an empty database (blocks and events a second); then
// the dashboard in headless chromium: the first render (page load until it shows the chain's head as indexed) and the
// cost of one new block (RPC calls the page made through a counting proxy, HTTP reads of the indexer, and the time
// until the page showed it). Writes bench/indexer.json and bench/INDEXER.md.
// A benchmark, not a test: its figures depend on the machine and its load, which the report records.
// BENCH_QUICK=1 runs only 1,000 blocks (a check of the bench itself).
import fs from "fs";
import os from "os";
import path from "path";
import hre from "hardhat";
import { chromium } from "playwright-core";
import { deploySuite } from "../deploy/suite";
import { startAnvil } from "../scripts/nodes";
import { startIndexer } from "../scripts/indexer";
import { dashboardConfig } from "../scripts/dashboard/config";
import { startDashboard } from "../scripts/dashboard/server";
import { ChainLoad } from "./chain-load";
import { startRpcProxy } from "./rpc-proxy";
import { machineFacts } from "./machine";

const BENCH_DIR = path.join(__dirname, "..", "bench");
const CHROMIUM = "/usr/bin/chromium";

interface Result {
  blocks: number;
  events: number;
  startSeconds: number;
  catchUpSeconds: number;
  blocksPerSecond: number;
  eventsPerSecond: number;
  firstRenderSeconds: number;
  perBlockSeconds: number;
  perBlockRpcCalls: number;
  perBlockIndexerReads: number;
}

async function measure(target: number, dir: string): Promise<Result> {
  // No state history on disk: 100,000 blocks would otherwise leave gigabytes in ~/.foundry/anvil/tmp.
  const node = await startAnvil(`bench-${target}`, 31_337, 20_000, ["--prune-history"]);
  try {
    const deploymentPath = path.join(dir, `bench-${target}.json`);
    const suite = await deploySuite(hre, {
      signer: await node.provider.getSigner(0),
      network: "anvil",
      file: deploymentPath,
    });
    const load = new ChainLoad(node.provider, suite);
    const rounds = Math.min(300, Math.floor(target / 100));
    const start = await node.provider.getBlockNumber();
    const gap = Math.max(0, Math.floor((target - start) / rounds) - 6);
    await load.run({ rounds, sends: 4, gap, proposals: Math.min(6, Math.floor(rounds / 10)) }, (l) =>
      console.log(`  ${l}`),
    );
    const head = await node.provider.getBlockNumber();
    if (head < target) await node.provider.send("anvil_mine", [`0x${(target - head).toString(16)}`, "0xa"]);
    const blocks = await node.provider.getBlockNumber();
    const c = load.counts;
    // Each send: a fee and a bundle; each round: a claim, a burn and a distribution; each proposal: 3 votes and 4
    // governance events and a setting.
    const events = c.sends * 2 + c.claims + c.distributions * 2 + c.proposals * 5 + c.votes;
    console.log(`${blocks} blocks, ${events} events: indexing`);

    const t0 = Date.now();
    const indexer = await startIndexer({
      deployment: deploymentPath,
      rpcUrl: node.url,
      pgliteDir: path.join(dir, `pglite-${target}`),
      pollingMs: 250,
    });
    try {
      // Start-up (build, database) is told apart from catch-up: the server answers /health once it is up.
      while (
        !(await fetch(`${indexer.url}/health`).then(
          (r) => r.ok,
          () => false,
        ))
      ) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const t1 = Date.now();
      await indexer.ready(3_600_000);
      while (((await indexer.indexedBlock()) ?? -1) < blocks) await new Promise((r) => setTimeout(r, 100));
      const startSeconds = (t1 - t0) / 1000;
      const catchUpSeconds = (Date.now() - t1) / 1000;

      const proxy = await startRpcProxy(node.url);
      const config = await dashboardConfig(hre, suite.deployment, proxy.url, `bench-${target}`);
      let indexerReads = 0;
      // Counts the page's reads of the indexer: the dashboard's relay goes through this one.
      const counting = await startCountingRelay(indexer.url, () => indexerReads++);
      config.indexerUrl = counting.url;
      const dashboard = await startDashboard(config);
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
      try {
        const page = await browser.newPage();
        page.setDefaultTimeout(600_000);
        const r0 = Date.now();
        await page.goto(dashboard.url);
        await page.waitForFunction(
          (b) => Number(document.body.dataset.indexed) >= b && document.body.dataset.state === "live",
          blocks,
        );
        const firstRenderSeconds = (Date.now() - r0) / 1000;
        // Settle: no new block for a moment, then one block with one interop fee.
        await new Promise((r) => setTimeout(r, 3_000));
        const callsBefore = [...proxy.calls.values()].reduce((a, b) => a + b, 0);
        const readsBefore = indexerReads;
        const b0 = Date.now();
        await load.round(2, 0);
        const newHead = await node.provider.getBlockNumber();
        await page.waitForFunction(
          (b) => Number(document.body.dataset.indexed) >= b && Number(document.body.dataset.block) >= b,
          newHead,
        );
        const perBlockSeconds = (Date.now() - b0) / 1000;
        // The round made 4 blocks (two fees, a claim, a distribution): the cost per block is a quarter of it.
        const blocksMade = newHead - blocks;
        const calls = [...proxy.calls.values()].reduce((a, b) => a + b, 0) - callsBefore;
        return {
          blocks,
          events,
          startSeconds,
          catchUpSeconds,
          blocksPerSecond: Math.round(blocks / catchUpSeconds),
          eventsPerSecond: Math.round(events / catchUpSeconds),
          firstRenderSeconds,
          perBlockSeconds: perBlockSeconds / blocksMade,
          perBlockRpcCalls: Math.round(calls / blocksMade),
          perBlockIndexerReads: Math.round((indexerReads - readsBefore) / blocksMade),
        };
      } finally {
        await browser.close();
        await dashboard.close();
        await counting.close();
        await proxy.stop();
      }
    } finally {
      await indexer.stop();
    }
  } finally {
    await node.stop();
  }
}

/** A loopback HTTP relay to `target` that counts the requests it relays. */
async function startCountingRelay(target: string, count: () => void) {
  const http = await import("http");
  const { freePort } = await import("../scripts/nodes");
  const server = http.createServer(async (req, res) => {
    count();
    try {
      const answer = await fetch(`${target}${req.url}`);
      res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
      res.end(await answer.text());
    } catch (error) {
      res.writeHead(502).end(String(error));
    }
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function main() {
  await hre.run("compile", { quiet: true });
  const { buildPage } = await import("../scripts/dashboard/config");
  await buildPage();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zknomics-bench-indexer-"));
  const targets = process.env.BENCH_QUICK ? [1_000] : [1_000, 10_000, 100_000];
  const results: Result[] = [];
  try {
    for (const target of targets) {
      console.log(`== ${target.toLocaleString("en-US")} blocks`);
      results.push(await measure(target, dir));
      console.log(results[results.length - 1]);
      // Written after each length: a run stopped part-way still leaves what it measured.
      report(results, targets);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function report(results: Result[], targets: number[]) {
  const machine = machineFacts();
  fs.writeFileSync(path.join(BENCH_DIR, "indexer.json"), JSON.stringify({ machine, results }, null, 2) + "\n");
  const missing = targets.slice(results.length);
  const lines = [
    "# The read side: indexer and dashboard",
    "",
    "Measured by `npm run bench:indexer` (tools/bench-indexer.ts); a benchmark, not a test. " +
      `Machine: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}, load average ` +
      `${machine.loadAverage.join(" / ")} at the end, ${machine.date}. Database: PGlite.`,
    "",
    "Each chain: a fresh anvil with the suite, at most 300 rounds of traffic (4 interop fees, a claim, a distribution " +
      "that burns; 6 executed proposals with 3 votes each once there are 60 rounds), the rest empty blocks 10 s apart.",
    "",
    "| blocks | events | indexer start-up | catch-up | blocks/s | events/s | first render | per new block | RPC calls per block | indexer reads per block |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...results.map(
      (r) =>
        `| ${r.blocks.toLocaleString("en-US")} | ${r.events.toLocaleString("en-US")} | ${r.startSeconds.toFixed(1)} s | ${r.catchUpSeconds.toFixed(1)} s | ` +
        `${r.blocksPerSecond.toLocaleString("en-US")} | ${r.eventsPerSecond.toLocaleString("en-US")} | ${r.firstRenderSeconds.toFixed(2)} s | ` +
        `${r.perBlockSeconds.toFixed(2)} s | ${r.perBlockRpcCalls} | ${r.perBlockIndexerReads} |`,
    ),
    ...(missing.length
      ? ["", `Not measured in this run: ${missing.map((m) => m.toLocaleString("en-US")).join(", ")} blocks.`]
      : []),
    "",
    "Start-up: from launching the indexer until its server answers (build, database). Catch-up: from then until it " +
      "has indexed the head; blocks/s and events/s are over the catch-up. First render: from loading the page until it " +
      "shows the chain's head as indexed. Per new block: one round of traffic (4 blocks: two fees, a claim, a " +
      "distribution) until the page shows the last of them, divided by 4; the RPC calls are the page's through its " +
      "relay (live state only), the indexer reads its `/status` and `/summary`.",
    "",
  ];
  fs.writeFileSync(path.join(BENCH_DIR, "INDEXER.md"), lines.join("\n"));
  console.log(lines.join("\n"));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
