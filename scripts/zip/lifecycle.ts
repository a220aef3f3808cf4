import { Interface, type Signer } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeploymentFile } from "../../deploy/recorder";
import {
  ZkStakingRewards__factory,
  ZkToken__factory,
  ZkTokenGovernor__factory,
  type ZkTokenGovernor,
} from "../../typechain-types";
import { describeRevert } from "./errors";
import { ZipError, type BuiltZip } from "./zip";

export const STATES = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"];
export type Print = (line: string) => void;

export function governorOf(built: BuiltZip, signer: Signer): ZkTokenGovernor {
  return ZkTokenGovernor__factory.connect(built.governor, signer);
}

/** Runs `send`, turning a revert into a ZipError naming the custom error. */
async function attempt<T>(hre: HardhatRuntimeEnvironment, what: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw new ZipError(`${what} reverted: ${await describeRevert(hre, error)}`);
  }
}

async function stateOf(governor: ZkTokenGovernor, id: bigint): Promise<string> {
  return STATES[Number(await governor.state(id))];
}

async function requireState(governor: ZkTokenGovernor, id: bigint, wanted: string[], action: string) {
  let state: string;
  try {
    state = await stateOf(governor, id);
  } catch {
    throw new ZipError(`cannot ${action}: proposal ${id} does not exist on this network (run zip:propose first)`);
  }
  if (!wanted.includes(state))
    throw new ZipError(`cannot ${action}: the proposal is ${state}, not ${wanted.join(" or ")}`);
}

export async function propose(hre: HardhatRuntimeEnvironment, built: BuiltZip, signer: Signer, print: Print) {
  const governor = governorOf(built, signer);
  const existing = await stateOf(governor, built.proposalId).catch(() => undefined);
  if (existing)
    throw new ZipError(`already proposed on this network (${existing}); a new version needs a new description`);
  const who = await signer.getAddress();
  const threshold = await governor.proposalThreshold();
  const votes = await governor.getVotes(who, (await governor.clock()) - 1n);
  if (votes < threshold) {
    throw new ZipError(
      `cannot propose: ${who} has ${hre.ethers.formatEther(votes)} ZK of votes, the threshold is ${hre.ethers.formatEther(threshold)} ZK (delegate first)`,
    );
  }
  const tx = await attempt(hre, "propose", () =>
    governor.propose(built.targets, built.values, built.calldatas, built.description),
  );
  await tx.wait();
  print(`proposed ${built.proposalId} (tx ${tx.hash})`);
}

export async function vote(
  hre: HardhatRuntimeEnvironment,
  built: BuiltZip,
  signer: Signer,
  support: number,
  print: Print,
) {
  const governor = governorOf(built, signer);
  await requireState(governor, built.proposalId, ["Active"], "vote");
  const tx = await attempt(hre, "castVote", () => governor.castVote(built.proposalId, support));
  await tx.wait();
  print(`${await signer.getAddress()} voted ${["Against", "For", "Abstain"][support]} (tx ${tx.hash})`);
}

export async function queue(hre: HardhatRuntimeEnvironment, built: BuiltZip, signer: Signer, print: Print) {
  const governor = governorOf(built, signer);
  await requireState(governor, built.proposalId, ["Succeeded"], "queue");
  const tx = await attempt(hre, "queue", () =>
    governor.queue(built.targets, built.values, built.calldatas, built.descriptionHash),
  );
  await tx.wait();
  print(
    `queued; executable after ${new Date(Number(await governor.proposalEta(built.proposalId)) * 1000).toISOString()} (tx ${tx.hash})`,
  );
}

export async function execute(hre: HardhatRuntimeEnvironment, built: BuiltZip, signer: Signer, print: Print) {
  const governor = governorOf(built, signer);
  await requireState(governor, built.proposalId, ["Queued"], "execute");
  const total = built.values.reduce((a, b) => a + b, 0n);
  const tx = await attempt(hre, "execute", () =>
    governor.execute(built.targets, built.values, built.calldatas, built.descriptionHash, { value: total }),
  );
  await tx.wait();
  print(`executed (tx ${tx.hash})`);
}

/**
 * Adds a finished proposal to the staking pilot's counted proposals (its active-representative rule), when the
 * deployment has a pilot reading this governor. Anyone may do this; a proposal that is not counted (below quorum,
 * cancelled) is said so, and is not an error.
 */
export async function recordInStaking(
  hre: HardhatRuntimeEnvironment,
  built: BuiltZip,
  deployment: DeploymentFile,
  signer: Signer,
  print: Print,
) {
  const record = deployment.contracts.ZkStakingRewards;
  if (!record) return;
  const staking = ZkStakingRewards__factory.connect(record.address, signer);
  if ((await staking.GOVERNOR()).toLowerCase() !== built.governor.toLowerCase()) return;
  if (await staking.isRecorded(built.proposalId)) return;
  try {
    const tx = await staking.recordProposal(built.proposalId);
    await tx.wait();
    print(`counted for the staking pilot's active-representative rule (tx ${tx.hash})`);
  } catch (error) {
    print(`not counted for the staking pilot: ${await describeRevert(hre, error)}`);
  }
}

export async function status(hre: HardhatRuntimeEnvironment, built: BuiltZip, signer: Signer, print: Print) {
  const governor = governorOf(built, signer);
  let state: string;
  try {
    state = await stateOf(governor, built.proposalId);
  } catch {
    print(`proposal ${built.proposalId}: not proposed on ${built.network}`);
    return { state: "Unknown" };
  }
  const [against, forVotes, abstain] = await governor.proposalVotes(built.proposalId);
  const snapshot = await governor.proposalSnapshot(built.proposalId);
  const quorum = await governor.quorum(snapshot);
  const f = hre.ethers.formatEther;
  print(`proposal ${built.proposalId}: ${state}`);
  print(
    `  votes: For ${f(forVotes)} / Against ${f(against)} / Abstain ${f(abstain)} ZK; quorum ${f(quorum)} ZK of For votes`,
  );
  print(
    `  voting: snapshot ${snapshot}, deadline ${await governor.proposalDeadline(built.proposalId)}, now ${await governor.clock()}`,
  );
  const eta = await governor.proposalEta(built.proposalId);
  if (eta !== 0n) print(`  executable from ${eta}`);
  return { state, forVotes, against, abstain, quorum };
}

async function travel(hre: HardhatRuntimeEnvironment, seconds: bigint) {
  await hre.network.provider.send("evm_increaseTime", [Number(seconds)]);
  await hre.network.provider.send("evm_mine", []);
}

/** Snapshot of every parameter the proposal can touch: zero-argument views of each target, plus one-argument
 * views queried with the action's first argument (e.g. `isClaimable(asset)` for `setClaimable(asset, …)`). */
async function readParameters(hre: HardhatRuntimeEnvironment, built: BuiltZip, deployment: DeploymentFile) {
  const values = new Map<string, string>();
  const byAddress = new Map(
    Object.entries(deployment.contracts).map(([name, r]) => [r.address.toLowerCase(), { name, ...r }]),
  );
  for (const [i, target] of built.targets.entries()) {
    const record = byAddress.get(target.toLowerCase());
    if (!record) continue;
    const iface = new Interface((await hre.artifacts.readArtifact(record.artifact)).abi);
    const call = iface.parseTransaction({ data: built.calldatas[i] });
    const firstArg = call?.args.length ? call.args[0] : undefined;
    const firstType = call?.fragment.inputs[0]?.type;
    const contract = new hre.ethers.Contract(target, iface, hre.ethers.provider);
    for (const fn of iface.fragments) {
      if (fn.type !== "function") continue;
      const f = fn as import("ethers").FunctionFragment;
      if (!(f.stateMutability === "view" || f.stateMutability === "pure")) continue;
      if (f.name === f.name.toUpperCase()) continue; // constants and immutables cannot change
      let args: unknown[] | undefined;
      if (f.inputs.length === 0) args = [];
      else if (f.inputs.length === 1 && firstType && f.inputs[0].type === firstType && firstArg !== undefined)
        args = [firstArg];
      if (!args) continue;
      try {
        const result = await contract[f.format()](...args);
        const label = `${record.name}.${f.name}(${args.map(String).join(", ")})`;
        values.set(
          label,
          JSON.stringify(result, (_, v) => (typeof v === "bigint" ? v.toString() : v)),
        );
      } catch {
        // A view that reverts for this argument says nothing about the change.
      }
    }
  }
  return values;
}

/**
 * The whole life of a ZIP on a local node: test delegates get votes, one proposes, all vote For, time travels
 * through the voting delay, the voting period and the timelock delay, and the proposal is queued and executed.
 * Prints every parameter that changed. Throws a ZipError (with the decoded custom error) on any revert.
 */
export async function simulate(
  hre: HardhatRuntimeEnvironment,
  built: BuiltZip,
  deployment: DeploymentFile,
  print: Print,
  opts: { delegates?: Signer[]; support?: number } = {},
): Promise<Map<string, [string, string]>> {
  const signers = await hre.ethers.getSigners();
  const delegates = opts.delegates ?? signers.slice(7, 10);
  const governor = governorOf(built, delegates[0]);
  const token = ZkToken__factory.connect(await governor.token(), signers[0]);
  const quorum = await governor.quorum(await governor.clock());
  const threshold = await governor.proposalThreshold();
  const need = quorum / BigInt(delegates.length) + threshold + 1n;

  // Test delegates: each holds enough ZK to reach quorum together, delegated to itself.
  const richest = [...signers].slice(0, 7);
  for (const d of delegates) {
    const who = await d.getAddress();
    const held = await token.balanceOf(who);
    if (held < need) {
      let missing = need - held;
      for (const source of richest) {
        if (missing === 0n) break;
        const balance = await token.balanceOf(source.address);
        const amount = balance < missing ? balance : missing;
        if (amount === 0n) continue;
        await (await token.connect(source).transfer(who, amount)).wait();
        missing -= amount;
      }
      if (missing !== 0n) throw new ZipError("simulate: the local accounts do not hold enough ZK to reach quorum");
    }
    if ((await token.delegates(who)).toLowerCase() !== who.toLowerCase()) {
      await (await token.connect(d).delegate(who)).wait();
    }
  }
  await travel(hre, 1n);
  print(
    `test delegates: ${delegates.length} accounts with ≥ ${hre.ethers.formatEther(need)} ZK each (quorum ${hre.ethers.formatEther(quorum)} ZK)`,
  );

  const before = await readParameters(hre, built, deployment);
  await propose(hre, built, delegates[0], print);
  await travel(hre, (await governor.votingDelay()) + 1n);
  for (const d of delegates) await vote(hre, built, d, opts.support ?? 1, print);
  await travel(hre, (await governor.proposalDeadline(built.proposalId)) - (await governor.clock()) + 1n);
  const outcome = await stateOf(governor, built.proposalId);
  if (outcome !== "Succeeded") throw new ZipError(`the proposal was ${outcome} after the vote`);
  await queue(hre, built, delegates[0], print);
  await travel(hre, (await governor.proposalEta(built.proposalId)) - (await governor.clock()) + 1n);
  await execute(hre, built, delegates[0], print);
  await recordInStaking(hre, built, deployment, delegates[0], print);

  const after = await readParameters(hre, built, deployment);
  const changes = new Map<string, [string, string]>();
  for (const [label, value] of after) {
    const old = before.get(label);
    if (old !== value) changes.set(label, [old ?? "—", value]);
  }
  if (changes.size === 0) print("no readable parameter changed");
  for (const [label, [old, value]] of changes) print(`  ${label}: ${old} → ${value}`);
  return changes;
}
