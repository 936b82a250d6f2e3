/**
 * Character classes of the grammars' fast paths, as bit flags in one table indexed by char code:
 * a loop over `charCodeAt` with a table look-up beats a RegExp call on these short strings.
 */

/** atext of RFC 5321: letters, digits and ! # $ % & ' * + - / = ? ^ _ ` { | } ~ */
export const ATEXT = 1;
/** Letters, digits and '-': the characters of a DNS label. */
export const LDH = 2;
/** The current user ID localpart grammar: a-z 0-9 . _ = - / + */
export const LOCALPART = 4;
/** A dns-name or IPv4 server name: letters, digits, '-' and '.'. */
export const DNS_CHAR = 8;
/** RFC 3986 pchar without pct-encoded: unreserved, sub-delims, ':' and '@'. */
export const PCHAR = 16;
/** Hex digits (for pct-encoded). */
export const HEX = 32;
/** RFC 3986 unreserved and sub-delims: A-Z a-z 0-9 - . _ ~ ! $ & ' ( ) * + , ; = */
export const SUB = 64;
/** The Common Namespaced Identifier's characters after the first: a-z 0-9 . _ - */
export const IDENT = 128;
/** Single characters, for the URI parts that allow them beside pchar. */
export const SLASH = 256;
export const QUESTION = 512;
export const HASH = 1024;
export const COLON = 2048;
/** Every character a URI may hold: unreserved, reserved and '%'. */
export const URI_CHAR = 4096;
/** The characters of a URI scheme after the first letter: A-Z a-z 0-9 + - . */
export const SCHEME_CHAR = 8192;

export const ASCII_CLASS: Uint16Array = (() => {
  const table = new Uint16Array(128);
  const add = (chars: string, flag: number) => {
    for (let i = 0; i < chars.length; i++) {
      const c = chars.charCodeAt(i);
      table[c] = (table[c] ?? 0) | flag;
    }
  };
  const lower = "abcdefghijklmnopqrstuvwxyz";
  const alnum = `${lower}${lower.toUpperCase()}0123456789`;
  for (const flag of [ATEXT, LDH, DNS_CHAR, PCHAR]) add(alnum, flag);
  add("!#$%&'*+-/=?^_`{|}~", ATEXT);
  add("-", LDH);
  add(`${lower}0123456789._=-/+`, LOCALPART);
  add("-.", DNS_CHAR);
  add("-._~!$&'()*+,;=:@", PCHAR);
  add("0123456789abcdefABCDEF", HEX);
  add(alnum, SUB);
  add("-._~!$&'()*+,;=", SUB);
  add(`${lower}0123456789._-`, IDENT);
  add("/", SLASH);
  add("?", QUESTION);
  add("#", HASH);
  add(":", COLON);
  add(alnum, URI_CHAR);
  add("-._~!$&'()*+,;=:@/?#%[]", URI_CHAR);
  add(alnum, SCHEME_CHAR);
  add("+-.", SCHEME_CHAR);
  return table;
})();

/** True when `c` (a char code) is ASCII and in the class `flag`. */
export function isClass(c: number, flag: number): boolean {
  return c < 128 && ((ASCII_CLASS[c] ?? 0) & flag) !== 0;
}

/**
 * True when `text` is only characters of the classes in `mask` and %XX escapes: the RFC 3986
 * productions of the form `*( chars / pct-encoded )`, without a RegExp.
 */
export function onlyCharsOrEscapes(text: string, mask: number): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isClass(c, mask)) continue;
    if (c !== 0x25 /* % */ || !isClass(text.charCodeAt(i + 1), HEX)) return false;
    if (!isClass(text.charCodeAt(i + 2), HEX)) return false;
    i += 2;
  }
  return true;
}
