import fs from "fs";
import os from "os";
import path from "path";
import hre from "hardhat";

/** Runs a task as the command line does; returns what it printed and the exit code it set. */
export async function runTask(name: string, args: Record<string, unknown> = {}) {
  const lines: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (...a: unknown[]) => void lines.push(a.join(" "));
  console.error = (...a: unknown[]) => void lines.push(a.join(" "));
  process.exitCode = undefined;
  try {
    await hre.run(name, args);
  } finally {
    [console.log, console.error] = [log, error];
  }
  const code = process.exitCode;
  process.exitCode = undefined;
  return { out: lines.join("\n"), code };
}

/** A folder of the test's own for deployment records and ZIP files. */
export function tempDir(tag: string) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `zknomics-${tag}-`));
}

/** The in-process node's blocks name `address` as coinbase (node-wide: set it in every test that relies on it). */
export async function useCoinbase(address: string) {
  await hre.network.provider.send("hardhat_setCoinbase", [address]);
}
