/** One command run from its words: help, usage errors, the action, and what an error becomes. */
import type { CommandSpec } from "./command.js";
import { commandHelp, parseCommandLine } from "./command-line.js";
import { EXIT_USAGE, safe, UsageError, writeErr, writeOut } from "./output.js";

/** The width `--help` wraps to: the terminal's, within reason; 80 when not on a terminal. */
export const helpWidth = (): number => Math.min(process.stdout.columns || 80, 120);

/** A usage error: one line naming what was wrong, one saying where the usage is; exit 2. */
export function usageError(prefix: string, message: string, help: string): number {
  writeErr(`${prefix}: ${safe(message)}\n(run "${help}" for usage)\n`);
  return EXIT_USAGE;
}

/** Runs `command` with `words` (what follows its name) and resolves to the exit code. */
export async function runCommand(command: CommandSpec, words: readonly string[]): Promise<number> {
  try {
    const line = parseCommandLine(command, words);
    if (line.kind === "help") {
      writeOut(commandHelp(command, helpWidth()));
      return 0;
    }
    if (line.kind === "error")
      return usageError(
        `matrix-support ${command.name}`,
        line.message,
        `matrix-support ${command.name} --help`,
      );
    return await command.action(...(line.args as never[]), line.options as never);
  } catch (error) {
    return unexpected(error);
  }
}

/** A UsageError is its one line and exit 2; anything else is a bug: its stack, exit 70. */
export function unexpected(error: unknown): number {
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
