// The fee-to-burn loop, played on chain A (the Hardhat network this runs on: anvil started by demo-launch, or the
// in-process network) with interop traffic delivered to chain B (a second anvil) by the relayer. Run through
// `npm run demo`, which starts and stops the nodes.
import fs from "fs";
import path from "path";
import hre from "hardhat";
import type { Signer } from "ethers";
import { deploySuite, deploymentFile, type Suite } from "../deploy/suite";
import { NATIVE } from "../deploy/feeflow";
import { localProvider } from "./nodes";
import { Relayer } from "./relayer";
import { attr, counterPayload, erc7930 } from "./interop";
import { planClaim, type Prices } from "./feeflow/keeper";
import { sweepFees } from "./feeflow/ops";
import { buildZip, loadZip } from "./zip/zip";
import { simulate } from "./zip/lifecycle";
import { supplyChartSvg } from "./demo-chart";
import { CrossChainCounter__factory, type CrossChainCounter } from "../typechain-types";
import { unitsText } from "../lib/format";

const { ethers } = hre;
/** Exact: cut to `digits` decimals, never rounded (a wei short of 2,052 reads 2,051.99…). */
const fmt = (wei: bigint, decimals = 18, digits = 2) => unitsText(wei, decimals, digits);
let stepNo = 0;
const step = (text: string) => console.log(`\n[${++stepNo}] ${text}`);
const say = (text: string) => console.log(`    ${text}`);

interface Round {
  name: string;
  calls: number;
  bundles: number;
  nativeFees: bigint;
  zkFees: bigint;
  claims: number;
  claimPaid: bigint;
  burned: bigint;
  toStaking: bigint;
  supplyBefore: bigint;
  supplyAfter: bigint;
}

async function main() {
  const started = Date.now();
  const bUrl = process.env.DEMO_CHAIN_B_URL;
  const bId = Number(process.env.DEMO_CHAIN_B_ID ?? 0);
  const aId = Number((await ethers.provider.getNetwork()).chainId);
  console.log(
    "zknomics demo: interop fees → fixed-price auction → distributor → burn, and a ZIP that changes the split",
  );
  if (hre.network.name === "hardhat") {
    say("anvil could not be started here, so chain A is the in-process Hardhat network and there is no chain B:");
    say("bundles are sent and charged, but not delivered.");
  }

  step(`Deploying the suite on chain A (${aId})${bUrl ? ` and chain B (${bId})` : ""}`);
  const signers = await ethers.getSigners();
  // With --keep the chains outlive the demo: record their deployments for the dashboard and the other tools.
  const keepFile = (name: string) => {
    if (!process.env.DEMO_KEEP) return undefined;
    const file = deploymentFile(name);
    fs.rmSync(file, { force: true });
    return file;
  };
  const A: Suite = await deploySuite(hre, { file: keepFile("demo-a") });
  say(
    `chain A: ${Object.keys(A.deployment.contracts).length} contracts, every setter handed to the timelock, read-back check passed`,
  );
  let B: Suite | undefined;
  let counter: CrossChainCounter | undefined;
  let relayer: Relayer | undefined;
  let providerA: ReturnType<typeof localProvider> | undefined;
  let providerB: ReturnType<typeof localProvider> | undefined;
  if (bUrl) {
    providerB = localProvider(bUrl, bId);
    B = await deploySuite(hre, { signer: await providerB.getSigner(0), network: "anvil", file: keepFile("demo-b") });
    say(`chain B: ${Object.keys(B.deployment.contracts).length} contracts, read-back check passed`);
    counter = await new CrossChainCounter__factory(await providerB.getSigner(0)).deploy(
      await B.handler.getAddress(),
      await B.center.getAddress(),
      1_000n,
    );
    await counter.waitForDeployment();
    say(`sample app on B: CrossChainCounter at ${await counter.getAddress()}`);
    providerA = localProvider((hre.network.config as { url: string }).url, aId);
    const chain = async (name: string, s: Suite, provider: ReturnType<typeof localProvider>, id: number) => ({
      name,
      chainId: BigInt(id),
      provider,
      signer: await provider.getSigner(2),
      center: await s.center.getAddress(),
      handler: await s.handler.getAddress(),
      verifier: s.verifier,
      fromBlock: s.deployment.startBlock,
    });
    relayer = new Relayer([await chain("A", A, providerA, aId), await chain("B", B, providerB, bId)], {
      // Routine steps stay quiet; anything unusual (a failing call, a skipped bundle) is shown.
      log: (line) => {
        if (!/ executed in tx |^watching /.test(line)) say(`relayer: ${line}`);
      },
    });
  }

  step("Handing out ZK: four users, an enterprise with mock USDC, a searcher, a staker");
  const [deployer] = signers;
  const users = signers.slice(3, 7);
  const [enterprise, searcher, staker] = [
    signers[10] ?? signers[7],
    signers[11] ?? signers[8],
    signers[12] ?? signers[9],
  ];
  const collectorAddress = await A.collector.getAddress();
  for (const u of [...users, searcher, staker]) {
    await (await A.token.connect(deployer).transfer(u.address, ethers.parseEther("2000000"))).wait();
  }
  for (const u of users)
    await (await A.token.connect(u).approve(await A.center.getAddress(), ethers.MaxUint256)).wait();
  if (counter) {
    // The sample app on B hears only the demo's users on A.
    for (const u of users) await (await counter.setTrustedSender(aId, u.address, true)).wait();
  }
  await (await A.token.connect(searcher).approve(await A.auction.getAddress(), ethers.MaxUint256)).wait();
  await (await A.mocks.USDC.connect(deployer).mint(enterprise.address, 1_000_000n * 10n ** 6n)).wait();
  await (await A.mocks.USDC.connect(enterprise).approve(collectorAddress, ethers.MaxUint256)).wait();
  say(`each user holds 2,000,000 ZK and approved the InteropCenter for ZK-mode fees`);

  const prices: Prices = { zk: 0.05, assets: { [NATIVE]: 3_000, [await A.mocks.USDC.getAddress()]: 1 } };
  say(`assumed prices for the searcher: ZK $${prices.zk}, ETH $3,000, USDC $1`);

  const rounds: Round[] = [];
  const distributorAddress = await A.distributor.getAddress();
  const heldAtStart = await A.token.balanceOf(distributorAddress);
  const playRound = async (name: string, licence: bigint) => {
    const supplyBefore = await A.token.totalSupply();
    const round: Round = {
      name,
      calls: 0,
      bundles: 0,
      nativeFees: 0n,
      zkFees: 0n,
      claims: 0,
      claimPaid: 0n,
      burned: 0n,
      toStaking: 0n,
      supplyBefore,
      supplyAfter: 0n,
    };
    const destination = bUrl ? bId : aId + 1;
    const target = counter ? await counter.getAddress() : ethers.Wallet.createRandom().address;
    step(`${name}: users send interop bundles A → B in both fee modes`);
    const baseFee = await A.collector.baseFeePerCall();
    const zkFee = await A.collector.zkFeePerCall();
    for (const [i, user] of users.entries()) {
      for (const inZk of [false, true]) {
        const n = i + 1 + (inZk ? 1 : 0);
        const calls = Array.from({ length: n }, () => ({
          to: erc7930(undefined, target),
          data: counterPayload(1),
          callAttributes: [],
        }));
        const value = inZk ? 0n : baseFee * BigInt(n);
        await (
          await A.center.connect(user).sendBundle(erc7930(destination), calls, [attr.useFixedFee(inZk)], { value })
        ).wait();
        round.calls += n;
        round.bundles += 1;
        if (inZk) round.zkFees += zkFee * BigInt(n);
        else round.nativeFees += value;
      }
    }
    say(
      `${round.bundles} bundles, ${round.calls} calls: ${fmt(round.nativeFees, 18, 6)} ETH of native fees and ${fmt(round.zkFees)} ZK of ZK fees kept in the InteropCenter for the block's coinbase, the collector (as V31 keeps them)`,
    );
    const swept = await sweepFees(A.deployment, users[0], () => undefined);
    say(
      `anyone sweeps: ${fmt(swept.native, 18, 6)} ETH into the collector for auction, ${fmt(swept.zk)} ZK on to the distributor (collector.sweep)`,
    );
    if (relayer && counter) {
      const before = await counter.count();
      const executed = await relayer.relayUntilIdle();
      say(`relayer delivered ${executed} bundles; the counter on B went ${before} → ${await counter.count()}`);
    }

    step(`${name}: an enterprise pays a licence of ${fmt(licence, 6)} USDC into the collector`);
    await (
      await A.collector
        .connect(enterprise)
        .depositRevenue(await A.mocks.USDC.getAddress(), licence, ethers.id(`licence/${name}`))
    ).wait();

    step(`${name}: a searcher checks the auction and claims if it pays`);
    const gasPrice = (await ethers.provider.getFeeData()).gasPrice ?? 1n;
    const plan = await planClaim(A.auction, prices, { gasPrice, claimable: [NATIVE, await A.mocks.USDC.getAddress()] });
    for (const line of plan.lines) say(`pool: ${line}`);
    say(
      `pool worth $${plan.poolUsd.toFixed(2)}; price ${fmt(plan.price)} ZK + gas + 5% margin = $${plan.costUsd.toFixed(2)}; nonce ${plan.nonce}`,
    );
    if (plan.profitable) {
      const deadline = BigInt((await ethers.provider.getBlock("latest"))!.timestamp) + 600n;
      const tx = await A.auction
        .connect(searcher)
        .claim(plan.requests, searcher.address, plan.nonce, plan.price, deadline);
      const receipt = (await tx.wait())!;
      round.claims += 1;
      round.claimPaid += plan.price;
      say(
        `claimed for ${fmt(plan.price)} ZK (profit ≈ $${plan.profitUsd.toFixed(2)}), ${receipt.gasUsed} gas; the ZK went to the distributor`,
      );
    } else {
      say("not worth it yet; no claim");
    }

    step(`${name}: anyone calls distribute()`);
    const burnedBefore = await A.distributor.totalBurned();
    const stakingBefore = await A.distributor.paidTo(await A.staking.getAddress());
    await (await A.distributor.connect(users[0]).distribute()).wait();
    round.burned = (await A.distributor.totalBurned()) - burnedBefore;
    round.toStaking = (await A.distributor.paidTo(await A.staking.getAddress())) - stakingBefore;
    round.supplyAfter = await A.token.totalSupply();
    say(
      `burned ${fmt(round.burned)} ZK${round.toStaking ? `, paid ${fmt(round.toStaking)} ZK to staking rewards` : ""}; supply ${fmt(supplyBefore, 18, 0)} → ${fmt(round.supplyAfter, 18, 0)} ZK`,
    );
    rounds.push(round);
  };

  await playRound("Round 1", 25_000n * 10n ** 6n);

  step("Governance: the ZIP proposals/staking-80-20.json moves 20% of the flow to staking rewards");
  const built = await buildZip(
    hre,
    loadZip(path.join(__dirname, "..", "proposals", "staking-80-20.json")),
    A.deployment,
  );
  await simulate(hre, built, A.deployment, (line) => say(line));
  await (await A.token.connect(staker).approve(await A.staking.getAddress(), ethers.MaxUint256)).wait();
  await (await A.staking.connect(staker).stake(ethers.parseEther("1000000"), signers[1].address)).wait();
  say("a staker stakes 1,000,000 ZK, keeping its votes with a delegate");

  await playRound("Round 2", 40_000n * 10n ** 6n);

  step("Summary");
  const table = rounds.map((r) => ({
    round: r.name,
    bundles: r.bundles,
    calls: r.calls,
    "native fees (ETH)": fmt(r.nativeFees, 18, 6),
    "ZK fees": fmt(r.zkFees),
    claims: r.claims,
    "ZK paid for claims": fmt(r.claimPaid),
    "ZK burned": fmt(r.burned),
    "ZK to staking": fmt(r.toStaking),
    "supply before": fmt(r.supplyBefore, 18, 0),
    "supply after": fmt(r.supplyAfter, 18, 0),
  }));
  console.table(table);
  const paid = rounds.reduce((a, r) => a + r.zkFees + r.claimPaid, 0n);
  const toStaking = rounds.reduce((a, r) => a + r.toStaking, 0n);
  const drop = rounds[0].supplyBefore - rounds[rounds.length - 1].supplyAfter;
  // distribute() keeps 1 wei (RETAINED_BALANCE) so the next claim pays into a non-empty balance.
  const kept = (await A.token.balanceOf(distributorAddress)) - heldAtStart;
  say(
    `ZK paid (fees + claim prices) ${fmt(paid, 18, 18)} − paid to staking ${fmt(toStaking, 18, 18)} − kept by the ` +
      `distributor for its next distribution ${kept} wei = ${fmt(paid - toStaking - kept, 18, 18)} ZK`,
  );
  say(`supply drop                                   = ${fmt(drop, 18, 18)} ZK`);
  if (drop !== paid - toStaking - kept) {
    throw new Error("the supply drop does not equal the ZK paid less the staking share and the distributor's 1 wei");
  }
  const distributedAfterZip = rounds[rounds.length - 1].burned + rounds[rounds.length - 1].toStaking;
  say(
    `the supply fell by exactly the ZK paid less what went to staking and the distributor's 1 wei; after the ZIP, staking took ` +
      `${((Number(rounds[rounds.length - 1].toStaking) / Number(distributedAfterZip)) * 100).toFixed(2)}% of the ` +
      `ZK distributed (the ZIP's 20%, dust burned), ${((Number(toStaking) / Number(paid)) * 100).toFixed(2)}% of all ZK paid over both rounds`,
  );
  say(
    `staking rewards notified: ${fmt(await A.staking.totalRewardsNotified())} ZK, streaming over ${Number(await A.staking.rewardDuration()) / 86_400} days`,
  );

  const { file: report, seconds } = await writeReport(rounds, table, {
    paid,
    toStaking,
    drop,
    kept,
    started,
    chains: bUrl ? `A ${aId}, B ${bId} (anvil)` : `A ${aId} (in-process)`,
  });
  step(`Report written to ${report} (${seconds} s from the first deploy to the report; the nodes were already up)`);
  providerA?.destroy();
  providerB?.destroy();
}

async function writeReport(
  rounds: Round[],
  table: Record<string, string | number>[],
  t: { paid: bigint; toStaking: bigint; drop: bigint; kept: bigint; started: number; chains: string },
): Promise<{ file: string; seconds: string }> {
  const dir = path.join(__dirname, "..", "reports");
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const rows = [
    { round: "start", supply: Number(ethers.formatEther(rounds[0].supplyBefore)), burned: 0 },
    ...rounds.map((r, i) => ({
      round: r.name,
      supply: Number(ethers.formatEther(r.supplyAfter)),
      burned: Number(ethers.formatEther(rounds.slice(0, i + 1).reduce((a, x) => a + x.burned, 0n))),
    })),
  ];
  const svgName = `demo-${stamp}.svg`;
  fs.writeFileSync(path.join(dir, svgName), await supplyChartSvg(rows));
  // Measured once the chart is rendered: the time until this report exists, the nodes' start-up excluded.
  const seconds = ((Date.now() - t.started) / 1000).toFixed(1);
  const headers = Object.keys(table[0]);
  const md = [
    `# zknomics demo, ${new Date().toISOString()}`,
    "",
    `Chains: ${t.chains}. Wall time from the first deploy to this report: ${seconds} s (node start-up not included).`,
    "",
    `| ${headers.join(" | ")} |`,
    `|${headers.map(() => "---").join("|")}|`,
    ...table.map((r) => `| ${headers.map((h) => r[h]).join(" | ")} |`),
    "",
    `ZK paid (fees + claim prices): ${ethers.formatEther(t.paid)}; paid to staking: ${ethers.formatEther(t.toStaking)};`,
    `supply drop: ${ethers.formatEther(t.drop)} ZK (equal to the ZK paid less the staking share and the ${t.kept} wei ` +
      "the distributor keeps for its next distribution).",
    "",
    `![supply and cumulative burn per round](${svgName})`,
    "",
  ].join("\n");
  const file = path.join(dir, `demo-${stamp}.md`);
  fs.writeFileSync(file, md);
  return { file: path.relative(process.cwd(), file), seconds };
}

main().catch((error) => {
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});

export type { Signer };
