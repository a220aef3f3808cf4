import fs from "fs";
import path from "path";
import { execSync } from "child_process";
import type { BaseContract, ContractTransactionResponse, Provider, Signer } from "ethers";
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
  steps: Record<string, { txHash: string; block: number }>;
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

  constructor(
    private readonly provider: Provider,
    init: { network: string; chainId: number; deployer: string; startBlock: number },
    opts: { file?: string; log?: Log; failAfter?: number; maker: ContractMaker },
  ) {
    this.maker = opts.maker;
    this.file = opts.file;
    this.failAfter = opts.failAfter;
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

  /** Deploys `name` unless a previous run did; returns its address. */
  async contract(name: string, artifact: string, deploy: () => Promise<Deployed>): Promise<string> {
    const n = ++this.counter;
    const known = this.data.contracts[name];
    if (known && (await this.provider.getCode(known.address)) !== "0x") {
      this.log(`${pad(n)} ${name}: reusing ${known.address}`);
      return known.address;
    }
    this.interruptIfAsked(name);
    const contract = await deploy();
    const tx = contract.deploymentTransaction()!;
    const receipt = (await tx.wait())!;
    const address = await contract.getAddress();
    this.data.contracts[name] = { address, artifact, txHash: tx.hash, block: receipt.blockNumber };
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

  /** Sends one transaction unless a previous run did. */
  async step(name: string, send: () => Promise<ContractTransactionResponse>): Promise<void> {
    const n = ++this.counter;
    if (this.data.steps[name]) {
      this.log(`${pad(n)} ${name}: done before`);
      return;
    }
    this.interruptIfAsked(name);
    const tx = await send();
    const receipt = (await tx.wait())!;
    this.data.steps[name] = { txHash: tx.hash, block: receipt.blockNumber };
    this.save();
    this.log(`${pad(n)} ${name} (tx ${tx.hash})`);
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
