/**
 * `@matrix-support/lib/discover`: server name -> URL -> fetch -> result, the cache, and the
 * transport check. fetch-based with no Node-only imports: pass any fetch-compatible function.
 * @module @matrix-support/lib/discover
 */

export type {
  ChangeChannel,
  CompareOptions,
  Risk,
  SupportChange,
  SupportComparison,
} from "../core/compare.js";
export type * from "../core/shared-types.js";
export {
  type CachedResult,
  type CacheEntry,
  type CachePolicy,
  type CacheStore,
  DEFAULT_CACHE_POLICY,
  MemoryStore,
  SupportCache,
  type SupportCacheOptions,
} from "./cache.js";
export {
  type CheckOptions,
  type CheckReport,
  checkServer,
} from "./check.js";
export { discoverSupport } from "./discover.js";
export type { ExpectedSupport } from "./expect.js";
export * from "./types.js";
export {
  LocalStorageSeenStore,
  MemorySeenStore,
  rememberSupport,
  type SeenEntry,
  type SeenState,
  type SeenStore,
  type StorageLike,
  type WatchOptions,
  type WatchResult,
  watchSupport,
} from "./watch.js";
