// The ZIPs panel: every proposal with its state and, once executed, each setter's parameter before → after.
import { Contract, Interface } from "ethers";
import { PROPOSAL_STATES } from "../../../lib/format";
import { app, zk, nameOf, rows, logsOf } from "../context";

function argText(value: unknown): string {
  if (typeof value === "bigint") return value >= 10n ** 15n ? zk(value) : value.toString();
  if (Array.isArray(value)) return `[${value.map(argText).join(", ")}]`;
  if (typeof value === "string" && value.length === 42) return nameOf(value);
  return String(value);
}

/**
 * For a setter `setX(…)` whose contract has a view `x()` (or `x(firstArg)`), the value before and after the block
 * that executed it, read from the chain at those blocks.
 */
async function changeOf(target: string, name: string, call: { name: string; args: unknown[] }, block?: number) {
  if (block === undefined || !/^set[A-Z]/.test(call.name)) return undefined;
  const getter = call.name[3].toLowerCase() + call.name.slice(4);
  const iface = new Interface(app.cfg.abis[name]);
  const view = iface.getFunction(getter);
  if (!view) return undefined;
  const args = view.inputs.length === 0 ? [] : view.inputs.length === 1 ? [call.args[0]] : undefined;
  if (!args) return undefined;
  const c = new Contract(target, app.cfg.abis[name], app.provider);
  try {
    const [before, after] = await Promise.all([
      c[view.format()](...args, { blockTag: block - 1 }),
      c[view.format()](...args, { blockTag: block }),
    ]);
    return `${getter}: ${argText(before)} → ${argText(after)}`;
  } catch {
    return undefined;
  }
}

export async function zipsPanel(governor: Contract | undefined) {
  if (!governor) return rows("zips", [], "no governor in this deployment");
  const iface = new Interface(app.cfg.extraAbis.Governor);
  const address = await governor.getAddress();
  const created = await logsOf(address, iface, "ProposalCreated");
  const executed = new Map(
    (await logsOf(address, iface, "ProposalExecuted")).map((e) => [String(e.args.proposalId), e.log.blockNumber]),
  );
  const gov = new Contract(address, app.cfg.extraAbis.Governor, app.provider);
  const cells: string[][] = [];
  for (const e of created.reverse()) {
    const id = e.args.proposalId as bigint;
    const title = String(e.args.description).split("\n")[0].replace(/^#\s*/, "");
    const changes: string[] = [];
    for (const [i, target] of (e.args.targets as string[]).entries()) {
      const name = nameOf(target);
      const data = (e.args.calldatas as string[])[i];
      const call = app.cfg.abis[name] ? new Interface(app.cfg.abis[name]).parseTransaction({ data }) : null;
      if (!call) {
        changes.push(`${name}: ${data.slice(0, 10)}`);
        continue;
      }
      const args = [...call.args];
      const change = await changeOf(target, name, { name: call.name, args }, executed.get(String(id)));
      changes.push(`${name}.${call.name}(${args.map(argText).join(", ")})${change ? ` — ${change}` : ""}`);
    }
    cells.push([title, PROPOSAL_STATES[Number(await gov.state(id))], changes.join("; ")]);
  }
  rows("zips", cells, "no proposal yet");
}
