#!/usr/bin/env node
/** The `matrix-support` command: a thin shell; each command lives in its own file. */
import { runAsMain } from "./output.js";
import { run } from "./program.js";

// `matrix-support ... | head -1`: a closed standard output ends the command quietly; output lost
// otherwise (`> /dev/full`) is an I/O error.
await runAsMain(() => run(process.argv));
