import { Command, CommanderError } from "commander";
import { VERSION } from "../version.js";
import type { Wrap } from "./command.js";
import { EXIT_USAGE, safe, UsageError, writeErr } from "./output.js";

export { VERSION } from "../version.js";
export type { Wrap } from "./command.js";

/** A command's action returns its exit code; `run` returns it instead of exiting, for tests. */
export type Action = (...args: never[]) => Promise<number> | number;

type Register = (program: Command, wrap: Wrap) => void;

/**
 * Each command's module, loaded only when that command runs: `validate` must start fast and
 * `serve` must not carry the HTTP client stacks of `check` and `scan` in memory.
 */
const COMMANDS: Record<string, () => Promise<Register[]>> = {
  validate: async () => [(await import("./validate.js")).registerValidate],
  check: async () => [(await import("./check.js")).registerCheck],
  serve: async () => [(await import("./serve.js")).registerServe],
  export: async () => [(await import("./export.js")).registerExport],
  init: async () => [(await import("./init.js")).registerInit],
  scan: async () => [(await import("./scan.js")).registerScan],
  report: async () => [(await import("./report.js")).registerReport],
};

/** Builds the program with `only` the named command registered, or every command (help, unknown). */
export async function buildProgram(
  setExit: (code: number) => void,
  only?: string,
): Promise<Command> {
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
  // --version needs no command; help and unknown commands list them all.
  const loaders =
    only === "--version" || only === "-V"
      ? []
      : only && COMMANDS[only]
        ? [COMMANDS[only]]
        : Object.values(COMMANDS);
  for (const load of loaders) for (const register of await load()) register(program, wrap);
  return program;
}

/** Runs the CLI with `argv` (as process.argv) and resolves to the exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = await buildProgram((c) => {
    code = c;
  }, argv[2]);
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
      // The message may quote a flag or an input file: escaped.
      writeErr(`matrix-support: ${safe(error.message)}\n`);
      return EXIT_USAGE;
    }
    writeErr(
      `matrix-support: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 70;
  }
}
