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

export const ASCII_CLASS: Uint8Array = (() => {
  const table = new Uint8Array(128);
  const add = (chars: string, flag: number) => {
    for (let i = 0; i < chars.length; i++) {
      const c = chars.charCodeAt(i);
      table[c] = (table[c] ?? 0) | flag;
    }
  };
  const lower = "abcdefghijklmnopqrstuvwxyz";
  const upper = lower.toUpperCase();
  const digits = "0123456789";
  add(lower + upper + digits + "!#$%&'*+-/=?^_`{|}~", ATEXT);
  add(lower + upper + digits + "-", LDH);
  add(lower + digits + "._=-/+", LOCALPART);
  add(lower + upper + digits + "-.", DNS_CHAR);
  add(`${lower + upper + digits}-._~!$&'()*+,;=:@`, PCHAR);
  add(`${digits}abcdefABCDEF`, HEX);
  return table;
})();

/** True when `c` (a char code) is ASCII and in the class `flag`. */
export function isClass(c: number, flag: number): boolean {
  return c < 128 && ((ASCII_CLASS[c] ?? 0) & flag) !== 0;
}
