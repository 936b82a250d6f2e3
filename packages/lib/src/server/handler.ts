/**
 * `createSupportHandler(config)`: a web-standard `(Request) => Promise<Response>` serving the
 * support endpoint, the support page, /healthz and (when given metrics) /metrics. Usable as-is in
 * Hono, Bun, Deno, Cloudflare Workers and Next.js route handlers. No Node-only imports.
 */
import { asConfig, checkConfig } from "../config/check.js";
import type { Config } from "../config/types.js";
import { type Diagnostic, hasErrors } from "../core/diagnostics.js";
import {
  type Answer,
  compileSite,
  INTERNAL_ERROR,
  METRICS_PATH,
  NOT_FOUND,
  NOT_FOUND_HEAD,
  PAGE_PATH,
  type Site,
} from "./site.js";

/** A mounted route: any web-standard handler. */
export type RouteHandler = (request: Request) => Response | Promise<Response>;

/**
 * Extra routes, by exact path (`/check`) or by prefix (`/check/*` matches `/check/` and below).
 * Built-in paths cannot be overridden.
 */
export type Routes = Readonly<Record<string, RouteHandler>>;

/** What /metrics needs; the CLI's `serve` implements it with prom-client (packages/cli/src/serve/metrics.ts). */
export interface HandlerMetrics {
  /** Counts one response. Called for every request, including the Node adapter's fast path. */
  observe(route: string, status: number): void;
  /** The exposition text for /metrics. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** Options of `createSupportHandler`; every one is optional. */
export interface SupportHandlerOptions {
  /** Extra routes (the web checker mounts /check and /api/check here). */
  routes?: Routes | undefined;
  /** Serves /metrics and counts requests; without it /metrics answers 404. */
  metrics?: HandlerMetrics | undefined;
  /** Told about exceptions thrown by mounted routes (which then answer 500). */
  onError?: ((error: unknown, request: Request) => void) | undefined;
  /**
   * Serve the config without checking it first. By default an invalid config (the rules of
   * `matrix-support validate`) is refused with an `InvalidSupportError`.
   */
  unchecked?: boolean | undefined;
}

/**
 * Thrown by `createSupportHandler` for a config with errors: an invalid document must not be
 * published. `diagnostics` holds every finding (errors, warnings, infos), as `validate` reports them.
 */
export class InvalidSupportError extends Error {
  override readonly name = "InvalidSupportError";
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === "error");
    const listed = errors.map((d) => `${d.path ? `${d.path}: ` : ""}${d.message} (${d.code})`);
    super(
      `invalid support config, not served (${listed.join("; ")}); pass { unchecked: true } to serve it anyway`,
    );
    this.diagnostics = diagnostics;
  }
}

/** The handler, plus what the Node adapter needs to skip building Request/Response objects. */
export interface SupportHandler {
  (request: Request): Promise<Response>;
  /**
   * Answers a built-in path from precomputed bytes, counting it; undefined when the path is not
   * built in (then call the handler itself). `target` is the request-target (`/path?query`);
   * the support page reads its `?lang=` and `acceptLanguage` (the Accept-Language header).
   */
  answer(
    method: string,
    target: string,
    ifNoneMatch: string | null | undefined,
    acceptLanguage?: string | null,
  ): Answer | undefined;
  /** True when this handler serves `pathname` (built in or mounted): for frameworks that fall through. */
  handles(pathname: string): boolean;
  /** The config it serves. */
  readonly config: Config;
}

interface MountedRoute {
  label: string;
  handler: RouteHandler;
  exact?: string;
  prefix?: string;
}

/** The pathname of a request-target; absolute-form targets go through the URL parser. */
export function targetPath(target: string): string {
  if (target.charCodeAt(0) !== 47 /* "/" */) {
    try {
      return new URL(target).pathname;
    } catch {
      return target;
    }
  }
  const q = target.indexOf("?");
  return q === -1 ? target : target.slice(0, q);
}

/**
 * The `lang` parameter of a request-target's query, or undefined; only the page reads it, so
 * other paths never pay for parsing the query.
 */
export function langParam(target: string): string | undefined {
  const q = target.indexOf("?");
  if (q === -1) return undefined;
  try {
    return new URLSearchParams(target.slice(q + 1)).get("lang") ?? undefined;
  } catch {
    return undefined;
  }
}

/** Wraps a precomputed answer in a Response (fresh object each time; the bytes are shared). */
export function answerToResponse(a: Answer): Response {
  return new Response(a.body ?? null, { status: a.status, headers: a.headers });
}

function mountRoutes(routes: Routes | undefined, site: Site): MountedRoute[] {
  const mounted: MountedRoute[] = [];
  for (const [path, handler] of Object.entries(routes ?? {})) {
    if (!path.startsWith("/")) throw new TypeError(`route "${path}" must start with "/"`);
    const prefix = path.endsWith("/*") ? path.slice(0, -1) : undefined;
    const exact = prefix ? undefined : path;
    if ((exact && (site.has(exact) || exact === METRICS_PATH)) || (prefix && site.has(prefix)))
      throw new TypeError(`route "${path}" would replace a built-in path`);
    mounted.push({
      label: path,
      handler,
      ...(exact ? { exact } : {}),
      ...(prefix ? { prefix } : {}),
    });
  }
  // Exact routes first, then the longest prefix.
  return mounted.sort(
    (a, b) =>
      (a.exact ? 0 : 1) - (b.exact ? 0 : 1) || (b.prefix?.length ?? 0) - (a.prefix?.length ?? 0),
  );
}

function findRoute(mounted: readonly MountedRoute[], pathname: string): MountedRoute | undefined {
  for (const r of mounted) {
    if (r.exact !== undefined ? r.exact === pathname : pathname.startsWith(r.prefix as string))
      return r;
  }
  return undefined;
}

/**
 * Creates the handler for a config (or a bare support document, served as its support section).
 * Compile once, answer many: call again after a reload. Throws `InvalidSupportError` when the
 * config has errors, unless `options.unchecked`.
 */
export function createSupportHandler(
  given: Config,
  options: SupportHandlerOptions = {},
): SupportHandler {
  if (options.unchecked !== true) {
    const diagnostics = checkConfig(given);
    if (hasErrors(diagnostics)) throw new InvalidSupportError(diagnostics);
  }
  const config = asConfig(given);
  const mountedPaths = Object.keys(options.routes ?? {});
  const checkerPath = mountedPaths.includes("/check") ? "/check" : undefined;
  const site = compileSite(config, checkerPath ? { checkerPath } : {});
  const mounted = mountRoutes(options.routes, site);
  const metrics = options.metrics;
  const observe = metrics ? (r: string, s: number) => metrics.observe(r, s) : () => {};

  const answer = (
    method: string,
    target: string,
    ifNoneMatch: string | null | undefined,
    acceptLanguage?: string | null,
  ) => {
    const pathname = targetPath(target);
    const a =
      pathname === PAGE_PATH
        ? site.answer(method, pathname, ifNoneMatch, acceptLanguage, langParam(target))
        : site.answer(method, pathname, ifNoneMatch);
    if (a) observe(a.route, a.status);
    return a;
  };

  const handler = async (request: Request): Promise<Response> => {
    let pathname: string;
    let lang: string | null = null;
    try {
      const url = new URL(request.url);
      pathname = url.pathname;
      if (pathname === PAGE_PATH) lang = url.searchParams.get("lang");
    } catch {
      pathname = targetPath(request.url);
    }
    const method = request.method;
    const built =
      pathname === PAGE_PATH
        ? site.answer(
            method,
            pathname,
            request.headers.get("if-none-match"),
            request.headers.get("accept-language"),
            lang,
          )
        : site.answer(method, pathname, request.headers.get("if-none-match"));
    if (built) {
      observe(built.route, built.status);
      return answerToResponse(built);
    }
    if (pathname === METRICS_PATH && metrics) {
      if (method !== "GET" && method !== "HEAD") {
        observe("metrics", 405);
        return new Response("Method Not Allowed\n", {
          status: 405,
          headers: { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" },
        });
      }
      const { contentType, body } = await metrics.render();
      observe("metrics", 200);
      return new Response(method === "HEAD" ? null : body, {
        status: 200,
        headers: { "content-type": contentType, "cache-control": "no-store" },
      });
    }
    const route = findRoute(mounted, pathname);
    if (route) {
      let response: Response;
      try {
        response = await route.handler(request);
      } catch (error) {
        options.onError?.(error, request);
        response = answerToResponse(INTERNAL_ERROR);
      }
      observe(route.label, response.status);
      return response;
    }
    observe("other", 404);
    return answerToResponse(method === "HEAD" ? NOT_FOUND_HEAD : NOT_FOUND);
  };

  return Object.assign(handler, {
    answer,
    handles: (pathname: string) =>
      site.has(pathname) ||
      (pathname === METRICS_PATH && metrics !== undefined) ||
      findRoute(mounted, pathname) !== undefined,
    config,
  });
}
