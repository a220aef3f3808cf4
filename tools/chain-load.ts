// Grows a local anvil chain that runs the suite to a chosen length with real fee-flow traffic: interop fees in
// ZK and native, claims of the native pool, distributions that burn, and governance proposals with votes whose
// execution changes a parameter. Used by the indexer's test and bench. Transactions are sent without waiting for
// each other (anvil mines each at once), with fixed gas limits, so thousands take seconds; empty blocks are mined
// in between with anvil_mine, 10 s apart, so the history spans days and eth_getLogs spans matter.
import { ethers, type JsonRpcProvider, type JsonRpcSigner } from "ethers";
import type { Suite } from "../deploy/suite";
import { attr, counterPayload, erc7930 } from "../scripts/interop";

const ZK = (n: number) => ethers.parseEther(String(n));
const NATIVE = ethers.ZeroAddress;

export interface LoadPlan {
  /** Rounds of traffic; each: `sends` interop messages (half ZK, half native), one claim, one distribute. */
  rounds: number;
  sends: number;
  /** Empty blocks mined after each round. */
  gap: number;
  /** Governance proposals, each voted by three delegates, queued and executed (it changes zkFeePerCall). */
  proposals?: number;
}

export interface LoadCounts {
  sends: number;
  sweeps: number;
  claims: number;
  distributions: number;
  proposals: number;
  votes: number;
}

/** Signers by index and a counter of what was sent. */
export class ChainLoad {
  readonly counts: LoadCounts = { sends: 0, sweeps: 0, claims: 0, distributions: 0, proposals: 0, votes: 0 };
  private ready = false;
  private readonly user: Promise<JsonRpcSigner>;
  private readonly searcher: Promise<JsonRpcSigner>;
  private readonly deployer: Promise<JsonRpcSigner>;

  constructor(
    readonly provider: JsonRpcProvider,
    readonly suite: Suite,
  ) {
    this.deployer = provider.getSigner(0);
    this.searcher = provider.getSigner(3);
    this.user = provider.getSigner(5);
  }

  /** Funds the user and the searcher, approves the collector and the auction, and gives three delegates votes. */
  private async setup() {
    if (this.ready) return;
    const [deployer, user, searcher] = await Promise.all([this.deployer, this.user, this.searcher]);
    const zk = this.suite.token.connect(deployer);
    // Fixed gas limits: a vote checkpoint costs more in a new block than in the estimate's (same-second) block, so
    // an estimate can fall short by the time the transaction is mined.
    const gasLimit = 300_000n;
    await (await zk.transfer(user.address, ZK(10_000_000), { gasLimit })).wait();
    await (await zk.transfer(searcher.address, ZK(100_000_000), { gasLimit })).wait();
    await (
      await this.suite.token
        .connect(user)
        .approve(await this.suite.center.getAddress(), ethers.MaxUint256, { gasLimit })
    ).wait();
    await (
      await this.suite.token
        .connect(searcher)
        .approve(await this.suite.auction.getAddress(), ethers.MaxUint256, { gasLimit })
    ).wait();
    await (await zk.delegate(deployer.address, { gasLimit })).wait();
    for (const i of [7, 8, 9]) {
      const d = await this.provider.getSigner(i);
      await (await zk.transfer(d.address, ZK(15_000_000), { gasLimit })).wait();
      await (await this.suite.token.connect(d).delegate(d.address, { gasLimit })).wait();
    }
    this.ready = true;
  }

  /** Sends one round of traffic and mines `gap` empty blocks. */
  async round(sends: number, gap: number) {
    await this.setup();
    const [user, searcher] = await Promise.all([this.user, this.searcher]);
    const center = this.suite.center.connect(user);
    const to = erc7930(999_999n, user.address);
    const fee = await this.suite.collector.baseFeePerCall();
    const sent: Promise<unknown>[] = [];
    // Explicit nonces: requests sent together must not be given the same one.
    const nonce0 = await this.provider.getTransactionCount(user.address, "pending");
    for (let i = 0; i < sends; i++) {
      const zkFee = i % 2 === 0;
      sent.push(
        center.sendMessage(to, counterPayload(1), zkFee ? [attr.useFixedFee(true)] : [], {
          value: zkFee ? 0n : fee,
          gasLimit: 400_000n,
          nonce: nonce0 + i,
        }),
      );
    }
    // All are submitted now; one that reached the node before its predecessor waits in anvil's queue, and automine
    // mines nothing for it once the gap closes: mine one block so every submitted send is included.
    const submitted = await Promise.all(sent);
    await this.provider.send("evm_mine", []);
    // Counted only once mined successfully: the tests compare the chain's events with these counts.
    const receipts = await Promise.all(
      submitted.map((tx) => (tx as { wait(): Promise<{ status: number | null } | null> }).wait().catch(() => null)),
    );
    this.counts.sends += receipts.filter((r) => r?.status === 1).length;
    // V31 keeps the fees in the InteropCenter for the coinbase (the collector): anyone sweeps them in.
    await (
      await this.suite.collector.connect(searcher).sweep(await this.suite.center.getAddress(), { gasLimit: 300_000n })
    ).wait();
    this.counts.sweeps++;
    const auction = this.suite.auction.connect(searcher);
    const nonce = await auction.nonce();
    const price = await auction.price();
    await (
      await auction.claim([{ asset: NATIVE, minAmount: 1n }], searcher.address, nonce, price, 2n ** 40n, {
        gasLimit: 500_000n,
      })
    ).wait();
    this.counts.claims++;
    await (await this.suite.distributor.connect(searcher).distribute({ gasLimit: 500_000n })).wait();
    this.counts.distributions++;
    if (gap > 0) await this.provider.send("anvil_mine", [ethers.toQuantity(gap), ethers.toQuantity(10)]);
  }

  /** A proposal that sets zkFeePerCall to `fee` ZK: proposed, voted by three delegates, queued and executed. */
  async proposal(fee: number) {
    await this.setup();
    const deployer = await this.deployer;
    const governor = this.suite.governor.connect(deployer);
    const collector = await this.suite.collector.getAddress();
    const calldata = this.suite.collector.interface.encodeFunctionData("setZkFeePerCall", [ZK(fee)]);
    const description = `# Set the interop ZK fee to ${fee} ZK (${Date.now()})`;
    const args: [string[], bigint[], string[]] = [[collector], [0n], [calldata]];
    await (await governor.propose(...args, description)).wait();
    const id = await governor.hashProposal(...args, ethers.id(description));
    this.counts.proposals++;
    await this.advance(Number(await governor.votingDelay()) + 1);
    for (const i of [7, 8, 9]) {
      await (await this.suite.governor.connect(await this.provider.getSigner(i)).castVote(id, 1)).wait();
      this.counts.votes++;
    }
    await this.advance(Number(await governor.votingPeriod()) + 1);
    await (await governor.queue(...args, ethers.id(description))).wait();
    await this.advance(Number(await this.suite.timelock.getMinDelay()) + 1);
    await (await governor.execute(...args, ethers.id(description))).wait();
  }

  private async advance(seconds: number) {
    await this.provider.send("evm_increaseTime", [seconds]);
    await this.provider.send("evm_mine", []);
  }

  /** Runs a plan: rounds of traffic, with the proposals spread among them. */
  async run(plan: LoadPlan, progress?: (line: string) => void) {
    const every = plan.proposals ? Math.max(1, Math.floor(plan.rounds / plan.proposals)) : 0;
    for (let r = 0; r < plan.rounds; r++) {
      await this.round(plan.sends, plan.gap);
      if (every && r % every === 0 && this.counts.proposals < plan.proposals!)
        await this.proposal(11 + this.counts.proposals);
      if (progress && r % 50 === 49)
        progress(`round ${r + 1}/${plan.rounds}, block ${await this.provider.getBlockNumber()}`);
    }
  }
}
