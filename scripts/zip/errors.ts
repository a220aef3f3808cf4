import { Interface } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { describeRevertWith } from "../../lib/revert";

let cached: Interface | undefined;

/** Every custom error of every compiled contract, to name a revert whichever contract raised it. */
async function allErrors(hre: HardhatRuntimeEnvironment): Promise<Interface> {
  if (cached) return cached;
  const seen = new Set<string>();
  const fragments: unknown[] = [];
  for (const name of await hre.artifacts.getAllFullyQualifiedNames()) {
    const { abi } = await hre.artifacts.readArtifact(name);
    for (const item of abi) {
      if (item.type !== "error") continue;
      const key = `${item.name}(${item.inputs.map((i: { type: string }) => i.type).join(",")})`;
      if (!seen.has(key)) {
        seen.add(key);
        fragments.push(item);
      }
    }
  }
  cached = new Interface(fragments as never);
  return cached;
}

/** "ContractError(arg, …)" for a custom error of any compiled contract, the reason for Error(string), or the raw
 * message. */
export async function describeRevert(hre: HardhatRuntimeEnvironment, error: unknown): Promise<string> {
  return describeRevertWith(await allErrors(hre), error);
}
