#!/usr/bin/env node
// Finds assertions that await something after the promise they check was created:
//   await expect(tx()).to.be.revertedWithCustomError(await factory(), "E")   // tx() may reject before expect attaches
// A promise that rejects while another `await` runs has no handler yet: Node reports an unhandled rejection and the
// test fails or passes by timing. Hoist the awaited value above the promise instead. Exits 1 naming each place.
"use strict";
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const DIRS = ["test", "test-nodes", "test-browser"];

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** The index just past the parenthesis that closes the one at `open`, skipping strings and template literals. */
function closing(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === "`") {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === "\\") i++;
    } else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i + 1;
  }
  return text.length;
}

const problems = [];
for (const file of DIRS.flatMap((d) => (fs.existsSync(path.join(ROOT, d)) ? files(path.join(ROOT, d)) : []))) {
  const text = fs.readFileSync(file, "utf8");
  // Only an awaited expect checks a promise; `expect(value).to.equal(await x)` compares plain values.
  for (const match of text.matchAll(/await expect\(/g)) {
    const open = match.index + "await expect".length;
    const end = closing(text, open);
    const argument = text.slice(open + 1, end - 1).trim();
    // A function is called by the matcher itself, after every argument was evaluated: no race.
    if (/^(async\s*)?(\([^)]*\)|\w+)\s*=>/.test(argument) || /^await\b/.test(argument)) continue;
    const statementEnd = text.indexOf(";", end);
    const chain = text.slice(end, statementEnd === -1 ? text.length : statementEnd);
    if (/^\s*\.to/.test(chain) && /\bawait\b/.test(chain)) {
      const line = text.slice(0, match.index).split("\n").length;
      problems.push(`${path.relative(ROOT, file)}:${line}: an await in the assertion runs after its promise started`);
    }
  }
}
if (problems.length) {
  console.error(problems.join("\n"));
  console.error("hoist each awaited value above the promise the assertion checks");
  process.exitCode = 1;
} else {
  console.log("test promises: every assertion attaches to its promise before anything else is awaited");
}
