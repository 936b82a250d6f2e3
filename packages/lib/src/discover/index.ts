/**
 * `@matrix-support/lib/discover`: server name -> URL -> fetch -> result, the cache, and the
 * transport check. fetch-based with no Node-only imports: pass any fetch-compatible function.
 * @module @matrix-support/lib/discover
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
export {
  LocalStorageSeenStore,
  MemorySeenStore,
  parseSeenEntry,
  rememberSupport,
  type SeenEntry,
  type SeenState,
  type SeenStore,
  type StorageLike,
  seenKey,
  type WatchOptions,
  type WatchResult,
  watchSupport,
} from "./watch.js";
