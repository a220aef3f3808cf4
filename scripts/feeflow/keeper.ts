import { formatUnits, type Provider } from "ethers";
import { MockERC20__factory, type FeeFlowAuction } from "../../typechain-types";
import { NATIVE } from "../../deploy/feeflow";

/** USD prices by asset address (NATIVE for the native token) and for ZK; supplied by the operator, no API. */
export interface Prices {
  zk: number;
  assets: Record<string, number>;
}

export interface ClaimPlan {
  price: bigint;
  nonce: bigint;
  paused: boolean;
  requests: { asset: string; minAmount: bigint }[];
  lines: string[];
  poolUsd: number;
  costUsd: number;
  profitUsd: number;
  profitable: boolean;
}

async function decimalsOf(asset: string, provider: Provider): Promise<number> {
  if (asset === NATIVE) return 18;
  return Number(await MockERC20__factory.connect(asset, provider).decimals());
}

/**
 * Values what a claim would take now against what it costs (price in ZK, gas in native token) plus a margin.
 * Only assets with a price and a non-zero balance are requested, sorted as the auction requires, each with the
 * quoted balance as its minimum, so a claim landing after a change reverts instead of overpaying.
 */
export async function planClaim(
  auction: FeeFlowAuction,
  prices: Prices,
  opts: { gasPrice: bigint; claimGas?: bigint; marginBps?: number },
): Promise<ClaimPlan> {
  const provider = auction.runner!.provider!;
  const assets = Object.keys(prices.assets)
    .filter((a) => a === NATIVE || a.length === 42)
    .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  const [price, nonce, paused, amounts] = await auction.quote(assets);
  const lines: string[] = [];
  const requests: { asset: string; minAmount: bigint }[] = [];
  let poolUsd = 0;
  for (const [i, asset] of assets.entries()) {
    if (amounts[i] === 0n) continue;
    const decimals = await decimalsOf(asset, provider);
    const amount = Number(formatUnits(amounts[i], decimals));
    const usd = amount * prices.assets[asset];
    poolUsd += usd;
    requests.push({ asset, minAmount: amounts[i] });
    lines.push(`${asset === NATIVE ? "native" : asset}: ${amount.toLocaleString("en-US")} ≈ $${usd.toFixed(2)}`);
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
    poolUsd,
    costUsd,
    profitUsd,
    profitable: !paused && requests.length > 0 && profitUsd > 0,
  };
}
