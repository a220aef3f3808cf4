import { AbiCoder, Interface, concat, getAddress, toBeHex, type BytesLike } from "ethers";

/** ERC-7930 (version 1) binary address of an EVM account, or of a chain when `account` is omitted. */
export function erc7930(chainId: bigint | number | undefined, account?: string): string {
  const ref = chainId === undefined ? "0x" : toBeHex(BigInt(chainId));
  const refBytes = (ref.length - 2) / 2;
  const addr = account ? getAddress(account) : "0x";
  const addrBytes = account ? 20 : 0;
  return concat(["0x00010000", toBeHex(refBytes, 1), ref, toBeHex(addrBytes, 1), addr]);
}

const attributes = new Interface([
  "function useFixedFee(bool payInZk)",
  "function executionAddress(bytes executor)",
  "function unbundlerAddress(bytes unbundler)",
]);

/** The V31-style attributes, ABI-encoded as selector calls. */
export const attr = {
  useFixedFee: (payInZk: boolean) => attributes.encodeFunctionData("useFixedFee", [payInZk]),
  executionAddress: (executor: BytesLike) => attributes.encodeFunctionData("executionAddress", [executor]),
  unbundlerAddress: (unbundler: BytesLike) => attributes.encodeFunctionData("unbundlerAddress", [unbundler]),
};

export const BUNDLE_TYPE =
  "tuple(uint256 sourceChainId, uint256 destinationChainId, address sender, uint256 nonce, bool paidInZk, address executor, address unbundler, tuple(address to, bytes data)[] calls)";

export interface Bundle {
  sourceChainId: bigint;
  destinationChainId: bigint;
  sender: string;
  nonce: bigint;
  paidInZk: boolean;
  executor: string;
  unbundler: string;
  calls: { to: string; data: string }[];
}

export function decodeBundle(bundle: BytesLike): Bundle {
  const [b] = AbiCoder.defaultAbiCoder().decode([BUNDLE_TYPE], bundle);
  return {
    sourceChainId: b.sourceChainId,
    destinationChainId: b.destinationChainId,
    sender: b.sender,
    nonce: b.nonce,
    paidInZk: b.paidInZk,
    executor: b.executor,
    unbundler: b.unbundler,
    calls: b.calls.map((c: { to: string; data: string }) => ({ to: c.to, data: c.data })),
  };
}

export function encodeBundle(bundle: Bundle): string {
  return AbiCoder.defaultAbiCoder().encode([BUNDLE_TYPE], [bundle]);
}

/** The CrossChainCounter payload: add `increment`, then pass it on to `next` (ERC-7930) if given. */
export function counterPayload(increment: bigint | number, next: BytesLike = "0x"): string {
  return AbiCoder.defaultAbiCoder().encode(["uint256", "bytes"], [increment, next]);
}
