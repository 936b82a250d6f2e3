/**
 * Email addresses: an RFC 5321 `Mailbox` (what the spec's `email_address` holds since v1.13).
 *
 *   Mailbox     = Local-part "@" ( Domain / address-literal )
 *   Local-part  = Dot-string / Quoted-string
 *   Domain      = sub-domain *("." sub-domain)      sub-domain = Let-dig [Ldh-str]
 *
 * Sizes: a domain label is at most 63 octets and a domain at most 255 (DNS cannot hold more), so
 * longer is invalid. A local part over 64 octets or an address over 254 is valid (the ABNF has no
 * limit) but over what RFC 5321 (4.5.3.1) requires every server to accept: `overSize` says so.
 * No display name, no `mailto:` prefix. UTF-8 addresses (RFC 6531) are recognised separately.
 */
import { utf8Length } from "./result.js";

/** Why an address was refused: bad syntax, a `mailto:` prefix, a display name, or an obfuscation placeholder. */
export type EmailProblem = "syntax" | "mailto" | "display_name" | "obfuscated";

/** The parts of a valid address. */
export interface Email {
  local: string;
  domain: string;
  /** Uses RFC 6531 UTF-8 characters: valid for SMTPUTF8 mail, not for RFC 5321. */
  nonAscii: boolean;
  /** Valid, but over a size every mail server must accept (why, for messages); may bounce. */
  overSize?: string;
}

/** `parseEmail`'s answer: the parts, or the problem with a reason (and a corrected address when one is obvious). */
export type EmailResult =
  | ({ ok: true } & Email)
  | { ok: false; problem: EmailProblem; reason: string; suggestion?: string };

const ATEXT = "A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~";
const DOT_STRING = new RegExp(`^[${ATEXT}]+(\\.[${ATEXT}]+)*$`);
const DOT_STRING_UTF8 = new RegExp(`^[${ATEXT}\\u0080-\\uffff]+(\\.[${ATEXT}\\u0080-\\uffff]+)*$`);
// qtextSMTP (32-33, 35-91, 93-126) or quoted-pairSMTP (backslash + 32-126).
const QUOTED_STRING = /^"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*"$/;
const SUB_DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const SUB_DOMAIN_UTF8 =
  /^[A-Za-z0-9\u0080-\uffff](?:[A-Za-z0-9\u0080-\uffff-]*[A-Za-z0-9\u0080-\uffff])?$/;
const IPV4_LITERAL = /^\[(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\]$/;
const IPV6_LITERAL = /^\[IPv6:[0-9A-Fa-f:.]+\]$/;
const GENERAL_LITERAL = /^\[[A-Za-z0-9-]*[A-Za-z0-9]:[\x21-\x5a\x5e-\x7e]+\]$/;

const CONTROL = /[\x00-\x1f\x7f-\x9f]/;
const codePointName = (ch: string): string =>
  `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;

const bad = (problem: EmailProblem, reason: string, suggestion?: string): EmailResult =>
  suggestion === undefined
    ? { ok: false, problem, reason }
    : { ok: false, problem, reason, suggestion };

// The common case in one regex: ASCII dot-string local part, DNS labels of at most 63 characters.
const PLAIN_ADDRESS = new RegExp(
  `^[${ATEXT}]+(?:\\.[${ATEXT}]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$`,
);
// Cloudflare's email obfuscation rewrites addresses to "[email protected]" (often with U+00A0).
const OBFUSCATED =
  /\[email(?:&#160;|\s|\u00a0)*protected\]|^email(?:&#160;|\s|\u00a0)+protected$|\/cdn-cgi\/l\/email-protection/i;

/**
 * Fast yes for the common case, allocating nothing: true means parseEmail would accept `input` as
 * an ASCII address; false means "ask parseEmail".
 */
export function isPlainEmail(input: string): boolean {
  // ASCII only here, so lengths in characters are lengths in bytes.
  return input.length <= 254 && PLAIN_ADDRESS.test(input) && input.indexOf("@") <= 64;
}

/** Whether `input` contains "protect" in any ASCII case, without a RegExp or a lower-cased copy. */
function hasProtect(input: string): boolean {
  const word = "protect";
  const last = input.length - word.length;
  outer: for (let i = 0; i <= last; i++) {
    for (let j = 0; j < word.length; j++)
      if ((input.charCodeAt(i + j) | 0x20) !== word.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

/** Parses an RFC 5321 mailbox as the spec's `email_address` holds it. */
export function parseEmail(input: string): EmailResult {
  if (isPlainEmail(input)) {
    const at = input.indexOf("@");
    return { ok: true, local: input.slice(0, at), domain: input.slice(at + 1), nonAscii: false };
  }
  if (input.length === 0) return bad("syntax", "it is empty");
  if (input.trim() !== input) return bad("syntax", "it has surrounding white space", input.trim());
  // C0, DEL and C1 controls are never part of an address, ASCII (RFC 5321) or UTF-8 (RFC 6531).
  const control = CONTROL.exec(input);
  if (control)
    return bad("syntax", `it contains a control character (${codePointName(control[0])})`);
  const first = input.charCodeAt(0) | 0x20;
  if (first === 0x6d /* m or M */ && /^mailto:/i.test(input)) {
    const rest = input.slice(7).split("?")[0] ?? "";
    let decoded = rest;
    try {
      decoded = decodeURIComponent(rest);
    } catch {
      // keep the raw text as the suggestion
    }
    return bad("mailto", "it has a mailto: prefix", decoded);
  }
  // Every form of the placeholder holds "protect" (in any case): skip the big RegExp otherwise.
  if (hasProtect(input) && OBFUSCATED.test(input))
    return bad("obfuscated", "it is an obfuscation placeholder");
  const angle = input.endsWith(">") ? /^(.*?)\s*<([^<>]*)>$/.exec(input) : null;
  if (angle) return bad("display_name", "it includes a display name", angle[2]);
  const at = input.lastIndexOf("@");
  if (at < 0) return bad("syntax", "it has no '@'");
  const local = input.slice(0, at);
  const domain = input.slice(at + 1);
  if (local.length === 0) return bad("syntax", "the part before '@' is empty");
  if (domain.length === 0) return bad("syntax", "the domain after '@' is empty");
  if (/\s/.test(input) && !local.startsWith('"')) return bad("syntax", "it contains white space");
  let nonAscii = false;
  if (!DOT_STRING.test(local) && !QUOTED_STRING.test(local)) {
    if (DOT_STRING_UTF8.test(local)) nonAscii = true;
    else if (local.includes("..") || local.startsWith(".") || local.endsWith("."))
      return bad("syntax", "the local part has a misplaced '.' (leading, trailing or doubled)");
    else return bad("syntax", "the local part has characters that need quoting");
  }
  let overSize: string | undefined =
    utf8Length(local) > 64 ? "the local part is longer than 64 bytes" : undefined;
  if (domain.startsWith("[")) {
    const v4 = IPV4_LITERAL.exec(domain);
    if (v4) {
      if (v4.slice(1).some((o) => Number(o) > 255))
        return bad("syntax", "the IPv4 address literal is out of range");
    } else if (!IPV6_LITERAL.test(domain) && !GENERAL_LITERAL.test(domain)) {
      return bad("syntax", "the address literal after '@' is malformed");
    }
  } else {
    const labels = domain.split(".");
    for (const label of labels) {
      if (label.length === 0) return bad("syntax", "the domain has an empty label");
      if (label.length > 63) return bad("syntax", "a domain label is longer than 63 characters");
      if (SUB_DOMAIN.test(label)) continue;
      if (SUB_DOMAIN_UTF8.test(label)) {
        nonAscii = true;
        continue;
      }
      return bad("syntax", `the domain label "${label}" is not a valid host name label`);
    }
    if (utf8Length(domain) > 255) return bad("syntax", "the domain is longer than 255 bytes");
  }
  if (utf8Length(input) > 254) overSize ??= "the address is longer than 254 bytes";
  return overSize === undefined
    ? { ok: true, local, domain, nonAscii }
    : { ok: true, local, domain, nonAscii, overSize };
}

/** True for a valid RFC 5321 mailbox (ASCII) or RFC 6531 one (UTF-8). */
export function isEmail(input: string): boolean {
  return parseEmail(input).ok;
}
