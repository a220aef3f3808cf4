// Counts every countable proposal of the staking pilot's governor: finished (Defeated, Succeeded, Queued, Expired
// or Executed), with quorum in For votes, and among the 5 latest-ending the pilot would keep. The pilot accepts
// them in any order; this sends only those that will stay counted, oldest-ending first, so no gas is spent on a
// proposal that a later one would retire at once.
import { Contract, Interface, type Provider, type Signer } from "ethers";
import { ZkStakingRewards__factory } from "../../typechain-types";
import { readLogs } from "../../lib/logs";
import { dateText } from "../../lib/format";

type Print = (line: string) => void;

/** ProposalCreated of OpenZeppelin's Governor, 4.9 and 5.x alike (ZK Nation's Token Governor included). */
const GOVERNOR_EVENTS = new Interface([
  "event ProposalCreated(uint256 proposalId, address proposer, address[] targets, uint256[] values, string[] signatures, bytes[] calldatas, uint256 voteStart, uint256 voteEnd, string description)",
]);
const GOVERNOR_READS = new Interface([
  "function state(uint256) view returns (uint8)",
  "function proposalSnapshot(uint256) view returns (uint256)",
  "function proposalDeadline(uint256) view returns (uint256)",
  "function quorum(uint256) view returns (uint256)",
  "function proposalVotes(uint256) view returns (uint256, uint256, uint256)",
  "function CLOCK_MODE() view returns (string)",
]);
const LOOKBACK = 5;
const DEFEATED = 3n;

export interface Candidate {
  id: bigint;
  deadline: bigint;
}

export interface RecordOptions {
  /** First block to look for ProposalCreated in. */
  fromBlock: number;
  /** Last block (default: the head). */
  toBlock?: number;
  maxSpan?: number;
  dryRun?: boolean;
}

const endsAfter = (a: Candidate, b: Candidate) => a.deadline > b.deadline || (a.deadline === b.deadline && a.id > b.id);

/** The proposals created in the range that the pilot can count now, and the window they would join. */
export async function countable(stakingAddress: string, provider: Provider, opts: RecordOptions, print: Print) {
  const staking = ZkStakingRewards__factory.connect(stakingAddress, provider);
  const governorAddress = await staking.GOVERNOR();
  const governor = new Contract(governorAddress, GOVERNOR_READS, provider);
  const toBlock = opts.toBlock ?? (await provider.getBlockNumber());
  const logs = await readLogs(
    provider,
    { address: governorAddress, topics: [GOVERNOR_EVENTS.getEvent("ProposalCreated")!.topicHash] },
    opts.fromBlock,
    toBlock,
    {
      maxSpan: opts.maxSpan,
      onHalve: (refused, next) => print(`eth_getLogs over ${refused} blocks was refused; reading ${next} at a time`),
    },
  );
  const ids = [...new Set(logs.map((l) => GOVERNOR_EVENTS.parseLog(l)!.args.proposalId as bigint))];
  const counted: Candidate[] = await Promise.all(
    (await staking.countedProposals()).map(async (id) => ({ id, deadline: await governor.proposalDeadline(id) })),
  );
  const countedIds = new Set(counted.map((c) => c.id));
  const found: Candidate[] = [];
  for (const id of ids) {
    if (countedIds.has(id)) continue;
    const state = BigInt(await governor.state(id));
    if (state < DEFEATED) continue;
    const [, forVotes] = await governor.proposalVotes(id);
    const quorum = await governor.quorum(await governor.proposalSnapshot(id));
    if (forVotes < quorum) continue;
    found.push({ id, deadline: await governor.proposalDeadline(id) });
  }
  // What the pilot will keep: the 5 latest-ending of what it counts and what is found.
  const keep = [...counted, ...found]
    .sort((a, b) => (endsAfter(a, b) ? -1 : endsAfter(b, a) ? 1 : 0))
    .slice(0, LOOKBACK);
  const toRecord = found.filter((c) => keep.includes(c)).sort((a, b) => (endsAfter(a, b) ? 1 : -1));
  const timestamps = await governor.CLOCK_MODE().then(
    (mode: string) => mode.includes("mode=timestamp"),
    () => false,
  );
  const when = (c: Candidate) => (timestamps ? dateText(c.deadline) : `at clock ${c.deadline}`);
  return { governorAddress, proposals: ids.length, counted, found, toRecord, scannedTo: toBlock, when };
}

/** Records every countable proposal; returns the ids it counted. */
export async function recordCountable(stakingAddress: string, signer: Signer, opts: RecordOptions, print: Print) {
  const plan = await countable(stakingAddress, signer.provider!, opts, print);
  print(
    `governor ${plan.governorAddress}: ${plan.proposals} proposal(s) created in blocks ${opts.fromBlock}–${plan.scannedTo}; ` +
      `${plan.counted.length} counted, ${plan.found.length} more countable, ${plan.toRecord.length} to record`,
  );
  const staking = ZkStakingRewards__factory.connect(stakingAddress, signer);
  const recorded: bigint[] = [];
  for (const c of plan.toRecord) {
    const ended = plan.when(c);
    if (opts.dryRun) {
      print(`dry run: would count proposal ${c.id} (voting ended ${ended})`);
      continue;
    }
    try {
      await staking.recordProposal.staticCall(c.id);
    } catch {
      // Someone else counted it (or one ending later) first: nothing to do.
      print(`proposal ${c.id}: already counted by someone else`);
      continue;
    }
    const tx = await staking.recordProposal(c.id);
    await tx.wait();
    recorded.push(c.id);
    print(`counted proposal ${c.id} (voting ended ${ended}) (tx ${tx.hash})`);
  }
  if (plan.toRecord.length === 0) print("nothing to count");
  return recorded;
}
