#!/usr/bin/env node
// `npm run node:zksync`: anvil-zksync on 127.0.0.1:8011 (chain 260) with the EVM interpreter, so the solc (EVM)
// build runs as it would on Era. anvil-zksync ships only as a GitHub release binary (no npm package): put it on
// PATH or point ANVIL_ZKSYNC_BIN at it. `npx hardhat node-zksync` (hardhat-zksync-node) downloads it itself on a
// machine that reaches GitHub.
"use strict";
const { spawn, spawnSync } = require("child_process");

const bin = process.env.ANVIL_ZKSYNC_BIN || "anvil-zksync";
const probe = spawnSync(bin, ["--version"], { stdio: "ignore" });
if (probe.error) {
  console.error(
    `node:zksync: "${bin}" was not found. anvil-zksync is distributed as a GitHub release binary only; ` +
      "download it (https://github.com/matter-labs/anvil-zksync/releases) and put it on PATH or set ANVIL_ZKSYNC_BIN.",
  );
  process.exit(1);
}
const args = ["--host", "127.0.0.1", "--port", process.env.ZKSYNC_LOCAL_PORT || "8011", "--evm-interpreter", "run"];
console.log(`${bin} ${args.join(" ")}`);
const child = spawn(bin, args, { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
