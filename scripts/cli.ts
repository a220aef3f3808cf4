import type { HardhatRuntimeEnvironment } from "hardhat/types";

/** A mistake in what the user typed or configured: printed as one line naming the problem, with exit code 1. */
export class UserError extends Error {
  /** A request is still hanging (a node that never answers): the process must end without waiting for it. */
  hanging = false;
  /** The process's exit code (1 unless said otherwise). */
  exitCode = 1;
}

/** Exit code of a keeper that lost a claim to someone faster (or to a price change): normal, nothing was paid. */
export const LOST_RACE_EXIT_CODE = 3;

/** A claim another searcher won first, or that a price change made stale: one line, exit code 3. */
export class LostRace extends UserError {
  exitCode = LOST_RACE_EXIT_CODE;
}

/** Which setting names each network's RPC endpoint, so an unreachable one can be named. */
const RPC_SETTINGS: Record<string, string> = {
  localhost: "LOCALHOST_RPC_URL",
  anvil: "ANVIL_PORT",
  zkSyncSepolia: "ZKSYNC_SEPOLIA_RPC_URL",
  zkSyncMainnet: "ZKSYNC_MAINNET_RPC_URL",
  zkSyncLocal: "ZKSYNC_LOCAL_RPC_URL",
};

/**
 * Fails in one line when the network's node does not answer: refused, unknown host, or no answer within
 * `RPC_TIMEOUT_MS` (20 s by default) from a node that accepts connections and never replies.
 */
export async function ensureReachable(hre: HardhatRuntimeEnvironment): Promise<void> {
  if (hre.network.name === "hardhat") return;
  const url = (hre.network.config as { url?: string }).url ?? "?";
  const setting = RPC_SETTINGS[hre.network.name];
  const where = setting ? `${setting}=${process.env[setting] ?? "(unset)"} (${url})` : url;
  const timeoutMs = Number(process.env.RPC_TIMEOUT_MS ?? 20_000);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new UserError(`no answer within ${timeoutMs / 1000} s`);
      error.hanging = true;
      reject(error);
    }, timeoutMs);
  });
  try {
    await Promise.race([hre.network.provider.request({ method: "eth_chainId" }), timeout]);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    const failure = new UserError(`cannot reach network ${hre.network.name} at ${where}: ${reason}`);
    failure.hanging = error instanceof UserError && error.hanging;
    throw failure;
  } finally {
    clearTimeout(timer);
  }
}

/** Wraps a task's action: a UserError becomes one line on stderr and exit code 1; anything else is a bug. */
export function cliAction<A>(
  action: (args: A, hre: HardhatRuntimeEnvironment) => Promise<void>,
  opts: { checkNode?: boolean } = {},
) {
  return async (args: A, hre: HardhatRuntimeEnvironment) => {
    try {
      if (opts.checkNode ?? true) await ensureReachable(hre);
      await action(args, hre);
    } catch (caught) {
      let error = caught;
      if (!(error instanceof UserError)) {
        // A contract refused: name its custom error (from every compiled contract's ABI), in one line.
        const { revertData } = await import("../lib/revert");
        if (!revertData(error)) throw error;
        const { describeRevert } = await import("./zip/errors");
        error = new UserError(`a transaction would revert: ${await describeRevert(hre, error)}`);
      }
      if (!(error instanceof UserError)) throw error;
      console.error(`${error instanceof LostRace ? "lost" : "error"}: ${error.message}`);
      process.exitCode = error.exitCode;
      // stderr to a pipe or a terminal is written synchronously: nothing is lost by ending now.
      if (error.hanging) process.exit(error.exitCode);
    }
  };
}
