import { Contract, Interface, solidityPacked, type Provider, type Signer } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeploymentFile } from "../../deploy/recorder";
import {
  ZkStakingRewards__factory,
  ZkToken__factory,
  ZkTokenGovernor__factory,
  type ZkTokenGovernor,
} from "../../typechain-types";
import { describeRevert } from "./errors";
import { PROPOSAL_STATES, dateText as date, unitsText } from "../../lib/format";

/** ZK in base units as a number a person reads: grouped, at most two decimals. */
const zk = (amount: bigint) => unitsText(amount, 18, 2);
import { ZipError, type BuiltZip } from "./zip";

export const STATES = PROPOSAL_STATES;
export type Print = (line: string) => void;

/** The governor through the surface OpenZeppelin 4.9 and 5 governors share (propose, vote, queue, execute, reads). */
export function governorOf(built: BuiltZip, runner: Signer | Provider): ZkTokenGovernor {
  return ZkTokenGovernor__factory.connect(built.governor, runner);
}

/** What differs between governors: who may propose and who may cancel. */
export interface GovernorTraits {
  /** ZK Nation's propose-guardian mode: only `proposeGuardian` may propose while it is on. */
  proposeGuarded: boolean;
  proposeGuardian?: string;
  /** ZK Nation's veto guardian: the only account that may cancel (Pending or Active proposals). */
  vetoGuardian?: string;
  /** OpenZeppelin 5's proposal guardian: may cancel any proposal not yet executed; the proposer may while Pending. */
  proposalGuardian?: string;
}

const TRAITS_ABI = [
  "function isProposeGuarded() view returns (bool)",
  "function PROPOSE_GUARDIAN() view returns (address)",
  "function VETO_GUARDIAN() view returns (address)",
  "function proposalGuardian() view returns (address)",
];

export async function governorTraits(governor: string, runner: Signer | Provider): Promise<GovernorTraits> {
  const c = new Contract(governor, TRAITS_ABI, runner);
  const read = async <T>(fn: string): Promise<T | undefined> => {
    try {
      return (await c[fn]()) as T;
    } catch {
      return undefined;
    }
  };
  return {
    proposeGuarded: (await read<boolean>("isProposeGuarded")) ?? false,
    proposeGuardian: await read<string>("PROPOSE_GUARDIAN"),
    vetoGuardian: await read<string>("VETO_GUARDIAN"),
    proposalGuardian: await read<string>("proposalGuardian"),
  };
}

/** The proposal threshold as the governor answers `who` (ZK Nation's answers the propose guardian 0). */
async function thresholdFor(governor: ZkTokenGovernor, who: string): Promise<bigint> {
  const provider = governor.runner!.provider!;
  const data = governor.interface.encodeFunctionData("proposalThreshold");
  const answer = await provider.call({ to: await governor.getAddress(), from: who, data });
  return governor.interface.decodeFunctionResult("proposalThreshold", answer)[0] as bigint;
}

const same = (a?: string, b?: string) => Boolean(a && b && a.toLowerCase() === b.toLowerCase());

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

/** "2026-12-09T10:00:00Z (in 3,600 s)": a time of the proposal, and how far it is from the latest block. */
async function when(governor: ZkTokenGovernor, at: bigint): Promise<string> {
  const now = BigInt((await governor.runner!.provider!.getBlock("latest"))!.timestamp);
  const left = at - now;
  return `${date(at)} (${left > 0n ? `in ${Number(left).toLocaleString("en-US")} s` : "now"})`;
}

/** What the proposal waits for, when `action` is not possible in its state: a time, and how to move there locally. */
async function waitingFor(governor: ZkTokenGovernor, id: bigint, state: string): Promise<string | undefined> {
  const local = "; on a local node, zip:advance moves time there";
  if (state === "Pending")
    return `voting opens at ${await when(governor, (await governor.proposalSnapshot(id)) + 1n)}${local}`;
  if (state === "Active")
    return `voting ends at ${await when(governor, (await governor.proposalDeadline(id)) + 1n)}${local}`;
  return undefined;
}

async function requireState(governor: ZkTokenGovernor, id: bigint, wanted: string[], action: string) {
  let state: string;
  try {
    state = await stateOf(governor, id);
  } catch {
    throw new ZipError(`cannot ${action}: proposal ${id} does not exist on this network (run zip:propose first)`);
  }
  if (!wanted.includes(state)) {
    const wait = await waitingFor(governor, id, state);
    throw new ZipError(
      `cannot ${action}: the proposal is ${state}, not ${wanted.join(" or ")}${wait ? `; ${wait}` : ""}`,
    );
  }
}

export async function propose(hre: HardhatRuntimeEnvironment, built: BuiltZip, signer: Signer, print: Print) {
  const governor = governorOf(built, signer);
  const existing = await stateOf(governor, built.proposalId).catch(() => undefined);
  if (existing)
    throw new ZipError(`already proposed on this network (${existing}); a new version needs a new description`);
  const who = await signer.getAddress();
  const traits = await governorTraits(built.governor, signer);
  if (traits.proposeGuarded && !same(who, traits.proposeGuardian)) {
    throw new ZipError(
      `cannot propose: the governor is in propose-guarded mode and only the propose guardian ${traits.proposeGuardian} ` +
        `may propose, not ${who}; hand it the Tally bundle that zip:build prints`,
    );
  }
  const threshold = await thresholdFor(governor, who);
  // As the next block will see them: the governor reads the votes at its clock minus one, and the next block's clock
  // is past the latest block, so a delegation in the latest block counts.
  const token = ZkToken__factory.connect(await governor.token(), signer);
  const votes = await token.getVotes(who);
  if (votes < threshold) {
    throw new ZipError(
      `cannot propose: ${who} has ${hre.ethers.formatEther(votes)} ZK of votes, the threshold is ${hre.ethers.formatEther(threshold)} ZK (delegate first)`,
    );
  }
  // The governor reads the votes at its clock minus one: a delegation in the latest block counts only in a block
  // with a later timestamp. A node may make the next block in the same second: then wait for time to move (a local
  // node is told to), so the proposal is sent when the votes count.
  const latest = (await signer.provider!.getBlock("latest"))!.timestamp;
  if ((await governor.getVotes(who, BigInt(latest) - 1n)) < threshold) {
    if (["hardhat", "localhost", "anvil"].includes(hre.network.name)) {
      await hre.network.provider.send("evm_setNextBlockTimestamp", [latest + 1]);
    } else {
      while ((await signer.provider!.getBlock("latest"))!.timestamp <= latest) {
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  }
  const tx = await attempt(hre, "propose", () =>
    governor.propose(built.targets, built.values, built.calldatas, built.description),
  );
  await tx.wait();
  print(`proposed ${built.proposalId} (tx ${tx.hash})`);
}

/** A whole vote for one side, or a split of the signer's weight in ZK base units (fractional counting). */
export type Support = number | { for: bigint; against: bigint; abstain: bigint };

/** The counting module's params for a split vote: three packed uint128, against, for, abstain. */
export function splitVoteParams(split: { for: bigint; against: bigint; abstain: bigint }): string {
  return solidityPacked(["uint128", "uint128", "uint128"], [split.against, split.for, split.abstain]);
}

export async function vote(
  hre: HardhatRuntimeEnvironment,
  built: BuiltZip,
  signer: Signer,
  support: Support,
  print: Print,
) {
  const governor = governorOf(built, signer);
  await requireState(governor, built.proposalId, ["Active"], "vote");
  const who = await signer.getAddress();
  if (typeof support === "number") {
    const tx = await attempt(hre, "castVote", () => governor.castVote(built.proposalId, support));
    await tx.wait();
    print(`${who} voted ${["Against", "For", "Abstain"][support]} (tx ${tx.hash})`);
    return;
  }
  const total = support.for + support.against + support.abstain;
  if (total === 0n) throw new ZipError("a split vote needs a non-zero amount for, against or abstain");
  const counting = await governor.COUNTING_MODE();
  if (!counting.includes("params=fractional")) {
    throw new ZipError(
      `this governor counts "${counting}": it takes no split votes; vote --support for|against|abstain`,
    );
  }
  const weight = await governor.getVotes(who, await governor.proposalSnapshot(built.proposalId));
  if (total > weight) {
    const f = hre.ethers.formatEther;
    throw new ZipError(`cannot split ${f(total)} ZK: ${who} had ${f(weight)} ZK of votes at the proposal's snapshot`);
  }
  // Support 255 is OpenZeppelin 5's fractional vote type; ZK Nation's 4.9 module reads the params whatever it is.
  const tx = await attempt(hre, "castVoteWithReasonAndParams", () =>
    governor.castVoteWithReasonAndParams(built.proposalId, 255, "", splitVoteParams(support)),
  );
  await tx.wait();
  const f = hre.ethers.formatEther;
  print(
    `${who} voted For ${f(support.for)} / Against ${f(support.against)} / Abstain ${f(support.abstain)} ZK (tx ${tx.hash})`,
  );
}

/** Delegates the signer's votes to `to` (itself by default). */
export async function delegate(
  hre: HardhatRuntimeEnvironment,
  built: BuiltZip,
  signer: Signer,
  to: string | undefined,
  print: Print,
) {
  const governor = governorOf(built, signer);
  const token = ZkToken__factory.connect(await governor.token(), signer);
  const who = await signer.getAddress();
  const delegatee = to ?? who;
  if (!hre.ethers.isAddress(delegatee)) throw new ZipError(`--to must be an address, not "${delegatee}"`);
  if ((await token.delegates(who)).toLowerCase() === delegatee.toLowerCase()) {
    print(`${who} already delegates to ${delegatee}`);
    return;
  }
  const tx = await attempt(hre, "delegate", () => token.delegate(delegatee));
  await tx.wait();
  const votes = await token.getVotes(delegatee);
  print(`${who} delegates to ${delegatee}; it now has ${hre.ethers.formatEther(votes)} ZK of votes (tx ${tx.hash})`);
}

/** Cancels the proposal: ZK Nation's veto guardian (Pending or Active), or with OpenZeppelin 5 the proposer
 * (Pending) or the proposal guardian. */
export async function cancel(hre: HardhatRuntimeEnvironment, built: BuiltZip, signer: Signer, print: Print) {
  const governor = governorOf(built, signer);
  const who = await signer.getAddress();
  const traits = await governorTraits(built.governor, signer);
  let allowed: string[];
  if (traits.vetoGuardian) {
    if (!same(who, traits.vetoGuardian))
      throw new ZipError(`cannot cancel: only the veto guardian ${traits.vetoGuardian} may cancel on this governor`);
    allowed = ["Pending", "Active"];
  } else {
    const proposer = await governor.proposalProposer(built.proposalId).catch(() => undefined);
    if (same(who, traits.proposalGuardian)) allowed = ["Pending", "Active", "Succeeded", "Queued", "Defeated"];
    else if (same(who, proposer)) allowed = ["Pending"];
    else
      throw new ZipError(
        `cannot cancel: ${who} is neither the proposer ${proposer ?? "(unknown)"} nor the proposal guardian ${traits.proposalGuardian ?? "(none)"}`,
      );
  }
  await requireState(governor, built.proposalId, allowed, "cancel");
  const tx = await attempt(hre, "cancel", () =>
    governor.cancel(built.targets, built.values, built.calldatas, built.descriptionHash),
  );
  await tx.wait();
  print(`cancelled ${built.proposalId} (tx ${tx.hash})`);
}

export async function queue(hre: HardhatRuntimeEnvironment, built: BuiltZip, signer: Signer, print: Print) {
  const governor = governorOf(built, signer);
  await requireState(governor, built.proposalId, ["Succeeded"], "queue");
  const tx = await attempt(hre, "queue", () =>
    governor.queue(built.targets, built.values, built.calldatas, built.descriptionHash),
  );
  await tx.wait();
  print(
    `queued; executable from ${await when(governor, await governor.proposalEta(built.proposalId))} (tx ${tx.hash})`,
  );
}

export async function execute(hre: HardhatRuntimeEnvironment, built: BuiltZip, signer: Signer, print: Print) {
  const governor = governorOf(built, signer);
  await requireState(governor, built.proposalId, ["Queued"], "execute");
  const eta = await governor.proposalEta(built.proposalId);
  const latest = BigInt((await signer.provider!.getBlock("latest"))!.timestamp);
  // The timelock executes from its ETA on; the next block is at least one second after the latest.
  if (latest + 1n < eta) {
    throw new ZipError(
      `cannot execute yet: the timelock's delay runs until ${await when(governor, eta)}; on a local node, zip:advance moves time there`,
    );
  }
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
  if (await staking.isCounted(built.proposalId)) return;
  try {
    const tx = await staking.recordProposal(built.proposalId);
    await tx.wait();
    print(`counted for the staking pilot's active-representative rule (tx ${tx.hash})`);
  } catch (error) {
    print(`not counted for the staking pilot: ${await describeRevert(hre, error)}`);
  }
}

/** Reads the proposal's state, votes and quorum; needs no key. */
export async function status(hre: HardhatRuntimeEnvironment, built: BuiltZip, runner: Signer | Provider, print: Print) {
  const governor = governorOf(built, runner);
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
  const [deadline, now] = [await governor.proposalDeadline(built.proposalId), await governor.clock()];
  print(`proposal ${built.proposalId}: ${state}`);
  print(
    `  votes: For ${zk(forVotes)} / Against ${zk(against)} / Abstain ${zk(abstain)} ZK; quorum ${zk(quorum)} ZK of For votes (${forVotes >= quorum ? "reached" : "not reached"})`,
  );
  print(`  voting: from ${date(snapshot)} to ${date(deadline)}; now ${date(now)}`);
  const eta = await governor.proposalEta(built.proposalId);
  if (eta !== 0n) print(`  executable from ${await when(governor, eta)}`);
  const wait = await waitingFor(governor, built.proposalId, state);
  if (wait) print(`  ${wait}`);
  return { state, forVotes, against, abstain, quorum };
}

/**
 * A local node's signer for `address` (Hardhat network, hardhat node or anvil), funded with 10,000 native for gas;
 * `stop()` ends the impersonation.
 */
export async function impersonate(
  hre: HardhatRuntimeEnvironment,
  address: string,
): Promise<Signer & { stop: () => Promise<void> }> {
  const provider = hre.network.provider;
  const anvil = await provider
    .send("web3_clientVersion", [])
    .then((v: string) => /anvil/i.test(v))
    .catch(() => false);
  const prefix = anvil ? "anvil" : "hardhat";
  await provider.send(`${prefix}_impersonateAccount`, [address]);
  await provider.send(`${prefix}_setBalance`, [address, "0x21E19E0C9BAB2400000"]);
  const signer = await hre.ethers.getSigner(address);
  return Object.assign(signer, {
    stop: async () => void (await provider.send(`${prefix}_stopImpersonatingAccount`, [address])),
  });
}

/**
 * `zip:advance`, on a local node: moves time (and mines a block) to the proposal's next step: the opening of the
 * vote when Pending, the end of the vote when Active, the timelock's ETA when Queued.
 */
export async function advance(hre: HardhatRuntimeEnvironment, built: BuiltZip, print: Print) {
  const governor = governorOf(built, hre.ethers.provider);
  let state: string;
  try {
    state = await stateOf(governor, built.proposalId);
  } catch {
    throw new ZipError(`proposal ${built.proposalId} does not exist on this network (run zip:propose first)`);
  }
  const target =
    state === "Pending"
      ? (await governor.proposalSnapshot(built.proposalId)) + 1n
      : state === "Active"
        ? (await governor.proposalDeadline(built.proposalId)) + 1n
        : state === "Queued"
          ? await governor.proposalEta(built.proposalId)
          : undefined;
  if (target === undefined) throw new ZipError(`nothing to wait for: the proposal is ${state}`);
  const now = BigInt((await hre.ethers.provider.getBlock("latest"))!.timestamp);
  if (target > now) await travel(hre, target - now);
  else await hre.network.provider.send("evm_mine", []);
  print(
    `moved to ${date(BigInt((await hre.ethers.provider.getBlock("latest"))!.timestamp))}: the proposal is ${await stateOf(governor, built.proposalId)}`,
  );
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
    const hasClock = Boolean(iface.getFunction("clock"));
    for (const fn of iface.fragments) {
      if (fn.type !== "function") continue;
      const f = fn as import("ethers").FunctionFragment;
      if (!(f.stateMutability === "view" || f.stateMutability === "pure")) continue;
      if (f.name === f.name.toUpperCase()) continue; // constants and immutables cannot change
      if (f.name === "clock") continue; // moves with time, not with the proposal
      let args: unknown[] | undefined;
      let shown: string | undefined;
      if (f.inputs.length === 0) args = [];
      else if (f.inputs.length === 1 && /^(timepoint|blockNumber)$/.test(f.inputs[0].name) && hasClock)
        [args, shown] = [[await contract.clock()], "now"]; // e.g. quorum(timepoint), at the moment of reading
      else if (f.inputs.length === 1 && firstType && f.inputs[0].type === firstType && firstArg !== undefined)
        args = [firstArg];
      if (!args) continue;
      try {
        const result = await contract[f.format()](...args);
        const label = `${record.name}.${f.name}(${shown ?? args.map(String).join(", ")})`;
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

/** Parameters that are amounts of ZK, and of the native token, by the name of the view that reads them. */
const ZK_AMOUNTS = new Set(["zkFeePerCall", "price", "quorum", "proposalThreshold", "pokeTip", "stakeCap"]);
const NATIVE_AMOUNTS = new Set(["baseFeePerCall"]);

/** A read value as voters read it: "15 ZK" or "0.0001 ETH" for known amounts, as read otherwise. */
export function inUnits(label: string, json: string): string {
  const name = label.match(/\.(\w+)\(/)?.[1] ?? "";
  const m = json.match(/^"(\d+)"$/);
  if (!m) return json;
  if (ZK_AMOUNTS.has(name)) return `${unitsText(BigInt(m[1]), 18, 4)} ZK`;
  if (NATIVE_AMOUNTS.has(name)) return `${unitsText(BigInt(m[1]), 18, 18)} ETH`;
  return json;
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
  const traits = await governorTraits(built.governor, hre.ethers.provider);
  // In propose-guarded mode the propose guardian proposes (impersonated on the local node): no threshold to hold.
  const threshold = traits.proposeGuarded ? 0n : await governor.proposalThreshold();
  const need = quorum / BigInt(delegates.length) + threshold + 1n;

  // Test delegates: each holds enough ZK to reach quorum together, delegated to itself. First check the local
  // accounts hold enough at all, so nothing moves for a simulation that cannot pass.
  const richest = [...signers].slice(0, 7);
  const pool = new Set([...richest, ...delegates]);
  let available = 0n;
  for (const account of pool) available += await token.balanceOf(await account.getAddress());
  if (available < need * BigInt(delegates.length)) {
    throw new ZipError(
      `simulate: the local accounts hold ${zk(available)} ZK; ${delegates.length} test delegates need ` +
        `${zk(need * BigInt(delegates.length))} ZK to reach the quorum of ${zk(quorum)} ZK` +
        (threshold ? ` and the proposal threshold of ${zk(threshold)} ZK` : "") +
        "; nothing was moved",
    );
  }
  for (const d of delegates) {
    const who = await d.getAddress();
    const held = await token.balanceOf(who);
    if (held < need) {
      let missing = need - held;
      for (const source of richest) {
        if (missing === 0n || delegates.includes(source)) continue;
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
  print(`test delegates: ${delegates.length} accounts with ≥ ${zk(need)} ZK each (quorum ${zk(quorum)} ZK)`);

  const before = await readParameters(hre, built, deployment);
  if (traits.proposeGuarded) {
    print(`the governor is propose-guarded: proposing as the propose guardian ${traits.proposeGuardian}`);
    await propose(hre, built, await impersonate(hre, traits.proposeGuardian!), print);
  } else {
    await propose(hre, built, delegates[0], print);
  }
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
  for (const [label, [old, value]] of changes) print(`  ${label}: ${inUnits(label, old)} → ${inUnits(label, value)}`);
  return changes;
}
