import fs from "fs";
import path from "path";
import { task, types } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeploymentFile } from "../deploy/recorder";

async function context(hre: HardhatRuntimeEnvironment, zipFile: string, needsKey = true) {
  const { loadZip, buildZip, ZipError } = await import("../scripts/zip/zip");
  const { loadDeployment } = await import("../deploy/load");
  const zip = loadZip(path.resolve(zipFile));
  const deployment: DeploymentFile = await loadDeployment(hre, ["ZkTimelock"]);
  const signers = await hre.ethers.getSigners();
  if (signers.length === 0 && needsKey) {
    throw new ZipError(`no account for ${hre.network.name}: set DEPLOYER_PRIVATE_KEY in the environment`);
  }
  return { zip, deployment, built: await buildZip(hre, zip, deployment), signer: signers[0] };
}

/** Refuses, with `message`, a network whose node cannot impersonate accounts or move its clock. */
async function requireLocalNode(hre: HardhatRuntimeEnvironment, message: string) {
  const { LOCAL_NETWORKS } = await import("../scripts/zip/preflight");
  if (LOCAL_NETWORKS.includes(hre.network.name)) return;
  const { ZipError } = await import("../scripts/zip/zip");
  throw new ZipError(message);
}

/** Runs a ZIP task: a ZipError (or any mistake of input) is one line with a non-zero exit. */
function run(
  action: (args: { zip: string } & Record<string, unknown>, hre: HardhatRuntimeEnvironment) => Promise<void>,
) {
  return async (args: { zip: string } & Record<string, unknown>, hre: HardhatRuntimeEnvironment) => {
    const { cliAction } = await import("../scripts/cli");
    await cliAction(action)(args, hre);
  };
}

task("zip:build", "Resolves, ABI-encodes and renders a ZIP; writes the proposal JSON")
  .addParam("zip", "The ZIP file (proposals/*.json)")
  .addOptionalParam("out", "Where to write the proposal JSON (default proposals/build/<name>.<network>.json)")
  .setAction(
    run(async (args, hre) => {
      const { builtToJson, tallyBundle } = await import("../scripts/zip/zip");
      const { requirePreflight } = await import("../scripts/zip/preflight");
      const { built, deployment } = await context(hre, args.zip, false);
      const out =
        (args.out as string | undefined) ??
        path.join(
          "proposals",
          "build",
          // Built for a deployment: named after its record when DEPLOYMENT_NAME names one, else after the network.
          `${path.basename(args.zip, ".json")}.${path.basename(process.env.DEPLOYMENT_NAME ?? hre.network.name, ".json")}.json`,
        );
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, builtToJson(built) + "\n");
      console.log(`governor:    ${built.governor}`);
      console.log(`proposal id: ${built.proposalId}`);
      built.targets.forEach((t, i) => {
        console.log(`action ${i + 1}: target ${t} value ${built.values[i]}`);
        console.log(`  ${built.actionLines[i]}`);
        console.log(`  calldata ${built.calldatas[i]}`);
      });
      console.log(`\n${built.description}`);
      console.log(`written to ${out}`);
      console.log("\nTally / multisig bundle (the governor's propose arguments):");
      console.log(tallyBundle(built));
      await requirePreflight(hre, built, deployment, (line) => console.log(line));
    }),
  );

task("zip:simulate", "Runs a ZIP end to end on a local node: delegates, propose, vote, queue, execute")
  .addParam("zip", "The ZIP file (proposals/*.json)")
  .addFlag("keep", "Keep the chain as the simulation leaves it (by default it is rolled back)")
  .setAction(
    run(async (args, hre) => {
      const { simulate } = await import("../scripts/zip/lifecycle");
      await requireLocalNode(hre, `zip:simulate travels in time and needs a local node, not ${hre.network.name}`);
      const { built, deployment } = await context(hre, args.zip);
      console.log(`simulating "${built.zip.title}" (proposal ${built.proposalId}) on ${hre.network.name}`);
      const snapshot = args.keep ? undefined : await hre.network.provider.send("evm_snapshot", []);
      try {
        const { requirePreflight } = await import("../scripts/zip/preflight");
        await requirePreflight(hre, built, deployment, (line) => console.log(line));
        await simulate(hre, built, deployment, (line) => console.log(line));
        console.log("simulation passed");
      } finally {
        if (snapshot !== undefined) {
          await hre.network.provider.send("evm_revert", [snapshot]);
          console.log("the chain was rolled back to before the simulation (--keep keeps it)");
        } else {
          console.log("the chain keeps the simulation's changes (--keep)");
        }
      }
    }),
  );

for (const [name, what] of [
  ["propose", "Submits the ZIP to the governor (in propose-guarded mode, only the propose guardian can)"],
  ["queue", "Queues a succeeded ZIP in the timelock"],
  ["execute", "Executes a queued ZIP once its delay has passed"],
  ["cancel", "Cancels a ZIP: the proposer while Pending or the proposal guardian; on ZK Nation the veto guardian"],
] as const) {
  task(`zip:${name}`, what)
    .addParam("zip", "The ZIP file (proposals/*.json)")
    .setAction(
      run(async (args, hre) => {
        const lifecycle = await import("../scripts/zip/lifecycle");
        const { built, signer, deployment } = await context(hre, args.zip);
        const print = (line: string) => console.log(line);
        if (name === "propose") {
          const { requirePreflight } = await import("../scripts/zip/preflight");
          await requirePreflight(hre, built, deployment, print);
        }
        await lifecycle[name](hre, built, signer, print);
        if (name === "execute") await lifecycle.recordInStaking(hre, built, deployment, signer, print);
      }),
    );
}

task("zip:advance", "On a local node: moves time to the ZIP's next step (vote opens, vote ends, timelock delay over)")
  .addParam("zip", "The ZIP file (proposals/*.json)")
  .setAction(
    run(async (args, hre) => {
      const { advance } = await import("../scripts/zip/lifecycle");
      await requireLocalNode(hre, `zip:advance moves a local node's clock; ${hre.network.name}'s time moves by itself`);
      const { built } = await context(hre, args.zip, false);
      await advance(hre, built, (line) => console.log(line));
    }),
  );

task("zip:status", "Shows the state, votes and quorum of a ZIP (reads only: no key needed)")
  .addParam("zip", "The ZIP file (proposals/*.json)")
  .setAction(
    run(async (args, hre) => {
      const { status } = await import("../scripts/zip/lifecycle");
      const { built } = await context(hre, args.zip, false);
      await status(hre, built, hre.ethers.provider, (line) => console.log(line));
    }),
  );

task("zip:delegate", "Delegates the signer's ZK votes (to itself unless --to names someone)")
  .addParam("zip", "Any ZIP file of this network's deployment (it names the governor and so the token)")
  .addOptionalParam("to", "The delegatee's address (default: the signer)")
  .setAction(
    run(async (args, hre) => {
      const { delegate } = await import("../scripts/zip/lifecycle");
      const { built, signer } = await context(hre, args.zip);
      await delegate(hre, built, signer, args.to as string | undefined, (line) => console.log(line));
    }),
  );

task("zip:vote", "Casts the signer's vote: --support for|against|abstain, or a split --for X --against Y --abstain Z")
  .addParam("zip", "The ZIP file (proposals/*.json)")
  .addOptionalParam("support", "for, against or abstain (the whole weight)", undefined, types.string)
  .addOptionalParam("for", 'Split vote: ZK for ("1000" or "1000 ZK")', undefined, types.string)
  .addOptionalParam("against", "Split vote: ZK against", undefined, types.string)
  .addOptionalParam("abstain", "Split vote: ZK abstaining", undefined, types.string)
  .setAction(
    run(async (args, hre) => {
      const { vote } = await import("../scripts/zip/lifecycle");
      const { ZipError, parseAmount } = await import("../scripts/zip/zip");
      const split = ["for", "against", "abstain"].filter((k) => args[k] !== undefined);
      if (split.length && args.support !== undefined) {
        throw new ZipError("give either --support or a split (--for / --against / --abstain), not both");
      }
      let support: import("../scripts/zip/lifecycle").Support;
      if (split.length) {
        const amount = (k: string) => {
          if (args[k] === undefined) return 0n;
          const text = String(args[k]);
          const value = parseAmount(/^\d+(\.\d+)?$/.test(text.trim()) ? `${text} ZK` : text);
          if (value === undefined) throw new ZipError(`--${k} must be an amount like 1000 or "1000 ZK", not "${text}"`);
          return value;
        };
        support = { for: amount("for"), against: amount("against"), abstain: amount("abstain") };
      } else {
        const text = String(args.support ?? "for").toLowerCase();
        support = ["against", "for", "abstain"].indexOf(text);
        if (support < 0) throw new ZipError(`--support must be for, against or abstain, not "${args.support}"`);
      }
      const { built, signer } = await context(hre, args.zip);
      await vote(hre, built, signer, support, (line) => console.log(line));
    }),
  );

task(
  "rehearse",
  "Stands up a local copy of ZK Nation's governance (its 4.9 Token Governor at mainnet's parameters, timelock and " +
    "token behind a proxy), joins it with the suite as on mainnet, and runs ZIPs through it end to end",
)
  .addOptionalParam(
    "zips",
    "ZIP files to run, comma-separated",
    "proposals/raise-interop-zk-fee.json,proposals/raise-quorum.json",
  )
  .addOptionalParam("out", "Folder for the rehearsal's deployment record and built proposals (default: a temp folder)")
  .setAction(
    run(async (args, hre) => {
      const { rehearse } = await import("../scripts/rehearsal");
      await rehearse(hre, { zips: String(args.zips), out: args.out as string | undefined }, (l) => console.log(l));
    }),
  );
