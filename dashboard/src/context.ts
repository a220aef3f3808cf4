// What the dashboard's panels share: the server's config, the node, labels of assets, and small DOM helpers.
import { Contract, Interface, JsonRpcProvider, ZeroAddress, type Eip1193Provider, type InterfaceAbi } from "ethers";

import { amountText, dateText, shortAddress, zkText } from "../../lib/format";
import { describeRevertWith } from "../../lib/revert";

export interface ContractRecord {
  address: string;
  artifact: string;
}
export interface Config {
  network: string;
  rpcUrl: string;
  /** Where the indexer is, for messages (the page reads it through /indexer/). */
  indexerUrl?: string;
  deployment: { network: string; chainId: number; startBlock: number; contracts: Record<string, ContractRecord> };
  abis: Record<string, InterfaceAbi>;
  extraAbis: Record<string, InterfaceAbi>;
  errors: InterfaceAbi;
}
export interface Quote {
  price: bigint;
  nonce: bigint;
  paused: boolean;
  assets: string[];
  amounts: bigint[];
}
/** The indexer's /summary: every history the page shows, bounded in size (amounts as decimal strings). */
export interface Summary {
  totals: {
    supply: string;
    minted: string;
    burned: string;
    burns: number;
    supplyChanges: number;
    claims: number;
    claimedPrice: string;
    bundles: number;
    calls: string;
    feesZk: string;
    feesNative: string;
    distributions: number;
  } | null;
  supply: { seq: number; timestamp: string; supply: string; burned: string }[];
  daily: { day: string; burned: string; burns: number; calls: string }[];
  weekly: { week: string; burned: string; calls: string }[];
  fees: {
    day: string;
    chainId: number;
    destination: string;
    bundles: number;
    calls: string;
    zk: string;
    native: string;
  }[];
  claims: { id: string; timestamp: string; claimer: string; recipient: string; price: string }[];
  proposals: {
    id: string;
    title: string;
    executedBlock: string | null;
    targets: string[];
    calldatas: string[];
    changes: { contract: string; call: string; getter: string | null; before: string | null; after: string | null }[];
  }[];
  representatives: { id: string; staked: string; stakers: number }[];
  counted: { id: string }[];
  claimable: string[];
}

export interface Label {
  symbol: string;
  decimals: number;
}

export const NATIVE = ZeroAddress;
export const YEAR = 365n * 24n * 3600n;
export const el = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
declare global {
  interface Window {
    ethereum?: Eip1193Provider;
  }
}

/** What every panel shares: the server's config, the node, the decoded errors, and the quote on show. */
export const app = {
  cfg: undefined as unknown as Config,
  provider: undefined as unknown as JsonRpcProvider,
  errors: undefined as unknown as Interface,
  gasPrice: 0n,
  shown: undefined as Quote | undefined,
  busy: false,
  /** The indexer's latest summary and the block it had indexed (undefined while it does not answer). */
  summary: undefined as Summary | undefined,
  indexedBlock: undefined as number | undefined,
};
export const usdPrices = new Map<string, number>();
export const labels = new Map<string, Label>();

export function banner(text: string | undefined, kind: "error" | "warn" = "error") {
  const b = el("banner");
  b.hidden = !text;
  b.textContent = text ?? "";
  b.className = kind === "warn" ? "warn" : "";
}

export const labelText = (amount: bigint, label: Label, digits = 4) =>
  amountText(amount, label.decimals, label.symbol, digits);
export const zk = (amount: bigint) => zkText(amount);
export const short = shortAddress;
export const day = (seconds: number) => dateText(seconds).slice(0, 10);

export function contract(name: string): Contract | undefined {
  const record = app.cfg.deployment.contracts[name];
  return record ? new Contract(record.address, app.cfg.abis[name], app.provider) : undefined;
}
export function nameOf(address: string): string {
  const hit = Object.entries(app.cfg.deployment.contracts).find(
    ([, r]) => r.address.toLowerCase() === address.toLowerCase(),
  );
  return hit ? hit[0] : short(address);
}

export async function labelOf(asset: string): Promise<Label> {
  if (asset === NATIVE) return { symbol: "native", decimals: 18 };
  const cached = labels.get(asset);
  if (cached) return cached;
  const token = new Contract(asset, app.cfg.extraAbis.ERC20, app.provider);
  const label = {
    symbol: String(await token.symbol().catch(() => short(asset))),
    decimals: Number(await token.decimals().catch(() => 18)),
  };
  labels.set(asset, label);
  return label;
}

export function rows(tableId: string, cells: (string | Node)[][], empty: string) {
  const body = el<HTMLTableElement>(tableId).tBodies[0];
  body.replaceChildren(
    ...(cells.length ? cells : [[empty]]).map((row) => {
      const tr = document.createElement("tr");
      for (const cell of row) {
        const td = document.createElement("td");
        if (cells.length === 0) td.colSpan = 6;
        td.append(cell);
        tr.append(td);
      }
      return tr;
    }),
  );
}

export function facts(listId: string, entries: [string, string][]) {
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

/** Reads the indexer through the dashboard server: the block it indexed and its summary (or why not). */
export async function readIndexer(): Promise<string | undefined> {
  try {
    const status = (await (await fetch("./indexer/status")).json()) as Record<string, { block?: { number: number } }>;
    const block = Object.values(status)[0]?.block?.number;
    if (block === undefined) return "the indexer has not indexed a block yet";
    if (block !== app.indexedBlock || !app.summary) {
      const response = await fetch("./indexer/summary");
      if (!response.ok) return `the indexer answered ${response.status}`;
      app.summary = (await response.json()) as Summary;
      app.indexedBlock = block;
    }
    return undefined;
  } catch {
    return `the indexer${app.cfg.indexerUrl ? ` at ${app.cfg.indexerUrl}` : ""} does not answer`;
  }
}

/** The decoded custom error of a revert (the suite's errors, roles by name), or the message's first line. */
export const revertText = (error: unknown) => describeRevertWith(app.errors, error);
