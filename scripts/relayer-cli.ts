// `npm run relayer -- relayer.json`: relays bundles between the chains the config names until Ctrl-C.
// Config: { "chains": [{ "name": "A", "rpc": "http://127.0.0.1:8545", "deployment": "deployments/anvil.json",
//           "signerIndex": 2 }], "stateFile": "relayer-state.json", "intervalMs": 500 }
// With RELAYER_PRIVATE_KEY set, that key signs on every chain instead of the node's unlocked account.
import fs from "fs";
import { Wallet } from "ethers";
import { localProvider } from "./nodes";
import { Relayer, type RelayChain } from "./relayer";
import type { DeploymentFile } from "../deploy/recorder";

interface Config {
  chains: { name: string; rpc: string; deployment: string; signerIndex?: number }[];
  stateFile?: string;
  intervalMs?: number;
}

async function main() {
  const file = process.argv[2];
  if (!file || !fs.existsSync(file))
    throw new Error("usage: npm run relayer -- <config.json> (see scripts/relayer-cli.ts)");
  const config = JSON.parse(fs.readFileSync(file, "utf8")) as Config;
  const chains: RelayChain[] = [];
  for (const c of config.chains) {
    const deployment = JSON.parse(fs.readFileSync(c.deployment, "utf8")) as DeploymentFile;
    const provider = localProvider(c.rpc, deployment.chainId);
    const key = process.env.RELAYER_PRIVATE_KEY;
    const signer = key ? new Wallet(key, provider) : await provider.getSigner(c.signerIndex ?? 2);
    const need = (name: string) => {
      const record = deployment.contracts[name];
      if (!record) throw new Error(`${c.deployment} has no ${name}`);
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
  for (const c of chains) (c.provider as ReturnType<typeof localProvider>).destroy();
}

main().catch((error) => {
  console.error(`relayer: ${(error as Error).message}`);
  process.exitCode = 1;
});
