/** Catalogue: what discovery and `check` find about how the file is served. Owned by src/discover. */
import type { CatalogueEntry } from "../diagnostics.js";
import { LINKS } from "./spec-links.js";

const PUBLISH_HINT =
  "Admins: publish /.well-known/matrix/support so people can reach you when the homeserver is down.";

export const TRANSPORT_CODES = {
  SERVER_NAME_INVALID: {
    severity: "error",
    message: '"{value}" is not a valid server name: {reason}',
    hint: 'A server name is a host name with an optional port, e.g. "example.org" or "example.org:8448".',
    spec: LINKS.serverName,
  },
  NOT_PUBLISHED: {
    severity: "info",
    message: "The server answered 404: it publishes no support information",
    hint: PUBLISH_HINT,
    spec: LINKS.endpoint,
  },
  UNREACHABLE: {
    severity: "error",
    message: "Could not fetch the support file ({phase}): {detail}",
    spec: LINKS.endpoint,
  },
  // ---- network and TLS: the request never got an answer ----
  DNS_FAILED: {
    severity: "error",
    message: 'The name "{host}" does not resolve: {detail}',
    hint: "The support file lives on the server name's own host (not the delegated homeserver); check its DNS records.",
    spec: LINKS.endpoint,
  },
  CONNECT_FAILED: {
    severity: "error",
    message: "Could not connect to {host}: {detail}",
    hint: "Is a web server listening for HTTPS on port 443 of the server name's host?",
    spec: LINKS.endpoint,
  },
  ADDRESS_REFUSED: {
    severity: "error",
    message: "Refused to connect to {address} for {host}: {reason}",
    hint: "This checker only connects to public addresses.",
  },
  TLS_CERT_EXPIRED: {
    severity: "error",
    message: "The TLS certificate of {host} has expired",
    hint: "Renew the certificate (and make sure the renewal reloads the web server).",
  },
  TLS_CERT_NOT_YET_VALID: {
    severity: "error",
    message: "The TLS certificate of {host} is not valid yet",
    hint: "Check the server's clock and the certificate's start date.",
  },
  TLS_CERT_SELF_SIGNED: {
    severity: "error",
    message: "The TLS certificate of {host} is self-signed, so nobody can trust it",
    hint: "Use a certificate from a public authority (e.g. Let's Encrypt); for a private CA, check with --cacert.",
  },
  TLS_CERT_UNTRUSTED: {
    severity: "error",
    message: "The TLS certificate of {host} is not signed by a trusted authority ({detail})",
    hint: "Serve the full chain (the certificate and its intermediates); for a private CA, check with --cacert.",
  },
  TLS_CERT_WRONG_NAME: {
    severity: "error",
    message: "The TLS certificate is not valid for {host}: {detail}",
    hint: "The certificate must name the server name's host (not only the delegated homeserver).",
  },
  TLS_PLAIN_HTTP: {
    severity: "error",
    message: "{host} answered in plain HTTP on an HTTPS port, not with TLS",
    hint: "The port https:// reaches (443) is served by a plain-HTTP listener: turn TLS on for it (nginx: listen 443 ssl; with a certificate), or check where a proxy, a port forward or --connect-to sends the connection.",
  },
  TLS_FAILED: {
    severity: "error",
    message: "The TLS handshake with {host} failed: {detail}",
    hint: "Check that port 443 speaks HTTPS with a current TLS version.",
  },
  TIMEOUT: {
    severity: "error",
    message: "No complete answer within {timeout} ms: timed out {when}",
    hint: "The file should answer in well under a second; clients give up quickly.",
  },
  CONNECTION_CLOSED: {
    severity: "error",
    message: "The server closed the connection {when}: {detail}",
  },
  ABORTED: {
    severity: "error",
    message: "The request was cancelled before it finished",
  },
  // ---- HTTP answers that carry no usable file ----
  HTTP_SERVER_ERROR: {
    severity: "error",
    message: "The server answered {status}{text}: a server error",
    hint: "The web server or the application behind it failed; check its logs.",
    spec: LINKS.endpoint,
  },
  HTTP_ACCESS_DENIED: {
    severity: "error",
    message: "The server answered {status}{text}: access denied",
    hint: "The file is public: no authentication, no rate limit, no bot filter on this path.",
    spec: LINKS.endpoint,
  },
  HTTP_ERROR_STATUS: {
    severity: "error",
    message: "The server answered {status}{text}",
    hint: "Answer 200 with the file, or 404 when there is nothing to publish.",
    spec: LINKS.endpoint,
  },
  BODY_TOO_LARGE: {
    severity: "error",
    message: "The body is larger than {limit} bytes (after decompression); reading stopped there",
    hint: "A support file holds a few contacts; this is not one.",
  },
  BODY_INCOMPLETE: {
    severity: "error",
    message: "The body ended early: {detail}",
    hint: "The server or a proxy cut the answer short; check its logs.",
  },
  BODY_EMPTY: {
    severity: "error",
    message: "The server answered {status} with an empty body",
    hint: "A server with nothing to publish must answer 404.",
    spec: LINKS.endpoint,
  },
  BODY_NOT_UTF8: {
    severity: "error",
    message: "The body is not valid UTF-8 (first invalid byte near offset {offset})",
    hint: "JSON is always UTF-8; save the file as UTF-8.",
  },
  BODY_IS_HTML: {
    severity: "error",
    message: "The server answered with an HTML page, not a JSON document",
    hint: "Often a single-page app that answers every path with its index.html: serve the support file (or a 404) before that fallback.",
    spec: LINKS.endpoint,
  },
  // ---- redirects ----
  REDIRECT_OTHER_HOST: {
    severity: "warning",
    message: "The file redirects to another host ({to})",
    hint: "Some clients do not follow redirects for this file; serve it at the server name's own host.",
    spec: LINKS.endpoint,
  },
  REDIRECT_INSECURE: {
    severity: "error",
    message: "A redirect leads from https to plain http ({to}); refused",
    hint: "Redirect to an https:// address, or serve the file directly.",
  },
  REDIRECT_LOOP: {
    severity: "error",
    message: "Redirect loop: {url} was already visited",
    hint: "Check the web server's rewrite rules for this path.",
  },
  TOO_MANY_REDIRECTS: {
    severity: "error",
    message: "More than {limit} redirects",
    hint: "Serve the file directly, or with a single redirect.",
  },
  REDIRECT_NO_LOCATION: {
    severity: "error",
    message: "The server answered {status} (a redirect) without a Location header",
  },
  REDIRECT_BAD_LOCATION: {
    severity: "error",
    message: 'The redirect target "{location}" is not an http(s) address',
  },
  // ---- transport checks (check) ----
  // ---- --expect: drift between what is served and what the admin meant to publish ----
} as const satisfies Record<string, CatalogueEntry>;
