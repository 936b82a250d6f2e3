/** Terminal output shared by the commands: exit codes, colours on a TTY only, diagnostics as a linter prints them. */
import { printable } from "../../../lib/src/core/printable.js";
import { colours } from "../colour.js";

export { colours } from "../colour.js";
// The one formatter of diagnostics (shared with serve's logs and init's prompts).
export { formatDiagnostic, formatNote, summarise } from "../diagnostic-text.js";

export const EXIT_OK = 0;
export const EXIT_FAIL = 1;
export const EXIT_USAGE = 2;

/** A problem with how the command was called or with reading its input: exit 2, one line, no stack. */
export class UsageError extends Error {}

let stdoutGone = false;
let stdoutBroken = false;

/** True once standard output was closed by its reader (`| head -1`): nothing more goes there. */
export function stdoutClosed(): boolean {
  return stdoutGone;
}

/** True when writing to standard output failed for another reason (a full disk): an I/O error. */
export function stdoutWriteFailed(): boolean {
  return stdoutBroken;
}

/** A write error that means the reader went away, not that the command failed. */
export function isClosedPipe(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "EPIPE" || code === "ERR_STREAM_DESTROYED";
}

function stdoutFailed(error: unknown): void {
  if (stdoutGone) return;
  stdoutGone = true;
  // A closed pipe is the reader's choice: quiet. Anything else (a full disk) is said once.
  if (isClosedPipe(error)) return;
  stdoutBroken = true;
  // The error may come after the command returned its code (a stream reports it later).
  process.exitCode = EXIT_USAGE;
  writeErr(
    `matrix-support: cannot write to standard output: ${error instanceof Error ? error.message : String(error)}\n`,
  );
}

/**
 * Output cut short by its reader ends the command quietly: EPIPE, and the writes after it, are
 * caught instead of crashing with a stack trace; nothing more is written to standard output and
 * the command ends with its own exit code. Installed once, by the CLI's entry point.
 */
export function guardStdout(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on("error", stdoutFailed);
}

/**
 * An entry point's frame around its command: standard output guarded, then the command's exit
 * code, or 2 when its output was lost otherwise than by a closed pipe (`> /dev/full`).
 */
export async function runAsMain(command: () => Promise<number>): Promise<void> {
  guardStdout();
  const code = await command();
  process.exitCode = stdoutWriteFailed() ? EXIT_USAGE : code;
}

export function writeOut(s: string): void {
  if (stdoutGone) return;
  try {
    process.stdout.write(s);
  } catch (error) {
    // A file or terminal reports write errors at once (e.g. ENOSPC), a pipe through "error".
    stdoutFailed(error);
  }
}
export function writeErr(s: string): void {
  process.stderr.write(s);
}

export function printJson(value: unknown): void {
  writeOut(`${JSON.stringify(value, null, 2)}\n`);
}

/** Parses a positive integer flag or throws a UsageError naming the flag. */
export function intOption(name: string, min = 1, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new UsageError(`${name} takes a whole number, not "${value}"`);
    const n = Number(value);
    if (n < min || n > max) throw new UsageError(`${name} must be between ${min} and ${max}`);
    return n;
  };
}

// ---- text from outside (servers, input files, configs, flags) on its way to a terminal ----

/**
 * Text that came from a server, an input file, a config or a flag, made safe for a terminal:
 * control characters, line breaks and bidi controls shown as visible escapes (`\x1b`, `\n`,
 * `\u202e`). Our own text and colours never go through it.
 */
export function safe(value: unknown): string {
  return printable(typeof value === "string" ? value : String(value));
}

/** Terminal text we composed: our own words and colours, every outside value in it escaped. */
export class TermText {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** Marks text we wrote ourselves (a formatted diagnostic, a summary) so `term` keeps it as is. */
export function ours(text: string): TermText {
  return new TermText(text);
}

/**
 * The tagged template for terminal lines: its literal parts are ours; every interpolated value is
 * escaped with `safe`, except TermText (from `term`, `paint` or `ours`). Forgetting to escape
 * is therefore impossible; forgetting `ours` only shows our colours as escapes.
 */
export function term(strings: TemplateStringsArray, ...values: unknown[]): TermText {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out += v instanceof TermText ? v.text : safe(v);
    out += strings[i + 1] ?? "";
  }
  return new TermText(out);
}

/** TermText pieces joined. */
export function joinTerm(pieces: readonly TermText[], separator = ""): TermText {
  return new TermText(pieces.map((p) => p.text).join(separator));
}

export type Paint = Record<
  "bold" | "dim" | "red" | "green" | "yellow" | "blue",
  (value: unknown) => TermText
>;

/** Colours for `term`: each escapes what it paints (unless TermText) and returns TermText. */
export function paint(c = colours()): Paint {
  const wrap =
    (f: (s: string) => string) =>
    (value: unknown): TermText =>
      new TermText(f(value instanceof TermText ? value.text : safe(value)));
  return {
    bold: wrap(c.bold),
    dim: wrap(c.dim),
    red: wrap(c.red),
    green: wrap(c.green),
    yellow: wrap(c.yellow),
    blue: wrap(c.blue),
  };
}
