/**
 * `@matrix-support/lib/server`: the web-standard handler and the support page. No Node-only
 * imports: runs in Node, Bun, Deno, Cloudflare Workers and Next.js. For node:http, Express and
 * Fastify, see `@matrix-support/lib/node`.
 * @module @matrix-support/lib/server
 */
export { type WellKnownBodies, wellKnownBodies } from "./bodies.js";
export {
  answerToResponse,
  createSupportHandler,
  type HandlerMetrics,
  type RouteHandler,
  type Routes,
  type SupportHandler,
  type SupportHandlerOptions,
} from "./handler.js";
export { contentHash, etagMatches, strongEtag } from "./hash.js";
export {
  type Answer,
  CORS_HEADERS,
  compileSite,
  HEALTH_PATH,
  METRICS_PATH,
  PAGE_CSP,
  PAGE_PATH,
  PREFLIGHT_HEADERS,
  type Site,
  WELL_KNOWN_PATHS,
  wellKnownHeaders,
} from "./site.js";
export {
  escapeHtml,
  type PageOptions,
  renderSupportPage,
  SUPPORT_PAGE_CSS,
  SUPPORT_PAGE_ICON,
  safeHref,
  supportPageCssPath,
  supportPageIconPath,
} from "./support-page.js";
