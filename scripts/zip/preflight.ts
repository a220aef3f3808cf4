import type { Provider } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeploymentFile } from "../../deploy/recorder";
import { describeRevert } from "./errors";
import { impersonate } from "./lifecycle";
import { ZipError, type BuiltZip } from "./zip";

/** Throws a ZipError listing every action that would revert; prints how the actions were tried otherwise. */
export async function requirePreflight(
  hre: HardhatRuntimeEnvironment,
  built: BuiltZip,
  deployment: DeploymentFile,
  print: (line: string) => void,
): Promise<void> {
  const { problems, method } = await preflight(hre, built, deployment);
  if (problems.length) {
    throw new ZipError(
      `pre-flight: ${problems.length} of ${built.targets.length} action(s) would fail at execution, after the vote:\n  ${problems.join("\n  ")}`,
    );
  }
  print(`pre-flight: all ${built.targets.length} action(s) pass as the timelock would send them (${method})`);
}

/** Networks whose node lets us impersonate the timelock and roll the chain back. */
export const LOCAL_NETWORKS = ["hardhat", "localhost", "anvil"];

export interface PreflightResult {
  /** One line per action that would revert when the timelock executes it. */
  problems: string[];
  /** How the actions were tried. */
  method: string;
}

/**
 * Tries every action as the timelock would send it at execution, against the current state, and names the
 * decoded error of each one that would revert. On a local node the actions run in order, as the timelock
 * (impersonated), inside a snapshot that is always reverted; elsewhere each is an `eth_call` from the timelock.
 */
export async function preflight(
  hre: HardhatRuntimeEnvironment,
  built: BuiltZip,
  deployment: DeploymentFile,
): Promise<PreflightResult> {
  const timelock = deployment.contracts.ZkTimelock?.address;
  if (!timelock) return { problems: [`the deployment for ${deployment.network} names no timelock`], method: "none" };
  const problems: string[] = [];
  const fail = async (i: number, error: unknown, note = "") =>
    problems.push(
      `actions[${i}] ${built.actionLines[i].split(" on ")[0]} would revert when the timelock executes it: ${await describeRevert(hre, error)}${note}`,
    );
  if (LOCAL_NETWORKS.includes(hre.network.name)) {
    const provider = hre.network.provider;
    const snapshot = await provider.send("evm_snapshot", []);
    const signer = await impersonate(hre, timelock);
    try {
      for (const [i, target] of built.targets.entries()) {
        try {
          await (await signer.sendTransaction({ to: target, data: built.calldatas[i], value: built.values[i] })).wait();
        } catch (error) {
          await fail(i, error);
        }
      }
    } finally {
      await provider.send("evm_revert", [snapshot]);
      await signer.stop();
    }
    return { problems, method: "in order, as the timelock, in a snapshot that was reverted" };
  }
  const provider: Provider = hre.ethers.provider;
  for (const [i, target] of built.targets.entries()) {
    try {
      await provider.call({ from: timelock, to: target, data: built.calldatas[i], value: built.values[i] });
    } catch (error) {
      const earlier = built.targets.slice(0, i).some((t) => t.toLowerCase() === target.toLowerCase());
      await fail(
        i,
        error,
        earlier ? " (or it depends on an earlier action, which a call against today's state cannot apply)" : "",
      );
    }
  }
  return { problems, method: "each as a call from the timelock against the current state" };
}
