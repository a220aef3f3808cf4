// The indexer's configuration, built from a deployment record (deployments/<name>.json): one chain, the suite's
// contracts from the deployment's first block. Set by the environment (npm run indexer and the dashboard set them):
//   INDEXER_DEPLOYMENT   path of the deployment record (default deployments/$DEPLOYMENT_NAME.json, else localhost)
//   INDEXER_RPC_URL      the chain's JSON-RPC URL (default http://127.0.0.1:8545)
//   INDEXER_MAX_SPAN     the largest eth_getLogs span in blocks (default 10000: what public RPCs accept)
//   INDEXER_FROM_BLOCK   first block to index (default: the deployment's first block)
//   DATABASE_URL         PostgreSQL; without it an embedded PGlite database in INDEXER_PGLITE_DIR
//                        (default .ponder/<deployment name>)
import fs from "fs";
import path from "path";
import { createConfig } from "ponder";
import { zeroAddress, type Address } from "viem";
import { abis } from "./abis";

const deploymentPath = path.resolve(
  process.env.INDEXER_DEPLOYMENT ?? path.join("deployments", `${process.env.DEPLOYMENT_NAME ?? "localhost"}.json`),
);
if (!fs.existsSync(deploymentPath)) {
  throw new Error(`indexer: no deployment at ${deploymentPath} (set INDEXER_DEPLOYMENT or DEPLOYMENT_NAME)`);
}
const deployment = JSON.parse(fs.readFileSync(deploymentPath, "utf8")) as {
  network: string;
  chainId: number;
  startBlock: number;
  contracts: Record<string, { address: string }>;
};
const maxSpan = Number(process.env.INDEXER_MAX_SPAN ?? 10_000);
if (!Number.isSafeInteger(maxSpan) || maxSpan < 1) throw new Error(`indexer: INDEXER_MAX_SPAN must be ≥ 1`);
const startBlock = Number(process.env.INDEXER_FROM_BLOCK ?? deployment.startBlock);
const name = path.basename(deploymentPath, ".json");

const at = (contract: string): Address => {
  const record = deployment.contracts[contract];
  if (!record) throw new Error(`indexer: ${deploymentPath} has no ${contract}`);
  return record.address as Address;
};
const optional = (contract: string) => (deployment.contracts[contract] ? contract : undefined);

const chain = "chain" as const;
const from = { chain, startBlock };
const contracts = {
  // Only mints and burns (the live token's ordinary transfers are not the fee flow's business): the token twice,
  // one filter each.
  ZkTokenMint: {
    ...from,
    abi: abis.ZkToken,
    address: at("ZkToken"),
    filter: { event: "Transfer", args: { from: zeroAddress } },
  },
  ZkTokenBurn: {
    ...from,
    abi: abis.ZkToken,
    address: at("ZkToken"),
    filter: { event: "Transfer", args: { to: zeroAddress } },
  },
  InteropCenter: { ...from, abi: abis.InteropCenter, address: at("InteropCenter") },
  InteropFeeCollector: { ...from, abi: abis.InteropFeeCollector, address: at("InteropFeeCollector") },
  FeeFlowAuction: { ...from, abi: abis.FeeFlowAuction, address: at("FeeFlowAuction") },
  FeeDistributor: { ...from, abi: abis.FeeDistributor, address: at("FeeDistributor") },
  ZkStakingRewards: {
    ...from,
    abi: abis.ZkStakingRewards,
    address: optional("ZkStakingRewards") ? at("ZkStakingRewards") : zeroAddress,
  },
  Governor: { ...from, abi: abis.Governor, address: optional("ZkTokenGovernor") ? at("ZkTokenGovernor") : zeroAddress },
} as const;

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
    : { kind: "pglite", directory: path.resolve(process.env.INDEXER_PGLITE_DIR ?? path.join(".ponder", name)) },
  chains: {
    chain: {
      id: deployment.chainId,
      rpc: process.env.INDEXER_RPC_URL ?? "http://127.0.0.1:8545",
      ethGetLogsBlockRange: maxSpan,
      pollingInterval: Number(process.env.INDEXER_POLLING_MS ?? 1_000),
    },
  },
  contracts,
});
