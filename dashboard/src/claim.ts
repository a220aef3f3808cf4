// Claims from the page: an injected wallet or, in local mode, a node account, bound to the quote on show.
import { BrowserProvider, Contract, type Signer } from "ethers";
import { el, app, labelText, zk, short, contract, labelOf, revertText } from "./context";
import { verdict } from "./panels/pool";

export async function accounts() {
  const select = el<HTMLSelectElement>("mode");
  if (select.options.length) return;
  const options: [string, string][] = [];
  if (window.ethereum) options.push(["wallet", "injected wallet"]);
  const local = (await app.provider.send("eth_accounts", []).catch(() => [])) as string[];
  for (const [i, a] of local.slice(0, 4).entries())
    options.push([`local:${i}`, `local mode: node account #${i} ${short(a)}`]);
  if (!options.length) options.push(["none", "no wallet found: install one, or use a local node"]);
  select.replaceChildren(
    ...options.map(([value, text]) => {
      const o = document.createElement("option");
      o.value = value;
      o.textContent = text;
      return o;
    }),
  );
}

export async function claim() {
  const status = el("claim-status");
  const quote = app.shown;
  if (!quote) return;
  app.busy = true;
  verdict();
  try {
    const mode = el<HTMLSelectElement>("mode").value;
    let signer: Signer;
    if (mode === "wallet" && window.ethereum) {
      await window.ethereum.request({ method: "eth_requestAccounts" });
      const walletChain = BigInt((await window.ethereum.request({ method: "eth_chainId" })) as string);
      if (walletChain !== BigInt(app.cfg.deployment.chainId)) {
        throw new Error(
          `Your wallet is on chain ${walletChain}; switch it to chain ${app.cfg.deployment.chainId} (this deployment's) and try again.`,
        );
      }
      signer = await new BrowserProvider(window.ethereum).getSigner();
    } else if (mode.startsWith("local:")) {
      signer = await app.provider.getSigner(Number(mode.slice(6)));
    } else {
      throw new Error("No wallet to claim with: install an EIP-1193 wallet, or open the dashboard of a local node.");
    }
    const me = await signer.getAddress();
    const requests = quote.assets
      .map((asset, i) => ({ asset, minAmount: quote.amounts[i] }))
      .filter((r) => r.minAmount !== 0n);
    const auction = contract("FeeFlowAuction")!.connect(signer) as Contract;
    const token = new Contract(await contract("InteropFeeCollector")!.ZK(), app.cfg.extraAbis.ERC20, signer);
    const spender = await auction.getAddress();
    if ((await token.allowance(me, spender)) < quote.price) {
      status.textContent = `approving ${zk(quote.price)} for the auction…`;
      await (await token.approve(spender, quote.price)).wait();
    }
    status.textContent = "claiming…";
    const deadline = BigInt((await app.provider.getBlock("latest"))!.timestamp) + 600n;
    // Bound to what the page shows: its nonce, its price, and each app.shown balance as the minimum.
    const tx = await auction.claim(requests, me, quote.nonce, quote.price, deadline);
    await tx.wait();
    const got = await Promise.all(requests.map(async (r) => labelText(r.minAmount, await labelOf(r.asset), 6)));
    status.textContent = `Claimed ${got.join(", ")} for ${zk(quote.price)} to ${short(me)} (tx ${short(tx.hash)}).`;
    status.className = "ok";
  } catch (error) {
    status.textContent = `Claim failed: ${revertText(error)}`;
    status.className = "error";
  } finally {
    app.busy = false;
    verdict();
  }
}
