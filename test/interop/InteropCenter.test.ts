import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { keccak256, AbiCoder } from "ethers";
import { suiteFixture } from "../governance/fixture";
import { deployFeeFlow } from "../../deploy/feeflow";
import { attr, counterPayload, decodeBundle, erc7930 } from "../../scripts/interop";

const DEST = 5_001n;

describe("InteropCenter", function () {
  async function centerFixture() {
    const f = await suiteFixture();
    const user = f.signers[5];
    await f.token.transfer(user.address, ethers.parseEther("1000"));
    await f.token.connect(user).approve(await f.collector.getAddress(), ethers.MaxUint256);
    const fee = await f.collector.baseFeePerCall();
    const zkFee = await f.collector.zkFeePerCall();
    const target = ethers.Wallet.createRandom().address;
    return { ...f, user, fee, zkFee, target };
  }

  async function sentBundle(
    tx: Promise<{ wait: () => Promise<unknown> }>,
    center: Awaited<ReturnType<typeof centerFixture>>["center"],
  ) {
    const receipt = (await (await tx).wait()) as { logs: { topics: readonly string[]; data: string }[] };
    const log = receipt.logs.map((l) => center.interface.parseLog(l)).find((l) => l?.name === "BundleSent")!;
    return {
      hash: log.args.bundleHash as string,
      bytes: log.args.bundle as string,
      bundle: decodeBundle(log.args.bundle),
    };
  }

  it("sends a message as a bundle of one call, charging the native fee once", async function () {
    const { center, collector, user, fee, target } = await loadFixture(centerFixture);
    const payload = counterPayload(7);
    const centerAddress = await center.getAddress();
    const tx = center.connect(user).sendMessage(erc7930(DEST, target), payload, [], { value: fee });
    await expect(tx).to.changeEtherBalances([user, collector], [-fee, fee]);
    await expect(tx).to.emit(collector, "InteropFeeCollected").withArgs(centerAddress, user.address, 1n, false, fee);
    const { hash, bytes, bundle } = await sentBundle(
      center.connect(user).sendMessage(erc7930(DEST, target), payload, [], { value: fee }),
      center,
    );
    expect(hash).to.equal(keccak256(bytes));
    expect(bundle).to.deep.include({
      sourceChainId: 31337n,
      destinationChainId: DEST,
      sender: user.address,
      nonce: 1n,
      paidInZk: false,
    });
    expect(bundle.calls).to.deep.equal([{ to: target, data: payload }]);
  });

  it("emits MessageSent with ERC-7930 sender and recipient that round-trip the TypeScript encoding", async function () {
    const { center, user, fee, target } = await loadFixture(centerFixture);
    const bigChain = 2n ** 64n + 5n;
    for (const chain of [DEST, bigChain]) {
      const nonce = await center.nonces(user.address);
      const tx = center.connect(user).sendMessage(erc7930(chain, target), "0x1234", [], { value: fee });
      const { hash } = await sentBundle(tx, center);
      expect(nonce + 1n).to.equal(await center.nonces(user.address));
      const sendId = keccak256(AbiCoder.defaultAbiCoder().encode(["bytes32", "uint256"], [hash, 0]));
      await expect(center.connect(user).sendMessage(erc7930(chain, target), "0x1234", [], { value: fee }))
        .to.emit(center, "MessageSent")
        .withArgs(
          (id: string) => id !== sendId, // the next message gets a new id
          erc7930(31337, user.address),
          erc7930(chain, target),
          "0x1234",
          0n,
          [],
        );
    }
  });

  it("charges one ZK fee for a whole bundle, straight to the distributor, and emits every call", async function () {
    const { center, token, distributor, user, zkFee, target } = await loadFixture(centerFixture);
    const calls = [1, 2, 3].map((i) => ({
      to: erc7930(undefined, target),
      data: counterPayload(i),
      callAttributes: [],
    }));
    const tx = center.connect(user).sendBundle(erc7930(DEST), calls, [attr.useFixedFee(true)]);
    await expect(tx).to.changeTokenBalances(token, [user, distributor], [-zkFee * 3n, zkFee * 3n]);
    const receipt = (await (
      await center.connect(user).sendBundle(erc7930(DEST), calls, [attr.useFixedFee(true)])
    ).wait())!;
    const names = receipt.logs.map((l) => center.interface.parseLog(l)?.name).filter(Boolean);
    expect(names).to.deep.equal(["MessageSent", "MessageSent", "MessageSent", "BundleSent"]);
  });

  it("records execution and unbundler addresses in the bundle", async function () {
    const { center, user, fee, target, signers } = await loadFixture(centerFixture);
    const [executor, unbundler] = [signers[10].address, signers[11].address];
    const { bundle } = await sentBundle(
      center
        .connect(user)
        .sendMessage(
          erc7930(DEST, target),
          "0x",
          [attr.executionAddress(erc7930(DEST, executor)), attr.unbundlerAddress(erc7930(undefined, unbundler))],
          { value: fee },
        ),
      center,
    );
    expect(bundle.executor).to.equal(executor);
    expect(bundle.unbundler).to.equal(unbundler);
  });

  it("rejects an execution or unbundler address given for another chain than the destination", async function () {
    const { center, user, fee, target, signers } = await loadFixture(centerFixture);
    const executor = signers[10].address;
    for (const a of [attr.executionAddress(erc7930(999n, executor)), attr.unbundlerAddress(erc7930(999n, executor))]) {
      await expect(center.connect(user).sendMessage(erc7930(DEST, target), "0x", [a], { value: fee }))
        .to.be.revertedWithCustomError(center, "InteropCenterAttributeWrongChain")
        .withArgs(a.slice(0, 10), 999n, DEST);
      const calls = [{ to: erc7930(undefined, target), data: "0x", callAttributes: [] }];
      await expect(center.connect(user).sendBundle(erc7930(DEST), calls, [a], { value: fee }))
        .to.be.revertedWithCustomError(center, "InteropCenterAttributeWrongChain")
        .withArgs(a.slice(0, 10), 999n, DEST);
    }
  });

  it("supports exactly the three V31 attributes", async function () {
    const { center } = await loadFixture(centerFixture);
    for (const a of [attr.useFixedFee(true), attr.executionAddress("0x"), attr.unbundlerAddress("0x")]) {
      expect(await center.supportsAttribute(a.slice(0, 10))).to.equal(true);
    }
    expect(await center.supportsAttribute("0xdeadbeef")).to.equal(false);
  });

  it("rejects unknown, repeated, malformed and per-call attributes", async function () {
    const { center, user, fee, target } = await loadFixture(centerFixture);
    const to = erc7930(DEST, target);
    await expect(center.connect(user).sendMessage(to, "0x", ["0xdeadbeef00"], { value: fee }))
      .to.be.revertedWithCustomError(center, "UnsupportedAttribute")
      .withArgs("0xdeadbeef");
    await expect(
      center.connect(user).sendMessage(to, "0x", [attr.useFixedFee(false), attr.useFixedFee(false)], { value: fee }),
    )
      .to.be.revertedWithCustomError(center, "InteropCenterDuplicateAttribute")
      .withArgs(attr.useFixedFee(false).slice(0, 10));
    for (const a of [attr.executionAddress(erc7930(DEST, target)), attr.unbundlerAddress(erc7930(DEST, target))]) {
      await expect(center.connect(user).sendMessage(to, "0x", [a, a], { value: fee }))
        .to.be.revertedWithCustomError(center, "InteropCenterDuplicateAttribute")
        .withArgs(a.slice(0, 10));
    }
    await expect(center.connect(user).sendMessage(to, "0x", [attr.executionAddress("0x1234")], { value: fee }))
      .to.be.revertedWithCustomError(center, "InteropCenterInvalidAddress")
      .withArgs("0x1234");
    await expect(
      center.connect(user).sendMessage(to, "0x", [attr.useFixedFee(true) + "00"], { value: fee }),
    ).to.be.revertedWithCustomError(center, "InteropCenterMalformedAttribute");
    await expect(center.connect(user).sendMessage(to, "0x", ["0x1234"], { value: fee }))
      .to.be.revertedWithCustomError(center, "InteropCenterMalformedAttribute")
      .withArgs("0x1234");
    await expect(
      center
        .connect(user)
        .sendBundle(erc7930(DEST), [{ to, data: "0x", callAttributes: [attr.useFixedFee(true)] }], [], { value: fee }),
    )
      .to.be.revertedWithCustomError(center, "UnsupportedAttribute")
      .withArgs(attr.useFixedFee(true).slice(0, 10));
  });

  it("rejects a bundle to its own chain, an empty bundle, and malformed addresses", async function () {
    const { center, user, fee, target } = await loadFixture(centerFixture);
    await expect(center.connect(user).sendMessage(erc7930(31337, target), "0x", [], { value: fee }))
      .to.be.revertedWithCustomError(center, "InteropCenterSameChain")
      .withArgs(31337n);
    await expect(center.connect(user).sendBundle(erc7930(DEST), [], [])).to.be.revertedWithCustomError(
      center,
      "InteropCenterEmptyBundle",
    );
    for (const bad of [
      "0x",
      "0x0002000001aa14" + target.slice(2).toLowerCase(),
      erc7930(DEST),
      erc7930(DEST, ethers.ZeroAddress),
      erc7930(undefined, target),
    ]) {
      await expect(center.connect(user).sendMessage(bad, "0x", [], { value: fee }))
        .to.be.revertedWithCustomError(center, "InteropCenterInvalidAddress")
        .withArgs(bad);
    }
    await expect(
      center
        .connect(user)
        .sendBundle(erc7930(DEST, target), [{ to: erc7930(DEST, target), data: "0x", callAttributes: [] }], []),
    ).to.be.revertedWithCustomError(center, "InteropCenterInvalidAddress");
    await expect(
      center
        .connect(user)
        .sendBundle(erc7930(DEST), [{ to: erc7930(DEST + 1n, target), data: "0x", callAttributes: [] }], [], {
          value: fee,
        }),
    )
      .to.be.revertedWithCustomError(center, "InteropCenterWrongChain")
      .withArgs(DEST + 1n, DEST);
  });

  it("rejects value that does not match the fee", async function () {
    const { center, collector, user, fee, target } = await loadFixture(centerFixture);
    const to = erc7930(DEST, target);
    await expect(center.connect(user).sendMessage(to, "0x", [], { value: fee - 1n }))
      .to.be.revertedWithCustomError(collector, "FeeCollectorWrongValue")
      .withArgs(fee - 1n, fee);
    await expect(center.connect(user).sendMessage(to, "0x", [attr.useFixedFee(true)], { value: 1n }))
      .to.be.revertedWithCustomError(collector, "FeeCollectorWrongValue")
      .withArgs(1n, 0n);
  });

  it("sends the bundle hash to the L1 messenger when one is set", async function () {
    const { token, user, fee, target, deployer, guardianSigner } = await loadFixture(centerFixture);
    const flow = await deployFeeFlow(deployer, {
      zk: await token.getAddress(),
      guardian: guardianSigner.address,
      zkFeePerCall: ethers.parseEther("10"),
      baseFeePerCall: fee,
      price: ethers.parseEther("1000"),
      priceFloor: 1n,
      priceCeiling: ethers.parseEther("1000000"),
      claimable: [],
    });
    const messenger = await ethers.deployContract("MockL1Messenger");
    const center = await ethers.deployContract("InteropCenter", [
      await flow.collector.getAddress(),
      await messenger.getAddress(),
    ]);
    const centerAddress = await center.getAddress();
    await expect(center.connect(user).sendMessage(erc7930(DEST, target), "0x", [], { value: fee }))
      .to.be.revertedWithCustomError(flow.collector, "FeeCollectorUnauthorizedGateway")
      .withArgs(centerAddress);
    await flow.collector.setGateway(await center.getAddress(), true);
    const { hash } = await sentBundle(
      center.connect(user).sendMessage(erc7930(DEST, target), "0x", [], { value: fee }),
      center,
    );
    expect(await messenger.lastMessage()).to.equal(AbiCoder.defaultAbiCoder().encode(["bytes32"], [hash]));
    expect(await messenger.lastSender()).to.equal(await center.getAddress());
    await expect(
      ethers.deployContract("InteropCenter", [ethers.ZeroAddress, ethers.ZeroAddress]),
    ).to.be.revertedWithCustomError(center, "InteropCenterZeroAddress");
  });
});
