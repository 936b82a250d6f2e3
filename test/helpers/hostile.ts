/** Text a hostile server or file may hold, and what must never reach a terminal raw. */
import { expect } from "vitest";

/** Colours, a window title, a bell, a faked line, a CSI as C1, a Unicode line break, bidi overrides. */
export const HOSTILE =
  "\u001b[31mRED\u001b]0;PWNED\u0007\nFAKE line\r\u009b2J\u2028\u202eevil\u2066";

/**
 * Asserts that `output` (printed without colours) holds no control character but line feeds of
 * its own, no Unicode line break or bidi control, and no line that a hostile value started.
 */
export function expectNoRawText(output: string): void {
  expect(output).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  expect(output).not.toMatch(/^FAKE/m);
}
