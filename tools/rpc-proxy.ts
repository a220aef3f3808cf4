// A JSON-RPC proxy on 127.0.0.1 for tests and benches: forwards to a node, counts calls by method, and refuses
// eth_getLogs over more than `maxLogSpan` blocks the way public RPC providers do.
import http from "http";
import { freePort } from "../scripts/nodes";

export interface RpcProxy {
  url: string;
  /** Calls forwarded or refused, by method (a batch counts each of its calls). */
  calls: Map<string, number>;
  /** The block span of every eth_getLogs it answered. */
  logSpans: number[];
  /** eth_getLogs calls refused for their span. */
  refused: number;
  stop(): Promise<void>;
}

interface Call {
  id: unknown;
  method: string;
  params?: unknown[];
}

export async function startRpcProxy(target: string, opts: { maxLogSpan?: number } = {}): Promise<RpcProxy> {
  const calls = new Map<string, number>();
  const logSpans: number[] = [];
  const proxy: RpcProxy = { url: "", calls, logSpans, refused: 0, stop: async () => undefined };
  const forward = async (body: unknown) => {
    const response = await fetch(target, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return response.json();
  };
  const head = async () => Number((await forward({ jsonrpc: "2.0", id: 0, method: "eth_blockNumber" })).result);
  const blockOf = async (tag: unknown) =>
    typeof tag === "string" && tag.startsWith("0x") ? Number(tag) : tag === "earliest" ? 0 : head();
  /** The refusal for a call, or undefined to forward it. */
  const check = async (call: Call) => {
    calls.set(call.method, (calls.get(call.method) ?? 0) + 1);
    if (call.method !== "eth_getLogs") return undefined;
    const filter = (call.params?.[0] ?? {}) as { fromBlock?: string; toBlock?: string; blockHash?: string };
    if (filter.blockHash) return undefined;
    const span = (await blockOf(filter.toBlock ?? "latest")) - (await blockOf(filter.fromBlock ?? "latest")) + 1;
    if (opts.maxLogSpan !== undefined && span > opts.maxLogSpan) {
      proxy.refused++;
      return {
        jsonrpc: "2.0",
        id: call.id,
        error: { code: -32005, message: `block range ${span} exceeds ${opts.maxLogSpan}` },
      };
    }
    logSpans.push(span);
    return undefined;
  };
  const answer = async (call: Call) => (await check(call)) ?? forward(call);
  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (d) => (text += d));
    req.on("end", async () => {
      try {
        const body = JSON.parse(text);
        const result = Array.isArray(body) ? await Promise.all(body.map(answer)) : await answer(body);
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result));
      } catch (error) {
        res.writeHead(502).end(String(error));
      }
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  proxy.url = `http://127.0.0.1:${port}`;
  proxy.stop = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
