import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { deploySuite, type Suite } from "../deploy/suite";
import { startAnvil, type LocalNode } from "../scripts/nodes";
import { Relayer } from "../scripts/relayer";
import { attr, counterPayload, erc7930 } from "../scripts/interop";
import { CrossChainCounter__factory, type CrossChainCounter } from "../typechain-types";
import type { JsonRpcSigner } from "ethers";

/** Three real anvil nodes (chains A, B, C), the suite on each, a counter on B and C, and a relayer. */
describe("Interop across three local nodes", function () {
  this.timeout(180_000);
  const ids = { A: 5_001, B: 5_002, C: 5_003 } as const;
  type Name = keyof typeof ids;
  const nodes = {} as Record<Name, LocalNode>;
  const suites = {} as Record<Name, Suite>;
  const counters = {} as Record<"B" | "C", CrossChainCounter>;
  let user: Record<Name, JsonRpcSigner>;
  let relayer: Relayer;
  const lines: string[] = [];

  const chainOf = (name: Name) => ({
    name,
    chainId: BigInt(ids[name]),
    provider: nodes[name].provider,
    center: suites[name].deployment.contracts.InteropCenter.address,
    handler: suites[name].deployment.contracts.InteropHandler.address,
    verifier: suites[name].deployment.contracts.RelayedRootVerifier.address,
  });

  before(async function () {
    const started = Date.now();
    for (const name of Object.keys(ids) as Name[]) nodes[name] = await startAnvil(name, ids[name]);
    user = {} as Record<Name, JsonRpcSigner>;
    for (const name of Object.keys(ids) as Name[]) {
      const deployer = await nodes[name].provider.getSigner(0);
      suites[name] = await deploySuite(hre, { signer: deployer, network: "anvil" });
      user[name] = await nodes[name].provider.getSigner(5);
      const zk = suites[name].token.connect(deployer);
      await (await zk.transfer(user[name].address, ethers.parseEther("10000"))).wait();
      await (await zk.connect(user[name]).approve(await suites[name].center.getAddress(), ethers.MaxUint256)).wait();
    }
    for (const name of ["B", "C"] as const) {
      const owner = await nodes[name].provider.getSigner(0);
      const counter = await new CrossChainCounter__factory(owner).deploy(
        await suites[name].handler.getAddress(),
        await suites[name].center.getAddress(),
        100n,
      );
      await counter.waitForDeployment();
      await (
        await suites[name].token.connect(owner).transfer(await counter.getAddress(), ethers.parseEther("1000"))
      ).wait();
      await (await counter.approveFees(await suites[name].token.getAddress(), ethers.MaxUint256)).wait();
      counters[name] = counter;
    }
    // B hears A's user; C hears B's counter (the chained A→B→C hop).
    await (await counters.B.setTrustedSender(ids.A, user.A.address, true)).wait();
    await (await counters.C.setTrustedSender(ids.B, await counters.B.getAddress(), true)).wait();
    relayer = new Relayer(
      await Promise.all(
        (Object.keys(ids) as Name[]).map(async (name) => ({
          ...chainOf(name),
          signer: await nodes[name].provider.getSigner(2),
          fromBlock: 0,
        })),
      ),
      { log: (line) => lines.push(line) },
    );
    console.log(`      (3 nodes started and the suite deployed on each in ${Date.now() - started} ms)`);
  });

  after(async function () {
    await Promise.all(Object.values(nodes).map((n) => n.stop()));
  });

  const counterOn = async (name: "B" | "C") => erc7930(ids[name], await counters[name].getAddress());

  /** What A's InteropCenter keeps for A's collector, the coinbase of A's blocks (V31's fee path). */
  const keptOn = async (name: Name) => {
    const center = suites[name].center.connect(nodes[name].provider);
    const collector = suites[name].deployment.contracts.InteropFeeCollector.address;
    return { native: await center.accumulatedProtocolFees(collector), zk: await center.accumulatedZKFees(collector) };
  };

  it("carries a message A→B and charges A's native fee once, kept for A's collector", async function () {
    const collectorA = suites.A.collector.connect(nodes.A.provider);
    const fee = await collectorA.baseFeePerCall();
    const before = (await keptOn("A")).native;
    await (
      await suites.A.center.connect(user.A).sendMessage(await counterOn("B"), counterPayload(7), [], { value: fee })
    ).wait();
    expect(await relayer.relayUntilIdle()).to.equal(1);
    expect(await counters.B.count()).to.equal(7n);
    expect((await keptOn("A")).native).to.equal(before + fee);
  });

  it("executes a bundle of three calls A→B atomically, its ZK fee swept to A's distributor", async function () {
    const zkA = suites.A.token.connect(nodes.A.provider);
    const distributorA = await suites.A.distributor.getAddress();
    const zkFee = await suites.A.collector.connect(nodes.A.provider).zkFeePerCall();
    await (await suites.A.collector.connect(user.A).sweep(await suites.A.center.getAddress())).wait();
    const before = await zkA.balanceOf(distributorA);
    const countBefore = await counters.B.count();
    const to = await counterOn("B");
    const calls = [1, 2, 3].map((i) => ({ to, data: counterPayload(i), callAttributes: [] }));
    await (await suites.A.center.connect(user.A).sendBundle(erc7930(ids.B), calls, [attr.useFixedFee(true)])).wait();
    await relayer.relayUntilIdle();
    expect(await counters.B.count()).to.equal(countBefore + 6n);
    expect((await keptOn("A")).zk).to.equal(zkFee * 3n);
    await (await suites.A.collector.connect(user.A).sweep(await suites.A.center.getAddress())).wait();
    expect(await zkA.balanceOf(distributorA)).to.equal(before + zkFee * 3n);
    expect(await zkA.balanceOf(await suites.A.center.getAddress())).to.equal(0n);
  });

  it("reverts a bundle with a failing call, keeps it pending, and executes it after the fix", async function () {
    const countBefore = await counters.B.count();
    const to = await counterOn("B");
    const calls = [5, 500].map((i) => ({ to, data: counterPayload(i), callAttributes: [] }));
    await (await suites.A.center.connect(user.A).sendBundle(erc7930(ids.B), calls, [attr.useFixedFee(true)])).wait();
    expect(await relayer.relayOnce()).to.equal(0);
    expect(relayer.pendingCount).to.equal(1);
    expect(await counters.B.count()).to.equal(countBefore);
    expect(lines.some((l) => l.includes("InteropHandlerCallFailed"))).to.equal(true);
    await (await counters.B.setMaxIncrement(1_000n)).wait();
    expect(await relayer.relayOnce()).to.equal(1);
    expect(await counters.B.count()).to.equal(countBefore + 505n);
    expect(relayer.pendingCount).to.equal(0);
  });

  it("leaves a bundle whose executor is someone else pending, reported, until that executor runs it", async function () {
    const countBefore = await counters.B.count();
    const executor = await nodes.B.provider.getSigner(8);
    const receipt = (await (
      await suites.A.center
        .connect(user.A)
        .sendMessage(await counterOn("B"), counterPayload(3), [
          attr.useFixedFee(true),
          attr.executionAddress(erc7930(ids.B, executor.address)),
        ])
    ).wait())!;
    const sent = suites.A.center.interface.parseLog(
      receipt.logs.find((l) => l.topics[0] === suites.A.center.interface.getEvent("BundleSent")!.topicHash)!,
    )!;
    lines.length = 0;
    expect(await relayer.relayOnce()).to.equal(0);
    expect(relayer.pendingCount).to.equal(1);
    expect(lines.some((l) => l.includes(`only ${executor.address} may execute it`))).to.equal(true);
    // The named executor delivers it itself (the hash posted by a relayer); the relayer then settles it.
    const verifierB = new ethers.Contract(
      suites.B.verifier,
      ["function postBundleHash(uint256,bytes32)"],
      await nodes.B.provider.getSigner(2),
    );
    await (await verifierB.postBundleHash(ids.A, sent.args.bundleHash)).wait();
    await (await suites.B.handler.connect(executor).executeBundle(sent.args.bundle, "0x")).wait();
    expect(await relayer.relayOnce()).to.equal(0);
    expect(relayer.pendingCount).to.equal(0);
    expect(lines.some((l) => l.includes("was executed by someone else"))).to.equal(true);
    expect(await counters.B.count()).to.equal(countBefore + 3n);
  });

  it("follows a chained path A→B→C, each hop paying its fee on its own chain", async function () {
    const zkFee = ethers.parseEther("10");
    const balance = async (name: Name) => (await keptOn(name)).zk;
    const [a0, b0, c0] = [await balance("A"), await balance("B"), await balance("C")];
    const countC = await counters.C.count();
    const payload = counterPayload(9, await counterOn("C"));
    await (
      await suites.A.center.connect(user.A).sendMessage(await counterOn("B"), payload, [attr.useFixedFee(true)])
    ).wait();
    expect(await relayer.relayUntilIdle()).to.equal(2);
    expect(await counters.C.count()).to.equal(countC + 9n);
    expect(await balance("A")).to.equal(a0 + zkFee);
    expect(await balance("B")).to.equal(b0 + zkFee);
    expect(await balance("C")).to.equal(c0);
  });

  it("never executes twice: a restarted relayer scanning from genesis finds nothing to do", async function () {
    const counts = [await counters.B.count(), await counters.C.count()];
    const fresh = new Relayer(
      await Promise.all(
        (Object.keys(ids) as Name[]).map(async (name) => ({
          ...chainOf(name),
          signer: await nodes[name].provider.getSigner(2),
          fromBlock: 0,
        })),
      ),
      { log: () => undefined },
    );
    expect(await fresh.relayUntilIdle()).to.equal(0);
    expect(fresh.stats.seen).to.be.greaterThan(3);
    expect([await counters.B.count(), await counters.C.count()]).to.deep.equal(counts);
  });
});
