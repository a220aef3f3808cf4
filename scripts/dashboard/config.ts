import fs from "fs";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeploymentFile } from "../../deploy/recorder";
import type { DashboardConfig } from "./server";

/** The page's configuration: the deployment and the ABIs read from this project's artifacts. */
export async function dashboardConfig(
  hre: HardhatRuntimeEnvironment,
  deployment: DeploymentFile,
  rpcUrl: string,
  network: string,
): Promise<DashboardConfig> {
  const abis: Record<string, unknown[]> = {};
  for (const [name, record] of Object.entries(deployment.contracts)) {
    abis[name] = (await hre.artifacts.readArtifact(record.artifact)).abi;
  }
  const extraAbis: Record<string, unknown[]> = {
    ERC20: (await hre.artifacts.readArtifact("MockERC20")).abi,
    Governor: (await hre.artifacts.readArtifact("ZkTokenGovernor")).abi,
  };
  const seen = new Set<string>();
  const errors: unknown[] = [];
  for (const name of await hre.artifacts.getAllFullyQualifiedNames()) {
    for (const item of (await hre.artifacts.readArtifact(name)).abi) {
      if (item.type !== "error") continue;
      const key = `${item.name}(${item.inputs.map((i: { type: string }) => i.type).join(",")})`;
      if (seen.has(key)) continue;
      seen.add(key);
      errors.push(item);
    }
  }
  return { network, rpcUrl, deployment, abis, extraAbis, errors };
}

/** Builds the page with Vite unless a build newer than every source already exists. */
export async function buildPage(force = false): Promise<void> {
  const path = await import("path");
  const root = path.join(__dirname, "..", "..", "dashboard");
  const dist = path.join(root, "dist", "index.html");
  const newest = (dir: string): number =>
    Math.max(
      ...fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.name !== "dist")
        .map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs)),
    );
  if (!force && fs.existsSync(dist) && fs.statSync(dist).mtimeMs > newest(root)) return;
  const load = new Function("m", "return import(m)") as (
    m: string,
  ) => Promise<{ build: (c: unknown) => Promise<unknown> }>;
  const vite = await load("vite");
  await vite.build({ root, logLevel: "warn", configFile: path.join(root, "vite.config.mjs") });
}
