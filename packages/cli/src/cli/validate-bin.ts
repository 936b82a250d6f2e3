/**
 * `matrix-support validate` as the CommonJS build runs it (bin.ts): the same command, parser and
 * output as in the ES module build, bundled into one file (dist/cli/validate-bin.cjs).
 */
import { EXIT_USAGE, guardStdout, stdoutWriteFailed } from "./output.js";
import { runCommand } from "./run-command.js";
import { spec as validate } from "./validate.js";

guardStdout();
void runCommand(validate, process.argv.slice(3)).then((code) => {
  process.exitCode = stdoutWriteFailed() ? EXIT_USAGE : code;
});
