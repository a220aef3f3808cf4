import fs from "fs";
import { task, types } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

task("interop:send", "Sends a message or a bundle from this network's InteropCenter (the relayer carries it)")
  .addParam("to", "Destination chain id")
  .addParam("recipient", "Recipient contract on the destination chain")
  .addOptionalParam("data", "Payload of each call (hex); default: a CrossChainCounter increment of 1")
  .addOptionalParam("calls", "Calls in the bundle (1 sends a plain message)", 1, types.int)
  .addFlag("zk", "Pay the fee in ZK (useFixedFee) instead of the native token")
  .setAction(async (args: Record<string, unknown>, hre: HardhatRuntimeEnvironment) => {
    const { cliAction, UserError } = await import("../scripts/cli");
    await cliAction(async () => {
      const { loadDeployment } = await import("../deploy/load");
      const { attr, counterPayload, erc7930 } = await import("../scripts/interop");
      const { InteropCenter__factory, InteropFeeCollector__factory, ZkToken__factory } =
        await import("../typechain-types");
      const deployment = await loadDeployment(hre, ["InteropCenter"]);
      const to = String(args.to);
      if (!/^\d+$/.test(to)) throw new UserError(`--to must be a chain id, not "${to}"`);
      const recipient = String(args.recipient);
      if (!hre.ethers.isAddress(recipient)) throw new UserError(`--recipient must be an address, not "${recipient}"`);
      const data = args.data === undefined ? counterPayload(1) : String(args.data);
      if (!hre.ethers.isHexString(data)) throw new UserError(`--data must be hex (0x…), not "${data}"`);
      const calls = Number(args.calls);
      if (!Number.isInteger(calls) || calls < 1 || calls > 100) throw new UserError("--calls must be 1 to 100");
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
