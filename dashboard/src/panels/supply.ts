// The supply panel: ZK supply and cumulative burn over time, with the token's cap, from the indexer's supply curve
// (at most a few hundred points however long the history); the supply now is read from the chain.
import { Chart } from "chart.js";
import { Contract, formatUnits, parseUnits } from "ethers";
import { el, app, zk } from "../context";

let chart: Chart | undefined;
const ZIP14_CAP = parseUnits("21000000000", 18);

export async function supplyPanel(token: Contract) {
  const summary = app.summary;
  const [current, cap] = await Promise.all([
    token.totalSupply() as Promise<bigint>,
    // ZK Nation's token has no maxSupply(): ZIP-14's 21B cap applies.
    (
      new Contract(
        await token.getAddress(),
        ["function maxSupply() view returns (uint256)"],
        token.runner,
      ).maxSupply() as Promise<bigint>
    ).catch(() => ZIP14_CAP),
  ]);
  if (!summary?.totals) {
    el("supply-summary").textContent = `supply now ${zk(current)}; history waits for the indexer`;
    return;
  }
  const points = summary.supply.map((p) => ({
    label: new Date(Number(p.timestamp) * 1000).toISOString().slice(5, 19).replace("T", " "),
    supply: Number(formatUnits(p.supply, 18)),
    burned: Number(formatUnits(p.burned, 18)),
  }));
  const capLine = Number(formatUnits(cap, 18));
  const data = {
    labels: points.map((p) => p.label),
    datasets: [
      { label: "ZK supply", data: points.map((p) => p.supply), yAxisID: "supply", borderColor: "#3949ab", tension: 0 },
      {
        label: `cap (${zk(cap)})`,
        data: points.map(() => capLine),
        yAxisID: "supply",
        borderColor: "#9e9e9e",
        borderDash: [6, 4],
        pointRadius: 0,
        tension: 0,
      },
      {
        label: "cumulative ZK burned",
        data: points.map((p) => p.burned),
        yAxisID: "burned",
        borderColor: "#e53935",
        tension: 0,
      },
    ],
  };
  if (!chart) {
    chart = new Chart(el<HTMLCanvasElement>("supply-chart"), {
      type: "line",
      data,
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { position: "bottom" } },
        scales: {
          supply: {
            type: "linear",
            position: "left",
            beginAtZero: true,
            ticks: { callback: (v) => Number(v).toLocaleString("en-US") },
          },
          burned: { type: "linear", position: "right", grid: { drawOnChartArea: false }, beginAtZero: true },
        },
      },
    });
  } else {
    chart.data = data;
    chart.update("none");
  }
  const t = summary.totals;
  el("supply-summary").textContent =
    `supply now ${zk(current)} of a ${zk(cap)} cap; burned since the deployment ${zk(BigInt(t.burned))} in ${t.burns} burn(s)`;
  document.body.dataset.burns = String(t.burns);
  document.body.dataset.chartPoints = String(points.length);
  document.body.dataset.burned = t.burned;
}
