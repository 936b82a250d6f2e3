/**
 * Common Namespaced Identifier Grammar.
 * https://spec.matrix.org/latest/appendices/#common-namespaced-identifier-grammar
 * 1-255 chars; first [a-z]; then [a-z0-9._-]. `m.` is reserved for the spec.
 */
import { IDENT, isClass } from "./ascii.js";
import { describeChar, fail, type GrammarResult } from "./result.js";

/** What a valid identifier is: reserved (`m.`) and/or namespaced. */
export interface NamespacedIdentifier {
  /** Starts with `m.`: reserved for the spec. */
  reserved: boolean;
  /** Has at least one `.`: reverse-DNS style, as identifiers outside the spec should be. */
  namespaced: boolean;
}

/** Parses a role name (or any identifier) against the Common Namespaced Identifier Grammar. */
export function parseNamespacedIdentifier(input: string): GrammarResult<NamespacedIdentifier> {
  if (input.length === 0) return fail("it is empty");
  if (input.length > 255) return fail("it is longer than 255 characters");
  const first = input[0] ?? "";
  if (!/[a-z]/.test(first))
    return fail(`it must start with a lower-case letter, not ${describeChar(first)}`);
  for (let i = 1; i < input.length; i++) {
    if (isClass(input.charCodeAt(i), IDENT)) continue;
    // The whole code point (a surrogate pair is one character), as a for-of loop would see it.
    const ch = String.fromCodePoint(input.codePointAt(i) ?? 0);
    return fail(`${describeChar(ch)} is not allowed (only a-z, 0-9, '.', '_', '-')`);
  }
  return { ok: true, reserved: input.startsWith("m."), namespaced: input.includes(".") };
}

/** True when `input` follows the Common Namespaced Identifier Grammar. */
export function isNamespacedIdentifier(input: string): boolean {
  return parseNamespacedIdentifier(input).ok;
}
