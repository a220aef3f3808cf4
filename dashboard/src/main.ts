// The fee-flow dashboard: reads one deployment's contracts through the dashboard server's /rpc relay, redraws
// on every new block, and lets a searcher claim with an injected wallet or, in local mode, a node account.
import { Chart, registerables } from "chart.js";
import {
  BrowserProvider,
  Contract,
  Interface,
  JsonRpcProvider,
  Network,
  ZeroAddress,
  formatUnits,
  getAddress,
  zeroPadValue,
  type Eip1193Provider,
  type InterfaceAbi,
  type Log,
  type Signer,
} from "ethers";

import { describeRevertWith } from "../../scripts/zip/errors";

Chart.register(...registerables);

interface ContractRecord {
  address: string;
  artifact: string;
}
interface Config {
  network: string;
  rpcUrl: string;
  deployment: { network: string; chainId: number; startBlock: number; contracts: Record<string, ContractRecord> };
  abis: Record<string, InterfaceAbi>;
  extraAbis: Record<string, InterfaceAbi>;
  errors: InterfaceAbi;
}
interface Quote {
  price: bigint;
  nonce: bigint;
  paused: boolean;
  assets: string[];
  amounts: bigint[];
}
interface Label {
  symbol: string;
  decimals: number;
}

const NATIVE = ZeroAddress;
const YEAR = 365n * 24n * 3600n;
const STATES = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"];
const el = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
declare global {
  interface Window {
    ethereum?: Eip1193Provider;
  }
}

let cfg: Config;
let provider: JsonRpcProvider;
let errors: Interface;
let chart: Chart | undefined;
let shown: Quote | undefined;
let lastBlock = -1;
let busy = false;
let gasPrice = 0n;
const usdPrices = new Map<string, number>();
const labels = new Map<string, Label>();

function banner(text: string | undefined, kind: "error" | "warn" = "error") {
  const b = el("banner");
  b.hidden = !text;
  b.textContent = text ?? "";
  b.className = kind === "warn" ? "warn" : "";
}

function amountText(amount: bigint, label: Label, digits = 4): string {
  const n = Number(formatUnits(amount, label.decimals));
  return `${n.toLocaleString("en-US", { maximumFractionDigits: digits })} ${label.symbol}`;
}
const ZK: Label = { symbol: "ZK", decimals: 18 };
const zk = (amount: bigint) => amountText(amount, ZK);
const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;
const day = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

function contract(name: string): Contract | undefined {
  const record = cfg.deployment.contracts[name];
  return record ? new Contract(record.address, cfg.abis[name], provider) : undefined;
}
function nameOf(address: string): string {
  const hit = Object.entries(cfg.deployment.contracts).find(
    ([, r]) => r.address.toLowerCase() === address.toLowerCase(),
  );
  return hit ? hit[0] : short(address);
}

async function labelOf(asset: string): Promise<Label> {
  if (asset === NATIVE) return { symbol: "native", decimals: 18 };
  const cached = labels.get(asset);
  if (cached) return cached;
  const token = new Contract(asset, cfg.extraAbis.ERC20, provider);
  const label = {
    symbol: String(await token.symbol().catch(() => short(asset))),
    decimals: Number(await token.decimals().catch(() => 18)),
  };
  labels.set(asset, label);
  return label;
}

function rows(tableId: string, cells: (string | Node)[][], empty: string) {
  const body = el<HTMLTableElement>(tableId).tBodies[0];
  body.replaceChildren(
    ...(cells.length ? cells : [[empty]]).map((row) => {
      const tr = document.createElement("tr");
      for (const cell of row) {
        const td = document.createElement("td");
        if (cells.length === 0) td.colSpan = 5;
        td.append(cell);
        tr.append(td);
      }
      return tr;
    }),
  );
}

function facts(listId: string, entries: [string, string][]) {
  el(listId).replaceChildren(
    ...entries.flatMap(([k, v]) => {
      const dt = document.createElement("dt");
      dt.textContent = k;
      const dd = document.createElement("dd");
      dd.textContent = v;
      dd.dataset.fact = k;
      return [dt, dd];
    }),
  );
}

async function logsOf(address: string, iface: Interface, event: string, topics: (string | null)[] = []) {
  const fragment = iface.getEvent(event)!;
  const logs = await provider.getLogs({
    address,
    fromBlock: cfg.deployment.startBlock,
    toBlock: "latest",
    topics: [fragment.topicHash, ...topics],
  });
  return logs.map((log: Log) => ({ log, args: iface.parseLog(log)!.args }));
}

const timestamps = new Map<number, number>();
async function timeOf(block: number): Promise<number> {
  if (!timestamps.has(block)) timestamps.set(block, (await provider.getBlock(block))!.timestamp);
  return timestamps.get(block)!;
}

// ---- panels ----

async function auctionPanel(auction: Contract) {
  const [price, nonce, paused, floor, ceiling, guardian] = await Promise.all([
    auction.price(),
    auction.nonce(),
    auction.paused(),
    auction.PRICE_FLOOR(),
    auction.PRICE_CEILING(),
    auction.guardian(),
  ]);
  facts("auction", [
    ["price", zk(price)],
    ["nonce", String(nonce)],
    ["state", paused ? "paused" : "open"],
    ["bounds", `${zk(floor)} … ${zk(ceiling)}`],
    ["guardian", short(guardian)],
  ]);
  return Boolean(paused);
}

async function poolPanel(auction: Contract, collector: Contract) {
  const events = await logsOf(await collector.getAddress(), collector.interface, "ClaimableAssetUpdated");
  const candidates = [...new Set(events.map((e) => getAddress(e.args.asset as string)))];
  const assets: string[] = [];
  for (const a of candidates) if (await collector.isClaimable(a)) assets.push(a);
  assets.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  const [price, nonce, paused, amounts] = await auction.quote(assets);
  shown = { price, nonce, paused, assets, amounts: [...amounts] };
  const tbody = el<HTMLTableElement>("pool").tBodies[0];
  const existing = new Map(
    [...tbody.querySelectorAll<HTMLTableRowElement>("tr[data-asset]")].map((r) => [r.dataset.asset!, r]),
  );
  const fresh: HTMLTableRowElement[] = [];
  for (const [i, asset] of assets.entries()) {
    const label = await labelOf(asset);
    let row = existing.get(asset);
    if (!row && asset === NATIVE) {
      row = document.createElement("tr");
      row.dataset.asset = asset;
      const cells = [label.symbol, "", "native price above", ""].map((c) => {
        const td = document.createElement("td");
        td.append(c);
        return td;
      });
      cells[1].className = cells[3].className = "num";
      row.append(...cells);
    }
    if (!row) {
      row = document.createElement("tr");
      row.dataset.asset = asset;
      const input = document.createElement("input");
      input.type = "number";
      input.min = "0";
      input.step = "any";
      input.placeholder = "USD";
      input.dataset.symbol = label.symbol;
      input.addEventListener("input", () => {
        const v = Number(input.value);
        if (input.value === "" || Number.isNaN(v)) usdPrices.delete(asset);
        else usdPrices.set(asset, v);
        verdict();
      });
      const cells = [label.symbol, "", input, ""].map((c) => {
        const td = document.createElement("td");
        td.append(c);
        return td;
      });
      cells[1].className = cells[3].className = "num";
      row.append(...cells);
    }
    row.cells[1].textContent = amountText(amounts[i], label, 6);
    row.dataset.amount = String(amounts[i]);
    fresh.push(row);
  }
  tbody.replaceChildren(...fresh);
  verdict();
  return { paused: Boolean(paused) };
}

function verdict() {
  const out = el("verdict");
  const button = el<HTMLButtonElement>("claim");
  if (!shown) return;
  const held = shown.assets.map((a, i) => ({ a, amount: shown!.amounts[i] })).filter((x) => x.amount !== 0n);
  button.disabled = shown.paused || held.length === 0 || busy;
  const nativeInput = el<HTMLInputElement>("native-usd").value;
  if (nativeInput === "" || Number.isNaN(Number(nativeInput))) usdPrices.delete(NATIVE);
  else usdPrices.set(NATIVE, Number(nativeInput));
  // Each row's value at the typed price, whatever the verdict.
  let pool = 0;
  for (const row of el<HTMLTableElement>("pool").tBodies[0].rows) {
    const asset = row.dataset.asset!;
    const amount = BigInt(row.dataset.amount ?? "0");
    const usd = usdPrices.get(asset);
    const value = usd === undefined ? undefined : Number(formatUnits(amount, labels.get(asset)?.decimals ?? 18)) * usd;
    row.cells[3].textContent = value === undefined ? "—" : `$${value.toFixed(2)}`;
    pool += value ?? 0;
  }
  if (shown.paused) {
    out.textContent = "The auction is paused: no claim can land until governance unpauses it.";
    out.className = "shortfall";
    return;
  }
  if (held.length === 0) {
    out.textContent = "Nothing to claim: the pool is empty.";
    out.className = "muted";
    return;
  }
  const zkUsd = Number(el<HTMLInputElement>("zk-usd").value);
  const missing = held
    .filter((x) => x.a !== NATIVE && !usdPrices.has(x.a))
    .map((x) => labels.get(x.a)?.symbol ?? short(x.a));
  // The native token's price values its pool balance and the claim's gas.
  if (!usdPrices.has(NATIVE)) missing.push("native");
  if (!zkUsd || missing.length) {
    out.textContent = `Enter USD prices (${[...(!zkUsd ? ["ZK"] : []), ...missing].join(", ")}) to value the pool.`;
    out.className = "muted";
    return;
  }
  // The keeper's rule: pool value against price + gas + 5% margin (gas: 80,000 + 17,000 per asset, at the node's
  // gas price).
  const gas = BigInt(80_000 + 17_000 * held.length) * gasPrice;
  const gasUsd = Number(formatUnits(gas, 18)) * (usdPrices.get(NATIVE) ?? 0);
  const cost = (Number(formatUnits(shown.price, 18)) * zkUsd + gasUsd) * 1.05;
  const diff = pool - cost;
  const basis = `pool $${pool.toFixed(2)} against price + gas + 5% margin $${cost.toFixed(2)}`;
  out.textContent = diff > 0 ? `Profit $${diff.toFixed(2)}: ${basis}.` : `Shortfall $${(-diff).toFixed(2)}: ${basis}.`;
  out.className = diff > 0 ? "profit" : "shortfall";
}

async function supplyPanel(token: Contract) {
  const iface = token.interface;
  const zero = zeroPadValue(ZeroAddress, 32);
  const start = cfg.deployment.startBlock;
  const [mints, burns] = await Promise.all([
    logsOf(await token.getAddress(), iface, "Transfer", [zero]),
    logsOf(await token.getAddress(), iface, "Transfer", [null, zero]),
  ]);
  const moves = [
    ...mints.map((e) => ({ block: e.log.blockNumber, index: e.log.index, delta: e.args.value as bigint })),
    ...burns.map((e) => ({ block: e.log.blockNumber, index: e.log.index, delta: -(e.args.value as bigint) })),
  ].sort((a, b) => a.block - b.block || a.index - b.index);
  let supply: bigint = start > 0 ? await token.totalSupply({ blockTag: start - 1 }) : 0n;
  let burned = 0n;
  const points: { label: string; supply: number; burned: number }[] = [];
  const push = async (block: number) =>
    points.push({
      label: new Date((await timeOf(block)) * 1000).toISOString().slice(5, 19).replace("T", " "),
      supply: Number(formatUnits(supply, 18)),
      burned: Number(formatUnits(burned, 18)),
    });
  await push(start);
  for (const m of moves) {
    supply += m.delta;
    if (m.delta < 0n) burned -= m.delta;
    if (points.length && moves.indexOf(m) > 0 && moves[moves.indexOf(m) - 1].block === m.block) points.pop();
    await push(m.block);
  }
  // A token minted by this deployment starts from nothing: the chart starts at its first supply.
  while (points.length > 1 && points[0].supply === 0) points.shift();
  const data = {
    labels: points.map((p) => p.label),
    datasets: [
      { label: "ZK supply", data: points.map((p) => p.supply), yAxisID: "supply", borderColor: "#3949ab", tension: 0 },
      {
        label: "cumulative ZK burned",
        data: points.map((p) => p.burned),
        yAxisID: "burned",
        borderColor: "#e53935",
        tension: 0,
      },
    ],
  };
  if (!chart) {
    chart = new Chart(el<HTMLCanvasElement>("supply-chart"), {
      type: "line",
      data,
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { position: "bottom" } },
        scales: {
          supply: { type: "linear", position: "left", ticks: { callback: (v) => Number(v).toLocaleString("en-US") } },
          burned: { type: "linear", position: "right", grid: { drawOnChartArea: false }, beginAtZero: true },
        },
      },
    });
  } else {
    chart.data = data;
    chart.update("none");
  }
  const current = await token.totalSupply();
  el("supply-summary").textContent =
    `supply now ${zk(current)}; burned since the deployment ${zk(burned)} in ${burns.length} burn(s)`;
  document.body.dataset.burns = String(burns.length);
  document.body.dataset.chartPoints = String(points.length);
  document.body.dataset.burned = String(burned);
}

async function feesPanel(collector: Contract) {
  const events = await logsOf(await collector.getAddress(), collector.interface, "InteropFeeCollected");
  const byDay = new Map<string, { bundles: number; calls: bigint; zk: bigint; native: bigint }>();
  for (const e of events) {
    const key = day(await timeOf(e.log.blockNumber));
    const d = byDay.get(key) ?? { bundles: 0, calls: 0n, zk: 0n, native: 0n };
    d.bundles += 1;
    d.calls += e.args.callCount as bigint;
    if (e.args.inZk) d.zk += e.args.fee as bigint;
    else d.native += e.args.fee as bigint;
    byDay.set(key, d);
  }
  rows(
    "fees",
    [...byDay.entries()].map(([k, d]) => [
      k,
      String(d.bundles),
      String(d.calls),
      zk(d.zk),
      amountText(d.native, { symbol: "native", decimals: 18 }, 6),
    ]),
    "no interop fee charged yet",
  );
}

async function distributorPanel(distributor: Contract, token: Contract) {
  const allocations = (await distributor.allocations()) as { recipient: string; bps: bigint; notify: boolean }[];
  const cells: string[][] = [];
  let shared = 0n;
  for (const a of allocations) {
    shared += a.bps;
    cells.push([
      nameOf(a.recipient),
      `${Number(a.bps) / 100}%${a.notify ? " (notified)" : ""}`,
      zk(await distributor.paidTo(a.recipient)),
    ]);
  }
  cells.push(["burn", `${Number(10_000n - shared) / 100}% and all dust`, zk(await distributor.totalBurned())]);
  rows("allocations", cells, "");
  const waiting = await token.balanceOf(await distributor.getAddress());
  el("distributor-summary").textContent =
    `paid out ${zk(await distributor.totalPaid())}; waiting for distribute(): ${zk(waiting)}`;
}

async function stakingPanel(staking: Contract | undefined, token: Contract) {
  if (!staking) {
    facts("staking", [["staking", "not part of this deployment"]]);
    return;
  }
  const [staked, power, rate, minBps, maxBps, reservoir, counted] = await Promise.all([
    staking.totalStaked(),
    staking.totalEarningPower(),
    staking.rewardRate(),
    staking.minRateBps(),
    staking.maxRateBps(),
    staking.reservoir(),
    staking.recordedProposalCount(),
  ]);
  // Rounded, not floored: the on-chain floor rate is itself rounded down by a few wei a second.
  const yearly = power === 0n ? 0 : Number((rate * YEAR * 1_000_000n) / (power * 10n ** 18n)) / 10_000;
  facts("staking", [
    ["staked", zk(staked)],
    ["earning stake", zk(power)],
    ["yearly rate", `${yearly.toFixed(2)}% (band ${Number(minBps) / 100}% – ${Number(maxBps) / 100}%)`],
    ["reservoir", zk(reservoir)],
    ["counted proposals", String(counted)],
  ]);
  const address = await staking.getAddress();
  const staked_ = await logsOf(address, staking.interface, "Staked");
  const moved = await logsOf(address, staking.interface, "DelegateeChanged");
  const reps = [
    ...new Set([...staked_.map((e) => e.args.delegatee as string), ...moved.map((e) => e.args.newDelegatee as string)]),
  ];
  const cells: string[][] = [];
  for (const rep of reps) {
    const surrogate = await staking.surrogates(rep);
    cells.push([short(rep), zk(await token.balanceOf(surrogate)), (await staking.isActive(rep)) ? "yes" : "no"]);
  }
  rows("representatives", cells, "no stake yet");
}

function argText(value: unknown): string {
  if (typeof value === "bigint") return value >= 10n ** 15n ? zk(value) : value.toString();
  if (Array.isArray(value)) return `[${value.map(argText).join(", ")}]`;
  if (typeof value === "string" && value.length === 42) return nameOf(value);
  return String(value);
}

/**
 * For a setter `setX(…)` whose contract has a view `x()` (or `x(firstArg)`), the value before and after the block
 * that executed it, read from the chain at those blocks.
 */
async function changeOf(target: string, name: string, call: { name: string; args: unknown[] }, block?: number) {
  if (block === undefined || !/^set[A-Z]/.test(call.name)) return undefined;
  const getter = call.name[3].toLowerCase() + call.name.slice(4);
  const iface = new Interface(cfg.abis[name]);
  const view = iface.getFunction(getter);
  if (!view) return undefined;
  const args = view.inputs.length === 0 ? [] : view.inputs.length === 1 ? [call.args[0]] : undefined;
  if (!args) return undefined;
  const c = new Contract(target, cfg.abis[name], provider);
  try {
    const [before, after] = await Promise.all([
      c[view.format()](...args, { blockTag: block - 1 }),
      c[view.format()](...args, { blockTag: block }),
    ]);
    return `${getter}: ${argText(before)} → ${argText(after)}`;
  } catch {
    return undefined;
  }
}

async function zipsPanel(governor: Contract | undefined) {
  if (!governor) return rows("zips", [], "no governor in this deployment");
  const iface = new Interface(cfg.extraAbis.Governor);
  const address = await governor.getAddress();
  const created = await logsOf(address, iface, "ProposalCreated");
  const executed = new Map(
    (await logsOf(address, iface, "ProposalExecuted")).map((e) => [String(e.args.proposalId), e.log.blockNumber]),
  );
  const gov = new Contract(address, cfg.extraAbis.Governor, provider);
  const cells: string[][] = [];
  for (const e of created.reverse()) {
    const id = e.args.proposalId as bigint;
    const title = String(e.args.description).split("\n")[0].replace(/^#\s*/, "");
    const changes: string[] = [];
    for (const [i, target] of (e.args.targets as string[]).entries()) {
      const name = nameOf(target);
      const data = (e.args.calldatas as string[])[i];
      const call = cfg.abis[name] ? new Interface(cfg.abis[name]).parseTransaction({ data }) : null;
      if (!call) {
        changes.push(`${name}: ${data.slice(0, 10)}`);
        continue;
      }
      const args = [...call.args];
      const change = await changeOf(target, name, { name: call.name, args }, executed.get(String(id)));
      changes.push(`${name}.${call.name}(${args.map(argText).join(", ")})${change ? ` — ${change}` : ""}`);
    }
    cells.push([title, STATES[Number(await gov.state(id))], changes.join("; ")]);
  }
  rows("zips", cells, "no proposal yet");
}

// ---- claim ----

async function accounts() {
  const select = el<HTMLSelectElement>("mode");
  if (select.options.length) return;
  const options: [string, string][] = [];
  if (window.ethereum) options.push(["wallet", "injected wallet"]);
  const local = (await provider.send("eth_accounts", []).catch(() => [])) as string[];
  for (const [i, a] of local.slice(0, 4).entries())
    options.push([`local:${i}`, `local mode: node account #${i} ${short(a)}`]);
  if (!options.length) options.push(["none", "no wallet found: install one, or use a local node"]);
  select.replaceChildren(
    ...options.map(([value, text]) => {
      const o = document.createElement("option");
      o.value = value;
      o.textContent = text;
      return o;
    }),
  );
}

/** The decoded custom error of a revert (the suite's errors, roles by name), or the message's first line. */
const revertText = (error: unknown) => describeRevertWith(errors, error);

async function claim() {
  const status = el("claim-status");
  const quote = shown;
  if (!quote) return;
  busy = true;
  verdict();
  try {
    const mode = el<HTMLSelectElement>("mode").value;
    let signer: Signer;
    if (mode === "wallet" && window.ethereum) {
      await window.ethereum.request({ method: "eth_requestAccounts" });
      const walletChain = BigInt((await window.ethereum.request({ method: "eth_chainId" })) as string);
      if (walletChain !== BigInt(cfg.deployment.chainId)) {
        throw new Error(
          `Your wallet is on chain ${walletChain}; switch it to chain ${cfg.deployment.chainId} (this deployment's) and try again.`,
        );
      }
      signer = await new BrowserProvider(window.ethereum).getSigner();
    } else if (mode.startsWith("local:")) {
      signer = await provider.getSigner(Number(mode.slice(6)));
    } else {
      throw new Error("No wallet to claim with: install an EIP-1193 wallet, or open the dashboard of a local node.");
    }
    const me = await signer.getAddress();
    const requests = quote.assets
      .map((asset, i) => ({ asset, minAmount: quote.amounts[i] }))
      .filter((r) => r.minAmount !== 0n);
    const auction = contract("FeeFlowAuction")!.connect(signer) as Contract;
    const token = new Contract(await contract("InteropFeeCollector")!.ZK(), cfg.extraAbis.ERC20, signer);
    const spender = await auction.getAddress();
    if ((await token.allowance(me, spender)) < quote.price) {
      status.textContent = `approving ${zk(quote.price)} for the auction…`;
      await (await token.approve(spender, quote.price)).wait();
    }
    status.textContent = "claiming…";
    const deadline = BigInt((await provider.getBlock("latest"))!.timestamp) + 600n;
    // Bound to what the page shows: its nonce, its price, and each shown balance as the minimum.
    const tx = await auction.claim(requests, me, quote.nonce, quote.price, deadline);
    await tx.wait();
    const got = await Promise.all(requests.map(async (r) => amountText(r.minAmount, await labelOf(r.asset), 6)));
    status.textContent = `Claimed ${got.join(", ")} for ${zk(quote.price)} to ${short(me)} (tx ${short(tx.hash)}).`;
    status.className = "ok";
  } catch (error) {
    status.textContent = `Claim failed: ${revertText(error)}`;
    status.className = "error";
  } finally {
    busy = false;
    verdict();
  }
}

// ---- loop ----

async function refresh() {
  const [auction, collector, distributor] = ["FeeFlowAuction", "InteropFeeCollector", "FeeDistributor"].map(contract);
  if (!auction || !collector || !distributor) {
    banner(`deployments/${cfg.network}.json lacks the fee-flow contracts`);
    return;
  }
  const token = new Contract(await collector.ZK(), cfg.extraAbis.ERC20, provider);
  gasPrice = (await provider.getFeeData()).gasPrice ?? 0n;
  const paused = await auctionPanel(auction);
  await poolPanel(auction, collector);
  banner(
    paused ? "The auction is paused by its guardian: claims are off until governance unpauses it." : undefined,
    "warn",
  );
  await Promise.all([
    supplyPanel(token),
    feesPanel(collector),
    distributorPanel(distributor, token),
    stakingPanel(contract("ZkStakingRewards"), token),
    zipsPanel(contract("ZkTokenGovernor")),
  ]);
  await accounts();
}

async function tick() {
  try {
    const chainId = BigInt(await provider.send("eth_chainId", []));
    if (chainId !== BigInt(cfg.deployment.chainId)) {
      banner(
        `The node at ${cfg.rpcUrl} is chain ${chainId}, but deployments/${cfg.network}.json is for chain ${cfg.deployment.chainId}: ` +
          "start the dashboard with the deployment of this node's chain.",
      );
      document.body.dataset.state = "wrong-chain";
      return;
    }
    const block = await provider.getBlockNumber();
    el("chain").textContent = `${cfg.network} · chain ${chainId} · block ${block}`;
    if (block !== lastBlock) {
      await refresh();
      lastBlock = block;
      document.body.dataset.block = String(block);
      document.body.dataset.state = "live";
    }
  } catch (error) {
    banner(`Cannot reach the node at ${cfg.rpcUrl}: ${revertText(error)}. Retrying every 2 s.`);
    document.body.dataset.state = "unreachable";
    lastBlock = -1;
  }
}

async function main() {
  try {
    cfg = await (await fetch("./api/config")).json();
  } catch {
    banner("The dashboard server does not answer: is npm run dashboard still running?");
    return;
  }
  errors = new Interface(cfg.errors);
  provider = new JsonRpcProvider(new URL("./rpc", location.href).href, Network.from(cfg.deployment.chainId), {
    staticNetwork: Network.from(cfg.deployment.chainId),
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
