import { Signature, type Signer } from "ethers";

/** The ERC-2612 permit domain of the ZK token ("ZKsync", version "1"). */
export interface PermitToken {
  getAddress(): Promise<string>;
  nonces(owner: string): Promise<bigint>;
}

/** Signs an ERC-2612 permit with `owner` for the ZK token; returns the fields `permit` and the auction take. */
export async function signPermit(
  owner: Signer,
  token: PermitToken,
  spender: string,
  value: bigint,
  deadline: bigint,
  nonce?: bigint,
): Promise<{ value: bigint; deadline: bigint; v: number; r: string; s: string }> {
  const ownerAddress = await owner.getAddress();
  const { chainId } = await owner.provider!.getNetwork();
  const sig = Signature.from(
    await owner.signTypedData(
      { name: "ZKsync", version: "1", chainId, verifyingContract: await token.getAddress() },
      {
        Permit: [
          { name: "owner", type: "address" },
          { name: "spender", type: "address" },
          { name: "value", type: "uint256" },
          { name: "nonce", type: "uint256" },
          { name: "deadline", type: "uint256" },
        ],
      },
      { owner: ownerAddress, spender, value, nonce: nonce ?? (await token.nonces(ownerAddress)), deadline },
    ),
  );
  return { value, deadline, v: sig.v, r: sig.r, s: sig.s };
}
