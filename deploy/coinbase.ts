// The fee collector as the coinbase of a local node's blocks. V31's InteropCenter keeps every interop fee for the
// block's coinbase, and only that address can claim it; on a ZKsync OS chain the operator names its fee-collector
// address as the coinbase. On a local node (anvil, Hardhat) the deploy plays the operator: it makes the suite's
// collector the coinbase, so `sweep` takes the fees as it would on such a chain.
import type { Provider } from "ethers";

/** The node's RPC method that sets the coinbase, or undefined for a node that is not a local development node. */
export async function coinbaseMethod(provider: Provider): Promise<string | undefined> {
  const send = (provider as unknown as { send?: (m: string, p: unknown[]) => Promise<unknown> }).send;
  if (!send) return undefined;
  const version = String(await send.call(provider, "web3_clientVersion", []).catch(() => ""));
  if (/anvil/i.test(version)) return "anvil_setCoinbase";
  if (/hardhat/i.test(version)) return "hardhat_setCoinbase";
  return undefined;
}

/** Makes `collector` the coinbase of the local node's next blocks; returns false (doing nothing) elsewhere. */
export async function useAsCoinbase(provider: Provider, collector: string): Promise<boolean> {
  const method = await coinbaseMethod(provider);
  if (!method) return false;
  await (provider as unknown as { send: (m: string, p: unknown[]) => Promise<unknown> }).send(method, [collector]);
  return true;
}
