// The supply panel: ZK supply and cumulative burn since the deployment, from the token's mint and burn events.
import { Chart } from "chart.js";
import { Contract, ZeroAddress, formatUnits, zeroPadValue } from "ethers";
import { el, app, zk, logsOf, timeOf } from "../context";

let chart: Chart | undefined;

export async function supplyPanel(token: Contract) {
  const iface = token.interface;
  const zero = zeroPadValue(ZeroAddress, 32);
  const start = app.cfg.deployment.startBlock;
  const [mints, burns] = await Promise.all([
    logsOf(await token.getAddress(), iface, "Transfer", [zero]),
    logsOf(await token.getAddress(), iface, "Transfer", [null, zero]),
  ]);
  const moves = [
    ...mints.map((e) => ({ block: e.log.blockNumber, index: e.log.index, delta: e.args.value as bigint })),
    ...burns.map((e) => ({ block: e.log.blockNumber, index: e.log.index, delta: -(e.args.value as bigint) })),
  ].sort((a, b) => a.block - b.block || a.index - b.index);
  let supply: bigint = start > 0 ? await token.totalSupply({ blockTag: start - 1 }) : 0n;
  let burned = 0n;
  const points: { label: string; supply: number; burned: number }[] = [];
  const push = async (block: number) =>
    points.push({
      label: new Date((await timeOf(block)) * 1000).toISOString().slice(5, 19).replace("T", " "),
      supply: Number(formatUnits(supply, 18)),
      burned: Number(formatUnits(burned, 18)),
    });
  await push(start);
  for (const m of moves) {
    supply += m.delta;
    if (m.delta < 0n) burned -= m.delta;
    if (points.length && moves.indexOf(m) > 0 && moves[moves.indexOf(m) - 1].block === m.block) points.pop();
    await push(m.block);
  }
  // A token minted by this deployment starts from nothing: the chart starts at its first supply.
  while (points.length > 1 && points[0].supply === 0) points.shift();
  const data = {
    labels: points.map((p) => p.label),
    datasets: [
      { label: "ZK supply", data: points.map((p) => p.supply), yAxisID: "supply", borderColor: "#3949ab", tension: 0 },
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
          supply: { type: "linear", position: "left", ticks: { callback: (v) => Number(v).toLocaleString("en-US") } },
          burned: { type: "linear", position: "right", grid: { drawOnChartArea: false }, beginAtZero: true },
        },
      },
    });
  } else {
    chart.data = data;
    chart.update("none");
  }
  const current = await token.totalSupply();
  el("supply-summary").textContent =
    `supply now ${zk(current)}; burned since the deployment ${zk(burned)} in ${burns.length} burn(s)`;
  document.body.dataset.burns = String(burns.length);
  document.body.dataset.chartPoints = String(points.length);
  document.body.dataset.burned = String(burned);
}
