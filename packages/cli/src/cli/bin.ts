#!/usr/bin/env node
/**
 * The `matrix-support` command (dist/cli/bin.cjs). Node 20 starts a CommonJS file about 10 ms
 * sooner than an ES module, and `validate` has a cold-start budget (docs/benchmarks.md), so the
 * CommonJS build runs `validate` (validate-bin.ts). Every other command is handed, untouched, to
 * the ES module entry (main.js). Nothing is read or written here.
 */
if (process.argv[2] === "validate") require("./validate-bin.cjs");
else void import("./main.js");
