// `npm run relayer -- relayer.json`: relays bundles between the chains the config names until Ctrl-C.
// `npm run relayer -- --help` prints the config format.
import fs from "fs";

const USAGE = `usage: npm run relayer -- <config.json>

Carries interop bundles between local chains until Ctrl-C: watches BundleSent on every chain, posts each
bundle's hash on the destination's RelayedRootVerifier and executes it there. Restart-safe: nothing runs twice.

config.json, for two chains (deploy each first, naming the second deployment with DEPLOYMENT_NAME):
  {
    "chains": [
      { "name": "A", "rpc": "http://127.0.0.1:8545", "deployment": "deployments/anvil.json", "signerIndex": 2 },
      { "name": "B", "rpc": "http://127.0.0.1:8546", "deployment": "deployments/anvil-b.json", "signerIndex": 2 }
    ],
    "stateFile": "relayer-state.json",
    "intervalMs": 500
  }

signerIndex: the node account that holds RELAYER_ROLE (the deploy gives it to account 2 on local networks).
RELAYER_PRIVATE_KEY, when set, signs on every chain instead.`;

interface Config {
  chains: { name: string; rpc: string; deployment: string; signerIndex?: number }[];
  stateFile?: string;
  intervalMs?: number;
}

function fail(message: string): never {
  throw new Error(message);
}

function readConfig(file: string): Config {
  if (!fs.existsSync(file)) fail(`no config file at ${file}\n${USAGE}`);
  let config: Config;
  try {
    config = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    fail(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(config.chains) || config.chains.length < 2)
    fail(`${file}: "chains" must list at least two chains`);
  const names = new Set<string>();
  const deployments = new Set<string>();
  for (const [i, c] of config.chains.entries()) {
    if (!c.name || !c.rpc || !c.deployment) fail(`${file}: chains[${i}] needs "name", "rpc" and "deployment"`);
    if (names.has(c.name)) fail(`${file}: two chains are named "${c.name}"`);
    if (deployments.has(c.deployment)) {
      fail(
        `${file}: chains "${c.name}" and another use the same deployment file ${c.deployment}; deploy the second ` +
          "chain with DEPLOYMENT_NAME=<name> npm run deploy -- --network anvil to record it as deployments/<name>.json",
      );
    }
    if (!fs.existsSync(c.deployment)) fail(`${file}: chains[${i}]: no deployment file at ${c.deployment}`);
    names.add(c.name);
    deployments.add(c.deployment);
  }
  return config;
}

async function main() {
  const file = process.argv[2];
  if (!file || file === "--help" || file === "-h") {
    console.log(USAGE);
    if (!file) process.exitCode = 1;
    return;
  }
  const config = readConfig(file);
  // The heavy imports come after the arguments are checked, so help and mistakes answer at once.
  const { Wallet } = await import("ethers");
  const { localProvider } = await import("./nodes");
  const { Relayer } = await import("./relayer");
  const chains: import("./relayer").RelayChain[] = [];
  const seen = new Map<number, string>();
  for (const c of config.chains) {
    const deployment = JSON.parse(fs.readFileSync(c.deployment, "utf8")) as import("../deploy/recorder").DeploymentFile;
    if (seen.has(deployment.chainId)) {
      fail(`chains "${seen.get(deployment.chainId)}" and "${c.name}" are both chain ${deployment.chainId}`);
    }
    seen.set(deployment.chainId, c.name);
    const provider = localProvider(c.rpc, deployment.chainId);
    const key = process.env.RELAYER_PRIVATE_KEY;
    const signer = key ? new Wallet(key, provider) : await provider.getSigner(c.signerIndex ?? 2);
    const need = (name: string) => {
      const record = deployment.contracts[name];
      if (!record) fail(`${c.deployment} has no ${name}`);
      return record.address;
    };
    chains.push({
      name: c.name,
      chainId: BigInt(deployment.chainId),
      provider,
      signer,
      center: need("InteropCenter"),
      handler: need("InteropHandler"),
      verifier: need("RelayedRootVerifier"),
      fromBlock: deployment.startBlock,
    });
  }
  const relayer = new Relayer(chains, { stateFile: config.stateFile });
  const stop = new AbortController();
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => stop.abort());
  await relayer.run(stop.signal, config.intervalMs ?? 500);
  for (const c of chains) (c.provider as { destroy(): void }).destroy();
}

main().catch((error) => {
  console.error(`relayer: ${(error as Error).message}`);
  process.exitCode = 1;
});
