/**
 * server name -> URL -> fetch -> result. fetch-based, no Node imports: runs in Node, browsers,
 * Deno, Bun and workers. Redirects are followed by hand so every hop is recorded and judged.
 * https://spec.matrix.org/latest/client-server-api/#getwell-knownmatrixsupport
 */
// Spec modules by name, not the index: the index also carries the YAML parser, which browsers
// (the /check page bundles this file) never need.

import { TRANSPORT_CODES } from "../core/catalogue/transport.js";
import { type Diagnostic, diagnosticFrom } from "../core/diagnostics.js";
import { serverHost } from "../core/grammar/server-name.js";
import { locateDiagnostics, parseJsonSource } from "../core/json-source.js";
import { parseSupport } from "../core/parse.js";
import type { SupportDocument } from "../core/types.js";
import { InvalidServerNameError, supportUrl } from "../core/url.js";
import { decodeUtf8, readCapped } from "./body.js";
import {
  classifyError,
  type Failure,
  type Progress,
  taggedPhase,
  timeoutFailure,
} from "./failure.js";
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_ORIGIN,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_USER_AGENT,
  type DiscoverOptions,
  type DiscoveryResult,
  type FetchLike,
  type HttpTrace,
  type RedirectHop,
  type ResponseLike,
  type Unreachable,
} from "./types.js";

const diagnostic = diagnosticFrom(TRANSPORT_CODES);

/** Response headers worth reporting (lower case): type, size, encoding, CORS, caching. */
export const REPORTED_HEADERS = [
  "content-type",
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "access-control-allow-origin",
  "access-control-allow-methods",
  "access-control-allow-headers",
  "cache-control",
  "expires",
  "age",
  "date",
  "etag",
  "last-modified",
  "server",
] as const;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function pickHeaders(headers: ResponseLike["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of REPORTED_HEADERS) {
    const v = headers.get(name);
    if (v !== null) out[name] = v;
  }
  return out;
}

const now = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());

/**
 * A timer plus the caller's signal, as one real `AbortSignal`; `timedOut` tells the two apart
 * afterwards. A cleared `setTimeout` rather than `AbortSignal.timeout()`: that timer cannot be
 * cancelled, so a scan would keep one alive per request for the whole timeout after the answer.
 */
export class Deadline {
  timedOut = false;
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly unlink: (() => void) | undefined;

  constructor(
    readonly timeoutMs: number,
    outer?: AbortSignal,
  ) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new DOMException("discovery timed out", "TimeoutError"));
    }, timeoutMs);
    if (outer) {
      const onAbort = () => this.controller.abort(outer.reason);
      if (outer.aborted) onAbort();
      else outer.addEventListener("abort", onAbort, { once: true });
      this.unlink = () => outer.removeEventListener("abort", onAbort);
    }
  }

  /** The signal to give `fetch`. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  done(): void {
    clearTimeout(this.timer);
    this.unlink?.();
  }
}

function cancel(response: ResponseLike): void {
  // Releases the connection; nothing useful can come out of the body.
  response.body?.cancel().catch(() => {});
}

/** What a discovery ended with, before the common fields are added. */
type Outcome =
  | { status: "found"; document: SupportDocument; value: unknown }
  | { status: "not_found" }
  | { status: "invalid"; value: unknown }
  | { status: "unreachable"; failure: Unreachable["failure"] };

/**
 * Finds, fetches and judges a server's support file. Never throws: every outcome is one of the
 * four statuses, with diagnostics saying why.
 */
export async function discoverSupport(
  serverName: string,
  options: DiscoverOptions = {},
): Promise<DiscoveryResult> {
  const started = now();
  const http: HttpTrace = { redirects: [], elapsed_ms: 0 };
  const diagnostics: Diagnostic[] = [];
  // Set as the answer comes in; `finish` builds the result once.
  let finalUrl: string | undefined;
  let bytes: number | undefined;
  const finish = (url: string | null, outcome: Outcome): DiscoveryResult => {
    // Keys in the documented order: status, redirects, headers, elapsed_ms.
    const trace: HttpTrace = {
      ...(http.status !== undefined && { status: http.status }),
      redirects: http.redirects,
      ...(http.headers && { headers: http.headers }),
      elapsed_ms: Math.round(now() - started),
    };
    const common = { serverName, url, diagnostics, http: trace };
    const tail = {
      ...(finalUrl !== undefined && { finalUrl }),
      ...(bytes !== undefined && { bytes }),
    };
    switch (outcome.status) {
      case "found":
        return {
          status: "found",
          ...common,
          document: outcome.document,
          ...tail,
          value: outcome.value,
        };
      case "not_found":
        return { status: "not_found", ...common, document: null, ...tail };
      case "invalid":
        return {
          status: "invalid",
          ...common,
          document: null,
          ...tail,
          ...(outcome.value !== undefined && { value: outcome.value }),
        };
      case "unreachable":
        return {
          status: "unreachable",
          ...common,
          document: null,
          ...tail,
          failure: outcome.failure,
        };
    }
  };
  let url: string;
  try {
    url = supportUrl(serverName);
  } catch (error) {
    const reason = error instanceof InvalidServerNameError ? error.reason : String(error);
    const d = diagnostic("SERVER_NAME_INVALID", undefined, { value: serverName, reason });
    diagnostics.push(d);
    return finish(null, {
      status: "unreachable",
      failure: { phase: "server_name", code: d.code, message: d.message },
    });
  }
  const fetchFn: FetchLike = options.fetch ?? globalThis.fetch;
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const deadline = new Deadline(timeout, options.signal);
  const headers: Record<string, string> = {
    accept: "application/json",
    origin: options.origin ?? DEFAULT_ORIGIN,
    "user-agent": options.userAgent ?? DEFAULT_USER_AGENT,
  };
  const unreachable = (f: Failure, read?: number): DiscoveryResult => {
    diagnostics.push(f.diagnostic);
    if (read !== undefined) bytes = read;
    return finish(url, {
      status: "unreachable",
      failure: { phase: f.phase, code: f.diagnostic.code, message: f.diagnostic.message },
    });
  };
  const fromError = (error: unknown, progress: Progress, read?: number): DiscoveryResult =>
    unreachable(
      deadline.timedOut
        ? timeoutFailure(timeout, progress, read, taggedPhase(error))
        : options.signal?.aborted
          ? { phase: "aborted", diagnostic: diagnostic("ABORTED", undefined) }
          : classifyError(error, serverHost(new URL(current).host) ?? current, progress),
      read,
    );
  const redirectFailure = (code: Parameters<typeof diagnostic>[0], params = {}) =>
    unreachable({ phase: "redirect", diagnostic: diagnostic(code, undefined, params) });

  let current = url;
  // Made on the first redirect: most discoveries have none.
  let visited: Set<string> | undefined;
  let warnedHosts: Set<string> | undefined;
  let follow = false;
  try {
    for (;;) {
      let response: ResponseLike;
      try {
        response = await fetchFn(current, {
          method: "GET",
          headers,
          redirect: follow ? "follow" : "manual",
          signal: deadline.signal,
        });
      } catch (error) {
        return fromError(error, "headers");
      }
      if (response.type === "opaqueredirect") {
        // Browsers hide manual redirects; let the browser follow them (hops go unrecorded).
        follow = true;
        continue;
      }
      if (REDIRECT_STATUSES.has(response.status)) {
        cancel(response);
        const location = response.headers.get("location");
        if (location === null)
          return redirectFailure("REDIRECT_NO_LOCATION", { status: response.status });
        const hop: RedirectHop = {
          url: current,
          status: response.status,
          location,
          access_control_allow_origin: response.headers.get("access-control-allow-origin"),
        };
        http.redirects.push(hop);
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          return redirectFailure("REDIRECT_BAD_LOCATION", { location });
        }
        next.hash = "";
        if (next.protocol === "http:")
          return redirectFailure("REDIRECT_INSECURE", { to: next.href });
        if (next.protocol !== "https:")
          return redirectFailure("REDIRECT_BAD_LOCATION", { location });
        visited ??= new Set([url]);
        warnedHosts ??= new Set([new URL(url).host]);
        if (visited.has(next.href)) return redirectFailure("REDIRECT_LOOP", { url: next.href });
        if (http.redirects.length > maxRedirects)
          return redirectFailure("TOO_MANY_REDIRECTS", { limit: maxRedirects });
        if (!warnedHosts.has(next.host)) {
          warnedHosts.add(next.host);
          diagnostics.push(diagnostic("REDIRECT_OTHER_HOST", undefined, { to: next.href }));
        }
        visited.add(next.href);
        current = next.href;
        continue;
      }
      return await judge(response);
    }
  } finally {
    deadline.done();
  }

  async function judge(response: ResponseLike): Promise<DiscoveryResult> {
    const status = response.status;
    http.status = status;
    http.headers = pickHeaders(response.headers);
    finalUrl = response.url || current;
    if (status === 404) {
      cancel(response);
      diagnostics.push(diagnostic("NOT_PUBLISHED", undefined));
      return finish(url, { status: "not_found" });
    }
    if (status < 200 || status > 299) {
      cancel(response);
      const text = response.statusText ? ` ${response.statusText}` : "";
      const code =
        status >= 500
          ? "HTTP_SERVER_ERROR"
          : status === 401 || status === 403 || status === 429
            ? "HTTP_ACCESS_DENIED"
            : "HTTP_ERROR_STATUS";
      return unreachable({
        phase: "http",
        diagnostic: diagnostic(code, undefined, { status, text }),
      });
    }
    let bytesSoFar = 0;
    const read = await readCapped(response.body, maxBytes, (n) => {
      bytesSoFar = n;
    });
    if (!read.ok) {
      if (read.tooLarge)
        return unreachable(
          {
            phase: "body",
            diagnostic: diagnostic("BODY_TOO_LARGE", undefined, { limit: maxBytes }),
          },
          read.read,
        );
      return fromError(read.error, "body", bytesSoFar);
    }
    bytes = read.bytes.byteLength;
    const invalid = (ds: Diagnostic[], value?: unknown): DiscoveryResult => {
      diagnostics.push(...ds);
      return finish(url, { status: "invalid", value });
    };
    const decoded = decodeUtf8(read.bytes);
    if (!decoded.ok)
      return invalid([diagnostic("BODY_NOT_UTF8", undefined, { offset: decoded.offset })]);
    const text = decoded.text;
    if (text.trim() === "") return invalid([diagnostic("BODY_EMPTY", undefined, { status })]);
    if (/^\s*</.test(text)) return invalid([diagnostic("BODY_IS_HTML", undefined)]);
    const source = parseJsonSource(text, { maxBytes });
    if (source.value === undefined) return invalid(source.diagnostics);
    const parsed = parseSupport(source.value, { serverName, lint: options.lint ?? false });
    const found = [...source.diagnostics, ...locateDiagnostics(parsed.diagnostics, source)];
    if (parsed.document === null) return invalid(found, source.value);
    diagnostics.push(...found);
    return finish(url, { status: "found", document: parsed.document, value: source.value });
  }
}
