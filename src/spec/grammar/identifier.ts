/**
 * Common Namespaced Identifier Grammar.
 * https://spec.matrix.org/latest/appendices/#common-namespaced-identifier-grammar
 * 1-255 chars; first [a-z]; then [a-z0-9._-]. `m.` is reserved for the spec.
 */
import { describeChar, fail, type GrammarResult } from "./result.js";

export interface NamespacedIdentifier {
  /** Starts with `m.`: reserved for the spec. */
  reserved: boolean;
  /** Has at least one `.`: reverse-DNS style, as identifiers outside the spec should be. */
  namespaced: boolean;
}

export function parseNamespacedIdentifier(input: string): GrammarResult<NamespacedIdentifier> {
  if (input.length === 0) return fail("it is empty");
  if (input.length > 255) return fail("it is longer than 255 characters");
  const first = input[0] ?? "";
  if (!/[a-z]/.test(first))
    return fail(`it must start with a lower-case letter, not ${describeChar(first)}`);
  for (const ch of input) {
    if (!/[a-z0-9._-]/.test(ch))
      return fail(`${describeChar(ch)} is not allowed (only a-z, 0-9, '.', '_', '-')`);
  }
  return { ok: true, reserved: input.startsWith("m."), namespaced: input.includes(".") };
}

export function isNamespacedIdentifier(input: string): boolean {
  return parseNamespacedIdentifier(input).ok;
}
