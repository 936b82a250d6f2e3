import { type AnalyseOptions, analyseSupport } from "./analyse.js";
import type { Diagnostic } from "./diagnostics.js";
import type { SupportDocument } from "./types.js";

/** `parseSupport`'s answer. */
export interface ParseResult {
  /** Every usable contact and the support page when valid; null when nothing is usable. */
  document: SupportDocument | null;
  /** Everything that was found, including why each dropped part was dropped. */
  diagnostics: Diagnostic[];
}

/**
 * Lenient parsing for consumers. Keeps every usable contact (any role, known or not), the support
 * page when it is a web address, and extension keys; drops the rest with a diagnostic each.
 * Never throws; keys such as `__proto__` are copied as own properties and never touch prototypes.
 */
export function parseSupport(value: unknown, options: AnalyseOptions = {}): ParseResult {
  return analyseSupport(value, options);
}
