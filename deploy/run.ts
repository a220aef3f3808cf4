// `npm run deploy -- --network <name>`: deploys (or resumes) the whole suite and writes deployments/<name>.json.
// DEPLOYMENT_NAME=<name> records it as deployments/<name>.json instead (two local chains on the same network name).
import hre from "hardhat";
import { deploySuite, deploymentFile } from "./suite";
import { zksyncSigner } from "./zksync-signer";
import { ensureReachable, UserError } from "../scripts/cli";

/** `hardhat run` forks this script: if the process that started it dies (killed, or its terminal closed), stop
 * too, rather than go on deploying unseen; the record lets the next run resume where this one stopped. */
function stopWithParent() {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) {
      console.error("error: the deploy's parent process ended; stopping (run it again to resume)");
      process.exit(1);
    }
  }, 250).unref();
}

async function main() {
  stopWithParent();
  const network = hre.network.name;
  await ensureReachable(hre);
  const name = process.env.DEPLOYMENT_NAME ?? network;
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`DEPLOYMENT_NAME must be a plain file name, not "${name}"`);
  const file = network === "hardhat" ? undefined : deploymentFile(name);
  console.log(`Deploying zknomics to ${network}${file ? `; recording in ${file}` : " (in-process, nothing recorded)"}`);
  // On ZKsync networks the EVM build is sent by a zksync-ethers wallet; elsewhere by the node's account.
  const signer = network.startsWith("zkSync") ? zksyncSigner(hre) : undefined;
  const suite = await deploySuite(hre, { file, signer, network, log: (m) => console.log(m) });
  console.log("Read-back check passed: every link and role is as intended; the deployer keeps nothing.");
  console.table(Object.fromEntries(Object.entries(suite.deployment.contracts).map(([n, c]) => [n, c.address])));
}

main().catch(async (error) => {
  // A contract's revert is named by its custom error, from every compiled contract's ABI.
  const { revertData } = await import("../lib/revert");
  const { describeRevert } = await import("../scripts/zip/errors");
  const reverted = revertData(error) ? `a transaction would revert: ${await describeRevert(hre, error)}` : undefined;
  console.error(`error: ${reverted ?? (error instanceof Error ? error.message : String(error))}`);
  process.exitCode = 1;
  // A node that never answers leaves its request open: end now rather than wait for it.
  if (error instanceof UserError && error.hanging) process.exit(1);
});
