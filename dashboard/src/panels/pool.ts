// The pool panel: what a claim would take now, valued at the prices the user types, with the keeper's verdict.
import { Contract, formatUnits, getAddress } from "ethers";
import { NATIVE, el, app, usdPrices, labels, labelText, short, labelOf } from "../context";

export async function poolPanel(auction: Contract, collector: Contract) {
  // Which assets are claimable comes from the indexer; each is confirmed on the chain before it is quoted.
  const candidates = (app.summary?.claimable ?? []).map((a) => getAddress(a));
  const assets: string[] = [];
  for (const a of candidates) if (await collector.isClaimable(a)) assets.push(a);
  assets.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  const [price, nonce, paused, amounts] = await auction.quote(assets);
  app.shown = { price, nonce, paused, assets, amounts: [...amounts] };
  const tbody = el<HTMLTableElement>("pool").tBodies[0];
  const existing = new Map(
    [...tbody.querySelectorAll<HTMLTableRowElement>("tr[data-asset]")].map((r) => [r.dataset.asset!, r]),
  );
  const fresh: HTMLTableRowElement[] = [];
  for (const [i, asset] of assets.entries()) {
    const label = await labelOf(asset);
    let row = existing.get(asset);
    if (!row && asset === NATIVE) {
      row = document.createElement("tr");
      row.dataset.asset = asset;
      const cells = [label.symbol, "", "native price above", ""].map((c) => {
        const td = document.createElement("td");
        td.append(c);
        return td;
      });
      cells[1].className = cells[3].className = "num";
      row.append(...cells);
    }
    if (!row) {
      row = document.createElement("tr");
      row.dataset.asset = asset;
      const input = document.createElement("input");
      input.type = "number";
      input.min = "0";
      input.step = "any";
      input.placeholder = "USD";
      input.dataset.symbol = label.symbol;
      input.addEventListener("input", () => {
        const v = Number(input.value);
        if (input.value === "" || Number.isNaN(v)) usdPrices.delete(asset);
        else usdPrices.set(asset, v);
        verdict();
      });
      const cells = [label.symbol, "", input, ""].map((c) => {
        const td = document.createElement("td");
        td.append(c);
        return td;
      });
      cells[1].className = cells[3].className = "num";
      row.append(...cells);
    }
    row.cells[1].textContent = labelText(amounts[i], label, 6);
    row.dataset.amount = String(amounts[i]);
    fresh.push(row);
  }
  tbody.replaceChildren(...fresh);
  verdict();
  return { paused: Boolean(paused) };
}

export function verdict() {
  const out = el("verdict");
  const button = el<HTMLButtonElement>("claim");
  if (!app.shown) return;
  const held = app.shown.assets.map((a, i) => ({ a, amount: app.shown!.amounts[i] })).filter((x) => x.amount !== 0n);
  button.disabled = app.shown.paused || held.length === 0 || app.busy;
  const nativeInput = el<HTMLInputElement>("native-usd").value;
  if (nativeInput === "" || Number.isNaN(Number(nativeInput))) usdPrices.delete(NATIVE);
  else usdPrices.set(NATIVE, Number(nativeInput));
  // Each row's value at the typed price, whatever the verdict.
  let pool = 0;
  for (const row of el<HTMLTableElement>("pool").tBodies[0].rows) {
    const asset = row.dataset.asset!;
    const amount = BigInt(row.dataset.amount ?? "0");
    const usd = usdPrices.get(asset);
    const value = usd === undefined ? undefined : Number(formatUnits(amount, labels.get(asset)?.decimals ?? 18)) * usd;
    row.cells[3].textContent = value === undefined ? "—" : `$${value.toFixed(2)}`;
    pool += value ?? 0;
  }
  if (app.shown.paused) {
    out.textContent = "The auction is paused: no claim can land until governance unpauses it.";
    out.className = "shortfall";
    return;
  }
  if (held.length === 0) {
    out.textContent = "Nothing to claim: the pool is empty.";
    out.className = "muted";
    return;
  }
  const zkUsd = Number(el<HTMLInputElement>("zk-usd").value);
  const missing = held
    .filter((x) => x.a !== NATIVE && !usdPrices.has(x.a))
    .map((x) => labels.get(x.a)?.symbol ?? short(x.a));
  // The native token's price values its pool balance and the claim's gas.
  if (!usdPrices.has(NATIVE)) missing.push("native");
  if (!zkUsd || missing.length) {
    out.textContent = `Enter USD prices (${[...(!zkUsd ? ["ZK"] : []), ...missing].join(", ")}) to value the pool.`;
    out.className = "muted";
    return;
  }
  // The keeper's rule: pool value against price + gas + 5% margin (gas: 80,000 + 17,000 per asset, at the node's
  // gas price).
  const gas = BigInt(80_000 + 17_000 * held.length) * app.gasPrice;
  const gasUsd = Number(formatUnits(gas, 18)) * (usdPrices.get(NATIVE) ?? 0);
  const cost = (Number(formatUnits(app.shown.price, 18)) * zkUsd + gasUsd) * 1.05;
  const diff = pool - cost;
  const basis = `pool $${pool.toFixed(2)} against price + gas + 5% margin $${cost.toFixed(2)}`;
  out.textContent = diff > 0 ? `Profit $${diff.toFixed(2)}: ${basis}.` : `Shortfall $${(-diff).toFixed(2)}: ${basis}.`;
  out.className = diff > 0 ? "profit" : "shortfall";
}
