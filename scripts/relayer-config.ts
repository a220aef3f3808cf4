// The relayer's config file: read, checked without a node (every mistake named, one line each), then checked
// against each node (chain id, the deployment's contracts, the signer's RELAYER_ROLE) before anything is sent.
import fs from "fs";
import path from "path";

export interface ChainConfig {
  name: string;
  rpc: string;
  deployment: string;
  signerIndex?: number;
}

export interface RelayerConfig {
  chains: ChainConfig[];
  stateFile?: string;
  intervalMs: number;
  maxSpan: number;
  batchSize: number;
  summaryMs: number;
  metricsPort: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** The chains this process delivers to (names); all when absent. */
  deliverTo?: string[];
}

/** A deployment file as far as the relayer reads it. */
export interface RelayDeployment {
  chainId: number;
  startBlock: number;
  contracts: Record<string, { address: string }>;
}

export const RELAYED_CONTRACTS = ["InteropCenter", "InteropHandler", "RelayedRootVerifier"] as const;

const DEFAULTS = {
  intervalMs: 500,
  maxSpan: 10_000,
  batchSize: 100,
  summaryMs: 60_000,
  metricsPort: 9469,
  retryBaseMs: 2_000,
  retryMaxMs: 300_000,
};
/** Each number setting with its smallest and largest allowed value. */
const BOUNDS: Record<keyof typeof DEFAULTS, [number, number]> = {
  intervalMs: [1, 3_600_000],
  maxSpan: [1, 1_000_000],
  batchSize: [1, 1_000],
  summaryMs: [1_000, 86_400_000],
  metricsPort: [0, 65_535],
  retryBaseMs: [1, 3_600_000],
  retryMaxMs: [1, 86_400_000],
};
const CHAIN_KEYS = ["name", "rpc", "deployment", "signerIndex"];

/** Reads and checks `file`; returns the config and the deployments, or every mistake found, one line each. */
export function readRelayerConfig(
  file: string,
): { config: RelayerConfig; deployments: RelayDeployment[]; problems: [] } | { problems: string[] } {
  if (!fs.existsSync(file)) return { problems: [`no config file at ${file} (--help shows the format)`] };
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    return { problems: [`${file} is not valid JSON: ${(error as Error).message}`] };
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return { problems: [`${file}: must be a JSON object`] };
  const problems: string[] = [];
  for (const key of Object.keys(raw)) {
    if (key !== "chains" && key !== "stateFile" && key !== "deliverTo" && !(key in DEFAULTS)) {
      problems.push(
        `${file}: unknown setting "${key}" (known: chains, stateFile, deliverTo, ${Object.keys(DEFAULTS).join(", ")})`,
      );
    }
  }
  const numbers = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) {
    if (!(key in raw)) continue;
    const value = raw[key];
    const [min, max] = BOUNDS[key];
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      problems.push(`${file}: "${key}" must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`);
    } else numbers[key] = value;
  }
  if (numbers.retryMaxMs < numbers.retryBaseMs) {
    problems.push(`${file}: "retryMaxMs" (${numbers.retryMaxMs}) is below "retryBaseMs" (${numbers.retryBaseMs})`);
  }
  let stateFile: string | undefined;
  if ("stateFile" in raw) {
    if (typeof raw.stateFile !== "string" || raw.stateFile === "") {
      problems.push(`${file}: "stateFile" must be a file path`);
    } else {
      stateFile = raw.stateFile;
      const dir = path.dirname(path.resolve(stateFile));
      if (!fs.existsSync(dir)) problems.push(`${file}: "stateFile": no folder ${dir} (create it first)`);
      else {
        try {
          fs.accessSync(dir, fs.constants.W_OK);
        } catch {
          problems.push(`${file}: "stateFile": the folder ${dir} is not writable`);
        }
        if (fs.existsSync(stateFile) && fs.statSync(stateFile).isDirectory()) {
          problems.push(`${file}: "stateFile": ${stateFile} is a folder, not a file`);
        }
      }
    }
  }
  const chains = raw.chains;
  const deployments: RelayDeployment[] = [];
  if (!Array.isArray(chains) || chains.length < 2) {
    problems.push(`${file}: "chains" must list at least two chains`);
  } else {
    const names = new Map<string, number>();
    const files = new Map<string, number>();
    const ids = new Map<number, string>();
    for (const [i, c] of (chains as Record<string, unknown>[]).entries()) {
      const where = `${file}: chains[${i}]`;
      if (!c || typeof c !== "object") {
        problems.push(`${where} must be an object`);
        continue;
      }
      for (const key of Object.keys(c)) {
        if (!CHAIN_KEYS.includes(key))
          problems.push(`${where}: unknown key "${key}" (known: ${CHAIN_KEYS.join(", ")})`);
      }
      const missing = ["name", "rpc", "deployment"].filter((k) => typeof c[k] !== "string" || c[k] === "");
      if (missing.length) {
        problems.push(`${where} needs ${missing.map((k) => `"${k}"`).join(", ")} (text)`);
        continue;
      }
      const { name, rpc, deployment } = c as unknown as ChainConfig;
      if ("signerIndex" in c && !(Number.isInteger(c.signerIndex) && (c.signerIndex as number) >= 0)) {
        problems.push(`${where}: "signerIndex" must be a whole number ≥ 0, not ${JSON.stringify(c.signerIndex)}`);
      }
      try {
        const url = new URL(rpc);
        if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http");
      } catch {
        problems.push(`${where}: "rpc" must be an http(s) URL, not ${JSON.stringify(rpc)}`);
      }
      if (names.has(name))
        problems.push(`${file}: chains[${names.get(name)}] and chains[${i}] are both named "${name}"`);
      names.set(name, i);
      if (files.has(deployment)) {
        problems.push(
          `${file}: chains[${files.get(deployment)}] and chains[${i}] use the same deployment file ${deployment}; ` +
            "deploy the second chain with DEPLOYMENT_NAME=<name> to record it as deployments/<name>.json",
        );
        continue;
      }
      files.set(deployment, i);
      if (!fs.existsSync(deployment)) {
        problems.push(`${where}: no deployment file at ${deployment}`);
        continue;
      }
      let record: RelayDeployment;
      try {
        record = JSON.parse(fs.readFileSync(deployment, "utf8"));
      } catch (error) {
        problems.push(`${where}: ${deployment} is not valid JSON: ${(error as Error).message}`);
        continue;
      }
      const lacking = RELAYED_CONTRACTS.filter((n) => !record?.contracts?.[n]?.address);
      if (!Number.isInteger(record?.chainId) || lacking.length) {
        problems.push(
          `${where}: ${deployment} is not a deployment of the interop contracts` +
            (lacking.length ? ` (no ${lacking.join(", ")})` : " (no chainId)"),
        );
        continue;
      }
      if (ids.has(record.chainId)) {
        problems.push(`${file}: chains "${ids.get(record.chainId)}" and "${name}" are both chain ${record.chainId}`);
      }
      ids.set(record.chainId, name);
      deployments.push(record);
    }
  }
  let deliverTo: string[] | undefined;
  if ("deliverTo" in raw) {
    const names = Array.isArray(chains) ? (chains as { name?: unknown }[]).map((c) => c?.name) : [];
    const list = raw.deliverTo;
    if (!Array.isArray(list) || list.length === 0 || list.some((n) => typeof n !== "string")) {
      problems.push(`${file}: "deliverTo" must list chain names, e.g. ["B"]`);
    } else {
      for (const n of list)
        if (!names.includes(n)) problems.push(`${file}: "deliverTo" names "${n}", which no chain is`);
      deliverTo = list as string[];
    }
  }
  if (problems.length) return { problems };
  return {
    config: { chains: chains as ChainConfig[], stateFile, deliverTo, ...numbers },
    deployments,
    problems: [],
  };
}
