import { ethers } from "hardhat";
import { deployFeeFlow, NATIVE } from "../../deploy/feeflow";
import { MockERC20__factory, ZkToken__factory } from "../../typechain-types";

export { NATIVE };
export const ZK = (n: string | number) => ethers.parseEther(String(n));
export const USDC = (n: string | number) => ethers.parseUnits(String(n), 6);
export const PRICE = ZK(1_000);
export const PRICE_FLOOR = ZK(100);
export const PRICE_CEILING = ZK(10_000_000);
export const ZK_FEE = ZK(10);
export const BASE_FEE = ethers.parseEther("0.0001");
export const FAR_FUTURE = 2n ** 40n;
/** What the distributor keeps after each distribution (`RETAINED_BALANCE`). */
export const RETAINED = 1n;

/** Token, mock assets and the fee flow as the deploy code builds it, governed by an EOA standing in for the timelock. */
export async function feeFlowFixture() {
  const [deployer, gov, guardian, gateway, searcher, user, enterprise, other] = await ethers.getSigners();
  const zk = await new ZkToken__factory(deployer).deploy(deployer.address, deployer.address, ZK(1_000_000_000));
  const usdc = await new MockERC20__factory(deployer).deploy("USD Coin", "USDC", 6);
  const weth = await new MockERC20__factory(deployer).deploy("Wrapped Ether", "WETH", 18);
  const [usdcAddress, wethAddress] = [await usdc.getAddress(), await weth.getAddress()];

  const { distributor, collector, auction } = await deployFeeFlow(deployer, {
    zk: await zk.getAddress(),
    governance: gov.address,
    guardian: guardian.address,
    zkFeePerCall: ZK_FEE,
    baseFeePerCall: BASE_FEE,
    price: PRICE,
    priceFloor: PRICE_FLOOR,
    priceCeiling: PRICE_CEILING,
    claimable: [NATIVE, usdcAddress, wethAddress],
  });
  await collector.connect(gov).setGateway(gateway.address, true);

  for (const account of [searcher, user, enterprise, other]) {
    await zk.transfer(account.address, ZK(10_000_000));
    await zk.connect(account).approve(await auction.getAddress(), ethers.MaxUint256);
    await zk.connect(account).approve(await collector.getAddress(), ethers.MaxUint256);
  }
  await usdc.mint(enterprise.address, USDC(1_000_000));
  await usdc.connect(enterprise).approve(await collector.getAddress(), ethers.MaxUint256);

  /** Requests for `assets`, sorted as the auction requires. */
  const requests = (assets: string[], minAmount = 0n) =>
    [...assets].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)).map((asset) => ({ asset, minAmount }));

  return {
    zk,
    usdc,
    weth,
    usdcAddress,
    wethAddress,
    distributor,
    collector,
    auction,
    deployer,
    gov,
    guardian,
    gateway,
    searcher,
    user,
    enterprise,
    other,
    requests,
  };
}
