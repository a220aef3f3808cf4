// The ZIPs panel: the latest proposals (indexer) with their state (chain) and, once executed, each setter's
// parameter before → after, as the indexer read it at the blocks around the execution.
import { Contract, Interface } from "ethers";
import { PROPOSAL_STATES } from "../../../lib/format";
import { app, zk, nameOf, rows } from "../context";

/** A value the indexer kept as JSON: amounts of 0.001 ZK and more as ZK, addresses by name. */
function valueText(json: string): string {
  const show = (v: unknown): string => {
    if (typeof v === "string" && /^\d+$/.test(v)) return BigInt(v) >= 10n ** 15n ? zk(BigInt(v)) : v;
    if (typeof v === "string" && v.length === 42) return nameOf(v);
    if (Array.isArray(v)) return `[${v.map(show).join(", ")}]`;
    // A struct (decoded as an object): its fields in order.
    if (v && typeof v === "object") return `[${Object.values(v).map(show).join(", ")}]`;
    return String(v);
  };
  try {
    return show(JSON.parse(json));
  } catch {
    return json;
  }
}

export async function zipsPanel(governor: Contract | undefined) {
  if (!governor) return rows("zips", [], "no governor in this deployment");
  if (!app.summary) return rows("zips", [], "waiting for the indexer");
  const gov = new Contract(await governor.getAddress(), app.cfg.extraAbis.Governor, app.provider);
  const cells: string[][] = [];
  for (const p of app.summary.proposals) {
    const state = PROPOSAL_STATES[Number(await gov.state(p.id))];
    const changes = p.changes.length
      ? p.changes.map((c) => {
          const [fn, args] = [c.call.slice(0, c.call.indexOf("(")), c.call.slice(c.call.indexOf("(") + 1, -1)];
          const shown = args ? valueText(`[${args}]`).slice(1, -1) : "";
          const change =
            c.getter && c.before !== null && c.after !== null
              ? ` — ${c.getter}: ${valueText(c.before)} → ${valueText(c.after)}`
              : "";
          return `${c.contract}.${fn}(${shown})${change}`;
        })
      : p.targets.map((target, i) => {
          // Not executed yet: the calls decoded with the deployment's ABIs.
          const name = nameOf(target);
          const abi = app.cfg.abis[name];
          const call = abi ? new Interface(abi).parseTransaction({ data: p.calldatas[i] }) : null;
          if (!call) return `${name}: ${p.calldatas[i].slice(0, 10)}`;
          return `${name}.${call.name}(${valueText(JSON.stringify([...call.args], (_, v) => (typeof v === "bigint" ? v.toString() : v))).slice(1, -1)})`;
        });
    cells.push([p.title, state, changes.join("; ")]);
  }
  rows("zips", cells, "no proposal yet");
}
