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
import { memoryRecorder, type Recorder } from "./recorder";

/** The native token's stand-in address in the collector and the auction. */
export const NATIVE = "0x0000000000000000000000000000000000000000";

export interface FeeFlowParams {
  /** The ZK token (deployed by the caller, or the live token). */
  zk: string;
  /** Who ends up owning every setter (the timelock on a real network). Left with the deployer if omitted. */
  governance?: string;
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
}

export interface FeeFlow {
  distributor: FeeDistributor;
  collector: InteropFeeCollector;
  auction: FeeFlowAuction;
}

/**
 * Deploys distributor, collector and auction, links them and registers the claimable assets; with
 * `params.governance`, hands every setter to it, so the deployer keeps nothing.
 */
export async function deployFeeFlow(deployer: Signer, params: FeeFlowParams, recorder?: Recorder): Promise<FeeFlow> {
  const me = await deployer.getAddress();
  const rec = recorder ?? (await memoryRecorder(deployer));

  const distributor = FeeDistributor__factory.connect(
    await rec.contract("FeeDistributor", "FeeDistributor", () =>
      rec.make("FeeDistributor", [me, params.zk, params.allocations ?? []]),
    ),
    deployer,
  );
  const collector = InteropFeeCollector__factory.connect(
    await rec.contract("InteropFeeCollector", "InteropFeeCollector", async () =>
      rec.make("InteropFeeCollector", [
        me,
        params.zk,
        await distributor.getAddress(),
        params.zkFeePerCall,
        params.baseFeePerCall,
      ]),
    ),
    deployer,
  );
  const auction = FeeFlowAuction__factory.connect(
    await rec.contract("FeeFlowAuction", "FeeFlowAuction", async () =>
      rec.make("FeeFlowAuction", [
        me,
        params.zk,
        await collector.getAddress(),
        params.guardian,
        params.price,
        params.priceFloor,
        params.priceCeiling,
      ]),
    ),
    deployer,
  );

  const auctionAddress = await auction.getAddress();
  await rec.step(
    "collector.setReleaser(auction)",
    () => collector.setReleaser(auctionAddress),
    async () => (await collector.releaser()) === auctionAddress,
  );
  for (const asset of params.claimable) {
    await rec.step(
      `collector.setClaimable(${asset})`,
      () => collector.setClaimable(asset, true),
      () => collector.isClaimable(asset),
    );
  }
  if (params.governance) await handOverFeeFlow({ distributor, collector, auction }, params.governance, rec);
  return { distributor, collector, auction };
}

/** Gives every fee-flow setter to `governance`. */
export async function handOverFeeFlow(flow: FeeFlow, governance: string, rec: Recorder): Promise<void> {
  for (const [name, contract] of Object.entries(flow)) {
    await rec.step(
      `${name}.transferGovernance(${governance})`,
      () => contract.transferGovernance(governance),
      async () => (await contract.governance()).toLowerCase() === governance.toLowerCase(),
    );
  }
}
