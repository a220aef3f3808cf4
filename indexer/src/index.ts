// The indexer's handlers: each event becomes a row, and the running totals and per-day aggregates move with it.
// Ponder runs them in chain order, so a total is exact at every block.
import { ponder } from "ponder:registry";
import {
  bundle,
  sweep,
  claim,
  claimAsset,
  claimableAsset,
  countedProposal,
  dailyBurn,
  dailyFees,
  deposit,
  distribution,
  fee,
  feeOfTx,
  notification,
  parameterChange,
  payment,
  position,
  proposal,
  representative,
  stakingEvent,
  supplyChange,
  totals,
  txChanges,
  vote,
} from "ponder:schema";
import { decodeAbiParameters, decodeFunctionData, zeroAddress, type Abi, type Address, type Hex } from "viem";
import { abis } from "../abis";
import {
  FeeDistributor__factory,
  FeeFlowAuction__factory,
  InteropCenter__factory,
  InteropFeeCollector__factory,
  IZkNationGovernor__factory,
  ZkStakingRewards__factory,
  ZkTokenGovernor__factory,
} from "../../typechain-types";

const day = (timestamp: bigint) => new Date(Number(timestamp) * 1000).toISOString().slice(0, 10);

const ZERO_TOTALS = {
  supply: 0n,
  minted: 0n,
  burned: 0n,
  burns: 0,
  supplyChanges: 0,
  claims: 0,
  claimedPrice: 0n,
  bundles: 0,
  calls: 0n,
  feesZk: 0n,
  feesNative: 0n,
  distributions: 0,
  distributedBurned: 0n,
  distributedPaid: 0n,
};
type Totals = typeof ZERO_TOTALS;
type Db = Parameters<Parameters<typeof ponder.on<"FeeDistributor:Distributed">>[1]>[0]["context"]["db"];

/** Reads the totals row, applies `change`, writes it back. */
async function bump(db: Db, change: (t: Totals) => Partial<Totals>) {
  const current = (await db.find(totals, { id: "all" })) ?? { id: "all", ...ZERO_TOTALS };
  await db
    .insert(totals)
    .values({ ...current, ...change(current) })
    .onConflictDoUpdate(change(current));
}

// ---- ZK supply ----

// The supply before the first indexed block: an existing token (ZK Nation's) had one; a token deployed with the
// suite had none.
ponder.on("ZkTokenMint:setup", async ({ context }) => {
  const start = BigInt(context.contracts.ZkTokenMint.startBlock ?? 0);
  let supply = 0n;
  if (start > 0n) {
    supply = await context.client
      .readContract({
        abi: abis.ZkToken,
        address: context.contracts.ZkTokenMint.address as Address,
        functionName: "totalSupply",
        blockNumber: start - 1n,
      })
      .catch(() => 0n);
  }
  await context.db.insert(totals).values({ id: "all", ...ZERO_TOTALS, supply });
});

type Transfer = Parameters<Parameters<typeof ponder.on<"ZkTokenMint:Transfer">>[1]>[0];

async function supplyMoved({ event, context }: Transfer, delta: bigint) {
  const t = (await context.db.find(totals, { id: "all" }))!;
  const supply = t.supply + delta;
  const burned = delta < 0n ? t.burned - delta : t.burned;
  await context.db.insert(supplyChange).values({
    id: event.id,
    seq: t.supplyChanges,
    block: event.block.number,
    timestamp: event.block.timestamp,
    day: day(event.block.timestamp),
    delta,
    supply,
    burned,
  });
  await bump(context.db, (c) => ({
    supply,
    burned,
    minted: delta > 0n ? c.minted + delta : c.minted,
    burns: delta < 0n ? c.burns + 1 : c.burns,
    supplyChanges: c.supplyChanges + 1,
  }));
  if (delta < 0n) {
    await context.db
      .insert(dailyBurn)
      .values({ day: day(event.block.timestamp), burned: -delta, burns: 1, calls: 0n })
      .onConflictDoUpdate((row) => ({ burned: row.burned - delta, burns: row.burns + 1 }));
  }
}

ponder.on("ZkTokenMint:Transfer", (e) => supplyMoved(e, e.event.args.value));
ponder.on("ZkTokenBurn:Transfer", (e) => supplyMoved(e as unknown as Transfer, -e.event.args.value));

// ---- interop fees ----

/** A fee row, waiting (by transaction) for the bundle sent after it in the same transaction. */
async function recordFee(
  context: { db: Db; chain: { id: number } },
  event: { id: string; block: { number: bigint; timestamp: bigint }; transaction: { hash: Hex } },
  row: { gateway: Address; payer: Address; calls: bigint; inZk: boolean; amount: bigint; keptFor: Address | null },
) {
  await context.db.insert(fee).values({
    id: event.id,
    chainId: context.chain.id,
    block: event.block.number,
    timestamp: event.block.timestamp,
    day: day(event.block.timestamp),
    txHash: event.transaction.hash,
    destination: null,
    ...row,
  });
  await context.db.insert(feeOfTx).values({ id: event.transaction.hash, feeId: event.id });
  await bump(context.db, (c) => ({
    calls: c.calls + row.calls,
    feesZk: row.inZk ? c.feesZk + row.amount : c.feesZk,
    feesNative: row.inZk ? c.feesNative : c.feesNative + row.amount,
  }));
  if (row.calls !== 0n) await countCalls(context.db, day(event.block.timestamp), row.calls);
}

async function countCalls(db: Db, d: string, calls: bigint) {
  await db
    .insert(dailyBurn)
    .values({ day: d, burned: 0n, burns: 0, calls })
    .onConflictDoUpdate((row) => ({ calls: row.calls + calls }));
}

// A gateway that pushes its fee to the collector: the call count is in the event.
ponder.on("InteropFeeCollector:InteropFeeCollected", async ({ event, context }) => {
  const { gateway, payer, callCount, inZk, fee: amount } = event.args;
  await recordFee(context, event, { gateway, payer, calls: callCount, inZk, amount, keptFor: null });
});

// V31: the InteropCenter keeps the fee for the block's coinbase; the call count comes with the bundle.
ponder.on("InteropCenter:FixedZKFeesAccumulated", async ({ event, context }) => {
  const { payer, coinbase, amount } = event.args;
  const gateway = event.log.address;
  await recordFee(context, event, { gateway, payer, calls: 0n, inZk: true, amount, keptFor: coinbase });
});

ponder.on("InteropCenter:ProtocolFeesAccumulated", async ({ event, context }) => {
  const { coinbase, amount } = event.args;
  const [gateway, payer] = [event.log.address, event.transaction.from];
  await recordFee(context, event, { gateway, payer, calls: 0n, inZk: false, amount, keptFor: coinbase });
});

ponder.on("InteropFeeCollector:FeesSwept", async ({ event, context }) => {
  const { center, native, zk } = event.args;
  await context.db.insert(sweep).values({
    id: event.id,
    block: event.block.number,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
    center,
    native,
    zk,
  });
});

/** The number of calls of a bundle as BundleSent carries it (`abi.encode(InteropBundles.Bundle)`). */
const BUNDLE = [
  {
    type: "tuple",
    components: [
      { name: "sourceChainId", type: "uint256" },
      { name: "destinationChainId", type: "uint256" },
      { name: "sender", type: "address" },
      { name: "nonce", type: "uint256" },
      { name: "paidInZk", type: "bool" },
      { name: "executor", type: "address" },
      { name: "unbundler", type: "address" },
      {
        name: "calls",
        type: "tuple[]",
        components: [
          { name: "to", type: "address" },
          { name: "data", type: "bytes" },
        ],
      },
    ],
  },
] as const;

// The InteropCenter charges the fee, then emits BundleSent in the same transaction: the fee learns its
// destination (and, on the V31 path, its call count) here, and the day's per-destination aggregate counts it.
ponder.on("InteropCenter:BundleSent", async ({ event, context }) => {
  const { bundleHash, destinationChainId, sender, nonce } = event.args;
  await context.db.insert(bundle).values({
    id: bundleHash,
    block: event.block.number,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
    sender,
    destination: destinationChainId,
    nonce,
  });
  await bump(context.db, (c) => ({ bundles: c.bundles + 1 }));
  const d = day(event.block.timestamp);
  // The fee charged earlier in this transaction (one per send), found by its primary key: no table scan.
  const pending = await context.db.find(feeOfTx, { id: event.transaction.hash });
  if (!pending) return;
  await context.db.delete(feeOfTx, { id: event.transaction.hash });
  const f = (await context.db.find(fee, { id: pending.feeId }))!;
  let calls = f.calls;
  if (calls === 0n) {
    // The V31 path: the fee's events do not carry the call count; the bundle does.
    calls = BigInt(decodeAbiParameters(BUNDLE, event.args.bundle)[0].calls.length);
    await bump(context.db, (c) => ({ calls: c.calls + calls }));
    await countCalls(context.db, d, calls);
  }
  await context.db.update(fee, { id: f.id }).set({ destination: destinationChainId, calls });
  await context.db
    .insert(dailyFees)
    .values({
      id: `${d}:${context.chain.id}:${destinationChainId}`,
      day: d,
      chainId: context.chain.id,
      destination: destinationChainId,
      bundles: 1,
      calls,
      zk: f.inZk ? f.amount : 0n,
      native: f.inZk ? 0n : f.amount,
    })
    .onConflictDoUpdate((row) => ({
      bundles: row.bundles + 1,
      calls: row.calls + calls,
      zk: row.zk + (f.inZk ? f.amount : 0n),
      native: row.native + (f.inZk ? 0n : f.amount),
    }));
});

ponder.on("InteropFeeCollector:RevenueDeposited", async ({ event, context }) => {
  await context.db.insert(deposit).values({
    id: event.id,
    block: event.block.number,
    timestamp: event.block.timestamp,
    ...event.args,
  });
});

ponder.on("InteropFeeCollector:ClaimableAssetUpdated", async ({ event, context }) => {
  await context.db
    .insert(claimableAsset)
    .values({ id: event.args.asset, claimable: event.args.claimable, block: event.block.number })
    .onConflictDoUpdate({ claimable: event.args.claimable, block: event.block.number });
});

// ---- auction and distributor ----

ponder.on("FeeFlowAuction:Claimed", async ({ event, context }) => {
  const { nonce, claimer, recipient, price, assets, amounts } = event.args;
  await context.db.insert(claim).values({
    id: nonce,
    block: event.block.number,
    timestamp: event.block.timestamp,
    day: day(event.block.timestamp),
    txHash: event.transaction.hash,
    claimer,
    recipient,
    price,
    assets: [...assets],
    amounts: [...amounts],
  });
  for (const [i, asset] of assets.entries()) {
    await context.db.insert(claimAsset).values({ id: `${nonce}:${i}`, claimId: nonce, asset, amount: amounts[i]! });
  }
  await bump(context.db, (c) => ({ claims: c.claims + 1, claimedPrice: c.claimedPrice + price }));
});

ponder.on("FeeDistributor:Distributed", async ({ event, context }) => {
  const { caller, amount, burned, paid } = event.args;
  await context.db.insert(distribution).values({
    id: event.id,
    block: event.block.number,
    timestamp: event.block.timestamp,
    day: day(event.block.timestamp),
    caller,
    amount,
    burned,
    paid,
  });
  await bump(context.db, (c) => ({
    distributions: c.distributions + 1,
    distributedBurned: c.distributedBurned + burned,
    distributedPaid: c.distributedPaid + paid,
  }));
});

ponder.on("FeeDistributor:Paid", async ({ event, context }) => {
  await context.db.insert(payment).values({
    id: event.id,
    block: event.block.number,
    timestamp: event.block.timestamp,
    recipient: event.args.recipient,
    amount: event.args.amount,
  });
});

// ---- staking ----

async function moveStake(db: Db, account: Hex, delegatee: Hex, delta: bigint) {
  const existing = await db.find(position, { id: account });
  const before = existing?.stake ?? 0n;
  await db
    .insert(position)
    .values({ id: account, delegatee, stake: before + delta, earningPower: 0n, rewardsPaid: 0n })
    .onConflictDoUpdate({ delegatee, stake: before + delta });
  const joined = before === 0n && delta > 0n ? 1 : before + delta === 0n && before > 0n ? -1 : 0;
  await db
    .insert(representative)
    .values({ id: delegatee, staked: delta, stakers: joined })
    .onConflictDoUpdate((r) => ({ staked: r.staked + delta, stakers: r.stakers + joined }));
}

type StakeEvent = Parameters<Parameters<typeof ponder.on<"ZkStakingRewards:Staked">>[1]>[0];

/** A stake (delta > 0) or a withdrawal (delta < 0): the position, its delegatee's total and the event row. */
async function stakeMoved({ event, context }: StakeEvent, kind: "stake" | "withdraw", delta: bigint) {
  const { account, delegatee, amount } = event.args;
  await moveStake(context.db, account, delegatee, delta);
  await context.db.insert(stakingEvent).values({
    id: event.id,
    block: event.block.number,
    timestamp: event.block.timestamp,
    kind,
    account,
    delegatee,
    amount,
  });
}

ponder.on("ZkStakingRewards:Staked", (e) => stakeMoved(e, "stake", e.event.args.amount));
ponder.on("ZkStakingRewards:Withdrawn", (e) =>
  stakeMoved(e as unknown as StakeEvent, "withdraw", -e.event.args.amount),
);

ponder.on("ZkStakingRewards:DelegateeChanged", async ({ event, context }) => {
  const { account, oldDelegatee, newDelegatee } = event.args;
  const existing = await context.db.find(position, { id: account });
  const stake = existing?.stake ?? 0n;
  if (oldDelegatee !== zeroAddress && stake !== 0n) {
    await moveStake(context.db, account, oldDelegatee, -stake);
    await moveStake(context.db, account, newDelegatee, stake);
  } else {
    await context.db
      .insert(position)
      .values({ id: account, delegatee: newDelegatee, stake: 0n, earningPower: 0n, rewardsPaid: 0n })
      .onConflictDoUpdate({ delegatee: newDelegatee });
  }
  await context.db.insert(stakingEvent).values({
    id: event.id,
    block: event.block.number,
    timestamp: event.block.timestamp,
    kind: "delegatee",
    account,
    delegatee: newDelegatee,
    amount: stake,
  });
});

ponder.on("ZkStakingRewards:EarningPowerUpdated", async ({ event, context }) => {
  await context.db.update(position, { id: event.args.account }).set({ earningPower: event.args.newEarningPower });
});

ponder.on("ZkStakingRewards:RewardPaid", async ({ event, context }) => {
  const { account, reward } = event.args;
  await context.db.update(position, { id: account }).set((p) => ({ rewardsPaid: p.rewardsPaid + reward }));
  await context.db.insert(stakingEvent).values({
    id: event.id,
    block: event.block.number,
    timestamp: event.block.timestamp,
    kind: "reward",
    account,
    delegatee: null,
    amount: reward,
  });
});

ponder.on("ZkStakingRewards:Poked", async ({ event, context }) => {
  await context.db.insert(stakingEvent).values({
    id: event.id,
    block: event.block.number,
    timestamp: event.block.timestamp,
    kind: "poke",
    account: event.args.account,
    delegatee: event.args.poker,
    amount: event.args.tip,
  });
});

ponder.on("ZkStakingRewards:RewardNotified", async ({ event, context }) => {
  await context.db.insert(notification).values({
    id: event.id,
    block: event.block.number,
    timestamp: event.block.timestamp,
    notifier: event.args.notifier,
    season: event.args.season,
    reward: event.args.reward,
    reservoir: event.args.reservoir,
  });
});

ponder.on("ZkStakingRewards:ProposalRecorded", async ({ event, context }) => {
  const { proposalId, deadline, forVotes, quorum } = event.args;
  await context.db
    .insert(countedProposal)
    .values({ id: proposalId, block: event.block.number, deadline, forVotes, quorum, retired: false });
});

ponder.on("ZkStakingRewards:ProposalRetired", async ({ event, context }) => {
  await context.db.update(countedProposal, { id: event.args.proposalId }).set({ retired: true });
});

// ---- governance ----

ponder.on("Governor:ProposalCreated", async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(proposal).values({
    id: a.proposalId,
    block: event.block.number,
    timestamp: event.block.timestamp,
    proposer: a.proposer,
    title: a.description.split("\n")[0].replace(/^#\s*/, ""),
    description: a.description,
    targets: [...a.targets],
    calldatas: [...a.calldatas],
    voteStart: a.voteStart,
    voteEnd: a.voteEnd,
    forVotes: 0n,
    againstVotes: 0n,
    abstainVotes: 0n,
    voters: 0,
  });
});

/** A fractional vote's params: three packed uint128, against, for, abstain (empty for a plain vote). */
function split(support: number, weight: bigint, params: Hex) {
  if (params.length === 2 + 96) {
    const word = (i: number) => BigInt(`0x${params.slice(2 + i * 32, 2 + (i + 1) * 32)}`);
    return { againstVotes: word(0), forVotes: word(1), abstainVotes: word(2) };
  }
  return {
    againstVotes: support === 0 ? weight : 0n,
    forVotes: support === 1 ? weight : 0n,
    abstainVotes: support === 2 ? weight : 0n,
  };
}

async function recordVote(
  context: { db: Db },
  event: { id: string; block: { number: bigint; timestamp: bigint } },
  a: { voter: Hex; proposalId: bigint; support: number; weight: bigint; reason: string },
  params: Hex,
) {
  const parts = split(a.support, a.weight, params);
  await context.db.insert(vote).values({
    id: event.id,
    proposalId: a.proposalId,
    block: event.block.number,
    timestamp: event.block.timestamp,
    voter: a.voter,
    support: a.support,
    weight: a.weight,
    reason: a.reason,
    ...parts,
  });
  await context.db.update(proposal, { id: a.proposalId }).set((p) => ({
    forVotes: p.forVotes + parts.forVotes,
    againstVotes: p.againstVotes + parts.againstVotes,
    abstainVotes: p.abstainVotes + parts.abstainVotes,
    voters: p.voters + 1,
  }));
}

ponder.on("Governor:VoteCast", async ({ event, context }) => {
  await recordVote(context, event, event.args, "0x");
});

ponder.on("Governor:VoteCastWithParams", async ({ event, context }) => {
  await recordVote(context, event, event.args, event.args.params);
});

ponder.on("Governor:ProposalQueued", async ({ event, context }) => {
  await context.db
    .update(proposal, { id: event.args.proposalId })
    .set({ queuedBlock: event.block.number, eta: event.args.etaSeconds });
});

ponder.on("Governor:ProposalCanceled", async ({ event, context }) => {
  await context.db.update(proposal, { id: event.args.proposalId }).set({ canceledBlock: event.block.number });
});

/** What a target's calldata and logs are decoded with: the suite's contracts by address, the governor by both
 * interfaces. */
function abisOf(contracts: Record<string, { address?: unknown }>, target: Hex): { name: string; abis: Abi[] } {
  const byName: Record<string, Abi[]> = {
    InteropCenter: [InteropCenter__factory.abi],
    InteropFeeCollector: [InteropFeeCollector__factory.abi],
    FeeFlowAuction: [FeeFlowAuction__factory.abi],
    FeeDistributor: [FeeDistributor__factory.abi],
    ZkStakingRewards: [ZkStakingRewards__factory.abi],
    Governor: [ZkTokenGovernor__factory.abi, IZkNationGovernor__factory.abi],
  };
  for (const [name, c] of Object.entries(contracts)) {
    if (typeof c.address === "string" && c.address.toLowerCase() === target.toLowerCase() && byName[name]) {
      return { name: name === "Governor" ? "ZkTokenGovernor" : name, abis: byName[name] };
    }
  }
  return { name: target, abis: [] };
}

const json = (value: unknown): string =>
  JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : (v as unknown)));

/** A setting's name from its event: ZkFeePerCallUpdated → zkFeePerCall, VotingDelaySet → votingDelay. */
const settingOf = (eventName: string) =>
  eventName.replace(/(Updated|Set|Changed|Change|Toggled)$/, "").replace(/^./, (c) => c.toLowerCase());

// Every event that carries a setting's old and new values (old*, new* arguments), of every contract a ZIP may
// change, is kept by transaction: an executed proposal then finds what its calls changed.
for (const contract of [
  "InteropCenter",
  "InteropFeeCollector",
  "FeeFlowAuction",
  "FeeDistributor",
  "ZkStakingRewards",
  "Governor",
] as const) {
  for (const item of abis[contract] as Abi) {
    if (item.type !== "event") continue;
    const olds = item.inputs.filter((i) => /^old[A-Z]/.test(i.name ?? "")).map((i) => i.name!);
    const news = item.inputs.filter((i) => /^new[A-Z]/.test(i.name ?? "")).map((i) => i.name!);
    if (olds.length === 0 || olds.length !== news.length) continue;
    // A stake's delegatee and earning power have old and new values too, but are not settings (handled above).
    if (item.name === "DelegateeChanged" || item.name === "EarningPowerUpdated") continue;
    // Registered by name at run time: the names come from the ABI, so they are the contract's own.
    (ponder.on as (name: string, fn: (e: any) => Promise<void>) => void)(
      `${contract}:${item.name}`,
      async ({ event, context }: { event: any; context: { db: Db } }) => {
        const args = event.args as Record<string, unknown>;
        const pick = (keys: string[]) => json(keys.length === 1 ? args[keys[0]!] : keys.map((k) => args[k]));
        const change = json({
          address: event.log.address,
          parameter: settingOf(item.name),
          before: pick(olds),
          after: pick(news),
        });
        await context.db
          .insert(txChanges)
          .values({ id: event.transaction.hash, changes: [change] })
          .onConflictDoUpdate((row) => ({ changes: [...row.changes, change] }));
      },
    );
  }
}

// An executed ZIP: each call decoded, and the setting it changed, before → after, as the setter's event told it
// in the executing transaction (every setter of the suite, and OpenZeppelin's, emits its old and new value). No
// historical state is read: pruned and public nodes keep none for old blocks.
ponder.on("Governor:ProposalExecuted", async ({ event, context }) => {
  const id = event.args.proposalId;
  await context.db.update(proposal, { id }).set({ executedBlock: event.block.number });
  const p = await context.db.find(proposal, { id });
  if (!p) return;
  const changes = ((await context.db.find(txChanges, { id: event.transaction.hash }))?.changes ?? []).map(
    (c) => JSON.parse(c) as { address: string; parameter: string; before: string; after: string },
  );
  const used = new Set<number>();
  for (const [i, target] of p.targets.entries()) {
    const { name, abis: candidates } = abisOf(context.contracts, target);
    let call: { functionName: string; args?: readonly unknown[] } | undefined;
    for (const abi of candidates) {
      try {
        call = decodeFunctionData({ abi, data: p.calldatas[i]! });
        break;
      } catch {
        // not this interface
      }
    }
    // The first change this target made in the transaction that no earlier call of the proposal claimed.
    const k = changes.findIndex((c, j) => !used.has(j) && c.address.toLowerCase() === target.toLowerCase());
    if (k >= 0) used.add(k);
    await context.db.insert(parameterChange).values({
      id: `${id}:${i}`,
      proposalId: id,
      block: event.block.number,
      contract: name,
      target,
      call: call ? `${call.functionName}(${json(call.args ?? []).slice(1, -1)})` : p.calldatas[i]!.slice(0, 10),
      getter: k >= 0 ? changes[k]!.parameter : null,
      before: k >= 0 ? changes[k]!.before : null,
      after: k >= 0 ? changes[k]!.after : null,
    });
  }
});
