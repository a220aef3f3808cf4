import fs from "fs";
import { readLogs } from "../../lib/logs";
import { ethers, type Provider, type Signer } from "ethers";
import { LostRace, UserError } from "../cli";
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
import { assetText, labelOf, planClaim, type Prices } from "./keeper";
import { zkText } from "../../lib/format";
import { usdPrice } from "../../lib/args";

export type Print = (line: string) => void;

export function contractsOf(deployment: DeploymentFile, runner: Signer | Provider) {
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

/**
 * The assets currently claimable: the candidates from the indexer when INDEXER_URL names one, otherwise from the
 * collector's own events read in spans of at most 10,000 blocks; each is confirmed on the chain.
 */
export async function claimableAssets(deployment: DeploymentFile, runner: Signer | Provider): Promise<string[]> {
  const { collector } = contractsOf(deployment, runner);
  let assets: string[] | undefined;
  const indexer = process.env.INDEXER_URL;
  if (indexer) {
    const summary = await fetch(`${indexer.replace(/\/$/, "")}/summary`, { signal: AbortSignal.timeout(10_000) })
      .then((r) => (r.ok ? (r.json() as Promise<{ claimable: string[] }>) : undefined))
      .catch(() => undefined);
    assets = summary?.claimable.map((a) => ethers.getAddress(a));
  }
  if (!assets) {
    const provider = ("provider" in runner ? runner.provider : runner) as Provider;
    const topic = collector.interface.getEvent("ClaimableAssetUpdated")!.topicHash;
    const logs = await readLogs(
      provider,
      { address: await collector.getAddress(), topics: [topic] },
      deployment.startBlock,
      await provider.getBlockNumber(),
    );
    assets = [...new Set(logs.map((l) => collector.interface.parseLog(l)!.args.asset as string))];
  }
  const live: string[] = [];
  for (const asset of assets) if (await collector.isClaimable(asset)) live.push(asset);
  return live.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
}

/** Everything a searcher or an operator wants to see at a glance. */
export async function feeFlowStatus(deployment: DeploymentFile, runner: Signer | Provider, print: Print) {
  const { collector, auction, distributor } = contractsOf(deployment, runner);
  const zk = await contractsOf(deployment, runner).tokenAt();
  const assets = await claimableAssets(deployment, runner);
  const [price, nonce, paused, amounts] = await auction.quote(assets);
  const f = ethers.formatEther;
  print(`auction ${await auction.getAddress()}`);
  print(
    `  price ${zkText(price)} (bounds ${zkText(await auction.PRICE_FLOOR())} … ${zkText(await auction.PRICE_CEILING())}), nonce ${nonce}, ${paused ? "PAUSED" : "open"}`,
  );
  print(`collector ${await collector.getAddress()}`);
  print(`  fees: ${zkText(await collector.zkFeePerCall())} or ${f(await collector.baseFeePerCall())} native per call`);
  const pending = await pendingFees(deployment, runner);
  print(
    `  in the InteropCenter for the collector: ${f(pending.native)} native, ${zkText(pending.zk)}${pending.native || pending.zk ? " (feeflow:sweep takes them)" : ""}`,
  );
  if (!pending.coinbaseIsCollector) {
    print(
      `  blocks name ${pending.coinbase} as coinbase, not the collector: new interop fees are kept for it (${f(pending.coinbaseNative)} native, ${zkText(pending.coinbaseZk)} so far)`,
    );
  }
  for (const [i, asset] of assets.entries()) {
    const label = await labelOf(asset, ("provider" in runner ? runner.provider : runner) as Provider);
    print(`  claimable ${assetText(amounts[i], label)}${asset === NATIVE ? "" : ` (${asset})`}`);
  }
  print(`distributor ${await distributor.getAddress()}`);
  const allocations = await distributor.allocations();
  const bps = allocations.reduce((a, x) => a + Number(x.bps), 0);
  for (const a of allocations) print(`  ${Number(a.bps) / 100}% → ${a.recipient}${a.notify ? " (notified)" : ""}`);
  print(`  ${(10_000 - bps) / 100}% burned; waiting: ${zkText(await zk.balanceOf(await distributor.getAddress()))}`);
  print(`  totals: burned ${zkText(await distributor.totalBurned())}, paid ${zkText(await distributor.totalPaid())}`);
  const { cap, fallback } = await maxSupplyOf(zk);
  print(
    `ZK supply ${zkText(await zk.totalSupply())} of ${zkText(cap)}${fallback ? " (ZIP-14's cap: this token has no maxSupply())" : ""}`,
  );
  return { price, nonce, paused, assets, amounts };
}

/** What the InteropCenter keeps for the collector (which a sweep takes) and for the latest block's coinbase. */
export async function pendingFees(deployment: DeploymentFile, runner: Signer | Provider) {
  const { collector, center } = contractsOf(deployment, runner);
  const provider = ("provider" in runner && runner.provider ? runner.provider : runner) as Provider;
  const me = await collector.getAddress();
  const coinbase = (await provider.getBlock("latest"))!.miner;
  const [native, zk] = [await center.accumulatedProtocolFees(me), await center.accumulatedZKFees(me)];
  const same = coinbase.toLowerCase() === me.toLowerCase();
  const [coinbaseNative, coinbaseZk] = same
    ? [native, zk]
    : [await center.accumulatedProtocolFees(coinbase), await center.accumulatedZKFees(coinbase)];
  return { collector: me, native, zk, coinbase, coinbaseIsCollector: same, coinbaseNative, coinbaseZk };
}

/** Era's bootloader, the coinbase of every Era block: it makes no call, so fees kept for it are never claimed. */
export const ERA_BOOTLOADER = "0x0000000000000000000000000000000000008001";

/**
 * `feeflow:sweep`: claims into the collector what the InteropCenter keeps for it (V31 keeps fees per coinbase); the
 * ZK goes on to the distributor, the native fees stay for the auction. With nothing kept for the collector it sends
 * nothing and says where the fees go instead.
 */
export async function sweepFees(deployment: DeploymentFile, signer: Signer, print: Print) {
  const { collector, center } = contractsOf(deployment, signer);
  const pending = await pendingFees(deployment, signer);
  const f = ethers.formatEther;
  if (pending.native === 0n && pending.zk === 0n) {
    print(`nothing to sweep: the InteropCenter keeps no fees for the collector ${pending.collector}`);
    if (!pending.coinbaseIsCollector) {
      const era = pending.coinbase.toLowerCase() === ERA_BOOTLOADER;
      print(
        `  this chain's blocks name ${pending.coinbase} as coinbase${era ? " (Era's bootloader)" : ""}, not the collector: ` +
          `interop fees are kept for it (now ${f(pending.coinbaseNative)} native, ${zkText(pending.coinbaseZk)}), and only it can claim them` +
          (era ? "; on Era nothing claims them" : "; the chain's operator must name the collector its fee collector"),
      );
    }
    return { native: 0n, zk: 0n, tx: undefined };
  }
  const tx = await collector.sweep(await center.getAddress());
  const receipt = (await tx.wait())!;
  const swept = receipt.logs.map((l) => collector.interface.parseLog(l)).find((l) => l?.name === "FeesSwept");
  const [native, zk] = swept ? [swept.args.native as bigint, swept.args.zk as bigint] : [0n, 0n];
  print(
    `swept ${f(native)} native (kept for the auction) and ${zkText(zk)} (sent to the distributor) from the InteropCenter (tx ${tx.hash})`,
  );
  return { native, zk, tx: tx.hash };
}

/**
 * Prices for the keeper from a file and flags: `--zk-usd`, `--native-usd`, `--asset USDC=1,0xabc…=2`. An asset may
 * be named by a symbol of the deployment's claimable assets. Every mistake is a UserError naming it.
 */
export async function parsePrices(
  input: { file?: string; zkUsd?: number; nativeUsd?: number; asset: string },
  deployment: DeploymentFile,
  runner: Signer,
): Promise<Prices> {
  let prices: Prices = { zk: NaN, assets: {} };
  if (input.file) {
    if (!fs.existsSync(input.file)) throw new UserError(`--prices: no file at ${input.file}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(input.file, "utf8"));
    } catch (error) {
      throw new UserError(`--prices: ${input.file} is not valid JSON (${(error as Error).message})`);
    }
    const where = `--prices ${input.file}`;
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw new UserError(`${where}: must be an object { "zk": 0.05, "assets": { "USDC": 1 } }`);
    const file = parsed as Record<string, unknown>;
    const unknown = Object.keys(file).filter((k) => k !== "zk" && k !== "assets");
    if (unknown.length) throw new UserError(`${where}: unknown key "${unknown[0]}" (known: "zk", "assets")`);
    const assets = file.assets ?? {};
    if (typeof assets !== "object" || assets === null || Array.isArray(assets))
      throw new UserError(`${where}: "assets" must be an object of asset → USD price`);
    prices = {
      zk: file.zk === undefined ? NaN : usdPrice(`${where}: "zk"`, file.zk),
      assets: Object.fromEntries(
        Object.entries(assets).map(([name, usd]) => [name, usdPrice(`${where}: the price of "${name}"`, usd, true)]),
      ),
    };
  }
  if (input.zkUsd !== undefined) prices.zk = input.zkUsd;
  if (input.nativeUsd !== undefined) prices.assets.native = input.nativeUsd;
  for (const pair of input.asset.split(",").filter(Boolean)) {
    const [name, usd, more] = pair.split("=");
    if (!name?.trim() || usd === undefined || more !== undefined) {
      throw new UserError(`--asset: "${pair}" is not NAME=USD (e.g. USDC=1)`);
    }
    prices.assets[name.trim()] = usdPrice(`--asset ${name.trim()}`, usd, true);
  }
  const claimable = await claimableAssets(deployment, runner);
  const bySymbol = new Map<string, string>();
  const symbols = ["native"];
  for (const asset of claimable) {
    if (asset === NATIVE) continue;
    const { symbol } = await labelOf(asset, runner.provider!);
    bySymbol.set(symbol.toLowerCase(), asset);
    symbols.push(symbol);
  }
  const assets: Record<string, number> = {};
  for (const [name, usd] of Object.entries(prices.assets)) {
    if (typeof usd !== "number" || Number.isNaN(usd)) throw new UserError(`price of ${name} must be a number`);
    const lower = name.toLowerCase();
    const isAddress: boolean = ethers.isAddress(name);
    if (lower === "native") assets[NATIVE] = usd;
    else if (isAddress) assets[ethers.getAddress(name)] = usd;
    else if (bySymbol.has(lower)) assets[bySymbol.get(lower)!] = usd;
    else {
      throw new UserError(`unknown asset "${name}": claimable here are ${symbols.join(", ")} (or give an address)`);
    }
  }
  if (typeof prices.zk !== "number" || Number.isNaN(prices.zk) || prices.zk <= 0) {
    throw new UserError('a ZK price is required: --zk-usd 0.05, or "zk" in the --prices file');
  }
  return { zk: prices.zk, assets };
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
  const pending = await pendingFees(deployment, signer);
  if (pending.native !== 0n || pending.zk !== 0n) {
    if (opts.dryRun) {
      print(
        `the InteropCenter keeps ${ethers.formatEther(pending.native)} native and ${zkText(pending.zk)} for the collector: a sweep (feeflow:sweep) adds the native to the pool`,
      );
    } else {
      await sweepFees(deployment, signer, print);
    }
  }
  const gasPrice = (await signer.provider!.getFeeData()).gasPrice ?? 0n;
  const claimable = await claimableAssets(deployment, signer);
  const plan = await planClaim(auction, prices, { gasPrice, marginBps: opts.marginBps, claimable });
  for (const line of plan.lines) print(`pool: ${line}`);
  for (const line of plan.leftOut) print(`left out: ${line}`);
  // Gas is paid in the native token: without its price the cost can only count it as nothing, and says so.
  const gas = prices.assets[NATIVE] === undefined ? "gas counted as $0: no native price (--native-usd)" : "gas";
  print(
    `pool $${plan.poolUsd.toFixed(2)} vs cost $${plan.costUsd.toFixed(2)} (price ${ethers.formatEther(plan.price)} ZK, ${gas}, ${opts.marginBps / 100}% margin), nonce ${plan.nonce}`,
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
  const latest = (await signer.provider!.getBlock("latest"))!.timestamp;
  // From now (a chain idle for minutes has an old latest block, whose timestamp would make the deadline stale).
  const deadline = BigInt(Math.max(Math.floor(Date.now() / 1000), latest)) + 120n;
  // The quoted nonce, price and balances bound the claim: if anything moved, it reverts instead of overpaying.
  let tx;
  try {
    const permit = await permitFor(zk, signer, await auction.getAddress(), plan.price, deadline);
    if (permit) {
      // A permit for exactly the price, spent in the same transaction: a lost race leaves no allowance behind.
      tx = await auction.claimWithPermit(plan.requests, me, plan.nonce, plan.price, deadline, permit);
    } else {
      const allowance = await zk.allowance(me, await auction.getAddress());
      if (allowance < plan.price) await (await zk.approve(await auction.getAddress(), plan.price)).wait();
      tx = await auction.claim(plan.requests, me, plan.nonce, plan.price, deadline);
    }
  } catch (error) {
    throw await raceOrError(error, auction, plan, zk, me);
  }
  let receipt;
  try {
    receipt = await tx.wait();
  } catch (error) {
    // Mined and reverted: another claim (or a price change) landed first in the same or an earlier block.
    throw await raceOrError(error, auction, plan, zk, me);
  }
  const claimed = receipt!.logs.map((l) => auction.interface.parseLog(l)).find((l) => l?.name === "Claimed");
  const got = await Promise.all(
    (claimed?.args.assets as string[]).map(async (asset, i) =>
      assetText((claimed!.args.amounts as bigint[])[i], await labelOf(asset, signer.provider!)),
    ),
  );
  print(
    `claimed ${got.join(", ")} for ${zkText(plan.price)} to ${me}; expected profit $${plan.profitUsd.toFixed(2)} after gas and margin (tx ${tx.hash})`,
  );
  return { claimed: true, plan };
}

/**
 * `feeflow:keeper --watch`: re-quotes on every new block and claims whenever the pool pays for the price, gas and
 * margin, with the same guards as a single run. What it prints changes only when the quote changes; a lost race is
 * one line and the watch goes on; `signal` (Ctrl-C) stops it between blocks.
 */
export async function watchKeep(
  deployment: DeploymentFile,
  signer: Signer,
  prices: Prices,
  opts: { dryRun: boolean; marginBps: number; pollMs?: number },
  print: Print,
  signal: AbortSignal,
) {
  let lastBlock = -1;
  let lastShown = "";
  let claims = 0;
  print(`watching every new block (polling every ${(opts.pollMs ?? 1_000) / 1000} s); Ctrl-C stops`);
  while (!signal.aborted) {
    const block = await signer.provider!.getBlockNumber();
    if (block !== lastBlock) {
      lastBlock = block;
      const lines: string[] = [];
      try {
        const result = await keep(deployment, signer, prices, opts, (l) => lines.push(l));
        if (result.claimed) claims++;
      } catch (error) {
        if (!(error instanceof LostRace)) throw error;
        lines.push(`lost: ${error.message}`);
      }
      const shown = lines.join("\n");
      if (shown !== lastShown || lines.some((l) => l.startsWith("claimed") || l.startsWith("lost"))) {
        for (const line of lines) print(`block ${block}: ${line}`);
        lastShown = shown;
      }
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, opts.pollMs ?? 1_000);
      signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
    });
  }
  print(`stopped after block ${lastBlock}; ${claims} claim(s) made`);
  return claims;
}

/** An ERC-2612 permit for `value` when the token has one (ZK does), else undefined (then approve exactly). */
async function permitFor(
  zk: Awaited<ReturnType<ReturnType<typeof contractsOf>["tokenAt"]>>,
  signer: Signer,
  spender: string,
  value: bigint,
  deadline: bigint,
) {
  const withPermit = new ethers.Contract(
    await zk.getAddress(),
    ["function nonces(address) view returns (uint256)", "function DOMAIN_SEPARATOR() view returns (bytes32)"],
    signer,
  );
  try {
    await withPermit.DOMAIN_SEPARATOR();
  } catch {
    return undefined;
  }
  const { signPermit } = await import("../../tools/permit");
  const p = await signPermit(
    signer,
    withPermit as unknown as Parameters<typeof signPermit>[1],
    spender,
    value,
    deadline,
  );
  return { value: p.value, deadline: p.deadline, v: p.v, r: p.r, s: p.s };
}

/**
 * What a failed claim means: a race lost to another claim or a price change (one line with the next nonce and
 * price, nothing paid, exit code 3), or any other revert by its decoded name (exit code 1).
 */
async function raceOrError(
  error: unknown,
  auction: ReturnType<typeof contractsOf>["auction"],
  plan: { nonce: bigint; price: bigint },
  zk: { allowance(owner: string, spender: string): Promise<bigint> },
  me: string,
): Promise<Error> {
  const { revertData } = await import("../../lib/revert");
  const data = revertData(error);
  const parsed = data ? auction.interface.parseError(data) : null;
  // As the next block will see them: a claim already waiting in the pool has moved the nonce there.
  const [nonce, price] = await Promise.all([
    auction.nonce({ blockTag: "pending" }),
    auction.price({ blockTag: "pending" }),
  ]);
  const left = await zk.allowance(me, await auction.getAddress());
  const allowanceNote = left === 0n ? "no allowance left" : `allowance left: ${zkText(left)}`;
  const raced = parsed
    ? ["FeeFlowAuctionNonceMismatch", "FeeFlowAuctionPriceAboveMax"].includes(parsed.name)
    : nonce !== plan.nonce;
  if (raced) {
    const what =
      price !== plan.price
        ? `the price moved from ${zkText(plan.price)} to ${zkText(price)}`
        : `someone claimed nonce ${plan.nonce} first`;
    return new LostRace(`${what}; nothing was paid (${allowanceNote}); next nonce ${nonce}, price ${zkText(price)}`);
  }
  const name = parsed
    ? `${parsed.name}(${parsed.args.map(String).join(", ")})`
    : (error as Error).message.split("\n")[0];
  return new UserError(`the claim reverted: ${name}; nothing was paid (${allowanceNote})`);
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
  const bundlesToSend = Math.ceil(calls / 10);
  print(
    `playing the ${scenario.name} day at 1/${scale} on ${hre.network.name}: ${calls} calls in ${bundlesToSend} bundles, ` +
      `real transactions from ${me} paying ${hre.ethers.formatEther(fee * BigInt(calls))} ZK of fees`,
  );
  if ((await zk.allowance(me, await center.getAddress())) < fee * BigInt(calls)) {
    await (await zk.approve(await center.getAddress(), hre.ethers.MaxUint256)).wait();
  }
  const { chainId } = await payer.provider!.getNetwork();
  const destination = erc7930(chainId + 1n);
  const target = erc7930(undefined, "0x000000000000000000000000000000000000dEaD");
  const distributorAddress = await distributor.getAddress();
  if ((await zk.balanceOf(distributorAddress)) > (await distributor.RETAINED_BALANCE())) {
    await (await distributor.distribute()).wait();
  }
  const [supplyBefore, paidBefore, heldBefore] = [
    await zk.totalSupply(),
    await distributor.totalPaid(),
    await zk.balanceOf(distributorAddress),
  ];
  let left = calls;
  let bundles = 0;
  let lastReport = Date.now();
  while (left > 0) {
    const n = Math.min(10, left);
    const list = Array.from({ length: n }, () => ({ to: target, data: "0x", callAttributes: [] }));
    await (await center.sendBundle(destination, list, [attr.useFixedFee(true)])).wait();
    left -= n;
    bundles++;
    if (Date.now() - lastReport > 10_000) {
      print(`  ${bundles} of ${bundlesToSend} bundles sent`);
      lastReport = Date.now();
    }
  }
  // V31 keeps the fees in the InteropCenter for the block's coinbase (the collector): sweep them on.
  const swept = await sweepFees(deployment, payer, print);
  if (swept.zk !== fee * BigInt(calls)) {
    throw new UserError(
      `the sweep took ${hre.ethers.formatEther(swept.zk)} ZK of the ${hre.ethers.formatEther(fee * BigInt(calls))} ZK of fees: this chain's coinbase is not the collector`,
    );
  }
  await (await distributor.distribute()).wait();
  const burned = supplyBefore - (await zk.totalSupply());
  const paid = (await distributor.totalPaid()) - paidBefore;
  // The distributor keeps RETAINED_BALANCE (1 wei) after each distribution: what it holds more than before was
  // consumed too and goes with the next distribution.
  const retained = (await zk.balanceOf(distributorAddress)) - heldBefore;
  const expected = (fee * BigInt(scenario.callsPerDay)) / BigInt(scale);
  const matches = burned + paid + retained === expected;
  const f = hre.ethers.formatEther;
  const keptText = retained === 0n ? "" : `, kept for the next distribution ${retained} wei`;
  print(
    `${scenario.name} day at 1/${scale}: ${calls} calls in ${bundles} bundles; consumed ${f(burned + paid + retained)} ZK ` +
      `(burned ${f(burned)}, paid to allocations ${f(paid)}${keptText}), projection ${f(expected)} ZK: ` +
      (matches ? "match" : "MISMATCH"),
  );
  return { calls, burned, paid, retained, expected, matches };
}
