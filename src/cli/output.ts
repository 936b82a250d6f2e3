/** Terminal output shared by the commands: exit codes, colours on a TTY only, diagnostics as a linter prints them. */
import pc from "picocolors";
import { colourEnabled } from "../node/colour.js";
import type { Diagnostic } from "../spec/index.js";

export const EXIT_OK = 0;
export const EXIT_FAIL = 1;
export const EXIT_USAGE = 2;

/** A problem with how the command was called or with reading its input: exit 2, one line, no stack. */
export class UsageError extends Error {}

export function writeOut(s: string): void {
  process.stdout.write(s);
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
