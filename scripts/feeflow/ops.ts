import { ethers, type Signer } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeploymentFile } from "../../deploy/recorder";
import {
  FeeDistributor__factory,
  FeeFlowAuction__factory,
  InteropCenter__factory,
  InteropFeeCollector__factory,
  ZkToken__factory,
} from "../../typechain-types";
import { NATIVE } from "../../deploy/feeflow";
import { attr, erc7930 } from "../interop";
import { planClaim, type Prices } from "./keeper";

export type Print = (line: string) => void;

export function contractsOf(deployment: DeploymentFile, runner: Signer) {
  const at = (name: string) => {
    const record = deployment.contracts[name];
    if (!record) throw new Error(`the deployment has no ${name}`);
    return record.address;
  };
  const collector = InteropFeeCollector__factory.connect(at("InteropFeeCollector"), runner);
  return {
    collector,
    auction: FeeFlowAuction__factory.connect(at("FeeFlowAuction"), runner),
    distributor: FeeDistributor__factory.connect(at("FeeDistributor"), runner),
    center: InteropCenter__factory.connect(at("InteropCenter"), runner),
    tokenAt: async () => ZkToken__factory.connect(await collector.ZK(), runner),
  };
}

/** ZIP-14's cap on the ZK supply, used when a token version has no `maxSupply()`. */
export const ZIP14_MAX_SUPPLY = 21_000_000_000n * 10n ** 18n;

/** The token's `maxSupply()`, or ZIP-14's 21B for a version without it (`fallback` says which). */
export async function maxSupplyOf(zk: { maxSupply(): Promise<bigint> }): Promise<{ cap: bigint; fallback: boolean }> {
  try {
    return { cap: await zk.maxSupply(), fallback: false };
  } catch {
    return { cap: ZIP14_MAX_SUPPLY, fallback: true };
  }
}

/** The assets currently claimable, from the collector's own events. */
export async function claimableAssets(deployment: DeploymentFile, runner: Signer): Promise<string[]> {
  const { collector } = contractsOf(deployment, runner);
  const events = await collector.queryFilter(collector.filters.ClaimableAssetUpdated(), deployment.startBlock);
  const assets = [...new Set(events.map((e) => e.args.asset))];
  const live: string[] = [];
  for (const asset of assets) if (await collector.isClaimable(asset)) live.push(asset);
  return live.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
}

/** Everything a searcher or an operator wants to see at a glance. */
export async function feeFlowStatus(deployment: DeploymentFile, runner: Signer, print: Print) {
  const { collector, auction, distributor } = contractsOf(deployment, runner);
  const zk = await contractsOf(deployment, runner).tokenAt();
  const assets = await claimableAssets(deployment, runner);
  const [price, nonce, paused, amounts] = await auction.quote(assets);
  const f = ethers.formatEther;
  print(`auction ${await auction.getAddress()}`);
  print(
    `  price ${f(price)} ZK (bounds ${f(await auction.PRICE_FLOOR())} … ${f(await auction.PRICE_CEILING())}), nonce ${nonce}, ${paused ? "PAUSED" : "open"}`,
  );
  print(`collector ${await collector.getAddress()}`);
  print(`  fees: ${f(await collector.zkFeePerCall())} ZK or ${f(await collector.baseFeePerCall())} native per call`);
  for (const [i, asset] of assets.entries()) print(`  claimable ${asset === NATIVE ? "native" : asset}: ${amounts[i]}`);
  print(`distributor ${await distributor.getAddress()}`);
  const allocations = await distributor.allocations();
  const bps = allocations.reduce((a, x) => a + Number(x.bps), 0);
  for (const a of allocations) print(`  ${Number(a.bps) / 100}% → ${a.recipient}${a.notify ? " (notified)" : ""}`);
  print(`  ${(10_000 - bps) / 100}% burned; waiting: ${f(await zk.balanceOf(await distributor.getAddress()))} ZK`);
  print(`  totals: burned ${f(await distributor.totalBurned())} ZK, paid ${f(await distributor.totalPaid())} ZK`);
  const { cap, fallback } = await maxSupplyOf(zk);
  print(
    `ZK supply ${f(await zk.totalSupply())} of ${f(cap)}${fallback ? " (ZIP-14's cap: this token has no maxSupply())" : ""}`,
  );
  return { price, nonce, paused, assets, amounts };
}

/** Claims when the pool is worth more than price + gas + margin; with `dryRun`, only says what it would do. */
export async function keep(
  deployment: DeploymentFile,
  signer: Signer,
  prices: Prices,
  opts: { dryRun: boolean; marginBps: number },
  print: Print,
) {
  const { auction } = contractsOf(deployment, signer);
  const gasPrice = (await signer.provider!.getFeeData()).gasPrice ?? 0n;
  const plan = await planClaim(auction, prices, { gasPrice, marginBps: opts.marginBps });
  for (const line of plan.lines) print(`pool: ${line}`);
  print(
    `pool $${plan.poolUsd.toFixed(2)} vs cost $${plan.costUsd.toFixed(2)} (price ${ethers.formatEther(plan.price)} ZK, gas, ${opts.marginBps / 100}% margin), nonce ${plan.nonce}`,
  );
  if (plan.paused) {
    print("the auction is paused: nothing to do");
    return { claimed: false, plan };
  }
  if (!plan.profitable) {
    print("not profitable: nothing to do");
    return { claimed: false, plan };
  }
  if (opts.dryRun) {
    print(`dry run: would claim ${plan.requests.length} asset(s) for ${ethers.formatEther(plan.price)} ZK`);
    return { claimed: false, plan };
  }
  const me = await signer.getAddress();
  const zk = await contractsOf(deployment, signer).tokenAt();
  const allowance = await zk.allowance(me, await auction.getAddress());
  if (allowance < plan.price) await (await zk.approve(await auction.getAddress(), plan.price)).wait();
  const deadline = BigInt((await signer.provider!.getBlock("latest"))!.timestamp) + 120n;
  // The quoted nonce, price and balances bound the claim: if anything moved, it reverts instead of overpaying.
  const tx = await auction.claim(plan.requests, me, plan.nonce, plan.price, deadline);
  await tx.wait();
  print(`claimed (tx ${tx.hash})`);
  return { claimed: true, plan };
}

/** The burn projection of the V31 article: calls per day × fee. */
export const SCENARIOS = [
  { name: "Conservative", callsPerDay: 5_000 },
  { name: "Baseline", callsPerDay: 50_000 },
  { name: "Optimistic", callsPerDay: 200_000 },
  { name: "Institutional Scale", callsPerDay: 1_000_000 },
];

export function projection(feePerCall: bigint, maxSupply: bigint) {
  return SCENARIOS.map((s) => {
    const daily = feePerCall * BigInt(s.callsPerDay);
    const yearly = daily * 365n;
    return { ...s, daily, yearly, shareOfSupply: Number((yearly * 1_000_000n) / maxSupply) / 10_000 };
  });
}

export function printProjection(rows: ReturnType<typeof projection>, print: Print) {
  const f = (v: bigint) => Number(ethers.formatEther(v)).toLocaleString("en-US");
  print("| Scenario | Daily Cross-Chain Calls | Daily ZK Consumption | Annualized Consumption | Share of 21B supply |");
  print("|---|---|---|---|---|");
  for (const r of rows) {
    print(
      `| ${r.name} | ${r.callsPerDay.toLocaleString("en-US")} | ${f(r.daily)} | ${f(r.yearly)} | ${r.shareOfSupply}% |`,
    );
  }
}

/**
 * Plays one scenario's day, scaled down by `scale`, through the real InteropCenter in ZK mode (bundles of up to
 * 10 calls), distributes, and compares the measured burn with the projection.
 */
export async function scaledDay(
  hre: HardhatRuntimeEnvironment,
  deployment: DeploymentFile,
  payer: Signer,
  scenario: (typeof SCENARIOS)[number],
  scale: number,
  print: Print,
) {
  const { collector, center, distributor } = contractsOf(deployment, payer);
  const zk = await contractsOf(deployment, payer).tokenAt();
  const fee = await collector.zkFeePerCall();
  const calls = Math.round(scenario.callsPerDay / scale);
  const me = await payer.getAddress();
  if ((await zk.allowance(me, await collector.getAddress())) < fee * BigInt(calls)) {
    await (await zk.approve(await collector.getAddress(), hre.ethers.MaxUint256)).wait();
  }
  const { chainId } = await payer.provider!.getNetwork();
  const destination = erc7930(chainId + 1n);
  const target = erc7930(undefined, "0x000000000000000000000000000000000000dEaD");
  if ((await zk.balanceOf(await distributor.getAddress())) !== 0n) await (await distributor.distribute()).wait();
  const supplyBefore = await zk.totalSupply();
  let left = calls;
  let bundles = 0;
  while (left > 0) {
    const n = Math.min(10, left);
    const list = Array.from({ length: n }, () => ({ to: target, data: "0x", callAttributes: [] }));
    await (await center.sendBundle(destination, list, [attr.useFixedFee(true)])).wait();
    left -= n;
    bundles++;
  }
  await (await distributor.distribute()).wait();
  const burned = supplyBefore - (await zk.totalSupply());
  const expected = (fee * BigInt(scenario.callsPerDay)) / BigInt(scale);
  print(
    `${scenario.name} day at 1/${scale}: ${calls} calls in ${bundles} bundles; burned ${hre.ethers.formatEther(burned)} ZK, projection ${hre.ethers.formatEther(expected)} ZK: ${burned === expected ? "match" : "MISMATCH"}`,
  );
  return { calls, burned, expected };
}
