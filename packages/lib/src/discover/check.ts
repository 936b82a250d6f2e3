/**
 * The transport check: what `check`, `scan` and the web probe add on top of discovery. CORS on the
 * answer and on every redirect hop, the OPTIONS preflight, Content-Type, timing, the spec core's
 * lint, and (optionally) drift from what the admin meant to publish. Runs everywhere.
 */

import { CHECK_CODES } from "../core/catalogue/check.js";
import { TRANSPORT_CODES } from "../core/catalogue/transport.js";
import { diagnosticFrom } from "../core/diagnostics.js";
import { type Diagnostic, supportUrl } from "../core/index.js";
import { Deadline, discoverSupport } from "./discover.js";
import { compareExpected, type ExpectedSupport } from "./expect.js";
import { classifyError } from "./failure.js";
import { type CheckReport, checkReport } from "./report.js";
import {
  DEFAULT_ORIGIN,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_USER_AGENT,
  type DiscoverOptions,
  type DiscoveryResult,
  type FetchLike,
} from "./types.js";

const diagnostic = diagnosticFrom({ ...TRANSPORT_CODES, ...CHECK_CODES });

export { type CheckReport, failedCheckReport } from "./report.js";

/** Options of `checkServer`: discovery's (lint is always on) plus the transport checks'. */
export interface CheckOptions extends Omit<DiscoverOptions, "lint"> {
  /** Send the OPTIONS preflight too (default true). */
  preflight?: boolean | undefined;
  /** Answers slower than this get a SLOW_RESPONSE note (ms, default 2000). */
  slowMs?: number | undefined;
  /** Report drift from what the admin meant to publish. */
  expect?: ExpectedSupport | undefined;
}

/** What the OPTIONS preflight got back. */
export type PreflightResult =
  | { ok: true; status: number; allowOrigin: string | null; allowMethods: string | null }
  | { ok: false; detail: string };

/** The report plus what the human output shows beyond it. */
export interface CheckOutcome {
  report: CheckReport;
  result: DiscoveryResult;
  preflight?: PreflightResult;
}

/** Answers slower than this (ms) get a `SLOW_RESPONSE` note. */
export const DEFAULT_SLOW_MS = 2000;

/** The codes that mean a browser client cannot read the file (CORS on the answer, a redirect hop or the preflight). */
export const CORS_CODES: ReadonlySet<string> = new Set([
  "CORS_MISSING",
  "CORS_RESTRICTED",
  "CORS_MISSING_ON_REDIRECT",
  "PREFLIGHT_FAILED",
  "PREFLIGHT_NO_CORS",
  "PREFLIGHT_NO_GET",
] satisfies (keyof typeof CHECK_CODES)[]);

/** Checks one server: discovery with lint, then the transport checks. Never throws. */
export async function checkServer(
  serverName: string,
  options: CheckOptions = {},
): Promise<CheckReport> {
  return (await runCheck(serverName, options)).report;
}

/** `checkServer` with the details the human report prints (preflight, final URL, bytes). */
export async function runCheck(
  serverName: string,
  options: CheckOptions = {},
): Promise<CheckOutcome> {
  const {
    preflight: wantPreflight = true,
    slowMs = DEFAULT_SLOW_MS,
    expect,
    ...discover
  } = options;
  const discovery = discoverSupport(serverName, { ...discover, lint: true });
  // The preflight is sent right after the GET, without waiting for its answer: a check costs one
  // round trip, not two. Over a transport that keeps one connection per server (the Node
  // transport's `session()`), both go on the same connection, the preflight pipelined behind the
  // GET; `discoverSupport` calls `fetch` before its first `await`, so the GET is always first.
  const preflightPromise =
    wantPreflight && !discover.signal?.aborted ? sendPreflight(serverName, options) : undefined;
  const result = await discovery;
  const preflight = await preflightPromise;
  const diagnostics = [...result.diagnostics, ...transportDiagnostics(result, preflight, slowMs)];
  if (expect) diagnostics.push(...compareExpected(expect, result));
  const report = checkReport(result, diagnostics);
  return preflight ? { report, result, preflight } : { report, result };
}

async function sendPreflight(
  serverName: string,
  options: CheckOptions,
): Promise<PreflightResult | undefined> {
  let url: string;
  try {
    url = supportUrl(serverName);
  } catch {
    return undefined;
  }
  const fetchFn: FetchLike = options.fetch ?? globalThis.fetch;
  const deadline = new Deadline(options.timeout ?? DEFAULT_TIMEOUT_MS, options.signal);
  try {
    const response = await fetchFn(url, {
      method: "OPTIONS",
      headers: {
        origin: options.origin ?? DEFAULT_ORIGIN,
        "access-control-request-method": "GET",
        "user-agent": options.userAgent ?? DEFAULT_USER_AGENT,
      },
      redirect: "manual",
      signal: deadline.signal,
    });
    response.body?.cancel().catch(() => {});
    return {
      ok: true,
      status: response.status,
      allowOrigin: response.headers.get("access-control-allow-origin"),
      allowMethods: response.headers.get("access-control-allow-methods"),
    };
  } catch (error) {
    const detail = deadline.timedOut
      ? "no answer in time"
      : classifyError(error, serverName, "headers").diagnostic.message;
    return { ok: false, detail };
  } finally {
    deadline.done();
  }
}

/** The media type and charset of a Content-Type header value. */
function contentType(value: string): { type: string; charset?: string } {
  const [type = "", ...params] = value.split(";");
  const out: { type: string; charset?: string } = { type: type.trim().toLowerCase() };
  for (const p of params) {
    const m = /^\s*charset\s*=\s*"?([^";\s]+)"?\s*$/i.exec(p);
    if (m?.[1]) out.charset = m[1].toLowerCase();
  }
  return out;
}

function corsDiagnostic(allowOrigin: string | null, origin: string): Diagnostic | undefined {
  if (allowOrigin === null) return diagnostic("CORS_MISSING", undefined);
  const v = allowOrigin.trim();
  // An echoed Origin works for every web client, like "*".
  if (v === "*" || v === origin) return undefined;
  return diagnostic("CORS_RESTRICTED", undefined, { value: v });
}

/** The transport checks, as a pure function of what discovery and the preflight saw. */
export function transportDiagnostics(
  result: DiscoveryResult,
  preflight: PreflightResult | undefined,
  slowMs = DEFAULT_SLOW_MS,
  origin = DEFAULT_ORIGIN,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const hop of result.http.redirects) {
    if (hop.access_control_allow_origin === null)
      out.push(
        diagnostic("CORS_MISSING_ON_REDIRECT", undefined, { url: hop.url, status: hop.status }),
      );
  }
  const headers = result.http.headers;
  if (!headers) return out;
  const answered = result.status === "found" || result.status === "invalid";
  if (answered || result.status === "not_found") {
    const cors = corsDiagnostic(headers["access-control-allow-origin"] ?? null, origin);
    if (cors) out.push(cors);
  }
  if (answered) {
    const raw = headers["content-type"];
    if (raw === undefined) out.push(diagnostic("CONTENT_TYPE_MISSING", undefined));
    else {
      const ct = contentType(raw);
      if (ct.type !== "application/json")
        out.push(diagnostic("CONTENT_TYPE_NOT_JSON", undefined, { type: raw }));
      if (ct.charset && ct.charset !== "utf-8" && ct.charset !== "utf8")
        out.push(diagnostic("CONTENT_TYPE_CHARSET", undefined, { charset: ct.charset }));
    }
    if (preflight) out.push(...preflightDiagnostics(preflight));
  }
  if (result.http.elapsed_ms > slowMs)
    out.push(diagnostic("SLOW_RESPONSE", undefined, { elapsed: result.http.elapsed_ms }));
  return out;
}

function preflightDiagnostics(p: PreflightResult): Diagnostic[] {
  if (!p.ok) return [diagnostic("PREFLIGHT_FAILED", undefined, { detail: p.detail })];
  if (p.status < 200 || p.status > 299)
    return [
      diagnostic("PREFLIGHT_FAILED", undefined, {
        detail:
          p.status >= 300 && p.status < 400
            ? `it answered ${p.status}, a redirect, which browsers do not follow for preflights`
            : `it answered ${p.status}`,
      }),
    ];
  const out: Diagnostic[] = [];
  // A restricted origin is already reported for the GET; only a missing header is news here.
  if (p.allowOrigin === null)
    out.push(diagnostic("PREFLIGHT_NO_CORS", undefined, { status: p.status }));
  if (p.allowMethods !== null) {
    const methods = p.allowMethods.split(",").map((m) => m.trim().toUpperCase());
    if (!methods.includes("GET") && !methods.includes("*"))
      out.push(diagnostic("PREFLIGHT_NO_GET", undefined, { methods: p.allowMethods }));
  }
  return out;
}
