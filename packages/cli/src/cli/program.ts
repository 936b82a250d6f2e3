import { suggestKey } from "../../../lib/src/core/suggest.js";
import { VERSION } from "../version.js";
import type { CommandSpec } from "./command.js";
import { programHelp } from "./command-line.js";
import { writeOut } from "./output.js";
import { helpWidth, runCommand, unexpected, usageError } from "./run-command.js";

export { VERSION } from "../version.js";

const DESCRIPTION =
  "Publish, check, consume and survey the Matrix support endpoint (/.well-known/matrix/support).";

/**
 * Each command's module, loaded only when that command runs: `validate` must start fast and
 * `serve` must not carry the HTTP client stacks of `check` and `scan` in memory.
 */
const COMMANDS: Readonly<Record<string, () => Promise<CommandSpec>>> = {
  validate: async () => (await import("./validate.js")).spec,
  check: async () => (await import("./check.js")).spec,
  serve: async () => (await import("./serve.js")).spec,
  export: async () => (await import("./export.js")).spec,
  init: async () => (await import("./init.js")).spec,
  scan: async () => (await import("./scan.js")).spec,
  report: async () => (await import("./report.js")).spec,
};

/** Every command's spec (help, the command reference's test). */
export async function loadCommands(): Promise<CommandSpec[]> {
  return Promise.all(Object.values(COMMANDS).map((load) => load()));
}

/** Runs the CLI with `argv` (as process.argv) and resolves to the exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  const [first, ...rest] = argv.slice(2);
  try {
    if (first === undefined || first === "--help" || first === "-h") {
      writeOut(programHelp(DESCRIPTION, await loadCommands(), helpWidth()));
      return 0;
    }
    if (first === "--version" || first === "-V") {
      writeOut(`${VERSION}\n`);
      return 0;
    }
    if (first === "help" && (rest[0] === undefined || rest[0] === "--help" || rest[0] === "-h"))
      return run([...argv.slice(0, 2), "--help"]);
    const name = first === "help" ? (rest[0] as string) : first;
    const load = COMMANDS[name];
    if (!load) {
      if (name.startsWith("-"))
        return usageError("matrix-support", `unknown flag ${name}`, "matrix-support --help");
      const near = suggestKey(name, Object.keys(COMMANDS));
      return usageError(
        "matrix-support",
        `unknown command "${name}"${near ? ` (did you mean ${near}?)` : ""}`,
        "matrix-support --help",
      );
    }
    // `help NAME` is `NAME --help`.
    return await runCommand(await load(), first === "help" ? ["--help"] : rest);
  } catch (error) {
    return unexpected(error);
  }
}
