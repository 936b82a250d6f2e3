#!/usr/bin/env node
/** The `matrix-support` command: a thin shell; each command lives in its own file. */
import { run } from "./program.js";

process.exitCode = await run(process.argv);
