/**
 * The one rule for showing untrusted text (from a server, an input file, a config) to people on a
 * terminal or in a plain-text cell: characters that could drive the terminal or disguise a line
 * are shown as visible escapes, everything else as is.
 *
 *   C0 controls, DEL, C1 controls   -> \x1b, \x07, \x7f, \x9b ...   (\n, \r, \t for those three)
 *   U+2028, U+2029 (line breaks)     -> \u2028, \u2029
 *   bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), the Arabic letter
 *   mark, zero-width and other invisible format characters (U+200B-U+200F, U+2060-U+2065,
 *   U+FEFF)                          -> \u202e, \u200b ...
 *
 * Backslashes are left alone (a Windows path stays readable), so the output is unambiguous only
 * in what matters: it never holds a control character, a line break or a bidi control.
 */

const UNPRINTABLE = /[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const UNPRINTABLE_ALL = /[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escapeOne(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** `text` with every control character, line break and bidi control shown as a visible escape. */
export function printable(text: string): string {
  return UNPRINTABLE.test(text) ? text.replace(UNPRINTABLE_ALL, escapeOne) : text;
}

/** Whether `printable(text)` would change `text`. */
export function hasUnprintable(text: string): boolean {
  return UNPRINTABLE.test(text);
}
