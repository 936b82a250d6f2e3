/**
 * Diagnostics as text: the one place where a diagnostic becomes words, for a terminal (as a
 * linter prints them), a log line, a prompt or a one-line message. Every field may quote a
 * server, a file or a flag (messages carry their parameters): what goes to a terminal is escaped
 * with `printable`.
 */
import type { Diagnostic } from "../../lib/src/core/diagnostics.js";
import { printable } from "../../lib/src/core/printable.js";
import { type Colours, colours } from "./colour.js";

/** A diagnostic and the place to name with it (a file as the user gave it, a flag), if any. */
export interface Placed {
  diagnostic: Diagnostic;
  where?: string;
}

/** `file:line:col` (column 1 when only the line is known), or `file` for a diagnostic without a line. */
export function diagnosticPlace(d: Diagnostic, file: string): string {
  return d.line !== undefined ? `${file}:${d.line}:${d.column ?? 1}` : file;
}

/**
 * `file:line:col  severity  message  (CODE)` with the JSON Pointer, hint and spec link under it.
 * Without a file, the place is the JSON Pointer (nothing for the whole document).
 */
export function formatDiagnostic(
  d: Diagnostic,
  file: string | undefined,
  c: Colours = colours(),
): string {
  const where = file ? diagnosticPlace(d, file) : d.path !== undefined ? d.path : "";
  const sev =
    d.severity === "error"
      ? c.red("error")
      : d.severity === "warning"
        ? c.yellow("warning")
        : c.blue("info");
  // The first line is exactly `file:line:col  severity  message  (CODE)`, the message as in --json;
  // the JSON Pointer goes under it with the hint.
  let out = `${where ? `${c.bold(printable(where))}  ` : ""}${sev}  ${printable(d.message)}  ${c.dim(`(${printable(d.code)})`)}\n`;
  if (file && d.path) out += `    ${c.dim("path:")} ${printable(d.path)}\n`;
  if (d.hint) out += `    ${c.dim("hint:")} ${printable(d.hint)}\n`;
  if (d.spec) out += `    ${c.dim("spec:")} ${c.dim(printable(d.spec))}\n`;
  return out;
}

/**
 * `file:line:col severity message at /path (CODE) hint: ...`: one line, for logs. Not escaped
 * here: JSON logs keep the text as it is, and the pretty logger escapes what reaches a terminal.
 */
export function diagnosticLine(d: Diagnostic, file: string): string {
  return `${diagnosticPlace(d, file)} ${d.severity} ${d.message}${d.path ? ` at ${d.path}` : ""} (${d.code})${d.hint ? ` hint: ${d.hint}` : ""}`;
}

/** `file:line:col: message`: a diagnostic inside a one-line message (an input refused, exit 2). */
export function placedMessage(d: Diagnostic, file: string): string {
  return `${diagnosticPlace(d, file)}: ${d.message}`;
}

/** A catalogue message as a plain note, `prefix: message` (its parameters escaped with it). */
export function formatNote(prefix: string, d: Diagnostic, c: Colours = colours()): string {
  return `${c.bold(`${printable(prefix)}:`)} ${printable(d.message)}\n`;
}

/** `1 error, 2 warnings, 0 info`, coloured by the worst. */
export function summarise(diagnostics: readonly Diagnostic[], c: Colours = colours()): string {
  const n = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  const errors = n("error");
  const warnings = n("warning");
  const infos = n("info");
  const plural = (k: number, w: string) => `${k} ${w}${k === 1 ? "" : "s"}`;
  const text = `${plural(errors, "error")}, ${plural(warnings, "warning")}, ${infos} info`;
  return errors > 0 ? c.red(text) : warnings > 0 ? c.yellow(text) : c.green(text);
}

/** A diagnostic as a prompt shows it: the message, its hint under it (the prompt marks the severity). */
export function promptText(d: Diagnostic): string {
  return d.hint ? `${printable(d.message)}\n${printable(d.hint)}` : printable(d.message);
}

/** A finding shown in the wizard's log: `where: message`, the hint, then `(CODE)`. */
export function promptNote(d: Diagnostic, where?: string): string {
  return `${where ? `${printable(where)}: ` : ""}${promptText(d)} (${printable(d.code)})`;
}
