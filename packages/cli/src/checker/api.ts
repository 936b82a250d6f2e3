/**
 * `/api/check?server=NAME`: the server-side probe. Answers the same JSON as `check --json`, behind a
 * per-client rate limit and a global concurrency cap. A web-standard `(Request) => Promise<Response>`;
 * the check itself is injected (in `serve`, discovery over the guarded transport of ./guard.ts).
 */

import { type Diagnostic, diagnostic } from "../../../lib/src/core/index.js";
import { failedCheckReport } from "../../../lib/src/discover/check.js";
import { ConcurrencyCap, clientKeyOf, RateLimiter, rateLimited } from "./rate-limit.js";

/** Runs one check and resolves to the `check --json` object. Must not throw for a bad server. */
export type CheckFunction = (serverName: string) => Promise<unknown>;

/** Who is asking: the Node adapter knows the socket's address; a Request alone does not. */
export type ClientKeyFunction = (request: Request) => string | undefined;

export interface ProbeOptions {
  check: CheckFunction;
  /** Per-client limit; default 10 checks in a burst, then one every 6 s. */
  limiter?: RateLimiter | undefined;
  /** Checks in flight at once, over all clients; default 8. */
  cap?: ConcurrencyCap | undefined;
  /** The client's address for the rate limit; default: none known, so all clients share one bucket. */
  clientAddress?: ClientKeyFunction | undefined;
  /** How long a finished result is reused for the same server name (ms, default 10 000; 0 = never). */
  reuseMs?: number | undefined;
  now?: (() => number) | undefined;
  /** Told about a check that threw (a bug: the answer is then a PROBE_FAILED result). */
  onError?: ((error: unknown) => void) | undefined;
}

export const PROBE_PATH = "/api/check";

const JSON_HEADERS = {
  "content-type": "application/json; charset=utf-8",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  // The probe is for this origin's page only: no CORS, so other sites cannot use it as a proxy.
  "cross-origin-resource-policy": "same-origin",
} as const;

function json(status: number, body: unknown, extra: Record<string, string> = {}): Response {
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    status,
    headers: { ...JSON_HEADERS, ...extra },
  });
}

function refusal(status: number, d: Diagnostic, extra: Record<string, string> = {}): Response {
  return json(status, { error: d }, extra);
}

/** The `check --json` shape when the check function itself failed (a bug). */
function failedResult(serverName: string, error: unknown): unknown {
  const detail = error instanceof Error ? error.message : String(error);
  return failedCheckReport(serverName, diagnostic("PROBE_FAILED", undefined, { detail }));
}

export function createProbeHandler(options: ProbeOptions): (request: Request) => Promise<Response> {
  const limiter = options.limiter ?? new RateLimiter({ burst: 10, refillMs: 6_000 });
  const cap = options.cap ?? new ConcurrencyCap(8);
  const now = options.now ?? Date.now;
  const reuseMs = options.reuseMs ?? 10_000;
  const inFlight = new Map<string, Promise<unknown>>();
  const recent = new Map<string, { at: number; result: unknown }>();

  const forget = (t: number) => {
    for (const [k, v] of recent) if (t - v.at >= reuseMs) recent.delete(k);
  };

  return async (request: Request): Promise<Response> => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return refusal(
        405,
        diagnostic("PROBE_METHOD_NOT_ALLOWED", undefined, {
          path: PROBE_PATH,
          method: request.method,
        }),
        { allow: "GET, HEAD" },
      );
    }
    const serverName = new URL(request.url).searchParams.get("server")?.trim() ?? "";
    if (serverName === "") return refusal(400, diagnostic("PROBE_NO_SERVER", undefined));

    const decision = limiter.take(clientKeyOf(options.clientAddress?.(request)));
    if (!decision.ok) {
      const limited = rateLimited(limiter, decision.retryAfterMs);
      return refusal(429, limited.diagnostic, { "retry-after": String(limited.seconds) });
    }

    // The same name asked again soon (or while it runs) shares one check: no amplification.
    // Keyed by the name as given: the answer echoes it in `server_name`, as `check --json` does.
    const key = serverName;
    const t = now();
    forget(t);
    const reused = recent.get(key);
    if (reused) return json(200, reused.result);
    let pending = inFlight.get(key);
    if (!pending) {
      const release = cap.tryAcquire();
      if (!release) {
        return refusal(429, diagnostic("PROBE_BUSY", undefined, { max: cap.max }), {
          "retry-after": "2",
        });
      }
      pending = options
        .check(serverName)
        .catch((error: unknown) => {
          options.onError?.(error);
          return failedResult(serverName, error);
        })
        .then((result) => {
          if (reuseMs > 0) recent.set(key, { at: now(), result });
          return result;
        })
        .finally(() => {
          inFlight.delete(key);
          release();
        });
      inFlight.set(key, pending);
    }
    const result = await pending;
    return request.method === "HEAD"
      ? new Response(null, { status: 200, headers: JSON_HEADERS })
      : json(200, result);
  };
}
