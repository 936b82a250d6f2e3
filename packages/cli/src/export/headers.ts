/**
 * What every target must send, taken from `serve` itself so an export is held to the same
 * definition of right: the well-known paths, the bodies (`wellKnownBodies`) and the headers of
 * each answer (200, CORS preflight, 405, and 404 when nothing is published).
 */
import { type Config, DEFAULT_CACHE_MAX_AGE } from "../../../lib/src/config/types.js";
import { type WellKnownBodies, wellKnownBodies } from "../../../lib/src/server/bodies.js";
import {
  CORS_HEADERS,
  NOT_PUBLISHED_TEXTS,
  PREFLIGHT_HEADERS,
  WELL_KNOWN_PATHS,
  wellKnownHeaders,
} from "../../../lib/src/server/site.js";

export type WellKnownName = keyof WellKnownBodies;
export const WELL_KNOWN_NAMES: readonly WellKnownName[] = ["support", "client", "server"];

/** The methods a well-known path answers (the `Allow` header of the 204 and the 405). */
export const ALLOWED_METHODS = "GET, HEAD, OPTIONS";

/** Header name -> value, in the order they are written, with the usual capitalisation. */
export type HeaderList = ReadonlyArray<readonly [string, string]>;

/** The plain-text body `serve` sends with the 404 of the support path when it publishes nothing. */
export const NOT_PUBLISHED_TEXT = NOT_PUBLISHED_TEXTS.support;

export interface PathAnswers {
  name: WellKnownName;
  /** The URL path, e.g. /.well-known/matrix/support. */
  path: string;
  /** The exact bytes published, or undefined when nothing is (the support path then answers 404). */
  body: string | undefined;
  /** Headers of the 200 (GET and HEAD), Content-Type first. */
  ok: HeaderList;
  /** Headers of the 204 answer to OPTIONS (the CORS preflight). */
  preflight: HeaderList;
  /** Headers of the 405 answer to any other method. */
  notAllowed: HeaderList;
  /** Headers of the 404 when nothing is published (besides its text/plain Content-Type). */
  notFound: HeaderList;
}

/** `access-control-allow-origin` -> `Access-Control-Allow-Origin`. */
export function canonicalHeaderName(name: string): string {
  return name
    .split("-")
    .map((w) => (w.length === 0 ? w : w[0]!.toUpperCase() + w.slice(1).toLowerCase()))
    .join("-");
}

function list(headers: Readonly<Record<string, string>>): HeaderList {
  return Object.entries(headers).map(([k, v]) => [canonicalHeaderName(k), v] as const);
}

export function cacheMaxAge(config: Config): number {
  return config.http?.cache_max_age ?? DEFAULT_CACHE_MAX_AGE;
}

/**
 * The answers of one well-known path. Paths other than support are only rendered when
 * configured: an unconfigured client/server file is left to whatever else the site serves.
 */
export function pathAnswers(config: Config, name: WellKnownName): PathAnswers {
  const bodies = wellKnownBodies(config);
  const maxAge = cacheMaxAge(config);
  const cors = list(CORS_HEADERS);
  return {
    name,
    path: WELL_KNOWN_PATHS[name],
    body: bodies[name],
    ok: list(wellKnownHeaders(maxAge)),
    preflight: [["Allow", ALLOWED_METHODS], ...list(PREFLIGHT_HEADERS)],
    notAllowed: [["Allow", ALLOWED_METHODS], ...cors],
    // Same as serve: a short negative cache, so publishing later shows up soon.
    notFound: [
      ["Cache-Control", `public, max-age=${Math.min(maxAge, 300)}`],
      ["X-Content-Type-Options", "nosniff"],
      ...cors,
    ],
  };
}

/** The paths a target renders: support always (a 404 when empty), client/server when configured. */
export function renderedPaths(config: Config): PathAnswers[] {
  return WELL_KNOWN_NAMES.map((n) => pathAnswers(config, n)).filter(
    (p) => p.name === "support" || p.body !== undefined,
  );
}

/** The header value of `name` in a list (case-insensitive), for renderers that treat one apart. */
export function headerValue(headers: HeaderList, name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([k]) => k.toLowerCase() === lower)?.[1];
}

export function withoutHeader(headers: HeaderList, name: string): HeaderList {
  const lower = name.toLowerCase();
  return headers.filter(([k]) => k.toLowerCase() !== lower);
}
