import type { Signer } from "ethers";
import {
  FeeDistributor__factory,
  FeeFlowAuction__factory,
  InteropFeeCollector__factory,
  type FeeDistributor,
  type FeeFlowAuction,
  type InteropFeeCollector,
} from "../typechain-types";
import type { IFeeDistributor } from "../typechain-types/contracts/feeflow/FeeDistributor";

/** The native token's stand-in address in the collector and the auction. */
export const NATIVE = "0x0000000000000000000000000000000000000000";

export interface FeeFlowParams {
  /** The ZK token (deployed by the caller, or the live token). */
  zk: string;
  /** Who ends up owning every setter: the timelock on a real network. */
  governance: string;
  /** May pause claims, nothing else. */
  guardian: string;
  zkFeePerCall: bigint;
  baseFeePerCall: bigint;
  price: bigint;
  priceFloor: bigint;
  priceCeiling: bigint;
  /** Assets the auction may sell; the zero address is the native token. */
  claimable: string[];
  allocations?: IFeeDistributor.AllocationStruct[];
  /** Called after each transaction, e.g. to record it in a deployment file. */
  log?: (step: string, txHash: string, address?: string) => void;
}

export interface FeeFlow {
  distributor: FeeDistributor;
  collector: InteropFeeCollector;
  auction: FeeFlowAuction;
}

/**
 * Deploys distributor, collector and auction, links them, registers the claimable assets, then hands every
 * setter to `params.governance`. The deployer keeps nothing.
 */
export async function deployFeeFlow(deployer: Signer, params: FeeFlowParams): Promise<FeeFlow> {
  const me = await deployer.getAddress();
  const log = params.log ?? (() => undefined);

  const distributor = await new FeeDistributor__factory(deployer).deploy(me, params.zk, params.allocations ?? []);
  await distributor.waitForDeployment();
  log("FeeDistributor", distributor.deploymentTransaction()!.hash, await distributor.getAddress());

  const collector = await new InteropFeeCollector__factory(deployer).deploy(
    me,
    params.zk,
    await distributor.getAddress(),
    params.zkFeePerCall,
    params.baseFeePerCall,
  );
  await collector.waitForDeployment();
  log("InteropFeeCollector", collector.deploymentTransaction()!.hash, await collector.getAddress());

  const auction = await new FeeFlowAuction__factory(deployer).deploy(
    me,
    params.zk,
    await collector.getAddress(),
    params.guardian,
    params.price,
    params.priceFloor,
    params.priceCeiling,
  );
  await auction.waitForDeployment();
  log("FeeFlowAuction", auction.deploymentTransaction()!.hash, await auction.getAddress());

  const send = async (step: string, tx: Promise<{ hash: string; wait: () => Promise<unknown> }>) => {
    const sent = await tx;
    await sent.wait();
    log(step, sent.hash);
  };
  await send("collector.setReleaser", collector.setReleaser(await auction.getAddress()));
  for (const asset of params.claimable) {
    await send(`collector.setClaimable(${asset})`, collector.setClaimable(asset, true));
  }
  if (params.governance !== me) {
    await send("distributor.transferGovernance", distributor.transferGovernance(params.governance));
    await send("collector.transferGovernance", collector.transferGovernance(params.governance));
    await send("auction.transferGovernance", auction.transferGovernance(params.governance));
  }
  return { distributor, collector, auction };
}
