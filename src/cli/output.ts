/** Terminal output shared by the commands: exit codes, colours on a TTY only, diagnostics as a linter prints them. */
import pc from "picocolors";
import { colourEnabled } from "../node/colour.js";
import type { Diagnostic } from "../spec/index.js";

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

/** Colours for `stream`, as `colourEnabled` decides (FORCE_COLOR, NO_COLOR, a terminal, TERM=dumb). */
export function colours(stream: NodeJS.WriteStream = process.stdout) {
  return pc.createColors(colourEnabled(stream));
}

export function printJson(value: unknown): void {
  writeOut(`${JSON.stringify(value, null, 2)}\n`);
}

/** `file:line:col  severity  message  (CODE)` with the hint and spec link under it. */
export function formatDiagnostic(d: Diagnostic, file: string | undefined, c = colours()): string {
  const where = file
    ? `${file}${d.line !== undefined ? `:${d.line}:${d.column ?? 1}` : ""}`
    : d.path !== undefined && d.path !== ""
      ? d.path
      : "";
  const sev =
    d.severity === "error"
      ? c.red("error")
      : d.severity === "warning"
        ? c.yellow("warning")
        : c.blue("info");
  // The first line is exactly `file:line:col  severity  message  (CODE)`, the message as in --json;
  // the JSON Pointer goes under it with the hint.
  let out = `${where ? `${c.bold(where)}  ` : ""}${sev}  ${d.message}  ${c.dim(`(${d.code})`)}\n`;
  if (file && d.path) out += `    ${c.dim("path:")} ${d.path}\n`;
  if (d.hint) out += `    ${c.dim("hint:")} ${d.hint}\n`;
  if (d.spec) out += `    ${c.dim("spec:")} ${c.dim(d.spec)}\n`;
  return out;
}

export function summarise(diagnostics: readonly Diagnostic[], c = colours()): string {
  const n = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  const errors = n("error");
  const warnings = n("warning");
  const infos = n("info");
  const plural = (k: number, w: string) => `${k} ${w}${k === 1 ? "" : "s"}`;
  const text = `${plural(errors, "error")}, ${plural(warnings, "warning")}, ${infos} info`;
  return errors > 0 ? c.red(text) : warnings > 0 ? c.yellow(text) : c.green(text);
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
