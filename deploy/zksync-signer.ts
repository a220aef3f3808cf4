import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { TransactionRequest } from "ethers";
import { Provider, Wallet } from "zksync-ethers";

/**
 * A zksync-ethers wallet that sends EIP-1559 (type 2) transactions unless told otherwise. zksync-ethers defaults
 * to EraVM's type 113; the EVM build (ZKsync OS, Era's EVM interpreter) is deployed with plain type-2 transactions.
 */
export class EvmWallet extends Wallet {
  override async populateTransaction(tx: TransactionRequest) {
    return super.populateTransaction({ ...tx, type: tx.type ?? 2 } as never);
  }

  override async sendTransaction(tx: TransactionRequest) {
    return super.sendTransaction({ ...tx, type: tx.type ?? 2 } as never);
  }
}

/** The deployer for ZKsync networks: DEPLOYER_PRIVATE_KEY (never from the config) on the network's RPC. */
export function zksyncSigner(hre: HardhatRuntimeEnvironment, url?: string): EvmWallet {
  const key = process.env.DEPLOYER_PRIVATE_KEY;
  if (!key) throw new Error(`set DEPLOYER_PRIVATE_KEY to deploy to ${hre.network.name}`);
  const rpc = url ?? (hre.network.config as { url?: string }).url;
  if (!rpc) throw new Error(`${hre.network.name} has no RPC URL`);
  return new EvmWallet(key, new Provider(rpc));
}
