// How amounts, dates and proposal states read, for the command line and the dashboard alike. No Node or Hardhat
// imports: the dashboard bundles this file.

/** The governor's `state()` answers, by their index (OpenZeppelin 4.9 and 5 alike). */
export const PROPOSAL_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;

/** `amount` base units of a token with `decimals` as a person reads it: thousands grouped, at most `digits`
 * decimals (cut, never rounded up), no trailing zeros: 1234567891000000000000n, 18, 2 → "1,234.56". */
export function unitsText(amount: bigint, decimals: number, digits: number): string {
  const negative = amount < 0n;
  const magnitude = negative ? -amount : amount;
  const one = 10n ** BigInt(decimals);
  const whole = (magnitude / one).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const shown = Math.min(digits, decimals);
  const fraction = ((magnitude % one) / 10n ** BigInt(decimals - shown)).toString().padStart(shown, "0");
  const trimmed = fraction.replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${trimmed ? `.${trimmed}` : ""}`;
}

/** "1,234.5678 USDC": an amount with its symbol, at most four decimals. */
export function amountText(amount: bigint, decimals: number, symbol: string, digits = 4): string {
  return `${unitsText(amount, decimals, digits)} ${symbol}`;
}

/** "1,000 ZK" */
export function zkText(amount: bigint, digits = 4): string {
  return amountText(amount, 18, "ZK", digits);
}

/** A Unix time in seconds as an ISO date and time: "2026-12-01T20:55:40Z". */
export function dateText(seconds: bigint | number): string {
  return new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z");
}

/** "0x1234…abcd" */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}
