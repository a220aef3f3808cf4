import fs from "fs";
import { task, types } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeploymentFile } from "../deploy/recorder";

async function deploymentFor(hre: HardhatRuntimeEnvironment): Promise<DeploymentFile> {
  const { deploymentFile, deploySuite } = await import("../deploy/suite");
  await hre.run("compile", { quiet: true });
  if (hre.network.name === "hardhat") {
    console.log("network hardhat is in-process and empty: deploying a fresh suite for this run");
    return (await deploySuite(hre)).deployment;
  }
  const file = deploymentFile(hre.network.name);
  if (!fs.existsSync(file))
    throw new Error(`no deployment at ${file}: run npm run deploy -- --network ${hre.network.name}`);
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

task("feeflow:status", "Price, nonce, claimable balances, pause, allocations and burn totals").setAction(
  async (_, hre) => {
    const { feeFlowStatus } = await import("../scripts/feeflow/ops");
    const deployment = await deploymentFor(hre);
    const [signer] = await hre.ethers.getSigners();
    await feeFlowStatus(deployment, signer, (l) => console.log(l));
  },
);

task("feeflow:keeper", "Claims when the pool is worth more than price + gas + margin (prices given, no API)")
  .addOptionalParam("prices", 'JSON file: { "zk": 0.05, "assets": { "<address|native>": usd } }')
  .addOptionalParam("zkUsd", "USD price of ZK", undefined, types.float)
  .addOptionalParam("nativeUsd", "USD price of the native token", undefined, types.float)
  .addOptionalParam("asset", "More prices: address=usd,address=usd", "")
  .addOptionalParam("marginBps", "Required margin over cost, in bps", 500, types.int)
  .addFlag("dryRun", "Only say what it would do")
  .setAction(async (args, hre) => {
    const { keep } = await import("../scripts/feeflow/ops");
    const { NATIVE } = await import("../deploy/feeflow");
    const prices = args.prices ? JSON.parse(fs.readFileSync(args.prices, "utf8")) : { zk: args.zkUsd, assets: {} };
    if (args.zkUsd !== undefined) prices.zk = args.zkUsd;
    if (args.nativeUsd !== undefined) prices.assets[NATIVE] = args.nativeUsd;
    for (const pair of String(args.asset).split(",").filter(Boolean)) {
      const [address, usd] = pair.split("=");
      if (!hre.ethers.isAddress(address) || Number.isNaN(Number(usd))) throw new Error(`--asset: bad pair "${pair}"`);
      prices.assets[address] = Number(usd);
    }
    if (prices.assets.native !== undefined) {
      prices.assets[NATIVE] = prices.assets.native;
      delete prices.assets.native;
    }
    if (typeof prices.zk !== "number") throw new Error('a ZK price is required: --zk-usd or "zk" in --prices');
    const deployment = await deploymentFor(hre);
    const [signer] = await hre.ethers.getSigners();
    await keep(deployment, signer, prices, { dryRun: args.dryRun, marginBps: args.marginBps }, (l) => console.log(l));
  });

task("feeflow:simulate", "The V31 burn projection, checked against an on-chain run of a scaled-down day")
  .addOptionalParam("scenario", "Which scenario to play on-chain", "Conservative")
  .addOptionalParam("scale", "Scale-down factor for the on-chain day", 100, types.int)
  .setAction(async (args, hre) => {
    const { SCENARIOS, printProjection, projection, scaledDay, contractsOf, maxSupplyOf } =
      await import("../scripts/feeflow/ops");
    const deployment = await deploymentFor(hre);
    const [signer] = await hre.ethers.getSigners();
    const { collector } = contractsOf(deployment, signer);
    const zk = await contractsOf(deployment, signer).tokenAt();
    const fee = await collector.zkFeePerCall();
    console.log(`projection at ${hre.ethers.formatEther(fee)} ZK per call:`);
    printProjection(projection(fee, (await maxSupplyOf(zk)).cap), (l) => console.log(l));
    const scenario = SCENARIOS.find((s) => s.name.toLowerCase() === String(args.scenario).toLowerCase());
    if (!scenario) throw new Error(`--scenario must be one of ${SCENARIOS.map((s) => s.name).join(", ")}`);
    const { burned, expected } = await scaledDay(hre, deployment, signer, scenario, args.scale, (l) => console.log(l));
    if (burned !== expected) process.exitCode = 1;
  });
