/**
 * A cache for clients: honours Cache-Control/Expires within bounds (default 24 h, cap 48 h, as
 * server-server discovery does for .well-known/matrix/server), caches 404 briefly and errors with
 * exponential backoff, serves a stale document while revalidating or when the server is down, and
 * keeps entries in a small store interface so apps can persist them. Runs everywhere.
 */
import { discoverSupport } from "./discover.js";
import type { DiscoverOptions, DiscoveryResult } from "./types.js";

/** What the cache stores per server name: plain JSON, so any store can keep it. */
export interface CacheEntry {
  result: DiscoveryResult;
  /** When `result` was fetched (ms since the epoch, by the cache's clock). */
  storedAt: number;
  /** Fresh until then; after it the entry is stale. */
  expiresAt: number;
  /** Consecutive failed refreshes (drives the backoff). */
  failures: number;
}

/** Where entries live: memory by default; localStorage, IndexedDB or a file for persistence. */
export interface CacheStore {
  /** The entry for a (lower-case) server name. */
  get(key: string): CacheEntry | undefined | Promise<CacheEntry | undefined>;
  /** Stores an entry. */
  set(key: string, entry: CacheEntry): void | Promise<void>;
  /** Forgets an entry. */
  delete(key: string): void | Promise<void>;
}

/** Every bound of the cache, in milliseconds. */
export interface CachePolicy {
  /** When the answer says nothing about caching (default 24 h). */
  defaultTtlMs: number;
  /** Upper bound for any max-age or Expires (default 48 h). */
  maxTtlMs: number;
  /** Lower bound, so max-age=0 does not mean a request per lookup (default 5 min). */
  minTtlMs: number;
  /** A 404 (nothing published) is kept this long at most (default 1 h). */
  notFoundTtlMs: number;
  /** First retry delay after a failure; doubles per failure (default 1 min). */
  errorTtlMs: number;
  /** The backoff's cap (default 1 h). */
  maxErrorTtlMs: number;
  /** A stale document is served at once (and refreshed behind) this long after expiry (default 1 h). */
  staleWhileRevalidateMs: number;
  /** A stale document is served when a refresh fails, up to this age (default 7 days). */
  staleIfErrorMs: number;
}

const HOUR = 3_600_000;
/** 24 h by default within [5 min, 48 h]; 404 for 1 h; errors back off 1 min to 1 h; stale served up to 1 h while refreshing, 7 days while failing. */
export const DEFAULT_CACHE_POLICY: CachePolicy = {
  defaultTtlMs: 24 * HOUR,
  maxTtlMs: 48 * HOUR,
  minTtlMs: 5 * 60_000,
  notFoundTtlMs: HOUR,
  errorTtlMs: 60_000,
  maxErrorTtlMs: HOUR,
  staleWhileRevalidateMs: HOUR,
  staleIfErrorMs: 7 * 24 * HOUR,
};

/** In memory, least recently used out first. */
export class MemoryStore implements CacheStore {
  private readonly map = new Map<string, CacheEntry>();
  constructor(private readonly maxEntries = 1000) {}
  /** The entry, marked as recently used. */
  get(key: string): CacheEntry | undefined {
    const e = this.map.get(key);
    if (e) {
      this.map.delete(key);
      this.map.set(key, e);
    }
    return e;
  }
  /** Stores an entry; the least recently used one goes beyond the limit. */
  set(key: string, entry: CacheEntry): void {
    this.map.delete(key);
    this.map.set(key, entry);
    if (this.map.size > this.maxEntries) this.map.delete(this.map.keys().next().value as string);
  }
  /** Forgets an entry. */
  delete(key: string): void {
    this.map.delete(key);
  }
}

/**
 * How long a successful answer stays fresh, from its headers: `no-store` -> not cached (null);
 * `max-age` minus `Age`; else `Expires` minus `Date`; else the default; bounded by min and max.
 */
export function answerTtl(
  headers: Record<string, string> | undefined,
  policy: CachePolicy,
  now: number,
): number | null {
  const cc = (headers?.["cache-control"] ?? "").toLowerCase();
  if (/(^|,)\s*no-store\s*(,|$)/.test(cc)) return null;
  let ttl: number | undefined;
  const maxAge = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/.exec(cc);
  if (maxAge) {
    const age = Number(headers?.age ?? 0);
    ttl = (Number(maxAge[1]) - (Number.isFinite(age) ? age : 0)) * 1000;
  } else if (/(^|,)\s*no-cache\s*(,|$)/.test(cc)) ttl = 0;
  else if (headers?.expires !== undefined) {
    const expires = Date.parse(headers.expires);
    const date = headers.date !== undefined ? Date.parse(headers.date) : now;
    ttl = Number.isNaN(expires) ? 0 : expires - (Number.isNaN(date) ? now : date);
  }
  return Math.min(policy.maxTtlMs, Math.max(policy.minTtlMs, ttl ?? policy.defaultTtlMs));
}

/** The backoff after `failures` consecutive failures (1 = the first). */
export function errorTtl(failures: number, policy: CachePolicy): number {
  return Math.min(policy.maxErrorTtlMs, policy.errorTtlMs * 2 ** Math.max(0, failures - 1));
}

const failed = (r: DiscoveryResult): boolean =>
  r.status === "unreachable" || r.status === "invalid";

/**
 * The entry to store after fetching `result`, given the previous entry: null = store nothing.
 * Pure, so the rules are testable with any clock.
 */
export function nextEntry(
  previous: CacheEntry | undefined,
  result: DiscoveryResult,
  now: number,
  policy: CachePolicy,
): CacheEntry | null {
  if (failed(result)) {
    const failures = (previous?.failures ?? 0) + 1;
    const expiresAt = now + errorTtl(failures, policy);
    // Keep serving the last good document while the server is down (stale-if-error).
    if (previous?.result.status === "found" && now - previous.storedAt <= policy.staleIfErrorMs)
      return { ...previous, expiresAt, failures };
    return { result, storedAt: now, expiresAt, failures };
  }
  if (result.status === "not_found")
    return { result, storedAt: now, expiresAt: now + policy.notFoundTtlMs, failures: 0 };
  const ttl = answerTtl(result.http.headers, policy, now);
  return ttl === null ? null : { result, storedAt: now, expiresAt: now + ttl, failures: 0 };
}

/** `SupportCache.get`'s answer: the result and where it came from. */
export interface CachedResult {
  result: DiscoveryResult;
  /** `network`: just fetched; `cache`: fresh; `stale`: expired (being refreshed, or the server is down). */
  source: "network" | "cache" | "stale";
}

/** Options of `SupportCache`; every one is optional. */
export interface SupportCacheOptions {
  store?: CacheStore | undefined;
  policy?: Partial<CachePolicy> | undefined;
  /** The clock (ms since the epoch); inject one in tests. */
  now?: (() => number) | undefined;
  /** Options for every discovery (fetch, timeout, ...). */
  discoverOptions?: DiscoverOptions | undefined;
  /** Replaces `discoverSupport` (tests, or a server-side proxy). */
  discover?:
    | ((serverName: string, options: DiscoverOptions) => Promise<DiscoveryResult>)
    | undefined;
}

/** Support information per server name for clients: cached by the answer's headers, shared in-flight requests, stale served when the server is down. */
export class SupportCache {
  readonly policy: CachePolicy;
  private readonly store: CacheStore;
  private readonly now: () => number;
  private readonly inFlight = new Map<string, Promise<CachedResult>>();

  constructor(private readonly options: SupportCacheOptions = {}) {
    this.policy = { ...DEFAULT_CACHE_POLICY, ...options.policy };
    this.store = options.store ?? new MemoryStore();
    this.now = options.now ?? Date.now;
  }

  /** The support information of `serverName`, from the cache when fresh enough. */
  async get(serverName: string): Promise<CachedResult> {
    const key = serverName.toLowerCase();
    const entry = await this.store.get(key);
    const now = this.now();
    if (entry && now < entry.expiresAt)
      return { result: entry.result, source: entry.failures > 0 ? "stale" : "cache" };
    if (
      entry?.result.status === "found" &&
      entry.failures === 0 &&
      now < entry.expiresAt + this.policy.staleWhileRevalidateMs
    ) {
      this.refresh(serverName).catch(() => {});
      return { result: entry.result, source: "stale" };
    }
    return this.refresh(serverName);
  }

  /** Fetches now (one request at a time per server) and stores the outcome. */
  refresh(serverName: string): Promise<CachedResult> {
    const key = serverName.toLowerCase();
    const running = this.inFlight.get(key);
    if (running) return running;
    const discover = this.options.discover ?? discoverSupport;
    const task = (async (): Promise<CachedResult> => {
      const result = await discover(serverName, this.options.discoverOptions ?? {});
      const previous = await this.store.get(key);
      const entry = nextEntry(previous, result, this.now(), this.policy);
      if (entry) await this.store.set(key, entry);
      else await this.store.delete(key);
      if (entry && entry.result !== result) return { result: entry.result, source: "stale" };
      return { result, source: "network" };
    })().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, task);
    return task;
  }

  /** Forgets what is stored about `serverName`. */
  async delete(serverName: string): Promise<void> {
    await this.store.delete(serverName.toLowerCase());
  }
}
