/**
 * `serve --probe-metrics`: `GET /probe?target=NAME[&expect=FILE_OR_URL]` answers the check of
 * NAME's support file in the Prometheus text format, the way the blackbox exporter answers
 * `/probe?target=...`, so admins alert on it with the Prometheus they already run
 * (examples/prometheus/). Behind the web checker's SSRF guard (./guard.ts) and its rate limit and
 * concurrency cap (./rate-limit.ts), with limits of its own sized for scrapers.
 *
 * Drift (`matrix_support_drift`) compares the live file with `expect` when given, else with the
 * config being served when NAME is that config's server_name; otherwise it is not reported.
 * Changes (`matrix_support_changes`, `matrix_support_document_fingerprint`) are counted against
 * the document this process saw at its previous probe of NAME.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Config } from "../../../lib/src/config/types.js";
import { canonicalJson } from "../../../lib/src/core/canonical-json.js";
import {
  compareSupport,
  diagnostic,
  type Risk,
  type SupportDocument,
  serverHost,
} from "../../../lib/src/core/index.js";
import { decodeUtf8, readCapped } from "../../../lib/src/discover/body.js";
import { type CheckReport, CORS_CODES, checkServer } from "../../../lib/src/discover/check.js";
import type { ExpectedSupport } from "../../../lib/src/discover/expect.js";
import type { FetchLike } from "../../../lib/src/discover/types.js";
import type { RouteHandler } from "../../../lib/src/server/handler.js";
import type { ClientKeyFunction } from "./api.js";
import { type ExpectedResult, expectedFromConfig, expectedFromText } from "./expected.js";
import { guardedTransport, type ProbeTransportOptions } from "./guard.js";
import { ConcurrencyCap, clientKeyOf, RateLimiter, rateLimited } from "./rate-limit.js";

export const PROBE_METRICS_PATH = "/probe";

/** The Prometheus text exposition format, version 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/** Runs one check of `serverName`, with drift against `expect` when given. Must not throw for a bad server. */
export type ProbeCheck = (serverName: string, expect?: ExpectedSupport) => Promise<CheckReport>;

export interface ProbeMetricsOptions extends ProbeTransportOptions {
  /** Per check (ms, default 10 000). */
  timeout?: number | undefined;
  /** The config being served now: drift is measured against it when the target is its server_name. */
  servedConfig?: () => Config | undefined;
  /** The directory whose files `expect=NAME` may name (`serve --probe-expect-dir`); none: files refused. */
  expectDir?: string | undefined;
  clientAddress?: ClientKeyFunction | undefined;
  /** Per client; default 300 probes in a burst, then one every 200 ms (300 targets a minute). */
  limiter?: RateLimiter | undefined;
  /** Probes in flight at once over all clients; default 16. */
  cap?: ConcurrencyCap | undefined;
  /** How long a finished probe's answer is reused for the same target and expect (ms, default 5 000). */
  reuseMs?: number | undefined;
  /** Targets whose last document is remembered for the change count (default 1 000; least recent out). */
  maxRemembered?: number | undefined;
  now?: (() => number) | undefined;
  /** Replaces the real check (tests). */
  check?: ProbeCheck | undefined;
  /** Replaces the guarded fetch used for `expect=https://...` (tests). */
  fetchExpect?: FetchLike | undefined;
  onError?: ((error: unknown) => void) | undefined;
}

export interface ProbeMetrics {
  handler: RouteHandler;
  /** Closes the probe's connections. */
  close(): Promise<void>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A file name in --probe-expect-dir: letters, digits, `.`, `_`, `-`; no path, no leading dot. */
const EXPECT_FILE = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}$/;
const EXPECT_MAX_BYTES = 64 * 1024;

const STATUSES = ["found", "not_found", "invalid", "unreachable"] as const;

/** 32-bit FNV-1a of a string (exact as a Prometheus float). */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A fingerprint of what matters to people: the contacts (in any order) and the support page. */
export function documentFingerprint(document: SupportDocument): number {
  const contacts = Array.isArray(document.contacts)
    ? document.contacts.map((c) => canonicalJson(c)).sort()
    : [];
  return fnv1a(JSON.stringify([contacts, document.support_page ?? null]));
}

export interface ProbeOutcome {
  report: CheckReport;
  durationSeconds: number;
  /** Drift compared with what, or undefined when there was nothing to compare with. */
  drift?: { against: "served_config" | "expect"; drifted: boolean };
  /** Changes by risk since the previous probe of this target (undefined: no earlier document). */
  changes?: Record<Risk, number>;
}

const line = (name: string, value: number, labels?: Record<string, string>): string => {
  const l = labels
    ? `{${Object.entries(labels)
        .map(
          ([k, v]) =>
            `${k}="${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`,
        )
        .join(",")}}`
    : "";
  return `${name}${l} ${Number.isFinite(value) ? String(value) : "NaN"}\n`;
};
const head = (name: string, help: string): string =>
  `# HELP ${name} ${help}\n# TYPE ${name} gauge\n`;

/** The metrics of one probe, in the Prometheus text format. */
export function renderProbeMetrics(outcome: ProbeOutcome): string {
  const { report } = outcome;
  const diagnostics = report.diagnostics.filter((d) => !d.code.startsWith("EXPECT_"));
  const count = (severity: string) => diagnostics.filter((d) => d.severity === severity).length;
  const success = report.status === "found" && count("error") === 0 ? 1 : 0;
  const answered = report.http.status !== undefined;
  const corsOk = answered && !diagnostics.some((d) => CORS_CODES.has(d.code)) ? 1 : 0;
  const contacts = Array.isArray(report.document?.contacts) ? report.document.contacts.length : 0;
  let out = "";
  out += head(
    "matrix_support_probe_success",
    "1 when the support file was found with no error diagnostic (drift aside), else 0.",
  );
  out += line("matrix_support_probe_success", success);
  out += head(
    "matrix_support_probe_duration_seconds",
    "How long the check took: discovery, redirects, body and preflight.",
  );
  out += line(
    "matrix_support_probe_duration_seconds",
    Math.round(outcome.durationSeconds * 1e6) / 1e6,
  );
  out += head(
    "matrix_support_status",
    "The discovery status: 1 for the current one, 0 for the others.",
  );
  for (const s of STATUSES)
    out += line("matrix_support_status", report.status === s ? 1 : 0, { status: s });
  out += head(
    "matrix_support_http_status_code",
    "The final answer's HTTP status; 0 without an answer.",
  );
  out += line("matrix_support_http_status_code", report.http.status ?? 0);
  out += head("matrix_support_contacts", "Contacts in the usable document; 0 without one.");
  out += line("matrix_support_contacts", contacts);
  out += head(
    "matrix_support_diagnostics",
    "Diagnostics of the check by severity (drift findings aside).",
  );
  for (const severity of ["error", "warning"])
    out += line("matrix_support_diagnostics", count(severity), { severity });
  out += head(
    "matrix_support_cors_ok",
    "1 when browsers can read the file: CORS on the answer and every redirect, and the preflight.",
  );
  out += line("matrix_support_cors_ok", corsOk);
  if (outcome.drift) {
    out += head(
      "matrix_support_drift",
      "1 when the live file differs from what was meant: the served config, or expect=.",
    );
    out += line("matrix_support_drift", outcome.drift.drifted ? 1 : 0, {
      against: outcome.drift.against,
    });
  }
  if (report.status === "found" && report.document) {
    out += head(
      "matrix_support_document_fingerprint",
      "A 32-bit hash of the contacts (in any order) and support page: changes() counts edits.",
    );
    out += line("matrix_support_document_fingerprint", documentFingerprint(report.document));
  }
  if (outcome.changes) {
    out += head(
      "matrix_support_changes",
      "Changes since this process's previous probe of the target, by risk (compareSupport).",
    );
    for (const risk of ["high", "medium"] as const)
      out += line("matrix_support_changes", outcome.changes[risk], { risk });
  }
  return out;
}

const TEXT_HEADERS = {
  "content-type": "text/plain; charset=utf-8",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
} as const;

function refusal(status: number, message: string, extra: Record<string, string> = {}): Response {
  return new Response(`${message}\n`, { status, headers: { ...TEXT_HEADERS, ...extra } });
}

export function createProbeMetrics(options: ProbeMetricsOptions = {}): ProbeMetrics {
  const limiter = options.limiter ?? new RateLimiter({ burst: 300, refillMs: 200 });
  const cap = options.cap ?? new ConcurrencyCap(16);
  const now = options.now ?? Date.now;
  const reuseMs = options.reuseMs ?? 5_000;
  const maxRemembered = options.maxRemembered ?? 1_000;
  const timeout = options.timeout ?? 10_000;

  // The guarded transport, loaded on the first probe (undici is not loaded for serve otherwise).
  const reach = guardedTransport(options);
  let guarded: FetchLike | undefined;
  const guardedFetch = async () => (guarded ??= reach.guard((await reach.transport()).fetch));
  const check: ProbeCheck =
    options.check ??
    (async (serverName, expect) =>
      checkServer(serverName, {
        fetch: await guardedFetch(),
        timeout,
        expect,
      }));

  const loadExpect = async (value: string): Promise<ExpectedResult> => {
    if (/^https:\/\//i.test(value)) {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        return { ok: false, reason: "not a valid URL" };
      }
      const fetchFile = options.fetchExpect ?? (await guardedFetch());
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeout);
      try {
        const response = await fetchFile(url.href, {
          method: "GET",
          headers: { accept: "application/json, application/yaml, text/plain" },
          redirect: "manual",
          signal: controller.signal,
        });
        if (response.status !== 200) {
          response.body?.cancel().catch(() => {});
          return { ok: false, reason: `${url.href} answered ${response.status}, not 200` };
        }
        const read = await readCapped(response.body, EXPECT_MAX_BYTES);
        if (!read.ok)
          return {
            ok: false,
            reason: read.tooLarge
              ? `${url.href} is over ${EXPECT_MAX_BYTES} bytes`
              : `${url.href}: the body was cut short`,
          };
        const decoded = decodeUtf8(read.bytes);
        if (!decoded.ok) return { ok: false, reason: `${url.href} is not UTF-8` };
        return expectedFromText(decoded.text, url.pathname);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return { ok: false, reason: `cannot fetch ${url.href}: ${detail}` };
      } finally {
        clearTimeout(timer);
      }
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(value))
      return { ok: false, reason: "only https:// URLs are fetched" };
    if (options.expectDir === undefined)
      return {
        ok: false,
        reason: "names a file, but serve was started without --probe-expect-dir",
      };
    if (!EXPECT_FILE.test(value))
      return {
        ok: false,
        reason:
          "a file name in --probe-expect-dir holds only letters, digits, '.', '_' and '-' (no path)",
      };
    let text: string;
    try {
      const data = await readFile(join(options.expectDir, value));
      if (data.length > EXPECT_MAX_BYTES)
        return { ok: false, reason: `the file is over ${EXPECT_MAX_BYTES} bytes` };
      text = data.toString("utf8");
    } catch (error) {
      const code = isObject(error) ? error.code : undefined;
      return {
        ok: false,
        reason:
          code === "ENOENT" ? "no such file in --probe-expect-dir" : "the file cannot be read",
      };
    }
    return expectedFromText(text, value);
  };

  // The document seen at the previous probe of each target (least recently probed out first).
  const lastSeen = new Map<string, SupportDocument>();
  const changesSince = (target: string, report: CheckReport): Record<Risk, number> | undefined => {
    const key = serverHost(target) ?? target.toLowerCase();
    const previous = lastSeen.get(key);
    if (report.status !== "found" || !report.document)
      return previous ? { high: 0, medium: 0, low: 0 } : undefined;
    lastSeen.delete(key);
    lastSeen.set(key, report.document);
    while (lastSeen.size > maxRemembered) {
      const oldest = lastSeen.keys().next();
      if (oldest.done) break;
      lastSeen.delete(oldest.value);
    }
    if (!previous) return { high: 0, medium: 0, low: 0 };
    const counts: Record<Risk, number> = { high: 0, medium: 0, low: 0 };
    for (const c of compareSupport(previous, report.document).changes) counts[c.risk]++;
    return counts;
  };

  const probe = async (target: string, expectParam: string | null): Promise<Response> => {
    let expect: ExpectedSupport | undefined;
    let against: "served_config" | "expect" | undefined;
    if (expectParam !== null) {
      const loaded = await loadExpect(expectParam);
      if (!loaded.ok)
        return refusal(
          400,
          diagnostic("PROBE_EXPECT_INVALID", undefined, {
            value: expectParam,
            reason: loaded.reason,
          }).message,
        );
      expect = loaded.expected;
      against = "expect";
    } else {
      const config = options.servedConfig?.();
      const served = config?.server_name ? serverHost(config.server_name) : undefined;
      if (config && served !== undefined && served === serverHost(target)) {
        expect = expectedFromConfig(config);
        against = "served_config";
      }
    }
    const started = performance.now();
    const report = await check(target, expect);
    const durationSeconds = (performance.now() - started) / 1000;
    const outcome: ProbeOutcome = { report, durationSeconds };
    if (against !== undefined && report.status !== "unreachable")
      outcome.drift = {
        against,
        drifted: report.diagnostics.some(
          (d) =>
            d.code.startsWith("EXPECT_") &&
            d.code !== "EXPECT_MATCHES" &&
            d.code !== "EXPECT_SERVER_NAME",
        ),
      };
    const changes = changesSince(target, report);
    if (changes) outcome.changes = changes;
    return new Response(renderProbeMetrics(outcome), {
      status: 200,
      headers: { ...TEXT_HEADERS, "content-type": PROMETHEUS_CONTENT_TYPE },
    });
  };

  const inFlight = new Map<string, Promise<{ status: number; headers: Headers; body: string }>>();
  const recent = new Map<
    string,
    { at: number; answer: { status: number; headers: Headers; body: string } }
  >();

  const handler: RouteHandler = async (request) => {
    if (request.method !== "GET" && request.method !== "HEAD")
      return refusal(
        405,
        diagnostic("PROBE_METHOD_NOT_ALLOWED", undefined, {
          path: PROBE_METRICS_PATH,
          method: request.method,
        }).message,
        { allow: "GET, HEAD" },
      );
    const params = new URL(request.url).searchParams;
    const target = params.get("target")?.trim() ?? "";
    if (target === "") return refusal(400, diagnostic("PROBE_NO_TARGET", undefined).message);
    const expectParam = params.get("expect");
    const decision = limiter.take(clientKeyOf(options.clientAddress?.(request)));
    if (!decision.ok) {
      const limited = rateLimited(limiter, decision.retryAfterMs);
      return refusal(429, limited.diagnostic.message, { "retry-after": String(limited.seconds) });
    }
    const key = `${target}\u0000${expectParam ?? ""}`;
    const t = now();
    for (const [k, v] of recent) if (t - v.at >= reuseMs) recent.delete(k);
    let pending = inFlight.get(key);
    const reused = recent.get(key);
    if (reused) pending = Promise.resolve(reused.answer);
    if (!pending) {
      const release = cap.tryAcquire();
      if (!release)
        return refusal(429, diagnostic("PROBE_BUSY", undefined, { max: cap.max }).message, {
          "retry-after": "2",
        });
      pending = probe(target, expectParam)
        .catch((error: unknown) => {
          options.onError?.(error);
          const detail = error instanceof Error ? error.message : String(error);
          return refusal(500, diagnostic("PROBE_FAILED", undefined, { detail }).message);
        })
        .then(async (response) => ({
          status: response.status,
          headers: response.headers,
          body: await response.text(),
        }))
        .then((answer) => {
          if (reuseMs > 0 && answer.status === 200) recent.set(key, { at: now(), answer });
          return answer;
        })
        .finally(() => {
          inFlight.delete(key);
          release();
        });
      inFlight.set(key, pending);
    }
    const answer = await pending;
    return new Response(request.method === "HEAD" ? null : answer.body, {
      status: answer.status,
      headers: answer.headers,
    });
  };

  return {
    handler,
    close: reach.close,
  };
}
