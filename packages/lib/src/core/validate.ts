import { type AnalyseOptions, walk } from "./analyse.js";
import { type Diagnostic, hasErrors } from "./diagnostics.js";
import { locateDiagnostics, type ParsedSource } from "./json-source.js";

/** `validateSupport`'s answer. */
export interface ValidationResult {
  /** No error diagnostic (with `strict`, no warning either). */
  valid: boolean;
  diagnostics: Diagnostic[];
}

/** Options of `validateSupport` and `validateSource`. */
export interface ValidateOptions extends AnalyseOptions {
  /** Count warnings as errors. */
  strict?: boolean | undefined;
}

/**
 * Strict validation: every MUST of the spec is an error; checks beyond the spec are warnings or info.
 * https://spec.matrix.org/latest/client-server-api/#getwell-knownmatrixsupport
 */
export function validateSupport(value: unknown, options: ValidateOptions = {}): ValidationResult {
  // The same walk as parseSupport, without assembling the usable copy nobody reads here.
  const { diagnostics } = walk(value, options, false);
  return { valid: !hasErrors(diagnostics, options.strict), diagnostics };
}

/** Validates parsed text: the text's own problems first, then the document's, each located. */
export function validateSource(
  source: ParsedSource,
  options: ValidateOptions = {},
): ValidationResult & { value: unknown } {
  if (source.value === undefined) {
    return { valid: false, diagnostics: source.diagnostics, value: undefined };
  }
  const { diagnostics } = walk(source.value, options, false);
  const all = [...source.diagnostics, ...locateDiagnostics(diagnostics, source)];
  return { valid: !hasErrors(all, options.strict), diagnostics: all, value: source.value };
}
