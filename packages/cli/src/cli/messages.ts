/**
 * A command's catalogue messages on standard error. Apart from output.ts because it needs the whole
 * catalogue, which `validate` does not load (its own codes come from their areas).
 */
import { diagnostic } from "../../../lib/src/core/catalogue/index.js";
import type { Diagnostic, DiagnosticCode, Params } from "../../../lib/src/core/diagnostics.js";
import type { Placed } from "../diagnostic-text.js";
import { colours, EXIT_USAGE, formatDiagnostic, formatNote, writeErr } from "./output.js";

/** A command's catalogue messages on stderr, through the one formatter, values escaped. */
export function stderrMessages(command: string) {
  const c = colours(process.stderr);
  const say = (d: Diagnostic, where?: string) => writeErr(formatDiagnostic(d, where, c));
  return {
    say,
    /** A catalogue message, at `where` (a file, a flag) and its `line`. */
    tell(code: DiagnosticCode, params: Params = {}, where?: string, line?: number) {
      const d = diagnostic(code, undefined, params);
      if (line !== undefined) d.line = line;
      say(d, where);
    },
    /** A usage or I/O error: exit 2. */
    fail(code: DiagnosticCode, params: Params = {}, where?: string): number {
      say(diagnostic(code, undefined, params), where);
      return EXIT_USAGE;
    },
    /** Inputs refused before anything started: exit 2. */
    refused(...problems: Placed[]): number {
      for (const p of problems) say(p.diagnostic, p.where);
      return EXIT_USAGE;
    },
    note(code: DiagnosticCode, params: Params = {}) {
      writeErr(formatNote(command, diagnostic(code, undefined, params), c));
    },
  };
}
