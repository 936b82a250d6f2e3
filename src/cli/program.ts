import { Command, CommanderError } from "commander";
import { registerCheck } from "./check.js";
import { registerExport } from "./export.js";
import { registerInit } from "./init.js";
import { EXIT_USAGE, UsageError, writeErr } from "./output.js";
import { registerReport, registerScan } from "./scan.js";
import { registerServe } from "./serve.js";
import { registerValidate } from "./validate.js";

export const VERSION = "0.1.0";

/** A command's action returns its exit code; `run` returns it instead of exiting, for tests. */
export type Action = (...args: never[]) => Promise<number> | number;

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command("matrix-support")
    .description(
      "Publish, check, consume and survey the Matrix support endpoint (/.well-known/matrix/support).",
    )
    .version(VERSION)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({ writeErr: (s) => writeErr(s) });
  const wrap =
    <A extends unknown[]>(fn: (...args: A) => Promise<number> | number) =>
    async (...args: A): Promise<void> => {
      setExit(await fn(...args));
    };
  registerValidate(program, wrap);
  registerCheck(program, wrap);
  registerServe(program, wrap);
  registerExport(program, wrap);
  registerInit(program, wrap);
  registerScan(program, wrap);
  registerReport(program, wrap);
  return program;
}

export type Wrap = <A extends unknown[]>(
  fn: (...args: A) => Promise<number> | number,
) => (...args: A) => Promise<void>;

/** Runs the CLI with `argv` (as process.argv) and resolves to the exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => {
    code = c;
  });
  if (argv.length <= 2) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        error.code === "commander.help"
      )
        return 0;
      return EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      writeErr(`matrix-support: ${error.message}\n`);
      return EXIT_USAGE;
    }
    writeErr(
      `matrix-support: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 70;
  }
}
