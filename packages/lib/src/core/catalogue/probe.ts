/** Catalogue: the web checker and its server-side probe (`/check`, `/api/check`). Owned by src/probe and src/web. */
import type { CatalogueEntry } from "../diagnostics.js";
import { LINKS } from "./spec-links.js";

export const PROBE_CODES = {
  PROBE_NO_SERVER: {
    severity: "error",
    message: "No server name given: ask for /api/check?server=NAME",
    hint: 'A server name is a host name with an optional port, e.g. "example.org".',
  },
  PROBE_METHOD_NOT_ALLOWED: {
    severity: "error",
    message: "{path} answers GET and HEAD only, not {method}",
  },
  PROBE_RATE_LIMITED: {
    severity: "error",
    message: "Too many checks from your address: try again in {seconds} s",
    hint: "The checker allows {burst} checks at once, then one every {every} s per address.",
  },
  PROBE_BUSY: {
    severity: "error",
    message: "The checker is busy with {max} checks already: try again in a moment",
  },
  PROBE_FAILED: {
    severity: "error",
    message: "The checker failed while checking this server: {detail}",
  },
  // ---- serve --probe-metrics: /probe (owned by src/checker/probe-metrics.ts) ----
  PROBE_NO_TARGET: {
    severity: "error",
    message: "No target given: ask for /probe?target=NAME",
    hint: "In Prometheus, set the target with relabelling as for the blackbox exporter (examples/prometheus/prometheus.yml).",
  },
  PROBE_EXPECT_INVALID: {
    severity: "error",
    message: "expect={value}: {reason}",
    hint: "expect names a file in serve's --probe-expect-dir (a config or a support document), or an https:// URL of one.",
  },
  BROWSER_BLOCKED: {
    severity: "warning",
    message:
      "Your browser could not read the file: the answer (or a redirect before it) has no Access-Control-Allow-Origin header, or the server could not be reached (browsers do not say which)",
    hint: 'Browser clients read the file only when the answer, and every redirect before it, carries "Access-Control-Allow-Origin: *". The checker\'s server sees the headers the browser hides.',
    spec: LINKS.cors,
  },
} as const satisfies Record<string, CatalogueEntry>;
