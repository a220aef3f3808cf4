// The fees panel: interop fees charged per day, in ZK and in the native token.
import { Contract } from "ethers";
import { labelText, zk, day, rows, logsOf, timeOf } from "../context";

export async function feesPanel(collector: Contract) {
  const events = await logsOf(await collector.getAddress(), collector.interface, "InteropFeeCollected");
  const byDay = new Map<string, { bundles: number; calls: bigint; zk: bigint; native: bigint }>();
  for (const e of events) {
    const key = day(await timeOf(e.log.blockNumber));
    const d = byDay.get(key) ?? { bundles: 0, calls: 0n, zk: 0n, native: 0n };
    d.bundles += 1;
    d.calls += e.args.callCount as bigint;
    if (e.args.inZk) d.zk += e.args.fee as bigint;
    else d.native += e.args.fee as bigint;
    byDay.set(key, d);
  }
  rows(
    "fees",
    [...byDay.entries()].map(([k, d]) => [
      k,
      String(d.bundles),
      String(d.calls),
      zk(d.zk),
      labelText(d.native, { symbol: "native", decimals: 18 }, 6),
    ]),
    "no interop fee charged yet",
  );
}
