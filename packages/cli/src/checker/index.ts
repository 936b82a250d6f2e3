/**
 * The web checker as routes for `serve`: `/check` (the page), `/check/assets/*` (its bundle) and
 * `/api/check` (the probe), and beside them the generator page `/new` (which may load live files
 * through the probe). Node-only (the probe resolves names and opens sockets).
 */
import { checkServer } from "../../../lib/src/discover/check.js";
import type { Routes } from "../../../lib/src/server/handler.js";
import {
  type CheckFunction,
  type ClientKeyFunction,
  createProbeHandler,
  PROBE_PATH,
} from "./api.js";
import { loadWebAssets } from "./assets.js";
import {
  ASSET_PREFIX,
  CHECK_PATH,
  createAssetHandler,
  createPageHandler,
  type WebAssets,
} from "./check-page.js";
import { generatorRoutes } from "./generator-page.js";
import { guardedTransport, type ProbeTransportOptions } from "./guard.js";
import type { ConcurrencyCap, RateLimiter } from "./rate-limit.js";

export * from "./address-policy.js";
export {
  type CheckFunction,
  type ClientKeyFunction,
  createProbeHandler,
  PROBE_PATH,
} from "./api.js";
export { loadWebAssets } from "./assets.js";
export {
  ASSET_PREFIX,
  CHECK_CSP,
  CHECK_PATH,
  createAssetHandler,
  createPageHandler,
  renderCheckerPage,
} from "./check-page.js";
export {
  createGeneratorPage,
  GENERATOR_ASSET_PREFIX,
  GENERATOR_PATH,
  type GeneratorPageOptions,
  generatorRoutes,
  renderGeneratorPage,
} from "./generator-page.js";
export { PUBLIC_PORTS, publicAddressPolicy, publicNameLookup, publicPortFetch } from "./guard.js";
export { ConcurrencyCap, clientKeyOf, RateLimiter } from "./rate-limit.js";

export interface WebCheckerOptions extends ProbeTransportOptions {
  /** Per check, redirects and body included (ms, default 10 000). */
  timeout?: number | undefined;
  /** The client's address, for the per-client rate limit. */
  clientAddress?: ClientKeyFunction | undefined;
  limiter?: RateLimiter | undefined;
  cap?: ConcurrencyCap | undefined;
  /** Where the built page lives (default dist/web). */
  webDir?: string | undefined;
  /** Replaces the real check (tests). */
  check?: CheckFunction | undefined;
}

export interface WebChecker {
  routes: Routes;
  /**
   * The routes with the pages' default language set (the config's `page.default_language`);
   * the probe and the assets are shared with `routes`, so rate limits carry over.
   */
  routesFor(defaultLanguage: string | undefined): Routes;
  /** Closes the probe's connections. */
  close(): Promise<void>;
}

/**
 * Builds the checker's routes. Throws RangeError for a malformed --resolve or --connect-to rule
 * (callers validate flags first and report them as usage errors).
 */
export function createWebChecker(options: WebCheckerOptions = {}): WebChecker {
  let close = async () => {};
  let check = options.check;
  if (!check) {
    const reach = guardedTransport(options);
    const timeout = options.timeout ?? 10_000;
    // A session per check: the GET and the preflight share one connection, closed after.
    check = async (serverName) => {
      const session = (await reach.transport()).session();
      try {
        return await checkServer(serverName, { fetch: reach.guard(session.fetch), timeout });
      } finally {
        await session.close();
      }
    };
    close = reach.close;
  }
  let loading: Promise<WebAssets | Error> | undefined;
  const assets = () => {
    loading ??= loadWebAssets(options.webDir);
    return loading;
  };
  const probe = createProbeHandler({
    check,
    clientAddress: options.clientAddress,
    limiter: options.limiter,
    cap: options.cap,
  });
  const assetHandler = createAssetHandler(assets);
  // The generator page (/new), in the same default language as the checker's.
  const generator = generatorRoutes({ webDir: options.webDir, probe: true });
  const byLanguage = new Map<string | undefined, Routes>();
  const routesFor = (defaultLanguage: string | undefined): Routes => {
    let routes = byLanguage.get(defaultLanguage);
    if (routes === undefined) {
      routes = {
        [CHECK_PATH]: createPageHandler(assets, { defaultLanguage }),
        [`${ASSET_PREFIX}*`]: assetHandler,
        [PROBE_PATH]: probe,
        ...generator(defaultLanguage),
      };
      byLanguage.set(defaultLanguage, routes);
    }
    return routes;
  };
  return {
    routes: routesFor(undefined),
    routesFor,
    close: () => close(),
  };
}
