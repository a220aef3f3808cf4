import fs from "fs";
import path from "path";
import { execSync } from "child_process";
import {
  getCreateAddress,
  type BaseContract,
  type ContractTransactionResponse,
  type Provider,
  type Signer,
} from "ethers";
import * as typechain from "../typechain-types";

export interface ContractRecord {
  address: string;
  /** The artifact or interface the tooling reads this contract's ABI from. */
  artifact: string;
  txHash: string;
  block: number;
  /** A contract this deployment did not create (existing governance, the live token). */
  existing?: boolean;
}

export interface DeploymentFile {
  network: string;
  chainId: number;
  deployer: string;
  gitCommit: string;
  startBlock: number;
  updatedAt: string;
  complete: boolean;
  contracts: Record<string, ContractRecord>;
  steps: Record<string, StepRecord>;
  /** Transactions sent and not yet seen mined: recorded before waiting, so an interrupted run can find them. */
  pending?: Record<string, { txHash: string; kind: "contract" | "step"; artifact?: string; nonce?: number }>;
}

export interface StepRecord {
  txHash: string;
  block: number;
  /** Set when a resumed run found the step's effect already on chain. */
  foundDone?: boolean;
}

export type Log = (message: string) => void;

type Deployed = BaseContract & { deploymentTransaction(): ContractTransactionResponse | null };

/** Deploys an artifact with constructor arguments. */
export type ContractMaker = (artifact: string, args: unknown[]) => Promise<Deployed>;

/** The EVM build (solc), through the typechain factories. Used on every EVM chain, ZKsync OS and Era's EVM
 * interpreter included. The EraVM build supplies its own maker (deploy-zksync/). */
export function evmMaker(signer: Signer): ContractMaker {
  return async (artifact, args) => {
    const Factory = (
      typechain as unknown as Record<string, new (s: Signer) => { deploy(...a: unknown[]): Promise<Deployed> }>
    )[`${artifact}__factory`];
    if (!Factory) throw new Error(`no factory for ${artifact}`);
    return new Factory(signer).deploy(...args);
  };
}

/**
 * Records every contract and every step of a deployment, and skips what a previous run already did: a contract
 * whose recorded address has code is reused, a recorded step is not sent again. With a file it survives restarts.
 */
export class Recorder {
  readonly data: DeploymentFile;
  private readonly file?: string;
  private readonly log: Log;
  private readonly failAfter?: number;
  private readonly maker: ContractMaker;
  private counter = 0;
  private actions = 0;

  private readonly failAfterSend?: number;
  private readonly failBeforeRecord?: number;
  private sends = 0;
  private creations = 0;

  constructor(
    private readonly provider: Provider,
    init: { network: string; chainId: number; deployer: string; startBlock: number },
    opts: {
      file?: string;
      log?: Log;
      failAfter?: number;
      failAfterSend?: number;
      failBeforeRecord?: number;
      maker: ContractMaker;
    },
  ) {
    this.maker = opts.maker;
    this.file = opts.file;
    this.failAfter = opts.failAfter;
    this.failAfterSend = opts.failAfterSend;
    this.failBeforeRecord = opts.failBeforeRecord;
    this.log = opts.log ?? (() => undefined);
    const previous: DeploymentFile | undefined =
      this.file && fs.existsSync(this.file) ? JSON.parse(fs.readFileSync(this.file, "utf8")) : undefined;
    if (previous && previous.chainId !== init.chainId) {
      throw new Error(`${this.file} is for chain ${previous.chainId}, not ${init.chainId}: move it away to redeploy`);
    }
    this.data = previous ?? {
      ...init,
      gitCommit: gitCommit(),
      updatedAt: new Date().toISOString(),
      complete: false,
      contracts: {},
      steps: {},
    };
  }

  /** Deploys through this recorder's maker (EVM or EraVM build). */
  make(artifact: string, args: unknown[]): Promise<Deployed> {
    return this.maker(artifact, args);
  }

  /**
   * Checks, before anything is sent, that the chain still holds what the file recorded. A node restarted from
   * genesis (same chain id, new chain) has none of it: resuming there would skip steps that never happened on it.
   */
  async checkChain(): Promise<void> {
    if (!this.file) return;
    const gone: string[] = [];
    for (const [name, record] of Object.entries(this.data.contracts)) {
      if ((await this.provider.getCode(record.address)) === "0x") gone.push(`${name} at ${record.address} has no code`);
    }
    for (const [name, step] of Object.entries(this.data.steps)) {
      if (!step.foundDone && !(await this.provider.getTransactionReceipt(step.txHash))) {
        gone.push(`step "${name}" (tx ${step.txHash}) is unknown to the node`);
      }
      if (gone.length > 3) break;
    }
    if (gone.length) {
      throw new Error(
        `${this.file} does not match this chain (a restarted or reset node?): ${gone.slice(0, 3).join("; ")}. ` +
          `Nothing was sent. Move the file away to deploy afresh: mv ${this.file} ${this.file}.old`,
      );
    }
  }

  /** Deploys `name` unless a previous run did; returns its address. */
  async contract(name: string, artifact: string, deploy: () => Promise<Deployed>): Promise<string> {
    const n = ++this.counter;
    const known = this.data.contracts[name];
    if (known) {
      this.log(`${pad(n)} ${name}: reusing ${known.address}`);
      return known.address;
    }
    const adopted = await this.createdByInterruptedRun(name);
    if (adopted) {
      this.data.contracts[name] = { artifact, address: adopted.address, txHash: adopted.txHash, block: adopted.block };
      delete this.data.pending![name];
      this.save();
      this.log(`${pad(n)} ${name}: found created at ${adopted.address} by an interrupted run (nonce ${adopted.nonce})`);
      return adopted.address;
    }
    const found = await this.minedPending(name);
    if (found) {
      const address = found.contractAddress!;
      this.data.contracts[name] = { address, artifact, txHash: found.hash, block: found.blockNumber };
      this.save();
      this.log(`${pad(n)} ${name}: found deployed at ${address} by an interrupted run (tx ${found.hash})`);
      return address;
    }
    this.interruptIfAsked(name);
    // The nonce the creation will use, recorded before it is sent: if the run dies after the node accepted it and
    // before its hash is recorded, the next run finds the contract at the address that nonce yields.
    const nonce = await this.provider.getTransactionCount(this.data.deployer, "pending");
    this.data.pending ??= {};
    this.data.pending[name] = { txHash: "", kind: "contract", artifact, nonce };
    this.save();
    const contract = await deploy();
    const tx = contract.deploymentTransaction()!;
    if (this.failBeforeRecord !== undefined && ++this.creations > this.failBeforeRecord) {
      throw new Error(`deployment interrupted after creating "${name}", before recording it (failBeforeRecord)`);
    }
    this.markPending(name, tx.hash, "contract", nonce);
    this.interruptAfterSendIfAsked(name);
    const receipt = (await tx.wait())!;
    const address = await contract.getAddress();
    this.data.contracts[name] = { address, artifact, txHash: tx.hash, block: receipt.blockNumber };
    delete this.data.pending![name];
    this.save();
    this.log(`${pad(n)} ${name}: deployed at ${address} (tx ${tx.hash})`);
    return address;
  }

  /** Records a contract this deployment uses but did not create, with the interface the tooling reads it by. */
  existing(name: string, artifact: string, address: string): string {
    const known = this.data.contracts[name];
    if (!known || known.address.toLowerCase() !== address.toLowerCase() || known.artifact !== artifact) {
      this.data.contracts[name] = { address, artifact, txHash: "", block: 0, existing: true };
      this.save();
    }
    this.log(`${pad(++this.counter)} ${name}: existing ${address} (${artifact})`);
    return address;
  }

  /**
   * Sends one transaction unless a previous run did. An interrupted run's transaction is looked up by its recorded
   * hash; with `done`, a step whose effect the chain already shows (the value is set, the role held) is not sent
   * again either.
   */
  async step(
    name: string,
    send: () => Promise<ContractTransactionResponse>,
    done?: () => Promise<boolean>,
  ): Promise<void> {
    const n = ++this.counter;
    if (this.data.steps[name]) {
      this.log(`${pad(n)} ${name}: done before`);
      return;
    }
    const found = await this.minedPending(name);
    if (found) {
      this.data.steps[name] = { txHash: found.hash, block: found.blockNumber };
      this.save();
      this.log(`${pad(n)} ${name}: done by an interrupted run (tx ${found.hash})`);
      return;
    }
    if (done && (await done())) {
      const block = await this.provider.getBlockNumber();
      this.data.steps[name] = { txHash: "", block, foundDone: true };
      delete this.data.pending?.[name];
      this.save();
      this.log(`${pad(n)} ${name}: already in effect on chain`);
      return;
    }
    this.interruptIfAsked(name);
    const tx = await send();
    this.markPending(name, tx.hash, "step");
    this.interruptAfterSendIfAsked(name);
    const receipt = (await tx.wait())!;
    this.data.steps[name] = { txHash: tx.hash, block: receipt.blockNumber };
    delete this.data.pending![name];
    this.save();
    this.log(`${pad(n)} ${name} (tx ${tx.hash})`);
  }

  private markPending(name: string, txHash: string, kind: "contract" | "step", nonce?: number): void {
    this.data.pending ??= {};
    this.data.pending[name] = { txHash, kind, ...(nonce === undefined ? {} : { nonce }) };
    this.save();
  }

  /**
   * A creation an interrupted run recorded by its nonce: once the deployer's nonce has moved past it, the contract
   * is at the address that nonce yields (CREATE), or the nonce went to something else and the creation must be sent
   * again. A creation the node may still hold unmined is waited for (up to 120 s).
   */
  private async createdByInterruptedRun(name: string) {
    const pending = this.data.pending?.[name];
    if (!pending || pending.kind !== "contract" || pending.nonce === undefined) return undefined;
    const { nonce } = pending;
    const deployer = this.data.deployer;
    const deadline = Date.now() + 120_000;
    while ((await this.provider.getTransactionCount(deployer, "latest")) <= nonce) {
      // Not used yet: either never sent, or sent and not mined.
      if ((await this.provider.getTransactionCount(deployer, "pending")) <= nonce || Date.now() > deadline) {
        if (!pending.txHash) {
          delete this.data.pending![name];
          this.save();
        }
        return undefined;
      }
      this.log(`      ${name}: waiting for the interrupted run's creation (nonce ${nonce})`);
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const address = getCreateAddress({ from: deployer, nonce });
    if ((await this.provider.getCode(address)) === "0x") {
      // The nonce went to a transaction that created nothing here (reverted, or not this creation): send again.
      delete this.data.pending![name];
      this.save();
      return undefined;
    }
    const receipt = pending.txHash ? await this.provider.getTransactionReceipt(pending.txHash) : null;
    return {
      address,
      nonce,
      txHash: receipt?.hash ?? pending.txHash,
      block: receipt?.blockNumber ?? (await this.provider.getBlockNumber()),
    };
  }

  /** The receipt of `name`'s transaction sent by an interrupted run, once mined and successful; else nothing. */
  private async minedPending(name: string) {
    const pending = this.data.pending?.[name];
    if (!pending?.txHash) return undefined;
    let receipt = await this.provider.getTransactionReceipt(pending.txHash);
    if (!receipt && (await this.provider.getTransaction(pending.txHash))) {
      this.log(`      ${name}: waiting for the interrupted run's tx ${pending.txHash}`);
      receipt = await this.provider.waitForTransaction(pending.txHash, 1, 120_000);
    }
    if (receipt && receipt.status === 1) {
      delete this.data.pending![name];
      return receipt;
    }
    // Dropped or reverted: forget it and send again.
    delete this.data.pending![name];
    this.save();
    return undefined;
  }

  /** For resume tests: stop (as Ctrl-C would) right after the `failAfterSend`-th transaction is sent. */
  private interruptAfterSendIfAsked(name: string): void {
    if (this.failAfterSend !== undefined && ++this.sends > this.failAfterSend) {
      throw new Error(`deployment interrupted after sending "${name}" (failAfterSend ${this.failAfterSend})`);
    }
  }

  /** For resume tests: stop (as a crash would) once `failAfter` transactions were sent. */
  private interruptIfAsked(name: string): void {
    if (this.failAfter !== undefined && this.actions++ >= this.failAfter) {
      throw new Error(`deployment interrupted before "${name}" (failAfter ${this.failAfter})`);
    }
  }

  finish(): void {
    this.data.complete = true;
    this.save();
  }

  private save(): void {
    this.data.updatedAt = new Date().toISOString();
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file, JSON.stringify(this.data, null, 2) + "\n");
  }
}

function pad(n: number): string {
  return `[${String(n).padStart(2, "0")}]`;
}

function gitCommit(): string {
  try {
    return execSync("git rev-parse HEAD", { stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
  } catch {
    return "unknown";
  }
}

/** A recorder that keeps nothing on disk, for tests and one-off deployments. */
export async function memoryRecorder(signer: Signer, log?: Log): Promise<Recorder> {
  const provider = signer.provider!;
  const { chainId } = await provider.getNetwork();
  return new Recorder(
    provider,
    {
      network: "memory",
      chainId: Number(chainId),
      deployer: await signer.getAddress(),
      startBlock: await provider.getBlockNumber(),
    },
    { log, maker: evmMaker(signer) },
  );
}
