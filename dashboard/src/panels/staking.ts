// The staking panel: stake, earning stake, yearly rate in its band, reservoir and representatives.
import { Contract } from "ethers";
import { YEAR, app, zk, short, rows, facts } from "../context";

export async function stakingPanel(staking: Contract | undefined) {
  if (!staking) {
    facts("staking", [["staking", "not part of this deployment"]]);
    return;
  }
  const [staked, power, rate, maxBps, reservoir, counted, finish] = await Promise.all([
    staking.totalStaked(),
    staking.totalEarningPower(),
    staking.rewardRate(),
    staking.maxRateBps(),
    staking.reservoir(),
    staking.countedProposals(),
    staking.periodFinish(),
  ]);
  // Rounded, not floored: the on-chain rate is itself rounded down by a few wei a second.
  const yearly = power === 0n ? 0 : Number((rate * YEAR * 1_000_000n) / (power * 10n ** 18n)) / 10_000;
  facts("staking", [
    ["staked", zk(staked)],
    ["earning stake", zk(power)],
    ["yearly rate", `${yearly.toFixed(2)}% (ceiling ${Number(maxBps) / 100}%)`],
    ["reservoir", zk(reservoir)],
    ["stream ends", reservoir === 0n ? "—" : new Date(Number(finish) * 1000).toISOString().replace(".000Z", "Z")],
    ["counted proposals", `${(counted as bigint[]).length} of the last 5`],
  ]);
  // Who has stake behind it comes from the indexer; whether each is active is read from the chain.
  const cells: string[][] = [];
  for (const rep of app.summary?.representatives ?? []) {
    cells.push([short(rep.id), zk(BigInt(rep.staked)), (await staking.isActive(rep.id)) ? "yes" : "no"]);
  }
  rows("representatives", cells, app.summary ? "no stake yet" : "waiting for the indexer");
}
