// The auction panel: price, nonce, state, bounds and guardian, live from the chain.
import { Contract } from "ethers";
import { zk, short, facts } from "../context";

export async function auctionPanel(auction: Contract) {
  const [price, nonce, paused, floor, ceiling, guardian] = await Promise.all([
    auction.price(),
    auction.nonce(),
    auction.paused(),
    auction.PRICE_FLOOR(),
    auction.PRICE_CEILING(),
    auction.guardian(),
  ]);
  facts("auction", [
    ["price", zk(price)],
    ["nonce", String(nonce)],
    ["state", paused ? "paused" : "open"],
    ["bounds", `${zk(floor)} … ${zk(ceiling)}`],
    ["guardian", short(guardian)],
  ]);
  return Boolean(paused);
}
