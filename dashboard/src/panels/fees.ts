// The fees panel: interop fees charged per day and destination chain, in ZK and in the native token (indexer).
import { app, labelText, zk, rows } from "../context";

export function feesPanel() {
  const summary = app.summary;
  if (!summary) return rows("fees", [], "waiting for the indexer");
  rows(
    "fees",
    summary.fees.map((d) => [
      d.day,
      `${d.chainId} → ${d.destination}`,
      String(d.bundles),
      d.calls,
      zk(BigInt(d.zk)),
      labelText(BigInt(d.native), { symbol: "native", decimals: 18 }, 6),
    ]),
    "no interop fee charged yet",
  );
}
