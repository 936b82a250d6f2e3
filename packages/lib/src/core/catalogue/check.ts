/**
 * Catalogue: what a check adds on top of discovery: CORS on the answer and on each redirect hop,
 * the preflight, the Content-Type, timing, and the comparison with an expected file (--expect).
 * Apart from the transport's own messages so that `discoverSupport` alone does not carry them.
 */
import type { CatalogueEntry } from "../diagnostics.js";
import { LINKS } from "./spec-links.js";

export const CHECK_CODES = {
  CONTENT_TYPE_CHARSET: {
    severity: "warning",
    message: 'The Content-Type names charset "{charset}"; JSON is always UTF-8',
    hint: "Drop the charset parameter or make it utf-8.",
  },
  CONTENT_TYPE_MISSING: {
    severity: "warning",
    message: "The answer has no Content-Type header",
    hint: "Send Content-Type: application/json.",
    spec: LINKS.endpoint,
  },
  CONTENT_TYPE_NOT_JSON: {
    severity: "warning",
    message: 'Served as "{type}", not application/json',
    hint: "Browsers and strict clients may refuse it. nginx: default_type application/json; Caddy: header Content-Type application/json.",
    spec: LINKS.endpoint,
  },
  CORS_MISSING: {
    severity: "warning",
    message: "No Access-Control-Allow-Origin header: browser clients cannot read the file",
    hint: 'Add "Access-Control-Allow-Origin: *" to this path (nginx: add_header Access-Control-Allow-Origin * always;).',
    spec: LINKS.cors,
  },
  CORS_MISSING_ON_REDIRECT: {
    severity: "warning",
    message:
      "The redirect from {url} ({status}) has no Access-Control-Allow-Origin header: browsers stop there, and the spec (v1.20, MSC4402) says every .well-known redirect should carry the CORS headers",
    hint: 'Send "Access-Control-Allow-Origin: *" on the redirect too (nginx: add_header ... always;), or serve the file without a redirect.',
    spec: LINKS.msc(4402),
  },
  CORS_RESTRICTED: {
    severity: "warning",
    message:
      'Access-Control-Allow-Origin is "{value}": web clients on other origins cannot read the file',
    hint: 'Use "Access-Control-Allow-Origin: *"; the file is public.',
    spec: LINKS.cors,
  },
  EXPECT_CONTACT_EXTRA: {
    severity: "error",
    message: "The served contact {contact} is not in {source}",
  },
  EXPECT_CONTACT_MISSING: {
    severity: "error",
    message: "The expected contact {contact} is not served",
  },
  EXPECT_KEY_EXTRA: {
    severity: "error",
    message: '"{key}" is served but not in {source}',
  },
  EXPECT_KEY_MISSING: {
    severity: "error",
    message: '"{key}" is in {source} but not served',
  },
  EXPECT_MATCHES: {
    severity: "info",
    message: "The served file matches {source}",
  },
  EXPECT_PUBLISHED: {
    severity: "error",
    message: "{source} publishes a support file, but the server {actual}",
  },
  EXPECT_SERVER_NAME: {
    severity: "warning",
    message: "{source} describes {expected}, not {actual}",
  },
  EXPECT_UNPUBLISHED: {
    severity: "error",
    message: "{source} publishes nothing (404), but the server serves a support file",
  },
  EXPECT_VALUE_DIFFERS: {
    severity: "error",
    message: '"{key}" is served as {actual}, {source} says {expected}',
  },
  PREFLIGHT_FAILED: {
    severity: "warning",
    message: "The OPTIONS preflight request failed: {detail}",
    hint: "Answer OPTIONS on this path with 204 and the CORS headers, without running other logic.",
    spec: LINKS.cors,
  },
  PREFLIGHT_NO_CORS: {
    severity: "warning",
    message: "The OPTIONS preflight answer ({status}) has no Access-Control-Allow-Origin header",
    hint: 'Answer OPTIONS with "Access-Control-Allow-Origin: *" and "Access-Control-Allow-Methods: GET, OPTIONS".',
    spec: LINKS.cors,
  },
  PREFLIGHT_NO_GET: {
    severity: "warning",
    message: 'The OPTIONS preflight allows the methods "{methods}", which do not include GET',
    hint: 'Send "Access-Control-Allow-Methods: GET, POST, PUT, DELETE, OPTIONS" as the spec recommends.',
    spec: LINKS.cors,
  },
  SLOW_RESPONSE: {
    severity: "info",
    message: "The answer took {elapsed} ms",
    hint: "Clients look this file up when something is already wrong; a static file answers in milliseconds.",
  },
} as const satisfies Record<string, CatalogueEntry>;
