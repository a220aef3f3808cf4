import fs from "fs";
import http from "http";
import path from "path";
import type { AddressInfo } from "net";
import type { DeploymentFile } from "../../deploy/recorder";

/** What the page needs besides the chain: the deployment, the ABIs of its contracts, and every custom error. */
export interface DashboardConfig {
  network: string;
  /** Where the node is, for messages (the page talks to it through /rpc). */
  rpcUrl: string;
  /** Where the indexer's API is (the page reads it through /indexer/). */
  indexerUrl?: string;
  deployment: DeploymentFile;
  /** ABI of each deployed contract, by its name in the deployment. */
  abis: Record<string, unknown[]>;
  /** ABIs the page reads tokens and governors with. */
  extraAbis: Record<string, unknown[]>;
  /** Every custom error of the suite, to decode a revert. */
  errors: unknown[];
}

export const DIST = path.join(__dirname, "..", "..", "dashboard", "dist");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
};

/**
 * Serves the built page, its configuration at /api/config, and a JSON-RPC relay to the node at /rpc (so the page
 * needs no CORS from the node, and an unreachable node is reported as such). Listens on 127.0.0.1 only.
 */
export async function startDashboard(
  config: DashboardConfig,
  opts: { port?: number; rpcTimeoutMs?: number } = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const index = path.join(DIST, "index.html");
  if (!fs.existsSync(index)) throw new Error(`the page is not built: run npm run dashboard:build (no ${index})`);
  const server = http.createServer(async (req, res) => {
    try {
      if (req.method === "POST" && req.url === "/rpc") return await relay(req, res, config.rpcUrl, opts.rpcTimeoutMs);
      if (req.url === "/api/config") return send(res, 200, "application/json", JSON.stringify(config));
      if (req.method === "GET" && req.url?.startsWith("/indexer/")) return await fromIndexer(req.url, res, config);
      const file = path.normalize(path.join(DIST, decodeURIComponent((req.url ?? "/").split("?")[0])));
      const target = file.startsWith(DIST) && fs.existsSync(file) && fs.statSync(file).isFile() ? file : index;
      send(res, 200, TYPES[path.extname(target)] ?? "application/octet-stream", fs.readFileSync(target));
    } catch (error) {
      send(res, 500, "text/plain", (error as Error).message);
    }
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Relays a read of the indexer's API (/indexer/summary → <indexer>/summary); 503 when there is none. */
async function fromIndexer(url: string, res: http.ServerResponse, config: DashboardConfig) {
  if (!config.indexerUrl) return send(res, 503, "text/plain", "no indexer runs for this dashboard");
  try {
    const answer = await fetch(`${config.indexerUrl}${url.slice("/indexer".length)}`, {
      signal: AbortSignal.timeout(10_000),
    });
    send(res, answer.status, answer.headers.get("content-type") ?? "application/json", await answer.text());
  } catch (error) {
    send(res, 503, "text/plain", `cannot reach the indexer at ${config.indexerUrl} (${(error as Error).name})`);
  }
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

async function relay(req: http.IncomingMessage, res: http.ServerResponse, rpcUrl: string, timeoutMs = 10_000) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString("utf8");
  try {
    const answer = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    send(res, 200, "application/json", await answer.text());
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    // A JSON-RPC error the page shows as is: the node, not the page, is the problem.
    let id: unknown = null;
    try {
      id = JSON.parse(body).id ?? null;
    } catch {
      // not JSON: no id to echo
    }
    send(
      res,
      200,
      "application/json",
      JSON.stringify({
        jsonrpc: "2.0",
        id,
        error: { code: -32000, message: `cannot reach the node at ${rpcUrl} (${cause})` },
      }),
    );
  }
}
