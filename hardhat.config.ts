import { subtask } from "hardhat/config";
import { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } from "hardhat/builtin-tasks/task-names";
import type { HardhatUserConfig } from "hardhat/config";
import "@nomicfoundation/hardhat-toolbox";
import "@matterlabs/hardhat-zksync";
import "./tasks";

/** The compiler this project builds with: the npm `solc` package (solc-js), no download. */
const SOLC_VERSION = "0.8.30";
/** The ZK Nation compatibility fixture (contracts/test/compat/) is built as ZK Nation builds its governor: solc
 * 0.8.24 (the npm alias `solc-0.8.24`) on OpenZeppelin 4.9.6 (the alias `@openzeppelin/contracts-v4`). */
const COMPAT_SOLC_VERSION = "0.8.24";
const SOLC_PACKAGES: Record<string, string> = { [SOLC_VERSION]: "solc", [COMPAT_SOLC_VERSION]: "solc-0.8.24" };

subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args: { solcVersion: string }) => {
  const pkg = SOLC_PACKAGES[args.solcVersion];
  if (!pkg) {
    throw new Error(
      `zknomics builds offline with the npm solc ${Object.keys(SOLC_PACKAGES).join(" or ")} only; the config asked for ${args.solcVersion}`,
    );
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const solc = require(pkg);
  const longVersion: string = solc.version().replace(".Emscripten.clang", "");
  return {
    compilerPath: require.resolve(`${pkg}/soljson.js`),
    isSolcJs: true,
    version: args.solcVersion,
    longVersion,
  };
});

/** 200 runs, as at 10,000 the 4.9 governor exceeds the 24,576-byte code limit of a plain EVM node. */
const compat = {
  version: COMPAT_SOLC_VERSION,
  settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun" },
};
const COMPAT_SOURCES = [
  "ZkNationTokenV4.sol",
  "ZkNationGovernorV4.sol",
  "GovernorCountingFractionalV4.sol",
  "CompatProxyV4.sol",
];

const env = process.env;
const accounts = env.DEPLOYER_PRIVATE_KEY ? [env.DEPLOYER_PRIVATE_KEY] : [];

const config: HardhatUserConfig = {
  defaultNetwork: "hardhat",
  solidity: {
    compilers: [
      {
        version: SOLC_VERSION,
        settings: {
          optimizer: { enabled: true, runs: 10_000 },
          evmVersion: "cancun",
        },
      },
    ],
    overrides: Object.fromEntries(COMPAT_SOURCES.map((file) => [`contracts/test/compat/${file}`, compat])),
  },
  // EraVM build (zksolc). Only used with a `zksync: true` network; zksolc is fetched from GitHub at
  // first use, so this path cannot run on machines that reach only the npm registry.
  zksolc: {
    version: "latest",
    settings: { optimizer: { enabled: true } },
  },
  networks: {
    hardhat: {
      chainId: 31337,
      hardfork: "cancun",
    },
    localhost: {
      url: env.LOCALHOST_RPC_URL ?? "http://127.0.0.1:8545",
    },
    anvil: {
      url: `http://127.0.0.1:${env.ANVIL_PORT ?? "8545"}`,
    },
    // EVM deploys to ZKsync chains (solc output, run by ZKsync OS or Era's EVM interpreter).
    zkSyncSepolia: {
      url: env.ZKSYNC_SEPOLIA_RPC_URL ?? "https://sepolia.era.zksync.dev",
      chainId: 300,
      accounts,
      verifyURL: "https://explorer.sepolia.era.zksync.dev/contract_verification",
    },
    zkSyncMainnet: {
      url: env.ZKSYNC_MAINNET_RPC_URL ?? "https://mainnet.era.zksync.io",
      chainId: 324,
      accounts,
      verifyURL: "https://zksync2-mainnet-explorer.zksync.io/contract_verification",
    },
    // anvil-zksync (`npm run node:zksync`), EraVM build through zksolc.
    zkSyncLocal: {
      url: env.ZKSYNC_LOCAL_RPC_URL ?? "http://127.0.0.1:8011",
      chainId: 260,
      ethNetwork: "localhost",
      zksync: true,
      deployPaths: "deploy-zksync",
    },
    // EraVM build on ZKsync Sepolia (zksolc); the EVM build deploys through zkSyncSepolia above.
    zkSyncSepoliaEraVM: {
      url: env.ZKSYNC_SEPOLIA_RPC_URL ?? "https://sepolia.era.zksync.dev",
      chainId: 300,
      ethNetwork: "sepolia",
      zksync: true,
      deployPaths: "deploy-zksync",
      accounts,
      verifyURL: "https://explorer.sepolia.era.zksync.dev/contract_verification",
    },
  },
  etherscan: {
    apiKey: env.ETHERSCAN_API_KEY ?? "",
    customChains: [
      {
        network: "zkSyncSepolia",
        chainId: 300,
        urls: {
          apiURL: "https://api-sepolia-era.zksync.network/api",
          browserURL: "https://sepolia-era.zksync.network",
        },
      },
      {
        network: "zkSyncMainnet",
        chainId: 324,
        urls: {
          apiURL: "https://api-era.zksync.network/api",
          browserURL: "https://era.zksync.network",
        },
      },
    ],
  },
  gasReporter: {
    enabled: env.REPORT_GAS === "true",
    offline: true,
    currency: "USD",
  },
  typechain: {
    outDir: "typechain-types",
    target: "ethers-v6",
  },
  mocha: {
    timeout: 120_000,
  },
};

export default config;
