import fs from "fs";
import { task } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

task("interop:send", "Sends a message or a bundle from this network's InteropCenter (the relayer carries it)")
  .addParam("to", "Destination chain id")
  .addParam("recipient", "Recipient contract on the destination chain")
  .addOptionalParam("data", "Payload of each call (hex); default: a CrossChainCounter increment of 1")
  .addOptionalParam("calls", "Calls in the bundle (1 sends a plain message; at most 100)", "1")
  .addFlag("zk", "Pay the fee in ZK (useFixedFee) instead of the native token")
  .setAction(async (args: Record<string, unknown>, hre: HardhatRuntimeEnvironment) => {
    const { cliAction, UserError } = await import("../scripts/cli");
    await cliAction(async () => {
      const { loadDeployment } = await import("../deploy/load");
      const { attr, counterPayload, erc7930 } = await import("../scripts/interop");
      const { InteropCenter__factory, InteropFeeCollector__factory, ZkToken__factory } =
        await import("../typechain-types");
      const { wholeNumber } = await import("../lib/args");
      // What was typed first, so a mistake costs no RPC call.
      const to = String(args.to).trim();
      if (!/^\d+$/.test(to) || BigInt(to) === 0n || BigInt(to) >= 2n ** 256n)
        throw new UserError(`--to must be a chain id, a whole number from 1 to 2^256 - 1, not "${to}"`);
      const recipient = String(args.recipient);
      if (!hre.ethers.isAddress(recipient)) throw new UserError(`--recipient must be an address, not "${recipient}"`);
      if (BigInt(recipient) === 0n) throw new UserError("--recipient must not be the zero address");
      const data = args.data === undefined ? counterPayload(1) : String(args.data);
      if (!/^0x([0-9a-fA-F]{2})*$/.test(data))
        throw new UserError(`--data must be hex bytes (0x followed by an even number of hex digits), not "${data}"`);
      const calls = wholeNumber("calls", args.calls, 1, 100);
      const deployment = await loadDeployment(hre, ["InteropCenter"]);
      const { chainId } = await hre.ethers.provider.getNetwork();
      if (BigInt(to) === chainId)
        throw new UserError(`--to ${to} is this network's own chain: interop sends to another chain`);
      const [signer] = await hre.ethers.getSigners();
      if (!signer) throw new UserError(`no account for ${hre.network.name}: set DEPLOYER_PRIVATE_KEY`);
      const center = InteropCenter__factory.connect(deployment.contracts.InteropCenter.address, signer);
      const collector = InteropFeeCollector__factory.connect(await center.COLLECTOR(), signer);
      const inZk = Boolean(args.zk);
      const attributes = [attr.useFixedFee(inZk)];
      let value = 0n;
      if (inZk) {
        const zk = ZkToken__factory.connect(await collector.ZK(), signer);
        const fee = (await collector.zkFeePerCall()) * BigInt(calls);
        if ((await zk.allowance(signer.address, await center.getAddress())) < fee) {
          await (await zk.approve(await center.getAddress(), fee)).wait();
        }
      } else {
        value = (await collector.baseFeePerCall()) * BigInt(calls);
      }
      const tx =
        calls === 1
          ? await center.sendMessage(erc7930(BigInt(to), recipient), data, attributes, { value })
          : await center.sendBundle(
              erc7930(BigInt(to)),
              Array.from({ length: calls }, () => ({ to: erc7930(undefined, recipient), data, callAttributes: [] })),
              attributes,
              { value },
            );
      const receipt = await tx.wait();
      const sent = receipt!.logs.map((l) => center.interface.parseLog(l)).find((l) => l?.name === "BundleSent");
      console.log(
        `sent ${calls === 1 ? "a message" : `a bundle of ${calls} calls`} to chain ${to} (${recipient}), fee paid in ` +
          `${inZk ? "ZK" : "the native token"}; bundle ${sent?.args.bundleHash} (tx ${tx.hash}); the relayer delivers it`,
      );
    })(args, hre);
  });
