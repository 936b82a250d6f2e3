/**
 * `matrix-support validate` as the CommonJS build runs it (bin.ts): the same command, parser and
 * output as in the ES module build, bundled into one file (dist/cli/validate-bin.cjs).
 */
import { runAsMain } from "./output.js";
import { runCommand } from "./run-command.js";
import { spec as validate } from "./validate.js";

void runAsMain(() => runCommand(validate, process.argv.slice(3)));
