/**
 * `/check` (the checker page) and `/check/assets/*` (its bundle, under content-hashed names).
 * Web-standard handlers over assets loaded once (./assets.ts reads them from dist/web). The page
 * is rendered once per language from its template (docs/languages.md).
 */

import { etagMatches } from "../../../lib/src/server/hash.js";
import { escapeHtml } from "../../../lib/src/server/support-page.js";
import {
  createLocalisedPage,
  type LocalisedPage,
  localisedHeaders,
  renderPageTemplate,
} from "../web/i18n/pages.js";

export const CHECK_PATH = "/check";
export const ASSET_PREFIX = "/check/assets/";

export interface WebAsset {
  body: Uint8Array<ArrayBuffer>;
  /** The same bytes gzipped, when that is smaller (sent to clients that accept gzip). */
  gzip?: Uint8Array<ArrayBuffer>;
  type: string;
}

export interface WebAssets {
  /** The page's template, already pointing at the hashed asset names (see renderCheckerPage). */
  html: Uint8Array<ArrayBuffer>;
  /** Hashed file name -> bytes and type. */
  files: ReadonlyMap<string, WebAsset>;
}

/**
 * Strict policy: scripts and styles from this origin only (no inline script, no eval), remote
 * fetches only over https (the browser-direct check), Trusted Types so no string can ever reach an
 * HTML sink.
 */
export const CHECK_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self' https:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join("; ");

const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy": CHECK_CSP,
  "cache-control": "no-cache",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "x-frame-options": "DENY",
} as const;

const ASSET_CACHE = "public, max-age=31536000, immutable";

function methodNotAllowed(): Response {
  return new Response("Method Not Allowed\n", {
    status: 405,
    headers: { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" },
  });
}

const notFound = () =>
  new Response("Not Found\n", {
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });

export const SPEC_URL =
  "https://spec.matrix.org/latest/client-server-api/#getwell-knownmatrixsupport";

/** Markup for the pages' placeholders: a code span, and the link to the spec's section. */
export const codeHtml = (text: string) => `<code>${escapeHtml(text)}</code>`;
export const specLinkHtml = (text: string) =>
  `<a href="${escapeHtml(SPEC_URL)}">${escapeHtml(text)}</a>`;

/** The checker page's template (check.html) in one language: its words and the script's. */
export function renderCheckerPage(template: string, tag: string): string {
  return renderPageTemplate(template, tag, "checker", (strings) => ({
    path: codeHtml("/.well-known/matrix/support"),
    example: codeHtml("@alice:example.org"),
    server: codeHtml("example.org"),
    url: codeHtml("/api/check?server=NAME"),
    spec: specLinkHtml(strings.checker.specLink),
  }));
}

export interface PageHandlerOptions {
  /** The language when the request asks for none of the page's (the config's page.default_language). */
  defaultLanguage?: string | undefined;
  /** How the 503 names the page when it is not built. */
  what?: string;
  /** The page's template (as built) in one language; the checker page's by default. */
  render?: (template: string, tag: string) => string;
}

/**
 * Serves the page in the request's language (`?lang=`, else Accept-Language, else the default),
 * with that language's ETag (`304` on If-None-Match); `assets` resolves once (a missing build
 * answers 503 with what to run).
 */
export function createPageHandler(
  assets: () => Promise<WebAssets | Error>,
  options: PageHandlerOptions = {},
): (request: Request) => Promise<Response> {
  const pages = new WeakMap<WebAssets, LocalisedPage>();
  return async (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed();
    const loaded = await assets();
    if (loaded instanceof Error)
      return new Response(
        `${options.what ?? "The web checker"} is not built: ${loaded.message}\n`,
        {
          status: 503,
          headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
        },
      );
    let page = pages.get(loaded);
    if (page === undefined) {
      const template = new TextDecoder().decode(loaded.html);
      const render = options.render ?? renderCheckerPage;
      page = createLocalisedPage((language) => render(template, language.tag), {
        defaultLanguage: options.defaultLanguage,
      });
      pages.set(loaded, page);
    }
    const { tag, body, etag } = page.pick(request);
    const headers = { ...PAGE_HEADERS, ...localisedHeaders(tag), etag };
    // Revalidation per language: a German page's ETag never matches the Japanese page.
    const ifNoneMatch = request.headers.get("if-none-match");
    if (ifNoneMatch !== null && etagMatches(ifNoneMatch, etag))
      return new Response(null, { status: 304, headers });
    return new Response(request.method === "HEAD" ? null : body, { status: 200, headers });
  };
}

/** Serves `/check/assets/NAME` with a year-long immutable cache (names change with content). */
export function createAssetHandler(
  assets: () => Promise<WebAssets | Error>,
  prefix = ASSET_PREFIX,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed();
    const loaded = await assets();
    if (loaded instanceof Error) return notFound();
    const name = new URL(request.url).pathname.slice(prefix.length);
    const file = loaded.files.get(name);
    if (!file) return notFound();
    const gzip = file.gzip && /\bgzip\b/.test(request.headers.get("accept-encoding") ?? "");
    const headers: Record<string, string> = {
      "content-type": file.type,
      "cache-control": ASSET_CACHE,
      "x-content-type-options": "nosniff",
      "cross-origin-resource-policy": "same-origin",
      vary: "accept-encoding",
    };
    if (gzip) headers["content-encoding"] = "gzip";
    const body = gzip ? file.gzip : file.body;
    return new Response(request.method === "HEAD" ? null : (body ?? null), {
      status: 200,
      headers,
    });
  };
}
