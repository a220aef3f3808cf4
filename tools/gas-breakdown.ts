import { getBytes, type TransactionReceipt, type TransactionResponse } from "ethers";

/** What the breakdown needs of a provider (ethers' and Hardhat's both fit). */
export interface TraceProvider {
  send(method: string, params: unknown[]): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  getTransaction(hash: string): Promise<TransactionResponse | null>;
  getTransactionReceipt(hash: string): Promise<TransactionReceipt | null>;
}

/** Gas of one transaction split by contract and by kind of cost, from an opcode trace. */
export interface GasBreakdown {
  gasUsed: number;
  /** 21,000 per transaction. */
  base: number;
  /** 4 gas per zero byte, 16 per non-zero byte of input. */
  calldata: number;
  /** Refunds granted at the end (storage cleared), capped at a fifth of the gas used before them. */
  refund: number;
  rows: GasRow[];
}

export interface GasRow {
  contract: string;
  /** SLOAD and SSTORE, cold and warm, before refunds. */
  storage: number;
  /** The calls' own cost: account access (cold 2,600, warm 100) and value transfer, not the callee's work. */
  calls: number;
  /** LOG0–LOG4: topics and data. */
  logs: number;
  /** Everything else: arithmetic, stack, memory, hashing, jumps, ABI handling. */
  execution: number;
}

interface StructLog {
  op: string;
  gas: number;
  gasCost: number;
  depth: number;
  stack?: string[];
}

const CALLS = new Set(["CALL", "STATICCALL", "DELEGATECALL", "CALLCODE"]);

/**
 * Traces `hash` (debug_traceTransaction, as the Hardhat network and anvil serve it) and attributes every opcode's
 * cost to the contract whose code ran it. The parts add up to `gasUsed` exactly, or this throws.
 */
export async function gasBreakdown(
  provider: TraceProvider,
  hash: string,
  labels: Record<string, string>,
): Promise<GasBreakdown> {
  const [tx, receipt] = await Promise.all([provider.getTransaction(hash), provider.getTransactionReceipt(hash)]);
  if (!tx || !receipt || !tx.to) throw new Error(`gasBreakdown: ${hash} is not a mined call`);
  const trace = await provider.send("debug_traceTransaction", [
    hash,
    { disableStorage: true, disableMemory: true, disableStack: false },
  ]);
  const logs: StructLog[] = trace.structLogs;
  const label = (address: string) => labels[address.toLowerCase()] ?? address;
  const rows = new Map<string, GasRow>();
  const row = (contract: string) => {
    let r = rows.get(contract);
    if (!r) rows.set(contract, (r = { contract, storage: 0, calls: 0, logs: 0, execution: 0 }));
    return r;
  };

  // The contract running at each depth: the transaction's target, then each call's target.
  const running: string[] = [label(tx.to)];
  let spent = 0;
  for (let i = 0; i < logs.length; i++) {
    const step = logs[i];
    running.length = step.depth;
    const here = row(running[step.depth - 1]);
    let cost = step.gasCost;
    if (CALLS.has(step.op)) {
      const stack = step.stack!;
      const word = stack[stack.length - 2];
      const target =
        "0x" +
        BigInt(word.startsWith("0x") ? word : "0x" + word)
          .toString(16)
          .padStart(40, "0");
      let next = i + 1;
      while (next < logs.length && logs[next].depth > step.depth) next++;
      if (i + 1 < logs.length && logs[i + 1].depth > step.depth) {
        const last = logs[next - 1];
        const childUsed = logs[i + 1].gas - (last.gas - last.gasCost);
        cost = step.gas - (next < logs.length ? logs[next].gas : 0) - childUsed;
        running[step.depth] = label(target);
      } else if (next < logs.length) {
        cost = step.gas - logs[next].gas;
      }
      here.calls += cost;
    } else if (step.op === "SLOAD" || step.op === "SSTORE") {
      here.storage += cost;
    } else if (step.op.startsWith("LOG")) {
      here.logs += cost;
    } else {
      here.execution += cost;
    }
    spent += cost;
  }

  const base = 21_000;
  const calldata = getBytes(tx.data).reduce((sum, byte) => sum + (byte === 0 ? 4 : 16), 0);
  const gasUsed = Number(receipt.gasUsed);
  const refund = base + calldata + spent - gasUsed;
  if (refund < 0 || refund > Math.floor((base + calldata + spent) / 5)) {
    throw new Error(`gasBreakdown: parts of ${hash} do not add up (refund ${refund})`);
  }
  return { gasUsed, base, calldata, refund, rows: [...rows.values()] };
}

/** `a − b` divided by `n`, row by row (for the cost of each extra asset between two claims). */
export function perUnit(a: GasBreakdown, b: GasBreakdown, n: number): GasBreakdown {
  const find = (x: GasBreakdown, contract: string) =>
    x.rows.find((r) => r.contract === contract) ?? { contract, storage: 0, calls: 0, logs: 0, execution: 0 };
  const names = [...new Set([...a.rows, ...b.rows].map((r) => r.contract))];
  const d = (x: number, y: number) => (x - y) / n;
  return {
    gasUsed: d(a.gasUsed, b.gasUsed),
    base: d(a.base, b.base),
    calldata: d(a.calldata, b.calldata),
    refund: d(a.refund, b.refund),
    rows: names.map((contract) => {
      const [x, y] = [find(a, contract), find(b, contract)];
      return {
        contract,
        storage: d(x.storage, y.storage),
        calls: d(x.calls, y.calls),
        logs: d(x.logs, y.logs),
        execution: d(x.execution, y.execution),
      };
    }),
  };
}

/** A markdown table of a breakdown; its last line is the transaction's gas. */
export function breakdownTable(b: GasBreakdown): string[] {
  const f = (n: number) => Math.round(n).toLocaleString("en-US");
  const lines = ["| part | storage | calls | logs | execution | total |", "|---|---:|---:|---:|---:|---:|"];
  for (const r of b.rows) {
    const total = r.storage + r.calls + r.logs + r.execution;
    lines.push(`| ${r.contract} | ${f(r.storage)} | ${f(r.calls)} | ${f(r.logs)} | ${f(r.execution)} | ${f(total)} |`);
  }
  lines.push(`| transaction base | | | | | ${f(b.base)} |`);
  lines.push(`| calldata | | | | | ${f(b.calldata)} |`);
  lines.push(`| refund (storage cleared) | | | | | −${f(b.refund)} |`);
  lines.push(`| **gas used** | | | | | **${f(b.gasUsed)}** |`);
  return lines;
}
