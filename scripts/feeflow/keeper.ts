import { formatUnits, type Provider } from "ethers";
import { MockERC20__factory, type FeeFlowAuction } from "../../typechain-types";
import { NATIVE } from "../../deploy/feeflow";
import { amountText } from "../../lib/format";

/** USD prices by asset address (NATIVE for the native token) and for ZK; supplied by the operator, no API. */
export interface Prices {
  zk: number;
  assets: Record<string, number>;
}

/** How an asset reads to a person: its symbol and decimals (the native token: "native", 18). */
export interface AssetLabel {
  symbol: string;
  decimals: number;
}

export interface ClaimPlan {
  price: bigint;
  nonce: bigint;
  paused: boolean;
  requests: { asset: string; minAmount: bigint }[];
  lines: string[];
  /** Assets with a balance that the plan leaves out for lack of a price. */
  leftOut: string[];
  poolUsd: number;
  costUsd: number;
  profitUsd: number;
  profitable: boolean;
}

/** Symbol and decimals of `asset`, read from the token (a token without them shows its address, 18). */
export async function labelOf(asset: string, provider: Provider): Promise<AssetLabel> {
  if (asset === NATIVE) return { symbol: "native", decimals: 18 };
  const token = MockERC20__factory.connect(asset, provider);
  const [symbol, decimals] = await Promise.all([
    token.symbol().catch(() => asset),
    token.decimals().then(Number, () => 18),
  ]);
  return { symbol, decimals };
}

/** "1,234.5 USDC" */
export function assetText(amount: bigint, label: AssetLabel): string {
  return amountText(amount, label.decimals, label.symbol, 6);
}

/**
 * Values what a claim would take now against what it costs (price in ZK, gas in native token) plus a margin.
 * Only assets with a price and a non-zero balance are requested, sorted as the auction requires, each with the
 * quoted balance as its minimum, so a claim landing after a change reverts instead of overpaying.
 */
export async function planClaim(
  auction: FeeFlowAuction,
  prices: Prices,
  opts: { gasPrice: bigint; claimGas?: bigint; marginBps?: number; claimable?: string[] },
): Promise<ClaimPlan> {
  const provider = auction.runner!.provider!;
  const key = (a: string) => a.toLowerCase();
  const priced = new Map(Object.entries(prices.assets).map(([a, usd]) => [key(a), usd]));
  const assets = [...new Set([...Object.keys(prices.assets), ...(opts.claimable ?? [])].map((a) => a))]
    .filter((a) => a === NATIVE || a.length === 42)
    .filter((a, i, all) => all.findIndex((b) => key(b) === key(a)) === i)
    .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  const [price, nonce, paused, amounts] = await auction.quote(assets);
  const lines: string[] = [];
  const leftOut: string[] = [];
  const requests: { asset: string; minAmount: bigint }[] = [];
  let poolUsd = 0;
  for (const [i, asset] of assets.entries()) {
    if (amounts[i] === 0n) continue;
    const label = await labelOf(asset, provider);
    const usdPrice = priced.get(key(asset));
    if (usdPrice === undefined) {
      leftOut.push(`${assetText(amounts[i], label)} (no price given)`);
      continue;
    }
    const usd = Number(formatUnits(amounts[i], label.decimals)) * usdPrice;
    poolUsd += usd;
    requests.push({ asset, minAmount: amounts[i] });
    lines.push(`${assetText(amounts[i], label)} ≈ $${usd.toFixed(2)}`);
  }
  const gasUsd =
    Number(formatUnits((opts.claimGas ?? 60_000n + 20_000n * BigInt(requests.length)) * opts.gasPrice, 18)) *
    (prices.assets[NATIVE] ?? 0);
  const priceUsd = Number(formatUnits(price, 18)) * prices.zk;
  const costUsd = (priceUsd + gasUsd) * (1 + (opts.marginBps ?? 500) / 10_000);
  const profitUsd = poolUsd - costUsd;
  return {
    price,
    nonce,
    paused,
    requests,
    lines,
    leftOut,
    poolUsd,
    costUsd,
    profitUsd,
    profitable: !paused && requests.length > 0 && profitUsd > 0,
  };
}
