import fs from "fs";
import { task } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeploymentFile } from "../deploy/recorder";

async function deploymentFor(hre: HardhatRuntimeEnvironment): Promise<DeploymentFile> {
  const { loadDeployment } = await import("../deploy/load");
  return loadDeployment(hre, ["FeeFlowAuction", "InteropFeeCollector", "FeeDistributor", "InteropCenter"]);
}

/** The task's action behind the one-line error handling of every operator task. */
function action<A>(fn: (args: A, hre: HardhatRuntimeEnvironment) => Promise<void>) {
  return async (args: A, hre: HardhatRuntimeEnvironment) => {
    const { cliAction } = await import("../scripts/cli");
    await cliAction(fn)(args, hre);
  };
}

task("feeflow:status", "Price, nonce, claimable balances, pause, allocations and burn totals").setAction(
  action(async (_, hre) => {
    const { feeFlowStatus } = await import("../scripts/feeflow/ops");
    const deployment = await deploymentFor(hre);
    const [signer] = await hre.ethers.getSigners();
    await feeFlowStatus(deployment, signer ?? hre.ethers.provider, (l) => console.log(l));
  }),
);

task("feeflow:keeper", "Claims when the pool is worth more than price + gas + margin (prices given, no API)")
  .addOptionalParam("prices", 'JSON file: { "zk": 0.05, "assets": { "<address|symbol|native>": usd } }')
  .addOptionalParam("zkUsd", "USD price of ZK")
  .addOptionalParam("nativeUsd", "USD price of the native token")
  .addOptionalParam("asset", "More prices: USDC=1,WETH=3000 (a symbol of the deployment or an address)", "")
  .addOptionalParam("marginBps", "Required margin over cost, in bps (0 to 10,000)", "500")
  .addFlag("dryRun", "Only say what it would do")
  .addFlag("skipRecord", "Do not count the governor's finished proposals for the staking pilot")
  .addOptionalParam("account", "Which of the node's accounts claims (an index; default 0)", "0")
  .addFlag("watch", "Keep going: re-quote on every new block and claim when profitable, until Ctrl-C")
  .addOptionalParam("pollMs", "With --watch: how often to look for a new block, in ms", "1000")
  .setAction(
    action(async (args: Record<string, unknown>, hre) => {
      const { keep, parsePrices } = await import("../scripts/feeflow/ops");
      const { UserError } = await import("../scripts/cli");
      const { usdPrice, wholeNumber } = await import("../lib/args");
      // Every typed number first: a mistake costs no RPC call.
      const zkUsd = args.zkUsd === undefined ? undefined : usdPrice("--zk-usd", args.zkUsd);
      const nativeUsd = args.nativeUsd === undefined ? undefined : usdPrice("--native-usd", args.nativeUsd, true);
      const marginBps = wholeNumber("margin-bps", args.marginBps, 0, 10_000);
      const pollMs = wholeNumber("poll-ms", args.pollMs, 100);
      const deployment = await deploymentFor(hre);
      const signers = await hre.ethers.getSigners();
      const index = String(args.account);
      if (!/^\d+$/.test(index) || Number(index) >= signers.length)
        throw new UserError(
          `--account must be an index below ${signers.length} (the accounts this network has), not ${index}`,
        );
      const signer = signers[Number(index)];
      const prices = await parsePrices(
        {
          file: args.prices as string | undefined,
          zkUsd,
          nativeUsd,
          asset: String(args.asset ?? ""),
        },
        deployment,
        signer,
      );
      const opts = { dryRun: Boolean(args.dryRun), marginBps };
      const staking = deployment.contracts.ZkStakingRewards;
      if (args.watch) {
        if (staking && !args.skipRecord) {
          const { recordCountable } = await import("../scripts/staking/record");
          await recordCountable(
            staking.address,
            signer,
            { fromBlock: deployment.startBlock, dryRun: opts.dryRun },
            (l) => console.log(`staking: ${l}`),
          );
        }
        const { watchKeep } = await import("../scripts/feeflow/ops");
        const stop = new AbortController();
        process.once("SIGINT", () => stop.abort());
        process.once("SIGTERM", () => stop.abort());
        await watchKeep(deployment, signer, prices, { ...opts, pollMs }, (l) => console.log(l), stop.signal);
        return;
      }
      await keep(deployment, signer, prices, opts, (l) => console.log(l));
      if (staking && !args.skipRecord) {
        // Upkeep of the staking pilot's active-representative rule: every countable proposal, in bounded spans.
        const { recordCountable } = await import("../scripts/staking/record");
        await recordCountable(
          staking.address,
          signer,
          { fromBlock: deployment.startBlock, dryRun: Boolean(args.dryRun) },
          (l) => console.log(`staking: ${l}`),
        );
      }
    }),
  );

task(
  "feeflow:sweep",
  "Claims into the collector the interop fees the InteropCenter keeps for it (V31 keeps them per coinbase); anyone may",
).setAction(
  action(async (_, hre) => {
    const { sweepFees } = await import("../scripts/feeflow/ops");
    const { UserError } = await import("../scripts/cli");
    const deployment = await deploymentFor(hre);
    const [signer] = await hre.ethers.getSigners();
    if (!signer) throw new UserError(`no account for ${hre.network.name}: set DEPLOYER_PRIVATE_KEY`);
    await sweepFees(deployment, signer, (l) => console.log(l));
  }),
);

/** The first account of the network, or one line saying there is none. */
async function firstSigner(hre: HardhatRuntimeEnvironment) {
  const { UserError } = await import("../scripts/cli");
  const [signer] = await hre.ethers.getSigners();
  if (!signer) throw new UserError(`no account for ${hre.network.name}: set DEPLOYER_PRIVATE_KEY`);
  return signer;
}

task("feeflow:distribute", "Burns and pays what the distributor holds, by its allocations (anyone may)").setAction(
  action(async (_, hre) => {
    const { distributeNow } = await import("../scripts/feeflow/steps");
    const deployment = await deploymentFor(hre);
    await distributeNow(deployment, await firstSigner(hre), (l) => console.log(l));
  }),
);

task("feeflow:deposit", "Pays revenue (a licence, an off-chain fee) into the collector, tagged with a reference")
  .addParam("asset", "native, ZK, a claimable asset's symbol (USDC) or an address")
  .addParam("amount", "How much, in the asset's units (5000 for 5,000 USDC)")
  .addOptionalParam("ref", "A reference for accounting, at most 32 characters", "revenue")
  .setAction(
    action(async (args: { asset: string; amount: string; ref: string }, hre) => {
      const { depositNow } = await import("../scripts/feeflow/steps");
      const deployment = await deploymentFor(hre);
      await depositNow(deployment, await firstSigner(hre), args, (l) => console.log(l));
    }),
  );

for (const [name, pause] of [
  ["feeflow:pause", true],
  ["feeflow:unpause", false],
] as const) {
  task(name, pause ? "Stops claims (the guardian or governance)" : "Resumes claims (governance only)").setAction(
    action(async (_, hre) => {
      const { setPaused } = await import("../scripts/feeflow/steps");
      const deployment = await deploymentFor(hre);
      await setPaused(deployment, await firstSigner(hre), pause, (l) => console.log(l));
    }),
  );
}

task("staking:poke", "Re-reads a stake's delegatee status, for a tip from its rewards (anyone may)")
  .addParam("account", "The staker to poke")
  .setAction(
    action(async (args: { account: string }, hre) => {
      const { pokeNow } = await import("../scripts/feeflow/steps");
      const deployment = await deploymentFor(hre);
      await pokeNow(deployment, await firstSigner(hre), args.account, (l) => console.log(l));
    }),
  );

task("interop:recipient", "Deploys the sample ERC-7786 recipient (CrossChainCounter) trusting the senders given")
  .addOptionalParam("trust", "Senders it hears: CHAIN_ID:ADDRESS, comma-separated", "")
  .addOptionalParam("at", "Add the trust to this existing counter instead of deploying one")
  .addOptionalParam("maxIncrement", "The largest increment one message may carry", "1000")
  .setAction(
    action(async (args: { trust: string; at?: string; maxIncrement: string }, hre) => {
      const { recipientNow } = await import("../scripts/feeflow/steps");
      const { loadDeployment } = await import("../deploy/load");
      const deployment = await loadDeployment(hre, ["InteropHandler", "InteropCenter"]);
      await recipientNow(deployment, await firstSigner(hre), args, (l) => console.log(l));
    }),
  );

task(
  "staking:record",
  "Counts every finished proposal of the staking pilot's governor that reached quorum (any order; bounded log spans)",
)
  .addOptionalParam("fromBlock", "First block to look for proposals in (default: the deployment's first block)")
  .addOptionalParam("maxSpan", "The largest eth_getLogs span, in blocks", "10000")
  .addFlag("dryRun", "Only say what it would count")
  .setAction(
    action(async (args: { fromBlock?: string; maxSpan: string; dryRun: boolean }, hre) => {
      const { UserError } = await import("../scripts/cli");
      const deployment = await deploymentFor(hre);
      const staking = deployment.contracts.ZkStakingRewards;
      if (!staking) throw new UserError(`the deployment for ${hre.network.name} has no ZkStakingRewards`);
      const whole = (name: string, value: string, min: number) => {
        if (!/^\d+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value)))
          throw new UserError(`--${name} must be a whole number ≥ ${min}, not ${value}`);
        return Number(value);
      };
      const fromBlock = args.fromBlock === undefined ? deployment.startBlock : whole("from-block", args.fromBlock, 0);
      const maxSpan = whole("max-span", args.maxSpan, 1);
      const [signer] = await hre.ethers.getSigners();
      if (!signer && !args.dryRun) throw new UserError(`no account for ${hre.network.name}: set DEPLOYER_PRIVATE_KEY`);
      const { recordCountable } = await import("../scripts/staking/record");
      // A dry run reads only: no key needed.
      const runner = signer ?? new hre.ethers.VoidSigner(hre.ethers.ZeroAddress, hre.ethers.provider);
      await recordCountable(staking.address, runner, { fromBlock, maxSpan, dryRun: args.dryRun }, console.log);
    }),
  );

task("feeflow:simulate", "The V31 burn projection, checked against an on-chain run of a scaled-down day")
  .addOptionalParam("scenario", "Which scenario to play on-chain", "Conservative")
  .addOptionalParam("scale", "Scale-down factor for the on-chain day (1 to 1,000,000)", "100")
  .setAction(
    action(async (args: { scenario: string; scale: string }, hre) => {
      const { SCENARIOS, printProjection, projection, scaledDay, contractsOf, maxSupplyOf } =
        await import("../scripts/feeflow/ops");
      const { UserError } = await import("../scripts/cli");
      const scenario = SCENARIOS.find((s) => s.name.toLowerCase() === String(args.scenario).toLowerCase());
      if (!scenario) throw new UserError(`--scenario must be one of ${SCENARIOS.map((s) => `"${s.name}"`).join(", ")}`);
      const { wholeNumber } = await import("../lib/args");
      const scale = wholeNumber("scale", args.scale, 1, 1_000_000);
      if (Math.round(scenario.callsPerDay / scale) < 1)
        throw new UserError(
          `--scale ${scale} leaves no call of the ${scenario.name} day's ${scenario.callsPerDay.toLocaleString("en-US")}: ` +
            `give at most ${Math.floor(scenario.callsPerDay * 2).toLocaleString("en-US")}`,
        );
      const deployment = await deploymentFor(hre);
      const [signer] = await hre.ethers.getSigners();
      const { collector } = contractsOf(deployment, signer);
      const zk = await contractsOf(deployment, signer).tokenAt();
      const fee = await collector.zkFeePerCall();
      console.log(`projection at ${hre.ethers.formatEther(fee)} ZK per call:`);
      printProjection(projection(fee, (await maxSupplyOf(zk)).cap), (l) => console.log(l));
      const { matches } = await scaledDay(hre, deployment, signer, scenario, scale, (l) => console.log(l));
      if (!matches) process.exitCode = 1;
    }),
  );
