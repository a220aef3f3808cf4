// A local copy of ZK Nation's token governance, shaped as on ZKsync Era mainnet: ZK Nation's Token Governor built on
// OpenZeppelin 4.9 (fractional counting with For-only quorum, a fixed quorum set with setQuorum(uint224), a veto
// guardian, a propose guardian and its propose-guarded mode, late-quorum protection), its TimelockController (4.9)
// administered by itself, and the ZK token (upgradeable, ERC20Votes on timestamps, ZIP-14's burn) behind a proxy.
// `npm run rehearse` deploys it on a fresh anvil, joins it with the suite through the same existing-governance path
// as mainnet (ZK_TOKEN_ADDRESS, ZK_GOVERNOR_ADDRESS, ZK_TIMELOCK_ADDRESS), and runs ZIPs through it.
import type { Signer } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { CONFIGS } from "../deploy/config";

export interface ZkNationCopyOptions {
  /** Voting delay and period (seconds), proposal threshold and quorum (ZK base units), late-quorum extension. */
  votingDelay: number;
  votingPeriod: number;
  proposalThreshold: bigint;
  quorum: bigint;
  voteExtension: number;
  /** The timelock's minimum delay (seconds). */
  timelockDelay: number;
  vetoGuardian: string;
  proposeGuardian: string;
  isProposeGuarded: boolean;
  /** Minted to `holder` at initialisation (ZK base units). */
  supply: bigint;
  holder: string;
}

/** The parameters of the suite's mainnet configuration (deploy/config.ts): 7-day delay and vote, 0.1% of 21B to
 * propose, 3% of 21B For votes for quorum, 2-day late-quorum extension, 3-day timelock. */
export function mainnetShapedParameters(): Omit<
  ZkNationCopyOptions,
  "vetoGuardian" | "proposeGuardian" | "holder" | "isProposeGuarded"
> {
  const config = CONFIGS.zkSyncMainnet;
  const governor = config.governor;
  return {
    votingDelay: governor.votingDelay,
    votingPeriod: governor.votingPeriod,
    proposalThreshold: governor.proposalThreshold,
    quorum: governor.quorum,
    voteExtension: governor.lateQuorumExtension,
    timelockDelay: config.timelockDelay,
    supply: 21_000_000_000n * 10n ** 18n,
  };
}

export interface ZkNationCopy {
  token: string;
  governor: string;
  timelock: string;
}

/** Deploys the copy with `deployer`; returns the three addresses. The deployer keeps no role on the timelock. */
export async function deployZkNationCopy(
  hre: HardhatRuntimeEnvironment,
  deployer: Signer,
  opts: ZkNationCopyOptions,
): Promise<ZkNationCopy> {
  const { ethers } = hre;
  const me = await deployer.getAddress();
  const implementation = await ethers.deployContract("ZkNationTokenV4", [], deployer);
  await implementation.waitForDeployment();
  const init = implementation.interface.encodeFunctionData("initialize", [me, opts.holder, opts.supply]);
  const proxy = await ethers.deployContract("CompatProxyV4", [await implementation.getAddress(), init], deployer);
  await proxy.waitForDeployment();
  const token = await proxy.getAddress();
  const timelock = await ethers.deployContract(
    "CompatTimelockV4",
    [opts.timelockDelay, [], [ethers.ZeroAddress], me],
    deployer,
  );
  await timelock.waitForDeployment();
  const timelockAddress = await timelock.getAddress();
  const governor = await ethers.deployContract(
    "ZkNationGovernorV4",
    [
      {
        token,
        timelock: timelockAddress,
        votingDelay: opts.votingDelay,
        votingPeriod: opts.votingPeriod,
        proposalThreshold: opts.proposalThreshold,
        quorum: opts.quorum,
        voteExtension: opts.voteExtension,
        vetoGuardian: opts.vetoGuardian,
        proposeGuardian: opts.proposeGuardian,
        isProposeGuarded: opts.isProposeGuarded,
      },
    ],
    deployer,
  );
  await governor.waitForDeployment();
  const governorAddress = await governor.getAddress();
  const tl = await ethers.getContractAt("CompatTimelockV4", timelockAddress, deployer);
  await (await tl.grantRole(await tl.PROPOSER_ROLE(), governorAddress)).wait();
  await (await tl.grantRole(await tl.CANCELLER_ROLE(), governorAddress)).wait();
  await (await tl.renounceRole(await tl.TIMELOCK_ADMIN_ROLE(), me)).wait();
  return { token, governor: governorAddress, timelock: timelockAddress };
}

/**
 * `npm run rehearse`: on a local network (the in-process one by default), deploys the ZK Nation-shaped copy with
 * the mainnet parameters, joins it through the existing-governance path (the same ZK_TOKEN_ADDRESS,
 * ZK_GOVERNOR_ADDRESS and ZK_TIMELOCK_ADDRESS a mainnet deploy reads), then for each ZIP runs `zip:build` (with its
 * pre-flight) and `zip:simulate` (delegates, propose, vote, queue, execute, with time travel), as a delegate would.
 * The environment variables are restored afterwards; a failing ZIP stops the rehearsal with its one-line error.
 */
export async function rehearse(
  hre: HardhatRuntimeEnvironment,
  opts: { zips: string; out?: string },
  print: (line: string) => void,
) {
  const fs = await import("fs");
  const os = await import("os");
  const path = await import("path");
  const { UserError } = await import("./cli");
  const { LOCAL_NETWORKS } = await import("./zip/preflight");
  if (!LOCAL_NETWORKS.includes(hre.network.name)) {
    throw new UserError(
      `rehearse deploys a copy of ZK Nation and travels in time: use a local network, not ${hre.network.name}`,
    );
  }
  const zips = opts.zips
    .split(",")
    .map((z) => z.trim())
    .filter(Boolean);
  if (zips.length === 0) throw new UserError("--zips names no ZIP file");
  for (const zip of zips) if (!fs.existsSync(zip)) throw new UserError(`no ZIP file at ${zip}`);
  const out = opts.out ?? fs.mkdtempSync(path.join(os.tmpdir(), "zknomics-rehearsal-"));
  fs.mkdirSync(out, { recursive: true });
  await hre.run("compile", { quiet: true });

  const signers = await hre.ethers.getSigners();
  const [deployer, , , vetoGuardian, proposeGuardian] = signers;
  const parameters = mainnetShapedParameters();
  const copy = await deployZkNationCopy(hre, deployer, {
    ...parameters,
    vetoGuardian: vetoGuardian.address,
    proposeGuardian: proposeGuardian.address,
    isProposeGuarded: false,
    holder: deployer.address,
  });
  const days = (s: number) => `${s / 86_400} days`;
  const { unitsText } = await import("../lib/format");
  const zk = (v: bigint) => `${unitsText(v, 18, 2)} ZK`;
  print(`ZK Nation copy on ${hre.network.name} (OpenZeppelin 4.9, as on ZKsync Era mainnet):`);
  print(`  token ${copy.token} (upgradeable, behind a proxy, with ZIP-14's burn)`);
  print(
    `  Token Governor ${copy.governor}: voting delay ${days(parameters.votingDelay)}, period ${days(parameters.votingPeriod)}, ` +
      `threshold ${zk(parameters.proposalThreshold)}, quorum ${zk(parameters.quorum)} For, late-quorum ${days(parameters.voteExtension)}`,
  );
  print(`  veto guardian ${vetoGuardian.address}, propose guardian ${proposeGuardian.address}`);
  print(`  timelock ${copy.timelock} (delay ${days(parameters.timelockDelay)}, administered by itself)`);

  const saved = {
    ZK_TOKEN_ADDRESS: process.env.ZK_TOKEN_ADDRESS,
    ZK_GOVERNOR_ADDRESS: process.env.ZK_GOVERNOR_ADDRESS,
    ZK_TIMELOCK_ADDRESS: process.env.ZK_TIMELOCK_ADDRESS,
    DEPLOYMENT_NAME: process.env.DEPLOYMENT_NAME,
  };
  try {
    // The same variables a mainnet deploy would read: the suite joins the copy, it deploys no governance.
    process.env.ZK_TOKEN_ADDRESS = copy.token;
    process.env.ZK_GOVERNOR_ADDRESS = copy.governor;
    process.env.ZK_TIMELOCK_ADDRESS = copy.timelock;
    const { deploySuite } = await import("../deploy/suite");
    const { configFor } = await import("../deploy/config");
    const file = path.join(out, "rehearsal.json");
    const suite = await deploySuite(hre, { config: configFor(hre.network.name), file });
    if (!suite.existingGovernance)
      throw new UserError("the suite deployed its own governance instead of joining the copy");
    print(`suite deployed into it (existing governance; every setter owned by the copy's timelock): ${file}`);
    process.env.DEPLOYMENT_NAME = file;
    for (const zip of zips) {
      print(`\n== ${zip}`);
      const exitBefore = process.exitCode;
      await hre.run("zip:build", { zip, out: path.join(out, `${path.basename(zip, ".json")}.rehearsal.json`) });
      if (process.exitCode && process.exitCode !== exitBefore) throw new UserError(`zip:build failed for ${zip}`);
      await hre.run("zip:simulate", { zip, keep: false });
      if (process.exitCode && process.exitCode !== exitBefore) throw new UserError(`zip:simulate failed for ${zip}`);
    }
    print(`\nrehearsal passed: ${zips.length} ZIP(s) built, pre-flighted and executed through the copy's governor`);
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
