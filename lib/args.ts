// Parsing what a user types on the command line: every number is read from text here, so a mistake is one line
// naming the option and the rule (Hardhat's own int and float types answer "-1" or "1e400" with a stack trace or
// accept an infinite price).
import { UserError } from "../scripts/cli";

/** A whole number within [min, max], written in digits (no sign, exponent or fraction). */
export function wholeNumber(option: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const text = String(value).trim();
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max.toLocaleString("en-US")}`;
    throw new UserError(`--${option} must be a whole number ${range}, not "${text}"`);
  }
  return n;
}

/** A price in USD: a finite number above zero (or zero when `allowZero`), in plain or exponent notation. */
export function usdPrice(what: string, value: unknown, allowZero = false): number {
  const text = String(value).trim();
  const n = Number(text);
  if (text === "" || !Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) {
    throw new UserError(`${what} must be a finite number of USD ${allowZero ? "≥ 0" : "> 0"}, not "${text}"`);
  }
  return n;
}

/** A TCP port, 1 to 65,535. */
export function portNumber(option: string, value: unknown): number {
  return wholeNumber(option, value, 1, 65_535);
}
