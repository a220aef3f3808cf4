import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import hre, { ethers } from "hardhat";
import { TASK_NODE_CREATE_SERVER } from "hardhat/builtin-tasks/task-names";
import { chromium, type Browser, type Page } from "playwright-core";
import { deploySuite, type Suite } from "../deploy/suite";
import { dashboardConfig } from "../scripts/dashboard/config";
import { startDashboard } from "../scripts/dashboard/server";
import { startIndexer, type Indexer } from "../scripts/indexer";
import { freePort } from "../scripts/nodes";
import { attr, erc7930 } from "../scripts/interop";
import { buildZip, loadZip } from "../scripts/zip/zip";
import { simulate } from "../scripts/zip/lifecycle";

const REPORTS = path.join(__dirname, "..", "reports");
const ZK = (n: number | string) => ethers.parseEther(String(n));
const USDC = (n: number) => BigInt(n) * 10n ** 6n;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Debian's chromium, headless, with nothing that reaches outside this machine. */
async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Waits until the element's text holds every one of `texts` (the page redraws on each block). */
async function waitText(page: Page, selector: string, texts: string[]) {
  try {
    await page.waitForFunction(
      ([sel, wanted]) => {
        const text = document.querySelector(sel as string)?.textContent ?? "";
        return (wanted as string[]).every((t) => text.includes(t));
      },
      [selector, texts] as const,
    );
  } catch (error) {
    // Say what the page showed instead.
    const shown = await page
      .locator(selector)
      .textContent()
      .catch(() => "(nothing)");
    throw new Error(`${selector} never showed ${JSON.stringify(texts)}; it shows ${JSON.stringify(shown)}`, {
      cause: error,
    });
  }
}

async function shot(page: Page, name: string) {
  fs.mkdirSync(REPORTS, { recursive: true });
  await page.screenshot({ path: path.join(REPORTS, `dashboard-${name}.png`), fullPage: true });
}

describe("Fee-flow dashboard in a real browser (Debian chromium through playwright-core)", function () {
  this.timeout(180_000);
  let browser: Browser;
  let node: { close: () => Promise<void> };
  let nodeUrl: string;
  let suite: Suite;
  let dashboard: { url: string; close: () => Promise<void> };
  let page: Page;
  const closers: (() => Promise<void>)[] = [];
  let indexer: Indexer | undefined;
  let indexerDir: string | undefined;

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}: apt-get install -y chromium`);
    // The Hardhat network served over JSON-RPC on loopback, as `hardhat node` serves it.
    const port = await freePort();
    const server = await hre.run(TASK_NODE_CREATE_SERVER, {
      hostname: "127.0.0.1",
      port,
      provider: hre.network.provider,
    });
    await server.listen();
    node = server;
    nodeUrl = `http://127.0.0.1:${port}`;
    suite = await deploySuite(hre);
    // Blocks tip someone else while the scene is set (the deploy made the collector the coinbase).
    await ethers.provider.send("hardhat_setCoinbase", [ethers.Wallet.createRandom().address]);
    const signers = await ethers.getSigners();
    const [deployer, , , searcher, user] = signers;
    // Revenue waiting for a claim, interop fees in both modes, a ZIP routing 20% to staking, a stake.
    await suite.mocks.USDC.mint(await suite.collector.getAddress(), USDC(5_000));
    await deployer.sendTransaction({ to: await suite.collector.getAddress(), value: ethers.parseEther("0.5") });
    await suite.token.transfer(user.address, ZK(10_000));
    await suite.token.connect(user).approve(await suite.center.getAddress(), ethers.MaxUint256);
    const to = erc7930(5_002n, ethers.Wallet.createRandom().address);
    const fee = await suite.collector.baseFeePerCall();
    // V31's path: the blocks of the two sends name the collector as coinbase (no tip, so the pool is exact), the
    // center keeps their fees for it, and a sweep takes them in.
    const collectorAddress = await suite.collector.getAddress();
    const elsewhere = ethers.Wallet.createRandom().address;
    await ethers.provider.send("hardhat_setCoinbase", [collectorAddress]);
    await suite.center.connect(user).sendMessage(to, "0x", [], { value: fee, maxPriorityFeePerGas: 0n });
    await suite.center.connect(user).sendMessage(to, "0x", [attr.useFixedFee(true)], { maxPriorityFeePerGas: 0n });
    await ethers.provider.send("hardhat_setCoinbase", [elsewhere]);
    await suite.collector.connect(user).sweep(await suite.center.getAddress());
    const built = await buildZip(hre, loadZip("proposals/staking-80-20.json"), suite.deployment);
    await simulate(hre, built, suite.deployment, () => undefined);
    await suite.token.approve(await suite.staking.getAddress(), ethers.MaxUint256);
    await suite.staking.stake(ZK(1_000_000), signers[8].address);
    await suite.token.transfer(searcher.address, ZK(100_000));
    // The history panels read the indexer, started here on this chain as npm run dashboard starts it.
    indexerDir = fs.mkdtempSync(path.join(os.tmpdir(), "zknomics-dashboard-"));
    const deploymentPath = path.join(indexerDir, "browser.json");
    fs.writeFileSync(deploymentPath, JSON.stringify(suite.deployment));
    indexer = await startIndexer({
      deployment: deploymentPath,
      rpcUrl: nodeUrl,
      pgliteDir: path.join(indexerDir, "pglite"),
      databaseUrl: process.env.DATABASE_URL,
      schema: `zknomics_browser_${process.pid}`,
      pollingMs: 250,
    });
    await indexer.ready();
    const config = await dashboardConfig(hre, suite.deployment, nodeUrl, "hardhat");
    config.indexerUrl = indexer.url;
    dashboard = await startDashboard(config);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    // A loaded machine renders slowly: waits fail only when a thing never happens, not when it is late.
    page.setDefaultTimeout(120_000);
    await page.goto(dashboard.url);
    await page.waitForSelector("body[data-state=live]");
    // The history panels show what the indexer has read up to the chain's head.
    const head = await ethers.provider.getBlockNumber();
    await page.waitForFunction((b) => Number(document.body.dataset.indexed) >= b, head);
  });

  after(async () => {
    for (const close of closers) await close();
    await browser?.close();
    await dashboard?.close();
    await indexer?.stop();
    await node?.close();
    if (indexerDir) fs.rmSync(indexerDir, { recursive: true, force: true });
  });

  const fact = (name: string) => page.locator(`#auction dd[data-fact="${name}"]`).textContent();
  const newBlock = async () => {
    const block = await ethers.provider.getBlockNumber();
    await page.waitForFunction((b) => Number(document.body.dataset.block) >= b, block);
  };

  it("shows the chain's real values in every panel", async function () {
    expect(await fact("price")).to.equal("1,000 ZK");
    expect(await fact("nonce")).to.equal(String(await suite.auction.nonce()));
    expect(await fact("state")).to.equal("open");
    expect(await fact("bounds")).to.equal("100 ZK … 10,000,000 ZK");
    // 0.5 sent to the collector plus the 0.0001 native fee of the first message.
    await waitText(page, "#pool tbody", ["USDC", "5,000 USDC", "0.5001 native"]);
    const fees = (await page.locator("#fees tbody").textContent())!;
    expect(fees).to.match(/31337 → 5002.*2.*2.*10 ZK.*0\.0001 native/);
    const allocations = (await page.locator("#allocations tbody").textContent())!;
    expect(allocations).to.contain("ZkStakingRewards20% (notified)");
    expect(allocations).to.contain("burn80% and all dust");
    const staking = (await page.locator("#staking").textContent())!;
    expect(staking).to.contain("earning stake1,000,000 ZK");
    // Nothing notified yet: no stream.
    expect(staking).to.contain("yearly rate0.00% (ceiling 10%)");
    expect(staking).to.contain("counted proposals1 of the last 5");
    expect(await page.locator("#representatives tbody").textContent()).to.contain("yes");
    const zips = (await page.locator("#zips tbody").textContent())!;
    expect(zips).to.contain("Route 20% of the fee flow to staking rewards");
    expect(zips).to.contain("Executed");
    expect(zips).to.contain(
      "FeeDistributor.setAllocations([[ZkStakingRewards, 2000, true]]) — allocations: [] → [[ZkStakingRewards, 2000, true]]",
    );
    expect(Number(await page.evaluate(() => document.body.dataset.burns))).to.equal(0);
    await shot(page, "main");
  });

  it("updates the chart after a burn", async function () {
    const points = Number(await page.evaluate(() => document.body.dataset.chartPoints));
    await suite.token.transfer(await suite.distributor.getAddress(), ZK(500));
    await suite.distributor.distribute();
    await newBlock();
    await page.waitForFunction(() => document.body.dataset.burns === "1");
    expect(Number(await page.evaluate(() => document.body.dataset.chartPoints))).to.equal(points + 1);
    expect(await page.evaluate(() => document.body.dataset.burned)).to.equal(
      String(await suite.distributor.totalBurned()),
    );
    const burned = Number(ethers.formatEther(await suite.distributor.totalBurned())).toLocaleString("en-US");
    expect(await page.locator("#supply-summary").textContent()).to.contain(
      `burned since the deployment ${burned} ZK in 1 burn(s)`,
    );
    // The distribution notified staking its 20% of 510 ZK (the 500 sent and the first message's 10 ZK fee), 102 ZK,
    // streamed over the 7-day period to 1,000,000 ZK earning: 102 × 365 / 7 ZK a year = 0.53%. Stake never speeds
    // the stream up.
    await waitText(page, "#staking", ["yearly rate0.53% (ceiling 10%)"]);
    await shot(page, "after-burn");
  });

  it("values the pool at typed prices and claims it from the page in local mode, bound to the shown nonce", async function () {
    const [, , , searcher] = await ethers.getSigners();
    await page.fill("#zk-usd", "0.05");
    await page.fill("#native-usd", "3000");
    await page.fill('#pool input[data-symbol="USDC"]', "1");
    await waitText(page, "#verdict", ["Profit $"]);
    await page.selectOption("#mode", "local:3");
    const nonce = await suite.auction.nonce();
    const before = await suite.mocks.USDC.balanceOf(searcher.address);
    await page.click("#claim");
    await page.waitForFunction(() => /Claimed|failed/.test(document.getElementById("claim-status")!.textContent ?? ""));
    expect(await page.locator("#claim-status").textContent()).to.match(
      /^Claimed 0.5001 native, 5,000 USDC for 1,000 ZK/,
    );
    expect(await suite.mocks.USDC.balanceOf(searcher.address)).to.equal(before + USDC(5_000));
    expect(await suite.auction.nonce()).to.equal(nonce + 1n);
    await newBlock();
    await page.waitForFunction(
      (n) => document.querySelector('#auction dd[data-fact="nonce"]')?.textContent === n,
      String(nonce + 1n),
    );
    await shot(page, "claimed");
  });

  it("says the pool is empty and offers no claim", async function () {
    await waitText(page, "#verdict", ["Nothing to claim: the pool is empty."]);
    expect(await page.locator("#claim").isDisabled()).to.equal(true);
  });

  it("shows the decoded error when a claim reverts", async function () {
    await suite.mocks.USDC.mint(await suite.collector.getAddress(), USDC(10));
    await newBlock();
    await page.waitForFunction(() => !(document.getElementById("claim") as HTMLButtonElement).disabled);
    // Account #1 holds no ZK: the claim's payment reverts in the token, and the page names the error.
    await page.selectOption("#mode", "local:1");
    await page.click("#claim");
    await page.waitForFunction(() => /failed/.test(document.getElementById("claim-status")!.textContent ?? ""));
    expect(await page.locator("#claim-status").textContent()).to.match(/^Claim failed: ERC20InsufficientBalance\(0x/);
  });

  it("refuses a wallet on the wrong chain, saying which chain to switch to", async function () {
    const walletPage = await browser.newPage();
    walletPage.setDefaultTimeout(120_000);
    closers.push(() => walletPage.close());
    await walletPage.addInitScript(() => {
      (window as unknown as { ethereum: unknown }).ethereum = {
        request: async ({ method }: { method: string }) => {
          if (method === "eth_chainId") return "0x1";
          if (method === "eth_requestAccounts" || method === "eth_accounts")
            return ["0x000000000000000000000000000000000000bEEF"];
          throw new Error(`unsupported ${method}`);
        },
      };
    });
    await walletPage.goto(dashboard.url);
    await walletPage.waitForSelector("body[data-state=live]");
    await walletPage.waitForFunction(() => !(document.getElementById("claim") as HTMLButtonElement).disabled);
    await walletPage.selectOption("#mode", "wallet");
    await walletPage.click("#claim");
    await walletPage.waitForFunction(() => /failed/.test(document.getElementById("claim-status")!.textContent ?? ""));
    expect(await walletPage.locator("#claim-status").textContent()).to.contain(
      "Your wallet is on chain 1; switch it to chain 31337",
    );
    await shot(walletPage, "wrong-wallet-chain");
  });

  it("shows a paused auction and turns claims off", async function () {
    const [, guardian] = await ethers.getSigners();
    await suite.auction.connect(guardian).pause();
    await newBlock();
    await page.waitForFunction(
      () => document.querySelector('#auction dd[data-fact="state"]')?.textContent === "paused",
    );
    expect(await page.locator("#banner").textContent()).to.contain("The auction is paused by its guardian");
    expect(await page.locator("#claim").isDisabled()).to.equal(true);
    await shot(page, "paused");
  });

  it("says so when the node cannot be reached, and when the deployment is for another chain", async function () {
    const closed = await freePort();
    const config = await dashboardConfig(hre, suite.deployment, `http://127.0.0.1:${closed}`, "unreachable");
    const down = await startDashboard(config, { rpcTimeoutMs: 2_000 });
    closers.push(down.close);
    const other = await startDashboard({
      ...(await dashboardConfig(hre, suite.deployment, nodeUrl, "elsewhere")),
      deployment: { ...suite.deployment, chainId: 999 },
    });
    closers.push(other.close);
    const p = await browser.newPage();
    p.setDefaultTimeout(120_000);
    closers.push(() => p.close());
    await p.goto(down.url);
    await p.waitForSelector("body[data-state=unreachable]");
    expect(await p.locator("#banner").textContent()).to.match(/^Cannot reach the node at http:\/\/127\.0\.0\.1:\d+/);
    await shot(p, "unreachable");
    await p.goto(other.url);
    await p.waitForSelector("body[data-state=wrong-chain]");
    expect(await p.locator("#banner").textContent()).to.contain(
      "is chain 31337, but deployments/elsewhere.json is for chain 999",
    );
    await shot(p, "wrong-chain");
  });
});
