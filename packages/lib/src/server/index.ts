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
export type { Diagnostic } from "../core/diagnostics.js";
export { type WellKnownBodies, wellKnownBodies } from "./bodies.js";
export {
  answerToResponse,
  createSupportHandler,
  type HandlerMetrics,
  InvalidSupportError,
  type RouteHandler,
  type Routes,
  type SupportHandler,
  type SupportHandlerOptions,
} from "./handler.js";
export { contentHash, etagMatches, strongEtag } from "./hash.js";
export {
  DEFAULT_LANGUAGE,
  format,
  formatParts,
  isLanguageTag,
  LANGUAGE_TAGS,
  LANGUAGES,
  type Language,
  type LanguageTag,
  languageOf,
  type Messages,
  matchLanguage,
  negotiateLanguage,
  parseAcceptLanguage,
  placeholders,
} from "./i18n/index.js";
export {
  type Answer,
  CORS_HEADERS,
  compileSite,
  HEALTH_PATH,
  METRICS_PATH,
  NOT_PUBLISHED_TEXTS,
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
  pageLanguage,
  renderSupportPage,
  roleText,
  SUPPORT_PAGE_CSS,
  SUPPORT_PAGE_ICON,
  safeHref,
  supportPageCssPath,
  supportPageIconPath,
} from "./support-page.js";
