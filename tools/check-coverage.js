#!/usr/bin/env node
// Fails when coverage/coverage-summary.json (from `npm run coverage`) is below the floors the project keeps.
"use strict";
const fs = require("fs");
const path = require("path");

/** Folder (under contracts/) → minimum line and branch coverage, in percent. */
const FLOORS = {
  "token/": { lines: 100, branches: 100 },
  "feeflow/": { lines: 98, branches: 95 },
  "interop/": { lines: 98, branches: 95 },
  "governance/": { lines: 98, branches: 95 },
  "staking/": { lines: 98, branches: 95 },
};

const summary = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "coverage", "coverage-summary.json"), "utf8"));
const totals = {};
for (const [file, data] of Object.entries(summary)) {
  const m = file.match(/contracts\/([a-z]+\/)/);
  if (!m || !FLOORS[m[1]]) continue;
  const t = (totals[m[1]] ??= { lines: [0, 0], branches: [0, 0] });
  t.lines[0] += data.lines.covered;
  t.lines[1] += data.lines.total;
  t.branches[0] += data.branches.covered;
  t.branches[1] += data.branches.total;
}
let failed = false;
for (const [folder, t] of Object.entries(totals)) {
  const pct = (x) => (x[1] === 0 ? 100 : (100 * x[0]) / x[1]);
  const lines = pct(t.lines);
  const branches = pct(t.branches);
  const floor = FLOORS[folder];
  const ok = lines >= floor.lines && branches >= floor.branches;
  failed ||= !ok;
  console.log(
    `${ok ? "ok  " : "FAIL"} contracts/${folder.padEnd(12)} lines ${lines.toFixed(2)}% (≥ ${floor.lines}%)  branches ${branches.toFixed(2)}% (≥ ${floor.branches}%)`,
  );
}
process.exitCode = failed ? 1 : 0;
