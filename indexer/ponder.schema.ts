// What the indexer keeps: one table per kind of event of the fee flow, staking and governance, plus running
// totals and per-day aggregates kept up to date as events arrive (so a query never scans the whole history).
import { index, onchainTable } from "ponder";

/** An interop fee: `calls` calls of `payer` charged `amount` in ZK or native, on `chainId`, toward `destination`;
 * `keptFor` is the coinbase the InteropCenter keeps it for (V31), null when the gateway pushed it to the collector. */
export const fee = onchainTable(
  "fee",
  (t) => ({
    id: t.text().primaryKey(),
    chainId: t.integer().notNull(),
    block: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    day: t.text().notNull(),
    txHash: t.hex().notNull(),
    gateway: t.hex().notNull(),
    payer: t.hex().notNull(),
    calls: t.bigint().notNull(),
    inZk: t.boolean().notNull(),
    amount: t.bigint().notNull(),
    /** The destination chain of the bundle sent in the same transaction (null when none was). */
    destination: t.bigint(),
    keptFor: t.hex(),
  }),
  (table) => ({ dayIdx: index().on(table.day), txIdx: index().on(table.txHash) }),
);

/** A fee whose bundle is not indexed yet, by transaction (the bundle follows in the same transaction). */
export const feeOfTx = onchainTable("fee_of_tx", (t) => ({
  id: t.hex().primaryKey(),
  feeId: t.text().notNull(),
}));

/** A sweep: the collector claimed what the InteropCenter kept for it, native for the auction, ZK to the distributor. */
export const sweep = onchainTable("sweep", (t) => ({
  id: t.text().primaryKey(),
  block: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  txHash: t.hex().notNull(),
  center: t.hex().notNull(),
  native: t.bigint().notNull(),
  zk: t.bigint().notNull(),
}));

/** A bundle sent through the InteropCenter. */
export const bundle = onchainTable(
  "bundle",
  (t) => ({
    id: t.hex().primaryKey(),
    block: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
    sender: t.hex().notNull(),
    destination: t.bigint().notNull(),
    nonce: t.bigint().notNull(),
  }),
  (table) => ({ txIdx: index().on(table.txHash) }),
);

/** Fees per day, chain and destination (all fees of a day with no bundle go under destination 0). */
export const dailyFees = onchainTable("daily_fees", (t) => ({
  id: t.text().primaryKey(),
  day: t.text().notNull(),
  chainId: t.integer().notNull(),
  destination: t.bigint().notNull(),
  bundles: t.integer().notNull(),
  calls: t.bigint().notNull(),
  zk: t.bigint().notNull(),
  native: t.bigint().notNull(),
}));

/** Revenue deposited into the collector (native = zero address). */
export const deposit = onchainTable("revenue_deposit", (t) => ({
  id: t.text().primaryKey(),
  block: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  depositor: t.hex().notNull(),
  asset: t.hex().notNull(),
  amount: t.bigint().notNull(),
  ref: t.hex().notNull(),
}));

/** Assets the auction may release, as the collector last said. */
export const claimableAsset = onchainTable("claimable_asset", (t) => ({
  id: t.hex().primaryKey(),
  claimable: t.boolean().notNull(),
  block: t.bigint().notNull(),
}));

/** A claim of the auction: the claimer paid `price` ZK and `recipient` got `amounts` of `assets`. */
export const claim = onchainTable(
  "claim",
  (t) => ({
    id: t.bigint().primaryKey(),
    block: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    day: t.text().notNull(),
    txHash: t.hex().notNull(),
    claimer: t.hex().notNull(),
    recipient: t.hex().notNull(),
    price: t.bigint().notNull(),
    assets: t.hex().array().notNull(),
    amounts: t.bigint().array().notNull(),
  }),
  (table) => ({ dayIdx: index().on(table.day) }),
);

/** One asset of a claim (a row per asset, so SQL can value a claim at typed prices). */
export const claimAsset = onchainTable(
  "claim_asset",
  (t) => ({
    id: t.text().primaryKey(),
    claimId: t.bigint().notNull(),
    asset: t.hex().notNull(),
    amount: t.bigint().notNull(),
  }),
  (table) => ({ claimIdx: index().on(table.claimId) }),
);

/** A `distribute()`: `amount` split into `burned` and `paid`. */
export const distribution = onchainTable("distribution", (t) => ({
  id: t.text().primaryKey(),
  block: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  day: t.text().notNull(),
  caller: t.hex().notNull(),
  amount: t.bigint().notNull(),
  burned: t.bigint().notNull(),
  paid: t.bigint().notNull(),
}));

/** ZK the distributor paid a recipient. */
export const payment = onchainTable("payment", (t) => ({
  id: t.text().primaryKey(),
  block: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  recipient: t.hex().notNull(),
  amount: t.bigint().notNull(),
}));

/** A mint (delta > 0) or burn (delta < 0) of ZK, with the supply and the cumulative burn after it. */
export const supplyChange = onchainTable(
  "supply_change",
  (t) => ({
    id: t.text().primaryKey(),
    seq: t.integer().notNull(),
    block: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    day: t.text().notNull(),
    delta: t.bigint().notNull(),
    supply: t.bigint().notNull(),
    burned: t.bigint().notNull(),
  }),
  (table) => ({ seqIdx: index().on(table.seq) }),
);

/** ZK burned per day, with the interop calls charged that day. */
export const dailyBurn = onchainTable("daily_burn", (t) => ({
  day: t.text().primaryKey(),
  burned: t.bigint().notNull(),
  burns: t.integer().notNull(),
  calls: t.bigint().notNull(),
}));

/** Running totals over the whole indexed history; one row, id "all". */
export const totals = onchainTable("totals", (t) => ({
  id: t.text().primaryKey(),
  supply: t.bigint().notNull(),
  minted: t.bigint().notNull(),
  burned: t.bigint().notNull(),
  burns: t.integer().notNull(),
  supplyChanges: t.integer().notNull(),
  claims: t.integer().notNull(),
  claimedPrice: t.bigint().notNull(),
  bundles: t.integer().notNull(),
  calls: t.bigint().notNull(),
  feesZk: t.bigint().notNull(),
  feesNative: t.bigint().notNull(),
  distributions: t.integer().notNull(),
  distributedBurned: t.bigint().notNull(),
  distributedPaid: t.bigint().notNull(),
}));

/** A staking position (one per account). */
export const position = onchainTable("position", (t) => ({
  id: t.hex().primaryKey(),
  delegatee: t.hex().notNull(),
  stake: t.bigint().notNull(),
  earningPower: t.bigint().notNull(),
  rewardsPaid: t.bigint().notNull(),
}));

/** Stake behind each delegatee. */
export const representative = onchainTable("representative", (t) => ({
  id: t.hex().primaryKey(),
  staked: t.bigint().notNull(),
  stakers: t.integer().notNull(),
}));

/** Stakes, withdrawals, delegatee changes, rewards paid and pokes, in order. */
export const stakingEvent = onchainTable("staking_event", (t) => ({
  id: t.text().primaryKey(),
  block: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  kind: t.text().notNull(),
  account: t.hex().notNull(),
  delegatee: t.hex(),
  amount: t.bigint().notNull(),
}));

/** A reward notified to the staking pilot. */
export const notification = onchainTable("notification", (t) => ({
  id: t.text().primaryKey(),
  block: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  notifier: t.hex().notNull(),
  season: t.bigint().notNull(),
  reward: t.bigint().notNull(),
  reservoir: t.bigint().notNull(),
}));

/** A proposal the staking pilot counts (or counted: `retired` once a later-ending one replaced it). */
export const countedProposal = onchainTable("counted_proposal", (t) => ({
  id: t.bigint().primaryKey(),
  block: t.bigint().notNull(),
  deadline: t.bigint().notNull(),
  forVotes: t.bigint().notNull(),
  quorum: t.bigint().notNull(),
  retired: t.boolean().notNull(),
}));

/** A governor proposal and what became of it. */
export const proposal = onchainTable("proposal", (t) => ({
  id: t.bigint().primaryKey(),
  block: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  proposer: t.hex().notNull(),
  title: t.text().notNull(),
  description: t.text().notNull(),
  targets: t.hex().array().notNull(),
  calldatas: t.hex().array().notNull(),
  voteStart: t.bigint().notNull(),
  voteEnd: t.bigint().notNull(),
  forVotes: t.bigint().notNull(),
  againstVotes: t.bigint().notNull(),
  abstainVotes: t.bigint().notNull(),
  voters: t.integer().notNull(),
  queuedBlock: t.bigint(),
  eta: t.bigint(),
  executedBlock: t.bigint(),
  canceledBlock: t.bigint(),
}));

/** A vote; a split vote has its For, Against and Abstain parts. */
export const vote = onchainTable(
  "vote",
  (t) => ({
    id: t.text().primaryKey(),
    proposalId: t.bigint().notNull(),
    block: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    voter: t.hex().notNull(),
    support: t.integer().notNull(),
    weight: t.bigint().notNull(),
    forVotes: t.bigint().notNull(),
    againstVotes: t.bigint().notNull(),
    abstainVotes: t.bigint().notNull(),
    reason: t.text().notNull(),
  }),
  (table) => ({ proposalIdx: index().on(table.proposalId) }),
);

/** Settings changed in a transaction, as their events told them (JSON: address, parameter, before, after). */
export const txChanges = onchainTable("tx_changes", (t) => ({
  id: t.hex().primaryKey(),
  changes: t.text().array().notNull(),
}));

/** An executed ZIP's call, and the parameter it changed as the setter's event told it (old → new values). */
export const parameterChange = onchainTable(
  "parameter_change",
  (t) => ({
    id: t.text().primaryKey(),
    proposalId: t.bigint().notNull(),
    block: t.bigint().notNull(),
    contract: t.text().notNull(),
    target: t.hex().notNull(),
    call: t.text().notNull(),
    getter: t.text(),
    before: t.text(),
    after: t.text(),
  }),
  (table) => ({ proposalIdx: index().on(table.proposalId) }),
);
