import fs from "fs";
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { keccak256, AbiCoder } from "ethers";
import { suiteFixture } from "../governance/fixture";
import { deployFeeFlow } from "../../deploy/feeflow";
import { attr, counterPayload, decodeBundle, erc7930 } from "../../scripts/interop";
import { sweepFees, ERA_BOOTLOADER } from "../../scripts/feeflow/ops";
import { NATIVE } from "../../deploy/feeflow";
import { runTask, tempDir, useCoinbase } from "../helpers/tasks";

const DEST = 5_001n;

describe("InteropCenter", function () {
  async function centerFixture() {
    const f = await suiteFixture();
    const user = f.signers[5];
    await f.token.transfer(user.address, ethers.parseEther("1000"));
    await f.token.connect(user).approve(await f.center.getAddress(), ethers.MaxUint256);
    const fee = await f.collector.baseFeePerCall();
    const zkFee = await f.collector.zkFeePerCall();
    const target = ethers.Wallet.createRandom().address;
    return { ...f, user, fee, zkFee, target };
  }

  /** The fixture, with this node's blocks naming the collector as coinbase (as a ZKsync OS operator does). */
  async function asOperatorDoes() {
    const f = await loadFixture(centerFixture);
    await useCoinbase(await f.collector.getAddress());
    return f;
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

  it("sends a message as a bundle of one call, keeping the native fee once for the block's coinbase", async function () {
    const { center, collector, user, fee, target } = await asOperatorDoes();
    const payload = counterPayload(7);
    const collectorAddress = await collector.getAddress();
    const tx = center.connect(user).sendMessage(erc7930(DEST, target), payload, [], { value: fee });
    await expect(tx).to.changeEtherBalances([user, center], [-fee, fee]);
    await expect(tx).to.emit(center, "ProtocolFeesAccumulated").withArgs(collectorAddress, fee);
    expect(await center.accumulatedProtocolFees(collectorAddress)).to.equal(fee);
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

  it("charges one ZK fee for a whole bundle, kept for the coinbase, and emits every call", async function () {
    const { center, token, collector, user, zkFee, target } = await asOperatorDoes();
    const calls = [1, 2, 3].map((i) => ({
      to: erc7930(undefined, target),
      data: counterPayload(i),
      callAttributes: [],
    }));
    const collectorAddress = await collector.getAddress();
    const tx = center.connect(user).sendBundle(erc7930(DEST), calls, [attr.useFixedFee(true)]);
    await expect(tx).to.changeTokenBalances(token, [user, center], [-zkFee * 3n, zkFee * 3n]);
    await expect(tx)
      .to.emit(center, "FixedZKFeesAccumulated")
      .withArgs(user.address, collectorAddress, zkFee * 3n);
    const receipt = (await (
      await center.connect(user).sendBundle(erc7930(DEST), calls, [attr.useFixedFee(true)])
    ).wait())!;
    const names = receipt.logs.map((l) => center.interface.parseLog(l)?.name).filter(Boolean);
    expect(names).to.deep.equal(["FixedZKFeesAccumulated", "MessageSent", "MessageSent", "MessageSent", "BundleSent"]);
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
    const { center, user, fee, target } = await loadFixture(centerFixture);
    const to = erc7930(DEST, target);
    await expect(center.connect(user).sendMessage(to, "0x", [], { value: fee - 1n }))
      .to.be.revertedWithCustomError(center, "InteropCenterWrongValue")
      .withArgs(fee - 1n, fee);
    await expect(center.connect(user).sendMessage(to, "0x", [attr.useFixedFee(true)], { value: 1n }))
      .to.be.revertedWithCustomError(center, "InteropCenterWrongValue")
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
    // A collector sweeps only a gateway governance registered.
    await expect(flow.collector.sweep(centerAddress))
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

  describe("V31 fees: kept per coinbase, claimed only by it, swept by the collector", function () {
    const bundleOf = (target: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        to: erc7930(undefined, target),
        data: counterPayload(i + 1),
        callAttributes: [],
      }));

    it("answers V31's fee views from the collector's governed schedule", async function () {
      const { center, collector, token, fee, zkFee } = await loadFixture(centerFixture);
      expect(await center.interopProtocolFee()).to.equal(fee);
      expect(await center.ZK_INTEROP_FEE()).to.equal(zkFee);
      expect(await center.zkToken()).to.equal(await token.getAddress());
      expect(await center.COLLECTOR()).to.equal(await collector.getAddress());
    });

    it("runs the loop: fixed-fee and base-token-fee bundles, a sweep by anyone, a claim and a burn; nothing rests in the InteropCenter", async function () {
      const f = await asOperatorDoes();
      const { center, collector, token, distributor, auction, user, fee, zkFee, target, signers } = f;
      const [centerAddress, collectorAddress] = [await center.getAddress(), await collector.getAddress()];
      await (
        await center.connect(user).sendBundle(erc7930(DEST), bundleOf(target, 2), [attr.useFixedFee(true)])
      ).wait();
      await (await center.connect(user).sendBundle(erc7930(DEST), bundleOf(target, 3), [], { value: fee * 3n })).wait();
      await (await center.connect(user).sendMessage(erc7930(DEST, target), "0x", [], { value: fee })).wait();
      expect(await center.accumulatedZKFees(collectorAddress)).to.equal(zkFee * 2n);
      expect(await center.accumulatedProtocolFees(collectorAddress)).to.equal(fee * 4n);

      const distributorBefore = await token.balanceOf(await distributor.getAddress());
      const collectorBefore = await ethers.provider.getBalance(collectorAddress);
      const sweeper = signers[12];
      const tx = collector.connect(sweeper).sweep(centerAddress);
      await expect(tx)
        .to.emit(collector, "FeesSwept")
        .withArgs(centerAddress, fee * 4n, zkFee * 2n);
      await expect(tx)
        .to.emit(center, "ZKFeesClaimed")
        .withArgs(collectorAddress, collectorAddress, zkFee * 2n);
      await expect(tx)
        .to.emit(center, "ProtocolFeesClaimed")
        .withArgs(collectorAddress, collectorAddress, fee * 4n);
      expect(await token.balanceOf(await distributor.getAddress())).to.equal(distributorBefore + zkFee * 2n);
      // (The collector is the coinbase: it also took the sweep's own priority fee.)
      expect((await ethers.provider.getBalance(collectorAddress)) - collectorBefore).to.be.gte(fee * 4n);
      expect(await token.balanceOf(collectorAddress)).to.equal(0n);
      for (const [kind, value] of [
        ["ZK held by the center", await token.balanceOf(centerAddress)],
        ["native held by the center", await ethers.provider.getBalance(centerAddress)],
        ["ZK kept for the collector", await center.accumulatedZKFees(collectorAddress)],
        ["native kept for the collector", await center.accumulatedProtocolFees(collectorAddress)],
      ] as const) {
        expect(value, kind).to.equal(0n);
      }

      // The auction sells the swept native fees; the distributor burns the ZK fees and the price.
      const searcher = signers[13];
      const price = await auction.price();
      await token.transfer(searcher.address, price);
      await token.connect(searcher).approve(await auction.getAddress(), price);
      const pool = await ethers.provider.getBalance(collectorAddress);
      await expect(
        auction
          .connect(searcher)
          .claim([{ asset: NATIVE, minAmount: fee * 4n }], searcher.address, await auction.nonce(), price, 2n ** 40n),
      ).to.changeEtherBalance(searcher, pool);
      const supply = await token.totalSupply();
      const held = await token.balanceOf(await distributor.getAddress());
      await (await distributor.distribute()).wait();
      expect(supply - (await token.totalSupply())).to.equal(held - (await distributor.RETAINED_BALANCE()));
      expect(held).to.be.gte(zkFee * 2n + price);
    });

    it("a sweep by a collector that is not the coinbase moves nothing and says so; only that coinbase can claim", async function () {
      const f = await asOperatorDoes();
      const { center, collector, token, user, fee, zkFee, target, signers, deployment } = f;
      const [centerAddress, collectorAddress] = [await center.getAddress(), await collector.getAddress()];
      const operator = signers[14];
      await useCoinbase(operator.address);
      await (
        await center.connect(user).sendBundle(erc7930(DEST), bundleOf(target, 1), [attr.useFixedFee(true)])
      ).wait();
      await (await center.connect(user).sendMessage(erc7930(DEST, target), "0x", [], { value: fee })).wait();
      expect(await center.accumulatedZKFees(operator.address)).to.equal(zkFee);
      const swept = await collector.sweep.staticCall(centerAddress);
      expect(swept).to.deep.equal([0n, 0n]);
      await expect(collector.sweep(centerAddress)).not.to.emit(collector, "FeesSwept");
      const lines: string[] = [];
      expect(await sweepFees(deployment, signers[12], (l) => lines.push(l))).to.deep.include({ native: 0n, zk: 0n });
      expect(lines.join("\n")).to.match(/nothing to sweep: the InteropCenter keeps no fees for the collector/);
      expect(lines.join("\n")).to.contain(`name ${operator.address} as coinbase`);
      expect(lines.join("\n")).to.match(/0\.0001 native, 10 ZK\), and only it can claim them/);
      // Another account asking is another coinbase: it has nothing, and nothing moves (as V31: no revert, no event).
      await expect(center.connect(user).claimZKFees(user.address)).not.to.emit(center, "ZKFeesClaimed");
      expect(await center.accumulatedZKFees(operator.address)).to.equal(zkFee);
      await expect(center.connect(operator).claimZKFees(operator.address)).to.changeTokenBalance(
        token,
        operator,
        zkFee,
      );
      expect(await center.accumulatedZKFees(operator.address)).to.equal(0n);
      // On Era the coinbase is the bootloader: the task says nothing claims what is kept for it.
      await useCoinbase(ERA_BOOTLOADER);
      await (await center.connect(user).sendMessage(erc7930(DEST, target), "0x", [], { value: fee })).wait();
      lines.length = 0;
      await sweepFees(deployment, signers[12], (l) => lines.push(l));
      expect(lines.join("\n")).to.match(/\(Era's bootloader\).*on Era nothing claims them/);
      expect(await ethers.provider.getBalance(collectorAddress)).to.be.gte(0n);
    });

    it("refuses to leave claimed native fees with a receiver that rejects them, naming it", async function () {
      const f = await asOperatorDoes();
      const { center, user, fee, target } = f;
      const rejecting = await ethers.deployContract("NativeRejecter");
      const operator = f.signers[15];
      await useCoinbase(operator.address);
      await (await center.connect(user).sendMessage(erc7930(DEST, target), "0x", [], { value: fee })).wait();
      const rejectingAddress = await rejecting.getAddress();
      await expect(center.connect(operator).claimProtocolFees(rejectingAddress))
        .to.be.revertedWithCustomError(center, "InteropCenterFeeWithdrawalFailed")
        .withArgs(rejectingAddress, fee);
      expect(await center.accumulatedProtocolFees(operator.address)).to.equal(fee);
    });

    it("feeflow:sweep sweeps through the task, and says so when there is nothing", async function () {
      const { deployment, center, user, fee, target, collector } = await asOperatorDoes();
      const dir = tempDir("sweep");
      const file = `${dir}/suite.json`;
      fs.writeFileSync(file, JSON.stringify(deployment));
      process.env.DEPLOYMENT_NAME = file;
      try {
        await (await center.connect(user).sendMessage(erc7930(DEST, target), "0x", [], { value: fee })).wait();
        const first = await runTask("feeflow:sweep");
        expect(first.code, first.out).to.equal(undefined);
        expect(first.out).to.match(/swept 0\.0001 native \(kept for the auction\) and 0 ZK/);
        expect(await center.accumulatedProtocolFees(await collector.getAddress())).to.equal(0n);
        const second = await runTask("feeflow:sweep");
        expect(second.code, second.out).to.equal(undefined);
        expect(second.out).to.match(/^nothing to sweep/);
      } finally {
        delete process.env.DEPLOYMENT_NAME;
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
