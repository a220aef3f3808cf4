// The distributor panel: allocations, what each recipient was paid, what was burned and what waits.
import { Contract } from "ethers";
import { el, zk, nameOf, rows } from "../context";

export async function distributorPanel(distributor: Contract, token: Contract) {
  const allocations = (await distributor.allocations()) as { recipient: string; bps: bigint; notify: boolean }[];
  const cells: string[][] = [];
  let shared = 0n;
  for (const a of allocations) {
    shared += a.bps;
    cells.push([
      nameOf(a.recipient),
      `${Number(a.bps) / 100}%${a.notify ? " (notified)" : ""}`,
      zk(await distributor.paidTo(a.recipient)),
    ]);
  }
  cells.push(["burn", `${Number(10_000n - shared) / 100}% and all dust`, zk(await distributor.totalBurned())]);
  rows("allocations", cells, "");
  const waiting = await token.balanceOf(await distributor.getAddress());
  el("distributor-summary").textContent =
    `paid out ${zk(await distributor.totalPaid())}; waiting for distribute(): ${zk(waiting)}`;
}
