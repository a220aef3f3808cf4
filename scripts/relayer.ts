import fs from "fs";
import type { Provider, Signer } from "ethers";
import {
  InteropCenter__factory,
  InteropHandler__factory,
  RelayedRootVerifier__factory,
  type InteropCenter,
  type InteropHandler,
  type RelayedRootVerifier,
} from "../typechain-types";
import { decodeBundle, type Bundle } from "./interop";

/** One chain the relayer watches and delivers to. */
export interface RelayChain {
  name: string;
  chainId: bigint;
  provider: Provider;
  /** Holds RELAYER_ROLE on this chain's RelayedRootVerifier, and pays for execution. */
  signer: Signer;
  center: string;
  handler: string;
  verifier: string;
  /** First block to scan (default: the current block when the relayer starts). */
  fromBlock?: number;
}

interface Pending {
  hash: string;
  bytes: string;
  bundle: Bundle;
  from: string;
}

type Outcome = "executed" | "already executed" | "cancelled" | "failed" | "not ours" | "unknown chain";

/**
 * Carries bundles between chains: watches BundleSent on every chain, posts the hash on the destination's
 * verifier, then executes the bundle there. Idempotent: a bundle already posted is not posted again, one
 * already executed is skipped, so a restart (or a second relayer) never executes anything twice. A bundle whose
 * call fails stays pending and is retried on every pass.
 */
export class Relayer {
  private readonly chains: Map<bigint, RelayChain & { c: InteropCenter; h: InteropHandler; v: RelayedRootVerifier }>;
  private readonly cursor = new Map<bigint, number>();
  private readonly pending = new Map<string, Pending>();
  private readonly log: (line: string) => void;
  private readonly stateFile?: string;
  stats = { seen: 0, executed: 0, failedAttempts: 0 };

  constructor(chains: RelayChain[], opts: { log?: (line: string) => void; stateFile?: string } = {}) {
    this.log = opts.log ?? ((line) => console.log(`[relayer] ${line}`));
    this.stateFile = opts.stateFile;
    this.chains = new Map(
      chains.map((chain) => [
        chain.chainId,
        {
          ...chain,
          c: InteropCenter__factory.connect(chain.center, chain.provider),
          h: InteropHandler__factory.connect(chain.handler, chain.signer),
          v: RelayedRootVerifier__factory.connect(chain.verifier, chain.signer),
        },
      ]),
    );
    if (this.stateFile && fs.existsSync(this.stateFile)) {
      const saved = JSON.parse(fs.readFileSync(this.stateFile, "utf8")) as Record<string, number>;
      for (const [id, block] of Object.entries(saved)) this.cursor.set(BigInt(id), block);
    }
  }

  /** Scans every chain once and delivers every bundle it can; returns how many it executed. */
  async relayOnce(): Promise<number> {
    for (const chain of this.chains.values()) {
      const latest = await chain.provider.getBlockNumber();
      const from = this.cursor.get(chain.chainId) ?? chain.fromBlock ?? latest;
      if (from > latest) continue;
      const logs = await chain.c.queryFilter(chain.c.filters.BundleSent(), from, latest);
      for (const log of logs) {
        const hash = log.args.bundleHash;
        if (this.pending.has(hash)) continue;
        this.stats.seen++;
        const bundle = decodeBundle(log.args.bundle);
        this.log(
          `${chain.name}: bundle ${short(hash)} (${bundle.calls.length} call(s), nonce ${bundle.nonce}) → chain ${bundle.destinationChainId}`,
        );
        this.pending.set(hash, { hash, bytes: log.args.bundle, bundle, from: chain.name });
      }
      this.cursor.set(chain.chainId, latest + 1);
    }
    this.saveState();
    let executed = 0;
    for (const item of [...this.pending.values()]) {
      const outcome = await this.deliver(item);
      if (outcome === "executed") executed++;
      if (outcome !== "failed") this.pending.delete(item.hash);
    }
    return executed;
  }

  /** Relays until a pass executes nothing new (chained bundles take one pass per hop). */
  async relayUntilIdle(maxPasses = 10): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxPasses; i++) {
      const n = await this.relayOnce();
      total += n;
      if (n === 0) break;
    }
    return total;
  }

  /** Relays every `intervalMs` until `signal` aborts; returns cleanly. */
  async run(signal: AbortSignal, intervalMs = 500): Promise<void> {
    this.log(`watching ${[...this.chains.values()].map((c) => `${c.name} (${c.chainId})`).join(", ")}`);
    while (!signal.aborted) {
      try {
        await this.relayOnce();
      } catch (error) {
        this.log(`pass failed, will retry: ${(error as Error).message}`);
      }
      // One abort listener per wait, removed when the wait ends: none pile up on the signal.
      await new Promise<void>((resolve) => {
        const onAbort = () => (clearTimeout(t), resolve());
        const t = setTimeout(() => (signal.removeEventListener("abort", onAbort), resolve()), intervalMs);
        signal.addEventListener("abort", onAbort, { once: true });
      });
    }
    this.log(`stopped (${this.stats.executed} executed, ${this.pending.size} pending)`);
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  private async deliver(item: Pending): Promise<Outcome> {
    const dest = this.chains.get(item.bundle.destinationChainId);
    const tag = `bundle ${short(item.hash)} on chain ${item.bundle.destinationChainId}`;
    if (!dest) {
      this.log(`${tag}: no such chain configured, skipped`);
      return "unknown chain";
    }
    if (await dest.h.executed(item.hash)) {
      this.log(`${tag}: already executed, skipped`);
      return "already executed";
    }
    if (await dest.h.cancelled(item.hash)) {
      this.log(`${tag}: cancelled by its unbundler, skipped`);
      return "cancelled";
    }
    const me = await dest.signer.getAddress();
    if (item.bundle.executor !== "0x0000000000000000000000000000000000000000" && item.bundle.executor !== me) {
      this.log(`${tag}: only ${item.bundle.executor} may execute it, left to them`);
      return "not ours";
    }
    const source = item.bundle.sourceChainId;
    if (!(await dest.v.posted(source, item.hash))) {
      await (await dest.v.postBundleHash(source, item.hash)).wait();
      this.log(`${tag}: hash posted on the verifier`);
    }
    try {
      await dest.h.executeBundle.staticCall(item.bytes, "0x");
    } catch (error) {
      this.stats.failedAttempts++;
      this.log(`${tag}: a call fails (${describe(dest.h, error)}); left pending, will retry`);
      return "failed";
    }
    const tx = await dest.h.executeBundle(item.bytes, "0x");
    await tx.wait();
    this.stats.executed++;
    this.log(`${tag}: executed (tx ${short(tx.hash)})`);
    return "executed";
  }

  private saveState() {
    if (!this.stateFile) return;
    fs.writeFileSync(
      this.stateFile,
      JSON.stringify(Object.fromEntries([...this.cursor].map(([k, v]) => [k.toString(), v])), null, 2),
    );
  }
}

function short(hash: string): string {
  return `${hash.slice(0, 10)}…`;
}

function describe(handler: InteropHandler, error: unknown): string {
  const data = (error as { data?: string }).data;
  if (typeof data === "string") {
    try {
      const parsed = handler.interface.parseError(data);
      if (parsed) return `${parsed.name}(${parsed.args.map(String).join(", ")})`;
    } catch {
      // fall through to the message
    }
  }
  return (error as Error).message?.split("\n")[0] ?? String(error);
}
