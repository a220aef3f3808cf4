// The burn panel, as burn dashboards show it: ZK burned per day and per week, and per interop call (the day's
// burn over the calls charged that day; all time in the summary line). From the indexer's aggregates.
import { app, el, rows, zk } from "../context";

const perCall = (burned: bigint, calls: bigint) => (calls === 0n ? "—" : zk(burned / calls));

export function burnPanel() {
  const summary = app.summary;
  if (!summary?.totals) {
    rows("burn-daily", [], "waiting for the indexer");
    rows("burn-weekly", [], "waiting for the indexer");
    return;
  }
  rows(
    "burn-daily",
    summary.daily.map((d) => [
      d.day,
      zk(BigInt(d.burned)),
      String(d.burns),
      d.calls,
      perCall(BigInt(d.burned), BigInt(d.calls)),
    ]),
    "nothing burned yet",
  );
  rows(
    "burn-weekly",
    summary.weekly.map((w) => [w.week, zk(BigInt(w.burned)), w.calls, perCall(BigInt(w.burned), BigInt(w.calls))]),
    "nothing burned yet",
  );
  const t = summary.totals;
  el("burn-summary").textContent =
    `all time: ${zk(BigInt(t.burned))} burned over ${BigInt(t.calls).toLocaleString("en-US")} interop call(s), ` +
    `${perCall(BigInt(t.burned), BigInt(t.calls))} per call; ${t.claims} claim(s) paid ${zk(BigInt(t.claimedPrice))}; ` +
    `indexed to block ${app.indexedBlock}`;
}
