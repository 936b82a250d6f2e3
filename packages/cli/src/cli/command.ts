/**
 * What a command accepts, as data: its arguments, its flags and the action they feed. The parser
 * (parse.ts) reads the command line against it, the help text is rendered from it, and the
 * command reference's test checks docs/reference/cli/ against it.
 */

/** A positional argument: `<file>` (required), `[file]` (optional), `<files...>` (one or more). */
export interface ArgumentSpec {
  readonly name: string;
  readonly description: string;
}

/** A flag: `--json`, `-y, --yes`, `--timeout <ms>`, or `--no-progress` (sets `progress: false`). */
export interface OptionSpec {
  readonly flags: string;
  readonly description: string;
  /**
   * Turns each value given into the option's value; `previous` is the value so far (the default
   * at first), so a repeatable flag collects. May throw a UsageError naming the flag. Without it
   * the last value given wins.
   */
  readonly parse?: (value: string, previous: never) => unknown;
  /** The value when the flag is not given. */
  readonly default?: unknown;
  /** The only values accepted. */
  readonly choices?: readonly string[];
  /** The flag must be given. */
  readonly required?: boolean;
}

/** A command: `matrix-support NAME [ARGUMENTS] [FLAGS]`. */
export interface CommandSpec {
  readonly name: string;
  readonly description: string;
  readonly arguments?: readonly ArgumentSpec[];
  readonly options: readonly OptionSpec[];
  /** Printed after the flags in `--help`. */
  readonly helpAfter?: string;
  /**
   * Runs the command with the arguments in order (a variadic one as an array, a missing optional
   * one as undefined), then the flags by camel-cased name; resolves to the exit code.
   */
  readonly action: (...args: never[]) => Promise<number> | number;
}
