import { ethers } from "ethers";

/** An address, or `signer:N` for the N-th local account (local networks only). */
export type AccountRef = string;

/** Governance that already exists (ZK Nation's Token Governor and its timelock on mainnet). */
export interface ExistingGovernance {
  governor: string;
  timelock: string;
  /** The Solidity interface the ZIP tooling encodes the governor's own setters with. */
  governorInterface: "IZkNationGovernor" | "ZkTokenGovernor";
  /** `ITimelockControllerV4` (OpenZeppelin 4.x: admin role TIMELOCK_ADMIN_ROLE) or `ZkTimelock` (5.x). */
  timelockInterface: "ITimelockControllerV4" | "ZkTimelock";
}

export interface SuiteConfig {
  /** Use an existing ZK token (the live one on ZKsync) instead of deploying ZkToken. */
  zkToken?: string;
  /** Join this governance instead of deploying a governor and a timelock: every setter of the suite goes to its
   * timelock, and nothing is granted, revoked or renounced on contracts this deploy did not create. */
  governance?: ExistingGovernance;
  /** Minted to the deployer when ZkToken is deployed here. */
  initialSupply: bigint;
  /** Emergency multisig: may pause claims and cancel proposals, nothing else. */
  guardian: AccountRef;
  timelockDelay: number;
  governor: {
    votingDelay: number;
    votingPeriod: number;
    proposalThreshold: bigint;
    quorum: bigint;
    lateQuorumExtension: number;
  };
  feeflow: {
    zkFeePerCall: bigint;
    baseFeePerCall: bigint;
    price: bigint;
    priceFloor: bigint;
    priceCeiling: bigint;
    /** Claimable assets: addresses, `native`, or `mock:SYMBOL` for a mock deployed here (local networks). */
    claimable: string[];
  };
  /** Mock ERC-20s to deploy (local networks): symbol → decimals. */
  mocks: Record<string, number>;
  staking: {
    /** Stream length of staking rewards, in seconds. */
    rewardDuration: number;
    stakeCap: bigint;
    /** Seasons, back to back from deployment: length in seconds and reward cap. */
    seasons: { length: number; cap: bigint }[];
    /** Paid to whoever pokes a stake whose representative's status changed, from that stake's rewards. */
    pokeTip: bigint;
  };
  interop: {
    /** ZKsync's L1 messenger (0x…8008) on ZKsync chains; empty on local networks. */
    messenger?: string;
    /** `relayed`: a RelayedRootVerifier whose relayer posts bundle hashes (local networks).
     * `zksync`: a ZKsyncMessageVerifier over the message-verification system contract. */
    verifier: "relayed" | "zksync";
    relayer: AccountRef;
    messageVerification?: string;
  };
}

const ZK = (n: number) => ethers.parseEther(String(n));

/** Local networks: a small economy that runs in seconds, with time travel for governance. */
const local: SuiteConfig = {
  initialSupply: ZK(1_000_000_000),
  guardian: "signer:1",
  timelockDelay: 60,
  governor: {
    votingDelay: 60,
    votingPeriod: 3_600,
    proposalThreshold: ZK(1_000_000), // 0.1% of the local supply
    quorum: ZK(30_000_000), // 3% of the local supply, in For votes
    lateQuorumExtension: 600,
  },
  feeflow: {
    zkFeePerCall: ZK(10),
    baseFeePerCall: ethers.parseEther("0.0001"),
    price: ZK(1_000),
    priceFloor: ZK(100),
    priceCeiling: ZK(10_000_000),
    claimable: ["native", "mock:USDC", "mock:WETH"],
  },
  mocks: { USDC: 6, WETH: 18, DAI: 18 },
  staking: {
    rewardDuration: 7 * 24 * 3_600,
    stakeCap: ZK(500_000_000),
    seasons: [{ length: 365 * 24 * 3_600, cap: ZK(10_000_000) }],
    // As on ZKsync (below): a poke pays for itself, so stale earning power does not wait for a volunteer.
    pokeTip: ZK(1),
  },
  interop: { verifier: "relayed", relayer: "signer:2" },
};

/** ZKsync networks: the live ZK token, mainnet-like parameters (price 1,000,000 ZK, floor 100,000 ZK). */
const zksync = (zkToken: string | undefined, claimable: string[]): SuiteConfig => ({
  zkToken,
  initialSupply: 0n,
  guardian: process.env.GUARDIAN_ADDRESS ?? "",
  timelockDelay: 3 * 24 * 3_600,
  governor: {
    votingDelay: 7 * 24 * 3_600,
    votingPeriod: 7 * 24 * 3_600,
    proposalThreshold: ZK(21_000_000), // 0.1% of 21B
    quorum: ZK(630_000_000), // 3% of 21B, For votes
    lateQuorumExtension: 2 * 24 * 3_600,
  },
  feeflow: {
    zkFeePerCall: ZK(10),
    baseFeePerCall: ethers.parseEther("0.00001"),
    price: ZK(1_000_000),
    priceFloor: ZK(100_000),
    priceCeiling: ZK(100_000_000),
    claimable,
  },
  mocks: {},
  staking: {
    rewardDuration: 30 * 24 * 3_600,
    stakeCap: ZK(2_100_000_000),
    // The live pilot's two seasons: 10M, then 25M ZK.
    seasons: [
      { length: 90 * 24 * 3_600, cap: ZK(10_000_000) },
      { length: 180 * 24 * 3_600, cap: ZK(25_000_000) },
    ],
    // A poke costs 176,713 gas (npm run bench:gas, bench/gas.json "poke"): at 0.045 gwei, ETH at $3,000 and ZK at
    // $0.05 that is about $0.024, or 0.47 ZK. 1 ZK pays for a poke with room for gas or prices to double, is taken
    // only from the poked stake's own rewards (never more than it earned), and stays far below MAX_POKE_TIP (10 ZK),
    // so poking is upkeep, not a business. Governance may change it (setPokeTip).
    pokeTip: ZK(1),
  },
  interop: {
    messenger: "0x0000000000000000000000000000000000008008",
    verifier: "zksync",
    relayer: process.env.RELAYER_ADDRESS ?? "",
    messageVerification: process.env.L2_MESSAGE_VERIFICATION_ADDRESS ?? "0x0000000000000000000000000000000000010009",
  },
});

/** ZK Nation's Token Governor and its timelock on ZKsync Era mainnet (ZK_GOVERNOR_ADDRESS / ZK_TIMELOCK_ADDRESS
 * override them). */
export const ZK_NATION_TOKEN_GOVERNOR = "0xb83FF6501214ddF40C91C9565d095400f3F45746";
export const ZK_NATION_TOKEN_TIMELOCK = "0xe5d21A9179CA2E1F0F327d598D464CcF60d89c3d";

/**
 * Existing governance from the environment, or `fallback` when neither variable is set. Setting only one of the two
 * is refused: a governor is never paired with a timelock it was not named with (a mainnet default included).
 */
function existingGovernance(fallback?: { governor: string; timelock: string }): ExistingGovernance | undefined {
  const [envGovernor, envTimelock] = [process.env.ZK_GOVERNOR_ADDRESS, process.env.ZK_TIMELOCK_ADDRESS];
  if (Boolean(envGovernor) !== Boolean(envTimelock)) {
    throw new Error(
      `set both ZK_GOVERNOR_ADDRESS and ZK_TIMELOCK_ADDRESS to join existing governance, or neither (only ` +
        `${envGovernor ? "ZK_GOVERNOR_ADDRESS" : "ZK_TIMELOCK_ADDRESS"} is set)`,
    );
  }
  const governor = envGovernor ?? fallback?.governor;
  const timelock = envTimelock ?? fallback?.timelock;
  if (!governor || !timelock) return undefined;
  return { governor, timelock, governorInterface: "IZkNationGovernor", timelockInterface: "ITimelockControllerV4" };
}

/**
 * Local networks: their own token and governance, unless ZK_TOKEN_ADDRESS or ZK_GOVERNOR_ADDRESS and
 * ZK_TIMELOCK_ADDRESS name existing ones on the node (a rehearsal of joining ZK Nation): honoured, never ignored.
 */
function localConfig(): SuiteConfig {
  const governance = existingGovernance();
  const zkToken = process.env.ZK_TOKEN_ADDRESS;
  return { ...local, ...(zkToken ? { zkToken } : {}), ...(governance ? { governance } : {}) };
}

export const CONFIGS: Record<string, SuiteConfig> = {
  get hardhat() {
    return localConfig();
  },
  get localhost() {
    return localConfig();
  },
  get anvil() {
    return localConfig();
  },
  // anvil-zksync (`npm run node:zksync`, chain 260): the local economy, deployed as EVM or EraVM bytecode.
  get zkSyncLocal() {
    return localConfig();
  },
  // The live ZK token on ZKsync Era mainnet; WETH and USDC as the live Fee Flow's claimable assets.
  // The suite joins ZK Nation: its Token Governor's timelock governs every setter; no governor is deployed.
  zkSyncMainnet: {
    ...zksync(process.env.ZK_TOKEN_ADDRESS ?? "0x5A7d6b2F92C77FAD6CCaBd7EE0624E64907Eaf3E", [
      "native",
      process.env.WETH_ADDRESS ?? "0x5AEa5775959fBC2557Cc8789bC1bf90A239D9a91",
      process.env.USDC_ADDRESS ?? "0x1d17CBcF0D6D143135aE902365D2E5e2A16538D4",
    ]),
    get governance() {
      return existingGovernance({ governor: ZK_NATION_TOKEN_GOVERNOR, timelock: ZK_NATION_TOKEN_TIMELOCK });
    },
  },
  // On Sepolia a ZkToken, a governor and a timelock are deployed unless ZK_TOKEN_ADDRESS and
  // ZK_GOVERNOR_ADDRESS / ZK_TIMELOCK_ADDRESS name existing ones.
  zkSyncSepolia: {
    ...zksync(process.env.ZK_TOKEN_ADDRESS, ["native", "mock:USDC"]),
    initialSupply: ZK(1_000_000_000),
    mocks: { USDC: 6 },
    get governance() {
      return existingGovernance();
    },
  },
};

export function configFor(network: string): SuiteConfig {
  // The EraVM deploy names its networks `<network>-eravm`; they share the EVM network's parameters.
  const config = CONFIGS[network] ?? CONFIGS[network.replace(/-eravm$/, "")];
  if (!config) throw new Error(`no deploy config for network "${network}"; known: ${Object.keys(CONFIGS).join(", ")}`);
  return config;
}
