import { spawn, type ChildProcess } from "child_process";
import net from "net";
import path from "path";
import { JsonRpcProvider } from "ethers";

/** A local JSON-RPC node this process started on 127.0.0.1; `stop()` ends it. */
export interface LocalNode {
  name: string;
  url: string;
  port: number;
  chainId: number;
  /** The node's process id (to freeze it with SIGSTOP in a test, say). */
  pid: number;
  provider: JsonRpcProvider;
  stop(): Promise<void>;
  /** Leaves the node running after this process ends; returns its pid (`kill <pid>` stops it). */
  keep(): number;
}

const running = new Set<ChildProcess>();
let hooked = false;

/** Whatever happens to this process, the nodes it started die with it. */
function hookExit() {
  if (hooked) return;
  hooked = true;
  const killAll = () => {
    for (const child of running) child.kill("SIGKILL");
  };
  process.on("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(signal === "SIGINT" ? 130 : 143);
    });
  }
}

export function anvilBinary(): string {
  return path.join(path.dirname(require.resolve("@foundry-rs/anvil-linux-amd64/package.json")), "bin", "anvil");
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A provider that asks the node every time (no caching, no network guessing) and polls quickly. */
export function localProvider(url: string, chainId: number): JsonRpcProvider {
  return new JsonRpcProvider(url, chainId, { staticNetwork: true, cacheTimeout: -1, pollingInterval: 100 });
}

/** Starts anvil (from the npm package) with `chainId` on a free loopback port and waits until it answers. */
export async function startAnvil(
  name: string,
  chainId: number,
  timeoutMs = 20_000,
  extraArgs: string[] = [],
  opts: { detached?: boolean; port?: number } = {},
): Promise<LocalNode> {
  hookExit();
  const port = opts.port ?? (await freePort());
  const child = spawn(
    anvilBinary(),
    [
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      "--chain-id",
      String(chainId),
      "--hardfork",
      "cancun",
      "--silent",
      ...extraArgs,
    ],
    // A node that may outlive this process gets its own process group and no pipe back to it.
    { stdio: ["ignore", "ignore", opts.detached ? "ignore" : "pipe"], detached: opts.detached ?? false },
  );
  running.add(child);
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", () => running.delete(child));

  const url = `http://127.0.0.1:${port}`;
  const provider = localProvider(url, chainId);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`anvil (${name}) exited with ${child.exitCode}: ${stderr.trim()}`);
    try {
      await provider.send("eth_chainId", []);
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(`anvil (${name}) did not answer on ${url} within ${timeoutMs} ms`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    name,
    url,
    port,
    chainId,
    pid: child.pid!,
    provider,
    keep() {
      running.delete(child);
      provider.destroy();
      child.unref();
      return child.pid!;
    },
    async stop() {
      provider.destroy();
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
    },
  };
}
