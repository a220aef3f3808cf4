import path from "path";
import { JsonRpcProvider, ethers as ethersLib, type Provider, type Signer } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import {
  InteropCenter__factory,
  InteropHandler__factory,
  RelayedRootVerifier__factory,
  ZkStakingRewards__factory,
  type ZkStakingRewards,
  MockERC20__factory,
  ZkTimelock__factory,
  ZkToken__factory,
  ZkTokenGovernor__factory,
  type InteropCenter,
  type InteropHandler,
  type MockERC20,
  type ZkTimelock,
  type ZkToken,
  type ZkTokenGovernor,
} from "../typechain-types";
import { configFor, type AccountRef, type SuiteConfig } from "./config";
import { deployFeeFlow, handOverFeeFlow, NATIVE, type FeeFlow } from "./feeflow";
import { useAsCoinbase } from "./coinbase";
import { Recorder, evmMaker, type ContractMaker, type DeploymentFile, type Log } from "./recorder";

export interface Suite extends FeeFlow {
  token: ZkToken;
  /** Ours, or the existing timelock (read through the surface OpenZeppelin 4.9 and 5 share). */
  timelock: ZkTimelock;
  /** Ours, or the existing governor (read through the surface OpenZeppelin 4.9 and 5 share). */
  governor: ZkTokenGovernor;
  /** The governance was there before this deployment (ZK Nation's on mainnet). */
  existingGovernance: boolean;
  mocks: Record<string, MockERC20>;
  center: InteropCenter;
  handler: InteropHandler;
  staking: ZkStakingRewards;
  verifier: string;
  guardian: string;
  deployment: DeploymentFile;
}

export const DEPLOYMENTS_DIR = path.join(__dirname, "..", "deployments");

export function deploymentFile(network: string): string {
  return path.join(DEPLOYMENTS_DIR, `${network}.json`);
}

async function resolveAccount(hre: HardhatRuntimeEnvironment, ref: AccountRef, provider?: Provider): Promise<string> {
  const m = ref.match(/^signer:(\d+)$/);
  if (m) {
    // A deployer with its own provider (another local node) names that node's accounts.
    if (provider instanceof JsonRpcProvider) return (await provider.listAccounts())[Number(m[1])].address;
    return (await hre.ethers.getSigners())[Number(m[1])].address;
  }
  if (!hre.ethers.isAddress(ref)) throw new Error(`not an address: "${ref}" (set GUARDIAN_ADDRESS for this network)`);
  return ref;
}

/**
 * Deploys the whole suite in numbered steps, hands every setter and role admin to the timelock, and checks
 * every link and role by reading it back. With `file`, records each step there and resumes from it.
 */
export async function deploySuite(
  hre: HardhatRuntimeEnvironment,
  opts: {
    config?: SuiteConfig;
    file?: string;
    log?: Log;
    signer?: Signer;
    network?: string;
    failAfter?: number;
    /** For resume tests: stop right after this many transactions were sent, before they are mined. */
    failAfterSend?: number;
    /** For resume tests: stop right after this many creations were accepted by the node, before recording them. */
    failBeforeRecord?: number;
    /** How contracts are created: the EVM build by default; deploy-zksync/ passes an EraVM maker. */
    maker?: ContractMaker;
  } = {},
): Promise<Suite> {
  const network = opts.network ?? hre.network.name;
  const config = opts.config ?? configFor(network);
  const deployer = opts.signer ?? (await hre.ethers.getSigners())[0];
  const me = await deployer.getAddress();
  const provider = opts.signer?.provider ?? hre.ethers.provider;
  const { chainId } = await provider.getNetwork();
  const rec = new Recorder(
    provider,
    { network, chainId: Number(chainId), deployer: me, startBlock: await provider.getBlockNumber() },
    {
      file: opts.file,
      log: opts.log,
      failAfter: opts.failAfter,
      failAfterSend: opts.failAfterSend,
      failBeforeRecord: opts.failBeforeRecord,
      maker: opts.maker ?? evmMaker(deployer),
    },
  );
  const resolve = (ref: AccountRef) => resolveAccount(hre, ref, opts.signer?.provider ?? undefined);
  const guardian = await resolve(config.guardian);
  // Everything that can be known wrong before a transaction is checked before the first one.
  await preflight(provider, config, me);
  await rec.checkChain();

  // Token and mocks.
  const tokenAddress =
    config.zkToken ??
    (await rec.contract("ZkToken", "ZkToken", () => rec.make("ZkToken", [me, me, config.initialSupply])));
  const token = ZkToken__factory.connect(tokenAddress, deployer);
  const mocks: Record<string, MockERC20> = {};
  for (const [symbol, decimals] of Object.entries(config.mocks)) {
    const address = await rec.contract(`Mock${symbol}`, "MockERC20", () =>
      rec.make("MockERC20", [`Mock ${symbol}`, symbol, decimals]),
    );
    mocks[symbol] = MockERC20__factory.connect(address, deployer);
  }

  // Governance: ours, or the existing one recorded with the interfaces the tooling reads it by.
  const existing = config.governance;
  const timelock = ZkTimelock__factory.connect(
    existing
      ? rec.existing("ZkTimelock", existing.timelockInterface, existing.timelock)
      : await rec.contract("ZkTimelock", "ZkTimelock", () =>
          rec.make("ZkTimelock", [config.timelockDelay, [], [ethersLib.ZeroAddress], me]),
        ),
    deployer,
  );
  const governor = ZkTokenGovernor__factory.connect(
    existing
      ? rec.existing("ZkTokenGovernor", existing.governorInterface, existing.governor)
      : await rec.contract("ZkTokenGovernor", "ZkTokenGovernor", async () =>
          rec.make("ZkTokenGovernor", [
            tokenAddress,
            await timelock.getAddress(),
            {
              ...config.governor,
              proposalGuardian: guardian,
            },
          ]),
        ),
    deployer,
  );

  // Fee flow, still governed by the deployer while it is wired.
  const claimable = config.feeflow.claimable.map((asset) => {
    if (asset === "native") return NATIVE;
    const mock = asset.match(/^mock:(\w+)$/);
    if (mock) {
      const m = rec.data.contracts[`Mock${mock[1]}`];
      if (!m) throw new Error(`claimable "${asset}" names a mock this config does not deploy`);
      return m.address;
    }
    return asset;
  });
  const flow = await deployFeeFlow(deployer, { zk: tokenAddress, guardian, ...config.feeflow, claimable }, rec);

  // Interop: the gateway charges through the collector; the handler executes what the verifier accepts.
  const collectorAddress = await flow.collector.getAddress();
  const center = InteropCenter__factory.connect(
    await rec.contract("InteropCenter", "InteropCenter", () =>
      rec.make("InteropCenter", [collectorAddress, config.interop.messenger ?? ethersLib.ZeroAddress]),
    ),
    deployer,
  );
  const verifier =
    config.interop.verifier === "relayed"
      ? await rec.contract("RelayedRootVerifier", "RelayedRootVerifier", async () =>
          rec.make("RelayedRootVerifier", [me, await resolve(config.interop.relayer)]),
        )
      : await rec.contract("ZKsyncMessageVerifier", "ZKsyncMessageVerifier", () =>
          rec.make("ZKsyncMessageVerifier", [config.interop.messageVerification!, [], []]),
        );
  const handler = InteropHandler__factory.connect(
    await rec.contract("InteropHandler", "InteropHandler", () => rec.make("InteropHandler", [verifier])),
    deployer,
  );
  const centerAddress = await center.getAddress();
  await rec.step(
    "collector.setGateway(InteropCenter)",
    () => flow.collector.setGateway(centerAddress, true),
    () => flow.collector.isGateway(centerAddress),
  );

  // Staking rewards, fed by the distributor's notifications once governance allocates a share to it.
  const staking = ZkStakingRewards__factory.connect(
    await rec.contract("ZkStakingRewards", "ZkStakingRewards", async () =>
      rec.make("ZkStakingRewards", [
        me,
        tokenAddress,
        await governor.getAddress(),
        config.staking.rewardDuration,
        config.staking.stakeCap,
      ]),
    ),
    deployer,
  );
  const distributorAddress = await flow.distributor.getAddress();
  await rec.step(
    "staking.setNotifier(FeeDistributor)",
    () => staking.setNotifier(distributorAddress, true),
    () => staking.isNotifier(distributorAddress),
  );
  let seasonStart = BigInt((await provider.getBlock("latest"))!.timestamp);
  for (const [i, season] of config.staking.seasons.entries()) {
    const start = seasonStart;
    await rec.step(
      `staking.addSeason(${i})`,
      () => staking.addSeason(start, start + BigInt(season.length), season.cap),
      async () => (await staking.seasonCount()) > BigInt(i),
    );
    seasonStart += BigInt(season.length);
  }

  if (config.staking.pokeTip !== 0n) {
    await rec.step(
      "staking.setPokeTip",
      () => staking.setPokeTip(config.staking.pokeTip),
      async () => (await staking.pokeTip()) === config.staking.pokeTip,
    );
  }

  // Hand-over: the timelock ends up with every setter and role admin; the deployer keeps nothing.
  const timelockAddress = await timelock.getAddress();
  const governorAddress = await governor.getAddress();
  if (!existing) {
    for (const role of ["PROPOSER_ROLE", "CANCELLER_ROLE"] as const) {
      const id = await timelock[role]();
      await rec.step(
        `timelock.grantRole(${role}, governor)`,
        () => timelock.grantRole(id, governorAddress),
        () => timelock.hasRole(id, governorAddress),
      );
    }
  }
  await handOverFeeFlow(flow, timelockAddress, rec);
  await rec.step(
    `staking.transferGovernance(${timelockAddress})`,
    () => staking.transferGovernance(timelockAddress),
    async () => (await staking.governance()) === timelockAddress,
  );
  if (config.interop.verifier === "relayed") {
    const relayed = RelayedRootVerifier__factory.connect(verifier, deployer);
    const admin = await relayed.DEFAULT_ADMIN_ROLE();
    await rec.step(
      "verifier.grantRole(DEFAULT_ADMIN_ROLE, timelock)",
      () => relayed.grantRole(admin, timelockAddress),
      () => relayed.hasRole(admin, timelockAddress),
    );
    await rec.step(
      "verifier.renounceRole(DEFAULT_ADMIN_ROLE, deployer)",
      () => relayed.renounceRole(admin, me),
      async () => !(await relayed.hasRole(admin, me)),
    );
  }
  if (!config.zkToken) {
    for (const role of ["DEFAULT_ADMIN_ROLE", "MINTER_ADMIN_ROLE", "BURNER_ADMIN_ROLE"] as const) {
      const id = await token[role]();
      await rec.step(
        `token.grantRole(${role}, timelock)`,
        () => token.grantRole(id, timelockAddress),
        () => token.hasRole(id, timelockAddress),
      );
    }
    for (const role of ["MINTER_ADMIN_ROLE", "BURNER_ADMIN_ROLE", "DEFAULT_ADMIN_ROLE"] as const) {
      const id = await token[role]();
      await rec.step(
        `token.renounceRole(${role}, deployer)`,
        () => token.renounceRole(id, me),
        async () => !(await token.hasRole(id, me)),
      );
    }
  }
  if (!existing) {
    const admin = await timelockAdminRole(timelock);
    await rec.step(
      "timelock.renounceRole(admin, deployer)",
      () => timelock.renounceRole(admin, me),
      async () => !(await timelock.hasRole(admin, me)),
    );
  }

  const suite: Suite = {
    token,
    timelock,
    governor,
    existingGovernance: Boolean(existing),
    ...flow,
    mocks,
    center,
    handler,
    staking,
    verifier,
    guardian,
    deployment: rec.data,
  };
  await verifySuite(suite, { deployer: me, claimable, ownsToken: !config.zkToken });
  if (await useAsCoinbase(provider, collectorAddress)) {
    (opts.log ?? (() => undefined))(
      `local node: blocks now name the InteropFeeCollector ${collectorAddress} as coinbase, so the InteropCenter keeps fees for it (a ZKsync OS operator names its fee collector the same way)`,
    );
  }
  rec.finish();
  return suite;
}

/** A governance contract's surface the deploy reads, shared by OpenZeppelin 4.9 and 5 governors. */
const GOVERNOR_READS = ["function timelock() view returns (address)", "function token() view returns (address)"];

/**
 * Checks, before any transaction, what would make the deployment useless or unsafe: a ZK token without the
 * `burn(uint256)` of ZIP-14 (the distributor burns with it), or existing governance that is not there or not wired
 * as configured.
 */
export async function preflight(provider: Provider, config: SuiteConfig, deployer: string): Promise<void> {
  const hasCode = async (address: string) => (await provider.getCode(address)) !== "0x";
  if (config.zkToken) {
    if (!ethersLib.isAddress(config.zkToken)) throw new Error(`ZK token: not an address: "${config.zkToken}"`);
    if (!(await hasCode(config.zkToken))) throw new Error(`ZK token: no contract at ${config.zkToken}`);
    const burn = new ethersLib.Interface(["function burn(uint256)"]).encodeFunctionData("burn", [0]);
    try {
      await provider.call({ from: deployer, to: config.zkToken, data: burn });
    } catch {
      throw new Error(
        `ZK token at ${config.zkToken} has no burn(uint256) (ZIP-14): the fee distributor burns with it, so ZK would ` +
          "be stuck there; use the token after its ZIP-14 upgrade",
      );
    }
  }
  const existing = config.governance;
  if (!existing) return;
  for (const [what, address] of [
    ["governor", existing.governor],
    ["timelock", existing.timelock],
  ] as const) {
    if (!ethersLib.isAddress(address)) throw new Error(`existing ${what}: not an address: "${address}"`);
    if (!(await hasCode(address))) throw new Error(`existing ${what}: no contract at ${address}`);
  }
  const governor = new ethersLib.Contract(existing.governor, GOVERNOR_READS, provider);
  let wiredTimelock: string;
  let governorToken: string;
  try {
    [wiredTimelock, governorToken] = await Promise.all([governor.timelock(), governor.token()]);
  } catch {
    throw new Error(
      `existing governor at ${existing.governor} does not answer timelock() and token(): not an OpenZeppelin ` +
        "Governor with timelock control",
    );
  }
  if (wiredTimelock.toLowerCase() !== existing.timelock.toLowerCase()) {
    throw new Error(
      `existing governor executes through ${wiredTimelock}, not the configured timelock ${existing.timelock}`,
    );
  }
  if (config.zkToken && governorToken.toLowerCase() !== config.zkToken.toLowerCase()) {
    throw new Error(
      `existing governor counts votes of ${governorToken}, not the configured ZK token ${config.zkToken}`,
    );
  }
}

/** The admin role of a TimelockController: TIMELOCK_ADMIN_ROLE in OpenZeppelin 4.x, DEFAULT_ADMIN_ROLE in 5.x. */
export async function timelockAdminRole(timelock: { getAddress(): Promise<string>; runner: unknown }): Promise<string> {
  const v4 = new ethersLib.Contract(
    await timelock.getAddress(),
    ["function TIMELOCK_ADMIN_ROLE() view returns (bytes32)"],
    timelock.runner as Provider,
  );
  try {
    return await v4.TIMELOCK_ADMIN_ROLE();
  } catch {
    return ethersLib.ZeroHash;
  }
}

/** Reads back every link and role; throws listing every mismatch. */
export async function verifySuite(
  suite: Suite,
  expected: { deployer: string; claimable: string[]; ownsToken: boolean },
): Promise<void> {
  const { token, timelock, governor, distributor, collector, auction, guardian, center, handler, verifier } = suite;
  const [tl, gov, dist, coll, auc, tok] = await Promise.all(
    [timelock, governor, distributor, collector, auction, token].map((c) => c.getAddress()),
  );
  const problems: string[] = [];
  const check = (what: string, actual: unknown, wanted: unknown) => {
    if (String(actual).toLowerCase() !== String(wanted).toLowerCase()) {
      problems.push(`${what}: ${String(actual)}, expected ${String(wanted)}`);
    }
  };
  for (const [name, c] of [
    ["FeeDistributor", distributor],
    ["InteropFeeCollector", collector],
    ["FeeFlowAuction", auction],
  ] as const) {
    check(`${name}.governance`, await c.governance(), tl);
  }
  check("collector.releaser", await collector.releaser(), auc);
  check("collector.distributor", await collector.distributor(), dist);
  check("collector.ZK", await collector.ZK(), tok);
  check("auction.COLLECTOR", await auction.COLLECTOR(), coll);
  check("auction.ZK", await auction.ZK(), tok);
  check("auction.guardian", await auction.guardian(), guardian);
  check("distributor.ZK", await distributor.ZK(), tok);
  for (const asset of expected.claimable)
    check(`collector.isClaimable(${asset})`, await collector.isClaimable(asset), true);
  check("staking.governance", await suite.staking.governance(), tl);
  check("staking.isNotifier(distributor)", await suite.staking.isNotifier(dist), true);
  check("collector.isGateway(InteropCenter)", await collector.isGateway(await center.getAddress()), true);
  check("center.COLLECTOR", await center.COLLECTOR(), coll);
  check("handler.VERIFIER", await handler.VERIFIER(), verifier);
  check("governor.timelock", await governor.timelock(), tl);
  check("governor.token", await governor.token(), tok);
  check("staking.GOVERNOR", await suite.staking.GOVERNOR(), gov);
  check("timelock PROPOSER_ROLE(governor)", await timelock.hasRole(await timelock.PROPOSER_ROLE(), gov), true);
  if (!suite.existingGovernance) {
    // Roles of existing governance are its own business: only what this deployment set up is checked.
    check("governor.proposalGuardian", await governor.proposalGuardian(), guardian);
    check("timelock CANCELLER_ROLE(governor)", await timelock.hasRole(await timelock.CANCELLER_ROLE(), gov), true);
    const admin = await timelockAdminRole(timelock);
    check("timelock admin(timelock)", await timelock.hasRole(admin, tl), true);
    check("timelock admin(deployer)", await timelock.hasRole(admin, expected.deployer), false);
  }
  if (expected.ownsToken) {
    for (const role of ["DEFAULT_ADMIN_ROLE", "MINTER_ADMIN_ROLE", "BURNER_ADMIN_ROLE"] as const) {
      const id = await token[role]();
      check(`token ${role}(timelock)`, await token.hasRole(id, tl), true);
      check(`token ${role}(deployer)`, await token.hasRole(id, expected.deployer), false);
    }
  }
  if (problems.length) throw new Error(`deployment check failed:\n  ${problems.join("\n  ")}`);
}
