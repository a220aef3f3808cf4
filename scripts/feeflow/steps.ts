// The loop's own steps from the command line: distribute, deposit revenue, poke a stake, pause and unpause claims,
// and deploy an ERC-7786 recipient that trusts a sender. Each checks what it can before sending, and says in one
// line what it did or why it did nothing.
import { ethers, type Signer } from "ethers";
import type { DeploymentFile } from "../../deploy/recorder";
import { NATIVE } from "../../deploy/feeflow";
import { UserError } from "../cli";
import { zkText } from "../../lib/format";
import { revertData } from "../../lib/revert";
import { CrossChainCounter__factory, MockERC20__factory, ZkStakingRewards__factory } from "../../typechain-types";
import { claimableAssets, contractsOf, type Print } from "./ops";
import { assetText, labelOf } from "./keeper";

/** `feeflow:distribute`: burns and pays what the distributor holds (anyone may). */
export async function distributeNow(deployment: DeploymentFile, signer: Signer, print: Print) {
  const { distributor } = contractsOf(deployment, signer);
  const zk = await contractsOf(deployment, signer).tokenAt();
  const held = await zk.balanceOf(await distributor.getAddress());
  const retained = await distributor.RETAINED_BALANCE();
  if (held <= retained) {
    print(`nothing to distribute: the distributor holds ${zkText(held)} (it keeps ${retained} wei between runs)`);
    return undefined;
  }
  const tx = await distributor.distribute();
  const receipt = (await tx.wait())!;
  const event = receipt.logs.map((l) => distributor.interface.parseLog(l)).find((l) => l?.name === "Distributed");
  const [burned, paid] = [event!.args.burned as bigint, event!.args.paid as bigint];
  print(
    `distributed ${zkText(burned + paid)}: burned ${zkText(burned)}, paid ${zkText(paid)} to allocations (tx ${tx.hash})`,
  );
  return { burned, paid };
}

/** The asset a user names: "native", a claimable asset's symbol, or an address. */
async function assetNamed(deployment: DeploymentFile, signer: Signer, name: string): Promise<string> {
  if (name.toLowerCase() === "native") return NATIVE;
  const zkAddress = await contractsOf(deployment, signer).collector.ZK();
  if (name.toLowerCase() === "zk") return zkAddress;
  const isAddress: boolean = ethers.isAddress(name);
  if (isAddress) return ethers.getAddress(name);
  const claimable = await claimableAssets(deployment, signer);
  for (const asset of claimable) {
    if (asset !== NATIVE && (await labelOf(asset, signer.provider!)).symbol.toLowerCase() === name.toLowerCase())
      return asset;
  }
  const symbols = ["native", "ZK"];
  for (const asset of claimable) if (asset !== NATIVE) symbols.push((await labelOf(asset, signer.provider!)).symbol);
  throw new UserError(`--asset: unknown asset "${name}": give ${symbols.join(", ")} or an address`);
}

/** `feeflow:deposit`: pays revenue (a licence, an off-chain fee) into the collector with a reference. */
export async function depositNow(
  deployment: DeploymentFile,
  signer: Signer,
  input: { asset: string; amount: string; ref: string },
  print: Print,
) {
  const { collector } = contractsOf(deployment, signer);
  const asset = await assetNamed(deployment, signer, input.asset);
  const zkAddress = await collector.ZK();
  const label = asset === zkAddress ? { symbol: "ZK", decimals: 18 } : await labelOf(asset, signer.provider!);
  if (!/^\d+(\.\d+)?$/.test(input.amount.trim()))
    throw new UserError(`--amount must be a positive number of ${label.symbol}, not "${input.amount}"`);
  let amount: bigint;
  try {
    amount = ethers.parseUnits(input.amount.trim(), label.decimals);
  } catch {
    throw new UserError(`--amount ${input.amount}: ${label.symbol} has ${label.decimals} decimals`);
  }
  if (amount === 0n) throw new UserError("--amount must be more than 0");
  if (asset !== zkAddress && !(await collector.isClaimable(asset)))
    throw new UserError(`${label.symbol} is not a claimable asset of this collector: the auction could never sell it`);
  if (input.ref.length > 32) throw new UserError(`--ref must be at most 32 characters, not ${input.ref.length}`);
  const ref = ethers.encodeBytes32String(input.ref);
  const me = await signer.getAddress();
  if (asset === NATIVE) {
    const tx = await collector.depositRevenue(NATIVE, amount, ref, { value: amount });
    await tx.wait();
    print(`deposited ${assetText(amount, label)} as "${input.ref}" (tx ${tx.hash})`);
    return amount;
  }
  const token = MockERC20__factory.connect(asset, signer);
  const balance = await token.balanceOf(me);
  if (balance < amount) throw new UserError(`${me} holds ${assetText(balance, label)}, less than ${input.amount}`);
  // Exactly the amount: no allowance is left behind.
  if ((await token.allowance(me, await collector.getAddress())) < amount)
    await (await token.approve(await collector.getAddress(), amount)).wait();
  const tx = await collector.depositRevenue(asset, amount, ref);
  await tx.wait();
  const where = asset === zkAddress ? "straight to the distributor" : "waiting for the auction";
  print(`deposited ${assetText(amount, label)} as "${input.ref}", ${where} (tx ${tx.hash})`);
  return amount;
}

/** `staking:poke`: re-reads a stake's delegatee status (and takes the tip, if any). */
export async function pokeNow(deployment: DeploymentFile, signer: Signer, account: string, print: Print) {
  const record = deployment.contracts.ZkStakingRewards;
  if (!record) throw new UserError("the deployment has no ZkStakingRewards");
  const isAddress: boolean = ethers.isAddress(account);
  if (!isAddress) throw new UserError(`--account must be an address, not "${account}"`);
  const staking = ZkStakingRewards__factory.connect(record.address, signer);
  try {
    await staking.poke.staticCall(account);
  } catch (error) {
    const data = revertData(error);
    if (data && staking.interface.parseError(data)?.name === "StakingPokeUnchanged") {
      print(`nothing to poke: ${account}'s earning power already matches its delegatee's status; nothing sent`);
      return;
    }
    throw error;
  }
  const tx = await staking.poke(account);
  const receipt = (await tx.wait())!;
  const poked = receipt.logs.map((l) => staking.interface.parseLog(l)).find((l) => l?.name === "Poked");
  print(`poked ${account}: tip ${zkText((poked?.args.tip as bigint) ?? 0n)} (tx ${tx.hash})`);
}

/** `feeflow:pause` / `feeflow:unpause`: the guardian (or governance) stops claims; only governance resumes them. */
export async function setPaused(deployment: DeploymentFile, signer: Signer, pause: boolean, print: Print) {
  const { auction } = contractsOf(deployment, signer);
  const me = await signer.getAddress();
  const [paused, guardian, governance] = [await auction.paused(), await auction.guardian(), await auction.governance()];
  if (paused === pause) {
    print(`the auction is already ${pause ? "paused" : "open"}: nothing sent`);
    return;
  }
  const allowed = pause ? [guardian, governance] : [governance];
  if (!allowed.some((a) => a.toLowerCase() === me.toLowerCase())) {
    throw new UserError(
      pause
        ? `only the guardian ${guardian} or governance ${governance} may pause claims, not ${me}`
        : `only governance ${governance} may unpause claims (a ZIP calling FeeFlowAuction.unpause), not ${me}`,
    );
  }
  const tx = pause ? await auction.pause() : await auction.unpause();
  await tx.wait();
  print(`claims ${pause ? "paused" : "open again"} (tx ${tx.hash})`);
}

/**
 * `interop:recipient`: deploys the sample ERC-7786 recipient (CrossChainCounter) on this chain, wired to its
 * InteropHandler and InteropCenter, trusting each `chainId:sender` given; or adds trust to an existing one.
 */
export async function recipientNow(
  deployment: DeploymentFile,
  signer: Signer,
  input: { trust: string; at?: string; maxIncrement: string },
  print: Print,
) {
  const pairs = input.trust
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)
    .map((pair) => {
      const [chain, sender, more] = pair.split(":");
      if (!/^\d+$/.test(chain ?? "") || BigInt(chain) === 0n || !ethers.isAddress(sender ?? "") || more !== undefined)
        throw new UserError(`--trust: "${pair}" is not CHAIN_ID:ADDRESS (e.g. 31338:0xabc…)`);
      return { chain: BigInt(chain), sender: ethers.getAddress(sender) };
    });
  if (!/^\d+$/.test(input.maxIncrement.trim()) || BigInt(input.maxIncrement) === 0n)
    throw new UserError(`--max-increment must be a whole number ≥ 1, not "${input.maxIncrement}"`);
  let counter;
  if (input.at) {
    const isAddress: boolean = ethers.isAddress(input.at);
    if (!isAddress) throw new UserError(`--at must be an address, not "${input.at}"`);
    if ((await signer.provider!.getCode(input.at)) === "0x") throw new UserError(`--at: no contract at ${input.at}`);
    counter = CrossChainCounter__factory.connect(input.at, signer);
  } else {
    const handler = deployment.contracts.InteropHandler?.address;
    const center = deployment.contracts.InteropCenter?.address;
    if (!handler || !center) throw new UserError("the deployment has no InteropHandler and InteropCenter");
    counter = await new CrossChainCounter__factory(signer).deploy(handler, center, BigInt(input.maxIncrement));
    await counter.waitForDeployment();
    print(`CrossChainCounter deployed at ${await counter.getAddress()} (tx ${counter.deploymentTransaction()!.hash})`);
  }
  for (const { chain, sender } of pairs) {
    await (await counter.setTrustedSender(chain, sender, true)).wait();
    print(`  trusts ${sender} on chain ${chain}`);
  }
  return counter.getAddress();
}
