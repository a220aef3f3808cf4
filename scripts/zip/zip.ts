import fs from "fs";
import path from "path";
import { AbiCoder, Interface, ethers, keccak256, toUtf8Bytes } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeploymentFile } from "../../deploy/recorder";
import { UserError } from "../cli";

/** One call the timelock makes when the proposal executes. */
export interface ZipAction {
  /** A contract name as it appears in deployments/<network>.json. */
  contract: string;
  /** A function name, or a full signature when the name is overloaded. */
  function: string;
  /** Arguments; "@Name" is a deployed contract's address, "12.5 ZK" is 12.5e18, "0.00002 ETH" the native token. */
  args: unknown[];
  /** Native value sent with the call: "0.1 ETH", "7 wei", or a decimal string of wei (default 0). */
  value?: string;
}

/** A ZIP file in proposals/. */
export interface Zip {
  title: string;
  type?: string;
  summary: string;
  /** Why: the problem the proposal solves (optional). */
  motivation?: string;
  author: string;
  sponsor: string;
  version: string;
  date?: string;
  links?: string[];
  actions: ZipAction[];
}

export interface BuiltZip {
  zip: Zip;
  network: string;
  governor: string;
  targets: string[];
  values: bigint[];
  calldatas: string[];
  description: string;
  descriptionHash: string;
  proposalId: bigint;
  /** One line per action, as the description's Summary of Action shows it. */
  actionLines: string[];
}

/** A problem with a ZIP or with what a ZIP task was asked to do. */
export class ZipError extends UserError {}

const REQUIRED_STRINGS = ["title", "summary", "author", "sponsor", "version"] as const;

/** Checks a parsed ZIP against the schema; throws a ZipError naming every problem. */
export function validateZip(value: unknown, source = "ZIP"): Zip {
  const problems: string[] = [];
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ZipError(`${source}: must be a JSON object`);
  }
  const zip = value as Record<string, unknown>;
  for (const key of REQUIRED_STRINGS) {
    if (typeof zip[key] !== "string" || (zip[key] as string).trim() === "")
      problems.push(`"${key}" must be a non-empty string`);
  }
  for (const key of ["type", "date", "motivation"]) {
    if (zip[key] !== undefined && typeof zip[key] !== "string") problems.push(`"${key}" must be a string`);
  }
  if (zip.version !== undefined && typeof zip.version === "string" && !/^\d+(\.\d+)*$/.test(zip.version)) {
    problems.push(`"version" must look like 1 or 1.0`);
  }
  if (zip.links !== undefined && (!Array.isArray(zip.links) || zip.links.some((l) => typeof l !== "string"))) {
    problems.push(`"links" must be an array of strings`);
  }
  if (!Array.isArray(zip.actions) || zip.actions.length === 0) {
    problems.push(`"actions" must be a non-empty array`);
  } else {
    zip.actions.forEach((a, i) => {
      const action = a as Record<string, unknown>;
      if (typeof action !== "object" || action === null) return problems.push(`actions[${i}] must be an object`);
      if (typeof action.contract !== "string" || !action.contract)
        problems.push(`actions[${i}].contract must be a string`);
      if (typeof action.function !== "string" || !action.function)
        problems.push(`actions[${i}].function must be a string`);
      if (!Array.isArray(action.args)) problems.push(`actions[${i}].args must be an array`);
      if (
        action.value !== undefined &&
        !(typeof action.value === "string" && /^(\d+|\d+(\.\d+)?\s*ETH|\d+\s*wei)$/i.test(action.value.trim()))
      ) {
        problems.push(`actions[${i}].value must be native token: "0.1 ETH", "7 wei" or a decimal string of wei`);
      }
      const known = new Set(["contract", "function", "args", "value"]);
      for (const key of Object.keys(action))
        if (!known.has(key)) problems.push(`actions[${i}] has unknown key "${key}"`);
    });
  }
  const known = new Set([...REQUIRED_STRINGS, "type", "date", "motivation", "links", "actions", "$schema"]);
  for (const key of Object.keys(zip)) if (!known.has(key)) problems.push(`unknown key "${key}"`);
  if (problems.length) throw new ZipError(`${source} is not a valid ZIP:\n  - ${problems.join("\n  - ")}`);
  return zip as unknown as Zip;
}

export function loadZip(file: string): Zip {
  if (!fs.existsSync(file)) throw new ZipError(`no ZIP file at ${file}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new ZipError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  return validateZip(parsed, path.basename(file));
}

/** "12 ZK", "12.5 ZK" or "7 wei" as base units; a ZipError naming the problem for anything close to it. */
export function parseAmount(text: string): bigint | undefined {
  const m = text.trim().match(/^(-?)(\d+(?:\.\d+)?)\s*(ZK|ETH|wei)$/i);
  if (!m) {
    if (/^-?\d+(\.\d+)?$/.test(text.trim())) {
      throw new ZipError(
        `"${text}" has no unit: write "${text.trim()} ZK", "${text.trim()} ETH" (the native token) or "${text.trim()} wei"`,
      );
    }
    return undefined;
  }
  const [, sign, number, unit] = m;
  if (sign) throw new ZipError(`"${text}" is negative: amounts are 0 or more`);
  if (unit.toLowerCase() === "wei") {
    if (number.includes(".")) throw new ZipError(`"${text}": wei has no fractions`);
    return BigInt(number);
  }
  const decimals = number.split(".")[1] ?? "";
  if (decimals.length > 18) {
    throw new ZipError(
      `"${text}" has more than 18 decimals: the smallest amount is "1 wei" (0.000000000000000001 ${unit.toUpperCase()})`,
    );
  }
  return ethers.parseEther(number);
}

function resolveArg(arg: unknown, deployment: DeploymentFile): unknown {
  if (typeof arg === "string") {
    if (arg.startsWith("@")) {
      const record = deployment.contracts[arg.slice(1)];
      if (!record) {
        throw new ZipError(`"${arg}" is not in the deployment; known: ${Object.keys(deployment.contracts).join(", ")}`);
      }
      return record.address;
    }
    return parseAmount(arg) ?? arg;
  }
  if (Array.isArray(arg)) return arg.map((a) => resolveArg(a, deployment));
  if (arg && typeof arg === "object") {
    return Object.fromEntries(Object.entries(arg).map(([k, v]) => [k, resolveArg(v, deployment)]));
  }
  return arg;
}

/** An argument as the ZIP wrote it, for people: amounts keep their unit, contracts their name and address. */
function display(arg: unknown, deployment: DeploymentFile): string {
  if (typeof arg === "string") {
    if (arg.startsWith("@")) return `${arg.slice(1)} (${deployment.contracts[arg.slice(1)]?.address})`;
    if (/^\d+(\.\d+)?\s*(ZK|ETH|wei)$/i.test(arg.trim())) return arg.trim();
    return JSON.stringify(arg);
  }
  if (Array.isArray(arg)) return `[${arg.map((a) => display(a, deployment)).join(", ")}]`;
  if (arg && typeof arg === "object") {
    return `{ ${Object.entries(arg)
      .map(([k, v]) => `${k}: ${display(v, deployment)}`)
      .join(", ")} }`;
  }
  return String(arg);
}

/** Renders the description in ZK Nation's template; optional sections appear only when the ZIP gives them. */
export function renderDescription(zip: Zip, actionLines: string[]): string {
  const section = (heading: string, body: string | string[] | undefined) => {
    const lines = Array.isArray(body) ? body : body?.trim() ? [body.trim()] : [];
    return lines.length ? [`## ${heading}`, ...lines, ""] : [];
  };
  return [
    `# ${zip.title}`,
    "",
    ...section("Proposal Type", zip.type ?? "ZIP"),
    ...section("Summary", zip.summary),
    ...section("Motivation", zip.motivation),
    ...section(
      "Specification",
      actionLines.map((line, i) => `${i + 1}. ${line}`),
    ),
    ...section("Author", zip.author),
    ...section("Sponsor", zip.sponsor),
    ...section("Date", zip.date),
    ...section("Version", zip.version),
    ...section(
      "Links",
      (zip.links ?? []).map((l) => `- ${l}`),
    ),
  ].join("\n");
}

/** The ABI a deployment record names (an artifact of this project: a contract or one of its interfaces). */
export async function interfaceOf(hre: HardhatRuntimeEnvironment, name: string, artifact: string): Promise<Interface> {
  try {
    return new Interface((await hre.artifacts.readArtifact(artifact)).abi);
  } catch {
    throw new ZipError(
      `${name} is recorded with interface "${artifact}", which this project does not have; use one of its ` +
        "contracts or interfaces (e.g. ZkTokenGovernor, IZkNationGovernor, ZkTimelock, ITimelockControllerV4)",
    );
  }
}

/** Resolves names to addresses, ABI-encodes every action and computes the proposal id. */
export async function buildZip(
  hre: HardhatRuntimeEnvironment,
  zip: Zip,
  deployment: DeploymentFile,
): Promise<BuiltZip> {
  const governor = deployment.contracts.ZkTokenGovernor?.address;
  if (!governor) throw new ZipError(`the deployment for ${deployment.network} has no ZkTokenGovernor`);
  const targets: string[] = [];
  const values: bigint[] = [];
  const calldatas: string[] = [];
  const actionLines: string[] = [];
  for (const [i, action] of zip.actions.entries()) {
    const record = deployment.contracts[action.contract];
    if (!record) {
      throw new ZipError(
        `actions[${i}]: no contract "${action.contract}" in the deployment; known: ${Object.keys(deployment.contracts).join(", ")}`,
      );
    }
    const iface = await interfaceOf(hre, action.contract, record.artifact);
    const fragment = iface.getFunction(action.function);
    if (!fragment) throw new ZipError(`actions[${i}]: ${action.contract} has no function "${action.function}"`);
    const args = resolveArg(action.args, deployment) as unknown[];
    let data: string;
    try {
      data = iface.encodeFunctionData(fragment, args);
    } catch (error) {
      throw new ZipError(
        `actions[${i}]: cannot encode ${action.contract}.${fragment.format()}: ${(error as Error).message}`,
      );
    }
    targets.push(record.address);
    const value = (action.value ?? "0").trim();
    values.push(/^\d+$/.test(value) ? BigInt(value) : parseAmount(value)!);
    calldatas.push(data);
    // A native value is shown as the ZIP wrote it ("0.1 ETH"), or in ETH when given in wei.
    const sent = values.at(-1)!;
    const withValue = sent === 0n ? "" : ` with ${/^\d+$/.test(value) ? `${ethers.formatEther(sent)} ETH` : value}`;
    actionLines.push(
      `\`${action.contract}.${fragment.name}(${action.args.map((a) => display(a, deployment)).join(", ")})\`${withValue} on ${record.address}`,
    );
  }
  const description = renderDescription(zip, actionLines);
  const descriptionHash = keccak256(toUtf8Bytes(description));
  const proposalId = BigInt(
    keccak256(
      AbiCoder.defaultAbiCoder().encode(
        ["address[]", "uint256[]", "bytes[]", "bytes32"],
        [targets, values, calldatas, descriptionHash],
      ),
    ),
  );
  return {
    zip,
    network: deployment.network,
    governor,
    targets,
    values,
    calldatas,
    description,
    descriptionHash,
    proposalId,
    actionLines,
  };
}

/** What a proposer who signs with a multisig pastes into Tally or a Safe transaction: the governor's
 * `propose(targets, values, calldatas, description)` and its arguments. */
export function tallyBundle(built: BuiltZip): string {
  return JSON.stringify(
    {
      governor: built.governor,
      function: "propose(address[],uint256[],bytes[],string)",
      targets: built.targets,
      values: built.values.map(String),
      calldatas: built.calldatas,
      description: built.description,
    },
    null,
    2,
  );
}

/** The JSON a multisig or Tally can submit. */
export function builtToJson(built: BuiltZip): string {
  return JSON.stringify(
    {
      title: built.zip.title,
      network: built.network,
      governor: built.governor,
      proposalId: built.proposalId.toString(),
      targets: built.targets,
      values: built.values.map(String),
      calldatas: built.calldatas,
      description: built.description,
      descriptionHash: built.descriptionHash,
    },
    null,
    2,
  );
}
