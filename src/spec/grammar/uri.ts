/**
 * Absolute URIs (RFC 3986 section 4.3), as `support_page` (format: uri) requires.
 *
 *   absolute-URI = scheme ":" hier-part [ "?" query ]      (plus a fragment, which links carry)
 *   hier-part    = "//" authority path-abempty / path-absolute / path-rootless / path-empty
 *
 * One tolerance: a raw '#' inside the fragment (matrix.to links such as
 * `https://matrix.to/#/#room:example.org`), which browsers and the spec's own examples accept.
 */
import { DNS_CHAR, HEX, isClass, PCHAR as PCHAR_CLASS } from "./ascii.js";
import { describeChar, fail, type GrammarResult } from "./result.js";

export interface Uri {
  /** Lower-cased scheme without the colon. */
  scheme: string;
  /** Host, when the URI has an authority. */
  host?: string;
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const UNRESERVED_SUBDELIMS = "A-Za-z0-9\\-._~!$&'()*+,;=";
const PCHAR = `[${UNRESERVED_SUBDELIMS}:@]|%[0-9A-Fa-f]{2}`;
const PATH = new RegExp(`^(?:${PCHAR}|/)*$`);
const QUERY = new RegExp(`^(?:${PCHAR}|[/?])*$`);
const FRAGMENT_TOLERANT = new RegExp(`^(?:${PCHAR}|[/?#])*$`);
const USERINFO = new RegExp(`^(?:[${UNRESERVED_SUBDELIMS}:]|%[0-9A-Fa-f]{2})*$`);
const REG_NAME = new RegExp(`^(?:[${UNRESERVED_SUBDELIMS}]|%[0-9A-Fa-f]{2})*$`);
const IP_LITERAL = /^\[(?:[0-9A-Fa-f:.]+|v[0-9A-Fa-f]+\.[A-Za-z0-9\-._~!$&'()*+,;=:]+)\]$/;

function firstBadChar(text: string): string {
  for (const ch of text) {
    if (!/[A-Za-z0-9\-._~!$&'()*+,;=:@/?#%[\]]/.test(ch)) return describeChar(ch);
  }
  return "a malformed part";
}

export function parseUri(input: string): GrammarResult<Uri> {
  if (input.length === 0) return fail("it is empty");
  if (input.trim() !== input) return fail("it has surrounding white space");
  const schemeMatch = SCHEME.exec(input);
  if (!schemeMatch) {
    return fail(
      input.startsWith("/") || input.startsWith("www.") || !input.includes(":")
        ? "it has no scheme (a full address starts with https://)"
        : "the scheme is malformed",
    );
  }
  const scheme = (schemeMatch[1] ?? "").toLowerCase();
  let rest = input.slice(schemeMatch[0].length);
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
    if (userinfo !== undefined && !USERINFO.test(userinfo))
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
      if (!REG_NAME.test(host)) return fail(`the host has ${firstBadChar(host)}`);
    }
    if (portText !== undefined && !/^\d*$/.test(portText)) return fail("the port is not a number");
  }
  if (!PATH.test(path)) return fail(`the path has ${firstBadChar(path)}`);
  if (query !== undefined && !QUERY.test(query))
    return fail(`the query has ${firstBadChar(query)}`);
  if (fragment !== undefined && !FRAGMENT_TOLERANT.test(fragment))
    return fail(`the fragment has ${firstBadChar(fragment)}`);
  if ((scheme === "http" || scheme === "https") && !host)
    return fail(`an ${scheme}: address needs a host (${scheme}://host/...)`);
  const result: { ok: true } & Uri = { ok: true, scheme };
  if (host !== undefined) result.host = host;
  return result;
}

/**
 * Fast yes for the common case, allocating nothing: true means parseUri accepts it as https:.
 * The common support page, a subset of what parseUri accepts, checked in one pass:
 * `https://` host of letters, digits, '-' and '.', optional port of 1-5 digits, then path, query
 * and fragment of pchar (or %XX), with '/' (path), '/?' (query) and '/?#' (fragment).
 */
export function isPlainHttpsUrl(input: string): boolean {
  const n = input.length;
  if (!input.startsWith("https://")) return false;
  let i = 8;
  while (i < n && isClass(input.charCodeAt(i), DNS_CHAR)) i++;
  if (i === 8) return false;
  if (i < n && input.charCodeAt(i) === 0x3a /* : */) {
    const port = ++i;
    while (i < n && isDigit(input.charCodeAt(i))) i++;
    if (i === port || i - port > 5) return false;
  }
  // 0: path (after '/'), 1: query (after '?'), 2: fragment (after '#').
  let part: number;
  if (i === n) return true;
  const first = input.charCodeAt(i++);
  if (first === 0x2f /* / */) part = 0;
  else if (first === 0x3f /* ? */) part = 1;
  else if (first === 0x23 /* # */) part = 2;
  else return false;
  while (i < n) {
    const c = input.charCodeAt(i++);
    if (isClass(c, PCHAR_CLASS) || c === 0x2f) continue;
    if (c === 0x25 /* % */) {
      if (i + 1 >= n || !isClass(input.charCodeAt(i), HEX) || !isClass(input.charCodeAt(i + 1), HEX))
        return false;
      i += 2;
    } else if (c === 0x3f) {
      if (part === 0) part = 1;
    } else if (c === 0x23) part = 2;
    else return false;
  }
  return true;
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

export function isAbsoluteUri(input: string): boolean {
  return parseUri(input).ok;
}
