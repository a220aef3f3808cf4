import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import { AbiCoder, keccak256 } from "ethers";
import { suiteFixture } from "../governance/fixture";
import { counterPayload, encodeBundle, erc7930, type Bundle } from "../../scripts/interop";
import { RelayedRootVerifier__factory } from "../../typechain-types";

const SOURCE = 5_001n;

describe("InteropHandler and verifiers", function () {
  async function handlerFixture() {
    const f = await suiteFixture();
    const relayer = f.signers[2];
    const verifier = RelayedRootVerifier__factory.connect(f.verifier, relayer);
    const counter = await ethers.deployContract("CrossChainCounter", [
      await f.handler.getAddress(),
      await f.center.getAddress(),
      100n,
    ]);
    const counterAddress = await counter.getAddress();
    const sender = f.signers[6].address;
    await counter.setTrustedSender(SOURCE, sender, true);
    let nonce = 0n;
    const makeBundle = (
      increments: number[],
      extra: Partial<Bundle> = {},
    ): { bundle: Bundle; bytes: string; hash: string } => {
      const bundle: Bundle = {
        sourceChainId: SOURCE,
        destinationChainId: 31337n,
        sender,
        nonce: nonce++,
        paidInZk: true,
        executor: ethers.ZeroAddress,
        unbundler: ethers.ZeroAddress,
        calls: increments.map((i) => ({ to: counterAddress, data: counterPayload(i) })),
        ...extra,
      };
      const bytes = encodeBundle(bundle);
      return { bundle, bytes, hash: keccak256(bytes) };
    };
    const post = (hash: string) => verifier.postBundleHash(SOURCE, hash);
    return { ...f, relayer, verifierContract: verifier, counter, counterAddress, sender, makeBundle, post };
  }

  it("executes a verified bundle's calls in order, atomically, once", async function () {
    const { handler, counter, makeBundle, post, sender, signers } = await loadFixture(handlerFixture);
    const { bytes, hash } = makeBundle([1, 2, 3]);
    await post(hash);
    const receiveId = (i: number) => keccak256(AbiCoder.defaultAbiCoder().encode(["bytes32", "uint256"], [hash, i]));
    const tx = handler.connect(signers[4]).executeBundle(bytes, "0x");
    await expect(tx).to.emit(handler, "BundleExecuted").withArgs(hash, SOURCE, signers[4].address);
    await expect(tx).to.emit(counter, "Counted").withArgs(receiveId(0), erc7930(SOURCE, sender), 1n, 1n);
    await expect(tx).to.emit(counter, "Counted").withArgs(receiveId(2), erc7930(SOURCE, sender), 3n, 6n);
    expect(await counter.count()).to.equal(6n);
    expect(await handler.executed(hash)).to.equal(true);
    await expect(handler.executeBundle(bytes, "0x"))
      .to.be.revertedWithCustomError(handler, "InteropHandlerAlreadyExecuted")
      .withArgs(hash);
  });

  it("refuses an unverified bundle and one for another chain", async function () {
    const { handler, makeBundle, post } = await loadFixture(handlerFixture);
    const { bytes, hash } = makeBundle([1]);
    await expect(handler.executeBundle(bytes, "0x"))
      .to.be.revertedWithCustomError(handler, "InteropHandlerUnverified")
      .withArgs(hash);
    const other = makeBundle([1], { destinationChainId: 999n });
    await post(other.hash);
    await expect(handler.executeBundle(other.bytes, "0x"))
      .to.be.revertedWithCustomError(handler, "InteropHandlerWrongDestination")
      .withArgs(999n, 31337n);
  });

  it("lets only the execution address execute when one is set", async function () {
    const { handler, makeBundle, post, signers } = await loadFixture(handlerFixture);
    const executor = signers[10];
    const { bytes, hash } = makeBundle([1], { executor: executor.address });
    await post(hash);
    await expect(handler.connect(signers[4]).executeBundle(bytes, "0x"))
      .to.be.revertedWithCustomError(handler, "InteropHandlerUnauthorizedExecutor")
      .withArgs(signers[4].address, executor.address);
    await expect(handler.connect(executor).executeBundle(bytes, "0x")).to.emit(handler, "BundleExecuted");
  });

  it("reverts the whole bundle when one call fails, and executes it after the cause is fixed", async function () {
    const { handler, counter, counterAddress, makeBundle, post } = await loadFixture(handlerFixture);
    const { bytes, hash } = makeBundle([5, 500, 5]);
    await post(hash);
    const reason = counter.interface.encodeErrorResult("CrossChainCounterIncrementTooLarge", [500n, 100n]);
    await expect(handler.executeBundle(bytes, "0x"))
      .to.be.revertedWithCustomError(handler, "InteropHandlerCallFailed")
      .withArgs(1n, counterAddress, reason);
    expect(await counter.count()).to.equal(0n);
    expect(await handler.executed(hash)).to.equal(false);
    await counter.setMaxIncrement(1_000n);
    await handler.executeBundle(bytes, "0x");
    expect(await counter.count()).to.equal(510n);
  });

  it("requires the ERC-7786 magic value: a recipient without receiveMessage fails the bundle", async function () {
    const { handler, makeBundle, post, signers } = await loadFixture(handlerFixture);
    const withEoa = makeBundle([], { calls: [{ to: signers[9].address, data: "0x" }] });
    await post(withEoa.hash);
    await expect(handler.executeBundle(withEoa.bytes, "0x"))
      .to.be.revertedWithCustomError(handler, "InteropHandlerCallFailed")
      .withArgs(0n, signers[9].address, "0x");
    expect(await handler.executed(withEoa.hash)).to.equal(false);
  });

  it("lets the unbundler cancel a pending bundle, for good", async function () {
    const { handler, makeBundle, post, signers } = await loadFixture(handlerFixture);
    const unbundler = signers[11];
    const { bytes, hash } = makeBundle([500], { unbundler: unbundler.address });
    await post(hash);
    await expect(handler.connect(signers[4]).cancelBundle(bytes))
      .to.be.revertedWithCustomError(handler, "InteropHandlerUnauthorizedUnbundler")
      .withArgs(signers[4].address, unbundler.address);
    await expect(handler.connect(unbundler).cancelBundle(bytes))
      .to.emit(handler, "BundleCancelled")
      .withArgs(hash, unbundler.address);
    await expect(handler.executeBundle(bytes, "0x"))
      .to.be.revertedWithCustomError(handler, "InteropHandlerCancelled")
      .withArgs(hash);
    await expect(handler.connect(unbundler).cancelBundle(bytes)).to.be.revertedWithCustomError(
      handler,
      "InteropHandlerCancelled",
    );
    const done = makeBundle([1], { unbundler: unbundler.address });
    await post(done.hash);
    await handler.executeBundle(done.bytes, "0x");
    await expect(handler.connect(unbundler).cancelBundle(done.bytes)).to.be.revertedWithCustomError(
      handler,
      "InteropHandlerAlreadyExecuted",
    );
    const elsewhere = makeBundle([1], { unbundler: unbundler.address, destinationChainId: 7n });
    await expect(handler.connect(unbundler).cancelBundle(elsewhere.bytes)).to.be.revertedWithCustomError(
      handler,
      "InteropHandlerWrongDestination",
    );
  });

  it("accepts messages only from its own handler", async function () {
    const { counter, signers } = await loadFixture(handlerFixture);
    await expect(counter.connect(signers[4]).receiveMessage(ethers.ZeroHash, "0x", counterPayload(1)))
      .to.be.revertedWithCustomError(counter, "ERC7786RecipientUnauthorizedGateway")
      .withArgs(signers[4].address, "0x");
    await expect(counter.connect(signers[4]).setMaxIncrement(1n)).to.be.revertedWithCustomError(
      counter,
      "CrossChainCounterNotOwner",
    );
  });

  it("passes a message on to a third chain, paying that hop's fee in ZK from its own balance", async function () {
    const { handler, counter, counterAddress, center, token, collector, makeBundle, post } =
      await loadFixture(handlerFixture);
    await ethers.provider.send("hardhat_setCoinbase", [await collector.getAddress()]);
    await expect(
      counter.connect((await ethers.getSigners())[4]).approveFees(await token.getAddress(), 1n),
    ).to.be.revertedWithCustomError(counter, "CrossChainCounterNotOwner");
    await token.transfer(counterAddress, ethers.parseEther("100"));
    await counter.approveFees(await token.getAddress(), ethers.MaxUint256);
    const next = erc7930(5_003n, ethers.Wallet.createRandom().address);
    const withNext = makeBundle([], { calls: [{ to: counterAddress, data: counterPayload(4, next) }] });
    await post(withNext.hash);
    const zkFee = await collector.zkFeePerCall();
    const collectorAddress = await collector.getAddress();
    const tx = handler.executeBundle(withNext.bytes, "0x");
    await expect(tx).to.emit(counter, "Forwarded");
    await expect(tx).to.emit(center, "BundleSent").withArgs(anyValue, 5_003n, counterAddress, 0n, anyValue);
    await expect(tx).to.changeTokenBalances(token, [counter, center], [-zkFee, zkFee]);
    await expect(tx).to.emit(center, "FixedZKFeesAccumulated").withArgs(counterAddress, collectorAddress, zkFee);
  });

  it("the sample counter hears only the (chain, sender) pairs its owner trusts", async function () {
    const { handler, counter, makeBundle, post, sender, signers } = await loadFixture(handlerFixture);
    await expect(counter.connect(signers[4]).setTrustedSender(SOURCE, signers[4].address, true))
      .to.be.revertedWithCustomError(counter, "CrossChainCounterNotOwner")
      .withArgs(signers[4].address);
    await expect(counter.setTrustedSender(SOURCE, sender, true)).to.be.revertedWithCustomError(
      counter,
      "CrossChainCounterUnchanged",
    );
    const stranger = makeBundle([1], { sender: signers[9].address });
    await post(stranger.hash);
    await expect(handler.executeBundle(stranger.bytes, "0x")).to.be.revertedWithCustomError(
      handler,
      "InteropHandlerCallFailed",
    );
    const reason = counter.interface.encodeErrorResult("CrossChainCounterUntrustedSender", [
      SOURCE,
      signers[9].address,
    ]);
    const counterAddress = await counter.getAddress();
    await expect(handler.executeBundle(stranger.bytes, "0x"))
      .to.be.revertedWithCustomError(handler, "InteropHandlerCallFailed")
      .withArgs(0n, counterAddress, reason);
    await expect(counter.setTrustedSender(SOURCE, signers[9].address, true))
      .to.emit(counter, "TrustedSenderUpdated")
      .withArgs(SOURCE, signers[9].address, true);
    await expect(handler.executeBundle(stranger.bytes, "0x")).to.emit(counter, "Counted");
  });

  describe("RelayedRootVerifier", function () {
    it("verifies only hashes a relayer posted, once each", async function () {
      const { verifierContract, signers } = await loadFixture(handlerFixture);
      const hash = ethers.id("bundle");
      expect(await verifierContract.verifyBundle(SOURCE, hash, "0x")).to.equal(false);
      await expect(verifierContract.connect(signers[4]).postBundleHash(SOURCE, hash)).to.be.revertedWithCustomError(
        verifierContract,
        "AccessControlUnauthorizedAccount",
      );
      await expect(verifierContract.postBundleHash(SOURCE, hash)).to.emit(verifierContract, "BundleHashPosted");
      expect(await verifierContract.verifyBundle(SOURCE, hash, "0x")).to.equal(true);
      expect(await verifierContract.verifyBundle(SOURCE + 1n, hash, "0x")).to.equal(false);
      await expect(verifierContract.postBundleHash(SOURCE, hash))
        .to.be.revertedWithCustomError(verifierContract, "RelayedRootVerifierAlreadyPosted")
        .withArgs(SOURCE, hash);
    });
  });

  describe("ZKsyncMessageVerifier", function () {
    it("verifies a bundle whose hash the source chain's center sent to L1, against the system contract", async function () {
      const { signers } = await loadFixture(handlerFixture);
      const mock = await ethers.deployContract("MockL2MessageVerification");
      const center = signers[12].address;
      const adapter = await ethers.deployContract("ZKsyncMessageVerifier", [
        await mock.getAddress(),
        [SOURCE],
        [center],
      ]);
      const hash = ethers.id("bundle");
      const merkle = [ethers.id("a"), ethers.id("b")];
      const proof = AbiCoder.defaultAbiCoder().encode(
        ["uint256", "uint256", "uint16", "bytes32[]"],
        [42, 3, 7, merkle],
      );
      const message = {
        txNumberInBatch: 7,
        sender: center,
        data: AbiCoder.defaultAbiCoder().encode(["bytes32"], [hash]),
      };
      expect(await adapter.verifyBundle(SOURCE, hash, proof)).to.equal(false);
      await mock.setProven(SOURCE, 42, 3, message, merkle);
      expect(await adapter.verifyBundle(SOURCE, hash, proof)).to.equal(true);
      expect(await adapter.verifyBundle(SOURCE, ethers.id("other"), proof)).to.equal(false);
      expect(await adapter.verifyBundle(SOURCE + 1n, hash, proof)).to.equal(false);
      expect(await adapter.centerOf(SOURCE)).to.equal(center);
    });

    it("rejects a bad configuration", async function () {
      const adapter = await ethers.getContractFactory("ZKsyncMessageVerifier");
      const one = ethers.Wallet.createRandom().address;
      await expect(adapter.deploy(ethers.ZeroAddress, [], [])).to.be.revertedWithCustomError(
        adapter,
        "ZKsyncMessageVerifierZeroAddress",
      );
      await expect(adapter.deploy(one, [1], []))
        .to.be.revertedWithCustomError(adapter, "ZKsyncMessageVerifierLengthMismatch")
        .withArgs(1, 0);
      await expect(adapter.deploy(one, [1], [ethers.ZeroAddress])).to.be.revertedWithCustomError(
        adapter,
        "ZKsyncMessageVerifierZeroAddress",
      );
      const factory = await ethers.getContractFactory("InteropHandler");
      await expect(factory.deploy(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        factory,
        "InteropHandlerZeroAddress",
      );
    });
  });
});
