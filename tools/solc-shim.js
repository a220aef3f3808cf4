#!/usr/bin/env node
// A `solc` executable for forge, backed by the npm solc-js build (no compiler download).
// Answers `--version` in native solc's format and `--standard-json` through solc-js `compile`.
"use strict";
const fs = require("fs");
const path = require("path");
const solc = require("solc");

const args = process.argv.slice(2);
if (args.includes("--version")) {
  const version = solc.version().replace(".Emscripten.clang", ".Linux.g++");
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${version}\n`);
} else if (args.includes("--standard-json")) {
  const input = fs.readFileSync(0, "utf8");
  const roots = [process.cwd()];
  for (let i = 0; i < args.length; i++) {
    if ((args[i] === "--base-path" || args[i] === "--include-path") && args[i + 1]) roots.push(args[i + 1]);
  }
  const findImports = (importPath) => {
    for (const root of roots) {
      const file = path.resolve(root, importPath);
      if (fs.existsSync(file)) return { contents: fs.readFileSync(file, "utf8") };
    }
    return { error: `File not found: ${importPath}` };
  };
  const output = solc.compile(input, { import: findImports });
  // Let the process end by itself: exiting right after a large write can truncate it.
  process.stdout.write(output);
} else {
  process.stderr.write("solc-shim: only --version and --standard-json are supported\n");
  process.exitCode = 1;
}
