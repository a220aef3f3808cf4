// Names a revert from its data: the custom error with its arguments, role ids by name. Used by the command line
// (with every compiled contract's errors) and by the dashboard (with the deployment's ABIs). Browser-safe.
import { ZeroHash, id, type ErrorDescription, type Interface } from "ethers";

/** Finds the revert data carried by an error from ethers, Hardhat, anvil or a wallet. */
export function revertData(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const walk = (e: unknown): string | undefined => {
    if (!e || typeof e !== "object" || seen.has(e)) return undefined;
    seen.add(e);
    const o = e as Record<string, unknown>;
    if (typeof o.data === "string" && o.data.startsWith("0x") && o.data.length >= 10) return o.data;
    for (const key of ["data", "error", "info", "cause", "payload"]) {
      const found = walk(o[key]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(error);
}

/** Role ids of the suite's and OpenZeppelin's access control, by name. */
const ROLES = new Map<string, string>([
  [ZeroHash, "DEFAULT_ADMIN_ROLE"],
  ...[
    "MINTER_ROLE",
    "MINTER_ADMIN_ROLE",
    "BURNER_ROLE",
    "BURNER_ADMIN_ROLE",
    "PROPOSER_ROLE",
    "EXECUTOR_ROLE",
    "CANCELLER_ROLE",
    "TIMELOCK_ADMIN_ROLE",
    "RELAYER_ROLE",
  ].map((name) => [id(name), name] as [string, string]),
]);

/** An error argument as a person reads it: a known role id by its name. */
function argText(value: unknown): string {
  const text = String(value);
  return ROLES.get(text.toLowerCase()) ?? text;
}

/** "ContractError(arg, …)" for a revert `errors` knows, "unknown revert data 0x…" otherwise, or the message. */
export function describeRevertWith(errors: Interface, error: unknown): string {
  const data = revertData(error);
  if (data) {
    let parsed: ErrorDescription | null = null;
    try {
      parsed = errors.parseError(data);
    } catch {
      parsed = null;
    }
    if (parsed) return `${parsed.name}(${parsed.args.map(argText).join(", ")})`;
    return `unknown revert data ${data}`;
  }
  const o = error as { shortMessage?: string; message?: string };
  return (o?.shortMessage ?? o?.message ?? String(error)).split("\n")[0];
}
