// `npm run relayer -- relayer.json [--once]`: relays bundles between the chains the config names.
// `npm run relayer -- --help` prints the config format.
import fs from "fs";
import { readRelayerConfig, RELAYED_CONTRACTS, type RelayDeployment } from "./relayer-config";

const USAGE = `usage: npm run relayer -- <config.json> [--once]

Carries interop bundles between chains, exactly once: reads BundleSent on every chain in bounded spans, posts each
bundle's hash on the destination's RelayedRootVerifier and executes it there. What is pending comes from the
chains (sent, not executed, not cancelled); the state file only saves where to resume reading, and never past a
bundle that is not settled, so losing it costs a rescan, never a bundle. Each chain is read and delivered to by
loops of its own: a chain that is down, slow or reset delays only its own routes.

  --once   deliver everything pending, then exit (0: nothing left; 2: bundles that cannot execute yet; 1: a chain
           could not be used)
  Ctrl-C   stops after the step in progress

config.json (deploy each chain first, naming the second deployment with DEPLOYMENT_NAME):
  {
    "chains": [
      { "name": "A", "rpc": "http://127.0.0.1:8545", "deployment": "deployments/anvil.json", "signerIndex": 2 },
      { "name": "B", "rpc": "http://127.0.0.1:8546", "deployment": "deployments/anvil-b.json", "signerIndex": 2 }
    ],
    "stateFile": "relayer-state.json",
    "intervalMs": 500,       how often each loop looks for work when idle
    "maxSpan": 10000,        the largest eth_getLogs block span
    "batchSize": 100,        bundles one destination step sends back to back
    "summaryMs": 60000,      a summary line (pending per route, oldest age) this often
    "metricsPort": 9469,     Prometheus metrics on http://127.0.0.1:<port>/metrics (0: off)
    "retryBaseMs": 2000,     a bundle that cannot execute is retried after this, doubled each time,
    "retryMaxMs": 300000,    up to this
    "deliverTo": ["B"]       only these chains' routes (default: all): one process per destination
  }

signerIndex: the node account that holds RELAYER_ROLE (the deploy gives it to account 2 on local networks).
RELAYER_PRIVATE_KEY, when set, signs on every chain instead. RPC_TIMEOUT_MS (20000) bounds each request.`;

function parseArgs(argv: string[]): { file?: string; once: boolean; help: boolean; problem?: string } {
  let file: string | undefined;
  let once = false;
  for (const arg of argv) {
    if (arg === "--help" || arg === "-h") return { once, help: true };
    if (arg === "--once") once = true;
    else if (arg.startsWith("-")) return { once, help: false, problem: `unknown option ${arg} (--help lists them)` };
    else if (file) return { once, help: false, problem: `one config file, not "${file}" and "${arg}"` };
    else file = arg;
  }
  return { file, once, help: false };
}

/** RELAYER_FAULT=<point>[:<n>]: the process kills itself (SIGKILL) the n-th time it reaches the point. */
function faultHook(points: readonly string[]): ((point: string) => void) | string | undefined {
  const spec = process.env.RELAYER_FAULT;
  if (!spec) return undefined;
  const [point, count = "1"] = spec.split(":");
  if (!points.includes(point) || !/^[1-9]\d*$/.test(count)) {
    return `RELAYER_FAULT must be <point>[:<n>] with a point among ${points.join(", ")}, not "${spec}"`;
  }
  let left = Number(count);
  return (reached: string) => {
    if (reached !== point || --left > 0) return;
    fs.writeSync(2, `relayer: RELAYER_FAULT ${spec}: killing this process at ${point}\n`);
    process.kill(process.pid, "SIGKILL");
  };
}

function say(line: string) {
  console.log(`${new Date().toISOString().replace(/\.\d+Z$/, "Z")} ${line}`);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.problem || !args.file) {
    console.error(`relayer: ${args.problem ?? "name a config file (--help shows the format)"}`);
    return 1;
  }
  const read = readRelayerConfig(args.file);
  if (!("config" in read)) {
    for (const problem of read.problems) console.error(`relayer: ${problem}`);
    return 1;
  }
  const { config, deployments } = read;
  const { FAULT_POINTS } = await import("./relayer");
  const hook = faultHook(FAULT_POINTS);
  if (typeof hook === "string") {
    console.error(`relayer: ${hook}`);
    return 1;
  }
  // The heavy imports come after the arguments are checked, so help and mistakes answer at once.
  const { FetchRequest, JsonRpcProvider, Wallet, Contract, id } = await import("ethers");
  const { Relayer, ChainDownError } = await import("./relayer");
  const { PrometheusRelayerMetrics } = await import("./relayer-metrics");
  const timeoutMs = Number(process.env.RPC_TIMEOUT_MS ?? 20_000);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    console.error(
      `relayer: RPC_TIMEOUT_MS must be a whole number of milliseconds > 0, not "${process.env.RPC_TIMEOUT_MS}"`,
    );
    return 1;
  }
  const key = process.env.RELAYER_PRIVATE_KEY;
  const chains = config.chains.map((c, i) => {
    const deployment: RelayDeployment = deployments[i];
    const request = new FetchRequest(c.rpc);
    request.timeout = timeoutMs;
    const provider = new JsonRpcProvider(request, deployment.chainId, {
      staticNetwork: true,
      cacheTimeout: -1,
      pollingInterval: 100,
    });
    const address = (name: (typeof RELAYED_CONTRACTS)[number]) => deployment.contracts[name].address;
    const signerIndex = c.signerIndex ?? 2;
    const signer = key ? new Wallet(key, provider) : undefined;
    return {
      name: c.name,
      deployment,
      provider,
      chainId: BigInt(deployment.chainId),
      signer: signer ?? (() => provider.getSigner(signerIndex)),
      center: address("InteropCenter"),
      handler: address("InteropHandler"),
      verifier: address("RelayedRootVerifier"),
      fromBlock: deployment.startBlock,
      where: `chain ${c.name} (${c.rpc}, ${c.deployment})`,
    };
  });

  /** The node answers as the chain of its deployment file, holds its contracts, and the signer may relay. */
  const verify = async (c: (typeof chains)[number]) => {
    const answered = BigInt(await c.provider.send("eth_chainId", []));
    if (answered !== c.chainId) {
      throw new ChainDownError(
        `${c.where}: the node is chain ${answered}, the deployment file is for chain ${c.chainId}`,
      );
    }
    for (const name of RELAYED_CONTRACTS) {
      const address = c.deployment.contracts[name].address;
      if ((await c.provider.getCode(address)) === "0x") {
        throw new ChainDownError(
          `${c.where}: no ${name} at ${address}: the deployment file does not match this chain (was the node reset?)`,
        );
      }
    }
    const signer = typeof c.signer === "function" ? await c.signer() : c.signer;
    const me = await signer.getAddress();
    const verifier = new Contract(c.verifier, ["function hasRole(bytes32,address) view returns (bool)"], c.provider);
    if (!(await verifier.hasRole(id("RELAYER_ROLE"), me))) {
      throw new ChainDownError(
        `${c.where}: the signer ${me} lacks RELAYER_ROLE on the RelayedRootVerifier ${c.verifier}` +
          (key
            ? " (RELAYER_PRIVATE_KEY)"
            : ` (signerIndex ${config.chains.find((x) => x.name === c.name)?.signerIndex ?? 2})`),
      );
    }
  };

  // Before anything is sent: a node that answers must match its deployment; one that does not answer is waited for.
  const checks = await Promise.all(
    chains.map((c) =>
      verify(c).then(
        () => undefined,
        (error: unknown) => ({ c, error }),
      ),
    ),
  );
  let fatal = false;
  for (const failed of checks) {
    if (!failed) continue;
    if (failed.error instanceof ChainDownError) {
      console.error(`relayer: ${failed.error.message}`);
      fatal = true;
    } else {
      const reason = (failed.error as Error).message?.split("\n")[0] ?? String(failed.error);
      say(`relayer: ${failed.c.where} does not answer (${reason}); its routes wait until it does`);
    }
  }
  if (fatal) {
    for (const c of chains) c.provider.destroy();
    return 1;
  }
  const unverified = new Set(checks.filter(Boolean).map((f) => f!.c.name));

  let metrics: InstanceType<typeof PrometheusRelayerMetrics> | undefined;
  if (config.metricsPort !== 0 && !args.once) {
    metrics = new PrometheusRelayerMetrics();
    try {
      await metrics.listen(config.metricsPort);
    } catch (error) {
      console.error(`relayer: cannot serve metrics on 127.0.0.1:${config.metricsPort}: ${(error as Error).message}`);
      for (const c of chains) c.provider.destroy();
      return 1;
    }
    say(`relayer: metrics on http://127.0.0.1:${config.metricsPort}/metrics`);
  }

  const relayer = new Relayer(
    await Promise.all(
      chains.map(async (c) => ({
        name: c.name,
        chainId: c.chainId,
        provider: c.provider,
        signer: c.signer,
        center: c.center,
        handler: c.handler,
        verifier: c.verifier,
        fromBlock: c.fromBlock,
        // A chain that did not answer at start is checked like the others when it first does.
        verify: unverified.has(c.name) ? () => verify(c) : undefined,
      })),
    ),
    {
      log: (line) => say(`relayer: ${line}`),
      stateFile: config.stateFile,
      maxSpan: config.maxSpan,
      batchSize: config.batchSize,
      retryBaseMs: config.retryBaseMs,
      retryMaxMs: config.retryMaxMs,
      atPoint: hook,
      metrics,
      deliverTo: config.deliverTo,
    },
  );
  const stop = new AbortController();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stop.signal.aborted) process.exit(130);
      say(`relayer: ${signal}: stopping after the step in progress (again to stop at once)`);
      stop.abort();
    });
  }
  let code = 0;
  if (args.once) {
    say(`relayer: ${relayer.watching()}`);
    let failedChain = false;
    for (let pass = 0; pass < 1_000 && !stop.signal.aborted; pass++) {
      let executed = 0;
      try {
        executed = await relayer.relayOnce();
        failedChain = false;
      } catch (error) {
        failedChain = true;
        say(`relayer: ${(error as Error).message?.split("\n")[0]}`);
      }
      if (executed === 0) break;
    }
    say(`relayer: ${relayer.summary()}`);
    code = failedChain ? 1 : relayer.pendingCount ? 2 : 0;
  } else {
    await relayer.run(stop.signal, config.intervalMs, config.summaryMs);
  }
  await metrics?.close();
  for (const c of chains) c.provider.destroy();
  return code;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`relayer: ${(error as Error).message?.split("\n")[0] ?? String(error)}`);
    process.exitCode = 1;
  },
);
