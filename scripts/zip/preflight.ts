import { AbiCoder, keccak256, toBeHex, zeroPadValue } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeploymentFile } from "../../deploy/recorder";
import { revertData } from "../../lib/revert";
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
  const { problems, method, notes } = await preflight(hre, built, deployment);
  for (const note of notes) print(`pre-flight: ${note}`);
  if (problems.length) {
    throw new ZipError(
      `pre-flight: ${problems.length} of ${built.targets.length} action(s) would fail at execution, after the vote:\n  ${problems.join("\n  ")}`,
    );
  }
  print(`pre-flight: all ${built.targets.length} action(s) pass as they will run at execution (${method})`);
}

/** Networks whose node lets us impersonate the timelock and roll the chain back. */
export const LOCAL_NETWORKS = ["hardhat", "localhost", "anvil"];

export interface PreflightResult {
  /** One line per action that would revert when the proposal executes. */
  problems: string[];
  /** How the actions were tried. */
  method: string;
  /** What could not be checked, and why (printed, not refused). */
  notes: string[];
}

/**
 * Where OpenZeppelin's Governor keeps `_governanceCall`, the queue of calls the governor may make to itself while it
 * executes a proposal (its `onlyGovernance` setters pop their calldata's hash from it): slot 5 in 5.x (after
 * EIP712's two fallback strings, Nonces and `_name`, `_proposals`), slot 4 in 4.9 (no Nonces). The queue is two
 * 128-bit indices in the slot, begin in the low half, and a mapping from index to hash in the next slot.
 */
export const GOVERNANCE_CALL_SLOTS = [5n, 4n];

/** The revert of a governor setter called outside a proposal's execution: its queue is empty. */
function isEmptyQueue(data: string | undefined): boolean {
  if (!data) return false;
  const panic31 = "0x4e487b71" + "31".padStart(64, "0");
  return (
    data.toLowerCase() === panic31 || // OpenZeppelin 5.1+: Panic(0x31), pop from an empty array
    data.toLowerCase().startsWith(keccak256(Buffer.from("Empty()")).slice(0, 10)) || // 4.9: Empty()
    data.toLowerCase().startsWith(keccak256(Buffer.from("QueueEmpty()")).slice(0, 10)) // 5.0: QueueEmpty()
  );
}

/** The storage a governor holds while `execute` has queued one call to itself with `calldata`, at `slot`. */
export function queuedGovernanceCall(slot: bigint, calldata: string): Record<string, string> {
  const word = (v: bigint) => zeroPadValue(toBeHex(v), 32);
  const dataSlot = keccak256(AbiCoder.defaultAbiCoder().encode(["uint256", "uint256"], [0n, slot + 1n]));
  return { [word(slot)]: word(1n << 128n), [dataSlot]: keccak256(calldata) };
}

/**
 * Tries every action as it will run when the proposal executes, against the current state, and names the decoded
 * error of each one that would revert. An action is a call from the timelock; an action on the governor itself
 * (`setQuorum`, `setVotingPeriod`, `relay`, …) is accepted by the governor only while it executes a proposal, so it
 * is tried with the governor's storage as `execute` leaves it for that call (the call's hash queued). On a local
 * node the actions run in order, as the timelock (impersonated), inside a snapshot that is always reverted;
 * elsewhere each is an `eth_call` from the timelock, with a state override for actions on the governor.
 * Every target must hold code: a deployment file that does not match the chain is refused here.
 */
export async function preflight(
  hre: HardhatRuntimeEnvironment,
  built: BuiltZip,
  deployment: DeploymentFile,
  opts: { local?: boolean } = {},
): Promise<PreflightResult> {
  const timelock = deployment.contracts.ZkTimelock?.address;
  const notes: string[] = [];
  if (!timelock)
    return { problems: [`the deployment for ${deployment.network} names no timelock`], method: "none", notes };
  const problems: string[] = [];
  const label = (i: number) => `actions[${i}] ${built.actionLines[i].split(" on ")[0]}`;
  const fail = async (i: number, error: unknown, note = "") =>
    problems.push(`${label(i)} would revert at execution: ${await describeRevert(hre, error)}${note}`);
  const provider = hre.ethers.provider;
  for (const [i, target] of built.targets.entries()) {
    if ((await provider.getCode(target)) === "0x") {
      problems.push(
        `${label(i)}: no contract at ${target} on this chain (is the deployment file for ${deployment.network} from another chain or an earlier node?)`,
      );
    }
  }
  if (problems.length) return { problems, method: "code at each target", notes };
  const onGovernor = (target: string) => target.toLowerCase() === built.governor.toLowerCase();

  if (opts.local ?? LOCAL_NETWORKS.includes(hre.network.name)) {
    const node = hre.network.provider;
    const snapshot = await node.send("evm_snapshot", []);
    const signer = await impersonate(hre, timelock);
    const anvil = /anvil/i.test(await node.send("web3_clientVersion", []).catch(() => ""));
    const setStorage = async (slot: string, value: string) =>
      node.send(`${anvil ? "anvil" : "hardhat"}_setStorageAt`, [built.governor, slot, value]);
    try {
      for (const [i, target] of built.targets.entries()) {
        const send = async () =>
          (await signer.sendTransaction({ to: target, data: built.calldatas[i], value: built.values[i] })).wait();
        if (!onGovernor(target)) {
          await send().catch((error) => fail(i, error));
          continue;
        }
        let outcome: unknown = undefined;
        for (const slot of GOVERNANCE_CALL_SLOTS) {
          const writes = queuedGovernanceCall(slot, built.calldatas[i]);
          const before: [string, string][] = [];
          for (const key of Object.keys(writes)) before.push([key, await provider.getStorage(built.governor, key)]);
          for (const [key, value] of Object.entries(writes)) await setStorage(key, value);
          outcome = await send().then(
            () => undefined,
            (error: unknown) => error,
          );
          if (!isEmptyQueue(revertData(outcome))) break;
          for (const [key, value] of before) await setStorage(key, value);
        }
        if (outcome !== undefined) await fail(i, outcome, governorNote(outcome));
      }
    } finally {
      await node.send("evm_revert", [snapshot]);
      await signer.stop();
    }
    return { problems, method: "in order, as the timelock, in a snapshot that was reverted", notes };
  }

  for (const [i, target] of built.targets.entries()) {
    const call = { from: timelock, to: target, data: built.calldatas[i], value: toBeHex(built.values[i]) };
    const earlier = built.targets.slice(0, i).some((t) => t.toLowerCase() === target.toLowerCase());
    const dependency = earlier
      ? " (or it depends on an earlier action, which a call against today's state cannot apply)"
      : "";
    if (!onGovernor(target)) {
      await provider.call({ ...call, value: built.values[i] }).catch((error) => fail(i, error, dependency));
      continue;
    }
    let outcome: unknown = undefined;
    for (const slot of GOVERNANCE_CALL_SLOTS) {
      const override = { [built.governor]: { stateDiff: queuedGovernanceCall(slot, built.calldatas[i]) } };
      outcome = await provider.send("eth_call", [call, "latest", override]).then(
        () => undefined,
        (error: unknown) => error,
      );
      if (!isEmptyQueue(revertData(outcome))) break;
    }
    if (outcome === undefined) continue;
    if (revertData(outcome) === undefined) {
      notes.push(
        `${label(i)} was not checked: this node refused a call with a state override (${await describeRevert(hre, outcome)}); ` +
          "rehearse the ZIP on a local copy (npm run rehearse) before proposing it",
      );
      continue;
    }
    await fail(i, outcome, governorNote(outcome) || dependency);
  }
  return {
    problems,
    method:
      "each as a call from the timelock against the current state, calls to the governor as its execute makes them",
    notes,
  };
}

/** Said when a governor action still reverts for want of a queued call: the governor is not OpenZeppelin's. */
function governorNote(error: unknown): string {
  return isEmptyQueue(revertData(error))
    ? " (the governor accepts this call only while it executes a proposal, and keeps its queue of such calls where " +
        "OpenZeppelin 4.9 and 5 do not: rehearse the ZIP on a local copy)"
    : "";
}
