/**
 * A config compiled into fixed answers: every byte and header of the built-in routes is computed
 * once per config, so answering a request is a table lookup. Web-standard code only (no Node
 * imports); the handler wraps answers in `Response`s and the Node adapter writes them directly.
 */
import { type Config, DEFAULT_CACHE_MAX_AGE } from "../config/types.js";
import { wellKnownBodies } from "./bodies.js";
import { etagMatches, strongEtag } from "./hash.js";
import { LANGUAGES, type Language, matchLanguage, negotiateLanguage } from "./i18n/index.js";
import {
  type PageOptions,
  pageLanguage,
  renderSupportPage,
  SUPPORT_PAGE_CSS,
  SUPPORT_PAGE_ICON,
  supportPageCssPath,
  supportPageIconPath,
} from "./support-page.js";

/** The well-known paths this server publishes. */
export const WELL_KNOWN_PATHS = {
  support: "/.well-known/matrix/support",
  client: "/.well-known/matrix/client",
  server: "/.well-known/matrix/server",
} as const;
/** Where the support page is served. */
export const PAGE_PATH = "/";
/** The health check: `200 ok`. */
export const HEALTH_PATH = "/healthz";
/** Prometheus metrics, when the handler is given `metrics`. */
export const METRICS_PATH = "/metrics";

/** The CORS headers the spec recommends for .well-known JSON (client-server API, "Web Browser Clients"). */
export const CORS_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "access-control-allow-origin": "*",
});
/** The CORS preflight answer's headers (`OPTIONS`): the spec's full recommended set. */
export const PREFLIGHT_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PUT, DELETE, OPTIONS",
  "access-control-allow-headers": "X-Requested-With, Content-Type, Authorization",
  "access-control-max-age": "86400",
});
const ALLOW = "GET, HEAD, OPTIONS";

/** Strict policy for the support page: its own stylesheet, nothing else (no script at all). */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The headers of a well-known JSON file, as `serve` sends them (besides ETag and Content-Length).
 * `export` can render the same set for nginx, Caddy and `_headers`.
 */
export function wellKnownHeaders(
  cacheMaxAge = DEFAULT_CACHE_MAX_AGE,
): Readonly<Record<string, string>> {
  return {
    "content-type": "application/json",
    ...CORS_HEADERS,
    "cache-control": `public, max-age=${cacheMaxAge}`,
    "x-content-type-options": "nosniff",
  };
}

/** One precomputed answer. Headers are shared between requests and must not be mutated. */
export interface Answer {
  status: number;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string>>;
  /** The body; absent for HEAD, 204 and 304. */
  body?: Uint8Array<ArrayBuffer>;
  /** A fixed, low-cardinality route label for metrics and logs. */
  route: string;
}

interface Resource {
  route: string;
  get: Answer;
  head: Answer;
  notModified?: Answer;
  etag?: string;
  options: Answer;
  notAllowed: Answer;
}

const encoder = new TextEncoder();

function freeze(a: Answer): Answer {
  Object.freeze(a.headers);
  return Object.freeze(a);
}

function textAnswer(
  status: number,
  text: string,
  route: string,
  extra: Record<string, string> = {},
): Answer {
  const body = encoder.encode(text);
  return freeze({
    status,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-length": String(body.length),
      "x-content-type-options": "nosniff",
      ...extra,
    },
    body,
    route,
  });
}

interface ResourceSpec {
  route: string;
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  cacheControl: string;
  /** Headers sent on every answer of this resource (CORS, security headers). */
  common: Record<string, string>;
  etag: boolean;
  /** The CORS preflight (well-known files) or a plain OPTIONS answer. */
  preflight: boolean;
}

function resource(spec: ResourceSpec): Resource {
  const etag = spec.etag ? strongEtag(spec.body) : undefined;
  const headers: Record<string, string> = {
    "content-type": spec.contentType,
    "content-length": String(spec.body.length),
    ...(etag ? { etag } : {}),
    "cache-control": spec.cacheControl,
    "x-content-type-options": "nosniff",
    ...spec.common,
  };
  const get = freeze({ status: 200, headers, body: spec.body, route: spec.route });
  const head = freeze({ status: 200, headers: { ...headers }, route: spec.route });
  const notModified = etag
    ? freeze({
        status: 304,
        headers: { etag, "cache-control": spec.cacheControl, ...spec.common },
        route: spec.route,
      })
    : undefined;
  const options = freeze({
    status: 204,
    headers: spec.preflight ? { allow: ALLOW, ...PREFLIGHT_HEADERS } : { allow: ALLOW },
    route: spec.route,
  });
  const notAllowed = textAnswer(405, "Method Not Allowed\n", spec.route, {
    allow: ALLOW,
    ...(spec.preflight ? CORS_HEADERS : {}),
  });
  return {
    route: spec.route,
    get,
    head,
    ...(notModified ? { notModified } : {}),
    ...(etag ? { etag } : {}),
    options,
    notAllowed,
  };
}

/** The text of the 404 of each well-known path with nothing configured. */
export const NOT_PUBLISHED_TEXTS: Readonly<Record<keyof typeof WELL_KNOWN_PATHS, string>> = {
  support: "No support information is published here.\n",
  client: "No client discovery information is published here.\n",
  server: "No server delegation information is published here.\n",
};

/** A well-known path with nothing configured: 404 (never `200 {}`), still readable cross-origin. */
function absent(route: string, text: string, cacheMaxAge: number): Resource {
  // A short negative cache, so publishing later shows up soon.
  const cache = `public, max-age=${Math.min(cacheMaxAge, 300)}`;
  const notFound = textAnswer(404, text, route, {
    "cache-control": cache,
    ...CORS_HEADERS,
  });
  const head = freeze({ status: 404, headers: { ...notFound.headers }, route });
  return {
    route,
    get: notFound,
    head,
    options: freeze({ status: 204, headers: { allow: ALLOW, ...PREFLIGHT_HEADERS }, route }),
    notAllowed: textAnswer(405, "Method Not Allowed\n", route, { allow: ALLOW, ...CORS_HEADERS }),
  };
}

/** Options of `compileSite`: the support page's, except the language (one page per language). */
export interface SiteOptions extends Omit<PageOptions, "language"> {}

/** How many distinct Accept-Language values a site remembers the answer for. */
const NEGOTIATION_CACHE = 512;

/** A config compiled into fixed answers. */
export interface Site {
  /**
   * Answers a built-in path, or undefined when the path is not one of them. The support page
   * answers in the language of `lang` (the `?lang=` parameter) when it names one of the page's
   * languages, else the best for `acceptLanguage`, else the config's default language.
   */
  answer(
    method: string,
    pathname: string,
    ifNoneMatch: string | null | undefined,
    acceptLanguage?: string | null,
    lang?: string | null,
  ): Answer | undefined;
  /** True when `pathname` is a built-in path. */
  has(pathname: string): boolean;
  readonly cacheMaxAge: number;
}

/** Compiles a (valid) config into its answers. */
export function compileSite(config: Config, options: SiteOptions = {}): Site {
  const cacheMaxAge = config.http?.cache_max_age ?? DEFAULT_CACHE_MAX_AGE;
  const bodies = wellKnownBodies(config);
  const table = new Map<string, Resource>();
  for (const name of ["support", "client", "server"] as const) {
    const body = bodies[name];
    const route = name === "support" ? "support" : `well_known_${name}`;
    table.set(
      WELL_KNOWN_PATHS[name],
      body === undefined
        ? absent(route, NOT_PUBLISHED_TEXTS[name], cacheMaxAge)
        : resource({
            route,
            body: encoder.encode(body),
            contentType: "application/json",
            cacheControl: `public, max-age=${cacheMaxAge}`,
            common: { ...CORS_HEADERS },
            etag: true,
            preflight: true,
          }),
    );
  }
  const css = encoder.encode(SUPPORT_PAGE_CSS);
  const cssPath = supportPageCssPath();
  table.set(
    cssPath,
    resource({
      route: "asset",
      body: css,
      contentType: "text/css; charset=utf-8",
      cacheControl: "public, max-age=31536000, immutable",
      common: {},
      etag: true,
      preflight: false,
    }),
  );
  table.set(
    supportPageIconPath(),
    resource({
      route: "asset",
      body: encoder.encode(SUPPORT_PAGE_ICON),
      contentType: "image/svg+xml",
      cacheControl: "public, max-age=31536000, immutable",
      common: {},
      etag: true,
      preflight: false,
    }),
  );
  // One page per language, each with its own ETag; which one a request gets is negotiated.
  const languages = options.languages?.length ? options.languages : LANGUAGES;
  const tags = languages.map((l) => l.tag);
  const pageResource = (language: Language) =>
    resource({
      route: "page",
      body: encoder.encode(renderSupportPage(config, { ...options, cssPath, language, languages })),
      contentType: "text/html; charset=utf-8",
      // Revalidate every time (cheap with the ETag) so a reload shows at once.
      cacheControl: "no-cache",
      common: {
        "content-security-policy": PAGE_CSP,
        "referrer-policy": "no-referrer",
        "x-frame-options": "DENY",
        "content-language": language.tag,
        vary: "Accept-Language",
      },
      etag: true,
      preflight: false,
    });
  const defaultLanguage = pageLanguage(config, { languages });
  const defaultTag = defaultLanguage.tag;
  const defaultPage = pageResource(defaultLanguage);
  const pages = new Map<string, Resource>([[defaultTag, defaultPage]]);
  for (const language of languages)
    if (!pages.has(language.tag)) pages.set(language.tag, pageResource(language));
  table.set(PAGE_PATH, defaultPage);
  // Accept-Language values repeat (one per browser build and locale): remember their answer.
  const negotiated = new Map<string, Resource>();
  const pageFor = (acceptLanguage: string | null | undefined, lang: string | null | undefined) => {
    if (lang) {
      const exact = pages.get(lang);
      if (exact !== undefined) return exact;
      const asked = matchLanguage(lang, tags);
      if (asked !== undefined) return pages.get(asked) ?? defaultPage;
    }
    if (!acceptLanguage) return defaultPage;
    let page = negotiated.get(acceptLanguage);
    if (page === undefined) {
      page = pages.get(negotiateLanguage(acceptLanguage, tags, defaultTag)) ?? defaultPage;
      if (negotiated.size >= NEGOTIATION_CACHE) negotiated.clear();
      negotiated.set(acceptLanguage, page);
    }
    return page;
  };
  table.set(
    HEALTH_PATH,
    resource({
      route: "healthz",
      body: encoder.encode("ok\n"),
      contentType: "text/plain; charset=utf-8",
      cacheControl: "no-store",
      common: {},
      etag: false,
      preflight: false,
    }),
  );

  return {
    cacheMaxAge,
    has: (pathname) => table.has(pathname),
    answer(method, pathname, ifNoneMatch, acceptLanguage, lang) {
      const found = table.get(pathname);
      if (found === undefined) return undefined;
      const r = found === defaultPage ? pageFor(acceptLanguage, lang) : found;
      switch (method) {
        case "GET":
        case "HEAD":
          if (ifNoneMatch && r.etag && r.notModified && etagMatches(ifNoneMatch, r.etag))
            return r.notModified;
          return method === "GET" ? r.get : r.head;
        case "OPTIONS":
          return r.options;
        default:
          return r.notAllowed;
      }
    },
  };
}

/** The answer for a path nobody serves. */
export const NOT_FOUND: Answer = textAnswer(404, "Not Found\n", "other");
export const NOT_FOUND_HEAD: Answer = freeze({
  status: 404,
  headers: { ...NOT_FOUND.headers },
  route: "other",
});
export const INTERNAL_ERROR: Answer = textAnswer(500, "Internal Server Error\n", "other");
