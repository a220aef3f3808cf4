#!/usr/bin/env node
// Runs the forge binary shipped in @foundry-rs/forge-linux-amd64 and exits with its exit code.
//   node tools/forge.js test            fuzz + invariant suites (the canary excluded)
//   node tools/forge.js canary          runs the canary and succeeds only if forge fails on it
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");

const forge = path.join(path.dirname(require.resolve("@foundry-rs/forge-linux-amd64/package.json")), "bin", "forge");
const [mode, ...rest] = process.argv.slice(2);

function run(args) {
  const result = spawnSync(forge, args, {
    stdio: "inherit",
    env: { ...process.env, FOUNDRY_DISABLE_NIGHTLY_WARNING: "1" },
  });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

if (mode === "test") {
  process.exitCode = run(["test", "--no-match-path", "forge/canary/*", ...rest]);
} else if (mode === "canary") {
  const status = run(["test", "--match-path", "forge/canary/*", ...rest]);
  if (status === 0) {
    console.error("canary: forge passed a false invariant; a failing invariant would not fail CI");
    process.exitCode = 1;
  } else {
    console.log(`canary: forge exited ${status} on the false invariant, as it must`);
  }
} else {
  process.exitCode = run([mode, ...rest].filter(Boolean));
}
