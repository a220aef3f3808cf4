// The relayer: carries interop bundles between chains, exactly once, from the chains' own truth.
//
// Per source chain it reads BundleSent in bounded spans; per destination it posts each bundle's hash on the
// RelayedRootVerifier and executes the bundle, sending a batch's transactions back to back with explicit nonces
// and waiting for their receipts together. What is pending is decided by the chains: sent on the source, neither
// executed nor cancelled on the destination. The saved cursor of a source never passes a bundle that is not
// settled, so a lost or stale state file costs a rescan, never a bundle; the handler refuses a second execution,
// so a restart never executes twice. Routes are independent: in `run`, each chain is scanned and delivered to by
// loops of its own, so a chain that is down, slow or reset delays only its own routes.
import fs from "fs";
import path from "path";
import {
  JsonRpcSigner,
  toQuantity,
  type JsonRpcError,
  type JsonRpcProvider,
  type Provider,
  type Signer,
  type TransactionReceipt,
  type TransactionRequest,
} from "ethers";
import {
  InteropCenter__factory,
  InteropHandler__factory,
  RelayedRootVerifier__factory,
  type InteropCenter,
  type InteropHandler,
  type RelayedRootVerifier,
} from "../typechain-types";
import { decodeBundle, type Bundle } from "./interop";
import { describeRevertWith } from "../lib/revert";

/** One chain the relayer reads from and delivers to. */
export interface RelayChain {
  name: string;
  chainId: bigint;
  provider: Provider;
  /** Holds RELAYER_ROLE on this chain's RelayedRootVerifier, and pays for execution; a function is called when the
   * chain is first used (a node account cannot be named before the node answers). */
  signer: Signer | (() => Promise<Signer>);
  center: string;
  handler: string;
  verifier: string;
  /** First block to read (the deployment's); default: the current block when the relayer starts. */
  fromBlock?: number;
  /** Checks the chain before its first use (chain id, contracts, role); a ChainDownError keeps its routes waiting. */
  verify?: () => Promise<void>;
}

/** The named points of a delivery, where a test may stop the process (see `atPoint`). */
export const FAULT_POINTS = ["after-read", "after-post", "after-execute", "before-save"] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

/** What the relayer reports to a metrics backend (Prometheus in the CLI). */
export interface RelayerMetrics {
  seen(source: string): void;
  delivered(route: string, latencySeconds: number): void;
  failed(route: string): void;
  pending(route: string, count: number, oldestSeconds: number): void;
  scanned(chain: string, block: number): void;
  up(chain: string, isUp: boolean): void;
}

export interface RelayerOptions {
  log?: (line: string) => void;
  /** Where the per-source cursors are kept between runs (written atomically after every step). */
  stateFile?: string;
  /** The largest block span of one eth_getLogs (public RPCs refuse more than about 10,000). */
  maxSpan?: number;
  /** The most bundles one destination step handles. */
  batchSize?: number;
  /** A bundle that cannot execute is retried after this delay, doubled on each failure up to `retryMaxMs`. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Called at each named point of a delivery: the CLI's fault hook for tests (RELAYER_FAULT). */
  atPoint?: (point: FaultPoint) => void;
  metrics?: RelayerMetrics;
  /** The chains (by name) this relayer delivers to; default all. Bundles for the others are left to the relayer
   * that owns those routes, so several processes share the work without delivering anything twice. */
  deliverTo?: string[];
}

interface Item {
  hash: string;
  bytes: string;
  bundle: Bundle;
  source: Chain;
  /** The block of its BundleSent: the source's cursor may not pass it until the bundle is settled. */
  block: number;
  seenAt: number;
  attempts: number;
  nextTryAt: number;
}

interface Chain extends RelayChain {
  center_: InteropCenter;
  /** Set once the chain is ready (verified, signer known). */
  handler_?: InteropHandler;
  verifier_?: RelayedRootVerifier;
  /** Next block to read; undefined until the first scan decides where to start. */
  scanned?: number;
  lastHead?: number;
  /** Unsettled bundles sent on this chain, by hash. */
  sent: Map<string, Item>;
  /** Unsettled bundles for this chain, by hash. */
  inbox: Map<string, Item>;
  me?: string;
  nextNonce?: number;
  span: number;
  /** Why reading from or delivering to this chain fails now, by activity. */
  down: Map<Activity, string>;
}

type Activity = "reading" | "delivering";

/** Bundles sent to a chain the relayer does not serve wait here, reported, until a relayer that serves it runs. */
const NOWHERE = "(no such chain configured)";

const POST_GAS = 120_000n;
const STATE_VERSION = 1;

type Outcome = "executed" | "already executed" | "cancelled";

/** A chain that cannot be used right now: its routes wait, the others go on. */
export class ChainDownError extends Error {}

export class Relayer {
  private readonly chains = new Map<bigint, Chain>();
  private readonly log: (line: string) => void;
  private readonly opts: Required<Pick<RelayerOptions, "maxSpan" | "batchSize" | "retryBaseMs" | "retryMaxMs">> &
    RelayerOptions;
  private readonly nowhere = new Map<string, Item>();
  private saved = new Map<bigint, number>();
  stats = { seen: 0, executed: 0, failedAttempts: 0 };

  constructor(chains: RelayChain[], opts: RelayerOptions = {}) {
    this.opts = { maxSpan: 10_000, batchSize: 100, retryBaseMs: 2_000, retryMaxMs: 300_000, ...opts };
    this.log = opts.log ?? ((line) => console.log(`[relayer] ${line}`));
    for (const chain of chains) {
      this.chains.set(chain.chainId, {
        ...chain,
        center_: InteropCenter__factory.connect(chain.center, chain.provider),
        sent: new Map(),
        inbox: new Map(),
        span: this.opts.maxSpan,
        down: new Map(),
      });
    }
    this.saved = this.loadState();
  }

  private delivers(c: RelayChain): boolean {
    return !this.opts.deliverTo || this.opts.deliverTo.includes(c.name);
  }

  /** Unsettled bundles, all routes together. */
  get pendingCount(): number {
    let n = this.nowhere.size;
    for (const c of this.chains.values()) n += c.inbox.size;
    return n;
  }

  /**
   * One pass: reads every chain up to its head, then delivers every pending bundle (failing ones included, whatever
   * their backoff) on every destination at once. Errors of one chain do not stop the others; the first is thrown
   * once all are done. Returns how many bundles it executed.
   */
  async relayOnce(): Promise<number> {
    const errors: unknown[] = [];
    await Promise.all(
      [...this.chains.values()].map((c) =>
        this.scan(c).catch((e) => {
          errors.push(e);
          return 0;
        }),
      ),
    );
    const executed = await Promise.all(
      [...this.chains.values()].map(async (c) => {
        let n = 0;
        // Every pending bundle is tried once in this pass, a batch at a time.
        const tried = new Set<string>();
        try {
          for (;;) {
            const before = tried.size;
            n += await this.deliver(c, { ignoreBackoff: true, tried });
            if (tried.size === before) break;
          }
        } catch (e) {
          errors.push(e);
        }
        return n;
      }),
    );
    this.reportNowhere();
    if (errors.length) throw errors[0];
    return executed.reduce((a, b) => a + b, 0);
  }

  /** Passes until one executes nothing (a chained bundle takes one pass per hop); returns the total executed. */
  async relayUntilIdle(maxPasses = 10): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxPasses; i++) {
      const n = await this.relayOnce();
      total += n;
      if (n === 0) break;
    }
    return total;
  }

  /**
   * Runs until `signal` aborts: one loop reads each chain and one delivers to each, every `intervalMs`, so routes
   * never wait for each other; a summary line every `summaryMs`. Stops after the step in progress.
   */
  async run(signal: AbortSignal, intervalMs = 500, summaryMs = 60_000): Promise<void> {
    this.log(this.watching());
    const loops: Promise<void>[] = [];
    for (const c of this.chains.values()) {
      loops.push(this.loop(signal, intervalMs, c, "reading", () => this.scan(c)));
      if (this.delivers(c)) loops.push(this.loop(signal, intervalMs, c, "delivering", () => this.deliver(c, {})));
    }
    loops.push(
      (async () => {
        while (!signal.aborted) {
          await sleep(summaryMs, signal);
          if (!signal.aborted) this.log(this.summary());
        }
      })(),
    );
    await Promise.all(loops);
    this.saveState();
    this.log(`stopped: ${this.stats.executed} executed, ${this.pendingCount} pending`);
  }

  /** "watching A (chain 1), B (chain 2); delivering to A, B" */
  watching(): string {
    const all = [...this.chains.values()];
    const targets = all.filter((c) => this.delivers(c)).map((c) => c.name);
    return `watching ${all.map((c) => `${c.name} (chain ${c.chainId})`).join(", ")}; delivering to ${targets.join(", ")}`;
  }

  /** "summary: A→B 3 pending (oldest 12 s), …; 120 executed; chain C down (…)" */
  summary(): string {
    const parts: string[] = [];
    for (const [route, { count, oldest }] of this.pendingByRoute()) {
      parts.push(`${route} ${count} pending${count ? ` (oldest ${oldest.toFixed(0)} s)` : ""}`);
    }
    const down = [...this.chains.values()].flatMap((c) =>
      [...c.down].map(([activity, reason]) => `chain ${c.name}, ${activity}: ${reason}`),
    );
    return `summary: ${parts.join(", ") || "no route"}; ${this.stats.executed} executed${down.length ? `; ${down.join("; ")}` : ""}`;
  }

  /** Pending count and oldest age (seconds since first read) per route; also sets the metrics' gauges. */
  private pendingByRoute(): Map<string, { count: number; oldest: number }> {
    const out = new Map<string, { count: number; oldest: number }>();
    for (const [route, items] of this.routes()) {
      const oldest = Math.max(0, ...items.map((i) => (Date.now() - i.seenAt) / 1000));
      out.set(route, { count: items.length, oldest });
      this.opts.metrics?.pending(route, items.length, oldest);
    }
    return out;
  }

  /** Pending bundles by route ("A→B"), every configured route listed. */
  routes(): Map<string, Item[]> {
    const out = new Map<string, Item[]>();
    for (const s of this.chains.values())
      for (const d of this.chains.values()) if (s !== d && this.delivers(d)) out.set(`${s.name}→${d.name}`, []);
    for (const d of this.chains.values()) {
      for (const item of d.inbox.values()) out.get(`${item.source.name}→${d.name}`)?.push(item);
    }
    for (const item of this.nowhere.values()) {
      const route = `${item.source.name}→chain ${item.bundle.destinationChainId}`;
      out.set(route, [...(out.get(route) ?? []), item]);
    }
    return out;
  }

  /** Verifies the chain on first use and connects its signer; until then its routes wait. */
  private async ready(c: Chain): Promise<{ handler: InteropHandler; verifier: RelayedRootVerifier; me: string }> {
    if (!c.handler_ || !c.verifier_ || !c.me) {
      await c.verify?.();
      const signer = typeof c.signer === "function" ? await c.signer() : c.signer;
      c.signer = signer;
      c.me = await signer.getAddress();
      c.handler_ = InteropHandler__factory.connect(c.handler, signer);
      c.verifier_ = RelayedRootVerifier__factory.connect(c.verifier, signer);
    }
    return { handler: c.handler_, verifier: c.verifier_, me: c.me };
  }

  // ---- reading ----

  /** Reads BundleSent from the chain's cursor to its head in spans of at most `maxSpan` blocks. */
  private async scan(c: Chain): Promise<number> {
    await this.ready(c);
    const head = await c.provider.getBlockNumber();
    if (c.lastHead !== undefined && head < c.lastHead) {
      this.log(
        `chain ${c.name} went back from block ${c.lastHead} to ${head}: it was reset (or reorganised); ` +
          `reading it again from block ${c.fromBlock ?? 0}`,
      );
      for (const item of c.sent.values()) this.forget(item);
      c.scanned = c.fromBlock ?? 0;
    }
    c.lastHead = head;
    if (c.scanned === undefined) c.scanned = this.startBlock(c, head);
    let found = 0;
    while (c.scanned <= head) {
      const to = Math.min(head, c.scanned + c.span - 1);
      let logs;
      try {
        logs = await c.center_.queryFilter(c.center_.filters.BundleSent(), c.scanned, to);
      } catch (error) {
        // A provider that refuses the span: halve it and try again; a span of one block that fails is an outage.
        if (to > c.scanned) {
          c.span = Math.max(1, Math.floor((to - c.scanned + 1) / 2));
          this.log(
            `chain ${c.name}: eth_getLogs over ${to - c.scanned + 1} blocks failed; reading ${c.span} at a time`,
          );
          continue;
        }
        throw error;
      }
      for (const log of logs) {
        const hash = log.args.bundleHash;
        if (c.sent.has(hash)) continue;
        const bundle = decodeBundle(log.args.bundle);
        const item: Item = {
          hash,
          bytes: log.args.bundle,
          bundle,
          source: c,
          block: log.blockNumber,
          seenAt: Date.now(),
          attempts: 0,
          nextTryAt: 0,
        };
        const dest = this.chains.get(bundle.destinationChainId);
        if (dest && !this.delivers(dest)) continue;
        c.sent.set(hash, item);
        (dest ? dest.inbox : this.nowhere).set(hash, item);
        this.stats.seen++;
        this.opts.metrics?.seen(c.name);
        found++;
      }
      c.scanned = to + 1;
      this.opts.metrics?.scanned(c.name, to);
      this.opts.atPoint?.("after-read");
      this.saveState();
    }
    this.reportNowhere();
    this.markUp(c, "reading");
    return found;
  }

  /** Where a chain's first scan starts: the saved cursor if it still fits the chain, else its first block. */
  private startBlock(c: Chain, head: number): number {
    const saved = this.saved.get(c.chainId);
    const first = c.fromBlock ?? head;
    if (saved === undefined) return first;
    if (saved > head + 1) {
      this.log(
        `chain ${c.name}: the state file says block ${saved} but the chain is at ${head}: it was reset; ` +
          `reading it again from block ${first}`,
      );
      return first;
    }
    return Math.max(saved, c.fromBlock ?? 0);
  }

  // ---- delivering ----

  /**
   * Delivers the bundles due for chain `d` (at most `batchSize`, oldest first): reads what the chain says of each,
   * posts the missing hashes, simulates, executes, and settles what is done. Returns how many it executed.
   */
  private async deliver(d: Chain, opts: { ignoreBackoff?: boolean; tried?: Set<string> }): Promise<number> {
    const now = Date.now();
    const due = [...d.inbox.values()]
      .filter((i) => (opts.ignoreBackoff || i.nextTryAt <= now) && !opts.tried?.has(i.hash))
      .sort((a, b) => a.block - b.block || a.seenAt - b.seenAt)
      .slice(0, this.opts.batchSize);
    if (due.length === 0) return 0;
    for (const i of due) opts.tried?.add(i.hash);
    const { handler: h, verifier: v, me } = await this.ready(d);
    // The handler first: on a chain that lost its history, every read below would fail to decode.
    if ((await d.provider.getCode(d.handler)) === "0x") {
      throw new ChainDownError(
        `no InteropHandler at ${d.handler}: the chain was reset or redeployed and its history is gone`,
      );
    }
    const truth = await Promise.all(
      due.map((i) => Promise.all([h.executed(i.hash), h.cancelled(i.hash), v.posted(i.bundle.sourceChainId, i.hash)])),
    );
    const run: Item[] = [];
    const post: Item[] = [];
    for (const [k, item] of due.entries()) {
      const [executed, cancelled, posted] = truth[k];
      if (executed) this.settle(item, "already executed");
      else if (cancelled) this.settle(item, "cancelled");
      else if (item.bundle.executor !== ZERO && item.bundle.executor.toLowerCase() !== me.toLowerCase()) {
        this.retryLater(item, `only ${item.bundle.executor} may execute it`);
      } else {
        if (!posted) post.push(item);
        run.push(item);
      }
    }
    if (post.length) {
      const receipts = await this.sendAll(
        d,
        await Promise.all(
          post.map(async (i) => ({
            ...(await v.postBundleHash.populateTransaction(i.bundle.sourceChainId, i.hash)),
            gasLimit: POST_GAS,
          })),
        ),
      );
      // A post that failed (another relayer posted first, say) is fine as long as the hash is posted now.
      for (const [k, r] of receipts.entries()) {
        if (r?.status !== 1 && !(await v.posted(post[k].bundle.sourceChainId, post[k].hash))) {
          throw new Error(`posting the hash of ${short(post[k].hash)} failed (tx ${r ? short(r.hash) : "lost"})`);
        }
      }
      this.opts.atPoint?.("after-post");
    }
    // Simulate each execution as the chain is now; a failing one waits for its backoff, reported.
    const gas = await Promise.all(
      run.map((i) =>
        h.executeBundle.estimateGas(i.bytes, "0x").then(
          (g) => g,
          (error: unknown) => {
            this.retryLater(i, `a call fails (${describeRevertWith(h.interface, error)})`);
            return undefined;
          },
        ),
      ),
    );
    const ready = run.filter((_, k) => gas[k] !== undefined);
    const limits = gas.filter((g): g is bigint => g !== undefined);
    let executed = 0;
    if (ready.length) {
      const receipts = await this.sendAll(
        d,
        await Promise.all(
          ready.map(async (i, k) => ({
            ...(await h.executeBundle.populateTransaction(i.bytes, "0x")),
            gasLimit: limits[k] + limits[k] / 5n,
          })),
        ),
        () => this.opts.atPoint?.("after-execute"),
      );
      for (const [k, r] of receipts.entries()) {
        const item = ready[k];
        if (r?.status === 1) {
          this.settle(item, "executed", r.hash);
          executed++;
        } else if (await h.executed(item.hash)) {
          this.settle(item, "already executed");
        } else {
          this.retryLater(item, `the execution reverted (tx ${r ? short(r.hash) : "lost"})`);
        }
      }
    }
    this.opts.atPoint?.("before-save");
    this.saveState();
    this.markUp(d, "delivering");
    return executed;
  }

  /**
   * Sends one transaction per request, each with the next nonce, back to back in nonce order (each send straight to
   * the node, without the provider's batching delay), then waits for all their receipts. `afterSend` runs once everything is sent, before any
   * receipt. A failed send makes the next batch read the nonce from the chain again; the chain refuses a second
   * post or execution of the same bundle, so a resend is never a double delivery.
   */
  private async sendAll(
    d: Chain,
    requests: TransactionRequest[],
    afterSend?: () => void,
  ): Promise<(TransactionReceipt | null)[]> {
    const signer = d.signer as Signer;
    const rpc = d.provider as JsonRpcProvider;
    /** One request straight to the node; the order of sends is the order of nonces. */
    const sendNow = async (method: string, params: unknown[]) => {
      const [answer] = await rpc._send({ method, params, id: 1, jsonrpc: "2.0" });
      if ("error" in answer) throw rpc.getRpcError({ method, params, id: 1, jsonrpc: "2.0" }, answer as JsonRpcError);
      return answer.result as string;
    };
    // A local key signs with one fee quote and chain id for the whole batch; a node account signs itself.
    let fee: Record<string, unknown> | undefined;
    if (!(signer instanceof JsonRpcSigner)) {
      const [fees, network] = await Promise.all([d.provider.getFeeData(), d.provider.getNetwork()]);
      fee =
        fees.maxFeePerGas !== null
          ? { type: 2, maxFeePerGas: fees.maxFeePerGas, maxPriorityFeePerGas: fees.maxPriorityFeePerGas }
          : { type: 0, gasPrice: fees.gasPrice };
      fee.chainId = network.chainId;
    }
    const hashes: string[] = [];
    let resynced = false;
    for (const r of requests) {
      for (;;) {
        try {
          d.nextNonce ??= await d.provider.getTransactionCount(d.me!, "pending");
          const nonce = d.nextNonce;
          if (fee) {
            const raw = await signer.signTransaction({ ...r, ...fee, from: d.me!, nonce });
            hashes.push(await sendNow("eth_sendRawTransaction", [raw]));
          } else {
            const tx = { from: d.me!, to: r.to, data: r.data, nonce: toQuantity(nonce), gas: toQuantity(r.gasLimit!) };
            hashes.push(await sendNow("eth_sendTransaction", [tx]));
          }
          d.nextNonce = nonce + 1;
          break;
        } catch (error) {
          d.nextNonce = undefined;
          // Someone else used this account: read its nonce from the chain once and go on.
          if (!resynced && isNonceError(error)) {
            resynced = true;
            continue;
          }
          throw error;
        }
      }
    }
    afterSend?.();
    return this.receipts(d, hashes);
  }

  /** The receipts of `hashes`, read together until all are mined (two minutes at most). */
  private async receipts(d: Chain, hashes: string[]): Promise<(TransactionReceipt | null)[]> {
    const out: (TransactionReceipt | null)[] = hashes.map(() => null);
    const deadline = Date.now() + 120_000;
    for (;;) {
      const missing = hashes.map((_, k) => k).filter((k) => out[k] === null);
      if (missing.length === 0 || Date.now() > deadline) return out;
      const found = await Promise.all(missing.map((k) => d.provider.getTransactionReceipt(hashes[k])));
      for (const [n, k] of missing.entries()) out[k] = found[n];
      if (found.some((r) => r === null)) await new Promise((r) => setTimeout(r, 20));
    }
  }

  private settle(item: Item, outcome: Outcome, tx?: string) {
    const dest = this.chains.get(item.bundle.destinationChainId)!;
    const route = `${item.source.name}→${dest.name}`;
    const tag = `${route} bundle ${short(item.hash)} (nonce ${item.bundle.nonce}, ${item.bundle.calls.length} call(s))`;
    if (outcome === "executed") {
      const latency = (Date.now() - item.seenAt) / 1000;
      this.stats.executed++;
      this.opts.metrics?.delivered(route, latency);
      this.log(`${tag} executed in tx ${short(tx!)}, ${latency.toFixed(1)} s after it was seen`);
    } else if (outcome === "cancelled") {
      this.log(`${tag} was cancelled by its unbundler: nothing to do`);
    } else if (item.attempts > 0) {
      this.log(`${tag} was executed by someone else`);
    }
    this.forget(item);
  }

  private forget(item: Item) {
    item.source.sent.delete(item.hash);
    this.chains.get(item.bundle.destinationChainId)?.inbox.delete(item.hash);
    this.nowhere.delete(item.hash);
  }

  private retryLater(item: Item, reason: string) {
    item.attempts++;
    this.stats.failedAttempts++;
    const delay = Math.min(this.opts.retryMaxMs, this.opts.retryBaseMs * 2 ** Math.min(item.attempts - 1, 20));
    item.nextTryAt = Date.now() + delay;
    const dest = this.chains.get(item.bundle.destinationChainId)!;
    const route = `${item.source.name}→${dest.name}`;
    this.opts.metrics?.failed(route);
    this.log(
      `${route} bundle ${short(item.hash)}: ${reason}; attempt ${item.attempts}, next in ${(delay / 1000).toFixed(0)} s`,
    );
  }

  private reportNowhere() {
    const now = Date.now();
    for (const item of this.nowhere.values()) {
      if (item.nextTryAt > now) continue;
      item.attempts++;
      item.nextTryAt = now + this.opts.retryMaxMs;
      this.log(
        `${item.source.name} bundle ${short(item.hash)} is for chain ${item.bundle.destinationChainId} ${NOWHERE}: ` +
          "left pending for a relayer that serves it",
      );
    }
  }

  // ---- loops, state ----

  private async loop(
    signal: AbortSignal,
    intervalMs: number,
    c: Chain,
    activity: Activity,
    step: () => Promise<number>,
  ) {
    let wait = intervalMs;
    while (!signal.aborted) {
      try {
        const n = await step();
        wait = n > 0 ? 0 : intervalMs;
      } catch (error) {
        this.markDown(c, activity, error);
        wait = Math.min(30_000, Math.max(intervalMs, wait * 2));
      }
      if (this.opts.metrics) this.pendingByRoute();
      if (wait > 0) await sleep(wait, signal);
    }
  }

  private markDown(c: Chain, activity: Activity, error: unknown) {
    const reason = error instanceof ChainDownError ? error.message : firstLine(error);
    if (activity === "delivering") c.nextNonce = undefined;
    if (c.down.get(activity) !== reason) {
      this.log(`chain ${c.name}, ${activity}: ${reason}; its routes wait, the others go on`);
    }
    c.down.set(activity, reason);
    this.opts.metrics?.up(c.name, false);
  }

  private markUp(c: Chain, activity: Activity) {
    if (c.down.delete(activity)) this.log(`chain ${c.name}, ${activity}: back`);
    this.opts.metrics?.up(c.name, c.down.size === 0);
  }

  /** The cursor each source may resume from: its first unsettled bundle's block, or the next block to read. */
  private cursors(): Map<bigint, number> {
    const out = new Map<bigint, number>();
    for (const c of this.chains.values()) {
      let block = c.scanned ?? this.saved.get(c.chainId);
      for (const item of c.sent.values()) if (block === undefined || item.block < block) block = item.block;
      if (block !== undefined) out.set(c.chainId, block);
    }
    return out;
  }

  private saveState() {
    const file = this.opts.stateFile;
    if (!file) return;
    const chains = Object.fromEntries([...this.cursors()].map(([id, block]) => [id.toString(), { block }]));
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, JSON.stringify({ version: STATE_VERSION, chains }, null, 2) + "\n");
    fs.renameSync(tmp, file);
  }

  private loadState(): Map<bigint, number> {
    const file = this.opts.stateFile;
    const out = new Map<bigint, number>();
    if (!file || !fs.existsSync(file)) return out;
    try {
      const saved = JSON.parse(fs.readFileSync(file, "utf8")) as {
        version?: number;
        chains?: Record<string, { block: number }>;
      };
      if (saved.version !== STATE_VERSION || typeof saved.chains !== "object") throw new Error("unknown format");
      for (const [id, { block }] of Object.entries(saved.chains)) {
        if (Number.isSafeInteger(block) && block >= 0) out.set(BigInt(id), block);
      }
    } catch (error) {
      this.log(`state file ${file} is unreadable (${firstLine(error)}): reading every chain from its first block`);
      out.clear();
    }
    return out;
  }
}

const ZERO = "0x0000000000000000000000000000000000000000";

function short(hash: string): string {
  return `${hash.slice(0, 10)}…`;
}

function isNonceError(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === "NONCE_EXPIRED" || /nonce/i.test(e?.message ?? "");
}

function firstLine(error: unknown): string {
  const e = error as { shortMessage?: string; message?: string };
  return (e?.shortMessage ?? e?.message ?? String(error)).split("\n")[0];
}

/** Waits `ms`, or less if `signal` aborts; leaves no listener behind. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const onAbort = () => (clearTimeout(t), resolve());
    const t = setTimeout(() => (signal.removeEventListener("abort", onAbort), resolve()), ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
