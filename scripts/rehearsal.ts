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
