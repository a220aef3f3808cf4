// Reading a deployment record for a task: the file, its shape, and whether it belongs to the chain the task talks to.
import fs from "fs";
import path from "path";
import type { Provider } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { UserError } from "../scripts/cli";
import type { DeploymentFile } from "./recorder";
import { deploymentFile } from "./suite";

/** The record a task reads: DEPLOYMENT_NAME (a name under deployments/, or a path to a .json file), else the
 * network's name. */
export function deploymentPath(hre: HardhatRuntimeEnvironment): string {
  const name = process.env.DEPLOYMENT_NAME ?? hre.network.name;
  return name.endsWith(".json") || name.includes(path.sep) ? path.resolve(name) : deploymentFile(name);
}

/** Parses a deployment record; one line naming the file and the problem otherwise. */
export function readDeployment(file: string, needs: string[] = []): DeploymentFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new UserError(`${file} is not a readable deployment record: ${(error as Error).message.split("\n")[0]}`);
  }
  const record = parsed as Partial<DeploymentFile>;
  if (
    typeof parsed !== "object" ||
    parsed === null ||
    typeof record.chainId !== "number" ||
    typeof record.contracts !== "object" ||
    record.contracts === null
  ) {
    throw new UserError(`${file} is not a deployment record (it needs "chainId" and "contracts")`);
  }
  const missing = needs.filter((n) => typeof record.contracts![n]?.address !== "string");
  if (missing.length) {
    throw new UserError(
      `${file} names no ${missing.join(", ")}: ${record.complete === false ? "its deploy did not finish (run npm run deploy again to resume it)" : "it is not a deployment of this suite"}`,
    );
  }
  return parsed as DeploymentFile;
}

/**
 * Refuses, in one line, a record that does not belong to the chain `provider` talks to: another chain id, or
 * contracts with no code (a node restarted or reset since the deploy).
 */
export async function checkDeploymentChain(file: string, deployment: DeploymentFile, provider: Provider) {
  const { chainId } = await provider.getNetwork();
  if (Number(chainId) !== deployment.chainId) {
    throw new UserError(
      `${file} is a deployment on chain ${deployment.chainId}, and this node is chain ${chainId}: name the right ` +
        "record with DEPLOYMENT_NAME or the right node with --network",
    );
  }
  for (const [name, record] of Object.entries(deployment.contracts)) {
    if ((await provider.getCode(record.address)) === "0x") {
      throw new UserError(
        `${file} does not match this chain: ${name} at ${record.address} has no code (a restarted or reset node?); ` +
          "deploy again (npm run deploy) or name another record with DEPLOYMENT_NAME",
      );
    }
  }
}

/**
 * The deployment a task works on: on the in-process `hardhat` network a fresh suite (unless DEPLOYMENT_NAME names a
 * record), elsewhere the network's record, checked against the chain before anything is read or sent.
 */
export async function loadDeployment(
  hre: HardhatRuntimeEnvironment,
  needs: string[] = [],
  log: (line: string) => void = (line) => console.log(line),
): Promise<DeploymentFile> {
  await hre.run("compile", { quiet: true });
  if (hre.network.name === "hardhat" && process.env.DEPLOYMENT_NAME === undefined) {
    const { deploySuite } = await import("./suite");
    log("network hardhat is in-process and empty: deploying a fresh suite for this run");
    return (await deploySuite(hre)).deployment;
  }
  const file = deploymentPath(hre);
  if (!fs.existsSync(file)) {
    throw new UserError(`no deployment at ${file}: run npm run deploy -- --network ${hre.network.name}`);
  }
  const deployment = readDeployment(file, needs);
  await checkDeploymentChain(file, deployment, hre.ethers.provider);
  return deployment;
}
