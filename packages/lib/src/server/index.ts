/**
 * `@matrix-support/lib/server`: the web-standard handler and the support page. No Node-only
 * imports: runs in Node, Bun, Deno, Cloudflare Workers and Next.js. For node:http, Express and
 * Fastify, see `@matrix-support/lib/node`. The config it serves: the `Config` type, and
 * `validateConfig` for a config that is already an object.
 * @module @matrix-support/lib/server
 */

export { type ConfigValidation, validateConfig } from "../config/check.js";
export {
  type Config,
  type ConfigFormat,
  DEFAULT_CACHE_MAX_AGE,
  DEFAULT_HOST,
  DEFAULT_PORT,
  type HttpConfig,
  type PageConfig,
  type PageTexts,
  publishesSupport,
} from "../config/types.js";
export type * from "../core/shared-types.js";
export { type WellKnownBodies, wellKnownBodies } from "./bodies.js";
export {
  createSupportHandler,
  type HandlerMetrics,
  InvalidSupportError,
  type RouteHandler,
  type Routes,
  type SupportHandler,
  type SupportHandlerOptions,
} from "./handler.js";
export {
  DEFAULT_LANGUAGE,
  type en,
  isLanguageTag,
  LANGUAGE_TAGS,
  LANGUAGES,
  type Language,
  type LanguageRange,
  type LanguageTag,
  type Messages,
  matchLanguage,
  negotiateLanguage,
  parseAcceptLanguage,
} from "./i18n/index.js";
export {
  type Answer,
  CORS_HEADERS,
  HEALTH_PATH,
  METRICS_PATH,
  NOT_PUBLISHED_TEXTS,
  PAGE_CSP,
  PAGE_PATH,
  PREFLIGHT_HEADERS,
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
