#!/usr/bin/env node
/** The `matrix-support` command: a thin shell; each command lives in its own file. */
import { guardStdout } from "./output.js";
import { run } from "./program.js";

// `matrix-support ... | head -1`: a closed standard output ends the command quietly.
guardStdout();
process.exitCode = await run(process.argv);
