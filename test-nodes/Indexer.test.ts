import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import hre, { ethers } from "hardhat";
import { chromium, type Browser } from "playwright-core";
import { deploySuite, type Suite } from "../deploy/suite";
import { startAnvil, type LocalNode } from "../scripts/nodes";
import { startIndexer, type Indexer } from "../scripts/indexer";
import { buildPage, dashboardConfig } from "../scripts/dashboard/config";
import { startDashboard } from "../scripts/dashboard/server";
import { readLogs } from "../lib/logs";
import { claimableAssets } from "../scripts/feeflow/ops";
import { decodeBundle } from "../scripts/interop";
import { ChainLoad } from "../tools/chain-load";
import { execFileSync } from "child_process";
import { startRpcProxy, type RpcProxy } from "../tools/rpc-proxy";

const CHROMIUM = "/usr/bin/chromium";
/** PostgreSQL when the environment names one (CI runs this suite on both), PGlite otherwise. */
const DATABASE_URL = process.env.DATABASE_URL;

/**
 * A chain of more than 20,000 blocks with thousands of fee, claim, burn and vote events, read by the indexer through
 * a proxy that refuses eth_getLogs spans over 10,000 blocks like public RPC providers do. The indexer's totals must
 * equal the chain's; it must resume from its database after a SIGKILL instead of reading the history again; the
 * dashboard must render from it.
 */
describe(`The indexer at scale (${DATABASE_URL ? "PostgreSQL" : "PGlite"})`, function () {
  this.timeout(1_800_000);
  let node: LocalNode;
  let suite: Suite;
  let load: ChainLoad;
  let proxy: RpcProxy;
  let indexer: Indexer | undefined;
  let dir: string;
  let deploymentPath: string;
  const lines: string[] = [];
  const schema = `zknomics_test_${process.pid}`;

  const start = () =>
    startIndexer({
      deployment: deploymentPath,
      rpcUrl: proxy.url,
      databaseUrl: DATABASE_URL,
      schema,
      pgliteDir: path.join(dir, "pglite"),
      pollingMs: 250,
      log: (line) => lines.push(line),
    });

  /** Waits until the indexer has indexed the chain's head (a liveness bound, not a speed check). */
  const caughtUp = async (ix: Indexer) => {
    await ix.ready(600_000);
    const head = await node.provider.getBlockNumber();
    const until = Date.now() + 300_000;
    while (((await ix.indexedBlock()) ?? -1) < head) {
      if (Date.now() > until) throw new Error(`indexer stuck below block ${head}:\n${lines.slice(-20).join("\n")}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    return head;
  };

  const summary = async (ix: Indexer) => (await (await fetch(`${ix.url}/summary`)).json()) as Record<string, any>;

  /** The chain's own numbers, read straight from the contracts and (in bounded spans) from their logs. */
  const chainTruth = async () => {
    const head = await node.provider.getBlockNumber();
    const center = suite.center.connect(node.provider);
    const topic = (name: string) => center.interface.getEvent(name as "BundleSent")!.topicHash;
    const logs = await readLogs(
      node.provider,
      {
        address: await center.getAddress(),
        topics: [[topic("FixedZKFeesAccumulated"), topic("ProtocolFeesAccumulated"), topic("BundleSent")]],
      },
      0,
      head,
    );
    let feesZk = 0n;
    let feesNative = 0n;
    let calls = 0n;
    let bundles = 0;
    for (const log of logs) {
      const e = center.interface.parseLog(log)!;
      if (e.name === "FixedZKFeesAccumulated") feesZk += e.args.amount as bigint;
      else if (e.name === "ProtocolFeesAccumulated") feesNative += e.args.amount as bigint;
      else {
        bundles++;
        calls += BigInt(decodeBundle(e.args.bundle as string).calls.length);
      }
    }
    return {
      supply: await suite.token.connect(node.provider).totalSupply(),
      burned: await suite.distributor.connect(node.provider).totalBurned(),
      claims: load.counts.claims,
      feesZk,
      feesNative,
      calls,
      bundles,
    };
  };

  const expectTotalsMatch = async (ix: Indexer) => {
    const truth = await chainTruth();
    const { totals } = await summary(ix);
    expect(BigInt(totals.supply)).to.equal(truth.supply);
    expect(BigInt(totals.burned)).to.equal(truth.burned);
    expect(BigInt(totals.distributedBurned)).to.equal(truth.burned);
    expect(totals.claims).to.equal(truth.claims);
    expect(BigInt(totals.feesZk)).to.equal(truth.feesZk);
    expect(BigInt(totals.feesNative)).to.equal(truth.feesNative);
    expect(BigInt(totals.calls)).to.equal(truth.calls);
    expect(totals.bundles).to.equal(truth.bundles);
    return truth;
  };

  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "zknomics-indexer-"));
    // No state history on disk: a long chain would otherwise leave gigabytes in ~/.foundry/anvil/tmp.
    node = await startAnvil("indexed", 31_337, 20_000, ["--prune-history"]);
    const deployer = await node.provider.getSigner(0);
    deploymentPath = path.join(dir, "indexed.json");
    suite = await deploySuite(hre, { signer: deployer, network: "anvil", file: deploymentPath });
    load = new ChainLoad(node.provider, suite);
    // 300 rounds of 4 fees (half ZK, half native), a claim and a distribution, 70 empty blocks apart, and 6
    // executed proposals with 3 votes each: 1,200 fees and bundles, 300 claims, 300 burns, 18 votes.
    await load.run({ rounds: 300, sends: 4, gap: 70, proposals: 6 });
    expect(await node.provider.getBlockNumber()).to.be.greaterThan(20_000);
    proxy = await startRpcProxy(node.url, { maxLogSpan: 10_000 });
  });

  after(async function () {
    await indexer?.stop();
    await proxy?.stop();
    await node?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("indexes more than 20,000 blocks behind a proxy that refuses spans over 10,000, and its totals equal the chain's", async function () {
    indexer = await start();
    const head = await caughtUp(indexer);
    expect(head).to.be.greaterThan(20_000);
    const truth = await expectTotalsMatch(indexer);
    expect(truth.claims).to.equal(300);
    expect(truth.bundles).to.equal(load.counts.sends);
    expect(truth.bundles).to.be.greaterThan(1_100);
    expect(Math.max(...proxy.logSpans)).to.be.at.most(10_000);
    expect(proxy.refused).to.equal(0);
    const s = await summary(indexer);
    // Bounded answers: the curve is thinned, the lists are the latest.
    expect(s.supply.length).to.be.at.most(241);
    expect(s.claims).to.have.length(25);
    expect(s.proposals).to.have.length(6);
    const executed = s.proposals.find((p: { title: string }) => p.title.startsWith("Set the interop ZK fee to 16 ZK"));
    expect(executed.changes[0]).to.deep.include({
      contract: "InteropFeeCollector",
      getter: "zkFeePerCall",
      before: JSON.stringify(String(ethers.parseEther("15"))),
      after: JSON.stringify(String(ethers.parseEther("16"))),
    });
    // Burn per day adds up to the total.
    const daily = s.daily.reduce((sum: bigint, d: { burned: string }) => sum + BigInt(d.burned), 0n);
    expect(daily).to.equal(truth.burned);
  });

  it("answers the README's example queries: GraphQL and SQL over HTTP", async function () {
    const graphql = await fetch(`${indexer!.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: '{ dailyBurns(orderBy: "day", orderDirection: "asc") { items { day burned burns calls } } }',
      }),
    });
    const days = (await graphql.json()).data.dailyBurns.items as { burned: string }[];
    expect(days.reduce((sum, d) => sum + BigInt(d.burned), 0n)).to.equal(
      await suite.distributor.connect(node.provider).totalBurned(),
    );
    const sql = (query: string) =>
      fetch(`${indexer!.url}/sql/db?sql=${encodeURIComponent(JSON.stringify({ json: { sql: query, params: [] } }))}`);
    const claims = await sql("SELECT count(*) AS claims, sum(price) AS paid FROM claim");
    expect(claims.status, await claims.clone().text()).to.equal(200);
    const rows = (await claims.json()).rows as { claims: number | string; paid: string }[];
    expect(String(rows[0].claims)).to.equal("300");
    expect(BigInt(rows[0].paid)).to.equal(300n * (await suite.auction.connect(node.provider).price()));
    const perChain = await sql(
      "SELECT day, chain_id, destination, sum(zk) AS zk, sum(native) AS native FROM daily_fees GROUP BY 1, 2, 3 ORDER BY 1",
    );
    expect(perChain.status, await perChain.clone().text()).to.equal(200);
    const refused = await sql("DELETE FROM claim");
    expect(refused.status).to.equal(500);
  });

  it("runs the README's three example queries as written", function () {
    const readme = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");
    const block = readme.slice(readme.indexOf("a delegate or analyst would run:"));
    const commands = block
      .slice(block.indexOf("```sh") + 5, block.indexOf("```", block.indexOf("```sh") + 5))
      .split("\n")
      .filter((line) => line.trim() && !line.startsWith("#"))
      .join("\n")
      .replace(/\\\n\s*/g, " ")
      .split("\n");
    expect(commands).to.have.length(3);
    for (const command of commands) {
      const out = execFileSync("sh", ["-c", command], {
        env: { ...process.env, INDEXER: indexer!.url },
        encoding: "utf8",
      });
      const answer = JSON.parse(out);
      expect(answer.errors, out).to.equal(undefined);
      expect(answer.data ?? answer.rows, out).to.not.equal(undefined);
    }
  });

  it("feeflow:status and the keeper read the claimable assets in spans of at most 10,000 blocks, or from the indexer", async function () {
    const through = new ethers.JsonRpcProvider(proxy.url, 31_337, { staticNetwork: true });
    const refused = proxy.refused;
    const spans = proxy.logSpans.length;
    const expected = await claimableAssets(suite.deployment, node.provider);
    expect(expected).to.have.length(3);
    expect(await claimableAssets(suite.deployment, through)).to.deep.equal(expected);
    expect(proxy.refused).to.equal(refused);
    expect(Math.max(...proxy.logSpans.slice(spans))).to.be.at.most(10_000);
    // A reader asked for wider spans halves them when the provider refuses, and still reads everything.
    const topic = suite.center.interface.getEvent("BundleSent")!.topicHash;
    const head = await through.getBlockNumber();
    const address = await suite.center.getAddress();
    const wide = await readLogs(through, { address, topics: [topic] }, 0, head, { maxSpan: 50_000 });
    expect(proxy.refused).to.be.greaterThan(refused);
    expect(wide.length).to.equal((await readLogs(node.provider, { address, topics: [topic] }, 0, head)).length);
    // With the indexer named, no log is read at all.
    const before = proxy.logSpans.length;
    process.env.INDEXER_URL = indexer!.url;
    try {
      expect(await claimableAssets(suite.deployment, through)).to.deep.equal(expected);
    } finally {
      delete process.env.INDEXER_URL;
    }
    expect(proxy.logSpans.length).to.equal(before);
    through.destroy();
  });

  it("resumes from its database after a SIGKILL instead of reading the history again", async function () {
    indexer!.child.kill("SIGKILL");
    await new Promise((r) => indexer!.child.once("exit", r));
    const before = await node.provider.getBlockNumber();
    await load.run({ rounds: 5, sends: 4, gap: 10 });
    const spansBefore = proxy.logSpans.length;
    indexer = await start();
    await caughtUp(indexer);
    await expectTotalsMatch(indexer);
    // What it read after the restart covers only what it had not indexed: far less than the history.
    const reread = proxy.logSpans.slice(spansBefore).reduce((sum, span) => sum + span, 0);
    const contracts = 8;
    expect(reread).to.be.lessThan(((await node.provider.getBlockNumber()) - before + 1_000) * contracts);
    expect(reread).to.be.lessThan(before);
  });

  it("follows new blocks live, and the dashboard renders from it with no error", async function () {
    await load.round(2, 0);
    await caughtUp(indexer!);
    await expectTotalsMatch(indexer!);
    if (!fs.existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}: apt-get install -y chromium`);
    // Built here when missing (a fresh clone), as npm run dashboard builds it.
    await buildPage();
    const config = await dashboardConfig(hre, suite.deployment, node.url, "indexed");
    config.indexerUrl = indexer!.url;
    const dashboard = await startDashboard(config);
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
      const page = await browser.newPage();
      page.setDefaultTimeout(120_000);
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(dashboard.url);
      await page.waitForSelector("body[data-state=live]");
      await page.waitForFunction(() => Number(document.body.dataset.burns) > 0);
      expect(await page.locator("#banner").isHidden()).to.equal(true);
      expect(await page.evaluate(() => document.body.dataset.burned)).to.equal(
        String(await suite.distributor.connect(node.provider).totalBurned()),
      );
      expect(await page.locator("#burn-summary").textContent()).to.contain("per call");
      expect(Number(await page.evaluate(() => document.body.dataset.chartPoints))).to.be.at.most(241);
      expect(errors).to.deep.equal([]);
    } finally {
      await browser?.close();
      await dashboard.close();
    }
  });
});
