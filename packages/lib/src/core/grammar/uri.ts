/**
 * Absolute URIs (RFC 3986 section 4.3), as `support_page` (format: uri) requires.
 *
 *   absolute-URI = scheme ":" hier-part [ "?" query ]      (plus a fragment, which links carry)
 *   hier-part    = "//" authority path-abempty / path-absolute / path-rootless / path-empty
 *
 * One tolerance: a raw '#' inside the fragment (matrix.to links such as
 * `https://matrix.to/#/#room:example.org`), which browsers and the spec's own examples accept.
 */
import {
  COLON,
  HASH,
  isClass,
  onlyCharsOrEscapes,
  PCHAR,
  QUESTION,
  SCHEME_CHAR,
  SLASH,
  SUB,
  URI_CHAR,
} from "./ascii.js";
import { describeChar, fail, type GrammarResult } from "./result.js";

/** The parts of an absolute URI that the rules look at. */
export interface Uri {
  /** Lower-cased scheme without the colon. */
  scheme: string;
  /** Host, when the URI has an authority. */
  host?: string;
}

// The parts' grammars, `*( chars / pct-encoded )` each, checked by a scanner (no RegExp call):
//   path  (pchar | "/")*          query (pchar | "/" | "?")*      fragment, tolerant: + "#"
//   userinfo (unreserved | sub-delims | ":" | pct-encoded)*      reg-name: without ":"
const UNRESERVED_SUBDELIMS = "A-Za-z0-9\\-._~!$&'()*+,;=";
const PCHAR_RE = `[${UNRESERVED_SUBDELIMS}:@]|%[0-9A-Fa-f]{2}`;
const PATH = PCHAR | SLASH;
const QUERY = PATH | QUESTION;
const FRAGMENT_TOLERANT = QUERY | HASH;
const USERINFO = SUB | COLON;
const REG_NAME = SUB;
const IP_LITERAL = /^\[(?:[0-9A-Fa-f:.]+|v[0-9A-Fa-f]+\.[A-Za-z0-9\-._~!$&'()*+,;=:]+)\]$/;

/** The first character no URI may hold (a whole code point, as for-of sees it), described. */
function firstBadChar(text: string): string {
  for (let i = 0; i < text.length; i++) {
    if (!isClass(text.charCodeAt(i), URI_CHAR))
      return describeChar(String.fromCodePoint(text.codePointAt(i) ?? 0));
  }
  return "a malformed part";
}

/** Length of the scheme (`[A-Za-z][A-Za-z0-9+.-]*` before a ':'), or 0 when there is none. */
function schemeLength(input: string): number {
  const c = input.charCodeAt(0) | 0x20;
  if (c < 0x61 || c > 0x7a) return 0;
  let i = 1;
  while (i < input.length && isClass(input.charCodeAt(i), SCHEME_CHAR)) i++;
  return input.charCodeAt(i) === 0x3a /* : */ ? i : 0;
}

/** Parses an absolute URI (RFC 3986; a raw `#` in the fragment is tolerated, as browsers do). */
export function parseUri(input: string): GrammarResult<Uri> {
  if (input.length === 0) return fail("it is empty");
  if (input.trim() !== input) return fail("it has surrounding white space");
  const schemeEnd = schemeLength(input);
  if (schemeEnd === 0) {
    return fail(
      input.startsWith("/") || input.startsWith("www.") || !input.includes(":")
        ? "it has no scheme (a full address starts with https://)"
        : "the scheme is malformed",
    );
  }
  const scheme = input.slice(0, schemeEnd).toLowerCase();
  let rest = input.slice(schemeEnd + 1);
  let fragment: string | undefined;
  const hash = rest.indexOf("#");
  if (hash >= 0) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  let query: string | undefined;
  const q = rest.indexOf("?");
  if (q >= 0) {
    query = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  let host: string | undefined;
  let path = rest;
  if (rest.startsWith("//")) {
    const slash = rest.indexOf("/", 2);
    const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    path = slash < 0 ? "" : rest.slice(slash);
    const atSign = authority.lastIndexOf("@");
    const userinfo = atSign >= 0 ? authority.slice(0, atSign) : undefined;
    const hostPort = atSign >= 0 ? authority.slice(atSign + 1) : authority;
    if (userinfo !== undefined && !onlyCharsOrEscapes(userinfo, USERINFO))
      return fail(`the user information has ${firstBadChar(userinfo)}`);
    let portText: string | undefined;
    if (hostPort.startsWith("[")) {
      const close = hostPort.indexOf("]");
      if (close < 0) return fail("an IPv6 host is missing its closing ']'");
      host = hostPort.slice(0, close + 1);
      if (!IP_LITERAL.test(host)) return fail("the IP literal host is malformed");
      const after = hostPort.slice(close + 1);
      if (after !== "") {
        if (!after.startsWith(":")) return fail("only ':port' may follow the host");
        portText = after.slice(1);
      }
    } else {
      const colon = hostPort.lastIndexOf(":");
      host = colon >= 0 ? hostPort.slice(0, colon) : hostPort;
      if (colon >= 0) portText = hostPort.slice(colon + 1);
      if (!onlyCharsOrEscapes(host, REG_NAME)) return fail(`the host has ${firstBadChar(host)}`);
    }
    if (portText !== undefined && !/^\d*$/.test(portText)) return fail("the port is not a number");
  }
  if (!onlyCharsOrEscapes(path, PATH)) return fail(`the path has ${firstBadChar(path)}`);
  if (query !== undefined && !onlyCharsOrEscapes(query, QUERY))
    return fail(`the query has ${firstBadChar(query)}`);
  if (fragment !== undefined && !onlyCharsOrEscapes(fragment, FRAGMENT_TOLERANT))
    return fail(`the fragment has ${firstBadChar(fragment)}`);
  if ((scheme === "http" || scheme === "https") && !host)
    return fail(`an ${scheme}: address needs a host (${scheme}://host/...)`);
  const result: { ok: true } & Uri = { ok: true, scheme };
  if (host !== undefined) result.host = host;
  return result;
}

// An https: URL with a plain host: the common support page, and a subset of what parseUri accepts.
const PLAIN_HTTPS = new RegExp(
  `^https://[A-Za-z0-9.-]+(?::\\d{1,5})?(?:/(?:${PCHAR_RE}|/)*)?(?:\\?(?:${PCHAR_RE}|[/?])*)?(?:#(?:${PCHAR_RE}|[/?#])*)?$`,
);

/** Fast yes for the common case, allocating nothing: true means parseUri accepts it as https:. */
export function isPlainHttpsUrl(input: string): boolean {
  return PLAIN_HTTPS.test(input);
}

/** True when `input` is an absolute URI. */
export function isAbsoluteUri(input: string): boolean {
  return parseUri(input).ok;
}
