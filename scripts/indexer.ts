// Starts the Ponder indexer (indexer/) for one deployment as a child process on 127.0.0.1 and stops it. Its
// truth is the chain: the database (embedded PGlite by default, PostgreSQL with DATABASE_URL) only saves time, and
// a restart resumes from it instead of reading the history again.
import { spawn, type ChildProcess } from "child_process";
import path from "path";
import { freePort } from "./nodes";

const ROOT = path.join(__dirname, "..");

export interface IndexerOptions {
  /** Path of the deployment record to index. */
  deployment: string;
  rpcUrl: string;
  port?: number;
  /** PostgreSQL connection string; PGlite in `pgliteDir` without one. */
  databaseUrl?: string;
  /** PGlite's directory (default .ponder/<deployment name>-<chain id tag>). */
  pgliteDir?: string;
  /** The PostgreSQL schema (default: zknomics_<deployment name>_<chain id tag>); PGlite always uses "public". */
  schema?: string;
  /** The largest eth_getLogs span (default 10,000). */
  maxSpan?: number;
  /** How often it polls the chain for new blocks (default 1,000 ms). */
  pollingMs?: number;
  /** Ponder's log lines (default: dropped unless they are warnings or errors). */
  log?: (line: string) => void;
}

export interface Indexer {
  url: string;
  child: ChildProcess;
  /** Resolves once the backfill is done and the API answers. */
  ready(timeoutMs?: number): Promise<void>;
  /** The newest block it has indexed. */
  indexedBlock(): Promise<number | undefined>;
  stop(): Promise<void>;
}

export async function startIndexer(opts: IndexerOptions): Promise<Indexer> {
  const port = opts.port ?? (await freePort());
  const name = path.basename(opts.deployment, ".json");
  // The database belongs to one history: a node reset to a new chain (same id, same addresses) gets a fresh one,
  // named after the hash of the deployment's first block, so no stale row or cached log is ever read back.
  const tag = opts.pgliteDir && opts.schema ? "" : await chainTag(opts.rpcUrl, opts.deployment);
  const schema = opts.databaseUrl
    ? (opts.schema ?? `zknomics_${name.replace(/[^A-Za-z0-9_]/g, "_")}_${tag}`)
    : "public";
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PONDER_TELEMETRY_DISABLED: "true",
    INDEXER_DEPLOYMENT: path.resolve(opts.deployment),
    INDEXER_RPC_URL: opts.rpcUrl,
    INDEXER_MAX_SPAN: String(opts.maxSpan ?? 10_000),
    INDEXER_POLLING_MS: String(opts.pollingMs ?? 1_000),
    INDEXER_PGLITE_DIR: path.resolve(opts.pgliteDir ?? path.join(ROOT, ".ponder", `${name}-${tag}`)),
  };
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  else delete env.DATABASE_URL;
  const bin = path.join(ROOT, "node_modules", ".bin", "ponder");
  const args = ["start", "--root", "indexer", "--schema", schema, "--hostname", "127.0.0.1", "--port", String(port)];
  args.push("--log-level", "warn");
  const child = spawn(bin, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const log = opts.log ?? ((line: string) => /WARN|ERROR/.test(line) && process.stderr.write(`indexer: ${line}\n`));
  let exited: string | undefined;
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = "";
    stream.on("data", (d: Buffer) => {
      const lines = (rest + d.toString()).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) log(line);
    });
  }
  child.on("exit", (code, signal) => (exited = signal ?? `exit code ${code}`));
  const url = `http://127.0.0.1:${port}`;
  const get = (p: string) => fetch(`${url}${p}`, { signal: AbortSignal.timeout(5_000) });
  return {
    url,
    child,
    async ready(timeoutMs = 300_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        if (exited) throw new Error(`the indexer stopped (${exited}) before it was ready`);
        const ok = await get("/ready").then(
          (r) => r.status === 200,
          () => false,
        );
        if (ok) return;
        if (Date.now() > until) throw new Error(`the indexer was not ready after ${timeoutMs / 1000} s`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    async indexedBlock() {
      const status = await get("/status").then(
        (r) => r.json() as Promise<Record<string, { block?: { number: number } }>>,
        () => undefined,
      );
      return status?.chain?.block?.number;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        // Ponder flushes and closes its database on SIGTERM; a child that does not end is killed.
        setTimeout(() => !exited && child.kill("SIGKILL"), 15_000).unref();
      }),
  };
}

/** The first 8 hex digits of the hash of the deployment's first block, as the node at `rpcUrl` has it. */
async function chainTag(rpcUrl: string, deploymentPath: string): Promise<string> {
  const fs = await import("fs");
  const { startBlock } = JSON.parse(fs.readFileSync(deploymentPath, "utf8")) as { startBlock: number };
  try {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "eth_getBlockByNumber",
        params: [`0x${startBlock.toString(16)}`, false],
      }),
      signal: AbortSignal.timeout(10_000),
    });
    const hash = ((await response.json()) as { result?: { hash?: string } }).result?.hash;
    if (!hash)
      throw new Error(`it has no block ${startBlock}, the deployment's first: is this the deployment's chain?`);
    return hash.slice(2, 10);
  } catch (error) {
    throw new Error(`cannot identify the chain at ${rpcUrl} for the indexer: ${(error as Error).message}`);
  }
}
