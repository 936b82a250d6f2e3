/**
 * matrix-support/discover: server name -> URL -> fetch -> result, the cache, and the transport
 * check. fetch-based with no Node-only imports; the Node transport (--cacert, --resolve,
 * --connect-to) is in `matrix-support/discover/node`.
 */
export { decodeUtf8, readCapped } from "./body.js";
export {
  answerTtl,
  type CachedResult,
  type CacheEntry,
  type CachePolicy,
  type CacheStore,
  DEFAULT_CACHE_POLICY,
  errorTtl,
  MemoryStore,
  nextEntry,
  SupportCache,
  type SupportCacheOptions,
} from "./cache.js";
export {
  type CheckOptions,
  type CheckOutcome,
  type CheckReport,
  checkServer,
  DEFAULT_SLOW_MS,
  failedCheckReport,
  type PreflightResult,
  runCheck,
  transportDiagnostics,
} from "./check.js";
export { discoverSupport, REPORTED_HEADERS } from "./discover.js";
export {
  canonicalJson,
  compareDocuments,
  compareExpected,
  type ExpectedSupport,
} from "./expect.js";
export { classifyError } from "./failure.js";
export {
  type ConnectToRule,
  parseConnectTo,
  parseResolve,
  type ResolveRule,
  route,
} from "./routes.js";
export * from "./types.js";
