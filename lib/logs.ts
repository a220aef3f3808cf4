// Reads event logs over a block range in spans no larger than a limit: public RPCs refuse eth_getLogs over about
// 10,000 blocks, and some refuse less. A refused span is halved and tried again; a refused single block is an
// error.
import type { Filter, Log, Provider } from "ethers";

/** The largest eth_getLogs span by default (the limit most public RPCs enforce). */
export const DEFAULT_MAX_SPAN = 10_000;

export interface LogReadOptions {
  /** The largest span of one eth_getLogs call, in blocks. */
  maxSpan?: number;
  /** Told when a span was refused and halved. */
  onHalve?: (refused: number, next: number) => void;
}

/** Every log matching `filter` from `fromBlock` to `toBlock` (inclusive), in block order. */
export async function readLogs(
  provider: Provider,
  filter: Omit<Filter, "fromBlock" | "toBlock">,
  fromBlock: number,
  toBlock: number,
  opts: LogReadOptions = {},
): Promise<Log[]> {
  let span = Math.max(1, opts.maxSpan ?? DEFAULT_MAX_SPAN);
  const logs: Log[] = [];
  let from = fromBlock;
  while (from <= toBlock) {
    const to = Math.min(toBlock, from + span - 1);
    try {
      logs.push(...(await provider.getLogs({ ...filter, fromBlock: from, toBlock: to })));
      from = to + 1;
    } catch (error) {
      if (to === from) throw error;
      const refused = to - from + 1;
      span = Math.max(1, Math.floor(refused / 2));
      opts.onHalve?.(refused, span);
    }
  }
  return logs;
}
