// The fee-flow dashboard: reads one deployment's contracts through the dashboard server's /rpc relay, redraws
// on every new block, and lets a searcher claim with an injected wallet or, in local mode, a node account.
import { Chart, registerables } from "chart.js";
import { Contract, Interface, JsonRpcProvider, Network } from "ethers";
import { el, app, banner, contract, readIndexer, revertText } from "./context";
import { auctionPanel } from "./panels/auction";
import { poolPanel, verdict } from "./panels/pool";
import { supplyPanel } from "./panels/supply";
import { feesPanel } from "./panels/fees";
import { burnPanel } from "./panels/burn";
import { distributorPanel } from "./panels/distributor";
import { stakingPanel } from "./panels/staking";
import { zipsPanel } from "./panels/zips";
import { accounts, claim } from "./claim";

Chart.register(...registerables);

/** Redraws every panel: history from the indexer's summary (already read), live state from the chain. */
async function refresh(indexerProblem: string | undefined) {
  const [auction, collector, distributor] = ["FeeFlowAuction", "InteropFeeCollector", "FeeDistributor"].map(contract);
  if (!auction || !collector || !distributor) {
    banner(`deployments/${app.cfg.network}.json lacks the fee-flow contracts`);
    return;
  }
  const token = new Contract(await collector.ZK(), app.cfg.extraAbis.ERC20, app.provider);
  app.gasPrice = (await app.provider.getFeeData()).gasPrice ?? 0n;
  const paused = await auctionPanel(auction);
  await poolPanel(auction, collector);
  banner(
    paused
      ? "The auction is paused by its guardian: claims are off until governance unpauses it."
      : indexerProblem
        ? `History waits: ${indexerProblem} (npm run dashboard starts it). Live state below is read from the chain.`
        : undefined,
    "warn",
  );
  burnPanel();
  feesPanel();
  await Promise.all([
    supplyPanel(token),
    distributorPanel(distributor, token),
    stakingPanel(contract("ZkStakingRewards")),
    zipsPanel(contract("ZkTokenGovernor")),
  ]);
  await accounts();
}

let lastBlock = -1;
let lastIndexed: number | undefined = -1;

async function tick() {
  try {
    const chainId = BigInt(await app.provider.send("eth_chainId", []));
    if (chainId !== BigInt(app.cfg.deployment.chainId)) {
      banner(
        `The node at ${app.cfg.rpcUrl} is chain ${chainId}, but deployments/${app.cfg.network}.json is for chain ${app.cfg.deployment.chainId}: ` +
          "start the dashboard with the deployment of this node's chain.",
      );
      document.body.dataset.state = "wrong-chain";
      return;
    }
    const block = await app.provider.getBlockNumber();
    const indexerProblem = await readIndexer();
    el("chain").textContent =
      `${app.cfg.network} · chain ${chainId} · block ${block}` +
      (indexerProblem ? " · indexer: not answering" : ` · indexed to ${app.indexedBlock}`);
    // A new block, or the indexer caught up with one: both change what the page shows.
    if (block !== lastBlock || app.indexedBlock !== lastIndexed) {
      await refresh(indexerProblem);
      lastBlock = block;
      lastIndexed = app.indexedBlock;
      document.body.dataset.indexed = String(app.indexedBlock ?? "");
      document.body.dataset.block = String(block);
      document.body.dataset.state = "live";
    }
  } catch (error) {
    banner(`Cannot reach the node at ${app.cfg.rpcUrl}: ${revertText(error)}. Retrying every 2 s.`);
    document.body.dataset.state = "unreachable";
    lastBlock = -1;
  }
}

async function main() {
  try {
    app.cfg = await (await fetch("./api/config")).json();
  } catch {
    banner("The dashboard server does not answer: is npm run dashboard still running?");
    return;
  }
  app.errors = new Interface(app.cfg.errors);
  app.provider = new JsonRpcProvider(new URL("./rpc", location.href).href, Network.from(app.cfg.deployment.chainId), {
    staticNetwork: Network.from(app.cfg.deployment.chainId),
    batchMaxCount: 1,
  });
  el("claim").addEventListener("click", () => void claim());
  el("zk-usd").addEventListener("input", verdict);
  el("native-usd").addEventListener("input", verdict);
  for (;;) {
    await tick();
    await new Promise((r) => setTimeout(r, document.body.dataset.state === "unreachable" ? 2_000 : 1_000));
  }
}

void main();
