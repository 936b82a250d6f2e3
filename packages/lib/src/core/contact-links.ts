/** Links people can click for a contact: mailto:, matrix.to, the matrix: URI scheme, PGP keys. */
import { isFingerprintUri } from "./grammar/fingerprint.js";
import { parseUri } from "./grammar/uri.js";
import { parseUserId } from "./grammar/user-id.js";

// RFC 3986 characters that may stand unescaped in a fragment (pchar / "/" / "?").
const FRAGMENT_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?]/;
// Characters safe in a mailto: addr-spec besides unreserved (RFC 6068 section 2: no '%', '?', '#' etc.).
const MAILTO_SAFE = /[A-Za-z0-9\-._~!$'()*+,;=:@]/;

function encodeExcept(text: string, safe: RegExp): string {
  let out = "";
  for (const ch of text) {
    out += safe.test(ch)
      ? ch
      : encodeURIComponent(ch).replace(
          /[!'()*]/g,
          (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
        );
  }
  return out;
}

/** `mailto:` link for an email address (RFC 6068), with an optional subject. */
export function mailtoLink(email: string, subject?: string): string {
  const base = `mailto:${encodeExcept(email, MAILTO_SAFE)}`;
  return subject ? `${base}?subject=${encodeURIComponent(subject)}` : base;
}

/** `https://matrix.to/#/@user:server` link for a user ID. */
export function matrixToLink(userId: string): string {
  return `https://matrix.to/#/${encodeExcept(userId, FRAGMENT_SAFE)}`;
}

/**
 * `matrix:u/user:server` URI (the spec's matrix: scheme) for a user ID; undefined for a string that
 * is not a user ID. https://spec.matrix.org/latest/appendices/#matrix-uri-scheme
 */
export function matrixUri(userId: string): string | undefined {
  const parsed = parseUserId(userId);
  if (!parsed.ok) return undefined;
  // The localpart is one path segment: '/' and other reserved characters must be escaped.
  const local = encodeURIComponent(parsed.localpart);
  return `matrix:u/${local}:${encodeExcept(parsed.serverName, /[A-Za-z0-9\-.:[\]]/)}`;
}

/**
 * The href for an MSC4439 PGP key value, or undefined when it must be shown as text only. Two
 * kinds become links: an https: URL with a host, and `openpgp4fpr:` followed by exactly a v4 or v6
 * fingerprint. Never a scheme that runs code (`javascript:`, `data:`...), never plain http: (the
 * key could be swapped on the way), never another scheme an external handler would receive.
 */
export function pgpKeyLink(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  if (isFingerprintUri(value)) return value;
  const uri = parseUri(value);
  return uri.ok && uri.scheme === "https" && uri.host ? value : undefined;
}
